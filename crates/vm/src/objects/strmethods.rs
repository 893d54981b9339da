//! `str` methods and operators (CPython: `Objects/unicodeobject.c`, `Objects/stringlib/`).
//!
//! Strings are WTF-8 (see `str.rs`), so substring search, split, replace and count work on
//! bytes: the encoding is self-synchronising, so a byte match of a whole needle is always a
//! match of whole code points. Character indices are translated to byte offsets only at the
//! edges (ASCII strings need no translation at all). `%`-formatting and `str.format` live in
//! `strformat.rs`.

use std::cell::RefCell;

use krait_common::unicode as uni;

use crate::native::{arity_error, as_pystr};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::iter::IterState;
use crate::objects::slicing;
use crate::objects::str::{PyStr, TextMeta, Wtf8Chars, push_code_point, utf8_width};
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

impl Vm {
    /// `BUILD_STRING`: concatenate str values.
    pub fn concat_strs(&mut self, parts: &[Value]) -> PyResult<Value> {
        if parts.iter().any(|p| as_pystr(p).is_none()) {
            return Err(self.type_error("BUILD_STRING expects str parts"));
        }
        Ok(self.new_str_concat_of(parts.iter().filter_map(as_pystr)))
    }

    /// `format(v, spec)`: `type(v).__format__(v, spec)`.
    pub fn format(&mut self, v: &Value, spec: Option<&Value>) -> PyResult<Value> {
        let empty =
            spec.is_none_or(|s| matches!(s.payload(), Some(Payload::Str(t)) if t.is_empty()));
        if empty {
            if let Some(Payload::Str(_)) = v.payload()
                && self.is_exact_str(v)
            {
                return Ok(v.clone());
            }
            if let Value::Int(_) | Value::Float(_) = v {
                return self.str(v);
            }
        }
        let spec = match spec {
            Some(s) => s.clone(),
            None => Value::Obj(self.intern("")),
        };
        match self.call_special(v, "__format__", std::slice::from_ref(&spec))? {
            Some(r) if matches!(r.payload(), Some(Payload::Str(_))) => Ok(r),
            Some(r) => Err(self.type_error(format!(
                "__format__ must return a str, not {}",
                self.type_name(&r)
            ))),
            None => Err(self.type_error(format!(
                "Type {} doesn't define __format__",
                self.type_name(v)
            ))),
        }
    }

    /// Whether `v` is an instance of exactly `str`.
    pub fn is_exact_str(&self, v: &Value) -> bool {
        match v {
            Value::Obj(o) => o.class_is(&self.types.str),
            _ => false,
        }
    }

    /// A new str from WTF-8 bytes.
    pub fn new_str_wtf8(&self, b: Vec<u8>) -> Value {
        let m = TextMeta::of_wtf8(&b);
        self.new_str_vec(b, m)
    }
}

/// The `TypeError` message of CPython's sequence `+`/`*` fallback (`sq_concat`/`sq_repeat`)
/// once both operands' numeric slots refused; `None` when neither operand is a sequence.
pub fn sequence_op_error(vm: &mut Vm, a: &Value, b: &Value, add: bool) -> Option<String> {
    let kind = |v: &Value| match v.payload() {
        Some(Payload::Str(_)) => Some("str"),
        Some(Payload::List(_)) => Some("list"),
        Some(Payload::Tuple(_)) => Some("tuple"),
        Some(Payload::Bytes(_)) => Some("bytes"),
        Some(Payload::ByteArray(_)) => Some("bytearray"),
        _ => None,
    };
    if add {
        return match kind(a)? {
            "bytes" | "bytearray" => Some(format!(
                "can't concat {} to {}",
                vm.type_name(b),
                vm.type_name(a)
            )),
            k => Some(format!(
                "can only concatenate {k} (not \"{}\") to {k}",
                vm.type_name(b)
            )),
        };
    }
    let other = if kind(a).is_some() {
        b
    } else if kind(b).is_some() {
        a
    } else {
        return None;
    };
    Some(format!(
        "can't multiply sequence by non-int of type '{}'",
        vm.type_name(other)
    ))
}

// ----- small helpers -----

/// `self` of a str method, with CPython's descriptor message when it is not a str.
fn recv<'a>(vm: &mut Vm, v: &'a Value, name: &str) -> PyResult<&'a PyStr> {
    match as_pystr(v) {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!(
            "descriptor '{name}' for 'str' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))),
    }
}

/// `self` and the positional arguments of a str method taking no keywords, with the message
/// CPython's calling convention for that method gives (METH_NOARGS, METH_O, Argument Clinic,
/// `PyArg_ParseTuple`, or a slot wrapper).
#[inline]
fn margs<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<(&'a Value, &'a PyStr, &'a [Value])> {
    if !args.has_kwargs()
        && let Some((this, rest)) = args.values.split_first()
        && (min..=max).contains(&rest.len())
        && let Some(s) = as_pystr(this)
    {
        return Ok((this, s, rest));
    }
    Err(margs_error(vm, args, name, min, max))
}

/// Why [`margs`] refused its arguments.
#[cold]
#[inline(never)]
fn margs_error(vm: &mut Vm, args: &Args<'_>, name: &str, min: usize, max: usize) -> PyErr {
    match margs_checked(vm, args, name, min, max) {
        Err(e) => e,
        Ok(_) => vm.system_error_msg("str method arguments refused without a reason"),
    }
}

/// [`margs`] with every check in CPython's order and its messages.
fn margs_checked<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<(&'a Value, &'a PyStr, &'a [Value])> {
    let finds = matches!(
        name,
        "find" | "rfind" | "index" | "rindex" | "count" | "startswith" | "endswith"
    );
    let wrapper = name.starts_with("__") && name != "__format__";
    if args.has_kwargs() {
        return Err(vm.type_error(if wrapper {
            format!("wrapper {name}() takes no keyword arguments")
        } else {
            format!("str.{name}() takes no keyword arguments")
        }));
    }
    let Some((this, rest)) = args.values.split_first() else {
        return Err(vm.type_error(format!(
            "descriptor '{name}' of 'str' object needs an argument"
        )));
    };
    let n = rest.len();
    if n < min || n > max {
        let msg = if max == 0 {
            format!("str.{name}() takes no arguments ({n} given)")
        } else if wrapper {
            format!("expected {min} argument, got {n}")
        } else if min == 1 && max == 1 {
            format!("str.{name}() takes exactly one argument ({n} given)")
        } else if finds {
            if n < min {
                format!(
                    "{name}() takes at least {min} argument{} ({n} given)",
                    if min == 1 { "" } else { "s" }
                )
            } else {
                format!("{name}() takes at most {max} arguments ({n} given)")
            }
        } else {
            return Err(arity_error(vm, name, min, max, n));
        };
        return Err(vm.type_error(msg));
    }
    let s = recv(vm, this, name)?;
    Ok((this, s, rest))
}

/// `self` and the arguments of a method that accepts keywords, in declaration order.
fn kwargs_parse<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
    names: &[&str],
) -> PyResult<(&'a Value, &'a PyStr, Vec<Option<Value>>)> {
    let pos = args.pos();
    let Some((this, rest)) = pos.split_first() else {
        return Err(vm.type_error(format!("descriptor '{name}' needs an argument")));
    };
    let s = recv(vm, this, name)?;
    let total = rest.len() + args.kwnames.len();
    if total > names.len() {
        return Err(vm.type_error(format!(
            "{name}() takes at most {} argument{} ({total} given)",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (i, v) in rest.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        let key = vm.str_text(k);
        match names.iter().position(|n| *n == key) {
            Some(i) if i < rest.len() => {
                return Err(vm.type_error(format!(
                    "argument for {name}() given by name ('{key}') and position ({})",
                    i + 1
                )));
            }
            Some(i) => out[i] = Some(v.clone()),
            None => {
                return Err(vm.type_error(format!(
                    "'{key}' is an invalid keyword argument for {name}()"
                )));
            }
        }
    }
    Ok((this, s, out))
}

/// A type name as Argument Clinic's messages show it (`None` for `None`).
fn arg_type_name(vm: &Vm, v: &Value) -> String {
    if v.is_none() {
        "None".to_string()
    } else {
        vm.type_name(v)
    }
}

/// A str argument, or `TypeError: must be str, not X`.
fn str_arg<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a PyStr> {
    match as_pystr(v) {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!("must be str, not {}", vm.type_name(v)))),
    }
}

/// Number of code points in WTF-8 bytes.
#[inline]
fn char_count(b: &[u8]) -> usize {
    b.iter().filter(|&&x| x & 0xC0 != 0x80).count()
}

/// First occurrence of `n` in `h`.
pub fn find_bytes(h: &[u8], n: &[u8]) -> Option<usize> {
    if n.is_empty() {
        return Some(0);
    }
    if n.len() > h.len() {
        return None;
    }
    let first = n[0];
    let last_start = h.len() - n.len();
    let mut i = 0;
    while i <= last_start {
        match h[i..=last_start].iter().position(|&b| b == first) {
            None => return None,
            Some(p) => {
                i += p;
                if &h[i..i + n.len()] == n {
                    return Some(i);
                }
                i += 1;
            }
        }
    }
    None
}

/// Last occurrence of `n` in `h`.
pub fn rfind_bytes(h: &[u8], n: &[u8]) -> Option<usize> {
    if n.is_empty() {
        return Some(h.len());
    }
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len())
        .rev()
        .find(|&i| &h[i..i + n.len()] == n)
}

