//! `bytes`, `bytearray` and `memoryview` (CPython: `Objects/bytesobject.c`,
//! `Objects/bytearrayobject.c`, `Objects/memoryobject.c`, `Objects/stringlib/`).
//!
//! This file holds the storage, the constructors and the sequence protocol shared by `bytes`
//! and `bytearray`; `bytes/methods.rs` the methods both types have (a method called on a
//! `bytearray` returns a `bytearray`), `bytes/format.rs` `%`-formatting, `bytes/bytearray.rs`
//! the mutating methods and `bytes/memoryview.rs` the view type.

pub mod bytearray;
pub mod format;
pub mod memoryview;
pub mod methods;

use std::cell::{Cell, RefCell};

use crate::native::method_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::iter::IterState;
use crate::objects::typeobj::type_data;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

/// A `bytearray`'s storage and its count of live buffer exports (memoryviews); while any
/// export lives the array cannot change size (CPython: `ob_exports`).
pub struct ByteArrayData {
    /// The bytes.
    pub data: RefCell<Vec<u8>>,
    /// Live exports.
    pub exports: Cell<usize>,
}

impl ByteArrayData {
    /// Storage holding `v`, with no exports.
    pub fn new(v: Vec<u8>) -> ByteArrayData {
        ByteArrayData {
            data: RefCell::new(v),
            exports: Cell::new(0),
        }
    }
}

impl std::ops::Deref for ByteArrayData {
    type Target = RefCell<Vec<u8>>;
    fn deref(&self) -> &RefCell<Vec<u8>> {
        &self.data
    }
}

impl Vm {
    /// A new bytes object.
    pub fn new_bytes(&mut self, b: Vec<u8>) -> Value {
        Value::Obj(ObjRef::new(
            self.types.bytes.clone(),
            Payload::Bytes(b.into_boxed_slice()),
        ))
    }

    /// A new bytearray object.
    pub fn new_bytearray(&mut self, b: Vec<u8>) -> Value {
        Value::Obj(ObjRef::new(
            self.types.bytearray.clone(),
            Payload::ByteArray(Box::new(ByteArrayData::new(b))),
        ))
    }
}

/// A copy of the bytes of a bytes-like value (`bytes`, `bytearray`, `memoryview`).
pub fn bytes_of(v: &Value) -> Option<Vec<u8>> {
    match v.payload()? {
        Payload::Bytes(b) => Some(b.to_vec()),
        Payload::ByteArray(b) => Some(b.borrow().clone()),
        Payload::MemoryView(m) => Some(memoryview::view_bytes(m)),
        Payload::Native(n) => crate::modules::native_buffer(&**n),
        _ => None,
    }
}

/// `PyBytes_FromObject`: the bytes of a buffer, or of an iterable of ints in range(256)
/// (`int.from_bytes`, `bytes.join`-like callers). A str or int is refused with CPython's
/// `cannot convert 'T' object to bytes`.
pub fn bytes_from_object(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(Payload::MemoryView(m)) = v.payload() {
        memoryview::check_released(vm, m)?;
    }
    if let Some(b) = bytes_of(v) {
        return Ok(b);
    }
    let cannot = |vm: &mut Vm| {
        let t = vm.type_name(v);
        vm.type_error(format!("cannot convert '{t}' object to bytes"))
    };
    if matches!(v.payload(), Some(Payload::Str(_))) {
        return Err(cannot(vm));
    }
    let it = match vm.iter(v) {
        Ok(it) => it,
        Err(e) if vm.err_matches(&e, &vm.types.type_error.clone()) => return Err(cannot(vm)),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    while let Some(x) = vm.next(&it)? {
        let i = vm.index_to_i64(&x)?;
        match u8::try_from(i) {
            Ok(b) => out.push(b),
            Err(_) => return Err(vm.value_error("bytes must be in range(0, 256)")),
        }
    }
    Ok(out)
}

/// Whether `v` is a `bytearray` (so results of its methods are bytearrays).
pub fn is_bytearray(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::ByteArray(_)))
}

