//! `_collections`: `deque`, `defaultdict` and `_count_elements` (CPython:
//! `Modules/_collectionsmodule.c`). `OrderedDict` and `_tuplegetter` come from the pure-Python
//! fallbacks in `collections/__init__.py`.
//!
//! A deque is a `VecDeque` behind a `RefCell` plus a mutation counter that its iterators check
//! (`deque mutated during iteration`). Comparisons build lists and compare those, which is
//! what `deque_richcompare` does element by element. No borrow is held while Python code runs
//! (`__eq__` of an element, an iterable being consumed).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use krait_bytecode::CompareOp;

use crate::native::{bind_args, method_args, native_ref, pos_args};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::typeobj::{BuiltinKind, Layout, TypeData, type_data};
use crate::value::Value;
use crate::{PyResult, Vm};

struct Deque {
    items: RefCell<VecDeque<Value>>,
    maxlen: Cell<Option<usize>>,
    /// Bumped by every change of length, for iterators.
    state: Cell<u64>,
}

struct DequeIter {
    deque: Value,
    index: Cell<usize>,
    state: u64,
    reverse: bool,
}

/// The values a deque or deque iterator holds (`gc.get_referents`).
pub(super) fn native_referents(n: &dyn std::any::Any, visit: &mut dyn FnMut(&Value)) {
    if let Some(d) = n.downcast_ref::<Deque>() {
        if let Ok(items) = d.items.try_borrow() {
            items.iter().for_each(&mut *visit);
        }
    } else if let Some(it) = n.downcast_ref::<DequeIter>() {
        visit(&it.deque);
    }
}

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let deque = super::new_type(vm, "collections", "deque", true);
    vm.add_methods(
        &deque,
        crate::methods![
            staticmethod "__new__" => deque_new, "";
            method "__init__" => deque_init, "";
            method "append" => deque_append, "";
            method "appendleft" => deque_appendleft, "";
            method "pop" => deque_pop, "";
            method "popleft" => deque_popleft, "";
            method "extend" => deque_extend, "";
            method "extendleft" => deque_extendleft, "";
            method "clear" => deque_clear, "";
            method "copy" => deque_copy, "";
            method "__copy__" => deque_copy, "";
            method "count" => deque_count, "";
            method "index" => deque_index, "";
            method "insert" => deque_insert, "";
            method "remove" => deque_remove, "";
            method "reverse" => deque_reverse, "";
            method "rotate" => deque_rotate, "";
            method "__len__" => deque_len, "";
            method "__getitem__" => deque_getitem, "";
            method "__setitem__" => deque_setitem, "";
            method "__delitem__" => deque_delitem, "";
            method "__contains__" => deque_contains, "";
            method "__iter__" => deque_iter, "";
            method "__reversed__" => deque_reversed, "";
            method "__repr__" => deque_repr, "";
            method "__eq__" => deque_eq, "";
            method "__ne__" => deque_ne, "";
            method "__lt__" => deque_lt, "";
            method "__le__" => deque_le, "";
            method "__gt__" => deque_gt, "";
            method "__ge__" => deque_ge, "";
            method "__add__" => deque_add, "";
            method "__iadd__" => deque_iadd, "";
            method "__mul__" => deque_mul, "";
            method "__rmul__" => deque_mul, "";
            method "__imul__" => deque_imul, "";
            method "__reduce__" => deque_reduce, "";
            classmethod "__class_getitem__" => class_getitem, "";
        ],
    );
    vm.set_type_attr(&deque, "__hash__", Value::None);
    vm.add_getset(&deque, "maxlen", deque_maxlen, None);
    let iter = super::new_type(vm, "_collections", "_deque_iterator", false);
    vm.add_methods(
        &iter,
        crate::methods![
            method "__iter__" => iter_self, "";
            method "__next__" => iter_next, "";
            method "__length_hint__" => iter_length_hint, "";
        ],
    );
    let dict = vm.types.dict.clone();
    let mut td = TypeData::new(
        "defaultdict",
        vec![dict.clone()],
        Layout::Builtin(BuiltinKind::Dict),
        // Not `builtin`: the VM's exact-dict fast paths would skip `__missing__`.
        false,
    );
    td.has_dict = true;
    let dd = ObjRef::new(vm.types.type_.clone(), Payload::Type(Box::new(td)));
    *type_data(&dd).mro.borrow_mut() = vec![dd.clone(), dict, vm.types.object.clone()];
    let modname = vm.new_str("collections");
    vm.set_type_attr(&dd, "__module__", modname);
    vm.add_methods(
        &dd,
        crate::methods![
            method "__init__" => dd_init, "";
            method "__missing__" => dd_missing, "";
            method "__repr__" => dd_repr, "";
            method "copy" => dd_copy, "";
            method "__copy__" => dd_copy, "";
            method "__reduce__" => dd_reduce, "";
        ],
    );
    vm.mods.deque_types = Some((deque.clone(), iter));
    super::set_attr(vm, m, "deque", Value::Obj(deque));
    super::set_attr(vm, m, "defaultdict", Value::Obj(dd));
    vm.add_functions(m, &[("_count_elements", count_elements)]);
    Ok(())
}