/// Non-overlapping occurrences of non-empty `n` in `h`, at most `max`.
fn count_bytes(h: &[u8], n: &[u8], max: usize) -> usize {
    let mut count = 0;
    let mut i = 0;
    while count < max {
        match find_bytes(&h[i..], n) {
            Some(p) => {
                count += 1;
                i += p + n.len();
            }
            None => break,
        }
    }
    count
}

/// `ADJUST_INDICES` for the `start`/`end` arguments of find, count, startswith, ...
fn start_end(
    vm: &mut Vm,
    start: Option<&Value>,
    end: Option<&Value>,
    len: usize,
) -> PyResult<(isize, isize)> {
    let len = len as isize;
    let mut start = match start {
        Some(v) => slicing::slice_bound(vm, v)?.unwrap_or(0),
        None => 0,
    };
    let mut end = match end {
        Some(v) => slicing::slice_bound(vm, v)?.unwrap_or(isize::MAX),
        None => isize::MAX,
    };
    if end > len {
        end = len;
    } else if end < 0 {
        end = (end + len).max(0);
    }
    if start < 0 {
        start = (start + len).max(0);
    }
    Ok((start, end))
}

fn new_str(vm: &Vm, b: Vec<u8>) -> Value {
    vm.new_str_wtf8(b)
}

/// A new str holding a copy of `b`, a piece of `parent`'s bytes.
fn new_substr(vm: &Vm, parent: &PyStr, b: &[u8]) -> Value {
    vm.new_substr(parent, b)
}

/// `self` unchanged: the same object for an exact str, else an exact copy.
fn same(vm: &Vm, this: &Value, s: &PyStr) -> Value {
    if vm.is_exact_str(this) {
        this.clone()
    } else {
        new_substr(vm, s, s.wtf8())
    }
}

/// A new str of code points `cps` (any up to 0x10FFFF, surrogates included).
fn from_cps(vm: &Vm, cps: &[u32]) -> Value {
    let mut out = vm.str_scratch(cps.len());
    let mut surrogates = false;
    for &cp in cps {
        push_code_point(&mut out, cp);
        surrogates |= (0xD800..0xE000).contains(&cp);
    }
    let m = TextMeta::counted(out.len(), cps.len(), surrogates);
    vm.new_str_scratch(out, Some(m))
}

fn bool_v(b: bool) -> Value {
    Value::bool(b)
}

/// A byte-offset slice of `s` for char range `[a, b)` (clamped indices).
fn byte_range(s: &PyStr, a: usize, b: usize) -> (usize, usize) {
    if s.is_ascii() {
        (a, b)
    } else {
        let x = s.byte_offset(a);
        let rest = &s.wtf8()[x..];
        let mut off = 0;
        let mut n = 0;
        while n < b - a && off < rest.len() {
            off += utf8_width(rest[off]);
            n += 1;
        }
        (x, x + off)
    }
}

// ----- dunders -----

fn str_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    let Some((cls, rest)) = pos.split_first() else {
        return Err(vm.type_error("str.__new__(): not enough arguments"));
    };
    let cls = crate::native::type_arg(vm, cls, "str.__new__")?;
    let names = ["object", "encoding", "errors"];
    if rest.len() > 3 {
        return Err(vm.type_error(format!(
            "str() takes at most 3 arguments ({} given)",
            rest.len() + args.kwnames.len()
        )));
    }
    let mut vals: [Option<Value>; 3] = [None, None, None];
    for (i, v) in rest.iter().enumerate() {
        vals[i] = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        let key = vm.str_text(k);
        match names.iter().position(|n| *n == key) {
            Some(i) if i < rest.len() => {
                return Err(vm.type_error(format!(
                    "argument for str() given by name ('{key}') and position ({})",
                    i + 1
                )));
            }
            Some(i) => vals[i] = Some(v.clone()),
            None => {
                return Err(
                    vm.type_error(format!("str() got an unexpected keyword argument '{key}'"))
                );
            }
        }
    }
    let [obj, encoding, errors] = vals;
    let result = if encoding.is_none() && errors.is_none() {
        match obj {
            None => Value::Obj(vm.intern("")),
            Some(o) => vm.str(&o)?,
        }
    } else {
        let enc = match &encoding {
            None => "utf-8".to_string(),
            Some(e) => match as_pystr(e) {
                Some(s) => s.as_str().into_owned(),
                None => {
                    return Err(vm.type_error(format!(
                        "str() argument 'encoding' must be str, not {}",
                        arg_type_name(vm, e)
                    )));
                }
            },
        };
        let err = match &errors {
            None => "strict".to_string(),
            Some(e) => match as_pystr(e) {
                Some(s) => s.as_str().into_owned(),
                None => {
                    return Err(vm.type_error(format!(
                        "str() argument 'errors' must be str, not {}",
                        arg_type_name(vm, e)
                    )));
                }
            },
        };
        let obj = obj.unwrap_or_else(|| vm.new_bytes(Vec::new()));
        let data: Vec<u8> = match obj.payload() {
            Some(Payload::Bytes(b)) => b.to_vec(),
            Some(Payload::ByteArray(b)) => b.borrow().clone(),
            Some(Payload::Str(_)) => {
                return Err(vm.type_error("decoding str is not supported"));
            }
            // Any other buffer (`PyUnicode_FromEncodedObject` takes a buffer view).
            Some(Payload::MemoryView(m)) => {
                crate::objects::bytes::memoryview::check_released(vm, m)?;
                crate::objects::bytes::memoryview::view_bytes(m)
            }
            Some(Payload::Native(_)) if crate::objects::bytes::bytes_of(&obj).is_some() => {
                crate::objects::bytes::bytes_of(&obj).unwrap_or_default()
            }
            _ => {
                return Err(vm.type_error(format!(
                    "decoding to str: need a bytes-like object, {} found",
                    vm.type_name(&obj)
                )));
            }
        };
        let s = crate::objects::codecs::decode(vm, &data, &enc, &err)?;
        vm.new_pystr(s)
    };
    if ObjRef::ptr_eq(&cls, &vm.types.str) {
        return Ok(result);
    }
    let bytes = match as_pystr(&result) {
        Some(s) => s.wtf8().to_vec(),
        None => Vec::new(),
    };
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Str(PyStr::from_wtf8(bytes))),
    ))
}

fn str_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, _) = margs(vm, &args, "__repr__", 0, 0)?;
    let r = if s.has_surrogates() {
        krait_common::repr::str_repr(&s.code_points())
    } else {
        let cps: Vec<u32> = s.chars().collect();
        krait_common::repr::str_repr(&cps)
    };
    Ok(vm.new_string(r))
}

fn str_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, s, _) = margs(vm, &args, "__str__", 0, 0)?;
    Ok(same(vm, this, s))
}

fn str_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, _) = margs(vm, &args, "__hash__", 0, 0)?;
    Ok(Value::Int(vm.str_hash(s)))
}

fn str_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, _) = margs(vm, &args, "__len__", 0, 0)?;
    Ok(Value::Int(s.len() as i64))
}

fn compare(
    vm: &mut Vm,
    args: Args<'_>,
    name: &str,
    f: fn(std::cmp::Ordering) -> bool,
) -> PyResult<Value> {
    let (_, s, rest) = margs(vm, &args, name, 1, 1)?;
    match as_pystr(&rest[0]) {
        Some(o) => Ok(bool_v(f(s.wtf8().cmp(o.wtf8())))),
        None => Ok(vm.not_implemented.clone()),
    }
}

fn str_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, "__eq__", |o| o.is_eq())
}
fn str_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, "__ne__", |o| o.is_ne())
}
fn str_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, "__lt__", |o| o.is_lt())
}
fn str_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, "__le__", |o| o.is_le())
}
fn str_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, "__gt__", |o| o.is_gt())
}
fn str_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare(vm, args, "__ge__", |o| o.is_ge())
}

fn str_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, rest) = margs(vm, &args, "__contains__", 1, 1)?;
    match as_pystr(&rest[0]) {
        Some(sub) => Ok(bool_v(find_bytes(s.wtf8(), sub.wtf8()).is_some())),
        None => Err(vm.type_error(format!(
            "'in <string>' requires string as left operand, not {}",
            vm.type_name(&rest[0])
        ))),
    }
}

