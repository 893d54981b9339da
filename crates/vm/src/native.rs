//! Helpers for writing builtin functions and methods in Rust: registering them on types and
//! modules, and checking their arguments with CPython's messages.

use crate::object::{ObjRef, Payload};
use crate::objects::dictops::table_set_str;
use crate::objects::function::{Args, BuiltinData, GetSetData, MethodDef, MethodKind, NativeFn};
use crate::objects::str::PyStr;
use crate::objects::typeobj::type_data;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

impl Vm {
    /// A `builtin_function_or_method` not bound to anything.
    pub fn new_native(&self, name: &'static str, func: NativeFn) -> Value {
        let data = BuiltinData {
            name,
            func,
            bound: None,
            owner: None,
            doc: None,
            is_method: false,
            is_classmethod: false,
            is_static: false,
            needs_frame: false,
            fastcall: false,
        };
        Value::Obj(ObjRef::new(
            self.types.builtin_function.clone(),
            Payload::Builtin(Box::new(data)),
        ))
    }

    /// Put `value` into a type's namespace under `name` (no Python code runs).
    pub fn set_type_attr(&mut self, ty: &ObjRef, name: &str, value: Value) {
        let key = self.intern(name);
        let h = self.str_obj_hash(&key);
        let td = type_data(ty);
        table_set_str(&mut td.dict.borrow_mut(), Value::Obj(key), h, value);
        td.version.set(td.version.get() + 1);
        self.types_changed();
    }

    /// Register a method table on a type.
    pub fn add_methods(&mut self, ty: &ObjRef, defs: &[MethodDef]) {
        for d in defs {
            // A type's own constructor is `tp_new_wrapper` in CPython: a builtin method bound
            // to the type (`list.__new__.__self__ is list`), not a staticmethod, so that
            // `MyList.__new__ is list.__new__` and it pickles as `getattr(list, '__new__')`.
            let is_new = d.kind == MethodKind::Static && d.name == "__new__";
            let data = BuiltinData {
                name: d.name,
                func: d.func,
                bound: is_new.then(|| Value::Obj(ty.clone())),
                owner: Some(ty.clone()),
                doc: if d.doc.is_empty() { None } else { Some(d.doc) },
                is_method: d.kind == MethodKind::Instance,
                is_classmethod: d.kind == MethodKind::Class,
                is_static: d.kind == MethodKind::Static,
                needs_frame: false,
                fastcall: false,
            };
            let class = match d.kind {
                MethodKind::Instance => self.types.method_descriptor.clone(),
                MethodKind::Class => self.types.classmethod_descriptor.clone(),
                MethodKind::Static => self.types.builtin_function.clone(),
            };
            let v = Value::Obj(ObjRef::new(class, Payload::Builtin(Box::new(data))));
            let v = if d.kind == MethodKind::Static && !is_new {
                Value::Obj(ObjRef::new(
                    self.types.staticmethod.clone(),
                    Payload::StaticMethod(std::cell::RefCell::new(v)),
                ))
            } else {
                v
            };
            self.set_type_attr(ty, d.name, v);
        }
    }

    /// Register a builtin attribute (`getset_descriptor`) on a type.
    pub fn add_getset(
        &mut self,
        ty: &ObjRef,
        name: &'static str,
        get: fn(&mut Vm, &Value) -> PyResult<Value>,
        set: Option<fn(&mut Vm, &Value, Option<Value>) -> PyResult<()>>,
    ) {
        let data = GetSetData {
            name,
            get,
            set,
            owner: ty.clone(),
        };
        let v = Value::Obj(ObjRef::new(
            self.types.getset_descriptor.clone(),
            Payload::GetSet(Box::new(data)),
        ));
        self.set_type_attr(ty, name, v);
    }

    /// Put a value into a namespace dict (module globals) by name.
    pub fn set_dict_str(&mut self, dict: &ObjRef, name: &str, value: Value) {
        let key = self.intern(name);
        let h = self.str_obj_hash(&key);
        if let Payload::Dict(t) = &dict.payload {
            table_set_str(&mut t.borrow_mut(), Value::Obj(key), h, value);
        }
    }

