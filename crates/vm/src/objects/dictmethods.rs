//! `dict`'s Python-visible methods (CPython: `Objects/dictobject.c`): construction and
//! `update` (`dict_update_arg`, `PyDict_MergeFromSeq2`), item access with `__missing__`,
//! `get`/`setdefault`/`pop`/`popitem`, `fromkeys`, equality, `|`, and the repr. The views
//! (`keys()`, `values()`, `items()`) and `mappingproxy` are in `dictviews.rs`.

use std::cell::RefCell;

use crate::native::method_args;
use crate::object::{ObjRef, Payload};
use crate::objects::dict::DictTable;
use crate::objects::function::Args;
use crate::objects::iter::{DictIterKind, IterState};
use crate::objects::sequence::{push_str_value, repr_enter, repr_leave};
use crate::objects::str::PyStr;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

#[inline]
fn this_dict<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<(&'a Value, &'a ObjRef, &'a [Value])> {
    if !args.has_kwargs()
        && let Some((this, rest)) = args.values.split_first()
        && (min..=max).contains(&rest.len())
        && let Value::Obj(o) = this
        && matches!(o.payload, Payload::Dict(_))
    {
        return Ok((this, o, rest));
    }
    Err(this_dict_error(vm, args, name, min, max))
}

/// Why [`this_dict`] refused its arguments.
#[cold]
#[inline(never)]
fn this_dict_error(vm: &mut Vm, args: &Args<'_>, name: &str, min: usize, max: usize) -> PyErr {
    match method_args(vm, args, name, min, max) {
        Err(e) => e,
        Ok((this, _)) => vm.type_error(format!(
            "descriptor '{name}' for 'dict' objects doesn't apply to a '{}' object",
            vm.type_name(this)
        )),
    }
}

/// The table of a dict object.
pub fn table(o: &ObjRef) -> &RefCell<DictTable> {
    match &o.payload {
        Payload::Dict(t) => t,
        _ => unreachable_table(),
    }
}

#[cold]
fn unreachable_table() -> &'static RefCell<DictTable> {
    // Callers check the payload first; a leaked empty table keeps this panic-free.
    Box::leak(Box::new(RefCell::new(DictTable::new())))
}

/// Register `dict`'s methods.
pub fn init(vm: &mut Vm) {
    let t = vm.types.dict.clone();
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => dict_new, "";
            method "__init__" => dict_init, "";
            method "__repr__" => dict_repr, "";
            method "__eq__" => dict_eq, "";
            method "__ne__" => dict_ne, "";
            method "__len__" => dict_len, "";
            method "__contains__" => dict_contains, "";
            method "__getitem__" => dict_getitem, "";
            method "__setitem__" => dict_setitem, "";
            method "__delitem__" => dict_delitem, "";
            method "__iter__" => dict_iter, "";
            method "__reversed__" => dict_reversed, "";
            method "__or__" => dict_or, "";
            method "__ror__" => dict_ror, "";
            method "__ior__" => dict_ior, "";
            method "__sizeof__" => dict_sizeof, "";
            method "get" => dict_get_m, "";
            method "setdefault" => dict_setdefault, "";
            method "pop" => dict_pop, "";
            method "popitem" => dict_popitem, "";
            method "keys" => dict_keys, "";
            method "values" => dict_values, "";
            method "items" => dict_items_m, "";
            method "update" => dict_update_m, "";
            method "clear" => dict_clear, "";
            method "copy" => dict_copy, "";
            classmethod "fromkeys" => dict_fromkeys, "";
        ],
    );
    vm.set_type_attr(&t, "__hash__", Value::None);
}

fn dict_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = &crate::native::new_cls(vm, &args, "dict")?;
    let cls = cls.clone();
    Ok(Value::Obj(vm.new_object(
        &cls,
        Payload::Dict(Box::new(RefCell::new(DictTable::new()))),
    )))
}

