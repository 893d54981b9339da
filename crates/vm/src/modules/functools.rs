//! `_functools` (CPython: `Modules/_functoolsmodule.c`): `reduce`, `cmp_to_key`, `partial`
//! and `_lru_cache_wrapper` (in `functools/lru.rs`).
//!
//! A `partial` keeps its function, a tuple of arguments and a dict of keywords; calling it
//! builds one argument vector (stored arguments, then the call's, then the merged keywords) and
//! calls the function once. A `partial` of a `partial` without instance attributes is flattened
//! at construction, as in CPython.

use std::cell::RefCell;

use krait_bytecode::CompareOp;

use crate::native::{bind_args, method_args, native_ref, pos_args};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::sequence::{repr_enter, repr_leave};
use crate::objects::typeobj::{BuiltinKind, Layout, TypeData, type_data};
use crate::value::Value;
use crate::{PyResult, Vm};

mod lru;

struct Partial {
    func: RefCell<Value>,
    /// A tuple.
    args: RefCell<Value>,
    /// A dict.
    kw: RefCell<Value>,
}

/// A `cmp_to_key` wrapper: the comparison function and, once called, the wrapped object.
struct KeyWrapper {
    cmp: Value,
    obj: RefCell<Value>,
}

/// The values a partial or key wrapper holds (`gc.get_referents`).
pub(super) fn native_referents(n: &dyn std::any::Any, visit: &mut dyn FnMut(&Value)) {
    if let Some(p) = n.downcast_ref::<Partial>() {
        for c in [&p.func, &p.args, &p.kw] {
            if let Ok(v) = c.try_borrow() {
                visit(&v);
            }
        }
    } else if let Some(l) = n.downcast_ref::<lru::Lru>() {
        lru::referents(l, visit);
    } else if let Some(k) = n.downcast_ref::<KeyWrapper>() {
        visit(&k.cmp);
        if let Ok(v) = k.obj.try_borrow() {
            visit(&v);
        }
    }
}

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let (partial, key) = match vm.mods.functools_types.clone() {
        Some(t) => t,
        None => {
            let partial = partial_type(vm);
            vm.add_methods(
                &partial,
                crate::methods![
                    staticmethod "__new__" => partial_new, "";
                    method "__call__" => partial_call, "";
                    method "__repr__" => partial_repr, "";
                    method "__reduce__" => partial_reduce, "";
                    method "__setstate__" => partial_setstate, "";
                    classmethod "__class_getitem__" => class_getitem, "";
                ],
            );
            vm.add_getset(&partial, "func", partial_func, None);
            vm.add_getset(&partial, "args", partial_args, None);
            vm.add_getset(&partial, "keywords", partial_keywords, None);
            vm.add_getset(
                &partial,
                "__dict__",
                crate::objects::object::instance_dict_get,
                Some(crate::objects::object::instance_dict_set),
            );
            let doc = vm.new_str(
                "partial(func, *args, **keywords) - new function with partial application\n    of the given arguments and keywords.\n",
            );
            vm.set_type_attr(&partial, "__doc__", doc);
            let key = super::new_type(vm, "functools", "KeyWrapper", false);
            vm.add_methods(
                &key,
                crate::methods![
                    method "__call__" => key_call, "";
                    method "__eq__" => key_eq, "";
                    method "__ne__" => key_ne, "";
                    method "__lt__" => key_lt, "";
                    method "__le__" => key_le, "";
                    method "__gt__" => key_gt, "";
                    method "__ge__" => key_ge, "";
                ],
            );
            vm.set_type_attr(&key, "__hash__", Value::None);
            vm.add_getset(&key, "obj", key_obj, None);
            vm.mods.functools_types = Some((partial.clone(), key.clone()));
            (partial, key)
        }
    };
    let _ = key;
    super::set_attr(vm, m, "partial", Value::Obj(partial));
    vm.add_functions(m, &[("reduce", reduce), ("cmp_to_key", cmp_to_key)]);
    let lru = lru::make_type(vm);
    super::set_attr(vm, m, "_lru_cache_wrapper", Value::Obj(lru));
    Ok(())
}

