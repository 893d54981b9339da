//! `object`, `type`, `super`, `property`, `staticmethod`, `classmethod` and the small
//! singleton types (CPython: `Objects/typeobject.c`, `Objects/descrobject.c`,
//! `Objects/funcobject.c`, `Objects/object.c`).

use std::cell::RefCell;

use krait_bytecode::CompareOp;

use crate::native::{method_args, pos_args};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::typeobj::{is_subtype, type_data};
use crate::value::Value;
use crate::{PyErr, PyResult, Vm, methods};

/// Register the core types' methods.
pub fn init(vm: &mut Vm) {
    let object = vm.types.object.clone();
    vm.add_methods(
        &object,
        methods![
            staticmethod "__new__" => object_new, "";
            method "__init__" => object_init, "";
            method "__repr__" => object_repr, "";
            method "__str__" => object_str, "";
            method "__hash__" => object_hash, "";
            method "__eq__" => object_eq, "";
            method "__ne__" => object_ne, "";
            method "__lt__" => object_cmp_ni, "";
            method "__le__" => object_cmp_ni, "";
            method "__gt__" => object_cmp_ni, "";
            method "__ge__" => object_cmp_ni, "";
            method "__getattribute__" => object_getattribute, "";
            method "__setattr__" => object_setattr, "";
            method "__delattr__" => object_delattr, "";
            method "__format__" => object_format, "";
            method "__dir__" => object_dir, "";
            method "__sizeof__" => object_sizeof, "";
            method "__reduce_ex__" => super::reduce::object_reduce_ex, "";
            method "__reduce__" => super::reduce::object_reduce, "";
            method "__getstate__" => super::reduce::object_getstate, "";
            classmethod "__init_subclass__" => object_init_subclass, "";
            classmethod "__subclasshook__" => object_subclasshook, "";
        ],
    );
    let builtin = vm.types.builtin_function.clone();
    vm.add_methods(
        &builtin,
        methods![ method "__reduce__" => super::reduce::builtin_reduce, ""; ],
    );
    vm.add_getset(
        &object,
        "__class__",
        object_get_class,
        Some(object_set_class),
    );
    let ty = vm.types.type_.clone();
    vm.add_methods(
        &ty,
        methods![
            staticmethod "__new__" => type_new_native, "";
            method "__init__" => type_init, "";
            method "__call__" => type_call_native, "";
            method "__repr__" => type_repr, "";
            method "mro" => type_mro, "";
            method "__subclasses__" => type_subclasses, "";
            method "__instancecheck__" => type_instancecheck, "";
            method "__subclasscheck__" => type_subclasscheck, "";
            method "__dir__" => object_dir, "";
            method "__getattribute__" => object_getattribute, "";
            method "__setattr__" => object_setattr, "";
            method "__delattr__" => object_delattr, "";
            method "__sizeof__" => object_sizeof, "";
            classmethod "__prepare__" => type_prepare, "";
        ],
    );
    vm.add_getset(&ty, "__name__", type_get_name, Some(type_set_name));
    vm.add_getset(
        &ty,
        "__qualname__",
        type_get_qualname,
        Some(type_set_qualname),
    );
    vm.add_getset(&ty, "__mro__", type_get_mro, None);
    vm.add_getset(&ty, "__bases__", type_get_bases, Some(type_set_bases));
    vm.add_getset(&ty, "__base__", type_get_base, None);
    vm.add_getset(&ty, "__flags__", type_get_flags, None);
    vm.add_getset(&ty, "__dict__", type_get_dict, None);
    vm.add_getset(&ty, "__module__", type_get_module, Some(type_set_module));
    vm.add_getset(&ty, "__doc__", type_get_doc, Some(type_set_doc));
    vm.add_getset(
        &ty,
        "__abstractmethods__",
        type_get_abstract,
        Some(type_set_abstract),
    );
    vm.add_getset(
        &ty,
        "__annotations__",
        type_get_annotations,
        Some(type_set_annotations),
    );
    // Instances with a __dict__ expose it.
    let sup = vm.types.super_.clone();
    vm.add_methods(
        &sup,
        methods![
            staticmethod "__new__" => super_new, "";
            method "__init__" => noop_init, "";
            method "__repr__" => super_repr, "";
            method "__get__" => super_get, "";
        ],
    );
    vm.add_getset(&sup, "__thisclass__", super_thisclass, None);
    vm.add_getset(&sup, "__self__", super_self, None);
    vm.add_getset(&sup, "__self_class__", super_self_class, None);
    let prop = vm.types.property.clone();
    vm.add_methods(
        &prop,
        methods![
            staticmethod "__new__" => property_new, "";
            method "__init__" => property_init, "";
            method "__get__" => property_get, "";
            method "__set__" => property_set, "";
            method "__delete__" => property_delete, "";
            method "getter" => property_getter, "";
            method "setter" => property_setter, "";
            method "deleter" => property_deleter, "";
            method "__set_name__" => property_set_name, "";
        ],
    );
    vm.add_getset(&prop, "fget", property_fget, None);
    vm.add_getset(&prop, "fset", property_fset, None);
    vm.add_getset(&prop, "fdel", property_fdel, None);
    vm.add_getset(&prop, "__doc__", property_doc, Some(property_set_doc));
    vm.add_getset(&prop, "__isabstractmethod__", property_isabstract, None);
    for (t, is_static) in [
        (vm.types.staticmethod.clone(), true),
        (vm.types.classmethod.clone(), false),
    ] {
        vm.add_methods(
            &t,
            if is_static {
                methods![
                    staticmethod "__new__" => staticmethod_new, "";
                    method "__init__" => noop_init, "";
                    method "__get__" => wrapper_get, "";
                    method "__call__" => staticmethod_call, "";
                    method "__repr__" => wrapper_repr, "";
                ]
            } else {
                methods![
                    staticmethod "__new__" => classmethod_new, "";
                    method "__init__" => noop_init, "";
                    method "__get__" => wrapper_get, "";
                    method "__repr__" => wrapper_repr, "";
                ]
            },
        );
        vm.add_getset(&t, "__func__", wrapper_func, None);
        vm.add_getset(&t, "__wrapped__", wrapper_func, None);
        vm.add_getset(&t, "__isabstractmethod__", wrapper_isabstract, None);
        vm.add_getset(&t, "__dict__", instance_dict, None);
    }
    let none = vm.types.none_type.clone();
    vm.add_methods(&none, methods![ staticmethod "__new__" => none_new, ""; method "__repr__" => none_repr, ""; method "__bool__" => false_bool, ""; ]);
    let ni = vm.types.not_implemented_type.clone();
    vm.add_methods(&ni, methods![ staticmethod "__new__" => ni_new, ""; method "__repr__" => ni_repr, ""; method "__bool__" => ni_bool, ""; method "__reduce__" => ni_repr, ""; ]);
    let el = vm.types.ellipsis_type.clone();
    vm.add_methods(&el, methods![ staticmethod "__new__" => ellipsis_new, ""; method "__repr__" => ellipsis_repr, ""; method "__reduce__" => ellipsis_repr, ""; ]);
    let _ = (none, ni, el);
}

