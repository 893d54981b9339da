//! `memoryview` over `bytes` and `bytearray` (CPython: `Objects/memoryobject.c`).
//!
//! A view is the exporter plus a geometry: a byte offset, a shape and strides in bytes, and a
//! native single-character struct format for the elements (little-endian, 64-bit sizes, as
//! on the machines Krait runs on). Each live view over a `bytearray` holds one export on it
//! (released by `release()` or when the view dies), which keeps the array from resizing.

use std::cell::{Cell, RefCell};

use num_bigint::BigInt;

use crate::modules::array::ArrayData;
use crate::native::method_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

use super::{is_index, norm_index, parse_args};

/// A view: the exporter, the element format and the geometry in bytes.
pub struct MemoryViewData {
    /// The exporting object (`bytes` or `bytearray`), `.obj`.
    pub obj: Value,
    /// Set by `release()`.
    pub released: Cell<bool>,
    /// Whether writes are refused.
    pub readonly: bool,
    /// The struct format of one element (`B`, `H`, `d`, ...).
    pub format: String,
    /// Bytes per element.
    pub itemsize: usize,
    /// Byte offset of the first element in the exporter's buffer.
    pub offset: isize,
    /// Elements per dimension.
    pub shape: Vec<usize>,
    /// Byte step per dimension.
    pub strides: Vec<isize>,
    /// The hash, once computed (a released view keeps answering with it).
    pub hash: Cell<Option<i64>>,
}

impl MemoryViewData {
    /// Give the exporter its export back (on release or when the view dies).
    pub fn release_export(&self) {
        if self.released.replace(true) {
            return;
        }
        if let Some(e) = export_counter(&self.obj) {
            e.set(e.get().saturating_sub(1));
        }
    }

    fn nitems(&self) -> usize {
        self.shape.iter().product()
    }

    /// Whether the elements lie in C order without gaps (`PyBuffer_IsContiguous(view, 'C')`).
    pub fn c_contiguous(&self) -> bool {
        if self.nitems() <= 1 {
            return true;
        }
        let mut expect = self.itemsize as isize;
        for (dim, st) in self.shape.iter().zip(&self.strides).rev() {
            if *dim > 1 && *st != expect {
                return false;
            }
            expect *= *dim as isize;
        }
        true
    }
}

impl Drop for MemoryViewData {
    fn drop(&mut self) {
        self.release_export();
    }
}

/// A view of `obj` with the given geometry, taking an export on a bytearray.
fn new_view(vm: &mut Vm, data: MemoryViewData) -> Value {
    if let Some(e) = export_counter(&data.obj) {
        e.set(e.get() + 1);
    }
    Value::Obj(ObjRef::new(
        vm.types.memoryview.clone(),
        Payload::MemoryView(Box::new(data)),
    ))
}

/// `ValueError` for a released view.
pub fn check_released(vm: &mut Vm, m: &MemoryViewData) -> PyResult<()> {
    if m.released.get() {
        return Err(vm.value_error("operation forbidden on released memoryview object"));
    }
    Ok(())
}

/// The live-export count of a resizable exporter (`bytearray`, `array.array`).
fn export_counter(obj: &Value) -> Option<&Cell<usize>> {
    match obj.payload() {
        Some(Payload::ByteArray(b)) => Some(&b.exports),
        _ => crate::native::native_ref::<ArrayData>(obj).map(|a| &a.exports),
    }
}

/// The storage of a writable exporter (`bytearray`, `array.array`).
fn writable_buf(obj: &Value) -> Option<&RefCell<Vec<u8>>> {
    match obj.payload() {
        Some(Payload::ByteArray(b)) => Some(&b.data),
        _ => crate::native::native_ref::<ArrayData>(obj).map(|a| &a.data),
    }
}

/// `PyObject_GetBuffer(obj, PyBUF_WRITABLE)` for Krait's writable exporters (`bytearray`,
/// `array.array`, a writable mmap, a writable C-contiguous `memoryview` of the first two): runs
/// `f` on the bytes.
/// `Ok(None)` when `obj` exports no writable buffer (callers word their own TypeError); a
/// released view is a ValueError and one with gaps a BufferError, as in CPython.
/// `f` must not run Python code (the storage is borrowed while it runs).
pub fn with_writable<R>(
    vm: &mut Vm,
    obj: &Value,
    f: impl FnOnce(&mut [u8]) -> R,
) -> PyResult<Option<R>> {
    let Some(Payload::MemoryView(m)) = obj.payload() else {
        if let Some(n) = cdata_of(obj) {
            return Ok(Some(with_cdata(n, 0, usize::MAX, f)));
        }
        return Ok(match writable_buf(obj) {
            Some(b) => Some(f(&mut b.borrow_mut())),
            None => crate::modules::mmap::with_writable(obj, f),
        });
    };
    check_released(vm, m)?;
    if m.readonly {
        return Ok(None);
    }
    if !m.c_contiguous() {
        let t = vm.types.buffer_error.clone();
        return Err(vm.new_exception_msg(&t, "memoryview: underlying buffer is not C-contiguous"));
    }
    let start = m.offset.max(0) as usize;
    if let Some(n) = cdata_of(&m.obj) {
        return Ok(Some(with_cdata(n, start, m.nitems() * m.itemsize, f)));
    }
    let Some(b) = writable_buf(&m.obj) else {
        return Ok(None);
    };
    let mut b = b.borrow_mut();
    let end = (start + m.nitems() * m.itemsize).min(b.len());
    Ok(Some(f(b.get_mut(start.min(end)..end).unwrap_or_default())))
}