/// A result of `self`'s kind: `bytearray` for a bytearray, `bytes` otherwise.
pub fn new_like(vm: &mut Vm, this: &Value, data: Vec<u8>) -> Value {
    if is_bytearray(this) {
        vm.new_bytearray(data)
    } else {
        vm.new_bytes(data)
    }
}

/// The bytes of `self` for a method of `bytes`/`bytearray`.
/// (`bytes` contents are borrowed; a `bytearray`'s are copied, since Python code run later
/// may mutate it.)
pub fn this_bytes<'a>(
    vm: &mut Vm,
    this: &'a Value,
    name: &str,
) -> PyResult<std::borrow::Cow<'a, [u8]>> {
    match this.payload() {
        Some(Payload::Bytes(b)) => Ok(std::borrow::Cow::Borrowed(b)),
        Some(Payload::ByteArray(b)) => Ok(std::borrow::Cow::Owned(b.borrow().clone())),
        _ => Err(vm.type_error(format!(
            "descriptor '{name}' for 'bytes' objects doesn't apply to a '{}' object",
            vm.type_name(this)
        ))),
    }
}

/// A bytes-like argument or CPython's `a bytes-like object is required, not 'T'`. As a
/// `PyBUF_SIMPLE` request, a view whose elements are not contiguous is refused with
/// `BufferError`.
pub fn buffer_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(Payload::MemoryView(m)) = v.payload() {
        memoryview::check_released(vm, m)?;
        if !m.c_contiguous() {
            let t = vm.types.buffer_error.clone();
            return Err(
                vm.new_exception_msg(&t, "memoryview: underlying buffer is not C-contiguous")
            );
        }
    }
    match bytes_of(v) {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// Keyword-aware argument parsing for the methods here: the values of `names` (after `self`),
/// `None` where not given.
pub fn parse_args<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    fname: &str,
    names: &[&str],
    required: usize,
    skip_self: bool,
) -> PyResult<Vec<Option<Value>>> {
    let pos = args.pos();
    let pos = if skip_self {
        pos.get(1..).unwrap_or(&[])
    } else {
        pos
    };
    if pos.len() > names.len() {
        return Err(vm.type_error(format!(
            "{fname}() takes at most {} argument{} ({} given)",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            pos.len()
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (slot, v) in out.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        let k = vm.str_text(k);
        match names.iter().position(|n| *n == k) {
            Some(i) => {
                if out[i].is_some() {
                    return Err(vm.type_error(format!(
                        "argument for {fname}() given by name ('{k}') and position ({})",
                        i + 1
                    )));
                }
                out[i] = Some(v.clone());
            }
            None => {
                return Err(vm.type_error(format!(
                    "'{k}' is an invalid keyword argument for {fname}()"
                )));
            }
        }
    }
    if let Some(i) = out.iter().take(required).position(|v| v.is_none()) {
        return Err(vm.type_error(format!(
            "{fname}() missing required argument '{}' (pos {})",
            names[i],
            i + 1
        )));
    }
    Ok(out)
}

/// `self` and the one argument of a METH_O method, with CPython's
/// `bytes.join() takes exactly one argument (0 given)`.
pub fn meth_o<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<(&'a Value, &'a Value)> {
    if args.has_kwargs() {
        return Err(no_kwargs_error(vm, args, name));
    }
    match args.values {
        [this, arg] => Ok((this, arg)),
        [this, rest @ ..] => {
            let ty = bytes_type_name(vm, this);
            Err(vm.type_error(format!(
                "{ty}.{name}() takes exactly one argument ({} given)",
                rest.len()
            )))
        }
        [] => Err(vm.type_error(format!("descriptor '{name}' needs an argument"))),
    }
}

/// `bytes` or `bytearray`: the type whose method got `this` as `self` (or as a class).
fn bytes_type_name(vm: &Vm, this: &Value) -> &'static str {
    let bytearray = is_bytearray(this)
        || matches!(this, Value::Obj(o) if matches!(o.payload, Payload::Type(_))
            && crate::objects::typeobj::is_subtype(o, &vm.types.bytearray));
    if bytearray { "bytearray" } else { "bytes" }
}

/// `bytes.find() takes no keyword arguments`.
#[cold]
#[inline(never)]
fn no_kwargs_error(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyErr {
    let ty = args
        .values
        .first()
        .map_or("bytes", |this| bytes_type_name(vm, this));
    vm.type_error(format!("{ty}.{name}() takes no keyword arguments"))
}

/// `self` and 1 to 3 arguments, with the messages of `PyArg_ParseTuple("O|OO:find")`.
pub fn finds_args<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
) -> PyResult<(&'a Value, &'a [Value])> {
    if args.has_kwargs() {
        return Err(no_kwargs_error(vm, args, name));
    }
    let Some((this, rest)) = args.values.split_first() else {
        return Err(vm.type_error(format!("descriptor '{name}' needs an argument")));
    };
    match rest.len() {
        0 => Err(vm.type_error(format!("{name}() takes at least 1 argument (0 given)"))),
        1..=3 => Ok((this, rest)),
        n => Err(vm.type_error(format!("{name}() takes at most 3 arguments ({n} given)"))),
    }
}

/// A string argument's text (encoding and error handler names).
pub fn str_arg(vm: &mut Vm, v: &Value, fname: &str, argn: &str) -> PyResult<String> {
    match v.payload() {
        Some(Payload::Str(s)) => Ok(s.as_str().into_owned()),
        _ => Err(vm.type_error(format!(
            "{fname}() argument '{argn}' must be str, not {}",
            vm.type_name(v)
        ))),
    }
}

/// A byte value from an int-like, with CPython's range message.
pub fn byte_value(vm: &mut Vm, v: &Value) -> PyResult<u8> {
    let i = match v {
        Value::Int(i) => *i,
        _ => match vm.index_to_i64(v) {
            Ok(i) => i,
            Err(e) => {
                if vm.err_matches(&e, &vm.types.overflow_error.clone()) {
                    return Err(vm.value_error("byte must be in range(0, 256)"));
                }
                return Err(e);
            }
        },
    };
    u8::try_from(i).map_err(|_| vm.value_error("byte must be in range(0, 256)"))
}

/// A zero-filled buffer of `n` bytes, or `MemoryError`.
pub fn zeroed(vm: &mut Vm, n: usize) -> PyResult<Vec<u8>> {
    vm.check_alloc(n)?;
    let mut v: Vec<u8> = Vec::new();
    if n > (isize::MAX as usize) / 2 || v.try_reserve_exact(n).is_err() {
        return Err(vm.memory_error());
    }
    v.resize(n, 0);
    Ok(v)
}

/// An index-sized count from an int (`OverflowError` past `isize`).
fn count_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match vm.index_to_i64(v) {
        Ok(i) => Ok(i),
        Err(e) => {
            if vm.err_matches(&e, &vm.types.overflow_error.clone()) {
                Err(vm.overflow_error(format!(
                    "cannot fit '{}' into an index-sized integer",
                    vm.type_name(v)
                )))
            } else {
                Err(e)
            }
        }
    }
}

/// The contents a `bytes(...)`/`bytearray(...)` call describes (CPython: `bytes_new_impl`,
/// `bytearray___init___impl`).
fn construct(
    vm: &mut Vm,
    args: &Args<'_>,
    name: &str,
    is_bytes: bool,
) -> PyResult<Option<Vec<u8>>> {
    let a = parse_args(vm, args, name, &["source", "encoding", "errors"], 0, true)?;
    let (source, encoding, errors) = (a[0].clone(), a[1].clone(), a[2].clone());
    let Some(source) = source else {
        if encoding.is_some() {
            return Err(vm.type_error("encoding without a string argument"));
        }
        if errors.is_some() {
            return Err(vm.type_error("errors without a string argument"));
        }
        return Ok(Some(Vec::new()));
    };
    if let Some(Payload::Str(s)) = source.payload() {
        let Some(enc) = encoding else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        let enc = str_arg(vm, &enc, name, "encoding")?;
        let errs = match errors {
            Some(e) => str_arg(vm, &e, name, "errors")?,
            None => "strict".into(),
        };
        return crate::objects::codecs::encode(vm, s, &enc, &errs).map(Some);
    }
    if encoding.is_some() {
        return Err(vm.type_error("encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(vm.type_error("errors without a string argument"));
    }
    if is_bytes && let Some(f) = vm.lookup_special_str(&source, "__bytes__") {
        let r = vm.call_method_value(&f, &source, &[])?;
        return match r.payload() {
            Some(Payload::Bytes(b)) => Ok(Some(b.to_vec())),
            _ => Err(vm.type_error(format!(
                "__bytes__ returned non-bytes (type {})",
                vm.type_name(&r)
            ))),
        };
    }
    if let Some(Payload::MemoryView(m)) = source.payload() {
        memoryview::check_released(vm, m)?;
    }
    if let Some(b) = bytes_of(&source) {
        return Ok(Some(b));
    }
    let is_int = matches!(source, Value::Int(_) | Value::Bool(_))
        || matches!(source.payload(), Some(Payload::Int(_)))
        || vm.lookup_special_str(&source, "__index__").is_some();
    if is_int {
        let n = count_arg(vm, &source)?;
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        return zeroed(vm, n as usize).map(Some);
    }
    let it = match vm.iter(&source) {
        Ok(it) => it,
        Err(e) => {
            if vm.err_matches(&e, &vm.types.type_error.clone()) {
                return Err(vm.type_error(format!(
                    "cannot convert '{}' object to {}",
                    vm.type_name(&source),
                    if is_bytes { "bytes" } else { "bytearray" }
                )));
            }
            return Err(e);
        }
    };
    let mut out = Vec::new();
    while let Some(x) = vm.next(&it)? {
        let i = vm.index_to_i64(&x)?;
        match u8::try_from(i) {
            Ok(b) => out.push(b),
            Err(_) => {
                return Err(vm.value_error(if is_bytes {
                    "bytes must be in range(0, 256)"
                } else {
                    "byte must be in range(0, 256)"
                }));
            }
        }
    }
    Ok(Some(out))
}

fn bytes_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "bytes")?;
    // `bytes(b)` of an exact bytes object is that object.
    if let [_, src] = args.values
        && !args.has_kwargs()
        && ObjRef::ptr_eq(&cls, &vm.types.bytes)
        && ObjRef::ptr_eq(&vm.type_of(src), &vm.types.bytes)
    {
        return Ok(src.clone());
    }
    let data = construct(vm, &args, "bytes", true)?.unwrap_or_default();
    Ok(make_bytes(vm, &cls, data))
}

/// A `bytes` (or subclass) instance of `cls` holding `data`.
pub fn make_bytes(vm: &mut Vm, cls: &ObjRef, data: Vec<u8>) -> Value {
    if ObjRef::ptr_eq(cls, &vm.types.bytes) {
        vm.new_bytes(data)
    } else {
        Value::Obj(vm.new_object(cls, Payload::Bytes(data.into_boxed_slice())))
    }
}

fn bytearray_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "bytearray")?;
    let p = Payload::ByteArray(Box::new(ByteArrayData::new(Vec::new())));
    if ObjRef::ptr_eq(&cls, &vm.types.bytearray) {
        return Ok(Value::Obj(ObjRef::new(cls, p)));
    }
    Ok(Value::Obj(vm.new_object(&cls, p)))
}

