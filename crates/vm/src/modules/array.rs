//! The `array` module (CPython: `Modules/arraymodule.c`): typed arrays of machine numbers.
//! The items are kept as their native-endian bytes (`tobytes`, `frombytes` and the buffer
//! copies that `bytes(a)` and `f.write(a)` take are then plain copies); each access decodes or
//! encodes one item with CPython's range checks and messages.

use std::cell::{Cell, RefCell};

use krait_bytecode::CompareOp;
use num_traits::ToPrimitive;

use crate::native::{method_args, native_ref};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::number::int_ref;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

/// The type codes, in CPython's order (`array.typecodes`).
const TYPECODES: &str = "bBuhHiIlLqQfd";

/// An array's state: its type code and its items' bytes.
pub(crate) struct ArrayData {
    pub(crate) code: u8,
    pub(crate) data: RefCell<Vec<u8>>,
    /// Live buffer exports (memoryviews); while any lives the size is fixed (`ob_exports`).
    pub(crate) exports: Cell<usize>,
}

impl ArrayData {
    /// `array_resize`'s refusal: an array whose buffer is exported keeps its size.
    fn resize_to(&self, vm: &mut Vm, new_bytes: usize) -> PyResult<()> {
        if self.exports.get() > 0 && new_bytes != self.data.borrow().len() {
            let t = vm.types.buffer_error.clone();
            return Err(
                vm.new_exception_msg(&t, "cannot resize an array that is exporting buffers")
            );
        }
        Ok(())
    }

    /// [`ArrayData::resize_to`] for appending `extra` bytes.
    fn grow_by(&self, vm: &mut Vm, extra: usize) -> PyResult<()> {
        let n = self.data.borrow().len();
        self.resize_to(vm, n + extra)
    }
}

/// The memoryview format of an array's items (`array_buffer_getbuf`).
pub(crate) fn buffer_format(a: &ArrayData) -> (String, usize) {
    ((a.code as char).to_string(), item_size(a.code))
}

struct ArrayIter {
    array: Value,
    index: Cell<usize>,
}

fn item_size(code: u8) -> usize {
    match code {
        b'b' | b'B' => 1,
        b'h' | b'H' => 2,
        b'i' | b'I' | b'f' | b'u' => 4,
        _ => 8,
    }
}

/// The bytes of an array, if `n` is one (the buffer copy `bytes(a)` and friends take).
pub(crate) fn native_buffer(n: &dyn std::any::Any) -> Option<Vec<u8>> {
    n.downcast_ref::<ArrayData>()
        .map(|a| a.data.borrow().clone())
}

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let t = super::new_type(vm, "array", "array", true);
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => array_new, "";
            method "append" => array_append, "Append new value v to the end of the array.";
            method "extend" => array_extend, "Append items to the end of the array.";
            method "insert" => array_insert, "Insert a new item v into the array before position i.";
            method "pop" => array_pop, "Return the i-th element and delete it from the array.";
            method "remove" => array_remove, "Remove the first occurrence of v in the array.";
            method "index" => array_index, "Return index of first occurrence of v in the array.";
            method "count" => array_count, "Return number of occurrences of v in the array.";
            method "reverse" => array_reverse, "Reverse the order of the items in the array.";
            method "byteswap" => array_byteswap, "Byteswap all items of the array.";
            method "buffer_info" => array_buffer_info, "Return a tuple (address, length).";
            method "tobytes" => array_tobytes, "Convert the array to an array of machine values and return the bytes representation.";
            method "frombytes" => array_frombytes, "Appends items from the string, interpreting it as an array of machine values.";
            method "tolist" => array_tolist, "Convert array to an ordinary list with the same items.";
            method "fromlist" => array_fromlist, "Append items to array from list.";
            method "tounicode" => array_tounicode, "Extends this array with data from the unicode string ustr.";
            method "fromunicode" => array_fromunicode, "Extends this array with data from the unicode string ustr.";
            method "tofile" => array_tofile, "Write all items (as machine values) to the file object f.";
            method "fromfile" => array_fromfile, "Read n objects from the file object f and append them to the end of the array.";
            method "__len__" => array_len, "";
            method "__getitem__" => array_getitem, "";
            method "__setitem__" => array_setitem, "";
            method "__delitem__" => array_delitem, "";
            method "__contains__" => array_contains, "";
            method "__iter__" => array_iter, "";
            method "__repr__" => array_repr, "";
            method "__add__" => array_add, "";
            method "__iadd__" => array_iadd, "";
            method "__mul__" => array_mul, "";
            method "__rmul__" => array_mul, "";
            method "__imul__" => array_imul, "";
            method "__copy__" => array_copy, "";
            method "__deepcopy__" => array_deepcopy, "";
            method "__reduce_ex__" => array_reduce_ex, "";
            method "__eq__" => array_eq, "";
            method "__ne__" => array_ne, "";
            method "__lt__" => array_lt, "";
            method "__le__" => array_le, "";
            method "__gt__" => array_gt, "";
            method "__ge__" => array_ge, "";
        ],
    );
    vm.set_type_attr(&t, "__hash__", Value::None);
    vm.add_getset(&t, "typecode", array_typecode, None);
    vm.add_getset(&t, "itemsize", array_itemsize, None);
    let it = super::new_type(vm, "array", "arrayiterator", false);
    vm.add_methods(
        &it,
        crate::methods![
            method "__iter__" => iter_self, "";
            method "__next__" => iter_next, "";
        ],
    );
    vm.mods.ext_types.insert("array.arrayiterator", it);
    vm.mods.ext_types.insert("array.array", t.clone());
    vm.add_functions(m, &[("_array_reconstructor", array_reconstructor)]);
    super::set_attr(vm, m, "array", Value::Obj(t.clone()));
    super::set_attr(vm, m, "ArrayType", Value::Obj(t));
    let codes = vm.new_str(TYPECODES);
    super::set_attr(vm, m, "typecodes", codes);
    Ok(())
}