/// The state of a ctypes object whose memory the VM holds.
fn cdata_of(obj: &Value) -> Option<&dyn std::any::Any> {
    match obj.payload() {
        Some(Payload::Native(n)) if crate::modules::ctypes_buffer(&**n).is_some() => Some(&**n),
        _ => None,
    }
}

/// `f` on `len` bytes (at most) of a ctypes object's memory from `start`, written back after.
fn with_cdata<R>(
    n: &dyn std::any::Any,
    start: usize,
    len: usize,
    f: impl FnOnce(&mut [u8]) -> R,
) -> R {
    let mut b = crate::modules::ctypes_buffer(n).unwrap_or_default();
    let end = start.saturating_add(len).min(b.len());
    let part = b.get_mut(start.min(end)..end).unwrap_or_default();
    let r = f(part);
    crate::modules::ctypes_write(n, start.min(end), part);
    r
}

fn with_buf<R>(m: &MemoryViewData, f: impl FnOnce(&[u8]) -> R) -> R {
    match m.obj.payload() {
        Some(Payload::Bytes(b)) => f(b),
        Some(Payload::Native(n)) if writable_buf(&m.obj).is_none() => {
            f(&crate::modules::ctypes_buffer(&**n).unwrap_or_default())
        }
        _ => match writable_buf(&m.obj) {
            Some(b) => f(&b.borrow()),
            None => f(&[]),
        },
    }
}

/// Where a writable view's stores go: the exporter's `Vec` (`bytearray`, `array.array`) or a
/// ctypes object's memory.
enum Dest<'a> {
    Vec(&'a RefCell<Vec<u8>>),
    CData(&'a dyn std::any::Any),
}

impl Dest<'_> {
    fn of(obj: &Value) -> Option<Dest<'_>> {
        if let Some(b) = writable_buf(obj) {
            return Some(Dest::Vec(b));
        }
        match obj.payload() {
            Some(Payload::Native(n)) => Some(Dest::CData(&**n)),
            _ => None,
        }
    }

    /// Store `bytes` at byte offset `o` (nothing outside the buffer).
    fn put(&self, o: usize, bytes: &[u8]) {
        match self {
            Dest::Vec(b) => {
                if let Some(dst) = b.borrow_mut().get_mut(o..o + bytes.len()) {
                    dst.copy_from_slice(bytes);
                }
            }
            Dest::CData(n) => {
                crate::modules::ctypes_write(*n, o, bytes);
            }
        }
    }
}

/// Byte offsets of every element in C order.
fn element_offsets(m: &MemoryViewData) -> Vec<isize> {
    let mut out = vec![m.offset];
    for (dim, st) in m.shape.iter().zip(&m.strides) {
        let mut next = Vec::with_capacity(out.len() * dim);
        for base in &out {
            for k in 0..*dim {
                next.push(base + k as isize * st);
            }
        }
        out = next;
    }
    out
}

/// The view's contents in C order (`tobytes()`); empty for a released view.
pub fn view_bytes(m: &MemoryViewData) -> Vec<u8> {
    if m.released.get() {
        return Vec::new();
    }
    let offs = element_offsets(m);
    with_buf(m, |buf| {
        let mut out = Vec::with_capacity(offs.len() * m.itemsize);
        for o in offs {
            let o = o.max(0) as usize;
            if let Some(s) = buf.get(o..o + m.itemsize) {
                out.extend_from_slice(s);
            }
        }
        out
    })
}

/// The size of a native struct format, or `None` if memoryview does not support it.
fn format_size(fmt: &str) -> Option<usize> {
    let f = fmt.strip_prefix('@').unwrap_or(fmt);
    Some(match f {
        "B" | "b" | "c" | "?" => 1,
        "H" | "h" => 2,
        "I" | "i" | "f" => 4,
        "L" | "l" | "Q" | "q" | "N" | "n" | "d" | "P" => 8,
        _ => return None,
    })
}

fn fmt_char(fmt: &str) -> char {
    fmt.chars().last().unwrap_or('B')
}