/// `dict_update_arg`: merge a mapping (anything with `keys`) or an iterable of pairs.
pub fn update_from(vm: &mut Vm, d: &ObjRef, arg: &Value) -> PyResult<()> {
    if let Some(Payload::Dict(t)) = arg.payload() {
        let items: Vec<(Value, Value)> = t
            .borrow()
            .iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect();
        for (k, v) in items {
            vm.dict_set(d, k, v)?;
        }
        return Ok(());
    }
    let keys_name = vm.intern("keys");
    if vm.getattr_opt(arg, &keys_name)?.is_some() {
        for (k, v) in vm.dict_items(arg)? {
            vm.dict_set(d, k, v)?;
        }
        return Ok(());
    }
    let it = vm.iter(arg)?;
    let mut i = 0usize;
    while let Some(item) = vm.next(&it)? {
        let pair = match item.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            Some(Payload::List(l)) => l.borrow().to_vec(),
            _ => match vm.iter(&item) {
                Ok(pit) => {
                    let mut v = Vec::new();
                    while let Some(x) = vm.next(&pit)? {
                        v.push(x);
                    }
                    v
                }
                Err(e) => {
                    if vm.err_matches(&e, &vm.types.type_error.clone()) {
                        return Err(vm.type_error(format!(
                            "cannot convert dictionary update sequence element #{i} to a sequence"
                        )));
                    }
                    return Err(e);
                }
            },
        };
        if pair.len() != 2 {
            return Err(vm.value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut p = pair.into_iter();
        if let (Some(k), Some(v)) = (p.next(), p.next()) {
            vm.dict_set(d, k, v)?;
        }
        i += 1;
    }
    Ok(())
}

fn update_common(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<()> {
    let pos = args.pos();
    let Some(Value::Obj(d)) = pos.first() else {
        return Err(vm.type_error(format!(
            "descriptor '{name}' of 'dict' object needs an argument"
        )));
    };
    if !matches!(d.payload, Payload::Dict(_)) {
        return Err(vm.type_error(format!("descriptor '{name}' requires a 'dict' object")));
    }
    if pos.len() > 2 {
        let fname = if name == "__init__" { "dict" } else { name };
        return Err(vm.type_error(format!(
            "{fname} expected at most 1 argument, got {}",
            pos.len() - 1
        )));
    }
    if let Some(arg) = pos.get(1) {
        update_from(vm, d, arg)?;
    }
    for (k, v) in args.kwargs() {
        vm.dict_set(d, k.clone(), v.clone())?;
    }
    Ok(())
}

fn dict_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    update_common(vm, &args, "__init__")?;
    Ok(Value::None)
}

fn dict_update_m(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    update_common(vm, &args, "update")?;
    Ok(Value::None)
}

fn dict_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, d, _) = this_dict(vm, &args, "__repr__", 0, 0)?;
    let t = table(d);
    if t.borrow().len() == 0 {
        return Ok(vm.new_str("{}"));
    }
    if repr_enter(vm, this) {
        return Ok(vm.new_str("{...}"));
    }
    let mut out = vec![b'{'];
    let mut pos = 0;
    let mut first = true;
    let r: PyResult<()> = loop {
        let next = t
            .borrow()
            .next_entry(pos)
            .map(|(p, e)| (p, e.key.clone(), e.value.clone()));
        let Some((p, k, v)) = next else { break Ok(()) };
        pos = p;
        if !first {
            out.extend_from_slice(b", ");
        }
        first = false;
        match vm.repr(&k) {
            Ok(s) => push_str_value(&mut out, &s),
            Err(e) => break Err(e),
        }
        out.extend_from_slice(b": ");
        match vm.repr(&v) {
            Ok(s) => push_str_value(&mut out, &s),
            Err(e) => break Err(e),
        }
    };
    repr_leave(vm, this);
    r?;
    out.push(b'}');
    Ok(vm.new_pystr(PyStr::from_wtf8(out)))
}

/// `dict_equal`: same length and every key maps to an equal value.
pub fn dicts_equal(vm: &mut Vm, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
    if table(a).borrow().len() != table(b).borrow().len() {
        return Ok(false);
    }
    let mut pos = 0;
    loop {
        let next = table(a)
            .borrow()
            .next_entry(pos)
            .map(|(p, e)| (p, e.hash, e.key.clone(), e.value.clone()));
        let Some((p, h, k, v)) = next else {
            return Ok(true);
        };
        pos = p;
        // `dict_equal` looks up with the stored hash: no second `__hash__` call.
        let idx = vm.dict_lookup(b, &k, h)?;
        let found = idx.and_then(|i| table(b).borrow().entry(i).map(|e| e.value.clone()));
        match found {
            Some(bv) => {
                if !vm.eq(&v, &bv)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
}

fn dict_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, rest) = this_dict(vm, &args, "__eq__", 1, 1)?;
    match &rest[0] {
        Value::Obj(o) if matches!(o.payload, Payload::Dict(_)) => {
            Ok(Value::bool(dicts_equal(vm, d, o)?))
        }
        _ => Ok(vm.not_implemented.clone()),
    }
}

fn dict_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, rest) = this_dict(vm, &args, "__ne__", 1, 1)?;
    match &rest[0] {
        Value::Obj(o) if matches!(o.payload, Payload::Dict(_)) => {
            Ok(Value::bool(!dicts_equal(vm, d, o)?))
        }
        _ => Ok(vm.not_implemented.clone()),
    }
}

