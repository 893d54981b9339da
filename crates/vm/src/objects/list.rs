//! `list` (CPython: `Objects/listobject.c`): construction, item and slice access and
//! assignment, the mutating methods, comparison and the operators. Sorting is in `sort.rs`.

use std::cell::RefCell;

use krait_bytecode::CompareOp;

use crate::native::{method_args, no_kwargs};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::iter::IterState;
use crate::objects::sequence::{
    as_index, index_bounds, norm_index, repeat_count, repr_items, seq_richcompare,
};
use crate::objects::slicing::slice_indices;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

/// A list's items, packed (9 bytes an item).
pub type ListItems = crate::objects::packed::PackedVec<Value>;

/// The list payload of `v`.
pub fn list_cell<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a RefCell<ListItems>> {
    match v.payload() {
        Some(Payload::List(l)) => Ok(l),
        _ => Err(vm.type_error(format!(
            "descriptor for 'list' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))),
    }
}

/// `self` (a list), its items and the other positional arguments of a list method; the
/// good case is checked inline, the refusals out of line.
#[inline]
fn this_list<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<(&'a Value, &'a RefCell<ListItems>, &'a [Value])> {
    if !args.has_kwargs()
        && let Some((this, rest)) = args.values.split_first()
        && (min..=max).contains(&rest.len())
        && let Some(Payload::List(l)) = this.payload()
    {
        return Ok((this, l, rest));
    }
    Err(this_list_error(vm, args, name, min, max))
}

/// Why [`this_list`] refused its arguments.
#[cold]
#[inline(never)]
fn this_list_error(vm: &mut Vm, args: &Args<'_>, name: &str, min: usize, max: usize) -> PyErr {
    // CPython's `descr_check` refuses a `self` of the wrong type before counting arguments.
    let this = match method_args(vm, args, name, min, max) {
        Ok((this, _)) => this,
        Err(e) => {
            return match args.values.first() {
                Some(this) if !matches!(this.payload(), Some(Payload::List(_))) => {
                    list_descriptor_error(vm, name, this)
                }
                _ => e,
            };
        }
    };
    list_descriptor_error(vm, name, this)
}

/// `descriptor 'append' for 'list' objects doesn't apply to a 'str' object`.
#[cold]
#[inline(never)]
fn list_descriptor_error(vm: &mut Vm, name: &str, this: &Value) -> PyErr {
    let name = name.strip_prefix("list.").unwrap_or(name);
    if crate::call::is_slot_wrapper("list", name) {
        return vm.type_error(format!(
            "descriptor '{name}' requires a 'list' object but received a '{}'",
            vm.type_name(this)
        ));
    }
    crate::objects::number::descriptor_error(vm, name, "list", this)
}

/// Register `list`'s methods.
pub fn init(vm: &mut Vm) {
    let t = vm.types.list.clone();
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => list_new, "";
            method "__init__" => list_init, "";
            method "__repr__" => list_repr, "";
            method "__eq__" => list_eq, "";
            method "__ne__" => list_ne, "";
            method "__lt__" => list_lt, "";
            method "__le__" => list_le, "";
            method "__gt__" => list_gt, "";
            method "__ge__" => list_ge, "";
            method "__len__" => list_len, "";
            method "__contains__" => list_contains, "";
            method "__getitem__" => list_getitem, "";
            method "__setitem__" => list_setitem, "";
            method "__delitem__" => list_delitem, "";
            method "__add__" => list_add, "";
            method "__mul__" => list_mul, "";
            method "__rmul__" => list_mul, "";
            method "__iadd__" => list_iadd, "";
            method "__imul__" => list_imul, "";
            method "__iter__" => list_iter, "";
            method "__reversed__" => list_reversed, "";
            method "__sizeof__" => list_sizeof, "";
            method "append" => list_append, "Append object to the end of the list.";
            method "extend" => list_extend_m, "";
            method "insert" => list_insert, "";
            method "pop" => list_pop, "";
            method "remove" => list_remove, "";
            method "index" => list_index, "";
            method "count" => list_count, "";
            method "clear" => list_clear, "";
            method "copy" => list_copy, "";
            method "reverse" => list_reverse, "";
            method "sort" => crate::objects::sort::list_sort, "";
        ],
    );
    vm.set_type_attr(&t, "__hash__", Value::None);
}

fn list_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = &crate::native::new_cls(vm, &args, "list")?;
    let cls = cls.clone();
    Ok(Value::Obj(vm.new_object(
        &cls,
        Payload::List(RefCell::new(ListItems::new())),
    )))
}