fn noop_init(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::None)
}

// ----- object -----

fn object_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(first) = args.values.first() else {
        return Err(vm.type_error("object.__new__(): not enough arguments"));
    };
    let cls = crate::native::type_arg(vm, first, "object.__new__")?;
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    vm.object_new(&cls, rest)
}

fn object_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.values.len() > 1 {
        let this = &args.values[0];
        let t = vm.type_of(this);
        let object = vm.types.object.clone();
        let init_overridden = !matches!(vm.type_lookup_str(&t, "__init__"), Some(Value::Obj(o)) if matches!(&o.payload, Payload::Builtin(b) if b.owner.as_ref().is_some_and(|x| ObjRef::ptr_eq(x, &object))));
        let new_is_object = matches!(vm.type_lookup_str(&t, "__new__"), Some(Value::Obj(o)) if matches!(&o.payload, Payload::Builtin(b) if b.owner.as_ref().is_some_and(|x| ObjRef::ptr_eq(x, &object))));
        if init_overridden {
            return Err(vm.type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            ));
        }
        if new_is_object {
            let n = type_data(&t).name.borrow().clone();
            return Err(vm.type_error(format!(
                "{n}.__init__() takes exactly one argument (the instance to initialize)"
            )));
        }
    }
    Ok(Value::None)
}

fn object_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let r = vm.default_repr(this);
    Ok(vm.new_string(r))
}

fn object_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__str__", 0, 0)?;
    vm.repr(this)
}

fn object_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__hash__", 0, 0)?;
    Ok(Value::Int(crate::ops::hash_identity(this)))
}

fn object_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__eq__", 1, 1)?;
    Ok(if this.is(&rest[0]) {
        Value::bool(true)
    } else {
        vm.not_implemented.clone()
    })
}

fn object_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__ne__", 1, 1)?;
    // Invert __eq__ unless it returns NotImplemented.
    let r = match vm.call_special(this, "__eq__", &rest[..1])? {
        Some(r) => r,
        None => return Ok(vm.not_implemented.clone()),
    };
    if r.is(&vm.not_implemented) {
        return Ok(r);
    }
    let b = vm.is_true(&r)?;
    Ok(Value::bool(!b))
}

fn object_cmp_ni(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(vm.not_implemented.clone())
}

fn name_arg(vm: &mut Vm, v: &Value) -> PyResult<ObjRef> {
    match v {
        Value::Obj(o) if matches!(o.payload, Payload::Str(_)) => Ok(o.clone()),
        _ => Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(v)
        ))),
    }
}

fn object_getattribute(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__getattribute__", 1, 1)?;
    let name = name_arg(vm, &rest[0])?;
    match vm.generic_getattr(this, &name)? {
        Some(v) => Ok(v),
        None => Err(vm.no_attribute(this, &name)),
    }
}

fn object_setattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__setattr__", 2, 2)?;
    let name = name_arg(vm, &rest[0])?;
    vm.generic_setattr(this, &name, Some(rest[1].clone()))?;
    Ok(Value::None)
}

fn object_delattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__delattr__", 1, 1)?;
    let name = name_arg(vm, &rest[0])?;
    vm.generic_setattr(this, &name, None)?;
    Ok(Value::None)
}

fn object_format(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__format__", 1, 1)?;
    let Some(Payload::Str(spec)) = rest[0].payload() else {
        return Err(vm.type_error(format!(
            "__format__() argument must be str, not {}",
            vm.type_name(&rest[0])
        )));
    };
    if !spec.is_empty() {
        let tn = vm.type_name(this);
        return Err(vm.type_error(format!(
            "unsupported format string passed to {tn}.__format__"
        )));
    }
    vm.str(this)
}

fn object_dir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__dir__", 0, 0)?;
    let mut names: Vec<Value> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut add = |vm: &mut Vm, table: &crate::objects::dict::DictTable, names: &mut Vec<Value>| {
        for e in table.iter() {
            let t = vm.str_text(&e.key);
            if seen.insert(t) {
                names.push(e.key.clone());
            }
        }
    };
    if let Value::Obj(o) = this {
        if let Some(d) = &vm.instance_dict(o)
            && let Payload::Dict(t) = &d.payload
        {
            add(vm, &t.borrow(), &mut names);
        }
        if let Payload::Module(m) = &o.payload
            && let Payload::Dict(t) = &m.dict.payload
        {
            add(vm, &t.borrow(), &mut names);
        }
    }
    let mro = match this {
        Value::Obj(o) if matches!(o.payload, Payload::Type(_)) => type_data(o).mro.borrow().clone(),
        _ => type_data(&vm.type_of(this)).mro.borrow().clone(),
    };
    if !matches!(this.payload(), Some(Payload::Module(_))) {
        for t in &mro {
            add(vm, &type_data(t).dict.borrow(), &mut names);
        }
    }
    Ok(vm.new_list(names))
}

fn object_sizeof(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_this, _) = method_args(vm, &args, "__sizeof__", 0, 0)?;
    Ok(Value::Int(16))
}

fn object_init_subclass(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() || args.values.len() > 1 {
        let n = match args.values.first().and_then(|c| c.payload()) {
            Some(Payload::Type(t)) => t.name.borrow().clone(),
            _ => String::from("object"),
        };
        return Err(vm.type_error(format!(
            "{n}.__init_subclass__() takes no keyword arguments"
        )));
    }
    Ok(Value::None)
}

fn object_subclasshook(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(vm.not_implemented.clone())
}

fn object_get_class(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Obj(vm.type_of(this)))
}