/// `s[i]` for a code-point index already in range.
fn char_value(vm: &mut Vm, s: &PyStr, i: usize) -> Value {
    if s.is_ascii() {
        let b = s.wtf8()[i];
        return Value::Obj(vm.latin1_char(b));
    }
    let cp = s.char_at(i).unwrap_or(0);
    if let Ok(b) = u8::try_from(cp) {
        return Value::Obj(vm.latin1_char(b));
    }
    let mut out = Vec::with_capacity(4);
    push_code_point(&mut out, cp);
    new_str(vm, out)
}

/// `obj[start:stop]` for the exact str `obj`, whose payload is `s`, with bounds that are ints
/// or `None` (the eval loop's `BUILD_SLICE` followed by `BINARY_SUBSCR`, with no slice object
/// made).
pub fn exact_str_slice(
    vm: &mut Vm,
    obj: &Value,
    s: &PyStr,
    start: Option<isize>,
    stop: Option<isize>,
) -> Value {
    let (start, _, _, n) = slicing::adjust_indices(s.len(), start, stop, 1);
    if start == 0 && n == s.len() {
        // The whole of it is the str itself (`s[:] is s`).
        return obj.clone();
    }
    substr_at(vm, s, start as usize, n)
}

/// The `n` code points of `s` from index `a`.
fn substr_at(vm: &mut Vm, s: &PyStr, a: usize, n: usize) -> Value {
    if n == 0 {
        return Value::Obj(vm.intern(""));
    }
    let (x, y) = byte_range(s, a, a + n);
    new_substr(vm, s, &s.wtf8()[x..y])
}

/// `obj[key]` for the str `s`, which is `obj`'s payload.
pub fn str_getitem_value(vm: &mut Vm, obj: &Value, s: &PyStr, key: &Value) -> PyResult<Value> {
    if let Some(Payload::Slice(_)) = key.payload() {
        let (start, _stop, step, n) = slicing::slice_indices(vm, key, s.len())?;
        // CPython's `unicode_subscript`: the whole of an exact str is the str itself.
        if step == 1 && start == 0 && n == s.len() && vm.is_exact_str(obj) {
            return Ok(obj.clone());
        }
        if step == 1 || n == 0 {
            return Ok(substr_at(vm, s, start as usize, n));
        }
        if s.is_ascii() {
            let b = s.wtf8();
            // SAFETY: `n` ASCII bytes are written, one per index of the slice (in range).
            return Ok(unsafe {
                vm.new_str_filled(TextMeta::ascii(n), |dst| {
                    let mut i = start;
                    for k in 0..n {
                        dst.add(k).write(b[i as usize]);
                        // Wraps only past the last item, which is never read
                        // (`a[::sys.maxsize]`).
                        i = i.wrapping_add(step);
                    }
                })
            });
        }
        let cps = s.code_points();
        let mut out = Vec::with_capacity(n);
        let mut i = start;
        for _ in 0..n {
            out.push(cps[i as usize]);
            // Wraps only past the last item, which is never read (`a[::sys.maxsize]`).
            i = i.wrapping_add(step);
        }
        return Ok(from_cps(vm, &out));
    }
    let is_index = matches!(key, Value::Int(_) | Value::Bool(_))
        || matches!(key.payload(), Some(Payload::Int(_)))
        || vm.lookup_special_str(key, "__index__").is_some();
    if !is_index {
        return Err(vm.type_error(format!(
            "string indices must be integers, not '{}'",
            vm.type_name(key)
        )));
    }
    let i = match vm.index_to_i64(key) {
        Ok(i) => i,
        Err(e) if vm.err_matches(&e, &vm.types.overflow_error.clone()) => {
            return Err(vm.index_error(format!(
                "cannot fit '{}' into an index-sized integer",
                vm.type_name(key)
            )));
        }
        Err(e) => return Err(e),
    };
    let len = s.len() as i64;
    let idx = if i < 0 { i + len } else { i };
    if idx < 0 || idx >= len {
        return Err(vm.index_error("string index out of range"));
    }
    Ok(char_value(vm, s, idx as usize))
}

fn str_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, s, rest) = margs(vm, &args, "__getitem__", 1, 1)?;
    str_getitem_value(vm, this, s, &rest[0])
}

fn str_add(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, rest) = margs(vm, &args, "__add__", 1, 1)?;
    let Some(o) = as_pystr(&rest[0]) else {
        return Ok(vm.not_implemented.clone());
    };
    // CPython returns an operand itself when the other is empty (both exact str).
    let exact = |v: &Value| matches!(v, Value::Obj(x) if x.class_is(&vm.types.str));
    if o.is_empty() && exact(&args.values[0]) {
        return Ok(args.values[0].clone());
    }
    if s.is_empty() && exact(&rest[0]) {
        return Ok(rest[0].clone());
    }
    Ok(vm.new_str_concat(&[s, o]))
}

/// `s * n`, with CPython's errors for counts that cannot be satisfied.
pub fn repeat_bytes(vm: &mut Vm, b: &[u8], count: &Value) -> PyResult<Option<Vec<u8>>> {
    let is_index = matches!(count, Value::Int(_) | Value::Bool(_))
        || matches!(count.payload(), Some(Payload::Int(_)))
        || vm.lookup_special_str(count, "__index__").is_some();
    if !is_index {
        return Ok(None);
    }
    let n = match vm.index_to_i64(count) {
        Ok(n) => n,
        Err(e) if vm.err_matches(&e, &vm.types.overflow_error.clone()) => {
            return Err(vm.overflow_error(format!(
                "cannot fit '{}' into an index-sized integer",
                vm.type_name(count)
            )));
        }
        Err(e) => return Err(e),
    };
    if n <= 0 || b.is_empty() {
        return Ok(Some(Vec::new()));
    }
    let Some(total) = (b.len() as u64)
        .checked_mul(n as u64)
        .filter(|t| *t <= isize::MAX as u64)
    else {
        return Err(vm.overflow_error("repeated string is too long"));
    };
    vm.check_alloc(total as usize)?;
    let mut out: Vec<u8> = Vec::new();
    if total > (1u64 << 40) || out.try_reserve_exact(total as usize).is_err() {
        return Err(vm.memory_error());
    }
    if b.len() == 1 {
        out.resize(total as usize, b[0]);
    } else {
        out.extend_from_slice(b);
        while out.len() < total as usize {
            let take = (total as usize - out.len()).min(out.len());
            out.extend_from_within(..take);
        }
    }
    Ok(Some(out))
}

fn str_mul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, s, rest) = margs(vm, &args, "__mul__", 1, 1)?;
    match repeat_bytes(vm, s.wtf8(), &rest[0])? {
        None => Ok(vm.not_implemented.clone()),
        Some(out) => {
            if out.len() == s.wtf8().len() && vm.is_exact_str(this) {
                return Ok(this.clone());
            }
            Ok(new_str(vm, out))
        }
    }
}

fn str_mod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, rest) = margs(vm, &args, "__mod__", 1, 1)?;
    crate::objects::strformat::percent_format(vm, s, &rest[0])
}

fn str_rmod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, _, _) = margs(vm, &args, "__rmod__", 1, 1)?;
    Ok(vm.not_implemented.clone())
}

fn str_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _, _) = margs(vm, &args, "__iter__", 0, 0)?;
    let Some(o) = this.as_obj() else {
        return Err(vm.type_error("expected str"));
    };
    let t = vm.types.clone_iter_types().2;
    Ok(Value::Obj(ObjRef::new(
        t,
        Payload::Iter(Box::new(RefCell::new(IterState::Str {
            s: o.clone(),
            byte_pos: 0,
        }))),
    )))
}

/// Turn a format-spec error into the Python exception CPython raises.
/// `parse_format_spec`, then the heap check of the padding and digits it asks for (a width
/// or precision of a few billion must not be allocated past the memory limit).
pub fn parse_spec(
    vm: &mut Vm,
    spec: &str,
    default: char,
    type_name: &str,
) -> PyResult<krait_common::format_spec::FormatSpec> {
    let p = krait_common::format_spec::parse_format_spec(spec, default, type_name)
        .map_err(|e| format_error(vm, e))?;
    let prec = if default == 's' {
        0
    } else {
        p.precision.unwrap_or(0)
    };
    vm.check_alloc(p.width.unwrap_or(0).saturating_mul(4).saturating_add(prec))?;
    Ok(p)
}

pub fn format_error(vm: &mut Vm, e: krait_common::format_spec::FormatError) -> PyErr {
    use krait_common::exc::ExceptionKind;
    if matches!(e, krait_common::format_spec::FormatError::TooWide) {
        return vm.memory_error();
    }
    match e.kind() {
        ExceptionKind::OverflowError => vm.overflow_error(e.to_string()),
        _ => vm.value_error(e.to_string()),
    }
}