    /// A new module object named `name` with an empty namespace.
    pub fn new_module(&mut self, name: &str) -> ObjRef {
        let dict = self.new_dict();
        let n = self.new_str(name);
        self.set_dict_str(&dict, "__name__", n);
        self.set_dict_str(&dict, "__doc__", Value::None);
        self.set_dict_str(&dict, "__package__", Value::None);
        self.set_dict_str(&dict, "__loader__", Value::None);
        self.set_dict_str(&dict, "__spec__", Value::None);
        ObjRef::new(
            self.types.module.clone(),
            Payload::Module(Box::new(crate::objects::function::ModuleData { dict })),
        )
    }

    /// Add native functions to a module's namespace.
    pub fn add_functions(&mut self, module: &ObjRef, funcs: &[(&'static str, NativeFn)]) {
        let Payload::Module(m) = &module.payload else {
            return;
        };
        let dict = m.dict.clone();
        for (name, f) in funcs {
            let data = BuiltinData {
                name,
                func: *f,
                bound: Some(Value::Obj(module.clone())),
                owner: None,
                doc: None,
                is_method: false,
                is_classmethod: false,
                is_static: false,
                needs_frame: matches!(
                    *name,
                    "locals" | "vars" | "dir" | "exec" | "eval" | "get_objects" | "get_referrers"
                ),
                fastcall: false,
            };
            let v = Value::Obj(ObjRef::new(
                self.types.builtin_function.clone(),
                Payload::Builtin(Box::new(data)),
            ));
            self.set_dict_str(&dict, name, v);
        }
    }

    /// `NotImplementedError(msg)`: for features Krait does not have yet.
    pub fn not_implemented_error(&mut self, msg: impl Into<String>) -> PyErr {
        let t = self.types.not_implemented_error.clone();
        self.new_exception_msg(&t, msg)
    }
}

/// Reject keyword arguments: `name() takes no keyword arguments`.
pub fn no_kwargs(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<()> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    Ok(())
}

/// Positional arguments of a function that takes between `min` and `max` of them and no
/// keywords, with CPython's Argument Clinic messages.
#[inline]
pub fn pos_args<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    if !args.has_kwargs() && (min..=max).contains(&args.values.len()) {
        return Ok(args.values);
    }
    Err(pos_args_error(vm, args, name, min, max))
}

/// Why [`pos_args`] refused its arguments.
#[cold]
#[inline(never)]
fn pos_args_error(vm: &mut Vm, args: &Args<'_>, name: &str, min: usize, max: usize) -> PyErr {
    match pos_args_checked(vm, args, name, min, max) {
        Err(e) => e,
        Ok(_) => vm.type_error(format!("{name}() arguments refused")),
    }
}

fn pos_args_checked<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    no_kwargs(vm, args, name)?;
    let n = args.values.len();
    if n < min || n > max {
        return Err(arity_error(vm, name, min, max, n));
    }
    Ok(args.values)
}

/// Positional arguments of a method: `self` first, then between `min` and `max` more.
#[inline]
pub fn method_args<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<(&'a Value, &'a [Value])> {
    if !args.has_kwargs()
        && let Some((this, rest)) = args.values.split_first()
        && (min..=max).contains(&rest.len())
    {
        return Ok((this, rest));
    }
    Err(method_args_error(vm, args, name, min, max))
}

/// Why [`method_args`] refused its arguments.
#[cold]
#[inline(never)]
fn method_args_error(vm: &mut Vm, args: &Args<'_>, name: &str, min: usize, max: usize) -> PyErr {
    match method_args_checked(vm, args, name, min, max) {
        Err(e) => e,
        Ok(_) => vm.type_error(format!("{name}() arguments refused")),
    }
}

fn method_args_checked<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<(&'a Value, &'a [Value])> {
    no_kwargs(vm, args, name)?;
    let Some((this, rest)) = args.values.split_first() else {
        return Err(vm.type_error(format!("descriptor '{name}' needs an argument")));
    };
    let n = rest.len();
    if n < min || n > max {
        return Err(arity_error(vm, name, min, max, n));
    }
    Ok((this, rest))
}