fn arr<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a ArrayData> {
    match native_ref::<ArrayData>(v) {
        Some(a) => Ok(a),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!(
                "descriptor requires a 'array.array' object but received a '{tn}'"
            )))
        }
    }
}

fn len_of(a: &ArrayData) -> usize {
    a.data.borrow().len() / item_size(a.code)
}

// ----- items -----

fn decode(code: u8, b: &[u8]) -> Value {
    let n = |k: usize| -> [u8; 8] {
        let mut out = [0u8; 8];
        for (o, x) in out.iter_mut().zip(b.iter().take(k)) {
            *o = *x;
        }
        out
    };
    let raw = n(item_size(code));
    match code {
        b'b' => Value::Int(i64::from(raw[0] as i8)),
        b'B' => Value::Int(i64::from(raw[0])),
        b'h' => Value::Int(i64::from(i16::from_ne_bytes([raw[0], raw[1]]))),
        b'H' => Value::Int(i64::from(u16::from_ne_bytes([raw[0], raw[1]]))),
        b'i' => Value::Int(i64::from(i32::from_ne_bytes([
            raw[0], raw[1], raw[2], raw[3],
        ]))),
        b'I' => Value::Int(i64::from(u32::from_ne_bytes([
            raw[0], raw[1], raw[2], raw[3],
        ]))),
        b'f' => Value::float(f64::from(f32::from_ne_bytes([
            raw[0], raw[1], raw[2], raw[3],
        ]))),
        b'd' => Value::float(f64::from_ne_bytes(raw)),
        b'l' | b'q' => Value::Int(i64::from_ne_bytes(raw)),
        // 'L', 'Q' (a u64 above i64::MAX is a big int) and 'u' (handled by the caller).
        _ => Value::Int(i64::from_ne_bytes(raw)),
    }
}

fn get_item(vm: &mut Vm, a: &ArrayData, i: usize) -> PyResult<Value> {
    let size = item_size(a.code);
    let chunk: Vec<u8> = match a.data.borrow().get(i * size..(i + 1) * size) {
        Some(c) => c.to_vec(),
        None => return Err(vm.index_error("array index out of range")),
    };
    Ok(match a.code {
        b'L' | b'Q' => {
            let mut raw = [0u8; 8];
            raw.copy_from_slice(&chunk);
            let u = u64::from_ne_bytes(raw);
            match i64::try_from(u) {
                Ok(i) => Value::Int(i),
                Err(_) => Value::from_bigint(num_bigint::BigInt::from(u), vm),
            }
        }
        b'u' => {
            let mut raw = [0u8; 4];
            raw.copy_from_slice(&chunk);
            let c = u32::from_ne_bytes(raw);
            match char::from_u32(c) {
                Some(ch) => vm.new_string(ch.to_string()),
                None => {
                    return Err(vm.value_error(format!(
                        "character U+{c:x} is not in range [U+0000; U+10ffff]"
                    )));
                }
            }
        }
        code => decode(code, &chunk),
    })
}

fn overflow(vm: &mut Vm, msg: &str) -> PyErr {
    vm.overflow_error(msg)
}

/// The bytes of `v` as an item of type `code` (CPython's `*_setitem` checks and messages).
fn encode(vm: &mut Vm, code: u8, v: &Value) -> PyResult<Vec<u8>> {
    match code {
        b'f' | b'd' => {
            let f = crate::modules::math::to_f64(vm, v)?;
            return Ok(if code == b'f' {
                (f as f32).to_ne_bytes().to_vec()
            } else {
                f.to_ne_bytes().to_vec()
            });
        }
        b'u' => {
            let ch = match v.payload() {
                Some(Payload::Str(_)) => {
                    let s = vm.str_text(v);
                    let mut cs = s.chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) => Some(c),
                        _ => None,
                    }
                }
                _ => None,
            };
            return match ch {
                Some(c) => Ok(u32::from(c).to_ne_bytes().to_vec()),
                None => Err(vm.type_error("array item must be unicode character")),
            };
        }
        _ => {}
    }
    let iv = vm.index_value(v)?;
    let n: Option<i128> = match &iv {
        Value::Int(i) => Some(i128::from(*i)),
        Value::Bool(b) => Some(i128::from(b.get())),
        other => match other.payload() {
            Some(Payload::Int(b)) => b.to_i128(),
            _ => None,
        },
    };
    let negative = match (&n, iv.payload()) {
        (Some(x), _) => *x < 0,
        (None, Some(Payload::Int(b))) => b.sign() == num_bigint::Sign::Minus,
        _ => false,
    };
    let range = |lo: i128, hi: i128| n.filter(|x| (lo..=hi).contains(x));
    let out = match code {
        b'b' => match range(-128, 127) {
            Some(x) => (x as i8).to_ne_bytes().to_vec(),
            None if negative => return Err(overflow(vm, "signed char is less than minimum")),
            None => return Err(overflow(vm, "signed char is greater than maximum")),
        },
        b'B' => match range(0, 255) {
            Some(x) => vec![x as u8],
            None if negative => {
                return Err(overflow(vm, "unsigned byte integer is less than minimum"));
            }
            None => {
                return Err(overflow(
                    vm,
                    "unsigned byte integer is greater than maximum",
                ));
            }
        },
        b'h' => match range(i128::from(i16::MIN), i128::from(i16::MAX)) {
            Some(x) => (x as i16).to_ne_bytes().to_vec(),
            None if negative => {
                return Err(overflow(vm, "signed short integer is less than minimum"));
            }
            None => return Err(overflow(vm, "signed short integer is greater than maximum")),
        },
        b'H' => match range(0, i128::from(u16::MAX)) {
            Some(x) => (x as u16).to_ne_bytes().to_vec(),
            None if negative => return Err(overflow(vm, "unsigned short is less than minimum")),
            None => return Err(overflow(vm, "unsigned short is greater than maximum")),
        },
        b'i' => match range(i128::from(i32::MIN), i128::from(i32::MAX)) {
            Some(x) => (x as i32).to_ne_bytes().to_vec(),
            None if negative => return Err(overflow(vm, "signed integer is less than minimum")),
            None => return Err(overflow(vm, "signed integer is greater than maximum")),
        },
        b'I' => match range(0, i128::from(u32::MAX)) {
            Some(x) => (x as u32).to_ne_bytes().to_vec(),
            None if negative => {
                return Err(overflow(vm, "can't convert negative value to unsigned int"));
            }
            None => return Err(overflow(vm, "unsigned int is greater than maximum")),
        },
        b'l' => match range(i128::from(i64::MIN), i128::from(i64::MAX)) {
            Some(x) => (x as i64).to_ne_bytes().to_vec(),
            None => return Err(overflow(vm, "Python int too large to convert to C long")),
        },
        b'L' => match range(0, i128::from(u64::MAX)) {
            Some(x) => (x as u64).to_ne_bytes().to_vec(),
            None if negative => {
                return Err(overflow(vm, "can't convert negative value to unsigned int"));
            }
            None => {
                return Err(overflow(
                    vm,
                    "Python int too large to convert to C unsigned long",
                ));
            }
        },
        b'q' => match range(i128::from(i64::MIN), i128::from(i64::MAX)) {
            Some(x) => (x as i64).to_ne_bytes().to_vec(),
            None => return Err(overflow(vm, "int too big to convert")),
        },
        _ => match range(0, i128::from(u64::MAX)) {
            Some(x) => (x as u64).to_ne_bytes().to_vec(),
            None if negative => return Err(overflow(vm, "can't convert negative int to unsigned")),
            None => return Err(overflow(vm, "int too big to convert")),
        },
    };
    Ok(out)
}