fn bytearray_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first() else {
        return Err(vm.type_error("descriptor '__init__' needs an argument"));
    };
    let data = construct(vm, &args, "bytearray", false)?.unwrap_or_default();
    let Some(Payload::ByteArray(b)) = this.payload() else {
        return Err(vm.type_error("descriptor '__init__' requires a 'bytearray' object"));
    };
    if b.exports.get() > 0 {
        return Err(bytearray::resize_error(vm));
    }
    *b.borrow_mut() = data;
    Ok(Value::None)
}

fn bytes_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let b = this_bytes(vm, this, "__repr__")?;
    let body = krait_common::repr::bytes_repr(&b);
    if is_bytearray(this) {
        let name = vm.type_name(this);
        return Ok(vm.new_string(format!("{name}({body})")));
    }
    Ok(vm.new_string(body))
}

fn bytes_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__hash__", 0, 0)?;
    let b = this_bytes(vm, this, "__hash__")?;
    Ok(Value::Int(hash_bytes(vm, &b)))
}

/// The hash of bytes contents (CPython's `_Py_HashBytes`: 0 for empty).
pub fn hash_bytes(vm: &Vm, b: &[u8]) -> i64 {
    if b.is_empty() {
        0
    } else {
        vm.hash_secret.hash_bytes(b)
    }
}