fn str_format_dunder(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, s, rest) = margs(vm, &args, "__format__", 1, 1)?;
    let Some(spec) = as_pystr(&rest[0]) else {
        return Err(vm.type_error(format!(
            "__format__() argument must be str, not {}",
            arg_type_name(vm, &rest[0])
        )));
    };
    if spec.is_empty() {
        return Ok(same(vm, this, s));
    }
    let spec_text = spec.as_str();
    let parsed = parse_spec(vm, &spec_text, 's', "str")?;
    if let Some(v) = pad_str(vm, s, &parsed) {
        return Ok(v);
    }
    let r = krait_common::format_spec::format_str(&s.as_str(), &parsed, "str")
        .map_err(|e| format_error(vm, e))?;
    Ok(vm.new_string(r))
}

/// `format_str` for the specs it accepts, on the WTF-8 text (lone surrogates kept), into the
/// scratch buffer; `None` for a spec it refuses (its error) or a width too large to try.
fn pad_str(vm: &Vm, s: &PyStr, p: &krait_common::format_spec::FormatSpec) -> Option<Value> {
    use krait_common::format_spec::Align;
    if !matches!(p.ty, None | Some('s'))
        || p.sign.is_some()
        || p.no_neg_0
        || p.alternate
        || p.align == Some(Align::AfterSign)
    {
        return None;
    }
    let b = s.wtf8();
    // `.precision` keeps that many code points.
    let (body, chars) = match p.precision {
        Some(k) if k < s.len() => (&b[..s.byte_offset(k)], k),
        _ => (b, s.len()),
    };
    let padding = p.width.unwrap_or(0).saturating_sub(chars);
    if padding > 1 << 20 {
        return None;
    }
    let left = match p.align {
        Some(Align::Right) => padding,
        Some(Align::Center) => padding / 2,
        _ => 0,
    };
    let fill = p.fill.unwrap_or(if p.zero_pad { '0' } else { ' ' });
    let mut fill_buf = [0u8; 4];
    let fill = fill.encode_utf8(&mut fill_buf).as_bytes();
    let mut out = vm.str_scratch(body.len() + padding * fill.len());
    for _ in 0..left {
        out.extend_from_slice(fill);
    }
    out.extend_from_slice(body);
    for _ in left..padding {
        out.extend_from_slice(fill);
    }
    let m = (!s.has_surrogates()).then(|| TextMeta::counted(out.len(), chars + padding, false));
    Some(vm.new_str_scratch(out, m))
}

fn str_getnewargs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, _) = margs(vm, &args, "__getnewargs__", 0, 0)?;
    let v = new_substr(vm, s, s.wtf8());
    Ok(vm.new_tuple(vec![v]))
}

fn str_sizeof(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, _) = margs(vm, &args, "__sizeof__", 0, 0)?;
    let n = s.len() as i64;
    let size = if s.is_ascii() {
        49 + n
    } else {
        let m = s.max_char();
        let k = if m < 0x100 {
            1
        } else if m < 0x10000 {
            2
        } else {
            4
        };
        72 + (n + 1) * k
    };
    Ok(Value::Int(size))
}

// ----- join / split family -----

fn str_join(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, sep, rest) = margs(vm, &args, "join", 1, 1)?;
    let iterable = &rest[0];
    // A list or tuple is read in place (CPython's `PySequence_Fast`): no Python code runs
    // while the items are measured and copied, so the list cannot change under the borrow.
    match iterable.payload() {
        Some(Payload::List(l)) => {
            let items = l.borrow();
            return join_items(vm, sep, items.len(), |i| items.get_ref(i));
        }
        Some(Payload::Tuple(t)) => return join_items(vm, sep, t.len(), |i| t.get(i)),
        _ => {}
    }
    let items = match vm.iterate(iterable) {
        Ok(v) => v,
        Err(e) => {
            if vm.err_matches(&e, &vm.types.type_error.clone())
                && vm.lookup_special_str(iterable, "__iter__").is_none()
                && vm.lookup_special_str(iterable, "__getitem__").is_none()
            {
                return Err(vm.type_error("can only join an iterable"));
            }
            return Err(e);
        }
    };
    join_items(vm, sep, items.len(), |i| items.get(i))
}

/// `sep.join` of the `n` items `item(0..n)`.
fn join_items<R: std::ops::Deref<Target = Value>>(
    vm: &mut Vm,
    sep: &PyStr,
    n: usize,
    item: impl Fn(usize) -> Option<R>,
) -> PyResult<Value> {
    if n == 1
        && let Some(only) = item(0)
        && let Some(Payload::Str(_)) = only.payload()
        && vm.is_exact_str(&only)
    {
        return Ok((*only).clone());
    }
    let mut total = 0usize;
    let mut chars = 0usize;
    let mut surrogates = false;
    let mut got = 0usize;
    for i in 0..n {
        let Some(it) = item(i) else { break };
        got += 1;
        match as_pystr(&it) {
            Some(p) => {
                total += p.wtf8().len();
                chars += p.len();
                surrogates |= p.has_surrogates();
            }
            None => {
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    vm.type_name(&it)
                )));
            }
        }
    }
    let seps = got.saturating_sub(1);
    surrogates |= seps > 0 && sep.has_surrogates();
    total = total.saturating_add(sep.wtf8().len().saturating_mul(seps));
    chars = chars.saturating_add(sep.len().saturating_mul(seps));
    if total == 0 {
        // CPython's empty str is a singleton: `"".join([]) is ""`.
        return Ok(Value::Obj(vm.intern("")));
    }
    vm.check_alloc(total)?;
    // The items were measured with no Python code run since, so they are the same strs.
    let m = TextMeta::counted(total, chars, surrogates);
    // SAFETY: the items and separators, one after the other, are the `total` bytes counted
    // above (and their code points and surrogates).
    Ok(unsafe {
        vm.new_str_filled(m, |mut dst| {
            for i in 0..got {
                let Some(it) = item(i) else { break };
                if i > 0 {
                    let b = sep.wtf8();
                    std::ptr::copy_nonoverlapping(b.as_ptr(), dst, b.len());
                    dst = dst.add(b.len());
                }
                if let Some(p) = as_pystr(&it) {
                    let b = p.wtf8();
                    std::ptr::copy_nonoverlapping(b.as_ptr(), dst, b.len());
                    dst = dst.add(b.len());
                }
            }
        })
    })
}

fn maxsplit_arg(vm: &mut Vm, v: &Option<Value>) -> PyResult<i64> {
    match v {
        None => Ok(-1),
        Some(v) => vm.index_to_i64(v),
    }
}

/// The separator of split/rsplit: `None` for whitespace.
fn sep_arg<'a>(vm: &mut Vm, v: &'a Option<Value>) -> PyResult<Option<&'a PyStr>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let Some(s) = as_pystr(v) else {
                return Err(vm.type_error(format!("must be str or None, not {}", vm.type_name(v))));
            };
            if s.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            Ok(Some(s))
        }
    }
}

#[inline]
fn is_ws(cp: u32) -> bool {
    // ASCII whitespace as CPython's `_Py_ascii_whitespace`: \t \n \v \f \r, 0x1C-0x1F, space.
    if cp < 0x80 {
        return matches!(cp, 0x09..=0x0D | 0x1C..=0x20);
    }
    uni::is_space(cp)
}

/// The code point starting at byte `i` of `b` and its width in bytes.
#[inline]
fn cp_at(b: &[u8], i: usize) -> (u32, usize) {
    let w = utf8_width(b[i]).max(1);
    let cp = if b[i] < 0x80 {
        u32::from(b[i])
    } else {
        Wtf8Chars::new(&b[i..]).next().unwrap_or(0)
    };
    (cp, w)
}

/// The start of the code point that ends just before byte `i > 0` of `b`.
#[inline]
fn cp_start_before(b: &[u8], i: usize) -> usize {
    let mut k = i - 1;
    while k > 0 && b[k] & 0xC0 == 0x80 {
        k -= 1;
    }
    k
}

// The whitespace splits decode in place: a table of every code point would be 16 bytes per
// character (320 MB for a 20 MB string).
fn split_ws(vm: &mut Vm, out: &mut Pieces<'_>, mut maxsplit: i64) -> PyResult<()> {
    let b = out.bytes();
    let n = b.len();
    let mut i = 0;
    loop {
        while i < n {
            let (c, w) = cp_at(b, i);
            if !is_ws(c) {
                break;
            }
            i += w;
        }
        if i >= n {
            break;
        }
        if maxsplit == 0 {
            out.push(vm, i, n)?;
            break;
        }
        let mut j = i;
        while j < n {
            let (c, w) = cp_at(b, j);
            if is_ws(c) {
                break;
            }
            j += w;
        }
        out.push(vm, i, j.min(n))?;
        maxsplit -= 1;
        i = j;
    }
    Ok(())
}