fn new_array(vm: &mut Vm, cls: &ObjRef, code: u8, data: Vec<u8>) -> Value {
    Value::Obj(vm.new_object(
        cls,
        Payload::Native(Box::new(ArrayData {
            code,
            data: RefCell::new(data),
            exports: Cell::new(0),
        })),
    ))
}

fn same_kind(vm: &mut Vm, this: &Value, code: u8, data: Vec<u8>) -> Value {
    let cls = vm.type_of(this);
    new_array(vm, &cls, code, data)
}

/// Append the items of iterable `it` one by one (an item that does not fit stops the loop
/// with the earlier ones appended, as CPython's `array_iter_extend`).
fn extend_iter(vm: &mut Vm, a: &ArrayData, it: &Value) -> PyResult<()> {
    let iter = vm.iter(it)?;
    while let Some(x) = vm.next(&iter)? {
        let b = encode(vm, a.code, &x)?;
        a.grow_by(vm, b.len())?;
        a.data.borrow_mut().extend_from_slice(&b);
    }
    Ok(())
}

fn array_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "array")?;
    // Only `array.array` itself refuses keywords; a subclass's `__init__` may take them.
    let base = vm.mods.ext_types.get("array.array").cloned();
    if args.has_kwargs() && base.is_none_or(|b| ObjRef::ptr_eq(&cls, &b)) {
        return Err(vm.type_error("array.array() takes no keyword arguments"));
    }
    let rest = &args.pos()[1..];
    if rest.is_empty() || rest.len() > 2 {
        return Err(vm.type_error(format!(
            "array() takes at most 2 arguments ({} given)",
            rest.len()
        )));
    }
    let code = match rest[0].payload() {
        Some(Payload::Str(_)) => {
            let s = vm.str_text(&rest[0]);
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(vm.type_error(format!(
                        "array() argument 1 must be a unicode character, not {}",
                        vm.type_name(&rest[0])
                    )));
                }
            }
        }
        _ => {
            return Err(vm.type_error(format!(
                "array() argument 1 must be a unicode character, not {}",
                vm.type_name(&rest[0])
            )));
        }
    };
    if !code.is_ascii() || !TYPECODES.contains(code) {
        return Err(
            vm.value_error("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
        );
    }
    let code = code as u8;
    let obj = new_array(vm, &cls, code, Vec::new());
    let Some(init) = rest.get(1) else {
        return Ok(obj);
    };
    let a = arr(vm, &obj)?;
    match init.payload() {
        Some(Payload::Str(_)) => {
            if code != b'u' {
                return Err(vm.type_error(format!(
                    "cannot use a str to initialize an array with typecode '{}'",
                    code as char
                )));
            }
            let s = vm.str_text(init);
            let mut d = a.data.borrow_mut();
            for c in s.chars() {
                d.extend_from_slice(&u32::from(c).to_ne_bytes());
            }
        }
        Some(Payload::Bytes(_) | Payload::ByteArray(_)) => {
            let b = crate::objects::bytes::bytes_of(init).unwrap_or_default();
            frombytes_into(vm, a, &b)?;
        }
        Some(Payload::Native(_)) if native_ref::<ArrayData>(init).is_some() => {
            let other = arr(vm, init)?;
            if other.code == b'u' && code != b'u' {
                return Err(vm.type_error(format!(
                    "cannot use a unicode array to initialize an array with typecode '{}'",
                    code as char
                )));
            }
            let n = len_of(other);
            for i in 0..n {
                let x = get_item(vm, other, i)?;
                let b = encode(vm, code, &x)?;
                a.data.borrow_mut().extend_from_slice(&b);
            }
        }
        _ => extend_iter(vm, a, init)?,
    }
    Ok(obj)
}

