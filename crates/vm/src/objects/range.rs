//! `range` (CPython: `Objects/rangeobject.c`): construction, O(1) `len` and membership for
//! ints, indexing and slicing (a slice of a range is a range), `index`/`count`, equality and
//! hashing by the sequence a range produces, and reversed iteration. Bounds are exact
//! `BigInt`s with an `i64` copy when they fit.

use std::cell::RefCell;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::native::method_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::iter::{IterState, RangeData};
use crate::value::Value;
use crate::{PyResult, Vm};

impl RangeData {
    /// A range from exact bounds (`step` must not be zero).
    pub fn new(start: BigInt, stop: BigInt, step: BigInt) -> RangeData {
        let small = match (start.to_i64(), stop.to_i64(), step.to_i64()) {
            (Some(a), Some(b), Some(c)) => Some((a, b, c)),
            _ => None,
        };
        RangeData {
            start,
            stop,
            step,
            small,
        }
    }

    /// The number of items (`compute_range_length`).
    pub fn length(&self) -> BigInt {
        if let Some((a, b, c)) = self.small {
            let (a, b, c) = (i128::from(a), i128::from(b), i128::from(c));
            let n = if c > 0 {
                if a < b { (b - a - 1) / c + 1 } else { 0 }
            } else if a > b {
                (a - b - 1) / (-c) + 1
            } else {
                0
            };
            return BigInt::from(n);
        }
        let (lo, hi, step) = if self.step.is_positive() {
            (&self.start, &self.stop, self.step.clone())
        } else {
            (&self.stop, &self.start, -self.step.clone())
        };
        if lo >= hi {
            return BigInt::zero();
        }
        (hi - lo - 1u32) / step + 1u32
    }

    /// The length as a `usize` when it fits.
    pub fn len_usize(&self) -> Option<usize> {
        self.length().to_usize()
    }

    /// The item at index `i` (already known to be in range).
    pub fn item(&self, i: &BigInt) -> BigInt {
        &self.start + i * &self.step
    }

    /// Whether the int `v` is one of the range's items.
    pub fn contains_int(&self, v: &BigInt) -> bool {
        let in_bounds = if self.step.is_positive() {
            &self.start <= v && v < &self.stop
        } else {
            &self.stop < v && v <= &self.start
        };
        in_bounds && (v - &self.start).mod_floor(&self.step.abs()).is_zero()
    }
}

fn range_of(v: &Value) -> Option<&RangeData> {
    match v.payload() {
        Some(Payload::Range(r)) => Some(r),
        _ => None,
    }
}

fn this_range<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<(&'a Value, &'a RangeData, &'a [Value])> {
    let (this, rest) = method_args(vm, args, name, min, max)?;
    match range_of(this) {
        Some(r) => Ok((this, r, rest)),
        None => Err(vm.type_error(format!(
            "descriptor '{name}' for 'range' objects doesn't apply to a '{}' object",
            vm.type_name(this)
        ))),
    }
}

/// A new range object.
pub fn new_range(vm: &mut Vm, r: RangeData) -> Value {
    Value::Obj(ObjRef::new(
        vm.types.range.clone(),
        Payload::Range(Box::new(r)),
    ))
}

/// An int value as a `BigInt` (`None` for non-ints).
pub fn int_value(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(i64::from(b.get()))),
        _ => match v.payload() {
            Some(Payload::Int(b)) => Some(b.clone()),
            _ => None,
        },
    }
}

/// `operator.index(v)` as a `BigInt`.
pub fn index_big(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if let Some(b) = int_value(v) {
        return Ok(b);
    }
    let r = vm.index_value(v)?;
    int_value(&r).ok_or_else(|| vm.type_error("__index__ returned non-int"))
}

fn big_value(vm: &Vm, b: BigInt) -> Value {
    Value::from_bigint(b, vm)
}

/// Register `range`'s methods.
pub fn init(vm: &mut Vm) {
    let t = vm.types.range.clone();
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => range_new, "";
            method "__repr__" => range_repr, "";
            method "__len__" => range_len, "";
            method "__bool__" => range_bool, "";
            method "__contains__" => range_contains, "";
            method "__getitem__" => range_getitem, "";
            method "__iter__" => range_iter, "";
            method "__reversed__" => range_reversed, "";
            method "__eq__" => range_eq, "";
            method "__ne__" => range_ne, "";
            method "__hash__" => range_hash, "";
            method "__reduce__" => range_reduce, "";
            method "index" => range_index, "";
            method "count" => range_count, "";
        ],
    );
    let ro = Some(readonly as fn(&mut Vm, &Value, Option<Value>) -> PyResult<()>);
    vm.add_getset(&t, "start", range_start, ro);
    vm.add_getset(&t, "stop", range_stop, ro);
    vm.add_getset(&t, "step", range_step, ro);
}

