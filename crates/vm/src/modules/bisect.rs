//! The `_bisect` module (CPython: `Modules/_bisectmodule.c`): binary search and insertion in
//! a sorted sequence, with an optional `key`. `bisect.py` uses it when present.

use krait_bytecode::CompareOp;

use crate::native::bind_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("bisect_right", bisect_right),
            ("bisect_left", bisect_left),
            ("insort_right", insort_right),
            ("insort_left", insort_left),
        ],
    );
    Ok(())
}

/// The bound arguments `(a, x, lo, hi, key)`: at most four positional, `key` by keyword.
fn parse(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<Vec<Value>> {
    let n = args.pos().len();
    if n > 4 {
        return Err(vm.type_error(format!(
            "{name}() takes at most 4 positional arguments ({n} given)"
        )));
    }
    let a = bind_args(vm, args, name, &["a", "x", "lo", "hi", "key"], 0)?;
    for (i, what) in [(0, "a"), (1, "x")] {
        if a[i].is_null() {
            return Err(vm.type_error(format!(
                "{name}() missing required argument '{what}' (pos {})",
                i + 1
            )));
        }
    }
    Ok(a)
}

/// `internal_bisect_right` / `internal_bisect_left`: the insertion point of `x`.
fn search(vm: &mut Vm, a: &[Value], right: bool) -> PyResult<i64> {
    let (seq, x) = (&a[0], &a[1]);
    let mut lo = if a[2].is_null() {
        0
    } else {
        vm.index_to_i64(&a[2])?
    };
    if lo < 0 {
        return Err(vm.value_error("lo must be non-negative"));
    }
    let mut hi = if a[3].is_null() || a[3].is_none() {
        vm.len(seq)? as i64
    } else {
        vm.index_to_i64(&a[3])?
    };
    let key = if a[4].is_null() || a[4].is_none() {
        None
    } else {
        Some(a[4].clone())
    };
    while lo < hi {
        // No overflow: both are non-negative i64.
        let mid = lo + (hi - lo) / 2;
        let mut item = vm.getitem(seq, &Value::Int(mid))?;
        if let Some(k) = &key {
            item = vm.call_pos(k, &[item])?;
        }
        let go_left = if right {
            let r = vm.compare(x, &item, CompareOp::Lt)?;
            vm.is_true(&r)?
        } else {
            let r = vm.compare(&item, x, CompareOp::Lt)?;
            !vm.is_true(&r)?
        };
        if go_left {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

fn bisect_right(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = parse(vm, &args, "bisect_right")?;
    Ok(Value::Int(search(vm, &a, true)?))
}

fn bisect_left(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = parse(vm, &args, "bisect_left")?;
    Ok(Value::Int(search(vm, &a, false)?))
}

fn insort(vm: &mut Vm, args: Args<'_>, name: &str, right: bool) -> PyResult<Value> {
    let mut a = parse(vm, &args, name)?;
    let x = a[1].clone();
    if !(a[4].is_null() || a[4].is_none()) {
        let k = a[4].clone();
        a[1] = vm.call_pos(&k, std::slice::from_ref(&x))?;
    }
    let i = search(vm, &a, right)?;
    let seq = &a[0];
    if let Some(Payload::List(l)) = seq.payload()
        && ObjRef::ptr_eq(&vm.type_of(seq), &vm.types.list)
    {
        let mut items = l.borrow_mut();
        let at = (i.max(0) as usize).min(items.len());
        items.insert(at, x);
        return Ok(Value::None);
    }
    let insert = vm.getattr_str(seq, "insert")?;
    vm.call_pos(&insert, &[Value::Int(i), x])?;
    Ok(Value::None)
}

fn insort_right(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    insort(vm, args, "insort_right", true)
}

fn insort_left(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    insort(vm, args, "insort_left", false)
}