fn frombytes_into(vm: &mut Vm, a: &ArrayData, b: &[u8]) -> PyResult<()> {
    if !b.len().is_multiple_of(item_size(a.code)) {
        return Err(vm.value_error("bytes length not a multiple of item size"));
    }
    a.grow_by(vm, b.len())?;
    a.data.borrow_mut().extend_from_slice(b);
    Ok(())
}

fn array_typecode(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let c = arr(vm, this)?.code;
    Ok(vm.new_string((c as char).to_string()))
}

fn array_itemsize(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let c = arr(vm, this)?.code;
    Ok(Value::Int(item_size(c) as i64))
}

fn array_append(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "append", 1, 1)?;
    let a = arr(vm, this)?;
    let b = encode(vm, a.code, &rest[0])?;
    a.grow_by(vm, b.len())?;
    a.data.borrow_mut().extend_from_slice(&b);
    Ok(Value::None)
}

fn array_extend(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "extend", 1, 1)?;
    let a = arr(vm, this)?;
    if let Some(other) = native_ref::<ArrayData>(&rest[0]) {
        if other.code != a.code {
            return Err(vm.type_error("can only extend with array of same kind"));
        }
        let b = other.data.borrow().clone();
        a.grow_by(vm, b.len())?;
        a.data.borrow_mut().extend_from_slice(&b);
        return Ok(Value::None);
    }
    extend_iter(vm, a, &rest[0])?;
    Ok(Value::None)
}

/// A Python index (negative from the end) clamped into `0..=len`, as `list.insert` does.
fn clamp_insert(i: i64, len: usize) -> usize {
    let len = len as i64;
    let i = if i < 0 { (i + len).max(0) } else { i.min(len) };
    i as usize
}

fn array_insert(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "insert", 2, 2)?;
    let a = arr(vm, this)?;
    let i = vm.index_to_i64(&rest[0])?;
    let b = encode(vm, a.code, &rest[1])?;
    let at = clamp_insert(i, len_of(a)) * item_size(a.code);
    a.grow_by(vm, b.len())?;
    a.data.borrow_mut().splice(at..at, b);
    Ok(Value::None)
}

/// A Python index into `0..len`, or `None` when out of range.
fn position(i: i64, len: usize) -> Option<usize> {
    let len = i64::try_from(len).ok()?;
    let j = if i < 0 { i.checked_add(len)? } else { i };
    (0..len).contains(&j).then_some(j as usize)
}

fn remove_at(vm: &mut Vm, a: &ArrayData, i: usize) -> PyResult<()> {
    let size = item_size(a.code);
    let n = a.data.borrow().len();
    a.resize_to(vm, n - size)?;
    a.data.borrow_mut().drain(i * size..(i + 1) * size);
    Ok(())
}

fn array_pop(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "pop", 0, 1)?;
    let a = arr(vm, this)?;
    let i = match rest.first() {
        Some(v) => vm.index_to_i64(v)?,
        None => -1,
    };
    let n = len_of(a);
    if n == 0 {
        return Err(vm.index_error("pop from empty array"));
    }
    let Some(i) = position(i, n) else {
        return Err(vm.index_error("pop index out of range"));
    };
    let v = get_item(vm, a, i)?;
    remove_at(vm, a, i)?;
    Ok(v)
}

/// The index of the first item equal to `v` in `start..stop`.
fn find(
    vm: &mut Vm,
    a: &ArrayData,
    v: &Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    let mut i = start;
    while i < stop.min(len_of(a)) {
        let x = get_item(vm, a, i)?;
        if vm.eq(&x, v)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn array_remove(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "remove", 1, 1)?;
    let a = arr(vm, this)?;
    match find(vm, a, &rest[0], 0, usize::MAX)? {
        Some(i) => {
            remove_at(vm, a, i)?;
            Ok(Value::None)
        }
        None => Err(vm.value_error("array.remove(x): x not in array")),
    }
}

fn bound(vm: &mut Vm, v: Option<&Value>, len: usize, default: usize) -> PyResult<usize> {
    let Some(v) = v else { return Ok(default) };
    let i = crate::objects::sequence::slice_index_arg(vm, v)?;
    let len = len as i64;
    Ok(if i < 0 { (i + len).max(0) } else { i.min(len) } as usize)
}

fn array_index(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "index", 1, 3)?;
    let a = arr(vm, this)?;
    let n = len_of(a);
    let start = bound(vm, rest.get(1), n, 0)?;
    let stop = bound(vm, rest.get(2), n, n)?;
    match find(vm, a, &rest[0], start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.value_error("array.index(x): x not in array")),
    }
}

fn array_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "count", 1, 1)?;
    let a = arr(vm, this)?;
    let mut n = 0;
    let mut i = 0;
    while i < len_of(a) {
        let x = get_item(vm, a, i)?;
        if vm.eq(&x, &rest[0])? {
            n += 1;
        }
        i += 1;
    }
    Ok(Value::Int(n))
}

fn array_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__contains__", 1, 1)?;
    let a = arr(vm, this)?;
    Ok(Value::bool(find(vm, a, &rest[0], 0, usize::MAX)?.is_some()))
}

fn array_reverse(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "reverse", 0, 0)?;
    let a = arr(vm, this)?;
    let size = item_size(a.code);
    let mut d = a.data.borrow_mut();
    let items: Vec<Vec<u8>> = d.chunks(size).rev().map(<[u8]>::to_vec).collect();
    *d = items.concat();
    Ok(Value::None)
}

fn array_byteswap(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "byteswap", 0, 0)?;
    let a = arr(vm, this)?;
    let size = item_size(a.code);
    for chunk in a.data.borrow_mut().chunks_mut(size) {
        chunk.reverse();
    }
    Ok(Value::None)
}