fn bytes_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__len__", 0, 0)?;
    let n = match this.payload() {
        Some(Payload::Bytes(b)) => b.len(),
        Some(Payload::ByteArray(b)) => b.borrow().len(),
        _ => this_bytes(vm, this, "__len__")?.len(),
    };
    Ok(Value::Int(n as i64))
}

/// Rich comparison for `bytes`/`bytearray` against any bytes-like (`NotImplemented` otherwise).
fn compare(
    vm: &mut Vm,
    args: &Args<'_>,
    name: &str,
    op: std::cmp::Ordering,
    eq: bool,
) -> PyResult<Value> {
    let (this, rest) = method_args(vm, args, name, 1, 1)?;
    let a = this_bytes(vm, this, name)?;
    let other = &rest[0];
    let ok = match other.payload() {
        Some(Payload::Bytes(_) | Payload::ByteArray(_)) => true,
        Some(Payload::MemoryView(_)) => is_bytearray(this),
        _ => false,
    };
    if !ok {
        return Ok(vm.not_implemented.clone());
    }
    let b = buffer_arg(vm, other)?;
    let c = (*a).cmp(&b[..]);
    let r = match name {
        "__eq__" => c == std::cmp::Ordering::Equal,
        "__ne__" => c != std::cmp::Ordering::Equal,
        _ => c == op || (eq && c == std::cmp::Ordering::Equal),
    };
    Ok(Value::bool(r))
}

