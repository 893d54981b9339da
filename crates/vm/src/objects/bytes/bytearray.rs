//! `bytearray`'s mutating methods and item assignment (CPython:
//! `Objects/bytearrayobject.c`). A size change while a memoryview holds an export raises
//! `BufferError`, as `PyByteArray_Resize` does.

use crate::native::method_args;
use crate::object::Payload;
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

use super::{ByteArrayData, byte_value, bytes_of, is_index, norm_index};

/// CPython's message for resizing an exported bytearray.
pub fn resize_error(vm: &mut Vm) -> PyErr {
    let t = vm.types.buffer_error.clone();
    vm.new_exception_msg(&t, "Existing exports of data: object cannot be re-sized")
}

fn data<'a>(vm: &mut Vm, v: &'a Value, name: &str) -> PyResult<&'a ByteArrayData> {
    match v.payload() {
        Some(Payload::ByteArray(b)) => Ok(b),
        _ => Err(vm.type_error(format!(
            "descriptor '{name}' requires a 'bytearray' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

fn check_resize(vm: &mut Vm, b: &ByteArrayData) -> PyResult<()> {
    if b.exports.get() > 0 {
        return Err(resize_error(vm));
    }
    Ok(())
}

/// The bytes an iterable of ints describes (`bytearray.extend`, slice assignment).
fn iter_bytes(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    let it = vm.iter(v)?;
    let mut out = Vec::new();
    while let Some(x) = vm.next(&it)? {
        out.push(byte_value(vm, &x)?);
    }
    Ok(out)
}

fn ba_setitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__setitem__", 2, 2)?;
    let (key, value) = (&rest[0], &rest[1]);
    if is_index(vm, key) {
        let i = vm.index_to_i64(key)?;
        let c = byte_value(vm, value)?;
        let b = data(vm, this, "__setitem__")?;
        let len = b.borrow().len();
        return match norm_index(i, len) {
            Some(k) => {
                b.borrow_mut()[k] = c;
                Ok(Value::None)
            }
            None => Err(vm.index_error("bytearray index out of range")),
        };
    }
    if let Some(Payload::Slice(_)) = key.payload() {
        let src: Vec<u8> = if let Some(Payload::MemoryView(m)) = value.payload() {
            super::memoryview::check_released(vm, m)?;
            super::memoryview::view_bytes(m)
        } else if let Some(b) = bytes_of(value) {
            b
        } else if is_index(vm, value) || matches!(value.payload(), Some(Payload::Str(_))) {
            return Err(vm.type_error(
                "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
            ));
        } else {
            match vm.iter(value) {
                Ok(_) => iter_bytes(vm, value)?,
                Err(_) => {
                    return Err(vm.type_error(
                        "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                    ));
                }
            }
        };
        let b = data(vm, this, "__setitem__")?;
        let len = b.borrow().len();
        let (start, stop, step, n) = crate::objects::slicing::slice_indices(vm, key, len)?;
        if step == 1 {
            let start = start.max(0) as usize;
            let stop = (stop.max(start as isize)) as usize;
            if src.len() != stop - start {
                check_resize(vm, b)?;
            }
            b.borrow_mut().splice(start..stop, src);
            return Ok(Value::None);
        }
        if src.len() != n {
            return Err(vm.value_error(format!(
                "attempt to assign bytes of size {} to extended slice of size {n}",
                src.len()
            )));
        }
        let mut d = b.borrow_mut();
        let mut i = start;
        for c in src {
            if let Some(slot) = usize::try_from(i).ok().and_then(|u| d.get_mut(u)) {
                *slot = c;
            }
            // Wraps only past the last item, which is never read (`a[::sys.maxsize]`).
            i = i.wrapping_add(step);
        }
        return Ok(Value::None);
    }
    Err(vm.type_error(format!(
        "bytearray indices must be integers or slices, not {}",
        vm.type_name(key)
    )))
}

fn ba_delitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__delitem__", 1, 1)?;
    let key = &rest[0];
    if is_index(vm, key) {
        let i = vm.index_to_i64(key)?;
        let b = data(vm, this, "__delitem__")?;
        let len = b.borrow().len();
        let Some(k) = norm_index(i, len) else {
            return Err(vm.index_error("bytearray index out of range"));
        };
        check_resize(vm, b)?;
        b.borrow_mut().remove(k);
        return Ok(Value::None);
    }
    if let Some(Payload::Slice(_)) = key.payload() {
        let b = data(vm, this, "__delitem__")?;
        let len = b.borrow().len();
        let (start, _stop, step, n) = crate::objects::slicing::slice_indices(vm, key, len)?;
        if n == 0 {
            return Ok(Value::None);
        }
        check_resize(vm, b)?;
        let mut drop = vec![false; len];
        let mut i = start;
        for _ in 0..n {
            if let Some(slot) = usize::try_from(i).ok().and_then(|u| drop.get_mut(u)) {
                *slot = true;
            }
            // Wraps only past the last item, which is never read (`a[::sys.maxsize]`).
            i = i.wrapping_add(step);
        }
        let mut d = b.borrow_mut();
        let mut k = 0;
        d.retain(|_| {
            let keep = !drop[k];
            k += 1;
            keep
        });
        return Ok(Value::None);
    }
    Err(vm.type_error(format!(
        "bytearray indices must be integers or slices, not {}",
        vm.type_name(key)
    )))
}

fn ba_append(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) =
        super::meth_o(vm, &args, "append").map(|(t, a)| (t, std::slice::from_ref(a)))?;
    let c = byte_value(vm, &rest[0])?;
    let b = data(vm, this, "append")?;
    check_resize(vm, b)?;
    b.borrow_mut().push(c);
    Ok(Value::None)
}

fn ba_extend(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) =
        super::meth_o(vm, &args, "extend").map(|(t, a)| (t, std::slice::from_ref(a)))?;
    let v = &rest[0];
    let src = if let Some(b) = bytes_of(v) {
        b
    } else {
        if vm.iter(v).is_err() {
            return Err(vm.type_error(format!("can't extend bytearray with {}", vm.type_name(v))));
        }
        iter_bytes(vm, v)?
    };
    let b = data(vm, this, "extend")?;
    if !src.is_empty() {
        check_resize(vm, b)?;
    }
    b.borrow_mut().extend_from_slice(&src);
    Ok(Value::None)
}

fn ba_insert(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "insert", 2, 2)?;
    let i = vm.index_to_i64(&rest[0])?;
    let c = byte_value(vm, &rest[1])?;
    let b = data(vm, this, "insert")?;
    check_resize(vm, b)?;
    let len = b.borrow().len() as i64;
    let k = if i < 0 { (i + len).max(0) } else { i.min(len) };
    b.borrow_mut().insert(k as usize, c);
    Ok(Value::None)
}

fn ba_pop(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "pop", 0, 1)?;
    let i = match rest.first() {
        Some(v) => vm.index_to_i64(v)?,
        None => -1,
    };
    let b = data(vm, this, "pop")?;
    let len = b.borrow().len();
    if len == 0 {
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let Some(k) = norm_index(i, len) else {
        return Err(vm.index_error("pop index out of range"));
    };
    check_resize(vm, b)?;
    let c = b.borrow_mut().remove(k);
    Ok(Value::Int(i64::from(c)))
}

fn ba_remove(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) =
        super::meth_o(vm, &args, "remove").map(|(t, a)| (t, std::slice::from_ref(a)))?;
    let c = byte_value(vm, &rest[0])?;
    let b = data(vm, this, "remove")?;
    let pos = b.borrow().iter().position(|x| *x == c);
    let Some(k) = pos else {
        return Err(vm.value_error("value not found in bytearray"));
    };
    check_resize(vm, b)?;
    b.borrow_mut().remove(k);
    Ok(Value::None)
}