fn array_buffer_info(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "buffer_info", 0, 0)?;
    let a = arr(vm, this)?;
    let addr = a.data.borrow().as_ptr() as usize as i64;
    let n = len_of(a) as i64;
    Ok(vm.new_pair(Value::Int(addr), Value::Int(n)))
}

fn array_tobytes(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "tobytes", 0, 0)?;
    let b = arr(vm, this)?.data.borrow().clone();
    Ok(vm.new_bytes(b))
}

fn array_frombytes(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "frombytes", 1, 1)?;
    let a = arr(vm, this)?;
    let b = crate::objects::bytes::buffer_arg(vm, &rest[0])?;
    frombytes_into(vm, a, &b)?;
    Ok(Value::None)
}

fn items(vm: &mut Vm, a: &ArrayData) -> PyResult<Vec<Value>> {
    (0..len_of(a)).map(|i| get_item(vm, a, i)).collect()
}

fn array_tolist(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "tolist", 0, 0)?;
    let a = arr(vm, this)?;
    let v = items(vm, a)?;
    Ok(vm.new_list(v))
}

fn array_fromlist(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "fromlist", 1, 1)?;
    let a = arr(vm, this)?;
    let Some(Payload::List(l)) = rest[0].payload() else {
        return Err(vm.type_error("arg must be list"));
    };
    let values = l.borrow().to_vec();
    // All or nothing, as CPython restores the old size when an item does not fit.
    let mut add = Vec::new();
    for v in &values {
        add.extend(encode(vm, a.code, v)?);
    }
    a.grow_by(vm, add.len())?;
    a.data.borrow_mut().extend_from_slice(&add);
    Ok(Value::None)
}

fn array_tounicode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "tounicode", 0, 0)?;
    let a = arr(vm, this)?;
    if a.code != b'u' {
        return Err(vm.value_error("tounicode() may only be called on unicode type arrays"));
    }
    let mut s = String::new();
    for i in 0..len_of(a) {
        let v = get_item(vm, a, i)?;
        s.push_str(&vm.str_text(&v));
    }
    Ok(vm.new_string(s))
}

fn array_fromunicode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "fromunicode", 1, 1)?;
    let a = arr(vm, this)?;
    if !matches!(rest[0].payload(), Some(Payload::Str(_))) {
        return Err(vm.type_error(format!(
            "fromunicode() argument must be str, not {}",
            vm.type_name(&rest[0])
        )));
    }
    if a.code != b'u' {
        return Err(vm.value_error("fromunicode() may only be called on unicode type arrays"));
    }
    let s = vm.str_text(&rest[0]);
    a.grow_by(vm, s.chars().count() * 4)?;
    let mut d = a.data.borrow_mut();
    for c in s.chars() {
        d.extend_from_slice(&u32::from(c).to_ne_bytes());
    }
    Ok(Value::None)
}

fn array_tofile(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "tofile", 1, 1)?;
    let b = arr(vm, this)?.data.borrow().clone();
    // CPython writes in blocks of 64 KiB.
    for chunk in b.chunks(64 * 1024) {
        let bytes = vm.new_bytes(chunk.to_vec());
        let write = vm.getattr_str(&rest[0], "write")?;
        vm.call_pos(&write, &[bytes])?;
    }
    Ok(Value::None)
}

fn array_fromfile(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "fromfile", 2, 2)?;
    let a = arr(vm, this)?;
    let n = vm.index_to_i64(&rest[1])?;
    if n < 0 {
        return Err(vm.value_error("negative count"));
    }
    let size = item_size(a.code);
    let want = (n as u64).saturating_mul(size as u64);
    let Ok(want) = i64::try_from(want) else {
        return Err(vm.memory_error());
    };
    let read = vm.getattr_str(&rest[0], "read")?;
    let got = vm.call_pos(&read, &[Value::Int(want)])?;
    let Some(Payload::Bytes(b)) = got.payload() else {
        return Err(vm.type_error("read() didn't return bytes"));
    };
    let b = b.to_vec();
    let whole = b.len() / size * size;
    a.grow_by(vm, whole)?;
    a.data.borrow_mut().extend_from_slice(&b[..whole]);
    if (b.len() as i64) < want {
        let t = vm.types.eof_error.clone();
        return Err(vm.new_exception_msg(&t, "read() didn't return enough bytes"));
    }
    Ok(Value::None)
}

fn array_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__len__", 0, 0)?;
    Ok(Value::Int(len_of(arr(vm, this)?) as i64))
}

fn array_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__getitem__", 1, 1)?;
    let a = arr(vm, this)?;
    let size = item_size(a.code);
    if matches!(rest[0].payload(), Some(Payload::Slice(_))) {
        let (start, _, step, n) = crate::objects::slicing::slice_indices(vm, &rest[0], len_of(a))?;
        let d = a.data.borrow();
        let mut out = Vec::with_capacity(n * size);
        for k in 0..n {
            let i = (start + k as isize * step) as usize;
            out.extend_from_slice(&d[i * size..(i + 1) * size]);
        }
        drop(d);
        return Ok(same_kind(vm, this, a.code, out));
    }
    let i = index_arg(vm, &rest[0])?;
    match position(i, len_of(a)) {
        Some(i) => get_item(vm, a, i),
        None => Err(vm.index_error("array index out of range")),
    }
}

fn index_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if int_ref(v).is_none() && vm.lookup_special_str(v, "__index__").is_none() {
        return Err(vm.type_error("array indices must be integers"));
    }
    vm.index_to_i64(v)
}