fn bytes_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, &args, "__eq__", std::cmp::Ordering::Equal, true)
}
fn bytes_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, &args, "__ne__", std::cmp::Ordering::Equal, true)
}
fn bytes_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, &args, "__lt__", std::cmp::Ordering::Less, false)
}
fn bytes_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, &args, "__le__", std::cmp::Ordering::Less, true)
}
fn bytes_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, &args, "__gt__", std::cmp::Ordering::Greater, false)
}
fn bytes_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, &args, "__ge__", std::cmp::Ordering::Greater, true)
}

/// A sequence index normalised against `len` (`None` when out of range).
pub fn norm_index(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i.checked_add(len as i64)? } else { i };
    if i < 0 || i as u64 >= len as u64 {
        None
    } else {
        Some(i as usize)
    }
}

/// The bytes picked by a slice `(start, step, count)`.
pub fn slice_pick(b: &[u8], start: isize, step: isize, n: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(n);
    let mut i = start;
    for _ in 0..n {
        if let Some(&x) = usize::try_from(i).ok().and_then(|u| b.get(u)) {
            out.push(x);
        }
        // Wraps only past the last item, which is never read (`a[::sys.maxsize]`).
        i = i.wrapping_add(step);
    }
    out
}

/// Whether `v` is an int-like index (int, bool, or has `__index__`).
pub fn is_index(vm: &mut Vm, v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_))
        || matches!(v.payload(), Some(Payload::Int(_)))
        || (!matches!(v.payload(), Some(Payload::Slice(_)))
            && vm.lookup_special_str(v, "__index__").is_some())
}

fn bytes_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__getitem__", 1, 1)?;
    let key = &rest[0];
    let ba = is_bytearray(this);
    if is_index(vm, key) {
        let i = vm.index_to_i64(key)?;
        let item = match this.payload() {
            Some(Payload::Bytes(b)) => norm_index(i, b.len()).map(|k| b[k]),
            Some(Payload::ByteArray(b)) => {
                let b = b.borrow();
                norm_index(i, b.len()).map(|k| b[k])
            }
            _ => None,
        };
        return match item {
            Some(c) => Ok(Value::Int(i64::from(c))),
            None => Err(vm.index_error(if ba {
                "bytearray index out of range"
            } else {
                "index out of range"
            })),
        };
    }
    if let Some(Payload::Slice(_)) = key.payload() {
        let b = this_bytes(vm, this, "__getitem__")?;
        let (start, _stop, step, n) = crate::objects::slicing::slice_indices(vm, key, b.len())?;
        if !ba && step == 1 && n == b.len() && ObjRef::ptr_eq(&vm.type_of(this), &vm.types.bytes) {
            return Ok(this.clone());
        }
        let out = slice_pick(&b, start, step, n);
        return Ok(new_like(vm, this, out));
    }
    Err(vm.type_error(format!(
        "{} indices must be integers or slices, not {}",
        if ba { "bytearray" } else { "byte" },
        vm.type_name(key)
    )))
}