/// `functools.partial`: subclassable, and its instances carry a `__dict__`.
fn partial_type(vm: &mut Vm) -> ObjRef {
    let object = vm.types.object.clone();
    let mut data = TypeData::new(
        "partial",
        vec![object.clone()],
        Layout::Builtin(BuiltinKind::Other),
        true,
    );
    data.has_dict = true;
    data.base_type = true;
    let t = ObjRef::new(vm.types.type_.clone(), Payload::Type(Box::new(data)));
    *type_data(&t).mro.borrow_mut() = vec![t.clone(), object];
    let m = vm.new_str("functools");
    vm.set_type_attr(&t, "__module__", m);
    t
}

// ----- reduce -----

fn reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("reduce() takes no keyword arguments"));
    }
    let a = args.pos();
    if a.len() < 2 {
        return Err(vm.type_error(format!(
            "reduce expected at least 2 arguments, got {}",
            a.len()
        )));
    }
    if a.len() > 3 {
        return Err(vm.type_error(format!(
            "reduce expected at most 3 arguments, got {}",
            a.len()
        )));
    }
    let func = a[0].clone();
    let it = match vm.iter(&a[1]) {
        Ok(it) => it,
        Err(e) => {
            let te = vm.types.type_error.clone();
            if vm.err_matches(&e, &te) {
                return Err(vm.type_error("reduce() arg 2 must support iteration"));
            }
            return Err(e);
        }
    };
    let mut acc = a.get(2).cloned();
    while let Some(item) = vm.next(&it)? {
        acc = Some(match acc {
            None => item,
            Some(r) => vm.call_pos(&func, &[r, item])?,
        });
    }
    match acc {
        Some(r) => Ok(r),
        None => Err(vm.type_error("reduce() of empty iterable with no initial value")),
    }
}

// ----- cmp_to_key -----

fn new_key(vm: &mut Vm, cmp: Value, obj: Value) -> PyResult<Value> {
    let Some((_, t)) = vm.mods.functools_types.clone() else {
        return Err(vm.runtime_error("_functools is not initialised"));
    };
    let k = KeyWrapper {
        cmp,
        obj: RefCell::new(obj),
    };
    Ok(Value::Obj(vm.new_object(&t, Payload::Native(Box::new(k)))))
}

fn cmp_to_key(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "cmp_to_key", &["mycmp"], 1)?;
    new_key(vm, a[0].clone(), Value::Null)
}

fn key_of<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a KeyWrapper> {
    native_ref::<KeyWrapper>(v)
        .ok_or_else(|| vm.type_error("descriptor requires a 'functools.KeyWrapper' object"))
}

fn key_call(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let n = rest.pos().len() + rest.kwargs().count();
    if n > 1 {
        return Err(vm.type_error(format!("K() takes at most 1 argument ({n} given)")));
    }
    let a = bind_args(vm, &rest, "K", &["obj"], 1)?;
    let cmp = key_of(vm, &this)?.cmp.clone();
    new_key(vm, cmp, a[0].clone())
}

fn key_obj(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let v = key_of(vm, this)?.obj.borrow().clone();
    if v.is_null() {
        return Err(vm.attribute_error("obj"));
    }
    Ok(v)
}

fn key_compare(vm: &mut Vm, args: &Args<'_>, name: &str, op: CompareOp) -> PyResult<Value> {
    let (this, a) = method_args(vm, args, name, 1, 1)?;
    let other = a[0].clone();
    let same = vm.type_of(this).addr() == vm.type_of(&other).addr();
    if !same {
        return Err(vm.type_error("other argument must be K instance"));
    }
    let k = key_of(vm, this)?;
    let (cmp, x) = (k.cmp.clone(), k.obj.borrow().clone());
    let y = key_of(vm, &other)?.obj.borrow().clone();
    if x.is_null() || y.is_null() {
        return Err(vm.attribute_error("object"));
    }
    let res = vm.call_pos(&cmp, &[x, y])?;
    vm.compare(&res, &Value::Int(0), op)
}

fn key_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    key_compare(vm, &args, "__eq__", CompareOp::Eq)
}
fn key_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    key_compare(vm, &args, "__ne__", CompareOp::Ne)
}
fn key_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    key_compare(vm, &args, "__lt__", CompareOp::Lt)
}
fn key_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    key_compare(vm, &args, "__le__", CompareOp::Le)
}
fn key_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    key_compare(vm, &args, "__gt__", CompareOp::Gt)
}
fn key_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    key_compare(vm, &args, "__ge__", CompareOp::Ge)
}

// ----- partial -----