fn dq<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Deque> {
    match native_ref::<Deque>(v) {
        Some(d) => Ok(d),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!(
                "descriptor requires a 'collections.deque' object but received a '{tn}'"
            )))
        }
    }
}

fn bump(d: &Deque) {
    d.state.set(d.state.get().wrapping_add(1));
}

/// Append on the right, dropping from the left past `maxlen`.
fn push_back(d: &Deque, v: Value) {
    let max = d.maxlen.get();
    if max == Some(0) {
        return;
    }
    let mut items = d.items.borrow_mut();
    items.push_back(v);
    if max.is_some_and(|m| items.len() > m) {
        items.pop_front();
    }
    drop(items);
    bump(d);
}

fn push_front(d: &Deque, v: Value) {
    let max = d.maxlen.get();
    if max == Some(0) {
        return;
    }
    let mut items = d.items.borrow_mut();
    items.push_front(v);
    if max.is_some_and(|m| items.len() > m) {
        items.pop_back();
    }
    drop(items);
    bump(d);
}

fn snapshot(d: &Deque) -> Vec<Value> {
    d.items.borrow().iter().cloned().collect()
}

fn deque_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "deque")?;
    let d = Deque {
        items: RefCell::new(VecDeque::new()),
        maxlen: Cell::new(None),
        state: Cell::new(0),
    };
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Native(Box::new(d))),
    ))
}

fn deque_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &rest, "deque", &["iterable", "maxlen"], 0)?;
    let d = dq(vm, &this)?;
    let maxlen = if a[1].is_null() || a[1].is_none() {
        None
    } else {
        let n = vm.index_to_i64(&a[1])?;
        if n < 0 {
            return Err(vm.value_error("maxlen must be non-negative"));
        }
        Some(usize::try_from(n).unwrap_or(usize::MAX))
    };
    d.maxlen.set(maxlen);
    if !d.items.borrow().is_empty() {
        d.items.borrow_mut().clear();
        bump(d);
    }
    if !a[0].is_null() {
        extend(vm, &this, &a[0], false)?;
    }
    Ok(Value::None)
}

fn extend(vm: &mut Vm, this: &Value, iterable: &Value, left: bool) -> PyResult<()> {
    let d = dq(vm, this)?;
    // Extending a deque with itself reads a copy first.
    let items = if this.identity() == iterable.identity() {
        snapshot(d)
    } else {
        let it = vm.iter(iterable)?;
        while let Some(v) = vm.next(&it)? {
            if left {
                push_front(d, v);
            } else {
                push_back(d, v);
            }
        }
        return Ok(());
    };
    for v in items {
        if left {
            push_front(d, v);
        } else {
            push_back(d, v);
        }
    }
    Ok(())
}

fn deque_append(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "append", 1, 1)?;
    push_back(dq(vm, this)?, rest[0].clone());
    Ok(Value::None)
}

fn deque_appendleft(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "appendleft", 1, 1)?;
    push_front(dq(vm, this)?, rest[0].clone());
    Ok(Value::None)
}

fn deque_pop(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "pop", 0, 0)?;
    let d = dq(vm, this)?;
    let v = d.items.borrow_mut().pop_back();
    match v {
        Some(v) => {
            bump(d);
            Ok(v)
        }
        None => Err(vm.index_error("pop from an empty deque")),
    }
}