fn ba_clear(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "clear", 0, 0)?;
    let b = data(vm, this, "clear")?;
    check_resize(vm, b)?;
    b.borrow_mut().clear();
    Ok(Value::None)
}

fn ba_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "copy", 0, 0)?;
    let v = data(vm, this, "copy")?.borrow().clone();
    Ok(vm.new_bytearray(v))
}

fn ba_reverse(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "reverse", 0, 0)?;
    data(vm, this, "reverse")?.borrow_mut().reverse();
    Ok(Value::None)
}

fn ba_iadd(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__iadd__", 1, 1)?;
    let other = &rest[0];
    if let Some(Payload::MemoryView(m)) = other.payload() {
        super::memoryview::check_released(vm, m)?;
    }
    let Some(src) = bytes_of(other) else {
        return Err(vm.type_error(format!(
            "can't concat {} to {}",
            vm.type_name(other),
            vm.type_name(this)
        )));
    };
    let b = data(vm, this, "__iadd__")?;
    // Reading `other`'s buffer exports it; growing an exported array is refused.
    if (this.is(other) || b.exports.get() > 0) && !src.is_empty() {
        return Err(resize_error(vm));
    }
    b.borrow_mut().extend_from_slice(&src);
    Ok(this.clone())
}

fn ba_imul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__imul__", 1, 1)?;
    let Some(n) = super::repeat_count(vm, &rest[0])? else {
        return Ok(vm.not_implemented.clone());
    };
    let cur = data(vm, this, "__imul__")?.borrow().clone();
    let out = super::repeat(vm, &cur, n, true)?;
    let b = data(vm, this, "__imul__")?;
    if out.len() != cur.len() {
        check_resize(vm, b)?;
    }
    *b.borrow_mut() = out;
    Ok(this.clone())
}

fn ba_alloc(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__alloc__", 0, 0)?;
    let b = data(vm, this, "__alloc__")?;
    Ok(Value::Int(b.borrow().capacity() as i64 + 1))
}

/// Register `bytearray`'s mutating methods.
pub fn init(vm: &mut Vm) {
    let t = vm.types.bytearray.clone();
    vm.add_methods(
        &t,
        crate::methods![
            method "__setitem__" => ba_setitem, "";
            method "__delitem__" => ba_delitem, "";
            method "__iadd__" => ba_iadd, "";
            method "__imul__" => ba_imul, "";
            method "__alloc__" => ba_alloc, "";
            method "append" => ba_append, "";
            method "extend" => ba_extend, "";
            method "insert" => ba_insert, "";
            method "pop" => ba_pop, "";
            method "remove" => ba_remove, "";
            method "clear" => ba_clear, "";
            method "copy" => ba_copy, "";
            method "reverse" => ba_reverse, "";
        ],
    );
}