fn rsplit_ws(vm: &mut Vm, out: &mut Pieces<'_>, mut maxsplit: i64) -> PyResult<()> {
    let b = out.bytes();
    let mut j = b.len();
    loop {
        while j > 0 {
            let k = cp_start_before(b, j);
            if !is_ws(cp_at(b, k).0) {
                break;
            }
            j = k;
        }
        if j == 0 {
            break;
        }
        if maxsplit == 0 {
            out.push(vm, 0, j)?;
            break;
        }
        let mut i = j;
        while i > 0 {
            let k = cp_start_before(b, i);
            if is_ws(cp_at(b, k).0) {
                break;
            }
            i = k;
        }
        out.push(vm, i, j)?;
        maxsplit -= 1;
        j = i;
    }
    out.items.reverse();
    Ok(())
}

fn split_sep(vm: &mut Vm, out: &mut Pieces<'_>, sep: &[u8], mut maxsplit: i64) -> PyResult<()> {
    let b = out.bytes();
    let mut i = 0;
    while maxsplit != 0 {
        match find_bytes(&b[i..], sep) {
            Some(p) => {
                out.push(vm, i, i + p)?;
                i += p + sep.len();
                maxsplit -= 1;
            }
            None => break,
        }
    }
    out.push(vm, i, b.len())?;
    Ok(())
}

fn rsplit_sep(vm: &mut Vm, out: &mut Pieces<'_>, sep: &[u8], mut maxsplit: i64) -> PyResult<()> {
    let b = out.bytes();
    let mut j = b.len();
    while maxsplit != 0 {
        match rfind_bytes(&b[..j], sep) {
            Some(p) => {
                out.push(vm, p + sep.len(), j)?;
                j = p;
                maxsplit -= 1;
            }
            None => break,
        }
    }
    out.push(vm, 0, j)?;
    out.items.reverse();
    Ok(())
}

/// A split found another piece: every 1024 pieces count as work, and the run stops there if
/// the table of pieces took the heap past its cap.
#[inline]
fn piece_made(vm: &mut Vm, pieces: usize) -> PyResult<()> {
    if pieces.is_multiple_of(1024) {
        vm.tick(1024)?;
    }
    Ok(())
}

/// The list a split makes, filled piece by piece as the split finds them (a table of the
/// pieces first would hold 16 bytes a piece, doubled as it grows, beside the list).
struct Pieces<'a> {
    this: &'a Value,
    s: &'a PyStr,
    items: crate::objects::list::ListItems,
}

impl<'a> Pieces<'a> {
    fn new(this: &'a Value, s: &'a PyStr) -> Self {
        Pieces {
            this,
            s,
            items: crate::objects::list::ListItems::new(),
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.s.wtf8()
    }

    /// Add the piece `b[x..y]` (the string itself when it spans all of it).
    #[inline]
    fn push(&mut self, vm: &mut Vm, x: usize, y: usize) -> PyResult<()> {
        let b = self.s.wtf8();
        let v = if x == 0 && y == b.len() {
            same(vm, self.this, self.s)
        } else {
            new_substr(vm, self.s, &b[x..y])
        };
        self.items.push(v);
        piece_made(vm, self.items.len())
    }

    fn into_list(self, vm: &Vm) -> Value {
        vm.new_list(self.items)
    }
}

fn str_split(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, s, a) = kwargs_parse(vm, &args, "split", &["sep", "maxsplit"])?;
    let sep = sep_arg(vm, &a[0])?.map(|p| p.wtf8().to_vec());
    let maxsplit = maxsplit_arg(vm, &a[1])?;
    let mut out = Pieces::new(this, s);
    match &sep {
        None => split_ws(vm, &mut out, maxsplit)?,
        Some(sep) => split_sep(vm, &mut out, sep, maxsplit)?,
    }
    Ok(out.into_list(vm))
}

fn str_rsplit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, s, a) = kwargs_parse(vm, &args, "rsplit", &["sep", "maxsplit"])?;
    let sep = sep_arg(vm, &a[0])?.map(|p| p.wtf8().to_vec());
    let maxsplit = maxsplit_arg(vm, &a[1])?;
    let mut out = Pieces::new(this, s);
    match &sep {
        None => rsplit_ws(vm, &mut out, maxsplit)?,
        Some(sep) => rsplit_sep(vm, &mut out, sep, maxsplit)?,
    }
    Ok(out.into_list(vm))
}

fn is_linebreak(cp: u32) -> bool {
    matches!(
        cp,
        0x0A | 0x0B | 0x0C | 0x0D | 0x1C | 0x1D | 0x1E | 0x85 | 0x2028 | 0x2029
    )
}

fn str_splitlines(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, s, a) = kwargs_parse(vm, &args, "splitlines", &["keepends"])?;
    let keepends = match &a[0] {
        None => false,
        Some(v) => {
            if let Value::Float(_) = v {
                return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
            }
            vm.index_to_i64(v)? != 0
        }
    };
    let b = s.wtf8();
    let mut pieces = Pieces::new(this, s);
    let mut i = 0;
    let mut line_start = 0;
    // Decoded in place (a table of every code point would be 16 bytes per character).
    while i < b.len() {
        let off = i;
        let w = utf8_width(b[off]).max(1);
        let cp = if b[off] < 0x80 {
            u32::from(b[off])
        } else {
            Wtf8Chars::new(&b[off..]).next().unwrap_or(0)
        };
        i += w;
        if is_linebreak(cp) {
            let mut end = off + w;
            if cp == 0x0D && i < b.len() && b[i] == 0x0A {
                end += 1;
                i += 1;
            }
            pieces.push(vm, line_start, if keepends { end } else { off })?;
            line_start = end;
        }
    }
    if line_start < b.len() {
        pieces.push(vm, line_start, b.len())?;
    }
    Ok(pieces.into_list(vm))
}

fn partition_impl(vm: &mut Vm, args: Args<'_>, name: &str, right: bool) -> PyResult<Value> {
    let (this, s, rest) = margs(vm, &args, name, 1, 1)?;
    let sep = str_arg(vm, &rest[0])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let b = s.wtf8();
    let found = if right {
        rfind_bytes(b, sep.wtf8())
    } else {
        find_bytes(b, sep.wtf8())
    };
    let empty = Value::Obj(vm.intern(""));
    let items = match found {
        Some(p) => {
            let a = new_substr(vm, s, &b[..p]);
            let m = same(vm, &rest[0], sep);
            let c = new_substr(vm, s, &b[p + sep.wtf8().len()..]);
            vec![a, m, c]
        }
        None => {
            let me = same(vm, this, s);
            if right {
                vec![empty.clone(), empty, me]
            } else {
                vec![me, empty.clone(), empty]
            }
        }
    };
    Ok(vm.new_tuple(items))
}

fn str_partition(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    partition_impl(vm, args, "partition", false)
}

fn str_rpartition(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    partition_impl(vm, args, "rpartition", true)
}

// ----- strip / replace -----

fn strip_impl(vm: &mut Vm, args: Args<'_>, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let (this, s, rest) = margs(vm, &args, name, 0, 1)?;
    let chars: Option<Vec<u32>> = match rest.first() {
        None | Some(Value::None) => None,
        Some(v) => match as_pystr(v) {
            Some(c) => Some(c.code_points()),
            None => {
                return Err(vm.type_error(format!("{name} arg must be None or str")));
            }
        },
    };
    let test = |cp: u32| match &chars {
        None => is_ws(cp),
        Some(set) => set.contains(&cp),
    };
    // Byte offsets of the kept text, walked in from each end a code point at a time.
    let b = s.wtf8();
    let mut x = 0;
    let mut y = b.len();
    if left {
        let mut it = Wtf8Chars::new(b);
        while let Some(cp) = it.next()
            && test(cp)
        {
            x += utf8_width(b[x]);
        }
    }
    if right {
        while y > x {
            let mut start = y - 1;
            while start > x && b[start] & 0xC0 == 0x80 {
                start -= 1;
            }
            if !Wtf8Chars::new(&b[start..y]).next().is_some_and(test) {
                break;
            }
            y = start;
        }
    }
    if x == 0 && y == b.len() {
        return Ok(same(vm, this, s));
    }
    Ok(new_substr(vm, s, &b[x..y]))
}

fn str_strip(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    strip_impl(vm, args, "strip", true, true)
}
fn str_lstrip(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    strip_impl(vm, args, "lstrip", true, false)
}
fn str_rstrip(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    strip_impl(vm, args, "rstrip", false, true)
}