fn object_set_class(vm: &mut Vm, this: &Value, value: Option<Value>) -> PyResult<()> {
    let Some(v) = value else {
        return Err(vm.type_error("can't delete __class__ attribute"));
    };
    let Value::Obj(new) = &v else {
        return Err(vm.type_error(format!(
            "__class__ must be set to a class, not '{}' object",
            vm.type_name(&v)
        )));
    };
    if !matches!(new.payload, Payload::Type(_)) {
        return Err(vm.type_error(format!(
            "__class__ must be set to a class, not '{}' object",
            vm.type_name(&v)
        )));
    }
    let Value::Obj(o) = this else {
        return Err(vm.type_error(
            "__class__ assignment only supported for mutable types or ModuleType subclasses",
        ));
    };
    let old = o.class();
    let (od, nd) = (type_data(&old), type_data(new));
    if od.builtin || nd.builtin {
        return Err(vm.type_error(
            "__class__ assignment only supported for mutable types or ModuleType subclasses",
        ));
    }
    if od.layout != nd.layout || od.slot_names != nd.slot_names || od.has_dict != nd.has_dict {
        let (a, b) = (nd.name.borrow().clone(), od.name.borrow().clone());
        return Err(vm.type_error(format!(
            "__class__ assignment: '{a}' object layout differs from '{b}'"
        )));
    }
    // Inline attributes are indexed by the old class's keys: move them to a dict first.
    vm.instance_dict(o);
    o.set_class(new.clone());
    Ok(())
}

fn instance_dict(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    if let Value::Obj(o) = this {
        if let Some(d) = vm.instance_dict(o) {
            return Ok(Value::Obj(d));
        }
        let nd = vm.new_dict();
        drop(o.set_instance_dict(Some(nd.clone())));
        return Ok(Value::Obj(nd));
    }
    Err(vm.attribute_error(format!(
        "'{}' object has no attribute '__dict__'",
        vm.type_name(this)
    )))
}

/// `__dict__` of ordinary instances (installed on classes whose instances have a dict).
pub fn instance_dict_get(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    // `subtype_dict`: a class whose metaclass found this descriptor on a plain mixin before
    // `type` (`class Meta(Mixin, type)`) still shows its own namespace, through the
    // descriptor of its builtin base `type`.
    if matches!(this.payload(), Some(Payload::Type(_))) {
        return type_get_dict(vm, this);
    }
    instance_dict(vm, this)
}

/// Setting `__dict__` of ordinary instances.
pub fn instance_dict_set(vm: &mut Vm, this: &Value, value: Option<Value>) -> PyResult<()> {
    if matches!(this.payload(), Some(Payload::Type(_))) {
        return Err(vm.attribute_error("attribute '__dict__' of 'type' objects is not writable"));
    }
    let Some(v) = value else {
        // `subtype_setdict` (instances of Python classes) accepts NULL: a fresh dict appears
        // on the next access. Functions' `func_set_dict` refuses.
        if let Value::Obj(o) = this
            && matches!(o.payload, Payload::Plain(_) | Payload::Slots(_))
        {
            let nd = vm.new_dict();
            drop(o.set_instance_dict(Some(nd)));
            return Ok(());
        }
        return Err(vm.type_error("cannot delete __dict__"));
    };
    let Value::Obj(d) = &v else {
        return Err(vm.type_error(format!(
            "__dict__ must be set to a dictionary, not a '{}'",
            vm.type_name(&v)
        )));
    };
    if !matches!(d.payload, Payload::Dict(_)) {
        return Err(vm.type_error(format!(
            "__dict__ must be set to a dictionary, not a '{}'",
            vm.type_name(&v)
        )));
    }
    if let Value::Obj(o) = this {
        drop(o.set_instance_dict(Some(d.clone())));
    }
    Ok(())
}

// ----- type -----

fn type_new_native(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    let Some(first) = pos.first() else {
        return Err(vm.type_error("type.__new__(): not enough arguments"));
    };
    let meta = crate::native::type_arg(vm, first, "type.__new__")?;
    if pos.len() == 2 && ObjRef::ptr_eq(&meta, &vm.types.type_) && !args.has_kwargs() {
        return Ok(Value::Obj(vm.type_of(&pos[1])));
    }
    if pos.len() != 4 {
        return Err(vm.type_error(if pos.len() == 2 {
            "type.__new__() takes exactly 3 arguments (1 given)"
        } else {
            "type() takes 1 or 3 arguments"
        }));
    }
    let Some(Payload::Str(_)) = pos[1].payload() else {
        return Err(vm.type_error(format!(
            "type.__new__() argument 1 must be str, not {}",
            vm.type_name(&pos[1])
        )));
    };
    let Some(Payload::Tuple(bases)) = pos[2].payload() else {
        return Err(vm.type_error(format!(
            "type.__new__() argument 2 must be tuple, not {}",
            vm.type_name(&pos[2])
        )));
    };
    if !matches!(pos[3].payload(), Some(Payload::Dict(_))) {
        return Err(vm.type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            vm.type_name(&pos[3])
        )));
    }
    // `_PyType_CalculateMetaclass` runs over the bases' types first, so a non-type base
    // is reported as a metaclass conflict.
    let all_bases = bases.to_vec();
    vm.calculate_metaclass(&meta, &all_bases)?;
    let mut bs = Vec::new();
    for b in bases.iter() {
        match b {
            Value::Obj(o) if matches!(o.payload, Payload::Type(_)) => bs.push(o.clone()),
            _ => {
                return Err(vm.type_error(format!(
                    "type.__new__() argument 2 must be tuple of types, not {}",
                    vm.type_name(b)
                )));
            }
        }
    }
    let bvals: Vec<Value> = bs.iter().map(|b| Value::Obj(b.clone())).collect();
    let winner = vm.calculate_metaclass(&meta, &bvals)?;
    let name = vm.str_text(&pos[1]);
    let kw: Vec<(Value, Value)> = args.kwargs().map(|(k, v)| (k.clone(), v.clone())).collect();
    if !ObjRef::ptr_eq(&winner, &meta) {
        // A more derived metaclass with its own __new__ takes over (type_new's
        // `winner->tp_new != type_new` case).
        let h = vm.hash_text("__new__");
        if let Some(new) = crate::objects::typeobj::lookup(&winner, "__new__", h) {
            let new = match new.payload() {
                Some(Payload::StaticMethod(f)) => f.borrow().clone(),
                _ => new,
            };
            let is_type_new = matches!(new.payload(), Some(Payload::Builtin(b)) if b.owner.as_ref().is_some_and(|o| ObjRef::ptr_eq(o, &vm.types.type_)));
            if !is_type_new {
                let mut v = vec![Value::Obj(winner.clone())];
                v.extend_from_slice(&pos[1..]);
                v.extend(args.kwargs().map(|(_, v)| v.clone()));
                return vm.call(
                    &new,
                    Args {
                        values: &v,
                        kwnames: args.kwnames,
                    },
                );
            }
        }
    }
    let cls = vm.type_new(&winner, &name, bs, &pos[3], &kw)?;
    Ok(Value::Obj(cls))
}