/// One element's value.
fn unpack(vm: &mut Vm, fmt: &str, b: &[u8]) -> Value {
    let mut w = [0u8; 8];
    let n = b.len().min(8);
    w[..n].copy_from_slice(&b[..n]);
    let u = u64::from_le_bytes(w);
    match fmt_char(fmt) {
        'B' => Value::Int(u as u8 as i64),
        'b' => Value::Int(i64::from(u as u8 as i8)),
        'c' => vm.new_bytes(vec![u as u8]),
        '?' => Value::bool(u as u8 != 0),
        'H' => Value::Int(u as u16 as i64),
        'h' => Value::Int(i64::from(u as u16 as i16)),
        'I' => Value::Int(u as u32 as i64),
        'i' => Value::Int(i64::from(u as u32 as i32)),
        'L' | 'Q' | 'N' | 'P' => match i64::try_from(u) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::from_bigint(BigInt::from(u), vm),
        },
        'l' | 'q' | 'n' => Value::Int(u as i64),
        'f' => Value::float(f64::from(f32::from_bits(u as u32))),
        'd' => Value::float(f64::from_bits(u)),
        _ => Value::Int(u as u8 as i64),
    }
}

/// Encode one element (`memoryview: invalid type/value for format`).
fn pack(vm: &mut Vm, fmt: &str, v: &Value, size: usize) -> PyResult<Vec<u8>> {
    let c = fmt_char(fmt);
    let bad_type =
        |vm: &mut Vm| vm.type_error(format!("memoryview: invalid type for format '{fmt}'"));
    let bad_value =
        |vm: &mut Vm| vm.value_error(format!("memoryview: invalid value for format '{fmt}'"));
    match c {
        'c' => match v.payload() {
            Some(Payload::Bytes(b)) if b.len() == 1 => Ok(b.to_vec()),
            Some(Payload::Bytes(_)) => Err(bad_value(vm)),
            _ => Err(bad_type(vm)),
        },
        '?' => {
            let t = vm.is_true(v)?;
            Ok(vec![u8::from(t)])
        }
        'f' | 'd' => {
            let x = match v {
                Value::Float(f) => f.get(),
                Value::Int(i) => *i as f64,
                Value::Bool(b) => f64::from(u8::from(b.get())),
                _ => match v.payload() {
                    Some(Payload::Float(f)) => *f,
                    // `PyFloat_AsDouble`: `__float__`, else `__index__`; never a str.
                    Some(Payload::Str(_)) => return Err(bad_type(vm)),
                    _ if vm.lookup_special_str(v, "__float__").is_some()
                        || vm.lookup_special_str(v, "__index__").is_some() =>
                    {
                        match crate::objects::float::float_from_value(vm, v) {
                            Ok(x) => x,
                            Err(e) if vm.err_matches(&e, &vm.types.type_error.clone()) => {
                                return Err(bad_type(vm));
                            }
                            Err(e) => return Err(e),
                        }
                    }
                    _ => return Err(bad_type(vm)),
                },
            };
            Ok(match c {
                'f' => (x as f32).to_bits().to_le_bytes().to_vec(),
                _ => x.to_bits().to_le_bytes().to_vec(),
            })
        }
        _ => {
            let is_int = matches!(v, Value::Int(_) | Value::Bool(_))
                || matches!(v.payload(), Some(Payload::Int(_)))
                || (!matches!(v, Value::Float(_))
                    && !matches!(v.payload(), Some(Payload::Float(_)))
                    && vm.lookup_special_str(v, "__index__").is_some());
            if !is_int {
                return Err(bad_type(vm));
            }
            let big: BigInt = match vm.index_value(v)? {
                Value::Int(i) => BigInt::from(i),
                Value::Bool(b) => BigInt::from(i64::from(b.get())),
                r => match r.payload() {
                    Some(Payload::Int(b)) => b.clone(),
                    _ => return Err(bad_type(vm)),
                },
            };
            let signed = c.is_ascii_lowercase();
            let bits = size * 8;
            let (lo, hi) = if signed {
                (
                    -(BigInt::from(1) << (bits - 1)),
                    (BigInt::from(1) << (bits - 1)) - 1,
                )
            } else {
                (BigInt::from(0), (BigInt::from(1) << bits) - 1)
            };
            if big < lo || big > hi {
                return Err(bad_value(vm));
            }
            let bytes = big.to_signed_bytes_le();
            let fill = if big.sign() == num_bigint::Sign::Minus {
                0xFF
            } else {
                0
            };
            let mut out = vec![fill; size];
            for (o, b) in out.iter_mut().zip(bytes) {
                *o = b;
            }
            Ok(out)
        }
    }
}