fn str_replace(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, s, rest) = margs(vm, &args, "replace", 2, 3)?;
    let old = match as_pystr(&rest[0]) {
        Some(o) => o,
        None => {
            return Err(vm.type_error(format!(
                "replace() argument 1 must be str, not {}",
                arg_type_name(vm, &rest[0])
            )));
        }
    };
    let new = match as_pystr(&rest[1]) {
        Some(o) => o,
        None => {
            return Err(vm.type_error(format!(
                "replace() argument 2 must be str, not {}",
                arg_type_name(vm, &rest[1])
            )));
        }
    };
    let count = match rest.get(2) {
        None => -1,
        Some(v) => vm.index_to_i64(v)?,
    };
    let max = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    let b = s.wtf8();
    let (o, n) = (old.wtf8(), new.wtf8());
    if max == 0 {
        return Ok(same(vm, this, s));
    }
    if o.is_empty() {
        let mut out = vm.str_scratch(b.len());
        let mut done = 0;
        let mut i = 0;
        while i < b.len() {
            if done < max {
                vm.check_alloc(n.len())?;
                out.extend_from_slice(n);
                done += 1;
            }
            let w = utf8_width(b[i]).min(b.len() - i);
            out.extend_from_slice(&b[i..i + w]);
            i += w;
        }
        if done < max {
            out.extend_from_slice(n);
            done += 1;
        }
        return Ok(replaced(vm, out, s, old, new, done));
    }
    let Some(mut p) = find_bytes(b, o) else {
        return Ok(same(vm, this, s));
    };
    let mut out = vm.str_scratch(b.len());
    let mut i = 0;
    let mut done = 0;
    loop {
        vm.check_alloc(n.len())?;
        out.extend_from_slice(&b[i..i + p]);
        out.extend_from_slice(n);
        i += p + o.len();
        done += 1;
        if done == max {
            break;
        }
        match find_bytes(&b[i..], o) {
            Some(q) => p = q,
            None => break,
        }
    }
    out.extend_from_slice(&b[i..]);
    Ok(replaced(vm, out, s, old, new, done))
}

/// The result of `s.replace(old, new)` built in `out` with `done` replacements: its code
/// points are counted from theirs (a match is whole code points), so only a text that
/// may hold surrogates is scanned.
fn replaced(vm: &Vm, out: Vec<u8>, s: &PyStr, old: &PyStr, new: &PyStr, done: usize) -> Value {
    let m = (!s.has_surrogates() && !new.has_surrogates()).then(|| {
        let chars = s.len() - done * old.len() + done * new.len();
        TextMeta::counted(out.len(), chars, false)
    });
    vm.new_str_scratch(out, m)
}

// ----- find family -----

/// Where `sub` occurs in `s[start:end]` (code-point index), searching from the left or right.
fn find_in(
    vm: &mut Vm,
    s: &PyStr,
    sub: &PyStr,
    start: Option<&Value>,
    end: Option<&Value>,
    right: bool,
) -> PyResult<Option<usize>> {
    let (start, end) = start_end(vm, start, end, s.len())?;
    if end - start < sub.len() as isize {
        return Ok(None);
    }
    let (x, y) = byte_range(s, start as usize, end as usize);
    let hay = &s.wtf8()[x..y];
    let found = if right {
        rfind_bytes(hay, sub.wtf8())
    } else {
        find_bytes(hay, sub.wtf8())
    };
    Ok(found.map(|p| {
        if s.is_ascii() {
            start as usize + p
        } else {
            start as usize + char_count(&hay[..p])
        }
    }))
}

fn find_impl(vm: &mut Vm, args: Args<'_>, name: &str, right: bool, raise: bool) -> PyResult<Value> {
    let (_, s, rest) = margs(vm, &args, name, 1, 3)?;
    let sub = str_arg(vm, &rest[0])?;
    match find_in(vm, s, sub, rest.get(1), rest.get(2), right)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None if raise => Err(vm.value_error("substring not found")),
        None => Ok(Value::Int(-1)),
    }
}

fn str_find(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    find_impl(vm, args, "find", false, false)
}
fn str_rfind(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    find_impl(vm, args, "rfind", true, false)
}
fn str_index(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    find_impl(vm, args, "index", false, true)
}
fn str_rindex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    find_impl(vm, args, "rindex", true, true)
}

fn str_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, rest) = margs(vm, &args, "count", 1, 3)?;
    let sub = str_arg(vm, &rest[0])?;
    let (start, end) = start_end(vm, rest.get(1), rest.get(2), s.len())?;
    if end - start < sub.len() as isize {
        return Ok(Value::Int(0));
    }
    if sub.is_empty() {
        return Ok(Value::Int((end - start + 1) as i64));
    }
    let (x, y) = byte_range(s, start as usize, end as usize);
    Ok(Value::Int(
        count_bytes(&s.wtf8()[x..y], sub.wtf8(), usize::MAX) as i64,
    ))
}

fn tail_match(vm: &mut Vm, s: &PyStr, sub: &PyStr, start: isize, end: isize, at_end: bool) -> bool {
    let _ = vm;
    let end2 = end - sub.len() as isize;
    if end2 < start {
        return false;
    }
    if sub.is_empty() {
        return true;
    }
    let (x, y) = byte_range(s, start as usize, end as usize);
    let hay = &s.wtf8()[x..y];
    if at_end {
        hay.ends_with(sub.wtf8())
    } else {
        hay.starts_with(sub.wtf8())
    }
}

fn starts_ends(vm: &mut Vm, args: Args<'_>, name: &str, at_end: bool) -> PyResult<Value> {
    let (_, s, rest) = margs(vm, &args, name, 1, 3)?;
    // No bounds and one str: compare the encodings (each code point is encoded on its own,
    // so a byte prefix or suffix that is a whole encoded string is a code-point one).
    if let [arg] = rest
        && let Some(sub) = as_pystr(arg)
    {
        let (hay, needle) = (s.wtf8(), sub.wtf8());
        return Ok(Value::bool(if at_end {
            hay.ends_with(needle)
        } else {
            hay.starts_with(needle)
        }));
    }
    let (start, end) = start_end(vm, rest.get(1), rest.get(2), s.len())?;
    let arg = &rest[0];
    if let Some(Payload::Tuple(t)) = arg.payload() {
        for item in t.iter() {
            let Some(sub) = as_pystr(item) else {
                return Err(vm.type_error(format!(
                    "tuple for {name} must only contain str, not {}",
                    vm.type_name(item)
                )));
            };
            if tail_match(vm, s, sub, start, end, at_end) {
                return Ok(Value::bool(true));
            }
        }
        return Ok(Value::bool(false));
    }
    let Some(sub) = as_pystr(arg) else {
        return Err(vm.type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            vm.type_name(arg)
        )));
    };
    Ok(Value::bool(tail_match(vm, s, sub, start, end, at_end)))
}

fn str_startswith(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    starts_ends(vm, args, "startswith", false)
}
fn str_endswith(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    starts_ends(vm, args, "endswith", true)
}

fn str_removeprefix(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, s, rest) = margs(vm, &args, "removeprefix", 1, 1)?;
    let Some(p) = as_pystr(&rest[0]) else {
        return Err(vm.type_error(format!(
            "removeprefix() argument must be str, not {}",
            arg_type_name(vm, &rest[0])
        )));
    };
    if !p.is_empty() && s.wtf8().starts_with(p.wtf8()) {
        return Ok(new_substr(vm, s, &s.wtf8()[p.wtf8().len()..]));
    }
    Ok(same(vm, this, s))
}

fn str_removesuffix(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, s, rest) = margs(vm, &args, "removesuffix", 1, 1)?;
    let Some(p) = as_pystr(&rest[0]) else {
        return Err(vm.type_error(format!(
            "removesuffix() argument must be str, not {}",
            arg_type_name(vm, &rest[0])
        )));
    };
    if !p.is_empty() && s.wtf8().ends_with(p.wtf8()) {
        let b = s.wtf8();
        return Ok(new_substr(vm, s, &b[..b.len() - p.wtf8().len()]));
    }
    Ok(same(vm, this, s))
}

// ----- case -----

fn case_impl(
    vm: &mut Vm,
    args: Args<'_>,
    name: &str,
    ascii: fn(&mut [u8]),
    f: fn(&[u32]) -> Vec<u32>,
) -> PyResult<Value> {
    let (_, s, _) = margs(vm, &args, name, 0, 0)?;
    if s.is_ascii() {
        // ASCII maps to ASCII of the same length: mapped in place, in the new str's box.
        let b = s.wtf8();
        // SAFETY: `b.len()` bytes are copied to `dst` and mapped there to ASCII bytes.
        return Ok(unsafe {
            vm.new_str_filled(TextMeta::ascii(b.len()), |dst| {
                std::ptr::copy_nonoverlapping(b.as_ptr(), dst, b.len());
                ascii(std::slice::from_raw_parts_mut(dst, b.len()));
            })
        });
    }
    let r = f(&s.code_points());
    Ok(from_cps(vm, &r))
}