fn deque_popleft(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "popleft", 0, 0)?;
    let d = dq(vm, this)?;
    let v = d.items.borrow_mut().pop_front();
    match v {
        Some(v) => {
            bump(d);
            Ok(v)
        }
        None => Err(vm.index_error("pop from an empty deque")),
    }
}

fn deque_extend(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "extend", 1, 1)?;
    extend(vm, this, &rest[0], false)?;
    Ok(Value::None)
}

fn deque_extendleft(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "extendleft", 1, 1)?;
    extend(vm, this, &rest[0], true)?;
    Ok(Value::None)
}

fn deque_clear(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "clear", 0, 0)?;
    let d = dq(vm, this)?;
    let old = std::mem::take(&mut *d.items.borrow_mut());
    bump(d);
    drop(old);
    Ok(Value::None)
}

/// A new deque of `this`'s type with `items` (and its maxlen).
fn new_like(vm: &mut Vm, this: &Value, items: Vec<Value>) -> PyResult<Value> {
    let d = dq(vm, this)?;
    let maxlen = d.maxlen.get();
    let cls = vm.type_of(this);
    let exact = vm
        .mods
        .deque_types
        .as_ref()
        .is_some_and(|(t, _)| ObjRef::ptr_eq(t, &cls));
    let list = vm.new_list(items);
    if exact {
        let nd = deque_new(vm, Args::positional(&[Value::Obj(cls)]))?;
        dq(vm, &nd)?.maxlen.set(maxlen);
        extend(vm, &nd, &list, false)?;
        return Ok(nd);
    }
    let ml = maxlen.map_or(Value::None, |m| Value::Int(m as i64));
    vm.call_pos(&Value::Obj(cls), &[list, ml])
}

fn deque_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "copy", 0, 0)?;
    let items = snapshot(dq(vm, this)?);
    new_like(vm, this, items)
}

fn deque_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "count", 1, 1)?;
    let d = dq(vm, this)?;
    let start = d.state.get();
    let mut n = 0;
    for v in snapshot(d) {
        if vm.eq(&v, &rest[0])? {
            n += 1;
        }
        if d.state.get() != start {
            return Err(vm.runtime_error("deque mutated during iteration"));
        }
    }
    Ok(Value::Int(n))
}

fn clamp_index(vm: &mut Vm, v: Option<&Value>, len: usize, default: usize) -> PyResult<usize> {
    let Some(v) = v else { return Ok(default) };
    let i = vm.index_to_i64(v)?;
    let len_i = len as i64;
    Ok(if i < 0 {
        (i + len_i).max(0) as usize
    } else {
        i.min(len_i) as usize
    })
}

fn deque_index(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "index", 1, 3)?;
    let d = dq(vm, this)?;
    let items = snapshot(d);
    let start = clamp_index(vm, rest.get(1), items.len(), 0)?;
    let stop = clamp_index(vm, rest.get(2), items.len(), items.len())?;
    let state = d.state.get();
    for (i, v) in items.iter().enumerate().take(stop).skip(start) {
        if vm.eq(v, &rest[0])? {
            return Ok(Value::Int(i as i64));
        }
        if d.state.get() != state {
            return Err(vm.runtime_error("deque mutated during iteration"));
        }
    }
    let r = vm.repr_string(&rest[0])?;
    Err(vm.value_error(format!("{r} is not in deque")))
}

fn deque_insert(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "insert", 2, 2)?;
    let d = dq(vm, this)?;
    let len = d.items.borrow().len();
    if d.maxlen.get().is_some_and(|m| len >= m) {
        return Err(vm.index_error("deque already at its maximum size"));
    }
    let i = clamp_index(vm, Some(&rest[0]), len, 0)?;
    d.items.borrow_mut().insert(i, rest[1].clone());
    bump(d);
    Ok(Value::None)
}

fn deque_remove(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "remove", 1, 1)?;
    let d = dq(vm, this)?;
    let items = snapshot(d);
    let state = d.state.get();
    for (i, v) in items.iter().enumerate() {
        let same = vm.eq(v, &rest[0])?;
        if d.state.get() != state {
            return Err(vm.index_error("deque mutated during remove()."));
        }
        if same {
            d.items.borrow_mut().remove(i);
            bump(d);
            return Ok(Value::None);
        }
    }
    let r = vm.repr_string(&rest[0])?;
    Err(vm.value_error(format!("{r} is not in deque")))
}