fn range_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("range() takes no keyword arguments"));
    }
    let a = &args.values[1..];
    let (start, stop, step) = match a.len() {
        0 => return Err(vm.type_error("range expected at least 1 argument, got 0")),
        1 => (BigInt::zero(), index_big(vm, &a[0])?, BigInt::one()),
        2 => (index_big(vm, &a[0])?, index_big(vm, &a[1])?, BigInt::one()),
        3 => {
            let start = index_big(vm, &a[0])?;
            let stop = index_big(vm, &a[1])?;
            let step = index_big(vm, &a[2])?;
            if step.is_zero() {
                return Err(vm.value_error("range() arg 3 must not be zero"));
            }
            (start, stop, step)
        }
        n => {
            return Err(vm.type_error(format!("range expected at most 3 arguments, got {n}")));
        }
    };
    Ok(new_range(vm, RangeData::new(start, stop, step)))
}

fn range_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, r, _) = this_range(vm, &args, "__repr__", 0, 0)?;
    let s = if r.step.is_one() {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    };
    Ok(vm.new_string(s))
}

fn range_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, r, _) = this_range(vm, &args, "__len__", 0, 0)?;
    match r.length().to_i64() {
        Some(n) => Ok(Value::Int(n)),
        None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
    }
}

fn range_bool(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, r, _) = this_range(vm, &args, "__bool__", 0, 0)?;
    Ok(Value::bool(!r.length().is_zero()))
}

/// Whether `v` is exactly an int or bool (the O(1) membership path).
fn exact_int(vm: &Vm, v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(_) | Value::Bool(_) => int_value(v),
        Value::Obj(o) if o.class_is(&vm.types.int) => int_value(v),
        _ => None,
    }
}

fn range_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, r, rest) = this_range(vm, &args, "__contains__", 1, 1)?;
    if let Some(i) = exact_int(vm, &rest[0]) {
        return Ok(Value::bool(r.contains_int(&i)));
    }
    let it = vm.iter(this)?;
    while let Some(x) = vm.next(&it)? {
        if vm.eq(&x, &rest[0])? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

/// `_PySlice_GetLongIndices`: a slice's bounds against a (big) length.
fn slice_long_indices(
    vm: &mut Vm,
    slice: &Value,
    length: &BigInt,
) -> PyResult<(BigInt, BigInt, BigInt)> {
    let Some(Payload::Slice(parts)) = slice.payload() else {
        return Err(vm.type_error("expected a slice"));
    };
    let [start, stop, step] = (**parts).clone();
    let get = |vm: &mut Vm, v: &Value| -> PyResult<Option<BigInt>> {
        if v.is_none() {
            return Ok(None);
        }
        if int_value(v).is_none() && vm.lookup_special_str(v, "__index__").is_none() {
            return Err(
                vm.type_error("slice indices must be integers or None or have an __index__ method")
            );
        }
        index_big(vm, v).map(Some)
    };
    let step = match get(vm, &step)? {
        None => BigInt::one(),
        Some(s) if s.is_zero() => return Err(vm.value_error("slice step cannot be zero")),
        Some(s) => s,
    };
    let neg = step.is_negative();
    let lower = if neg {
        BigInt::from(-1)
    } else {
        BigInt::zero()
    };
    let upper = length + &lower;
    let clamp = |mut v: BigInt| -> BigInt {
        if v.is_negative() {
            v += length;
            if v < lower { lower.clone() } else { v }
        } else if v > upper {
            upper.clone()
        } else {
            v
        }
    };
    let start = match get(vm, &start)? {
        None => {
            if neg {
                upper.clone()
            } else {
                lower.clone()
            }
        }
        Some(v) => clamp(v),
    };
    let stop = match get(vm, &stop)? {
        None => {
            if neg {
                lower.clone()
            } else {
                upper.clone()
            }
        }
        Some(v) => clamp(v),
    };
    Ok((start, stop, step))
}

fn range_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, r, rest) = this_range(vm, &args, "__getitem__", 1, 1)?;
    let key = &rest[0];
    if matches!(key.payload(), Some(Payload::Slice(_))) {
        let len = r.length();
        let (start, stop, step) = slice_long_indices(vm, key, &len)?;
        let nr = RangeData::new(r.item(&start), r.item(&stop), &r.step * &step);
        return Ok(new_range(vm, nr));
    }
    let is_index = int_value(key).is_some() || vm.lookup_special_str(key, "__index__").is_some();
    if !is_index {
        return Err(vm.type_error(format!(
            "range indices must be integers or slices, not {}",
            vm.type_name(key)
        )));
    }
    if let (Value::Int(i), Some((a, _, c))) = (key, r.small)
        && let Some(len) = r.length().to_i64()
    {
        let idx = if *i < 0 { i + len } else { *i };
        if idx < 0 || idx >= len {
            return Err(vm.index_error("range object index out of range"));
        }
        return Ok(big_value(
            vm,
            BigInt::from(a) + BigInt::from(idx) * BigInt::from(c),
        ));
    }
    let mut i = index_big(vm, key)?;
    let len = r.length();
    if i.is_negative() {
        i += &len;
    }
    if i.is_negative() || i >= len {
        return Err(vm.index_error("range object index out of range"));
    }
    let v = r.item(&i);
    Ok(big_value(vm, v))
}