fn this_view<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a MemoryViewData> {
    match v.payload() {
        Some(Payload::MemoryView(m)) => {
            check_released(vm, m)?;
            Ok(m)
        }
        _ => Err(vm.type_error(format!(
            "descriptor requires a 'memoryview' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

fn mv_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = parse_args(vm, &args, "memoryview", &["object"], 1, true)?;
    let obj = a[0].clone().unwrap_or(Value::None);
    from_object(vm, &obj)
}

/// A 1-D C-contiguous view of `items` elements of `format` over the whole of `obj`.
fn flat(
    obj: Value,
    readonly: bool,
    format: String,
    itemsize: usize,
    items: usize,
) -> MemoryViewData {
    MemoryViewData {
        obj,
        released: Cell::new(false),
        hash: Cell::new(None),
        readonly,
        format,
        itemsize,
        offset: 0,
        shape: vec![items],
        strides: vec![itemsize as isize],
    }
}

/// `memoryview(obj)`.
pub fn from_object(vm: &mut Vm, obj: &Value) -> PyResult<Value> {
    let data = match obj.payload() {
        Some(Payload::Bytes(b)) => flat(obj.clone(), true, "B".into(), 1, b.len()),
        Some(Payload::ByteArray(b)) => flat(obj.clone(), false, "B".into(), 1, b.borrow().len()),
        Some(Payload::MemoryView(m)) => {
            check_released(vm, m)?;
            copy_of(m)
        }
        Some(Payload::Native(n)) => match native_view(vm, obj, &**n)? {
            Some(d) => d,
            None => return Err(not_bytes_like(vm, obj)),
        },
        _ => return Err(not_bytes_like(vm, obj)),
    };
    Ok(new_view(vm, data))
}

fn not_bytes_like(vm: &mut Vm, obj: &Value) -> crate::vm::PyErr {
    vm.type_error(format!(
        "memoryview: a bytes-like object is required, not '{}'",
        vm.type_name(obj)
    ))
}

/// The view of a native exporter, or `None` when `n` exports no buffer.
fn native_view(
    vm: &mut Vm,
    obj: &Value,
    n: &dyn std::any::Any,
) -> PyResult<Option<MemoryViewData>> {
    if let Some(a) = n.downcast_ref::<ArrayData>() {
        let (format, itemsize) = crate::modules::array::buffer_format(a);
        let items = a.data.borrow().len() / itemsize;
        return Ok(Some(flat(obj.clone(), false, format, itemsize, items)));
    }
    // A `pickle.PickleBuffer`: a new view of what it holds (`picklebuf_getbuf`).
    if let Some(held) = crate::modules::pickle::live_view(n) {
        if let Some(Value::Obj(o)) = held
            && let Payload::MemoryView(m) = &o.payload
        {
            return Ok(Some(copy_of(m)));
        }
        return Err(crate::modules::pickle::released_error(vm));
    }
    // A ctypes object in VM memory: a writable view of its bytes (reads take them as they are
    // at the time, writes go to its memory; test_io's byteslike() buffers).
    if let Some(b) = crate::modules::ctypes_buffer(n) {
        return Ok(Some(flat(obj.clone(), false, "B".into(), 1, b.len())));
    }
    // Another native exporter (an mmap): a read-only view of a snapshot of its bytes (writes
    // through the view are refused rather than lost; `.obj` is the copy).
    if let Some(b) = crate::modules::native_buffer(n) {
        let len = b.len();
        return Ok(Some(flat(vm.new_bytes(b), true, "B".into(), 1, len)));
    }
    Ok(None)
}

/// `PickleBuffer.raw()` of the view `v`: the same memory as a 1-D view of unsigned bytes,
/// or `BufferError` when it is not contiguous.
pub(crate) fn raw_view(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let Some(Payload::MemoryView(m)) = v.payload() else {
        return Err(vm.type_error("expected a memoryview"));
    };
    if !m.c_contiguous() {
        let t = vm.types.buffer_error.clone();
        return Err(
            vm.new_exception_msg(&t, "cannot extract raw buffer from non-contiguous buffer")
        );
    }
    let mut d = copy_of(m);
    let nbytes = m.nitems() * m.itemsize;
    d.format = "B".into();
    d.itemsize = 1;
    d.shape = vec![nbytes];
    d.strides = vec![1];
    Ok(new_view(vm, d))
}

fn copy_of(m: &MemoryViewData) -> MemoryViewData {
    MemoryViewData {
        obj: m.obj.clone(),
        released: Cell::new(false),
        hash: Cell::new(None),
        readonly: m.readonly,
        format: m.format.clone(),
        itemsize: m.itemsize,
        offset: m.offset,
        shape: m.shape.clone(),
        strides: m.strides.clone(),
    }
}

fn tuple_of(vm: &mut Vm, v: impl Iterator<Item = i64>) -> Value {
    let items = v.map(Value::Int).collect();
    vm.new_tuple(items)
}

macro_rules! getter {
    ($name:ident, |$vm:ident, $m:ident| $body:expr) => {
        fn $name($vm: &mut Vm, v: &Value) -> PyResult<Value> {
            let $m = this_view($vm, v)?;
            Ok($body)
        }
    };
}

getter!(get_format, |vm, m| vm.new_str(&m.format));
getter!(get_itemsize, |vm, m| Value::Int(m.itemsize as i64));
getter!(get_ndim, |vm, m| Value::Int(m.shape.len() as i64));
getter!(get_shape, |vm, m| tuple_of(
    vm,
    m.shape.iter().map(|x| *x as i64)
));
getter!(get_strides, |vm, m| tuple_of(
    vm,
    m.strides.iter().map(|x| *x as i64)
));
getter!(get_suboffsets, |vm, m| {
    let _ = m;
    vm.new_tuple(vec![])
});
getter!(get_readonly, |vm, m| Value::bool(m.readonly));
getter!(get_nbytes, |vm, m| Value::Int(
    (m.nitems() * m.itemsize) as i64
));
getter!(get_obj, |vm, m| m.obj.clone());
getter!(get_c_contiguous, |vm, m| Value::bool(m.c_contiguous()));
getter!(get_f_contiguous, |vm, m| Value::bool(
    m.shape.len() <= 1 && m.c_contiguous()
));
getter!(get_contiguous, |vm, m| Value::bool(m.c_contiguous()));

fn mv_tobytes(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let _ = parse_args(vm, &args, "tobytes", &["order"], 0, true)?;
    let m = this_view(vm, &this)?;
    let b = view_bytes(m);
    Ok(vm.new_bytes(b))
}

fn tolist_dim(vm: &mut Vm, m: &MemoryViewData, buf: &[u8], dim: usize, off: isize) -> Value {
    let mut items = Vec::with_capacity(m.shape[dim]);
    for k in 0..m.shape[dim] {
        let o = off + k as isize * m.strides[dim];
        if dim + 1 == m.shape.len() {
            let o = o.max(0) as usize;
            let el = buf.get(o..o + m.itemsize).unwrap_or(&[]);
            items.push(unpack(vm, &m.format, el));
        } else {
            items.push(tolist_dim(vm, m, buf, dim + 1, o));
        }
    }
    vm.new_list(items)
}

fn mv_tolist(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "tolist", 0, 0)?;
    let m = this_view(vm, this)?;
    // A copy of the buffer and a 16-byte value per item (18 times a byte buffer's size).
    let n = with_buf(m, |b| b.len());
    vm.check_alloc(
        n.saturating_add((n / m.itemsize.max(1)).saturating_mul(std::mem::size_of::<Value>())),
    )?;
    let buf = with_buf(m, |b| b.to_vec());
    if m.shape.is_empty() {
        let o = m.offset.max(0) as usize;
        let el = buf.get(o..o + m.itemsize).unwrap_or(&[]).to_vec();
        return Ok(unpack(vm, &m.format, &el));
    }
    Ok(tolist_dim(vm, m, &buf, 0, m.offset))
}

fn mv_hex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let m = this_view(vm, &this)?;
    let b = view_bytes(m);
    super::methods::hex_impl(vm, &b, &args, true)
}

fn mv_release(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "release", 0, 0)?;
    if let Some(Payload::MemoryView(m)) = this.payload() {
        m.release_export();
    }
    Ok(Value::None)
}

fn mv_enter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__enter__", 0, 0)?;
    this_view(vm, this)?;
    Ok(this.clone())
}