fn list_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first() else {
        return Err(vm.type_error("descriptor '__init__' of 'list' object needs an argument"));
    };
    let cls = vm.type_of(this);
    let list = vm.types.list.clone();
    if crate::native::inherits_slot(vm, &cls, &list, "__new__") {
        no_kwargs(vm, &args, "list")?;
    }
    let pos = &args.pos()[1..];
    if pos.len() > 1 {
        return Err(vm.type_error(format!(
            "list expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    let l = list_cell(vm, this)?;
    let old = std::mem::take(&mut *l.borrow_mut());
    drop(old);
    if let Some(it) = pos.first() {
        // `list_extend` presizes with `PyObject_LengthHint`, which validates a user hint.
        let builtin = matches!(it, Value::Obj(o) if o.with_class(|c| crate::objects::typeobj::type_data(c).builtin));
        if !builtin && vm.lookup_special_str(it, "__len__").is_none() {
            length_hint_check(vm, it)?;
        }
        let items = vm.iterate(it)?;
        l.borrow_mut().extend(items);
    }
    Ok(Value::None)
}

/// Call a user `__length_hint__` as `PyObject_LengthHint` does, with its checks.
fn length_hint_check(vm: &mut Vm, it: &Value) -> PyResult<()> {
    let Some(r) = vm.call_special(it, "__length_hint__", &[])? else {
        return Ok(());
    };
    if r.is(&vm.not_implemented) {
        return Ok(());
    }
    let is_int =
        matches!(r, Value::Int(_) | Value::Bool(_)) || matches!(r.payload(), Some(Payload::Int(_)));
    if !is_int {
        let tn = vm.type_name(&r);
        return Err(vm.type_error(format!("__length_hint__ must be an integer, not {tn}")));
    }
    if matches!(r, Value::Int(n) if n < 0) {
        return Err(vm.value_error("__length_hint__() should return >= 0"));
    }
    Ok(())
}

fn list_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, l, _) = this_list(vm, &args, "__repr__", 0, 0)?;
    if l.borrow().is_empty() {
        return Ok(vm.new_str("[]"));
    }
    repr_items(vm, this, "[", "]", |i| l.borrow().get(i))
}

fn cmp(vm: &mut Vm, args: Args<'_>, op: CompareOp) -> PyResult<Value> {
    let (this, _, rest) = this_list(vm, &args, "__eq__", 1, 1)?;
    if !matches!(rest[0].payload(), Some(Payload::List(_))) {
        return Ok(vm.not_implemented.clone());
    }
    seq_richcompare(vm, this, &rest[0], op)
}

fn list_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Eq)
}
fn list_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Ne)
}
fn list_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Lt)
}
fn list_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Le)
}
fn list_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Gt)
}
fn list_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Ge)
}

fn list_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, l, _) = this_list(vm, &args, "__len__", 0, 0)?;
    Ok(Value::Int(l.borrow().len() as i64))
}

fn list_sizeof(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, l, _) = this_list(vm, &args, "__sizeof__", 0, 0)?;
    Ok(Value::Int(40 + 8 * l.borrow().capacity() as i64))
}

/// `x in list` (identity first, then `==`, re-reading the list each step).
pub fn list_contains_value(vm: &mut Vm, l: &RefCell<ListItems>, x: &Value) -> PyResult<bool> {
    let mut i = 0;
    loop {
        let Some(item) = l.borrow().get(i) else {
            return Ok(false);
        };
        if vm.eq(&item, x)? {
            return Ok(true);
        }
        i += 1;
    }
}

fn list_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, l, rest) = this_list(vm, &args, "__contains__", 1, 1)?;
    Ok(Value::bool(list_contains_value(vm, l, &rest[0])?))
}