/// A `range_iterator` over `start, start+step, ...` for `len` items.
fn range_iterator(vm: &mut Vm, start: BigInt, step: BigInt, len: BigInt) -> Value {
    let stop = &start + &len * &step;
    let state = match (start.to_i64(), stop.to_i64(), step.to_i64()) {
        (Some(a), Some(b), Some(c)) => IterState::Range {
            next: a,
            stop: b,
            step: c,
        },
        _ => IterState::BigRange {
            next: start,
            stop,
            step,
        },
    };
    Value::Obj(ObjRef::new(
        vm.types.range_iterator.clone(),
        Payload::Iter(Box::new(RefCell::new(state))),
    ))
}

fn range_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, r, _) = this_range(vm, &args, "__iter__", 0, 0)?;
    let len = r.length();
    Ok(range_iterator(vm, r.start.clone(), r.step.clone(), len))
}

fn range_reversed(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, r, _) = this_range(vm, &args, "__reversed__", 0, 0)?;
    let len = r.length();
    if len.is_zero() {
        return Ok(range_iterator(vm, r.start.clone(), -r.step.clone(), len));
    }
    let last = r.item(&(&len - 1u32));
    Ok(range_iterator(vm, last, -r.step.clone(), len))
}

/// Range equality: the same sequence of items.
fn ranges_equal(a: &RangeData, b: &RangeData) -> bool {
    let la = a.length();
    if la != b.length() {
        return false;
    }
    if la.is_zero() {
        return true;
    }
    if a.start != b.start {
        return false;
    }
    la.is_one() || a.step == b.step
}

fn range_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, r, rest) = this_range(vm, &args, "__eq__", 1, 1)?;
    match range_of(&rest[0]) {
        Some(o) => Ok(Value::bool(ranges_equal(r, o))),
        None => Ok(vm.not_implemented.clone()),
    }
}

fn range_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, r, rest) = this_range(vm, &args, "__ne__", 1, 1)?;
    match range_of(&rest[0]) {
        Some(o) => Ok(Value::bool(!ranges_equal(r, o))),
        None => Ok(vm.not_implemented.clone()),
    }
}

fn range_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, r, _) = this_range(vm, &args, "__hash__", 0, 0)?;
    let len = r.length();
    let lenv = big_value(vm, len.clone());
    let (s, st) = if len.is_zero() {
        (Value::None, Value::None)
    } else if len.is_one() {
        (big_value(vm, r.start.clone()), Value::None)
    } else {
        (
            big_value(vm, r.start.clone()),
            big_value(vm, r.step.clone()),
        )
    };
    let t = vm.new_tuple(vec![lenv, s, st]);
    Ok(Value::Int(vm.hash(&t)?))
}

fn range_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, r, _) = this_range(vm, &args, "__reduce__", 0, 0)?;
    let parts = vec![
        big_value(vm, r.start.clone()),
        big_value(vm, r.stop.clone()),
        big_value(vm, r.step.clone()),
    ];
    let a = vm.new_tuple(parts);
    let t = Value::Obj(vm.types.range.clone());
    Ok(vm.new_pair(t, a))
}

fn range_index(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, r, rest) = this_range(vm, &args, "index", 1, 1)?;
    if let Some(i) = exact_int(vm, &rest[0]) {
        if r.contains_int(&i) {
            let idx = (i - &r.start) / &r.step;
            return Ok(big_value(vm, idx));
        }
    } else {
        let it = vm.iter(this)?;
        let mut n: i64 = 0;
        while let Some(x) = vm.next(&it)? {
            if vm.eq(&x, &rest[0])? {
                return Ok(Value::Int(n));
            }
            n += 1;
        }
        return Err(vm.value_error("sequence.index(x): x not in sequence"));
    }
    let s = vm.repr_string(&rest[0])?;
    Err(vm.value_error(format!("{s} is not in range")))
}

fn range_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, r, rest) = this_range(vm, &args, "count", 1, 1)?;
    if let Some(i) = exact_int(vm, &rest[0]) {
        return Ok(Value::Int(i64::from(r.contains_int(&i))));
    }
    let it = vm.iter(this)?;
    let mut n: i64 = 0;
    while let Some(x) = vm.next(&it)? {
        if vm.eq(&x, &rest[0])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn range_start(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    match range_of(this) {
        Some(r) => Ok(big_value(vm, r.start.clone())),
        None => Err(vm.type_error("expected a range")),
    }
}

fn range_stop(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    match range_of(this) {
        Some(r) => Ok(big_value(vm, r.stop.clone())),
        None => Err(vm.type_error("expected a range")),
    }
}

fn range_step(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    match range_of(this) {
        Some(r) => Ok(big_value(vm, r.step.clone())),
        None => Err(vm.type_error("expected a range")),
    }
}

/// The setter of a read-only member (`T_OBJECT` with `READONLY`): "readonly attribute".
pub fn readonly(vm: &mut Vm, _this: &Value, _v: Option<Value>) -> PyResult<()> {
    Err(vm.attribute_error("readonly attribute"))
}