fn dict_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, _) = this_dict(vm, &args, "__len__", 0, 0)?;
    Ok(Value::Int(table(d).borrow().len() as i64))
}

fn dict_sizeof(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, _) = this_dict(vm, &args, "__sizeof__", 0, 0)?;
    Ok(Value::Int(48 + 24 * table(d).borrow().len() as i64))
}

fn dict_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, rest) = this_dict(vm, &args, "__contains__", 1, 1)?;
    Ok(Value::bool(vm.dict_get(d, &rest[0])?.is_some()))
}

fn dict_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, d, rest) = this_dict(vm, &args, "__getitem__", 1, 1)?;
    if let Some(v) = vm.dict_get(d, &rest[0])? {
        return Ok(v);
    }
    if !crate::objects::sequence::is_builtin_exact(this)
        && let Some(m) = vm.lookup_special_str(this, "__missing__")
    {
        return vm.call_method_value(&m, this, &rest[..1]);
    }
    Err(vm.key_error(rest[0].clone()))
}

fn dict_setitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, rest) = this_dict(vm, &args, "__setitem__", 2, 2)?;
    vm.dict_set(d, rest[0].clone(), rest[1].clone())?;
    Ok(Value::None)
}

fn dict_delitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, rest) = this_dict(vm, &args, "__delitem__", 1, 1)?;
    match vm.dict_del(d, &rest[0])? {
        Some(_) => Ok(Value::None),
        None => Err(vm.key_error(rest[0].clone())),
    }
}

/// A dict iterator object of the given kind.
pub fn dict_iter_obj(vm: &mut Vm, d: &ObjRef, kind: DictIterKind, reversed: bool) -> Value {
    let len = table(d).borrow().len();
    let ty = match kind {
        DictIterKind::Keys => vm.types.dict_keyiterator.clone(),
        DictIterKind::Values => vm.types.dict_valueiterator.clone(),
        DictIterKind::Items => vm.types.dict_itemiterator.clone(),
    };
    let state = if reversed {
        let pos = table(d).borrow().last_index().map_or(0, |i| i + 1);
        IterState::DictRev {
            dict: d.clone(),
            pos,
            len,
            left: len,
            kind,
        }
    } else {
        IterState::Dict {
            dict: d.clone(),
            pos: 0,
            len,
            left: len,
            kind,
        }
    };
    Value::Obj(ObjRef::new(
        ty,
        Payload::Iter(Box::new(RefCell::new(state))),
    ))
}

fn dict_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, _) = this_dict(vm, &args, "__iter__", 0, 0)?;
    Ok(dict_iter_obj(vm, d, DictIterKind::Keys, false))
}

fn dict_reversed(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, _) = this_dict(vm, &args, "__reversed__", 0, 0)?;
    Ok(dict_iter_obj(vm, d, DictIterKind::Keys, true))
}

/// A new exact dict with the same items.
pub fn copy_dict(vm: &mut Vm, d: &ObjRef) -> ObjRef {
    let t = table(d).borrow().clone();
    ObjRef::new(
        vm.types.dict.clone(),
        Payload::Dict(Box::new(RefCell::new(t))),
    )
}

fn dict_or(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, rest) = this_dict(vm, &args, "__or__", 1, 1)?;
    let Value::Obj(o) = &rest[0] else {
        return Ok(vm.not_implemented.clone());
    };
    if !matches!(o.payload, Payload::Dict(_)) {
        return Ok(vm.not_implemented.clone());
    }
    let new = copy_dict(vm, d);
    update_from(vm, &new, &rest[0])?;
    Ok(Value::Obj(new))
}

