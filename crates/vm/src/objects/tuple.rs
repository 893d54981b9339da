//! `tuple` (CPython: `Objects/tupleobject.c`): construction, indexing and slicing,
//! comparison, hashing (xxHash-based `tuplehash`), `count` and `index`.

use std::cell::RefCell;

use krait_bytecode::CompareOp;

use crate::native::method_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::iter::IterState;
use crate::objects::list::{repeat_items, slice_items};
use crate::objects::sequence::{
    as_index, index_bounds, norm_index, repeat_count, repr_items, seq_richcompare,
};
use crate::objects::slicing::slice_indices;
use crate::value::Value;
use crate::{PyResult, Vm};

/// A tuple's items. Tuples of one or two items keep them in the object itself; longer ones
/// in a boxed slice. A 2-tuple built as a box costs the object plus a 48-byte heap block
/// (two 16-byte values and the allocator's header): peak RSS of the benchmarks that keep many
/// pairs (sort keys, memo-table keys, nested unpacking) is dominated by that block.
#[derive(Clone)]
pub enum TupleItems {
    /// Two items, inline.
    Two([Value; 2]),
    /// One item, inline.
    One(Value),
    /// Any other length.
    Heap(Box<[Value]>),
}

impl TupleItems {
    /// The items as a slice.
    #[inline(always)]
    pub fn as_slice(&self) -> &[Value] {
        match self {
            TupleItems::Two(a) => a,
            TupleItems::One(v) => std::slice::from_ref(v),
            TupleItems::Heap(b) => b,
        }
    }

    /// A pair.
    #[inline]
    pub fn pair(a: Value, b: Value) -> TupleItems {
        TupleItems::Two([a, b])
    }
}

impl std::ops::Deref for TupleItems {
    type Target = [Value];
    #[inline(always)]
    fn deref(&self) -> &[Value] {
        self.as_slice()
    }
}

impl From<Vec<Value>> for TupleItems {
    #[inline]
    fn from(mut v: Vec<Value>) -> TupleItems {
        match v.len() {
            2 => {
                let b = v.pop().unwrap_or(Value::None);
                let a = v.pop().unwrap_or(Value::None);
                TupleItems::Two([a, b])
            }
            1 => TupleItems::One(v.pop().unwrap_or(Value::None)),
            _ => TupleItems::Heap(v.into_boxed_slice()),
        }
    }
}

impl From<Box<[Value]>> for TupleItems {
    #[inline]
    fn from(b: Box<[Value]>) -> TupleItems {
        match b.len() {
            1 | 2 => TupleItems::from(b.into_vec()),
            _ => TupleItems::Heap(b),
        }
    }
}

const _: () = assert!(std::mem::size_of::<TupleItems>() <= 40);

fn this_tuple<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<(&'a Value, &'a [Value], &'a [Value])> {
    let (this, rest) = method_args(vm, args, name, min, max)?;
    match this.payload() {
        Some(Payload::Tuple(t)) => Ok((this, t, rest)),
        _ => Err(vm.type_error(format!(
            "descriptor '{name}' for 'tuple' objects doesn't apply to a '{}' object",
            vm.type_name(this)
        ))),
    }
}

/// Register `tuple`'s methods.
pub fn init(vm: &mut Vm) {
    let t = vm.types.tuple.clone();
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => tuple_new, "";
            method "__repr__" => tuple_repr, "";
            method "__hash__" => tuple_hash, "";
            method "__eq__" => tuple_eq, "";
            method "__ne__" => tuple_ne, "";
            method "__lt__" => tuple_lt, "";
            method "__le__" => tuple_le, "";
            method "__gt__" => tuple_gt, "";
            method "__ge__" => tuple_ge, "";
            method "__len__" => tuple_len, "";
            method "__contains__" => tuple_contains, "";
            method "__getitem__" => tuple_getitem, "";
            method "__add__" => tuple_add, "";
            method "__mul__" => tuple_mul, "";
            method "__rmul__" => tuple_mul, "";
            method "__iter__" => tuple_iter, "";
            method "__getnewargs__" => tuple_getnewargs, "";
            method "count" => tuple_count, "";
            method "index" => tuple_index, "";
        ],
    );
}

fn tuple_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = &crate::native::new_cls(vm, &args, "tuple")?;
    let cls = cls.clone();
    let tuple = vm.types.tuple.clone();
    if args.has_kwargs() && crate::native::inherits_slot(vm, &cls, &tuple, "__init__") {
        return Err(vm.type_error("tuple() takes no keyword arguments"));
    }
    let pos = args.pos().get(1..).unwrap_or(&[]);
    if pos.len() > 1 {
        return Err(vm.type_error(format!(
            "tuple expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    let exact = ObjRef::ptr_eq(&cls, &vm.types.tuple);
    if exact
        && let Some(v) = pos.first()
        && matches!(v.payload(), Some(Payload::Tuple(_)))
        && crate::objects::sequence::is_builtin_exact(v)
    {
        return Ok(v.clone());
    }
    let items = match pos.first() {
        Some(v) => vm.iterate(v)?,
        None => Vec::new(),
    };
    if exact {
        return Ok(vm.new_tuple(items));
    }
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Tuple(items.into())),
    ))
}