fn mv_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first() else {
        return Err(vm.type_error("descriptor '__exit__' needs an argument"));
    };
    if let Some(Payload::MemoryView(m)) = this.payload() {
        m.release_export();
    }
    Ok(Value::None)
}

fn mv_toreadonly(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "toreadonly", 0, 0)?;
    let m = this_view(vm, this)?;
    let mut d = copy_of(m);
    d.readonly = true;
    Ok(new_view(vm, d))
}

fn mv_cast(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let a = parse_args(vm, &args, "cast", &["format", "shape"], 1, true)?;
    let m = this_view(vm, &this)?;
    let fmt = match &a[0] {
        Some(Value::Obj(o)) if matches!(o.payload, Payload::Str(_)) => {
            vm.str_text(&Value::Obj(o.clone()))
        }
        Some(v) => {
            return Err(vm.type_error(format!(
                "cast() argument 'format' must be str, not {}",
                vm.type_name(v)
            )));
        }
        None => "B".into(),
    };
    if !m.c_contiguous() {
        return Err(vm.type_error("memoryview: casts are restricted to C-contiguous views"));
    }
    let shape_arg = match &a[1] {
        None | Some(Value::None) => None,
        Some(v) => {
            let items: Vec<Value> = match v.payload() {
                Some(Payload::List(l)) => l.borrow().to_vec(),
                Some(Payload::Tuple(t)) => t.to_vec(),
                _ => return Err(vm.type_error("shape must be a list or a tuple")),
            };
            let mut dims = Vec::with_capacity(items.len());
            for it in &items {
                let d = vm.index_to_i64(it)?;
                if d <= 0 {
                    return Err(
                        vm.value_error("memoryview.cast(): elements of shape must be integers > 0")
                    );
                }
                dims.push(d as usize);
            }
            Some(dims)
        }
    };
    if shape_arg.is_some() && m.shape.len() != 1 {
        return Err(vm.type_error("memoryview: cast must be 1D -> ND or ND -> 1D"));
    }
    let Some(size) = format_size(&fmt).filter(|_| fmt.len() <= 2) else {
        return Err(vm.value_error(
            "memoryview: destination format must be a native single character format prefixed with an optional '@'",
        ));
    };
    let byte_fmt = |f: &str| matches!(f.strip_prefix('@').unwrap_or(f), "B" | "b" | "c");
    if !byte_fmt(&m.format) && !byte_fmt(&fmt) {
        return Err(vm.type_error("memoryview: cannot cast between two non-byte formats"));
    }
    let nbytes = m.nitems() * m.itemsize;
    if nbytes % size != 0 {
        return Err(vm.type_error("memoryview: length is not a multiple of itemsize"));
    }
    let shape = match shape_arg {
        Some(dims) => {
            let prod = dims.iter().try_fold(1usize, |a, d| a.checked_mul(*d));
            if prod.and_then(|p| p.checked_mul(size)) != Some(nbytes) {
                return Err(vm.type_error("memoryview: product(shape) * itemsize != buffer size"));
            }
            dims
        }
        None => vec![nbytes / size],
    };
    let mut strides = vec![0isize; shape.len()];
    let mut acc = size as isize;
    for (st, d) in strides.iter_mut().zip(&shape).rev() {
        *st = acc;
        acc *= *d as isize;
    }
    let d = MemoryViewData {
        obj: m.obj.clone(),
        released: Cell::new(false),
        hash: Cell::new(None),
        readonly: m.readonly,
        format: fmt,
        itemsize: size,
        offset: m.offset,
        shape,
        strides,
    };
    Ok(new_view(vm, d))
}