fn type_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let n = args.pos().len();
    if n != 2 && n != 4 {
        return Err(vm.type_error("type.__init__() takes 1 or 3 arguments"));
    }
    Ok(Value::None)
}

fn type_call_native(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(first) = args.values.first() else {
        return Err(vm.type_error("descriptor '__call__' of 'type' object needs an argument"));
    };
    let cls = crate::native::type_arg(vm, first, "type.__call__")?;
    vm.type_call(
        &cls,
        Args {
            values: &args.values[1..],
            kwnames: args.kwnames,
        },
    )
}

fn type_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let t = crate::native::type_arg(vm, this, "type.__repr__")?;
    let module = vm.type_module_name(&t);
    let q = type_data(&t).qualname.borrow().clone();
    Ok(vm.new_string(if module == "builtins" {
        format!("<class '{q}'>")
    } else {
        format!("<class '{module}.{q}'>")
    }))
}

fn type_mro(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "mro", 0, 0)?;
    let t = crate::native::type_arg(vm, this, "type.mro")?;
    let mro: Vec<Value> = type_data(&t)
        .mro
        .borrow()
        .iter()
        .map(|c| Value::Obj(c.clone()))
        .collect();
    Ok(vm.new_list(mro))
}

fn type_subclasses(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__subclasses__", 0, 0)?;
    let t = crate::native::type_arg(vm, this, "type.__subclasses__")?;
    let subs: Vec<Value> = type_data(&t)
        .subclasses
        .borrow()
        .iter()
        .filter_map(|w| w.upgrade())
        .map(Value::Obj)
        .collect();
    Ok(vm.new_list(subs))
}

/// `__weakref__` of instances: weak references are not tracked yet, so always `None`.
pub fn weakref_get(_vm: &mut Vm, _this: &Value) -> PyResult<Value> {
    Ok(Value::None)
}

fn type_instancecheck(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__instancecheck__", 1, 1)?;
    let t = crate::native::type_arg(vm, this, "type.__instancecheck__")?;
    let ot = vm.type_of(&rest[0]);
    if is_subtype(&ot, &t) {
        return Ok(Value::bool(true));
    }
    // An object's __class__ may differ from its type (proxies).
    let key = vm.intern("__class__");
    if let Some(Value::Obj(c)) = vm.getattr_opt(&rest[0], &key)?
        && matches!(c.payload, Payload::Type(_))
        && !ObjRef::ptr_eq(&c, &ot)
    {
        return Ok(Value::bool(is_subtype(&c, &t)));
    }
    Ok(Value::bool(false))
}

fn type_subclasscheck(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__subclasscheck__", 1, 1)?;
    let t = crate::native::type_arg(vm, this, "type.__subclasscheck__")?;
    match &rest[0] {
        Value::Obj(o) if matches!(o.payload, Payload::Type(_)) => {
            Ok(Value::bool(is_subtype(o, &t)))
        }
        _ => Err(vm.type_error("issubclass() arg 1 must be a class")),
    }
}

fn type_prepare(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Obj(vm.new_dict()))
}

fn as_type(vm: &mut Vm, this: &Value) -> PyResult<ObjRef> {
    crate::native::type_arg(vm, this, "type")
}

fn type_get_name(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let t = as_type(vm, this)?;
    let n = type_data(&t).name.borrow().clone();
    Ok(vm.new_string(n))
}

fn type_set_name(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let t = as_type(vm, this)?;
    if type_data(&t).builtin {
        let n = type_data(&t).name.borrow().clone();
        return Err(vm.type_error(format!(
            "cannot set '__name__' attribute of immutable type '{n}'"
        )));
    }
    match v.as_ref().and_then(|v| v.payload()) {
        Some(Payload::Str(s)) => {
            *type_data(&t).name.borrow_mut() = s.as_str().into_owned();
            Ok(())
        }
        _ => {
            let n = type_data(&t).name.borrow().clone();
            match v {
                None => Err(vm.type_error(format!(
                    "cannot delete '__name__' attribute of immutable type '{n}'"
                ))),
                Some(v) => Err(vm.type_error(format!(
                    "can only assign string to {n}.__name__, not '{}'",
                    vm.type_name(&v)
                ))),
            }
        }
    }
}

fn type_get_qualname(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let t = as_type(vm, this)?;
    let n = type_data(&t).qualname.borrow().clone();
    Ok(vm.new_string(n))
}

fn type_set_qualname(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let t = as_type(vm, this)?;
    match v.as_ref().and_then(|v| v.payload()) {
        Some(Payload::Str(s)) if !type_data(&t).builtin => {
            *type_data(&t).qualname.borrow_mut() = s.as_str().into_owned();
            Ok(())
        }
        _ => Err(vm.type_error("can only assign string to __qualname__")),
    }
}

fn type_get_mro(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let t = as_type(vm, this)?;
    let mro: Vec<Value> = type_data(&t)
        .mro
        .borrow()
        .iter()
        .map(|c| Value::Obj(c.clone()))
        .collect();
    Ok(vm.new_tuple(mro))
}

fn type_get_bases(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let t = as_type(vm, this)?;
    let b: Vec<Value> = type_data(&t)
        .bases
        .borrow()
        .iter()
        .map(|c| Value::Obj(c.clone()))
        .collect();
    Ok(vm.new_tuple(b))
}