fn str_upper(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    case_impl(
        vm,
        args,
        "upper",
        <[u8]>::make_ascii_uppercase,
        uni::upper_str,
    )
}
fn str_lower(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    case_impl(
        vm,
        args,
        "lower",
        <[u8]>::make_ascii_lowercase,
        uni::lower_str,
    )
}
fn str_casefold(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    case_impl(
        vm,
        args,
        "casefold",
        <[u8]>::make_ascii_lowercase,
        uni::casefold_str,
    )
}
fn str_swapcase(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    fn ascii(b: &mut [u8]) {
        for c in b {
            *c = if c.is_ascii_lowercase() {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            };
        }
    }
    case_impl(vm, args, "swapcase", ascii, uni::swapcase_str)
}
fn str_title(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    /// `unicode_title` on ASCII: a letter after a letter is lowered, any other raised.
    fn ascii(b: &mut [u8]) {
        let mut after_cased = false;
        for c in b {
            *c = if after_cased {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            };
            after_cased = c.is_ascii_alphabetic();
        }
    }
    case_impl(vm, args, "title", ascii, uni::title_str)
}
fn str_capitalize(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    fn ascii(b: &mut [u8]) {
        if let Some((first, rest)) = b.split_first_mut() {
            first.make_ascii_uppercase();
            rest.make_ascii_lowercase();
        }
    }
    case_impl(vm, args, "capitalize", ascii, uni::capitalize_str)
}

// ----- predicates -----

#[inline]
fn pred_impl(
    vm: &mut Vm,
    args: Args<'_>,
    name: &str,
    f: fn(u32) -> bool,
    ascii: fn(&u8) -> bool,
) -> PyResult<Value> {
    let (_, s, _) = margs(vm, &args, name, 0, 0)?;
    if s.is_empty() {
        return Ok(Value::bool(false));
    }
    // ASCII text: the predicate on bytes, no decoding and no Unicode tables.
    if s.is_ascii() {
        return Ok(Value::bool(s.wtf8().iter().all(ascii)));
    }
    Ok(Value::bool(s.chars().all(f)))
}

fn str_isdigit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pred_impl(vm, args, "isdigit", uni::is_digit, u8::is_ascii_digit)
}
fn str_isdecimal(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pred_impl(vm, args, "isdecimal", uni::is_decimal, u8::is_ascii_digit)
}
fn str_isnumeric(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pred_impl(vm, args, "isnumeric", uni::is_numeric, u8::is_ascii_digit)
}
fn str_isalpha(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pred_impl(vm, args, "isalpha", uni::is_alpha, u8::is_ascii_alphabetic)
}
fn str_isalnum(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pred_impl(
        vm,
        args,
        "isalnum",
        uni::is_alnum,
        u8::is_ascii_alphanumeric,
    )
}
fn str_isspace(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pred_impl(vm, args, "isspace", uni::is_space, is_ascii_space)
}

/// `str.isspace` on one ASCII character: the C0 separators 0x1C-0x1F are whitespace to
/// Python (bidirectional class B or S), as are `\t\n\v\f\r` and the space.
fn is_ascii_space(b: &u8) -> bool {
    matches!(b, b'\t'..=b'\r' | 0x1c..=0x1f | b' ')
}

fn str_isprintable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, _) = margs(vm, &args, "isprintable", 0, 0)?;
    Ok(Value::bool(s.chars().all(uni::is_printable)))
}

fn str_isascii(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, _) = margs(vm, &args, "isascii", 0, 0)?;
    Ok(Value::bool(s.is_ascii()))
}

fn str_islower(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, _) = margs(vm, &args, "islower", 0, 0)?;
    let mut cased = false;
    for c in s.chars() {
        if uni::is_upper(c) || uni::is_title(c) {
            return Ok(Value::bool(false));
        }
        if uni::is_lower(c) {
            cased = true;
        }
    }
    Ok(Value::bool(cased))
}

fn str_isupper(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, _) = margs(vm, &args, "isupper", 0, 0)?;
    let mut cased = false;
    for c in s.chars() {
        if uni::is_lower(c) || uni::is_title(c) {
            return Ok(Value::bool(false));
        }
        if uni::is_upper(c) {
            cased = true;
        }
    }
    Ok(Value::bool(cased))
}

fn str_istitle(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, _) = margs(vm, &args, "istitle", 0, 0)?;
    let mut cased = false;
    let mut prev_cased = false;
    for c in s.chars() {
        if uni::is_upper(c) || uni::is_title(c) {
            if prev_cased {
                return Ok(Value::bool(false));
            }
            prev_cased = true;
            cased = true;
        } else if uni::is_lower(c) {
            if !prev_cased {
                return Ok(Value::bool(false));
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(Value::bool(cased))
}

fn str_isidentifier(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, _) = margs(vm, &args, "isidentifier", 0, 0)?;
    Ok(Value::bool(uni::is_identifier(&s.code_points())))
}

// ----- layout -----

fn width_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if let Value::Float(_) = v {
        return Err(vm.type_error("integer argument expected, got float"));
    }
    vm.index_to_i64(v)
}

fn fill_arg(vm: &mut Vm, v: Option<&Value>, _name: &str) -> PyResult<u32> {
    match v {
        None => Ok(u32::from(b' ')),
        Some(v) => match as_pystr(v) {
            Some(f) if f.len() == 1 => Ok(f.char_at(0).unwrap_or(32)),
            Some(_) => Err(vm.type_error("The fill character must be exactly one character long")),
            None => Err(vm.type_error(format!(
                "The fill character must be a unicode character, not {}",
                vm.type_name(v)
            ))),
        },
    }
}

fn pad(vm: &mut Vm, this: &Value, s: &PyStr, left: usize, right: usize, fill: u32) -> Value {
    if left == 0 && right == 0 {
        return same(vm, this, s);
    }
    let mut f = Vec::with_capacity(4);
    push_code_point(&mut f, fill);
    let mut out = Vec::with_capacity(s.wtf8().len() + (left + right) * f.len());
    for _ in 0..left {
        out.extend_from_slice(&f);
    }
    out.extend_from_slice(s.wtf8());
    for _ in 0..right {
        out.extend_from_slice(&f);
    }
    new_str(vm, out)
}

fn just_impl(vm: &mut Vm, args: Args<'_>, name: &str, kind: u8) -> PyResult<Value> {
    let (this, s, rest) = margs(vm, &args, name, 1, 2)?;
    let width = width_arg(vm, &rest[0])?;
    let fill = fill_arg(vm, rest.get(1), name)?;
    let len = s.len() as i64;
    if width <= len {
        return Ok(same(vm, this, s));
    }
    let marg = (width - len) as usize;
    vm.check_alloc(marg.saturating_add(s.wtf8().len()))?;
    if marg > (1usize << 36) {
        return Err(vm.memory_error());
    }
    let (l, r) = match kind {
        b'l' => (0, marg),
        b'r' => (marg, 0),
        _ => {
            let l = marg / 2 + (marg & (width as usize) & 1);
            (l, marg - l)
        }
    };
    Ok(pad(vm, this, s, l, r, fill))
}

fn str_ljust(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    just_impl(vm, args, "ljust", b'l')
}
fn str_rjust(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    just_impl(vm, args, "rjust", b'r')
}
fn str_center(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    just_impl(vm, args, "center", b'c')
}

fn str_zfill(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, s, rest) = margs(vm, &args, "zfill", 1, 1)?;
    let width = width_arg(vm, &rest[0])?;
    let len = s.len() as i64;
    if width <= len {
        return Ok(same(vm, this, s));
    }
    let fill = (width - len) as usize;
    vm.check_alloc(fill.saturating_add(s.wtf8().len()))?;
    if fill > (1usize << 36) {
        return Err(vm.memory_error());
    }
    let b = s.wtf8();
    let mut out = Vec::with_capacity(b.len() + fill);
    let rest_b = if let Some(&c) = b.first()
        && (c == b'+' || c == b'-')
    {
        out.push(c);
        &b[1..]
    } else {
        b
    };
    out.resize(out.len() + fill, b'0');
    out.extend_from_slice(rest_b);
    Ok(new_str(vm, out))
}

fn str_expandtabs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, a) = kwargs_parse(vm, &args, "expandtabs", &["tabsize"])?;
    let tabsize = match &a[0] {
        None => 8,
        Some(v) => {
            let t = match width_arg(vm, v) {
                Ok(t) => Some(t),
                Err(e) if vm.err_matches(&e, &vm.types.overflow_error.clone()) => None,
                Err(e) => return Err(e),
            };
            match t.filter(|t| i32::try_from(*t).is_ok()) {
                Some(t) => t,
                None => {
                    return Err(vm.overflow_error("Python int too large to convert to C int"));
                }
            }
        }
    };
    let mut out = Vec::with_capacity(s.wtf8().len());
    let mut col: i64 = 0;
    for cp in s.chars() {
        if cp == u32::from(b'\t') {
            if tabsize > 0 {
                let n = tabsize - col % tabsize;
                vm.check_alloc(n as usize)?;
                if n > (1 << 36) {
                    return Err(vm.memory_error());
                }
                out.resize(out.len() + n as usize, b' ');
                col += n;
            }
        } else {
            push_code_point(&mut out, cp);
            col += 1;
            if cp == u32::from(b'\n') || cp == u32::from(b'\r') {
                col = 0;
            }
        }
    }
    Ok(new_str(vm, out))
}