fn list_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, l, rest) = this_list(vm, &args, "__getitem__", 1, 1)?;
    let key = &rest[0];
    if let Some(i) = as_index(vm, key)? {
        let l = l.borrow();
        return match norm_index(i, l.len()) {
            Some(i) => Ok(l.get(i).unwrap_or(Value::None)),
            None => {
                drop(l);
                Err(vm.index_error("list index out of range"))
            }
        };
    }
    if matches!(key.payload(), Some(Payload::Slice(_))) {
        let len = l.borrow().len();
        let (start, _stop, step, n) = slice_indices(vm, key, len)?;
        let l = l.borrow();
        let items = slice_list(&l, start, step, n);
        return Ok(vm.new_list(items));
    }
    Err(vm.type_error(format!(
        "list indices must be integers or slices, not {}",
        vm.type_name(key)
    )))
}

/// The items of a list that a resolved slice selects.
pub fn slice_list(items: &ListItems, start: isize, step: isize, n: usize) -> ListItems {
    let mut out = ListItems::with_capacity(n);
    let mut i = start;
    for _ in 0..n {
        if let Some(v) = items.get(i as usize) {
            out.push(v);
        }
        // Wraps only past the last item, which is never read (`a[::sys.maxsize]`).
        i = i.wrapping_add(step);
    }
    out
}

/// The items a resolved slice selects.
pub fn slice_items(items: &[Value], start: isize, step: isize, n: usize) -> Vec<Value> {
    if step == 1 {
        let s = start.max(0) as usize;
        return items
            .get(s..s + n)
            .map(<[Value]>::to_vec)
            .unwrap_or_default();
    }
    let mut out = Vec::with_capacity(n);
    let mut i = start;
    for _ in 0..n {
        if let Some(v) = items.get(i as usize) {
            out.push(v.clone());
        }
        // Wraps only past the last item, which is never read (`a[::sys.maxsize]`).
        i = i.wrapping_add(step);
    }
    out
}

/// The items of `v` for slice assignment (`PySequence_Fast` with CPython's message).
fn fast_items(vm: &mut Vm, this: &Value, v: &Value, msg: &str) -> PyResult<Vec<Value>> {
    // `a[i:j] = a` copies `a` first: the clone below does exactly that.
    let _ = this;
    match v.payload() {
        Some(Payload::List(l)) => return Ok(l.borrow().to_vec()),
        Some(Payload::Tuple(t)) => return Ok(t.to_vec()),
        _ => {}
    }
    match vm.iter(v) {
        Ok(it) => {
            let mut out = Vec::new();
            while let Some(x) = vm.next(&it)? {
                out.push(x);
            }
            Ok(out)
        }
        Err(e) => {
            if vm.err_matches(&e, &vm.types.type_error.clone()) {
                Err(vm.type_error(msg.to_string()))
            } else {
                Err(e)
            }
        }
    }
}

fn list_setitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, l, rest) = this_list(vm, &args, "__setitem__", 2, 2)?;
    let (key, value) = (&rest[0], &rest[1]);
    if let Some(i) = as_index(vm, key)? {
        let len = l.borrow().len();
        let Some(i) = norm_index(i, len) else {
            return Err(vm.index_error("list assignment index out of range"));
        };
        let old = l.borrow_mut().replace(i, value.clone());
        drop(old);
        return Ok(Value::None);
    }
    if matches!(key.payload(), Some(Payload::Slice(_))) {
        let len = l.borrow().len();
        let (start, stop, step, n) = slice_indices(vm, key, len)?;
        if step == 1 {
            let items = fast_items(vm, this, value, "can only assign an iterable")?;
            let mut lb = l.borrow_mut();
            let len = lb.len() as isize;
            let lo = start.clamp(0, len) as usize;
            let hi = (stop.clamp(0, len) as usize).max(lo);
            let removed = lb.splice(lo..hi, items);
            drop(lb);
            drop(removed);
            return Ok(Value::None);
        }
        let items = fast_items(vm, this, value, "must assign iterable to extended slice")?;
        if items.len() != n {
            return Err(vm.value_error(format!(
                "attempt to assign sequence of size {} to extended slice of size {n}",
                items.len()
            )));
        }
        let mut old = Vec::with_capacity(n);
        {
            let mut lb = l.borrow_mut();
            let mut i = start;
            for v in items {
                if (i as usize) < lb.len() {
                    old.push(lb.replace(i as usize, v));
                }
                // Wraps only past the last item, which is never read (`a[::sys.maxsize]`).
                i = i.wrapping_add(step);
            }
        }
        drop(old);
        return Ok(Value::None);
    }
    Err(vm.type_error(format!(
        "list indices must be integers or slices, not {}",
        vm.type_name(key)
    )))
}