fn deque_reverse(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "reverse", 0, 0)?;
    let d = dq(vm, this)?;
    d.items.borrow_mut().make_contiguous().reverse();
    Ok(Value::None)
}

fn deque_rotate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "rotate", 0, 1)?;
    let n = match rest.first() {
        Some(v) => vm.index_to_i64(v)?,
        None => 1,
    };
    let d = dq(vm, this)?;
    let mut items = d.items.borrow_mut();
    let len = items.len() as i64;
    if len > 1 {
        let k = n.rem_euclid(len) as usize;
        items.rotate_right(k);
    }
    Ok(Value::None)
}

fn deque_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__len__", 0, 0)?;
    Ok(Value::Int(dq(vm, this)?.items.borrow().len() as i64))
}

/// A deque index: an int (not a slice), negative from the end, in range.
fn position(vm: &mut Vm, d: &Deque, key: &Value) -> PyResult<usize> {
    if vm.lookup_special_str(key, "__index__").is_none() {
        let tn = vm.type_name(key);
        return Err(vm.type_error(format!("sequence index must be integer, not '{tn}'")));
    }
    let i = vm.index_to_i64(key)?;
    let len = d.items.borrow().len() as i64;
    let j = if i < 0 { i + len } else { i };
    if j < 0 || j >= len {
        return Err(vm.index_error("deque index out of range"));
    }
    Ok(j as usize)
}

fn deque_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__getitem__", 1, 1)?;
    let d = dq(vm, this)?;
    let i = position(vm, d, &rest[0])?;
    let v = d.items.borrow().get(i).cloned();
    v.ok_or_else(|| vm.index_error("deque index out of range"))
}

fn deque_setitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__setitem__", 2, 2)?;
    let d = dq(vm, this)?;
    let i = position(vm, d, &rest[0])?;
    let old = d
        .items
        .borrow_mut()
        .get_mut(i)
        .map(|slot| std::mem::replace(slot, rest[1].clone()));
    drop(old);
    Ok(Value::None)
}

fn deque_delitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__delitem__", 1, 1)?;
    let d = dq(vm, this)?;
    let i = position(vm, d, &rest[0])?;
    let old = d.items.borrow_mut().remove(i);
    bump(d);
    drop(old);
    Ok(Value::None)
}

fn deque_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__contains__", 1, 1)?;
    let d = dq(vm, this)?;
    let state = d.state.get();
    for v in snapshot(d) {
        if vm.eq(&v, &rest[0])? {
            return Ok(Value::bool(true));
        }
        if d.state.get() != state {
            return Err(vm.runtime_error("deque mutated during iteration"));
        }
    }
    Ok(Value::bool(false))
}

fn make_iter(vm: &mut Vm, this: &Value, reverse: bool) -> PyResult<Value> {
    let d = dq(vm, this)?;
    let it = DequeIter {
        deque: this.clone(),
        index: Cell::new(0),
        state: d.state.get(),
        reverse,
    };
    let Some((_, t)) = vm.mods.deque_types.clone() else {
        return Err(vm.runtime_error("_collections is not initialised"));
    };
    Ok(Value::Obj(vm.new_object(&t, Payload::Native(Box::new(it)))))
}

fn deque_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__iter__", 0, 0)?;
    make_iter(vm, this, false)
}

fn deque_reversed(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__reversed__", 0, 0)?;
    make_iter(vm, this, true)
}

fn iter_self(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__iter__", 0, 0)?;
    Ok(this.clone())
}

fn iter_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__next__", 0, 0)?;
    let Some(it) = native_ref::<DequeIter>(this) else {
        return Err(vm.type_error("expected a deque iterator"));
    };
    let d = dq(vm, &it.deque)?;
    if d.state.get() != it.state {
        return Err(vm.runtime_error("deque mutated during iteration"));
    }
    let items = d.items.borrow();
    let i = it.index.get();
    let v = if it.reverse {
        items
            .len()
            .checked_sub(i + 1)
            .and_then(|j| items.get(j).cloned())
    } else {
        items.get(i).cloned()
    };
    drop(items);
    match v {
        Some(v) => {
            it.index.set(i + 1);
            Ok(v)
        }
        None => Err(vm.stop_iteration(None)),
    }
}