/// `type_set_bases`: a heap type's bases replaced by a non-empty tuple of classes that does
/// not make a cycle; the MRO of the type and of its subclasses is recomputed. (CPython also
/// compares instance layouts; Krait's payload layouts are checked only for builtin bases.)
fn type_set_bases(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let t = as_type(vm, this)?;
    let name = type_data(&t).name.borrow().clone();
    if type_data(&t).builtin {
        return Err(vm.type_error(format!(
            "cannot set '__bases__' attribute of immutable type '{name}'"
        )));
    }
    let Some(v) = v else {
        return Err(vm.type_error(format!(
            "cannot delete '__bases__' attribute of type '{name}'"
        )));
    };
    let items = match v.payload() {
        Some(Payload::Tuple(items)) if !items.is_empty() => items.to_vec(),
        _ => {
            let tn = vm.type_name(&v);
            return Err(vm.type_error(format!(
                "can only assign non-empty tuple to {name}.__bases__, not {tn}"
            )));
        }
    };
    let mut bases = Vec::with_capacity(items.len());
    for b in &items {
        match b {
            Value::Obj(o) if matches!(o.payload, Payload::Type(_)) => {
                if crate::objects::typeobj::is_subtype(o, &t) {
                    return Err(vm.type_error("a __bases__ item causes an inheritance cycle"));
                }
                if type_data(o).layout != type_data(&t).layout
                    && type_data(o).layout != crate::objects::typeobj::Layout::Object
                {
                    let bn = type_data(o).name.borrow().clone();
                    return Err(vm.type_error(format!(
                        "__bases__ assignment: '{bn}' object layout differs from '{name}'"
                    )));
                }
                bases.push(o.clone());
            }
            other => {
                let tn = vm.type_name(other);
                return Err(vm.type_error(format!(
                    "{name}.__bases__ must be tuple of classes, not '{tn}'"
                )));
            }
        }
    }
    // `compatible_for_assignment`: a builtin solid base and a class made in Python differ in
    // their deallocator, as CPython puts it.
    let old_base = type_data(&t).bases.borrow().first().cloned();
    if let (Some(ob), Some(nb)) = (old_base, bases.first())
        && type_data(&ob).builtin != type_data(nb).builtin
    {
        let (on, nn) = (
            type_data(&ob).name.borrow().clone(),
            type_data(nb).name.borrow().clone(),
        );
        return Err(vm.type_error(format!(
            "__bases__ assignment: '{nn}' deallocator differs from '{on}'"
        )));
    }
    let old = std::mem::replace(&mut *type_data(&t).bases.borrow_mut(), bases.clone());
    let mro = match crate::objects::typeobj::c3_mro(&t, &bases) {
        Ok(m) => m,
        Err(_) => {
            *type_data(&t).bases.borrow_mut() = old;
            return Err(vm.type_error(
                "Cannot create a consistent method resolution\norder (MRO) for bases",
            ));
        }
    };
    *type_data(&t).mro.borrow_mut() = mro;
    for b in &old {
        type_data(b)
            .subclasses
            .borrow_mut()
            .retain(|w| w.upgrade().is_some_and(|s| !ObjRef::ptr_eq(&s, &t)));
    }
    for b in &bases {
        type_data(b).subclasses.borrow_mut().push(t.downgrade());
    }
    // Subclasses inherit through the new bases too.
    let mut stack: Vec<ObjRef> = type_data(&t)
        .subclasses
        .borrow()
        .iter()
        .filter_map(crate::object::WeakObj::upgrade)
        .collect();
    while let Some(sub) = stack.pop() {
        let sb = type_data(&sub).bases.borrow().clone();
        if let Ok(m) = crate::objects::typeobj::c3_mro(&sub, &sb) {
            *type_data(&sub).mro.borrow_mut() = m;
        }
        stack.extend(
            type_data(&sub)
                .subclasses
                .borrow()
                .iter()
                .filter_map(crate::object::WeakObj::upgrade),
        );
    }
    vm.types_changed();
    Ok(())
}

fn type_get_base(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let t = as_type(vm, this)?;
    Ok(crate::class::solid_base(&t).map_or(Value::None, Value::Obj))
}

/// `type.__flags__`: CPython's `tp_flags` bits that Python code reads (copyreg's
/// `_HEAPTYPE` test, `inspect.isabstract`, `test.support`): MANAGED_DICT, SEQUENCE, MAPPING,
/// DISALLOW_INSTANTIATION, IMMUTABLETYPE, HEAPTYPE, BASETYPE, HAVE_VECTORCALL, READY,
/// HAVE_GC, METHOD_DESCRIPTOR, IS_ABSTRACT, MATCH_SELF and the fast-subclass bits. The
/// runtime-dependent VALID_VERSION_TAG is never set.
fn type_get_flags(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    const MANAGED_DICT: i64 = 1 << 4;
    const SEQUENCE: i64 = 1 << 5;
    const MAPPING: i64 = 1 << 6;
    const DISALLOW_INSTANTIATION: i64 = 1 << 7;
    const IMMUTABLETYPE: i64 = 1 << 8;
    const HEAPTYPE: i64 = 1 << 9;
    const BASETYPE: i64 = 1 << 10;
    const HAVE_VECTORCALL: i64 = 1 << 11;
    const READY: i64 = 1 << 12;
    const HAVE_GC: i64 = 1 << 14;
    const METHOD_DESCRIPTOR: i64 = 1 << 17;
    const IS_ABSTRACT: i64 = 1 << 20;
    const MATCH_SELF: i64 = 1 << 22;
    let t = as_type(vm, this)?;
    let tys = &vm.types;
    let (object, type_, module, function) = (
        tys.object.clone(),
        tys.type_.clone(),
        tys.module.clone(),
        tys.function.clone(),
    );
    let subclass_bits = [
        (24, tys.int.clone()),
        (25, tys.list.clone()),
        (26, tys.tuple.clone()),
        (27, tys.bytes.clone()),
        (28, tys.str.clone()),
        (29, tys.dict.clone()),
        (30, tys.base_exception.clone()),
        (31, tys.type_.clone()),
    ];
    let td = type_data(&t);
    let mro = td.mro.borrow().clone();
    let in_mro = |x: &ObjRef| mro.iter().any(|m| ObjRef::ptr_eq(m, x));
    let mut f = READY;
    if td.builtin {
        f |= IMMUTABLETYPE;
    } else {
        f |= HEAPTYPE;
    }
    if td.base_type {
        f |= BASETYPE;
    }
    // The fast-subclass bits (`Py_TPFLAGS_LONG_SUBCLASS` ... `TYPE_SUBCLASS`).
    for (bit, base) in &subclass_bits {
        if in_mro(base) {
            f |= 1 << bit;
        }
    }
    let builtin_mro: Vec<String> = mro
        .iter()
        .filter(|m| type_data(m).builtin)
        .map(|m| crate::modules::tp_name(vm, m))
        .collect();
    let has = |names: &[&str]| builtin_mro.iter().any(|n| names.contains(&n.as_str()));
    if has(&[
        "list",
        "tuple",
        "range",
        "memoryview",
        "collections.deque",
        "array.array",
    ]) {
        f |= SEQUENCE;
    }
    if has(&["dict", "mappingproxy"]) {
        f |= MAPPING;
    }
    if has(&[
        "bool",
        "bytearray",
        "bytes",
        "dict",
        "float",
        "frozenset",
        "int",
        "list",
        "set",
        "str",
        "tuple",
    ]) {
        f |= MATCH_SELF;
    }
    let name = crate::modules::tp_name(vm, &t);
    if td.builtin {
        // `tp_new == NULL`: the constructor found is `object`'s, on a type that is not
        // laid out as a plain object.
        let new = vm.type_lookup_str(&t, "__new__");
        let objects_new = matches!(new.as_ref().and_then(|n| n.payload()), Some(Payload::Builtin(b)) if b.owner.as_ref().is_some_and(|o| ObjRef::ptr_eq(o, &object)));
        if objects_new
            && !ObjRef::ptr_eq(&t, &object)
            && td.layout != crate::objects::typeobj::Layout::Object
        {
            f |= DISALLOW_INSTANTIATION;
        }
        let no_gc = [
            "object",
            "int",
            "bool",
            "float",
            "complex",
            "str",
            "bytes",
            "bytearray",
            "range",
            "NoneType",
            "NotImplementedType",
            "ellipsis",
            "code",
            "range_iterator",
            "longrange_iterator",
        ];
        if !no_gc.contains(&name.as_str()) {
            f |= HAVE_GC;
        }
        if matches!(
            name.as_str(),
            "type" | "function" | "method" | "builtin_function_or_method" | "method_descriptor"
        ) {
            f |= HAVE_VECTORCALL;
        }
        if matches!(name.as_str(), "function" | "method_descriptor") {
            f |= METHOD_DESCRIPTOR;
        }
    } else {
        // `type_new_alloc` gives every class HAVE_GC.
        f |= HAVE_GC;
        // A dict this class added (not one a builtin base such as BaseException keeps).
        let builtin_dict = mro.iter().any(|m| {
            type_data(m).builtin
                && (matches!(
                    type_data(m).layout,
                    crate::objects::typeobj::Layout::Builtin(
                        crate::objects::typeobj::BuiltinKind::Exception
                            | crate::objects::typeobj::BuiltinKind::Type
                    )
                ) || ObjRef::ptr_eq(m, &module)
                    || ObjRef::ptr_eq(m, &function))
        });
        if td.has_dict && !builtin_dict {
            f |= MANAGED_DICT;
        }
    }
    let h = vm.hash_text("__abstractmethods__");
    if !ObjRef::ptr_eq(&t, &type_)
        && let Some(am) =
            crate::objects::typeobj::dict_get_str(&td.dict.borrow(), "__abstractmethods__", h)
        && vm.is_true(&am)?
    {
        f |= IS_ABSTRACT;
    }
    Ok(Value::Int(f))
}

