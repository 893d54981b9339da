//! `object.__reduce_ex__`, `object.__reduce__` and `object.__getstate__`: the default pickle
//! protocol that `copy`, `copy.deepcopy` and `pickle` use (CPython: `Objects/typeobject.c`
//! `object___reduce_ex___impl`, `_common_reduce`, `reduce_newobj`, `object_getstate_default`).

use crate::native::method_args;
use crate::object::Payload;
use crate::objects::function::Args;
use crate::objects::typeobj::{BuiltinKind, type_data};
use crate::value::Value;
use crate::{PyResult, Vm};

/// `object.__reduce_ex__(protocol)`: an overriding `__reduce__` wins, else the common reduce.
pub(crate) fn object_reduce_ex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__reduce_ex__", 1, 1)?;
    let protocol = vm.index_to_i64(&rest[0])?;
    let cls = vm.type_of(this);
    let h = vm.hash_text("__reduce__");
    if let Some(r) = crate::objects::typeobj::lookup(&cls, "__reduce__", h) {
        let is_default = matches!(r.payload(), Some(Payload::Builtin(b))
            if b.owner.as_ref().is_some_and(|o| crate::object::ObjRef::ptr_eq(o, &vm.types.object)));
        if !is_default {
            let f = vm.getattr_str(this, "__reduce__")?;
            return vm.call_pos(&f, &[]);
        }
    }
    common_reduce(vm, this, protocol)
}

/// `object.__reduce__()`.
pub(crate) fn object_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__reduce__", 0, 0)?;
    common_reduce(vm, this, 0)
}

fn common_reduce(vm: &mut Vm, this: &Value, protocol: i64) -> PyResult<Value> {
    let copyreg = vm.import_dotted("copyreg")?;
    if protocol >= 2 {
        return reduce_newobj(vm, this, &copyreg);
    }
    let f = vm.getattr_str(&copyreg, "_reduce_ex")?;
    vm.call_pos(&f, &[this.clone(), Value::Int(protocol)])
}

fn reduce_newobj(vm: &mut Vm, this: &Value, copyreg: &Value) -> PyResult<Value> {
    let cls = Value::Obj(vm.type_of(this));
    let (args, kwargs) = if let Some(f) = vm.lookup_special_str(this, "__getnewargs_ex__") {
        let r = vm.call_method_value(&f, this, &[])?;
        let parts = match r.payload() {
            Some(Payload::Tuple(t)) if t.len() == 2 => t.to_vec(),
            _ => {
                let tn = vm.type_name(&r);
                return Err(vm.type_error(format!(
                    "__getnewargs_ex__ should return a tuple of length 2, not '{tn}'"
                )));
            }
        };
        (Some(parts[0].clone()), Some(parts[1].clone()))
    } else if let Some(f) = vm.lookup_special_str(this, "__getnewargs__") {
        let r = vm.call_method_value(&f, this, &[])?;
        if !matches!(r.payload(), Some(Payload::Tuple(_))) {
            let tn = vm.type_name(&r);
            return Err(vm.type_error(format!("__getnewargs__ should return a tuple, not '{tn}'")));
        }
        (Some(r), None)
    } else {
        (None, None)
    };
    let is_list = matches!(vm.builtin_kind(this), Some(BuiltinKind::List));
    let is_dict = matches!(vm.builtin_kind(this), Some(BuiltinKind::Dict));
    let has_kwargs = match &kwargs {
        Some(k) => vm.len(k)? > 0,
        None => false,
    };
    let (newobj, newargs) = if has_kwargs {
        let f = vm.getattr_str(copyreg, "__newobj_ex__")?;
        let a = args.clone().unwrap_or_else(|| vm.new_tuple(Vec::new()));
        let k = kwargs.clone().unwrap_or(Value::None);
        (f, vm.new_tuple(vec![cls, a, k]))
    } else {
        let f = vm.getattr_str(copyreg, "__newobj__")?;
        let mut items = vec![cls];
        if let Some(a) = &args {
            items.extend(vm.iterate(a)?);
        }
        (f, vm.new_tuple(items))
    };
    let required = args.is_none() && !is_list && !is_dict;
    let getstate = vm.getattr_str(this, "__getstate__")?;
    let state = if required && is_default_getstate(vm, &getstate) {
        default_getstate(vm, this, true)?
    } else {
        vm.call_pos(&getstate, &[])?
    };
    let listitems = if is_list { vm.iter(this)? } else { Value::None };
    let dictitems = if is_dict {
        let items = vm.getattr_str(this, "items")?;
        let view = vm.call_pos(&items, &[])?;
        vm.iter(&view)?
    } else {
        Value::None
    };
    Ok(vm.new_tuple(vec![newobj, newargs, state, listitems, dictitems]))
}

fn is_default_getstate(vm: &Vm, f: &Value) -> bool {
    let builtin = match f.payload() {
        Some(Payload::Method(m)) => m.0.clone(),
        _ => f.clone(),
    };
    matches!(builtin.payload(), Some(Payload::Builtin(b))
        if b.name == "__getstate__"
            && b.owner.as_ref().is_some_and(|o| crate::object::ObjRef::ptr_eq(o, &vm.types.object)))
}

/// `object.__getstate__()`.
pub(crate) fn object_getstate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__getstate__", 0, 0)?;
    default_getstate(vm, this, false)
}

/// `object_getstate_default`: the instance dict (or `None`), with set slots as a second dict.
fn default_getstate(vm: &mut Vm, this: &Value, required: bool) -> PyResult<Value> {
    let cls = vm.type_of(this);
    if required {
        let plain = matches!(
            this.payload(),
            Some(Payload::Plain(_) | Payload::Slots(_) | Payload::Exception(_))
        );
        if !plain {
            let tn = type_data(&cls).name.borrow().clone();
            return Err(vm.type_error(format!("cannot pickle '{tn}' object")));
        }
    }
    let mut state = Value::None;
    if let Some(d) = this.as_obj().and_then(|o| vm.instance_dict(o))
        && vm.len(&Value::Obj(d.clone()))? > 0
    {
        let dv = Value::Obj(d);
        let copy = vm.getattr_str(&dv, "copy")?;
        state = vm.call_pos(&copy, &[])?;
    }
    let slot_names = type_data(&cls).slot_names.clone();
    if !slot_names.is_empty() {
        let slots = vm.new_dict();
        for n in &slot_names {
            let k = vm.intern(n);
            if let Some(v) = vm.getattr_opt(this, &k)? {
                vm.dict_set(&slots, Value::Obj(k), v)?;
            }
        }
        if vm.len(&Value::Obj(slots.clone()))? > 0 {
            state = vm.new_pair(state, Value::Obj(slots));
        }
    }
    Ok(state)
}

/// `builtin_function_or_method.__reduce__` (`meth_reduce`): a module-level function pickles as
/// its name (found again by module and qualified name); a bound method as
/// `getattr(self, name)`.
pub(crate) fn builtin_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__reduce__", 0, 0)?;
    let (name, bound) = match this.payload() {
        Some(Payload::Builtin(b)) => (b.name, b.self_value()),
        _ => return Err(vm.type_error("descriptor '__reduce__' requires a builtin function")),
    };
    match bound {
        Value::None => Ok(vm.new_str(name)),
        m if matches!(m.payload(), Some(Payload::Module(_))) => Ok(vm.new_str(name)),
        obj => {
            let getattr = vm.getattr_str(&Value::Obj(vm.builtins_module.clone()), "getattr")?;
            let n = vm.new_str(name);
            let args = vm.new_pair(obj, n);
            Ok(vm.new_pair(getattr, args))
        }
    }
}