fn iter_length_hint(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__length_hint__", 0, 0)?;
    let Some(it) = native_ref::<DequeIter>(this) else {
        return Ok(Value::Int(0));
    };
    let len = dq(vm, &it.deque)?.items.borrow().len();
    Ok(Value::Int(len.saturating_sub(it.index.get()) as i64))
}

fn deque_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let d = dq(vm, this)?;
    let list = vm.new_list(snapshot(d));
    let body = vm.repr_string(&list)?;
    let tn = vm.type_name(this);
    Ok(vm.new_string(match d.maxlen.get() {
        Some(m) => format!("{tn}({body}, maxlen={m})"),
        None => format!("{tn}({body})"),
    }))
}

fn compare(vm: &mut Vm, args: &Args<'_>, name: &str, op: CompareOp) -> PyResult<Value> {
    let (this, rest) = method_args(vm, args, name, 1, 1)?;
    if native_ref::<Deque>(&rest[0]).is_none() {
        return Ok(vm.not_implemented.clone());
    }
    let a = snapshot(dq(vm, this)?);
    let b = snapshot(dq(vm, &rest[0])?);
    let (a, b) = (vm.new_list(a), vm.new_list(b));
    vm.compare(&a, &b, op)
}

fn deque_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, &args, "__eq__", CompareOp::Eq)
}

fn deque_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, &args, "__ne__", CompareOp::Ne)
}

fn deque_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, &args, "__lt__", CompareOp::Lt)
}

fn deque_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, &args, "__le__", CompareOp::Le)
}

fn deque_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, &args, "__gt__", CompareOp::Gt)
}

fn deque_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, &args, "__ge__", CompareOp::Ge)
}

fn deque_add(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__add__", 1, 1)?;
    let Some(other) = native_ref::<Deque>(&rest[0]) else {
        let tn = vm.type_name(&rest[0]);
        return Err(vm.type_error(format!(
            "can only concatenate deque (not \"{tn}\") to deque"
        )));
    };
    let mut items = snapshot(dq(vm, this)?);
    items.extend(snapshot(other));
    new_like(vm, this, items)
}

fn deque_iadd(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__iadd__", 1, 1)?;
    extend(vm, this, &rest[0], false)?;
    Ok(this.clone())
}

fn repeat_count(vm: &mut Vm, v: &Value) -> PyResult<Option<usize>> {
    if vm.lookup_special_str(v, "__index__").is_none() {
        return Ok(None);
    }
    let n = vm.index_to_i64(v)?;
    Ok(Some(usize::try_from(n.max(0)).unwrap_or(0)))
}

fn deque_mul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__mul__", 1, 1)?;
    let Some(n) = repeat_count(vm, &rest[0])? else {
        return Ok(vm.not_implemented.clone());
    };
    let items = snapshot(dq(vm, this)?);
    if items.len().saturating_mul(n) > (1 << 28) {
        return Err(vm.memory_error());
    }
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend(items.iter().cloned());
    }
    new_like(vm, this, out)
}

fn deque_imul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__imul__", 1, 1)?;
    let Some(n) = repeat_count(vm, &rest[0])? else {
        return Ok(vm.not_implemented.clone());
    };
    let d = dq(vm, this)?;
    let items = snapshot(d);
    if items.len().saturating_mul(n) > (1 << 28) {
        return Err(vm.memory_error());
    }
    d.items.borrow_mut().clear();
    bump(d);
    for _ in 0..n {
        for v in &items {
            push_back(d, v.clone());
        }
    }
    Ok(this.clone())
}

fn deque_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__reduce__", 0, 0)?;
    let d = dq(vm, this)?;
    let cls = Value::Obj(vm.type_of(this));
    let empty = vm.new_tuple(Vec::new());
    let ctor_args = match d.maxlen.get() {
        Some(m) => vm.new_pair(empty, Value::Int(m as i64)),
        None => vm.new_tuple(vec![empty]),
    };
    let state = match this.as_obj().and_then(|o| vm.instance_dict(o)) {
        Some(dict) if !matches!(&dict.payload, Payload::Dict(t) if t.borrow().len() == 0) => {
            Value::Obj(dict)
        }
        _ => Value::None,
    };
    let it = vm.iter(this)?;
    Ok(vm.new_tuple(vec![cls, ctor_args, state, it]))
}