fn mv_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__len__", 0, 0)?;
    let m = this_view(vm, this)?;
    Ok(Value::Int(m.shape.first().copied().unwrap_or(1) as i64))
}

fn mv_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__getitem__", 1, 1)?;
    let m = this_view(vm, this)?;
    let key = &rest[0];
    if m.shape.is_empty() {
        return Err(vm.type_error("invalid indexing of 0-dim memory"));
    }
    if is_index(vm, key) {
        if m.shape.len() > 1 {
            return Err(vm.not_implemented_error("multi-dimensional sub-views are not implemented"));
        }
        let i = vm.index_to_i64(key)?;
        // `__index__` may have released the view (gh-92888).
        check_released(vm, m)?;
        let Some(k) = norm_index(i, m.shape[0]) else {
            return Err(vm.index_error("index out of bounds on dimension 1"));
        };
        let o = (m.offset + k as isize * m.strides[0]).max(0) as usize;
        let el = with_buf(m, |b| b.get(o..o + m.itemsize).unwrap_or(&[]).to_vec());
        return Ok(unpack(vm, &m.format, &el));
    }
    if let Some(Payload::Slice(_)) = key.payload() {
        let (start, _stop, step, n) = crate::objects::slicing::slice_indices(vm, key, m.shape[0])?;
        let mut d = copy_of(m);
        d.offset = m.offset + start * m.strides[0];
        d.shape[0] = n;
        d.strides[0] = m.strides[0] * step;
        return Ok(new_view(vm, d));
    }
    match tuple_key(vm, key)? {
        TupleKey::Indices(ix) => {
            check_released(vm, m)?;
            let o = ptr_from_tuple(vm, m, &ix)?;
            let el = with_buf(m, |b| b.get(o..o + m.itemsize).unwrap_or(&[]).to_vec());
            Ok(unpack(vm, &m.format, &el))
        }
        TupleKey::Slices => {
            Err(vm.not_implemented_error("multi-dimensional slicing is not implemented"))
        }
        TupleKey::Other => Err(vm.type_error("memoryview: invalid slice key")),
    }
}

/// A tuple subscript: all indices (`is_multiindex`), all slices (`is_multislice`), or neither.
enum TupleKey {
    Indices(Vec<i64>),
    Slices,
    Other,
}

fn tuple_key(vm: &mut Vm, key: &Value) -> PyResult<TupleKey> {
    let Some(Payload::Tuple(t)) = key.payload() else {
        return Ok(TupleKey::Other);
    };
    let items: Vec<Value> = t.iter().cloned().collect();
    if !items.is_empty()
        && items
            .iter()
            .all(|v| matches!(v.payload(), Some(Payload::Slice(_))))
    {
        return Ok(TupleKey::Slices);
    }
    let mut ix = Vec::with_capacity(items.len());
    for v in &items {
        if !is_index(vm, v) {
            return Ok(TupleKey::Other);
        }
    }
    for v in &items {
        ix.push(
            vm.index_to_i64(v)
                .map_err(|_| vm.index_error("cannot fit 'int' into an index-sized integer"))?,
        );
    }
    Ok(TupleKey::Indices(ix))
}

