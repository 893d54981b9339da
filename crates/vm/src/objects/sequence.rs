//! Helpers shared by the sequence and container types: index conversion, lexicographic
//! comparison (CPython: `Objects/listobject.c: list_richcompare`, `tuplerichcompare`), the
//! recursive-repr guard (`Py_ReprEnter`/`Py_ReprLeave`) and repeat counts.

use krait_bytecode::CompareOp;

use crate::object::Payload;
use crate::objects::str::PyStr;
use crate::objects::typeobj::type_data;
use crate::value::Value;
use crate::{PyResult, Vm};

/// An index argument as `PyNumber_AsSsize_t(key, PyExc_IndexError)` reads it: `None` when
/// the value has no `__index__`.
pub fn as_index(vm: &mut Vm, key: &Value) -> PyResult<Option<i64>> {
    match key {
        Value::Int(i) => Ok(Some(*i)),
        Value::Bool(b) => Ok(Some(i64::from(b.get()))),
        Value::Float(_) | Value::None | Value::Null => Ok(None),
        Value::Obj(o) => {
            if !matches!(o.payload, Payload::Int(_))
                && vm.lookup_special_str(key, "__index__").is_none()
            {
                return Ok(None);
            }
            let v = vm.index_value(key)?;
            let small = match &v {
                Value::Obj(io) => match &io.payload {
                    Payload::Int(b) => num_traits::ToPrimitive::to_i64(b),
                    _ => None,
                },
                _ => None,
            };
            match v {
                Value::Int(i) => Ok(Some(i)),
                Value::Bool(b) => Ok(Some(i64::from(b.get()))),
                _ if small.is_some() => Ok(small),
                _ => Err(vm.index_error(format!(
                    "cannot fit '{}' into an index-sized integer",
                    vm.type_name(key)
                ))),
            }
        }
    }
}

/// An integer argument clamped like `_PyEval_SliceIndexNotNone` (for `index(x, start, stop)`).
pub fn slice_index_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i64::from(b.get())),
        _ => {
            let ok = matches!(v.payload(), Some(Payload::Int(_)))
                || vm.lookup_special_str(v, "__index__").is_some();
            if !ok {
                return Err(
                    vm.type_error("slice indices must be integers or have an __index__ method")
                );
            }
            let r = vm.index_value(v)?;
            Ok(match &r {
                Value::Int(i) => *i,
                Value::Bool(b) => i64::from(b.get()),
                _ => match r.payload() {
                    Some(Payload::Int(b)) if num_traits::Signed::is_negative(b) => i64::MIN,
                    _ => i64::MAX,
                },
            })
        }
    }
}

/// Resolve `index(x, start, stop)` bounds against a length, as CPython's list/tuple `index`.
pub fn index_bounds(vm: &mut Vm, rest: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let len = len as i64;
    let fix = |v: i64| -> i64 {
        if v < 0 {
            (v.saturating_add(len)).max(0)
        } else {
            v.min(len)
        }
    };
    let start = match rest.first() {
        Some(v) => fix(slice_index_arg(vm, v)?),
        None => 0,
    };
    let stop = match rest.get(1) {
        Some(v) => fix(slice_index_arg(vm, v)?),
        None => len,
    };
    Ok((start as usize, stop as usize))
}

/// Normalise a possibly negative index; `None` when out of range.
#[inline]
pub fn norm_index(i: i64, len: usize) -> Option<usize> {
    let idx = if i < 0 { i.checked_add(len as i64)? } else { i };
    if idx >= 0 && (idx as u64) < len as u64 {
        Some(idx as usize)
    } else {
        None
    }
}

/// Whether the value's type is exactly the builtin `ty`... or a subclass carrying its payload.
pub fn is_builtin_exact(v: &Value) -> bool {
    match v {
        Value::Obj(o) => o.with_class(|c| type_data(c).builtin),
        _ => true,
    }
}

/// The items of a list or tuple payload at index `i` (re-read every time: lists may change
/// while Python code runs).
fn seq_item(v: &Value, i: usize) -> Option<Value> {
    match v.payload() {
        Some(Payload::List(l)) => l.borrow().get(i),
        Some(Payload::Tuple(t)) => t.get(i).cloned(),
        _ => None,
    }
}

fn seq_len(v: &Value) -> usize {
    match v.payload() {
        Some(Payload::List(l)) => l.borrow().len(),
        Some(Payload::Tuple(t)) => t.len(),
        _ => 0,
    }
}