fn type_get_dict(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let _ = as_type(vm, this)?;
    Ok(Value::Obj(ObjRef::new(
        vm.types.mappingproxy.clone(),
        Payload::MappingProxy(this.clone()),
    )))
}

fn type_get_module(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let t = as_type(vm, this)?;
    let h = vm.hash_text("__module__");
    match crate::objects::typeobj::dict_get_str(&type_data(&t).dict.borrow(), "__module__", h) {
        // `type`'s own dict holds this getset, not a module name.
        Some(v) if !type_data(&t).builtin || matches!(v.payload(), Some(Payload::Str(_))) => Ok(v),
        _ => Ok(Value::Obj(vm.intern("builtins"))),
    }
}

fn type_set_module(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let t = as_type(vm, this)?;
    if type_data(&t).builtin {
        let n = type_data(&t).name.borrow().clone();
        return Err(vm.type_error(format!(
            "cannot set '__module__' attribute of immutable type '{n}'"
        )));
    }
    vm.set_type_attr(&t, "__module__", v.unwrap_or(Value::None));
    Ok(())
}

fn type_get_doc(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let t = as_type(vm, this)?;
    let h = vm.hash_text("__doc__");
    let v = crate::objects::typeobj::dict_get_str(&type_data(&t).dict.borrow(), "__doc__", h);
    match v {
        Some(d) => {
            let ty = Value::Obj(t);
            vm.descriptor_get(&d, &Value::Null, &ty)
        }
        None => Ok(Value::None),
    }
}

/// A heap type's namespace entry `name` set or deleted (`type_set_doc`,
/// `type_set_annotations`); builtin types refuse.
fn set_heap_type_entry(vm: &mut Vm, this: &Value, name: &str, v: Option<Value>) -> PyResult<()> {
    let t = as_type(vm, this)?;
    if type_data(&t).builtin {
        let n = type_data(&t).name.borrow().clone();
        return Err(vm.type_error(format!(
            "cannot set '{name}' attribute of immutable type '{n}'"
        )));
    }
    match v {
        Some(v) => vm.set_type_attr(&t, name, v),
        None => {
            let h = vm.hash_text(name);
            let removed = crate::objects::dictops::table_del_str(
                &mut type_data(&t).dict.borrow_mut(),
                name,
                h,
            );
            vm.types_changed();
            if !removed {
                let k = vm.intern(name);
                return Err(vm.no_attribute(this, &k));
            }
        }
    }
    Ok(())
}

fn type_set_doc(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    set_heap_type_entry(vm, this, "__doc__", v)
}

fn type_set_annotations(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    set_heap_type_entry(vm, this, "__annotations__", v)
}

fn type_get_abstract(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let t = as_type(vm, this)?;
    let h = vm.hash_text("__abstractmethods__");
    // `type`'s own dict holds this descriptor, not a value (CPython skips `type` itself).
    let v = if ObjRef::ptr_eq(&t, &vm.types.type_) {
        None
    } else {
        crate::objects::typeobj::dict_get_str(
            &type_data(&t).dict.borrow(),
            "__abstractmethods__",
            h,
        )
    };
    match v {
        Some(v) => Ok(v),
        // CPython's message is the bare name.
        None => Err(vm.attribute_error("__abstractmethods__")),
    }
}

fn type_set_abstract(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let t = as_type(vm, this)?;
    match v {
        Some(v) => vm.set_type_attr(&t, "__abstractmethods__", v),
        None => {
            let h = vm.hash_text("__abstractmethods__");
            crate::objects::dictops::table_del_str(
                &mut type_data(&t).dict.borrow_mut(),
                "__abstractmethods__",
                h,
            );
            vm.types_changed();
        }
    }
    Ok(())
}

fn type_get_annotations(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let t = as_type(vm, this)?;
    let h = vm.hash_text("__annotations__");
    let v =
        crate::objects::typeobj::dict_get_str(&type_data(&t).dict.borrow(), "__annotations__", h);
    match v {
        Some(v) => Ok(v),
        None => {
            if type_data(&t).builtin {
                let k = vm.intern("__annotations__");
                return Err(vm.no_attribute(this, &k));
            }
            let d = Value::Obj(vm.new_dict());
            vm.set_type_attr(&t, "__annotations__", d.clone());
            Ok(d)
        }
    }
}