/// `ptr_from_tuple`: the byte offset of the element a full tuple of indices names.
fn ptr_from_tuple(vm: &mut Vm, m: &MemoryViewData, ix: &[i64]) -> PyResult<usize> {
    let ndim = m.shape.len();
    if ix.len() < ndim {
        return Err(vm.not_implemented_error("sub-views are not implemented"));
    }
    if ix.len() > ndim {
        return Err(vm.type_error(format!(
            "cannot index {ndim}-dimension view with {}-element tuple",
            ix.len()
        )));
    }
    let mut off = m.offset;
    for (dim, &i) in ix.iter().enumerate() {
        let Some(k) = norm_index(i, m.shape[dim]) else {
            return Err(vm.index_error(format!("index out of bounds on dimension {}", dim + 1)));
        };
        off += k as isize * m.strides[dim];
    }
    Ok(off.max(0) as usize)
}

/// `memory_ass_sub`: an element by index (or by a full tuple of indices), or a 1-D slice
/// from any buffer with the same format and length.
fn mv_setitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__setitem__", 2, 2)?;
    let m = this_view(vm, this)?;
    if m.readonly {
        return Err(vm.type_error("cannot modify read-only memory"));
    }
    let (key, value) = (&rest[0], &rest[1]);
    let Some(dest) = Dest::of(&m.obj) else {
        return Err(vm.type_error("cannot modify read-only memory"));
    };
    let store = |vm: &mut Vm, o: usize| -> PyResult<Value> {
        let bytes = pack(vm, &m.format, value, m.itemsize)?;
        // Converting the key or the value may have released the view (gh-92888).
        check_released(vm, m)?;
        dest.put(o, &bytes);
        Ok(Value::None)
    };
    if m.shape.is_empty() {
        let empty_tuple = matches!(key.payload(), Some(Payload::Tuple(t)) if t.is_empty());
        if key.is(&vm.ellipsis) || empty_tuple {
            return store(vm, m.offset.max(0) as usize);
        }
        return Err(vm.type_error("invalid indexing of 0-dim memory"));
    }
    if is_index(vm, key) {
        if m.shape.len() > 1 {
            return Err(vm.not_implemented_error("sub-views are not implemented"));
        }
        let i = vm
            .index_to_i64(key)
            .map_err(|_| vm.index_error("cannot fit 'int' into an index-sized integer"))?;
        let Some(k) = norm_index(i, m.shape[0]) else {
            return Err(vm.index_error("index out of bounds on dimension 1"));
        };
        return store(vm, (m.offset + k as isize * m.strides[0]).max(0) as usize);
    }
    let is_slice = matches!(key.payload(), Some(Payload::Slice(_)));
    if is_slice && m.shape.len() == 1 {
        let (start, _stop, step, n) = crate::objects::slicing::slice_indices(vm, key, m.shape[0])?;
        let Some((src_fmt, src_shape, src)) = buffer_of(vm, value)? else {
            return Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(value)
            )));
        };
        check_released(vm, m)?;
        let same_fmt = src_fmt.trim_start_matches('@') == m.format.trim_start_matches('@');
        if !same_fmt || src_shape.len() != 1 || src.len() != n * m.itemsize {
            return Err(vm.value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        let mut off = m.offset + start * m.strides[0];
        for chunk in src.chunks(m.itemsize.max(1)) {
            dest.put(off.max(0) as usize, chunk);
            off += m.strides[0] * step;
        }
        return Ok(Value::None);
    }
    match tuple_key(vm, key)? {
        TupleKey::Indices(ix) => {
            let o = ptr_from_tuple(vm, m, &ix)?;
            store(vm, o)
        }
        TupleKey::Slices => Err(vm.not_implemented_error(
            "memoryview slice assignments are currently restricted to ndim = 1",
        )),
        TupleKey::Other if is_slice => Err(vm.not_implemented_error(
            "memoryview slice assignments are currently restricted to ndim = 1",
        )),
        TupleKey::Other => Err(vm.type_error("memoryview: invalid slice key")),
    }
}

/// Any buffer's format, shape and bytes in C order (`PyObject_GetBuffer` with
/// `PyBUF_FULL_RO`), or `None` when `v` exports none.
fn buffer_of(vm: &mut Vm, v: &Value) -> PyResult<Option<(String, Vec<usize>, Vec<u8>)>> {
    Ok(match v.payload() {
        Some(Payload::MemoryView(o)) => {
            check_released(vm, o)?;
            Some((o.format.clone(), o.shape.clone(), view_bytes(o)))
        }
        Some(Payload::Native(n)) if n.downcast_ref::<ArrayData>().is_some() => {
            let a = n.downcast_ref::<ArrayData>().expect("checked above");
            let (fmt, size) = crate::modules::array::buffer_format(a);
            let x = a.data.borrow().clone();
            Some((fmt, vec![x.len() / size], x))
        }
        _ => super::bytes_of(v).map(|b| ("B".to_string(), vec![b.len()], b)),
    })
}

fn mv_delitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__delitem__", 1, 1)?;
    let m = this_view(vm, this)?;
    if m.readonly {
        return Err(vm.type_error("cannot modify read-only memory"));
    }
    Err(vm.type_error("cannot delete memory"))
}