fn list_delitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, l, rest) = this_list(vm, &args, "__delitem__", 1, 1)?;
    let key = &rest[0];
    if let Some(i) = as_index(vm, key)? {
        let len = l.borrow().len();
        let Some(i) = norm_index(i, len) else {
            return Err(vm.index_error("list assignment index out of range"));
        };
        let old = l.borrow_mut().remove(i);
        drop(old);
        return Ok(Value::None);
    }
    if matches!(key.payload(), Some(Payload::Slice(_))) {
        let len = l.borrow().len();
        let (start, _stop, step, n) = slice_indices(vm, key, len)?;
        if n == 0 {
            return Ok(Value::None);
        }
        let removed: Vec<Value>;
        {
            let mut lb = l.borrow_mut();
            let (lo, step) = if step < 0 {
                (start + (n as isize - 1) * step, -step)
            } else {
                (start, step)
            };
            let lo = lo as usize;
            let step = step as usize;
            if step == 1 {
                removed = lb.drain(lo..lo + n);
            } else {
                let old = std::mem::take(&mut *lb);
                let mut keep = ListItems::with_capacity(old.len() - n);
                let mut gone = Vec::with_capacity(n);
                for (i, v) in old.into_vec().into_iter().enumerate() {
                    if i >= lo && (i - lo).is_multiple_of(step) && (i - lo) / step < n {
                        gone.push(v);
                    } else {
                        keep.push(v);
                    }
                }
                *lb = keep;
                removed = gone;
            }
        }
        drop(removed);
        return Ok(Value::None);
    }
    Err(vm.type_error(format!(
        "list indices must be integers or slices, not {}",
        vm.type_name(key)
    )))
}

fn list_add(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, l, rest) = this_list(vm, &args, "__add__", 1, 1)?;
    let Some(Payload::List(other)) = rest[0].payload() else {
        return Ok(vm.not_implemented.clone());
    };
    let a = l.borrow();
    let b = other.borrow();
    if a.len() + b.len() > crate::objects::sequence::MAX_ITEMS {
        drop((a, b));
        return Err(vm.memory_error());
    }
    let mut v = ListItems::with_capacity(a.len() + b.len());
    v.extend(a.iter());
    v.extend(b.iter());
    drop((a, b));
    Ok(vm.new_list(v))
}

/// `items * n` as a new vector.
pub fn repeat_items(items: &[Value], n: usize) -> Vec<Value> {
    let mut v = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        v.extend_from_slice(items);
    }
    v
}

fn list_mul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, l, rest) = this_list(vm, &args, "__mul__", 1, 1)?;
    let len = l.borrow().len();
    let Some(n) = repeat_count(vm, &rest[0], len)? else {
        return Ok(vm.not_implemented.clone());
    };
    let v = l.borrow().repeat(n);
    Ok(vm.new_list(v))
}

fn list_iadd(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, l, rest) = this_list(vm, &args, "__iadd__", 1, 1)?;
    let items = vm.iterate(&rest[0])?;
    l.borrow_mut().extend(items);
    Ok(this.clone())
}

fn list_imul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, l, rest) = this_list(vm, &args, "__imul__", 1, 1)?;
    let len = l.borrow().len();
    let Some(n) = repeat_count(vm, &rest[0], len)? else {
        return Ok(vm.not_implemented.clone());
    };
    if n == 0 {
        let old = std::mem::take(&mut *l.borrow_mut());
        drop(old);
    } else if n > 1 {
        let v = l.borrow().repeat(n);
        let old = std::mem::replace(&mut *l.borrow_mut(), v);
        drop(old);
    }
    Ok(this.clone())
}

fn list_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _, _) = this_list(vm, &args, "__iter__", 0, 0)?;
    let t = vm.types.list_iterator.clone();
    Ok(Value::Obj(ObjRef::new(
        t,
        Payload::Iter(Box::new(RefCell::new(IterState::Seq {
            seq: this.clone(),
            index: 0,
        }))),
    )))
}