// ----- super -----

fn super_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    match pos.len() {
        1 => Err(vm.runtime_error("super(): no arguments")),
        2 | 3 => {
            let cls = match &pos[1] {
                Value::Obj(o) if matches!(o.payload, Payload::Type(_)) => o.clone(),
                other => {
                    return Err(vm.type_error(format!(
                        "super() argument 1 must be a type, not {}",
                        vm.type_name(other)
                    )));
                }
            };
            let obj = pos.get(2).cloned().unwrap_or(Value::None);
            vm.new_super(&cls, obj)
        }
        n => Err(vm.type_error(format!(
            "super() expected at most 2 arguments, got {}",
            n - 1
        ))),
    }
}

fn super_parts(vm: &mut Vm, this: &Value) -> PyResult<(ObjRef, Value)> {
    match this.payload() {
        Some(Payload::Super(s)) => Ok((s.0.clone(), s.1.clone())),
        _ => Err(vm.type_error("expected a super object")),
    }
}

fn super_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let (cls, obj) = super_parts(vm, this)?;
    let n = type_data(&cls).name.borrow().clone();
    if obj.is_none() {
        return Ok(vm.new_string(format!("<super: <class '{n}'>, NULL>")));
    }
    let on = match &obj {
        Value::Obj(o) if matches!(o.payload, Payload::Type(_)) => {
            type_data(o).name.borrow().clone()
        }
        _ => vm.type_name(&obj),
    };
    Ok(vm.new_string(format!("<super: <class '{n}'>, <{on} object>>")))
}

fn super_get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__get__", 1, 2)?;
    let (cls, obj) = super_parts(vm, this)?;
    if !obj.is_none() || rest[0].is_none() {
        return Ok(this.clone());
    }
    vm.new_super(&cls, rest[0].clone())
}

fn super_thisclass(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Obj(super_parts(vm, this)?.0))
}

fn super_self(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(super_parts(vm, this)?.1)
}

fn super_self_class(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let (cls, obj) = super_parts(vm, this)?;
    Ok(match &obj {
        Value::None => Value::None,
        Value::Obj(o) if matches!(o.payload, Payload::Type(_)) && is_subtype(o, &cls) => {
            obj.clone()
        }
        _ => Value::Obj(vm.type_of(&obj)),
    })
}

// ----- property -----

/// `property_descr_get/set`'s error for a missing accessor: `property 'name' of 'Qual.Name'
/// object has no getter` (the name `__set_name__` recorded, the type's qualified name).
pub(crate) fn property_missing(
    vm: &mut Vm,
    prop: &RefCell<[Value; 5]>,
    obj: &Value,
    what: &str,
) -> PyErr {
    let name = prop.borrow()[4].clone();
    let t = vm.type_of(obj);
    let q = type_data(&t).qualname.borrow().clone();
    if name.is_none() {
        return vm.attribute_error(format!("property of '{q}' object has no {what}"));
    }
    match vm.repr_string(&name) {
        Ok(n) => vm.attribute_error(format!("property {n} of '{q}' object has no {what}")),
        Err(e) => e,
    }
}

fn prop_cell<'a>(vm: &mut Vm, this: &'a Value) -> PyResult<&'a RefCell<[Value; 5]>> {
    match this.payload() {
        Some(Payload::Property(p)) => Ok(p),
        _ => Err(vm.type_error("descriptor requires a 'property' object")),
    }
}

fn property_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(first) = args.values.first() else {
        return Err(vm.type_error("property.__new__(): not enough arguments"));
    };
    let cls = crate::native::type_arg(vm, first, "property.__new__")?;
    let cell = RefCell::new([
        Value::None,
        Value::None,
        Value::None,
        Value::None,
        Value::None,
    ]);
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Property(Box::new(cell))),
    ))
}

fn property_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let names = ["fget", "fset", "fdel", "doc"];
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let pos = &args.pos()[1..];
    if pos.len() > 4 {
        return Err(vm.type_error(format!(
            "property() takes at most 4 arguments ({} given)",
            pos.len()
        )));
    }
    let mut vals = [Value::None, Value::None, Value::None, Value::None];
    for (i, v) in pos.iter().enumerate() {
        vals[i] = v.clone();
    }
    for (k, v) in args.kwargs() {
        let kn = vm.str_text(k);
        match names.iter().position(|n| *n == kn) {
            Some(i) => vals[i] = v.clone(),
            None => {
                return Err(vm.type_error(format!(
                    "property() got an unexpected keyword argument '{kn}'"
                )));
            }
        }
    }
    let p = prop_cell(vm, &this)?;
    let mut doc = vals[3].clone();
    if doc.is_none() && !vals[0].is_none() {
        let k = vm.intern("__doc__");
        if let Ok(Some(d)) = vm.getattr_opt(&vals[0], &k) {
            doc = d;
        }
    }
    let mut b = p.borrow_mut();
    b[0] = vals[0].clone();
    b[1] = vals[1].clone();
    b[2] = vals[2].clone();
    b[3] = doc;
    Ok(Value::None)
}

fn property_get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__get__", 1, 2)?;
    if rest[0].is_none() {
        return Ok(this.clone());
    }
    let getter = prop_cell(vm, this)?.borrow()[0].clone();
    if getter.is_none() {
        let p = prop_cell(vm, this)?;
        return Err(property_missing(vm, p, &rest[0], "getter"));
    }
    vm.call_pos(&getter, &rest[..1])
}

fn property_set(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__set__", 2, 2)?;
    let f = prop_cell(vm, this)?.borrow()[1].clone();
    if f.is_none() {
        let p = prop_cell(vm, this)?;
        return Err(property_missing(vm, p, &rest[0], "setter"));
    }
    vm.call_pos(&f, rest)?;
    Ok(Value::None)
}

fn property_delete(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__delete__", 1, 1)?;
    let f = prop_cell(vm, this)?.borrow()[2].clone();
    if f.is_none() {
        let p = prop_cell(vm, this)?;
        return Err(property_missing(vm, p, &rest[0], "deleter"));
    }
    vm.call_pos(&f, rest)?;
    Ok(Value::None)
}

