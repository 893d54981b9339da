//! `slice` objects (CPython: `Objects/sliceobject.c`): construction, `start`/`stop`/`step`,
//! `indices()`, repr and comparison (as `(start, stop, step)` tuples). Slices are unhashable
//! in 3.11. The container types themselves live in `list.rs`, `tuple.rs`, `dictmethods.rs`,
//! `dictviews.rs`, `setmethods.rs` and `range.rs`.

use krait_bytecode::CompareOp;

use crate::PyResult;
use crate::Vm;
use crate::native::method_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;

impl Vm {
    /// A new slice object.
    pub fn new_slice(&mut self, start: Value, stop: Value, step: Value) -> Value {
        Value::Obj(ObjRef::new(
            self.types.slice.clone(),
            Payload::Slice(Box::new([start, stop, step])),
        ))
    }
}

/// Register the slice type's methods and the container views.
pub fn init(vm: &mut Vm) {
    let t = vm.types.slice.clone();
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => slice_new, "";
            method "__repr__" => slice_repr, "";
            method "__eq__" => slice_eq, "";
            method "__ne__" => slice_ne, "";
            method "__lt__" => slice_lt, "";
            method "__le__" => slice_le, "";
            method "__gt__" => slice_gt, "";
            method "__ge__" => slice_ge, "";
            method "indices" => slice_indices_m, "";
            method "__reduce__" => slice_reduce, "";
        ],
    );
    vm.set_type_attr(&t, "__hash__", Value::None);
    let ro =
        Some(crate::objects::range::readonly as fn(&mut Vm, &Value, Option<Value>) -> PyResult<()>);
    vm.add_getset(&t, "start", slice_start, ro);
    vm.add_getset(&t, "stop", slice_stop, ro);
    vm.add_getset(&t, "step", slice_step, ro);
    crate::objects::dictviews::init(vm);
}

fn parts(v: &Value) -> Option<&[Value; 3]> {
    match v.payload() {
        Some(Payload::Slice(p)) => Some(p),
        _ => None,
    }
}

fn this_slice<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<(&'a [Value; 3], &'a [Value])> {
    let (this, rest) = method_args(vm, args, name, min, max)?;
    match parts(this) {
        Some(p) => Ok((p, rest)),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'slice' object"))),
    }
}

fn slice_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("slice() takes no keyword arguments"));
    }
    let a = &args.values[1..];
    match a.len() {
        0 => Err(vm.type_error("slice expected at least 1 argument, got 0")),
        1 => Ok(vm.new_slice(Value::None, a[0].clone(), Value::None)),
        2 => Ok(vm.new_slice(a[0].clone(), a[1].clone(), Value::None)),
        3 => Ok(vm.new_slice(a[0].clone(), a[1].clone(), a[2].clone())),
        n => Err(vm.type_error(format!("slice expected at most 3 arguments, got {n}"))),
    }
}

fn slice_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, _) = this_slice(vm, &args, "__repr__", 0, 0)?;
    let mut out = Vec::from(&b"slice("[..]);
    for (i, v) in p.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b", ");
        }
        let r = vm.repr(v)?;
        crate::objects::sequence::push_str_value(&mut out, &r);
    }
    out.push(b')');
    Ok(vm.new_pystr(crate::objects::str::PyStr::from_wtf8(out)))
}

fn cmp(vm: &mut Vm, args: Args<'_>, op: CompareOp) -> PyResult<Value> {
    let (p, rest) = this_slice(vm, &args, "__eq__", 1, 1)?;
    let Some(q) = parts(&rest[0]) else {
        return Ok(vm.not_implemented.clone());
    };
    let a = vm.new_tuple(p.to_vec());
    let b = vm.new_tuple(q.to_vec());
    vm.compare(&a, &b, op)
}

fn slice_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Eq)
}
fn slice_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Ne)
}
fn slice_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Lt)
}
fn slice_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Le)
}
fn slice_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Gt)
}
fn slice_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Ge)
}

fn slice_indices_m(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "indices", 1, 1)?;
    let Some(p) = parts(this) else {
        return Err(vm.type_error("descriptor 'indices' requires a 'slice' object"));
    };
    let len = crate::objects::range::index_big(vm, &rest[0])?;
    if num_traits::Signed::is_negative(&len) {
        return Err(vm.value_error("length should not be negative"));
    }
    // A range over 0..len sliced gives CPython's `_PySlice_GetLongIndices` answer.
    let r = crate::objects::iter::RangeData::new(
        num_bigint::BigInt::from(0),
        len,
        num_bigint::BigInt::from(1),
    );
    let rv = crate::objects::range::new_range(vm, r);
    let sl = vm.new_slice(p[0].clone(), p[1].clone(), p[2].clone());
    let sub = vm.getitem(&rv, &sl)?;
    let Some(Payload::Range(sr)) = sub.payload() else {
        return Err(vm.type_error("bad slice"));
    };
    let (a, b, c) = (sr.start.clone(), sr.stop.clone(), sr.step.clone());
    let items = vec![
        Value::from_bigint(a, vm),
        Value::from_bigint(b, vm),
        Value::from_bigint(c, vm),
    ];
    Ok(vm.new_tuple(items))
}

fn slice_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, _) = this_slice(vm, &args, "__reduce__", 0, 0)?;
    let a = vm.new_tuple(p.to_vec());
    let t = Value::Obj(vm.types.slice.clone());
    Ok(vm.new_pair(t, a))
}

fn slice_start(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    parts(this)
        .map(|p| p[0].clone())
        .ok_or_else(|| vm.type_error("expected a slice"))
}

fn slice_stop(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    parts(this)
        .map(|p| p[1].clone())
        .ok_or_else(|| vm.type_error("expected a slice"))
}

fn slice_step(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    parts(this)
        .map(|p| p[2].clone())
        .ok_or_else(|| vm.type_error("expected a slice"))
}