/// Lexicographic rich comparison of two lists or two tuples (`list_richcompare`).
pub fn seq_richcompare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let (la, lb) = (seq_len(a), seq_len(b));
    if la != lb && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(Value::bool(op == CompareOp::Ne));
    }
    let mut i = 0;
    loop {
        let (la, lb) = (seq_len(a), seq_len(b));
        if i >= la || i >= lb {
            return Ok(Value::bool(crate::ops::cmp_ord(la.cmp(&lb), op)));
        }
        let (Some(x), Some(y)) = (seq_item(a, i), seq_item(b, i)) else {
            return Ok(Value::bool(crate::ops::cmp_ord(la.cmp(&lb), op)));
        };
        if !vm.eq(&x, &y)? {
            return match op {
                CompareOp::Eq => Ok(Value::bool(false)),
                CompareOp::Ne => Ok(Value::bool(true)),
                _ => vm.compare(&x, &y, op),
            };
        }
        i += 1;
    }
}

/// `Py_ReprEnter`: `true` when `v`'s repr is already being computed (a cycle).
pub fn repr_enter(vm: &mut Vm, v: &Value) -> bool {
    let id = v.identity();
    if vm.repr_guard.contains(&id) {
        return true;
    }
    vm.repr_guard.push(id);
    false
}

/// `Py_ReprLeave`.
pub fn repr_leave(vm: &mut Vm, v: &Value) {
    let id = v.identity();
    if let Some(pos) = vm.repr_guard.iter().rposition(|x| *x == id) {
        vm.repr_guard.remove(pos);
    }
}

/// The repr of a sequence of items between `open` and `close`, reading items with `get`
/// until it returns `None` (re-reading so mutation during repr is safe). Returns a str.
pub fn repr_items(
    vm: &mut Vm,
    this: &Value,
    open: &str,
    close: &str,
    get: impl Fn(usize) -> Option<Value>,
) -> PyResult<Value> {
    if repr_enter(vm, this) {
        return Ok(vm.new_string(format!("{open}...{close}")));
    }
    let mut out = Vec::from(open.as_bytes());
    let mut i = 0;
    let r = loop {
        let Some(item) = get(i) else { break Ok(()) };
        if i > 0 {
            out.extend_from_slice(b", ");
        }
        match vm.repr(&item) {
            Ok(s) => push_str_value(&mut out, &s),
            Err(e) => break Err(e),
        }
        i += 1;
    };
    repr_leave(vm, this);
    r?;
    out.extend_from_slice(close.as_bytes());
    Ok(vm.new_pystr(PyStr::from_wtf8(out)))
}

/// Append a str value's text (WTF-8, surrogates kept) to a buffer.
pub fn push_str_value(out: &mut Vec<u8>, s: &Value) {
    if let Some(Payload::Str(p)) = s.payload() {
        out.extend_from_slice(p.wtf8());
    }
}

/// The largest number of items a repeat or concatenation may build before Krait reports
/// `MemoryError` instead of trying to allocate.
pub const MAX_ITEMS: usize = 1 << 31;

/// A repeat count for `seq * n`: `None` when `n` is not an integer (the operator then
/// returns `NotImplemented`); negative counts are zero.
pub fn repeat_count(vm: &mut Vm, n: &Value, item_len: usize) -> PyResult<Option<usize>> {
    let n = match n {
        Value::Int(i) => *i,
        Value::Bool(b) => i64::from(b.get()),
        Value::Float(_) | Value::None => return Ok(None),
        _ => {
            if !matches!(n.payload(), Some(Payload::Int(_)))
                && vm.lookup_special_str(n, "__index__").is_none()
            {
                return Ok(None);
            }
            let v = vm.index_value(n)?;
            match &v {
                Value::Int(i) => *i,
                Value::Bool(b) => i64::from(b.get()),
                _ => match v.payload() {
                    Some(Payload::Int(b)) if num_traits::Signed::is_negative(b) => 0,
                    _ => {
                        if item_len == 0 {
                            return Ok(Some(0));
                        }
                        return Err(
                            vm.overflow_error("cannot fit 'int' into an index-sized integer")
                        );
                    }
                },
            }
        }
    };
    if n <= 0 || item_len == 0 {
        return Ok(Some(0));
    }
    let n = n as u64;
    vm.check_alloc(
        (item_len as u64)
            .saturating_mul(n)
            .saturating_mul(std::mem::size_of::<Value>() as u64) as usize,
    )?;
    match (item_len as u64).checked_mul(n) {
        Some(t) if t <= MAX_ITEMS as u64 => Ok(Some(n as usize)),
        _ => Err(vm.memory_error()),
    }
}