fn bytes_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__contains__", 1, 1)?;
    let item = &rest[0];
    if is_index(vm, item) {
        let c = byte_value(vm, item)?;
        let hit = match this.payload() {
            Some(Payload::Bytes(b)) => b.contains(&c),
            Some(Payload::ByteArray(b)) => b.borrow().contains(&c),
            _ => false,
        };
        return Ok(Value::bool(hit));
    }
    let b = this_bytes(vm, this, "__contains__")?;
    let sub = buffer_arg(vm, item)?;
    Ok(Value::bool(
        methods::find_sub(&b, &sub, 0, b.len()).is_some(),
    ))
}

fn bytes_add(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__add__", 1, 1)?;
    let mut a = this_bytes(vm, this, "__add__")?.into_owned();
    let other = &rest[0];
    if let Some(Payload::MemoryView(m)) = other.payload() {
        memoryview::check_released(vm, m)?;
    }
    match bytes_of(other) {
        Some(b) => {
            a.extend_from_slice(&b);
            Ok(new_like(vm, this, a))
        }
        None if !type_data(&vm.type_of(other)).builtin
            && vm.lookup_special_str(other, "__radd__").is_some() =>
        {
            Ok(vm.not_implemented.clone())
        }
        None => Err(vm.type_error(format!(
            "can't concat {} to {}",
            vm.type_name(other),
            vm.type_name(this)
        ))),
    }
}

/// The repeat count of `seq * n`, or `None` when `n` is not an int-like.
pub fn repeat_count(vm: &mut Vm, n: &Value) -> PyResult<Option<i64>> {
    if !is_index(vm, n) {
        return Ok(None);
    }
    match vm.index_to_i64(n) {
        Ok(i) => Ok(Some(i)),
        Err(e) => {
            if vm.err_matches(&e, &vm.types.overflow_error.clone()) {
                Err(vm.overflow_error(format!(
                    "cannot fit '{}' into an index-sized integer",
                    vm.type_name(n)
                )))
            } else {
                Err(e)
            }
        }
    }
}

/// `b * n` contents, with `MemoryError` for impossible sizes.
pub fn repeat(vm: &mut Vm, b: &[u8], n: i64, bytearray: bool) -> PyResult<Vec<u8>> {
    if n <= 0 || b.is_empty() {
        return Ok(Vec::new());
    }
    let total = (b.len() as u64)
        .checked_mul(n as u64)
        .filter(|t| *t <= (isize::MAX as u64));
    let Some(total) = total else {
        if bytearray {
            return Err(vm.memory_error());
        }
        return Err(vm.overflow_error("repeated bytes are too long"));
    };
    vm.check_alloc(total as usize)?;
    let mut out: Vec<u8> = Vec::new();
    if out.try_reserve_exact(total as usize).is_err() {
        return Err(vm.memory_error());
    }
    for _ in 0..n {
        out.extend_from_slice(b);
    }
    Ok(out)
}

fn bytes_mul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__mul__", 1, 1)?;
    let Some(n) = repeat_count(vm, &rest[0])? else {
        // CPython tries the other operand's `nb_multiply` before `sq_repeat` refuses.
        if let Some(f) = vm.lookup_special_str(&rest[0], "__rmul__") {
            let r = vm.call_method_value(&f, &rest[0], std::slice::from_ref(this))?;
            if !r.is(&vm.not_implemented) {
                return Ok(r);
            }
        }
        return Err(not_int_repeat(vm, &rest[0]));
    };
    if n == 1 && ObjRef::ptr_eq(&vm.type_of(this), &vm.types.bytes) {
        return Ok(this.clone());
    }
    let b = this_bytes(vm, this, "__mul__")?;
    let out = repeat(vm, &b, n, is_bytearray(this))?;
    Ok(new_like(vm, this, out))
}