fn property_copy_with(vm: &mut Vm, args: Args<'_>, idx: usize, name: &str) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, name, 1, 1)?;
    let mut vals = prop_cell(vm, this)?.borrow().clone();
    vals[idx] = rest[0].clone();
    let cls = vm.type_of(this);
    let doc_from_getter = idx == 0 && !vals[0].is_none();
    if doc_from_getter {
        let k = vm.intern("__doc__");
        if let Ok(Some(d)) = vm.getattr_opt(&vals[0], &k) {
            vals[3] = d;
        }
    }
    let clsv = Value::Obj(cls);
    let new = vm.call_pos(&clsv, &vals[..4])?;
    if let Some(Payload::Property(p)) = new.payload() {
        p.borrow_mut()[4] = vals[4].clone();
    }
    Ok(new)
}

fn property_getter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    property_copy_with(vm, args, 0, "getter")
}

fn property_setter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    property_copy_with(vm, args, 1, "setter")
}

fn property_deleter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    property_copy_with(vm, args, 2, "deleter")
}

fn property_set_name(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let n = args.values.len().saturating_sub(1);
    if n != 2 || args.has_kwargs() {
        return Err(vm.type_error(format!(
            "__set_name__() takes 2 positional arguments but {n} were given"
        )));
    }
    let (this, rest) = method_args(vm, &args, "__set_name__", 2, 2)?;
    prop_cell(vm, this)?.borrow_mut()[4] = rest[1].clone();
    Ok(Value::None)
}

fn property_fget(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(prop_cell(vm, this)?.borrow()[0].clone())
}

fn property_fset(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(prop_cell(vm, this)?.borrow()[1].clone())
}

fn property_fdel(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(prop_cell(vm, this)?.borrow()[2].clone())
}

fn property_doc(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(prop_cell(vm, this)?.borrow()[3].clone())
}

fn property_set_doc(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    prop_cell(vm, this)?.borrow_mut()[3] = v.unwrap_or(Value::None);
    Ok(())
}

fn property_isabstract(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let fs = prop_cell(vm, this)?.borrow().clone();
    for f in &fs[..3] {
        let k = vm.intern("__isabstractmethod__");
        if let Some(v) = vm.getattr_opt(f, &k)?
            && vm.is_true(&v)?
        {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

// ----- staticmethod / classmethod -----

fn staticmethod_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = pos_args(vm, &args, "staticmethod", 2, 2)?;
    let cls = crate::native::type_arg(vm, &pos[0], "staticmethod.__new__")?;
    let o = vm.new_object(&cls, Payload::StaticMethod(RefCell::new(pos[1].clone())));
    copy_wrapped_attrs(vm, &o, &pos[1])?;
    Ok(Value::Obj(o))
}

/// `functools_wraps` in `sm_init`/`cm_init`: the wrapper's own `__dict__` gets the callable's
/// `__module__`, `__name__`, `__qualname__`, `__doc__` and `__annotations__`.
fn copy_wrapped_attrs(vm: &mut Vm, o: &ObjRef, callable: &Value) -> PyResult<()> {
    let d = vm.new_dict();
    for name in [
        "__module__",
        "__name__",
        "__qualname__",
        "__doc__",
        "__annotations__",
    ] {
        let k = vm.intern(name);
        if let Some(v) = vm.getattr_opt(callable, &k)? {
            vm.set_dict_str(&d, name, v);
        }
    }
    drop(o.set_instance_dict(Some(d)));
    Ok(())
}

fn classmethod_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = pos_args(vm, &args, "classmethod", 2, 2)?;
    let cls = crate::native::type_arg(vm, &pos[0], "classmethod.__new__")?;
    let o = vm.new_object(&cls, Payload::ClassMethod(RefCell::new(pos[1].clone())));
    copy_wrapped_attrs(vm, &o, &pos[1])?;
    Ok(Value::Obj(o))
}

fn wrapped(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    match this.payload() {
        Some(Payload::StaticMethod(f) | Payload::ClassMethod(f)) => Ok(f.borrow().clone()),
        _ => Err(vm.type_error("expected a staticmethod or classmethod")),
    }
}

fn wrapper_get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__get__", 1, 2)?;
    let owner = rest
        .get(1)
        .cloned()
        .unwrap_or_else(|| Value::Obj(vm.type_of(&rest[0])));
    // `wrap_descr_get`: an instance of None means access through the class.
    let inst = if rest[0].is_none() {
        Value::Null
    } else {
        rest[0].clone()
    };
    vm.descriptor_get(this, &inst, &owner)
}

fn staticmethod_call(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first() else {
        return Err(vm.type_error("staticmethod.__call__ needs an argument"));
    };
    let f = wrapped(vm, this)?;
    vm.call(
        &f,
        Args {
            values: &args.values[1..],
            kwnames: args.kwnames,
        },
    )
}

fn wrapper_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let f = wrapped(vm, this)?;
    let r = vm.repr_string(&f)?;
    let tn = vm.type_name(this);
    Ok(vm.new_string(format!("<{tn}({r})>")))
}

fn wrapper_func(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    wrapped(vm, this)
}

fn wrapper_isabstract(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let f = wrapped(vm, this)?;
    let k = vm.intern("__isabstractmethod__");
    match vm.getattr_opt(&f, &k)? {
        Some(v) => Ok(Value::bool(vm.is_true(&v)?)),
        None => Ok(Value::bool(false)),
    }
}

// ----- None, NotImplemented, Ellipsis -----

fn none_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.values.len() > 1 || args.has_kwargs() {
        return Err(vm.type_error("NoneType takes no arguments"));
    }
    Ok(Value::None)
}

fn none_repr(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Obj(vm.intern("None")))
}

fn false_bool(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::bool(false))
}

fn ni_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.values.len() > 1 || args.has_kwargs() {
        return Err(vm.type_error("NotImplementedType takes no arguments"));
    }
    Ok(vm.not_implemented.clone())
}

fn ni_repr(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Obj(vm.intern("NotImplemented")))
}

fn ni_bool(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let t = vm.types.deprecation_warning.clone();
    vm.warn(&t, "NotImplemented should not be used in a boolean context")?;
    Ok(Value::bool(true))
}

fn ellipsis_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.values.len() > 1 || args.has_kwargs() {
        return Err(vm.type_error("ellipsis takes no arguments"));
    }
    Ok(vm.ellipsis.clone())
}

fn ellipsis_repr(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Obj(vm.intern("Ellipsis")))
}

impl Vm {
    /// Compare two values with a rich comparison and return the truth of the result.
    pub fn compare_bool(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<bool> {
        let r = self.compare(a, b, op)?;
        self.is_true(&r)
    }
}