fn deque_maxlen(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(dq(vm, this)?
        .maxlen
        .get()
        .map_or(Value::None, |m| Value::Int(m as i64)))
}

fn class_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "__class_getitem__", 2, 2)?;
    let alias = vm.types.generic_alias.clone();
    vm.call_pos(&Value::Obj(alias), &[a[0].clone(), a[1].clone()])
}

// ----- defaultdict -----

fn factory(vm: &mut Vm, this: &Value) -> Value {
    vm.getattr_str(this, "default_factory")
        .unwrap_or(Value::None)
}

fn dd_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first().cloned() else {
        return Err(vm.type_error("descriptor '__init__' needs an argument"));
    };
    let pos = args.pos();
    let (f, rest_pos) = match pos.get(1) {
        Some(f) => (f.clone(), &args.values[2..]),
        None => (Value::None, &args.values[1..]),
    };
    if !f.is_none() && vm.lookup_special_str(&f, "__call__").is_none() {
        return Err(vm.type_error("first argument must be callable or None"));
    }
    let k = vm.intern("default_factory");
    vm.setattr(&this, &k, Some(f))?;
    let dict_init = vm.getattr_str(&Value::Obj(vm.types.dict.clone()), "__init__")?;
    let mut v = vec![this];
    v.extend_from_slice(rest_pos);
    vm.call(
        &dict_init,
        Args {
            values: &v,
            kwnames: args.kwnames,
        },
    )?;
    Ok(Value::None)
}

fn dd_missing(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__missing__", 1, 1)?;
    let f = factory(vm, this);
    if f.is_none() {
        let t = vm.types.key_error.clone();
        return Err(vm.new_exception(&t, vec![rest[0].clone()]));
    }
    let v = vm.call_pos(&f, &[])?;
    vm.setitem(this, rest[0].clone(), v.clone())?;
    Ok(v)
}

fn dd_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let f = factory(vm, this);
    let fr = if f.is_none() {
        String::from("None")
    } else {
        vm.repr_string(&f)?
    };
    let dict_repr = vm.getattr_str(&Value::Obj(vm.types.dict.clone()), "__repr__")?;
    let body = vm.call_pos(&dict_repr, std::slice::from_ref(this))?;
    let body = vm.str_text(&body);
    let tn = vm.type_name(this);
    Ok(vm.new_string(format!("{tn}({fr}, {body})")))
}

fn dd_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "copy", 0, 0)?;
    let f = factory(vm, this);
    let cls = Value::Obj(vm.type_of(this));
    vm.call_pos(&cls, &[f, this.clone()])
}

fn dd_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__reduce__", 0, 0)?;
    let f = factory(vm, this);
    let cls = Value::Obj(vm.type_of(this));
    let ctor = if f.is_none() {
        vm.new_tuple(Vec::new())
    } else {
        vm.new_tuple(vec![f])
    };
    let items = vm.call_method_str_items(this)?;
    Ok(vm.new_tuple(vec![cls, ctor, Value::None, Value::None, items]))
}

impl Vm {
    /// `iter(d.items())`.
    fn call_method_str_items(&mut self, d: &Value) -> PyResult<Value> {
        let items = self.getattr_str(d, "items")?;
        let view = self.call_pos(&items, &[])?;
        self.iter(&view)
    }
}

/// `_count_elements(mapping, iterable)`: `mapping[x] = mapping.get(x, 0) + 1` for each item.
fn count_elements(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "_count_elements", 2, 2)?;
    let (mapping, iterable) = (&a[0], &a[1]);
    let it = vm.iter(iterable)?;
    let get = vm.getattr_str(mapping, "get")?;
    while let Some(x) = vm.next(&it)? {
        let old = vm.call_pos(&get, &[x.clone(), Value::Int(0)])?;
        let new = vm.binary_op(&old, &Value::Int(1), krait_bytecode::BinaryOp::Add)?;
        vm.setitem(mapping, x, new)?;
    }
    Ok(Value::None)
}