/// CPython's arity messages.
pub fn arity_error(vm: &mut Vm, name: &str, min: usize, max: usize, n: usize) -> PyErr {
    let msg = if min == max {
        match min {
            0 => format!("{name}() takes no arguments ({n} given)"),
            1 => format!("{name}() takes exactly one argument ({n} given)"),
            _ => format!("{name} expected {min} arguments, got {n}"),
        }
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )
    };
    vm.type_error(msg)
}

/// The `PyStr` of a str value, if it is one.
pub fn as_pystr(v: &Value) -> Option<&PyStr> {
    match v.payload() {
        Some(Payload::Str(s)) => Some(s),
        _ => None,
    }
}

/// A value that must be a type (the `cls` of a `__new__`), with CPython's message
/// `what(X): X is not a type object (T)`.
pub fn type_arg(vm: &mut Vm, v: &Value, what: &str) -> PyResult<ObjRef> {
    match v {
        Value::Obj(o) if matches!(o.payload, Payload::Type(_)) => Ok(o.clone()),
        _ => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("{what}(X): X is not a type object ({tn})")))
        }
    }
}

/// The class argument of `name.__new__(cls, ...)`.
pub fn new_cls(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<ObjRef> {
    match args.values.first() {
        Some(v) => type_arg(vm, v, &format!("{name}.__new__")),
        None => Err(vm.type_error(format!("{name}.__new__(): not enough arguments"))),
    }
}

/// Whether `cls` inherits `base`'s own `name` slot unchanged (CPython's
/// `type->tp_init == PyTuple_Type.tp_init` tests: a builtin's constructor refuses keyword
/// arguments only when no subclass `__init__`/`__new__` could be taking them).
pub fn inherits_slot(vm: &mut Vm, cls: &ObjRef, base: &ObjRef, name: &'static str) -> bool {
    if ObjRef::ptr_eq(cls, base) {
        return true;
    }
    match (
        vm.type_lookup_str(cls, name),
        vm.type_lookup_str(base, name),
    ) {
        (Some(a), Some(b)) => a.is(&b),
        (None, None) => true,
        _ => false,
    }
}

/// The state of a native module's object, if `v` holds a `T` (`Payload::Native`).
pub fn native_ref<T: 'static>(v: &Value) -> Option<&T> {
    match v.payload() {
        Some(Payload::Native(b)) => b.downcast_ref::<T>(),
        _ => None,
    }
}

/// Bind positional and keyword arguments to the parameters `names` (CPython's
/// `_PyArg_UnpackKeywords`, with its messages): the first `required` must be given; a missing
/// optional one is `Value::Null`.
pub fn bind_args(
    vm: &mut Vm,
    args: &Args<'_>,
    fname: &str,
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Value>> {
    let pos = args.pos();
    if pos.len() > names.len() {
        let n = names.len();
        return Err(vm.type_error(format!(
            "{fname}() takes at most {n} argument{} ({} given)",
            if n == 1 { "" } else { "s" },
            pos.len()
        )));
    }
    let mut out = vec![Value::Null; names.len()];
    out[..pos.len()].clone_from_slice(pos);
    // As CPython, a missing required argument is reported before a keyword that repeats a
    // positional one, and that before an unknown keyword.
    let mut repeated: Option<usize> = None;
    let mut unknown: Option<String> = None;
    for (k, v) in args.kwargs() {
        let key = vm.str_text(k);
        match names.iter().position(|n| *n == key) {
            Some(i) if i < pos.len() => repeated = Some(repeated.map_or(i, |r| r.min(i))),
            Some(i) => out[i] = v.clone(),
            None => {
                unknown.get_or_insert(key);
            }
        }
    }
    for (i, v) in out.iter().enumerate().take(required) {
        if v.is_null() {
            return Err(vm.type_error(format!(
                "{fname}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            )));
        }
    }
    if let Some(i) = repeated {
        return Err(vm.type_error(format!(
            "argument for {fname}() given by name ('{}') and position ({})",
            names[i],
            i + 1
        )));
    }
    if let Some(key) = unknown {
        return Err(vm.type_error(format!(
            "'{key}' is an invalid keyword argument for {fname}()"
        )));
    }
    Ok(out)
}