// ----- encode / translate -----

fn str_encode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, a) = kwargs_parse(vm, &args, "encode", &["encoding", "errors"])?;
    let mut texts = [String::from("utf-8"), String::from("strict")];
    for (i, nm) in ["encoding", "errors"].iter().enumerate() {
        if let Some(v) = &a[i] {
            match as_pystr(v) {
                Some(t) => texts[i] = t.as_str().into_owned(),
                None => {
                    return Err(vm.type_error(format!(
                        "encode() argument '{nm}' must be str, not {}",
                        arg_type_name(vm, v)
                    )));
                }
            }
        }
    }
    let out = crate::objects::codecs::encode(vm, s, &texts[0], &texts[1])?;
    Ok(vm.new_bytes(out))
}

fn str_maketrans(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::no_kwargs(vm, &args, "maketrans")?;
    let a = args.values;
    if a.is_empty() || a.len() > 3 {
        return Err(arity_error(vm, "maketrans", 1, 3, a.len()));
    }
    let d = vm.new_dict();
    if a.len() == 1 {
        let Some(Payload::Dict(_)) = a[0].payload() else {
            return Err(
                vm.type_error("if you give only one argument to maketrans it must be a dict")
            );
        };
        let items = vm.dict_items(&a[0])?;
        for (k, v) in items {
            if let Some(ks) = as_pystr(&k) {
                if ks.len() != 1 {
                    return Err(
                        vm.value_error("string keys in translate table must be of length 1")
                    );
                }
                let cp = ks.char_at(0).unwrap_or(0);
                vm.dict_set(&d, Value::Int(i64::from(cp)), v)?;
            } else if matches!(k, Value::Int(_) | Value::Bool(_))
                || matches!(k.payload(), Some(Payload::Int(_)))
            {
                vm.dict_set(&d, k, v)?;
            } else {
                return Err(vm.type_error("keys in translate table must be strings or integers"));
            }
        }
        return Ok(Value::Obj(d));
    }
    let x = match as_pystr(&a[0]) {
        Some(x) => x,
        None => {
            return Err(vm.type_error(format!(
                "maketrans() argument 1 must be str, not {}",
                arg_type_name(vm, &a[0])
            )));
        }
    };
    let y = match as_pystr(&a[1]) {
        Some(y) => y,
        None => {
            return Err(vm.type_error(format!(
                "maketrans() argument 2 must be str, not {}",
                arg_type_name(vm, &a[1])
            )));
        }
    };
    if x.len() != y.len() {
        return Err(vm.value_error("the first two maketrans arguments must have equal length"));
    }
    for (c1, c2) in x.chars().zip(y.chars()) {
        vm.dict_set(&d, Value::Int(i64::from(c1)), Value::Int(i64::from(c2)))?;
    }
    if let Some(z) = a.get(2) {
        let Some(z) = as_pystr(z) else {
            return Err(vm.type_error(format!(
                "maketrans() argument 3 must be str, not {}",
                arg_type_name(vm, z)
            )));
        };
        for c in z.chars() {
            vm.dict_set(&d, Value::Int(i64::from(c)), Value::None)?;
        }
    }
    Ok(Value::Obj(d))
}

fn str_translate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, rest) = margs(vm, &args, "translate", 1, 1)?;
    let table = &rest[0];
    let lookup_err = vm.types.lookup_error.clone();
    let mut out = Vec::with_capacity(s.wtf8().len());
    for cp in s.chars() {
        let key = Value::Int(i64::from(cp));
        let r = match vm.getitem(table, &key) {
            Ok(r) => r,
            Err(e) if vm.err_matches(&e, &lookup_err) => {
                push_code_point(&mut out, cp);
                continue;
            }
            Err(e) => return Err(e),
        };
        match &r {
            Value::None => {}
            Value::Int(_) | Value::Bool(_) => {
                let n = vm.index_to_i64(&r)?;
                if !(0..0x110000).contains(&n) {
                    return Err(vm.value_error("character mapping must be in range(0x110000)"));
                }
                push_code_point(&mut out, n as u32);
            }
            _ => match r.payload() {
                Some(Payload::Str(t)) => {
                    vm.check_alloc(t.wtf8().len())?;
                    out.extend_from_slice(t.wtf8());
                }
                Some(Payload::Int(_)) => {
                    return Err(vm.value_error("character mapping must be in range(0x110000)"));
                }
                _ => {
                    return Err(vm.type_error("character mapping must return integer, None or str"));
                }
            },
        }
    }
    Ok(new_str(vm, out))
}

fn str_format_method(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    let Some((this, rest)) = pos.split_first() else {
        return Err(vm.type_error("descriptor 'format' of 'str' object needs an argument"));
    };
    let s = recv(vm, this, "format")?;
    let kw: Vec<(Value, Value)> = args.kwargs().map(|(k, v)| (k.clone(), v.clone())).collect();
    crate::objects::strformat::str_format(vm, s, rest, &crate::objects::strformat::Kw::List(kw))
}

fn str_format_map(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, s, rest) = margs(vm, &args, "format_map", 1, 1)?;
    crate::objects::strformat::str_format(
        vm,
        s,
        &[],
        &crate::objects::strformat::Kw::Mapping(rest[0].clone()),
    )
}

/// Register `str`'s methods.
pub fn init(vm: &mut Vm) {
    let t = vm.types.str.clone();
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => str_new, "";
            method "__repr__" => str_repr, "";
            method "__str__" => str_str, "";
            method "__hash__" => str_hash, "";
            method "__len__" => str_len, "";
            method "__eq__" => str_eq, "";
            method "__ne__" => str_ne, "";
            method "__lt__" => str_lt, "";
            method "__le__" => str_le, "";
            method "__gt__" => str_gt, "";
            method "__ge__" => str_ge, "";
            method "__contains__" => str_contains, "";
            method "__getitem__" => str_getitem, "";
            method "__add__" => str_add, "";
            method "__mul__" => str_mul, "";
            method "__rmul__" => str_mul, "";
            method "__mod__" => str_mod, "";
            method "__rmod__" => str_rmod, "";
            method "__iter__" => str_iter, "";
            method "__format__" => str_format_dunder, "";
            method "__getnewargs__" => str_getnewargs, "";
            method "__sizeof__" => str_sizeof, "";
            method "join" => str_join, "";
            method "split" => str_split, "";
            method "rsplit" => str_rsplit, "";
            method "splitlines" => str_splitlines, "";
            method "partition" => str_partition, "";
            method "rpartition" => str_rpartition, "";
            method "strip" => str_strip, "";
            method "lstrip" => str_lstrip, "";
            method "rstrip" => str_rstrip, "";
            method "replace" => str_replace, "";
            method "find" => str_find, "";
            method "rfind" => str_rfind, "";
            method "index" => str_index, "";
            method "rindex" => str_rindex, "";
            method "count" => str_count, "";
            method "startswith" => str_startswith, "";
            method "endswith" => str_endswith, "";
            method "removeprefix" => str_removeprefix, "";
            method "removesuffix" => str_removesuffix, "";
            method "upper" => str_upper, "Return a copy of the string converted to uppercase.";
            method "lower" => str_lower, "";
            method "casefold" => str_casefold, "";
            method "swapcase" => str_swapcase, "";
            method "title" => str_title, "";
            method "capitalize" => str_capitalize, "";
            method "isdigit" => str_isdigit, "";
            method "isdecimal" => str_isdecimal, "";
            method "isnumeric" => str_isnumeric, "";
            method "isalpha" => str_isalpha, "";
            method "isalnum" => str_isalnum, "";
            method "isspace" => str_isspace, "";
            method "isprintable" => str_isprintable, "";
            method "isascii" => str_isascii, "";
            method "islower" => str_islower, "";
            method "isupper" => str_isupper, "";
            method "istitle" => str_istitle, "";
            method "isidentifier" => str_isidentifier, "";
            method "ljust" => str_ljust, "";
            method "rjust" => str_rjust, "";
            method "center" => str_center, "";
            method "zfill" => str_zfill, "";
            method "expandtabs" => str_expandtabs, "";
            method "encode" => str_encode, "";
            staticmethod "maketrans" => str_maketrans, "";
            method "translate" => str_translate, "";
            method "format" => str_format_method, "";
            method "format_map" => str_format_map, "";
        ],
    );
}