fn array_setitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__setitem__", 2, 2)?;
    let a = arr(vm, this)?;
    let size = item_size(a.code);
    if matches!(rest[0].payload(), Some(Payload::Slice(_))) {
        let Some(other) = native_ref::<ArrayData>(&rest[1]) else {
            return Err(vm.type_error(format!(
                "can only assign array (not \"{}\") to array slice",
                vm.type_name(&rest[1])
            )));
        };
        if other.code != a.code {
            return Err(vm.type_error("bad argument type for built-in operation"));
        }
        let src = other.data.borrow().clone();
        let (start, stop, step, n) =
            crate::objects::slicing::slice_indices(vm, &rest[0], len_of(a))?;
        let m = src.len() / size;
        if step == 1 {
            let lo = start.max(0) as usize;
            let hi = (stop.max(start)).max(0) as usize;
            let n_bytes = a.data.borrow().len();
            a.resize_to(vm, n_bytes - (hi - lo) * size + src.len())?;
            let mut d = a.data.borrow_mut();
            d.splice(lo * size..hi * size, src);
            return Ok(Value::None);
        }
        if m != n {
            return Err(vm.value_error(format!(
                "attempt to assign array of size {m} to extended slice of size {n}"
            )));
        }
        let mut d = a.data.borrow_mut();
        for k in 0..n {
            let i = (start + k as isize * step) as usize;
            d[i * size..(i + 1) * size].copy_from_slice(&src[k * size..(k + 1) * size]);
        }
        return Ok(Value::None);
    }
    let i = index_arg(vm, &rest[0])?;
    let Some(i) = position(i, len_of(a)) else {
        return Err(vm.index_error("array assignment index out of range"));
    };
    let b = encode(vm, a.code, &rest[1])?;
    if let Some(slot) = a.data.borrow_mut().get_mut(i * size..(i + 1) * size) {
        slot.copy_from_slice(&b);
    }
    Ok(Value::None)
}

fn array_delitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__delitem__", 1, 1)?;
    let a = arr(vm, this)?;
    let size = item_size(a.code);
    if matches!(rest[0].payload(), Some(Payload::Slice(_))) {
        let (start, _, step, n) = crate::objects::slicing::slice_indices(vm, &rest[0], len_of(a))?;
        let mut drop_idx: Vec<usize> = (0..n)
            .map(|k| (start + k as isize * step) as usize)
            .collect();
        drop_idx.sort_unstable();
        let n_bytes = a.data.borrow().len();
        a.resize_to(vm, n_bytes - n * size)?;
        let mut d = a.data.borrow_mut();
        let old = std::mem::take(&mut *d);
        let mut next = drop_idx.iter().peekable();
        for (i, chunk) in old.chunks(size).enumerate() {
            if next.peek() == Some(&&i) {
                next.next();
            } else {
                d.extend_from_slice(chunk);
            }
        }
        return Ok(Value::None);
    }
    let i = index_arg(vm, &rest[0])?;
    let Some(i) = position(i, len_of(a)) else {
        return Err(vm.index_error("array assignment index out of range"));
    };
    remove_at(vm, a, i)?;
    Ok(Value::None)
}

fn array_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__iter__", 0, 0)?;
    arr(vm, this)?;
    let Some(t) = vm.mods.ext_types.get("array.arrayiterator").cloned() else {
        return Err(vm.runtime_error("array iterator type missing"));
    };
    let it = ArrayIter {
        array: this.clone(),
        index: Cell::new(0),
    };
    Ok(Value::Obj(vm.new_object(&t, Payload::Native(Box::new(it)))))
}

fn iter_self(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__iter__", 0, 0)?;
    Ok(this.clone())
}

fn iter_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__next__", 0, 0)?;
    let Some(it) = native_ref::<ArrayIter>(this) else {
        return Err(vm.type_error("expected an array iterator"));
    };
    let a = arr(vm, &it.array)?;
    let i = it.index.get();
    if i >= len_of(a) {
        // Exhausted for good, even if the array grows later.
        it.index.set(usize::MAX);
        return Err(vm.stop_iteration(None));
    }
    it.index.set(i + 1);
    get_item(vm, a, i)
}

fn array_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let a = arr(vm, this)?;
    let tn = vm.type_name(this);
    let code = a.code as char;
    if len_of(a) == 0 {
        return Ok(vm.new_string(format!("{tn}('{code}')")));
    }
    let inner = if a.code == b'u' {
        let mut s = String::new();
        for i in 0..len_of(a) {
            let v = get_item(vm, a, i)?;
            s.push_str(&vm.str_text(&v));
        }
        let sv = vm.new_string(s);
        vm.repr_string(&sv)?
    } else {
        let l = items(vm, a)?;
        let lv = vm.new_list(l);
        vm.repr_string(&lv)?
    };
    Ok(vm.new_string(format!("{tn}('{code}', {inner})")))
}

fn array_add(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__add__", 1, 1)?;
    let a = arr(vm, this)?;
    let Some(other) = native_ref::<ArrayData>(&rest[0]) else {
        return Err(vm.type_error(format!(
            "can only append array (not \"{}\") to array",
            vm.type_name(&rest[0])
        )));
    };
    if other.code != a.code {
        return Err(vm.type_error("bad argument type for built-in operation"));
    }
    let mut d = a.data.borrow().clone();
    d.extend_from_slice(&other.data.borrow());
    Ok(same_kind(vm, this, a.code, d))
}

fn array_iadd(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__iadd__", 1, 1)?;
    let a = arr(vm, this)?;
    let Some(other) = native_ref::<ArrayData>(&rest[0]) else {
        return Err(vm.type_error(format!(
            "can only extend array with array (not \"{}\")",
            vm.type_name(&rest[0])
        )));
    };
    if other.code != a.code {
        return Err(vm.type_error("can only extend with array of same kind"));
    }
    let add = other.data.borrow().clone();
    a.grow_by(vm, add.len())?;
    a.data.borrow_mut().extend_from_slice(&add);
    Ok(this.clone())
}