fn not_int_repeat(vm: &mut Vm, n: &Value) -> PyErr {
    let t = vm.type_name(n);
    vm.type_error(format!("can't multiply sequence by non-int of type '{t}'"))
}

fn bytes_rmul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__rmul__", 1, 1)?;
    let Some(n) = repeat_count(vm, &rest[0])? else {
        return Err(not_int_repeat(vm, &rest[0]));
    };
    let b = this_bytes(vm, this, "__rmul__")?;
    let out = repeat(vm, &b, n, is_bytearray(this))?;
    Ok(new_like(vm, this, out))
}

fn bytes_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__iter__", 0, 0)?;
    let ty = if is_bytearray(this) {
        vm.types.bytearray_iterator.clone()
    } else {
        vm.types.bytes_iterator.clone()
    };
    Ok(Value::Obj(ObjRef::new(
        ty,
        Payload::Iter(Box::new(RefCell::new(IterState::Seq {
            seq: this.clone(),
            index: 0,
        }))),
    )))
}

fn iter_self(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__iter__", 0, 0)?;
    Ok(this.clone())
}

fn iter_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__next__", 0, 0)?;
    match vm.next(this)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(None)),
    }
}

fn bytes_bytes(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__bytes__", 0, 0)?;
    if ObjRef::ptr_eq(&vm.type_of(this), &vm.types.bytes) {
        return Ok(this.clone());
    }
    let b = this_bytes(vm, this, "__bytes__")?;
    Ok(vm.new_bytes(b.into_owned()))
}

fn bytes_getnewargs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__getnewargs__", 0, 0)?;
    let b = this_bytes(vm, this, "__getnewargs__")?;
    let v = vm.new_bytes(b.into_owned());
    Ok(vm.new_tuple(vec![v]))
}

/// Register the bytes types' methods.
pub fn init(vm: &mut Vm) {
    crate::objects::codecs::init(vm);
    let common = crate::methods![
        method "__repr__" => bytes_repr, "";
        method "__str__" => bytes_repr, "";
        method "__len__" => bytes_len, "";
        method "__eq__" => bytes_eq, "";
        method "__ne__" => bytes_ne, "";
        method "__lt__" => bytes_lt, "";
        method "__le__" => bytes_le, "";
        method "__gt__" => bytes_gt, "";
        method "__ge__" => bytes_ge, "";
        method "__getitem__" => bytes_getitem, "";
        method "__contains__" => bytes_contains, "";
        method "__add__" => bytes_add, "";
        method "__mul__" => bytes_mul, "";
        method "__rmul__" => bytes_rmul, "";
        method "__iter__" => bytes_iter, "";
        method "__mod__" => format::bytes_mod, "";
        method "__rmod__" => format::bytes_rmod, "";
    ];
    let bt = vm.types.bytes.clone();
    let bat = vm.types.bytearray.clone();
    vm.add_methods(&bt, common);
    vm.add_methods(&bat, common);
    vm.add_methods(
        &bt,
        crate::methods![
            staticmethod "__new__" => bytes_new, "";
            method "__hash__" => bytes_hash, "";
            method "__bytes__" => bytes_bytes, "";
            method "__getnewargs__" => bytes_getnewargs, "";
        ],
    );
    vm.add_methods(
        &bat,
        crate::methods![
            staticmethod "__new__" => bytearray_new, "";
            method "__init__" => bytearray_init, "";
        ],
    );
    vm.set_type_attr(&bat, "__hash__", Value::None);
    methods::init(vm, &bt);
    methods::init(vm, &bat);
    bytearray::init(vm);
    memoryview::init(vm);
    for t in [
        vm.types.bytes_iterator.clone(),
        vm.types.bytearray_iterator.clone(),
    ] {
        vm.add_methods(
            &t,
            crate::methods![
                method "__iter__" => iter_self, "";
                method "__next__" => iter_next, "";
            ],
        );
    }
}