fn tuple_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, t, _) = this_tuple(vm, &args, "__repr__", 0, 0)?;
    match t.len() {
        0 => Ok(vm.new_str("()")),
        1 => repr_items(vm, this, "(", ",)", |i| t.get(i).cloned()),
        _ => repr_items(vm, this, "(", ")", |i| t.get(i).cloned()),
    }
}

fn tuple_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, t, _) = this_tuple(vm, &args, "__hash__", 0, 0)?;
    let mut hashes = Vec::with_capacity(t.len());
    for v in t {
        hashes.push(vm.hash(v)?);
    }
    Ok(Value::Int(krait_common::hash::hash_tuple(
        hashes.into_iter(),
    )))
}

fn cmp(vm: &mut Vm, args: Args<'_>, op: CompareOp) -> PyResult<Value> {
    let (this, _, rest) = this_tuple(vm, &args, "__eq__", 1, 1)?;
    if !matches!(rest[0].payload(), Some(Payload::Tuple(_))) {
        return Ok(vm.not_implemented.clone());
    }
    seq_richcompare(vm, this, &rest[0], op)
}

fn tuple_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Eq)
}
fn tuple_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Ne)
}
fn tuple_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Lt)
}
fn tuple_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Le)
}
fn tuple_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Gt)
}
fn tuple_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmp(vm, args, CompareOp::Ge)
}

fn tuple_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, t, _) = this_tuple(vm, &args, "__len__", 0, 0)?;
    Ok(Value::Int(t.len() as i64))
}

fn tuple_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, t, rest) = this_tuple(vm, &args, "__contains__", 1, 1)?;
    for v in t {
        if vm.eq(v, &rest[0])? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

fn tuple_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, t, rest) = this_tuple(vm, &args, "__getitem__", 1, 1)?;
    let key = &rest[0];
    if let Some(i) = as_index(vm, key)? {
        return match norm_index(i, t.len()) {
            Some(i) => Ok(t[i].clone()),
            None => Err(vm.index_error("tuple index out of range")),
        };
    }
    if matches!(key.payload(), Some(Payload::Slice(_))) {
        let (start, _stop, step, n) = slice_indices(vm, key, t.len())?;
        if n == t.len() && step == 1 && crate::objects::sequence::is_builtin_exact(this) {
            return Ok(this.clone());
        }
        return Ok(vm.new_tuple(slice_items(t, start, step, n)));
    }
    Err(vm.type_error(format!(
        "tuple indices must be integers or slices, not {}",
        vm.type_name(key)
    )))
}

fn tuple_add(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, t, rest) = this_tuple(vm, &args, "__add__", 1, 1)?;
    let Some(Payload::Tuple(other)) = rest[0].payload() else {
        return Ok(vm.not_implemented.clone());
    };
    // `tuple_concat` hands back an operand when the other is empty (exact tuples only).
    if other.is_empty() && crate::objects::sequence::is_builtin_exact(this) {
        return Ok(this.clone());
    }
    if t.is_empty() && crate::objects::sequence::is_builtin_exact(&rest[0]) {
        return Ok(rest[0].clone());
    }
    if t.len() + other.len() > crate::objects::sequence::MAX_ITEMS {
        return Err(vm.memory_error());
    }
    let mut v = Vec::with_capacity(t.len() + other.len());
    v.extend_from_slice(t);
    v.extend_from_slice(other);
    Ok(vm.new_tuple(v))
}

fn tuple_mul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, t, rest) = this_tuple(vm, &args, "__mul__", 1, 1)?;
    let Some(n) = repeat_count(vm, &rest[0], t.len())? else {
        return Ok(vm.not_implemented.clone());
    };
    if n == 1 && crate::objects::sequence::is_builtin_exact(this) {
        return Ok(this.clone());
    }
    Ok(vm.new_tuple(repeat_items(t, n)))
}

fn tuple_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _, _) = this_tuple(vm, &args, "__iter__", 0, 0)?;
    let t = vm.types.tuple_iterator.clone();
    Ok(Value::Obj(ObjRef::new(
        t,
        Payload::Iter(Box::new(RefCell::new(IterState::Seq {
            seq: this.clone(),
            index: 0,
        }))),
    )))
}

fn tuple_getnewargs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, t, _) = this_tuple(vm, &args, "__getnewargs__", 0, 0)?;
    let inner = vm.new_tuple(t.to_vec());
    Ok(vm.new_tuple(vec![inner]))
}

fn tuple_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, t, rest) = this_tuple(vm, &args, "tuple.count", 1, 1)?;
    let mut n = 0;
    for v in t {
        if vm.eq(v, &rest[0])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn tuple_index(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, t, rest) = this_tuple(vm, &args, "index", 1, 3)?;
    let (start, stop) = index_bounds(vm, &rest[1..], t.len())?;
    for i in start..stop {
        if let Some(v) = t.get(i)
            && vm.eq(v, &rest[0])?
        {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(vm.value_error("tuple.index(x): x not in tuple"))
}