fn list_reversed(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, l, _) = this_list(vm, &args, "__reversed__", 0, 0)?;
    let remaining = l.borrow().len();
    let t = vm.types.list_reverseiterator.clone();
    Ok(Value::Obj(ObjRef::new(
        t,
        Payload::Iter(Box::new(RefCell::new(IterState::Reversed {
            seq: this.clone(),
            remaining,
        }))),
    )))
}

fn list_append(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, l, rest) = this_list(vm, &args, "list.append", 1, 1)?;
    l.borrow_mut().push(rest[0].clone());
    Ok(Value::None)
}

fn list_extend_m(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, l, rest) = this_list(vm, &args, "list.extend", 1, 1)?;
    let items = vm.iterate(&rest[0])?;
    l.borrow_mut().extend(items);
    Ok(Value::None)
}

fn list_insert(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, l, rest) = this_list(vm, &args, "insert", 2, 2)?;
    let i = match as_index(vm, &rest[0]) {
        Ok(Some(i)) => i,
        Ok(None) => {
            return Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(&rest[0])
            )));
        }
        Err(e) => {
            if vm.err_matches(&e, &vm.types.index_error.clone()) {
                if matches!(rest[0].payload(), Some(Payload::Int(b)) if num_traits::Signed::is_negative(b))
                {
                    i64::MIN
                } else {
                    i64::MAX
                }
            } else {
                return Err(e);
            }
        }
    };
    let mut lb = l.borrow_mut();
    let len = lb.len() as i64;
    let idx = if i < 0 {
        (i.saturating_add(len)).max(0)
    } else {
        i.min(len)
    };
    lb.insert(idx as usize, rest[1].clone());
    Ok(Value::None)
}

fn list_pop(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, l, rest) = this_list(vm, &args, "pop", 0, 1)?;
    let i = match rest.first() {
        Some(v) => match as_index(vm, v)? {
            Some(i) => i,
            None => {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(v)
                )));
            }
        },
        None => -1,
    };
    let len = l.borrow().len();
    if len == 0 {
        return Err(vm.index_error("pop from empty list"));
    }
    let Some(idx) = norm_index(i, len) else {
        return Err(vm.index_error("pop index out of range"));
    };
    Ok(l.borrow_mut().remove(idx))
}

fn list_remove(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, l, rest) = this_list(vm, &args, "list.remove", 1, 1)?;
    let mut i = 0;
    loop {
        let Some(item) = l.borrow().get(i) else {
            return Err(vm.value_error("list.remove(x): x not in list"));
        };
        if vm.eq(&item, &rest[0])? {
            let mut lb = l.borrow_mut();
            if i < lb.len() {
                let old = lb.remove(i);
                drop(lb);
                drop(old);
            }
            return Ok(Value::None);
        }
        i += 1;
    }
}

fn list_index(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, l, rest) = this_list(vm, &args, "index", 1, 3)?;
    let len = l.borrow().len();
    let (start, stop) = index_bounds(vm, &rest[1..], len)?;
    let mut i = start;
    while i < stop {
        let Some(item) = l.borrow().get(i) else {
            break;
        };
        if vm.eq(&item, &rest[0])? {
            return Ok(Value::Int(i as i64));
        }
        i += 1;
    }
    let r = vm.repr_string(&rest[0])?;
    Err(vm.value_error(format!("{r} is not in list")))
}

fn list_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, l, rest) = this_list(vm, &args, "list.count", 1, 1)?;
    let mut n = 0;
    let mut i = 0;
    loop {
        // The borrow must end before `__eq__` runs: it may mutate the list.
        let Some(item) = l.borrow().get(i) else {
            break;
        };
        if vm.eq(&item, &rest[0])? {
            n += 1;
        }
        i += 1;
    }
    Ok(Value::Int(n))
}

fn list_clear(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, l, _) = this_list(vm, &args, "list.clear", 0, 0)?;
    let old = std::mem::take(&mut *l.borrow_mut());
    drop(old);
    Ok(Value::None)
}

fn list_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, l, _) = this_list(vm, &args, "list.copy", 0, 0)?;
    let v = l.borrow().clone();
    Ok(vm.new_list(v))
}

fn list_reverse(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, l, _) = this_list(vm, &args, "list.reverse", 0, 0)?;
    l.borrow_mut().reverse();
    Ok(Value::None)
}