fn repeat(vm: &mut Vm, a: &ArrayData, n: &Value) -> PyResult<Option<Vec<u8>>> {
    if int_ref(n).is_none() && vm.lookup_special_str(n, "__index__").is_none() {
        return Ok(None);
    }
    let k = vm.index_to_i64(n)?.max(0) as u64;
    let d = a.data.borrow().clone();
    if d.is_empty() || k == 0 {
        return Ok(Some(Vec::new()));
    }
    let total = (d.len() as u64)
        .checked_mul(k)
        .filter(|t| *t <= isize::MAX as u64);
    let Some(total) = total else {
        return Err(vm.memory_error());
    };
    vm.check_alloc(total as usize)?;
    let mut out: Vec<u8> = Vec::new();
    if out.try_reserve_exact(total as usize).is_err() {
        return Err(vm.memory_error());
    }
    for _ in 0..k {
        out.extend_from_slice(&d);
    }
    Ok(Some(out))
}

fn array_mul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__mul__", 1, 1)?;
    let a = arr(vm, this)?;
    match repeat(vm, a, &rest[0])? {
        Some(d) => Ok(same_kind(vm, this, a.code, d)),
        None => Ok(vm.not_implemented.clone()),
    }
}

fn array_imul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__imul__", 1, 1)?;
    let a = arr(vm, this)?;
    match repeat(vm, a, &rest[0])? {
        Some(d) => {
            a.resize_to(vm, d.len())?;
            *a.data.borrow_mut() = d;
            Ok(this.clone())
        }
        None => Ok(vm.not_implemented.clone()),
    }
}

fn array_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__copy__", 0, 0)?;
    let a = arr(vm, this)?;
    let d = a.data.borrow().clone();
    Ok(same_kind(vm, this, a.code, d))
}

fn array_deepcopy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__deepcopy__", 1, 1)?;
    let a = arr(vm, this)?;
    let d = a.data.borrow().clone();
    Ok(same_kind(vm, this, a.code, d))
}

/// `__reduce_ex__(protocol)`: below protocol 3 `(type(a), (typecode, a.tolist()), state)`;
/// from 3 on `(array._array_reconstructor, (type(a), typecode, mformat_code, a.tobytes()),
/// state)`, where `state` is `a.__dict__` or None (CPython's `array_array___reduce_ex__`).
fn array_reduce_ex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__reduce_ex__", 1, 1)?;
    let protocol = vm.index_to_i64(&rest[0])?;
    let a = arr(vm, this)?;
    let cls = Value::Obj(vm.type_of(this));
    let code = vm.new_string((a.code as char).to_string());
    let l = if protocol < 3 {
        let l = items(vm, a)?;
        vm.new_list(l)
    } else {
        let b = a.data.borrow().clone();
        vm.new_bytes(b)
    };
    let state = match this {
        Value::Obj(o) => match vm.instance_dict(o).as_ref() {
            Some(d) if !matches!(&d.payload, Payload::Dict(t) if t.borrow().len() == 0) => {
                Value::Obj(d.clone())
            }
            _ => Value::None,
        },
        _ => Value::None,
    };
    if protocol < 3 {
        let inner = vm.new_pair(code, l);
        return Ok(vm.new_tuple(vec![cls, inner, state]));
    }
    let module = vm.import_dotted("array")?;
    let rebuild = vm.getattr_str(&module, "_array_reconstructor")?;
    let inner = vm.new_tuple(vec![cls, code, Value::Int(mformat_of(a.code)), l]);
    Ok(vm.new_tuple(vec![rebuild, inner, state]))
}

/// CPython's machine format codes (`enum machine_format_code`): 0..=13 are integers (unsigned
/// and signed, 1 to 8 bytes, little- then big-endian), 14..=17 IEEE floats and doubles, 18..=21
/// UTF-16 and UTF-32.
const MFORMAT_MAX: i64 = 21;

/// The machine format code of a type code's items on this machine (`typecode_to_mformat_code`).
fn mformat_of(code: u8) -> i64 {
    let le = cfg!(target_endian = "little");
    let int = |size: usize, signed: bool| -> i64 {
        let base = match size {
            1 => return i64::from(signed),
            2 => 2,
            4 => 6,
            _ => 10,
        };
        base + if signed { 2 } else { 0 } + if le { 0 } else { 1 }
    };
    match code {
        b'b' => int(1, true),
        b'B' => int(1, false),
        b'h' | b'i' | b'l' | b'q' => int(item_size(code), true),
        b'H' | b'I' | b'L' | b'Q' => int(item_size(code), false),
        b'f' => 14 + i64::from(!le),
        b'd' => 16 + i64::from(!le),
        _ => 20 + i64::from(!le),
    }
}