fn partial_of<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Partial> {
    native_ref::<Partial>(v)
        .ok_or_else(|| vm.type_error("descriptor requires a 'functools.partial' object"))
}

/// Whether `v`'s instance dict holds anything (CPython flattens only a partial without one).
fn has_attrs(v: &Value) -> bool {
    v.as_obj().and_then(|o| o.materialized_dict()).is_some_and(
        |d| matches!(&d.payload, Payload::Dict(t) if t.borrow().iter().next().is_some()),
    )
}

fn partial_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "partial")?;
    let pos = args.pos();
    let Some(first) = pos.get(1) else {
        return Err(vm.type_error("type 'partial' takes at least one argument"));
    };
    let mut func = first.clone();
    let mut stored: Vec<Value> = Vec::new();
    let mut stored_kw: Vec<(Value, Value)> = Vec::new();
    if let Some(p) = native_ref::<Partial>(&func)
        && !has_attrs(&func)
    {
        let inner = p.func.borrow().clone();
        if let Some(Payload::Tuple(t)) = p.args.borrow().payload() {
            stored = t.to_vec();
        }
        let kw = p.kw.borrow().clone();
        stored_kw = vm.dict_items(&kw)?;
        func = inner;
    }
    if !vm.is_callable(&func) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    stored.extend_from_slice(pos.get(2..).unwrap_or(&[]));
    let kw = vm.new_dict();
    for (k, v) in stored_kw {
        vm.dict_set(&kw, k, v)?;
    }
    for (k, v) in args.kwargs() {
        vm.dict_set(&kw, k.clone(), v.clone())?;
    }
    let p = Partial {
        func: RefCell::new(func),
        args: RefCell::new(vm.new_tuple(stored)),
        kw: RefCell::new(Value::Obj(kw)),
    };
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Native(Box::new(p))),
    ))
}

fn partial_call(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first() else {
        return Err(
            vm.type_error("descriptor '__call__' of 'functools.partial' object needs an argument")
        );
    };
    let p = partial_of(vm, this)?;
    let func = p.func.borrow().clone();
    let stored = p.args.borrow().clone();
    let kw = p.kw.borrow().clone();
    let call_pos = args.pos().get(1..).unwrap_or(&[]);
    let mut values: Vec<Value> = match stored.payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    };
    values.extend_from_slice(call_pos);
    let stored_kw = match kw.payload() {
        Some(Payload::Dict(t)) if t.borrow().iter().next().is_some() => vm.dict_items(&kw)?,
        _ => Vec::new(),
    };
    if stored_kw.is_empty() {
        // The call's own keywords pass through unchanged.
        let names = args.kwnames;
        values.extend(args.kwargs().map(|(_, v)| v.clone()));
        return vm.call(
            &func,
            Args {
                values: &values,
                kwnames: names,
            },
        );
    }
    let mut names: Vec<Value> = Vec::new();
    let mut kvals: Vec<Value> = Vec::new();
    for (k, v) in stored_kw {
        names.push(k);
        kvals.push(v);
    }
    for (k, v) in args.kwargs() {
        let ks = vm.str_text(k);
        let mut found = false;
        for (i, n) in names.iter().enumerate() {
            if matches!(n.payload(), Some(Payload::Str(_))) && vm.str_text(n) == ks {
                kvals[i] = v.clone();
                found = true;
                break;
            }
        }
        if !found {
            names.push(k.clone());
            kvals.push(v.clone());
        }
    }
    for n in &names {
        if !matches!(n.payload(), Some(Payload::Str(_))) {
            return Err(vm.type_error("keywords must be strings"));
        }
    }
    values.extend(kvals);
    vm.call(
        &func,
        Args {
            values: &values,
            kwnames: &names,
        },
    )
}

fn partial_func(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(partial_of(vm, this)?.func.borrow().clone())
}

fn partial_args(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(partial_of(vm, this)?.args.borrow().clone())
}

fn partial_keywords(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(partial_of(vm, this)?.kw.borrow().clone())
}

fn partial_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let this = this.clone();
    if repr_enter(vm, &this) {
        return Ok(vm.new_str("..."));
    }
    let r = partial_repr_inner(vm, &this);
    repr_leave(vm, &this);
    let s = r?;
    Ok(vm.new_str(&s))
}