fn mv_eq_impl(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Option<bool>> {
    let Some(Payload::MemoryView(m)) = a.payload() else {
        return Ok(None);
    };
    if m.released.get() {
        return Ok(Some(a.is(b)));
    }
    if let Some(Payload::MemoryView(o)) = b.payload()
        && o.released.get()
    {
        return Ok(Some(a.is(b)));
    }
    let Some((fmt, shape, data)) = buffer_of(vm, b)? else {
        return Ok(None);
    };
    if shape != m.shape {
        return Ok(Some(false));
    }
    let mine = view_bytes(m);
    let norm = |f: &str| f.trim_start_matches('@').to_string();
    if norm(&fmt) == norm(&m.format) && !matches!(fmt_char(&fmt), 'f' | 'd') {
        return Ok(Some(mine == data));
    }
    let isz = format_size(&fmt).unwrap_or(1);
    let n = m.nitems();
    for k in 0..n {
        let x = unpack(
            vm,
            &m.format,
            mine.get(k * m.itemsize..(k + 1) * m.itemsize)
                .unwrap_or(&[]),
        );
        let y = unpack(vm, &fmt, data.get(k * isz..(k + 1) * isz).unwrap_or(&[]));
        let r = vm.compare(&x, &y, krait_bytecode::CompareOp::Eq)?;
        if !vm.is_true(&r)? {
            return Ok(Some(false));
        }
    }
    Ok(Some(true))
}

fn mv_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__eq__", 1, 1)?;
    match mv_eq_impl(vm, this, &rest[0])? {
        Some(b) => Ok(Value::bool(b)),
        None => Ok(vm.not_implemented.clone()),
    }
}

fn mv_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__ne__", 1, 1)?;
    match mv_eq_impl(vm, this, &rest[0])? {
        Some(b) => Ok(Value::bool(!b)),
        None => Ok(vm.not_implemented.clone()),
    }
}

fn mv_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__hash__", 0, 0)?;
    if let Some(Payload::MemoryView(m)) = this.payload()
        && let Some(h) = m.hash.get()
    {
        return Ok(Value::Int(h));
    }
    let m = this_view(vm, this)?;
    if !m.readonly {
        return Err(vm.value_error("cannot hash writable memoryview object"));
    }
    if !matches!(m.format.trim_start_matches('@'), "B" | "b" | "c") {
        return Err(vm.value_error("memoryview: hashing is restricted to formats 'B', 'b' or 'c'"));
    }
    let b = view_bytes(m);
    let h = super::hash_bytes(vm, &b);
    m.hash.set(Some(h));
    Ok(Value::Int(h))
}

fn mv_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let released = matches!(this.payload(), Some(Payload::MemoryView(m)) if m.released.get());
    let s = format!(
        "<{}memory at {:#x}>",
        if released { "released " } else { "" },
        this.identity()
    );
    Ok(vm.new_string(s))
}

fn mv_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__iter__", 0, 0)?;
    let m = this_view(vm, this)?;
    if m.shape.len() != 1 {
        return Err(vm.not_implemented_error("multi-dimensional sub-views are not implemented"));
    }
    let l = mv_tolist(vm, Args::positional(std::slice::from_ref(this)))?;
    vm.iter(&l)
}

/// Register `memoryview`.
pub fn init(vm: &mut Vm) {
    let t = vm.types.memoryview.clone();
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => mv_new, "";
            method "tobytes" => mv_tobytes, "";
            method "tolist" => mv_tolist, "";
            method "hex" => mv_hex, "";
            method "release" => mv_release, "";
            method "toreadonly" => mv_toreadonly, "";
            method "cast" => mv_cast, "";
            method "__enter__" => mv_enter, "";
            method "__exit__" => mv_exit, "";
            method "__len__" => mv_len, "";
            method "__getitem__" => mv_getitem, "";
            method "__setitem__" => mv_setitem, "";
            method "__delitem__" => mv_delitem, "";
            method "__eq__" => mv_eq, "";
            method "__ne__" => mv_ne, "";
            method "__hash__" => mv_hash, "";
            method "__repr__" => mv_repr, "";
            method "__iter__" => mv_iter, "";
        ],
    );
    vm.add_getset(&t, "format", get_format, None);
    vm.add_getset(&t, "itemsize", get_itemsize, None);
    vm.add_getset(&t, "ndim", get_ndim, None);
    vm.add_getset(&t, "shape", get_shape, None);
    vm.add_getset(&t, "strides", get_strides, None);
    vm.add_getset(&t, "suboffsets", get_suboffsets, None);
    vm.add_getset(&t, "readonly", get_readonly, None);
    vm.add_getset(&t, "nbytes", get_nbytes, None);
    vm.add_getset(&t, "obj", get_obj, None);
    vm.add_getset(&t, "c_contiguous", get_c_contiguous, None);
    vm.add_getset(&t, "f_contiguous", get_f_contiguous, None);
    vm.add_getset(&t, "contiguous", get_contiguous, None);
}