/// `array._array_reconstructor(arraytype, typecode, mformat_code, items)`: the array
/// `__reduce_ex__` pickles with protocol 3 and later, rebuilt from its machine values in
/// whatever byte order and size they were written (CPython's
/// `array__array_reconstructor_impl`).
fn array_reconstructor(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "_array_reconstructor", 4, 4)?;
    let cls = match &a[0] {
        Value::Obj(o) if matches!(o.payload, Payload::Type(_)) => o.clone(),
        other => {
            return Err(vm.type_error(format!(
                "first argument must be a type object, not {}",
                vm.type_name(other)
            )));
        }
    };
    let base = vm.mods.ext_types.get("array.array").cloned();
    if !base.is_some_and(|b| crate::objects::typeobj::is_subtype(&cls, &b)) {
        let n = vm.type_name_of(&cls);
        return Err(vm.type_error(format!("{n} is not a subtype of array.array")));
    }
    let code = match a[1].payload() {
        Some(Payload::Str(_)) => {
            let s = vm.str_text(&a[1]);
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(vm.type_error(
                        "_array_reconstructor() argument 2 must be a unicode character, not str",
                    ));
                }
            }
        }
        _ => {
            return Err(vm.type_error(format!(
                "_array_reconstructor() argument 2 must be a unicode character, not {}",
                vm.type_name(&a[1])
            )));
        }
    };
    if !code.is_ascii() || !TYPECODES.contains(code) {
        return Err(vm.value_error("second argument must be a valid type code"));
    }
    let code = code as u8;
    if matches!(a[2], Value::Float(_)) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let mformat = vm.index_to_i64(&a[2])?;
    if !(0..=MFORMAT_MAX).contains(&mformat) {
        return Err(vm.value_error("third argument must be a valid machine format code."));
    }
    let items = match a[3].payload() {
        Some(Payload::Bytes(b)) => b.to_vec(),
        _ => {
            return Err(vm.type_error(format!(
                "fourth argument should be bytes, not {}",
                vm.type_name(&a[3])
            )));
        }
    };
    let code_value = vm.new_string((code as char).to_string());
    // `make_array`: the array type's own constructor, not a subclass's `__new__`.
    let make = |vm: &mut Vm, code_value: Value, init: Value| {
        let argv = [Value::Obj(cls.clone()), code_value, init];
        array_new(
            vm,
            Args {
                values: &argv,
                kwnames: &[],
            },
        )
    };
    if mformat == mformat_of(code) {
        let b = vm.new_bytes(items);
        return make(vm, code_value, b);
    }
    let native_le = cfg!(target_endian = "little");
    // `mformat_descriptors[code].size`, whose UTF-16 and UTF-32 rows say 4 and 8.
    let unit = match mformat {
        0 | 1 => 1,
        2..=13 => 2usize << ((mformat - 2) / 4),
        14 | 15 | 18 | 19 => 4,
        _ => 8,
    };
    if items.len() % unit != 0 {
        return Err(vm.value_error("string length not a multiple of item size"));
    }
    match mformat {
        0..=13 => {
            // Integers: the last type code of that size and signedness, items in native order.
            let (size, signed, little) = match mformat {
                0 | 1 => (1, mformat == 1, true),
                _ => {
                    let k = mformat - 2;
                    (2usize << (k / 4), (k % 4) >= 2, k % 2 == 0)
                }
            };
            let target = TYPECODES
                .bytes()
                .rev()
                .find(|&c| {
                    !matches!(c, b'u' | b'f' | b'd')
                        && item_size(c) == size
                        && c.is_ascii_lowercase() == signed
                })
                .unwrap_or(code);
            let mut data = Vec::with_capacity(items.len() - items.len() % size);
            for chunk in items.chunks_exact(size) {
                if little == native_le {
                    data.extend_from_slice(chunk);
                } else {
                    data.extend(chunk.iter().rev());
                }
            }
            Ok(new_array(vm, &cls, target, data))
        }
        14..=17 => {
            let double = mformat >= 16;
            let little = mformat % 2 == 0;
            let size = if double { 8 } else { 4 };
            let mut floats = Vec::with_capacity(items.len() / size);
            for chunk in items.chunks_exact(size) {
                let mut raw = [0u8; 8];
                raw[..size].copy_from_slice(chunk);
                if !little {
                    raw[..size].reverse();
                }
                let x = if double {
                    f64::from_le_bytes(raw)
                } else {
                    f64::from(f32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]))
                };
                floats.push(Value::float(x));
            }
            let list = vm.new_list(floats);
            make(vm, code_value, list)
        }
        _ => {
            let encoding = match mformat {
                18 => "utf-16-le",
                19 => "utf-16-be",
                20 => "utf-32-le",
                _ => "utf-32-be",
            };
            let b = vm.new_bytes(items);
            let decode = vm.getattr_str(&b, "decode")?;
            let enc = vm.new_str(encoding);
            let text = vm.call_pos(&decode, &[enc])?;
            make(vm, code_value, text)
        }
    }
}

fn compare(vm: &mut Vm, args: Args<'_>, name: &str, op: CompareOp) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, name, 1, 1)?;
    let a = arr(vm, this)?;
    let Some(b) = native_ref::<ArrayData>(&rest[0]) else {
        return Ok(vm.not_implemented.clone());
    };
    let (la, lb) = (len_of(a), len_of(b));
    if la != lb && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(Value::bool(op == CompareOp::Ne));
    }
    if a.code == b.code
        && matches!(op, CompareOp::Eq | CompareOp::Ne)
        && a.code != b'f'
        && a.code != b'd'
    {
        let same = *a.data.borrow() == *b.data.borrow();
        return Ok(Value::bool(same == (op == CompareOp::Eq)));
    }
    // The first position where the items differ decides, as for lists.
    let mut i = 0;
    while i < la.min(len_of(b)) {
        let x = get_item(vm, a, i)?;
        let y = get_item(vm, b, i)?;
        // Items are fresh objects in CPython: a NaN never equals itself here.
        let equal = match (&x, &y) {
            (Value::Float(p), Value::Float(q)) => p.get() == q.get(),
            _ => vm.eq(&x, &y)?,
        };
        if !equal {
            return match op {
                CompareOp::Eq => Ok(Value::bool(false)),
                CompareOp::Ne => Ok(Value::bool(true)),
                _ => vm.compare(&x, &y, op),
            };
        }
        i += 1;
    }
    let (la, lb) = (len_of(a), len_of(b));
    Ok(Value::bool(match op {
        CompareOp::Eq => la == lb,
        CompareOp::Ne => la != lb,
        CompareOp::Lt => la < lb,
        CompareOp::Le => la <= lb,
        CompareOp::Gt => la > lb,
        _ => la >= lb,
    }))
}

fn array_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, "__eq__", CompareOp::Eq)
}
fn array_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, "__ne__", CompareOp::Ne)
}
fn array_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, "__lt__", CompareOp::Lt)
}
fn array_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, "__le__", CompareOp::Le)
}
fn array_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, "__gt__", CompareOp::Gt)
}
fn array_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, "__ge__", CompareOp::Ge)
}