fn partial_repr_inner(vm: &mut Vm, this: &Value) -> PyResult<String> {
    let p = partial_of(vm, this)?;
    let (func, stored, kw) = (
        p.func.borrow().clone(),
        p.args.borrow().clone(),
        p.kw.borrow().clone(),
    );
    let mut out = String::new();
    if let Some(Payload::Tuple(t)) = stored.payload() {
        for a in t.iter() {
            out.push_str(", ");
            out.push_str(&vm.repr_string(a)?);
        }
    }
    for (k, v) in vm.dict_items(&kw)? {
        out.push_str(", ");
        let ks = vm.str(&k)?;
        out.push_str(&vm.str_text(&ks));
        out.push('=');
        out.push_str(&vm.repr_string(&v)?);
    }
    let cls = vm.type_of(this);
    let exact = vm
        .mods
        .functools_types
        .as_ref()
        .is_some_and(|(t, _)| ObjRef::ptr_eq(t, &cls));
    let name = if exact {
        String::from("functools.partial")
    } else {
        vm.type_name_of(&cls)
    };
    let fr = vm.repr_string(&func)?;
    Ok(format!("{name}({fr}{out})"))
}

fn partial_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__reduce__", 0, 0)?;
    let p = partial_of(vm, this)?;
    let (func, stored, kw) = (
        p.func.borrow().clone(),
        p.args.borrow().clone(),
        p.kw.borrow().clone(),
    );
    let dict = match this.as_obj().and_then(|o| o.materialized_dict()) {
        Some(d) if matches!(&d.payload, Payload::Dict(t) if t.borrow().iter().next().is_some()) => {
            Value::Obj(d)
        }
        _ => Value::None,
    };
    let cls = Value::Obj(vm.type_of(this));
    let ctor = vm.new_tuple(vec![func.clone()]);
    let state = vm.new_tuple(vec![func, stored, kw, dict]);
    Ok(vm.new_tuple(vec![cls, ctor, state]))
}

fn partial_setstate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = method_args(vm, &args, "__setstate__", 1, 1)?;
    let state = a[0].clone();
    let Some(Payload::Tuple(t)) = state.payload() else {
        return Err(vm.type_error("argument to __setstate__ must be a tuple"));
    };
    let items = t.to_vec();
    let [func, fargs, kw, dict] = <[Value; 4]>::try_from(items)
        .map_err(|v| vm.type_error(format!("expected 4 items in state, got {}", v.len())))?;
    let args_ok = matches!(fargs.payload(), Some(Payload::Tuple(_)))
        || fargs
            .as_obj()
            .is_some_and(|o| crate::objects::typeobj::is_subtype(&o.class(), &vm.types.tuple));
    let kw_ok = kw.is_none()
        || matches!(kw.payload(), Some(Payload::Dict(_)))
        || kw
            .as_obj()
            .is_some_and(|o| crate::objects::typeobj::is_subtype(&o.class(), &vm.types.dict));
    if !vm.is_callable(&func) || !args_ok || !kw_ok {
        return Err(vm.type_error("invalid partial state"));
    }
    let exact_tuple = fargs.as_obj().is_some_and(|o| o.class_is(&vm.types.tuple));
    let fargs = if exact_tuple {
        fargs
    } else {
        let items = vm.iterate(&fargs)?;
        vm.new_tuple(items)
    };
    let exact_dict = kw.as_obj().is_some_and(|o| o.class_is(&vm.types.dict));
    let kw = if exact_dict {
        kw
    } else {
        let d = vm.new_dict();
        if !kw.is_none() {
            for (k, v) in vm.dict_items(&kw)? {
                vm.dict_set(&d, k, v)?;
            }
        }
        Value::Obj(d)
    };
    let p = partial_of(vm, this)?;
    *p.func.borrow_mut() = func;
    *p.args.borrow_mut() = fargs;
    *p.kw.borrow_mut() = kw;
    if let Some(o) = this.as_obj() {
        if dict.is_none() {
            if let Some(d) = o.materialized_dict()
                && let Payload::Dict(t) = &d.payload
            {
                t.borrow_mut().clear();
            }
        } else {
            let name = vm.intern("__dict__");
            vm.setattr(this, &name, Some(dict))?;
        }
    }
    Ok(Value::None)
}

fn class_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "__class_getitem__", 2, 2)?;
    let alias = vm.types.generic_alias.clone();
    vm.call_pos(&Value::Obj(alias), &[a[0].clone(), a[1].clone()])
}