fn dict_ror(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _, rest) = this_dict(vm, &args, "__ror__", 1, 1)?;
    let Value::Obj(o) = &rest[0] else {
        return Ok(vm.not_implemented.clone());
    };
    if !matches!(o.payload, Payload::Dict(_)) {
        return Ok(vm.not_implemented.clone());
    }
    let new = copy_dict(vm, o);
    update_from(vm, &new, this)?;
    Ok(Value::Obj(new))
}

fn dict_ior(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, d, rest) = this_dict(vm, &args, "__ior__", 1, 1)?;
    update_from(vm, d, &rest[0])?;
    Ok(this.clone())
}

fn dict_get_m(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, rest) = this_dict(vm, &args, "get", 1, 2)?;
    Ok(vm
        .dict_get(d, &rest[0])?
        .unwrap_or_else(|| rest.get(1).cloned().unwrap_or(Value::None)))
}

fn dict_setdefault(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, rest) = this_dict(vm, &args, "setdefault", 1, 2)?;
    if let Some(v) = vm.dict_get(d, &rest[0])? {
        return Ok(v);
    }
    let default = rest.get(1).cloned().unwrap_or(Value::None);
    vm.dict_set(d, rest[0].clone(), default.clone())?;
    Ok(default)
}

fn dict_pop(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, rest) = this_dict(vm, &args, "pop", 1, 2)?;
    if table(d).borrow().len() == 0
        && let Some(def) = rest.get(1)
    {
        return Ok(def.clone());
    }
    match vm.dict_del(d, &rest[0])? {
        Some(v) => Ok(v),
        None => match rest.get(1) {
            Some(def) => Ok(def.clone()),
            None => Err(vm.key_error(rest[0].clone())),
        },
    }
}

fn dict_popitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, _) = this_dict(vm, &args, "dict.popitem", 0, 0)?;
    let t = table(d);
    let last = t.borrow().last_index();
    let Some(i) = last else {
        return Err(vm.key_error_msg("popitem(): dictionary is empty"));
    };
    let e = t.borrow_mut().remove_entry(i);
    match e {
        Some(e) => Ok(vm.new_pair(e.key, e.value)),
        None => Err(vm.key_error_msg("popitem(): dictionary is empty")),
    }
}

impl Vm {
    /// `KeyError(msg)` with a string message.
    pub fn key_error_msg(&mut self, msg: &str) -> crate::PyErr {
        let m = self.new_str(msg);
        self.key_error(m)
    }
}

fn dict_view(vm: &mut Vm, args: Args<'_>, name: &str, kind: DictIterKind) -> PyResult<Value> {
    let (this, _, _) = this_dict(vm, &args, name, 0, 0)?;
    let ty = match kind {
        DictIterKind::Keys => vm.types.dict_keys.clone(),
        DictIterKind::Values => vm.types.dict_values.clone(),
        DictIterKind::Items => vm.types.dict_items.clone(),
    };
    let Value::Obj(d) = this else {
        return Err(vm.type_error("expected a dict"));
    };
    Ok(Value::Obj(ObjRef::new(
        ty,
        Payload::Iter(Box::new(RefCell::new(IterState::DictView {
            dict: d.clone(),
            kind,
        }))),
    )))
}

fn dict_keys(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    dict_view(vm, args, "dict.keys", DictIterKind::Keys)
}

fn dict_values(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    dict_view(vm, args, "dict.values", DictIterKind::Values)
}

fn dict_items_m(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    dict_view(vm, args, "dict.items", DictIterKind::Items)
}

fn dict_clear(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, _) = this_dict(vm, &args, "dict.clear", 0, 0)?;
    let old = table(d).borrow_mut().clear();
    drop(old);
    Ok(Value::None)
}

fn dict_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, _) = this_dict(vm, &args, "dict.copy", 0, 0)?;
    Ok(Value::Obj(copy_dict(vm, d)))
}

fn dict_fromkeys(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = method_args(vm, &args, "fromkeys", 1, 2)?;
    let value = rest.get(1).cloned().unwrap_or(Value::None);
    let d = vm.call_pos(cls, &[])?;
    let exact = matches!(&d, Value::Obj(o) if o.class_is(&vm.types.dict));
    let it = vm.iter(&rest[0])?;
    while let Some(k) = vm.next(&it)? {
        if exact && let Value::Obj(o) = &d {
            vm.dict_set(o, k, value.clone())?;
        } else {
            vm.setitem(&d, k, value.clone())?;
        }
    }
    Ok(d)
}
