//! `marshal` (CPython: `Python/marshal.c`): CPython's binary format for data, versions 0–4,
//! byte for byte, and code objects in Krait's own form.
//!
//! What CPython writes depends on reference counts: an object referenced once is written
//! plainly, any other gets `FLAG_REF` and later occurrences become back-references. Objects
//! here are reference counted too, so the same rule applies to them (counting the references
//! this module holds itself). Ints and floats stored inline have no count: they are treated as
//! shared, which is what CPython writes for small ints and for literals (constants) — a large
//! int or float computed at run time and held once is the case that differs (CPython writes it
//! without `FLAG_REF`).
//!
//! A code object is written as type `K`, then the build hash and the code in
//! `krait_bytecode::serial`'s form (the compiled-code cache's format): only the same Krait
//! build loads it back, and CPython refuses it as an unknown type code. CPython's own code
//! objects (`c`) cannot run here and are refused the same way.

use std::collections::HashMap;
use std::sync::Arc;

use num_bigint::{BigInt, Sign};

use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

const VERSION: i64 = 4;
const MAX_DEPTH: usize = 2000;
const FLAG_REF: u8 = 0x80;
const SIZE32_MAX: i64 = 0x7FFF_FFFF;

const TYPE_NULL: u8 = b'0';
const TYPE_NONE: u8 = b'N';
const TYPE_FALSE: u8 = b'F';
const TYPE_TRUE: u8 = b'T';
const TYPE_STOPITER: u8 = b'S';
const TYPE_ELLIPSIS: u8 = b'.';
const TYPE_INT: u8 = b'i';
const TYPE_INT64: u8 = b'I';
const TYPE_FLOAT: u8 = b'f';
const TYPE_BINARY_FLOAT: u8 = b'g';
const TYPE_COMPLEX: u8 = b'x';
const TYPE_BINARY_COMPLEX: u8 = b'y';
const TYPE_LONG: u8 = b'l';
const TYPE_STRING: u8 = b's';
const TYPE_INTERNED: u8 = b't';
const TYPE_CODE: u8 = b'c';
const TYPE_REF: u8 = b'r';
const TYPE_TUPLE: u8 = b'(';
const TYPE_LIST: u8 = b'[';
const TYPE_DICT: u8 = b'{';
const TYPE_UNICODE: u8 = b'u';
const TYPE_SET: u8 = b'<';
const TYPE_FROZENSET: u8 = b'>';
const TYPE_ASCII: u8 = b'a';
const TYPE_ASCII_INTERNED: u8 = b'A';
const TYPE_SMALL_TUPLE: u8 = b')';
const TYPE_SHORT_ASCII: u8 = b'z';
const TYPE_SHORT_ASCII_INTERNED: u8 = b'Z';
/// Krait's code objects (not a CPython type code).
const TYPE_KRAIT_CODE: u8 = b'K';

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("dumps", marshal_dumps),
            ("dump", marshal_dump),
            ("loads", marshal_loads),
            ("load", marshal_load),
        ],
    );
    super::set_attr(vm, m, "version", Value::Int(VERSION));
    Ok(())
}

fn version_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    match v {
        None => Ok(VERSION),
        Some(v @ Value::Float(_)) => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))),
        Some(v) => {
            let n = vm.index_to_i64(v)?;
            i32::try_from(n)
                .map(i64::from)
                .map_err(|_| vm.overflow_error("Python int too large to convert to C int"))
        }
    }
}

fn marshal_dumps(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "dumps", 1, 2)?;
    let version = version_arg(vm, a.get(1))?;
    let bytes = dumps(vm, &a[0], version)?;
    Ok(vm.new_bytes(bytes))
}

fn marshal_dump(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "dump", 2, 3)?;
    let version = version_arg(vm, a.get(2))?;
    let bytes = dumps(vm, &a[0], version)?;
    let b = vm.new_bytes(bytes);
    let write = vm.getattr_str(&a[1], "write")?;
    vm.call_pos(&write, &[b])
}

fn marshal_loads(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "loads", 1, 1)?;
    let data = crate::objects::bytes::buffer_arg(vm, &a[0])?;
    let mut r = Reader {
        src: Source::Bytes(&data, 0),
        refs: Vec::new(),
        depth: 0,
    };
    r.read_object(vm)
}

fn marshal_load(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "load", 1, 1)?;
    let file = a[0].clone();
    // As CPython: read zero bytes first, so a file that does not give bytes fails early.
    let read = vm.getattr_str(&file, "read")?;
    let probe = vm.call_pos(&read, &[Value::Int(0)])?;
    if !matches!(probe.payload(), Some(Payload::Bytes(_))) {
        return Err(vm.type_error(format!(
            "file.read() returned not bytes but {}",
            vm.type_name(&probe)
        )));
    }
    let mut r = Reader {
        src: Source::File(file),
        refs: Vec::new(),
        depth: 0,
    };
    r.read_object(vm)
}

// ---- writing ----

/// What identifies an object for back-references: its address, or for inline ints and
/// floats their value (and type).
#[derive(Hash, PartialEq, Eq)]
enum Key {
    Obj(usize),
    Int(i64),
    Float(u64),
}

enum WriteError {
    Unmarshallable,
    TooDeep,
    Py(PyErr),
}

struct Writer {
    out: Vec<u8>,
    version: i64,
    refs: HashMap<Key, u32>,
    /// Objects in `refs`, kept alive so an address is not reused while writing.
    keep: Vec<Value>,
    depth: usize,
}

/// `marshal.dumps(v, version)`.
fn dumps(vm: &mut Vm, v: &Value, version: i64) -> PyResult<Vec<u8>> {
    let mut w = Writer {
        out: Vec::with_capacity(64),
        version,
        refs: HashMap::new(),
        keep: Vec::new(),
        depth: 0,
    };
    match w.object(vm, v, 0) {
        Ok(()) => Ok(w.out),
        Err(WriteError::Unmarshallable) => Err(vm.value_error("unmarshallable object")),
        Err(WriteError::TooDeep) => Err(vm.value_error("object too deeply nested to marshal")),
        Err(WriteError::Py(e)) => Err(e),
    }
}

fn is_type(vm: &Vm, v: &Value, t: &ObjRef) -> bool {
    ObjRef::ptr_eq(&vm.type_of(v), t)
}

/// CPython interns string constants made of name characters only (`all_name_chars`).
fn name_chars(s: &[u8]) -> bool {
    s.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

impl Writer {
    /// A set's members in the order `sorted(s, key=marshal.dumps)` (bpo-37596), so the output
    /// does not depend on the hash seed.
    fn sorted_members(&mut self, vm: &mut Vm, items: Vec<Value>) -> Result<Vec<Value>, WriteError> {
        let mut keyed = Vec::with_capacity(items.len());
        for item in items {
            let key = dumps(vm, &item, self.version).map_err(WriteError::Py)?;
            keyed.push((key, item));
        }
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(keyed.into_iter().map(|(_, v)| v).collect())
    }

    fn byte(&mut self, b: u8) {
        self.out.push(b);
    }

    fn long(&mut self, x: i64) {
        self.out.extend_from_slice(&(x as i32).to_le_bytes());
    }

    fn size(&mut self, n: usize) -> Result<(), WriteError> {
        if n as u64 > SIZE32_MAX as u64 {
            return Err(WriteError::Unmarshallable);
        }
        self.long(n as i64);
        Ok(())
    }

    fn pstring(&mut self, b: &[u8]) -> Result<(), WriteError> {
        self.size(b.len())?;
        self.out.extend_from_slice(b);
        Ok(())
    }

    /// `w_ref`: `Ok(true)` when a back-reference was written; otherwise `flag` says whether
    /// the object goes into the table.
    fn reference(&mut self, key: Key, v: &Value, shared: bool, flag: &mut u8) -> bool {
        if self.version < 3 || !shared {
            return false;
        }
        if let Some(&i) = self.refs.get(&key) {
            self.byte(TYPE_REF);
            self.long(i64::from(i));
            return true;
        }
        let i = self.refs.len() as u32;
        self.refs.insert(key, i);
        self.keep.push(v.clone());
        *flag = FLAG_REF;
        false
    }

    /// Write `v`; `held` is how many references to it this writer itself holds (1 for the
    /// items of a container, copied out before writing them).
    fn object(&mut self, vm: &mut Vm, v: &Value, held: usize) -> Result<(), WriteError> {
        self.depth += 1;
        let r = if self.depth > MAX_DEPTH {
            Err(WriteError::TooDeep)
        } else {
            self.object_inner(vm, v, held)
        };
        self.depth -= 1;
        r
    }

    fn object_inner(&mut self, vm: &mut Vm, v: &Value, held: usize) -> Result<(), WriteError> {
        let mut flag = 0u8;
        match v {
            Value::None => {
                self.byte(TYPE_NONE);
                return Ok(());
            }
            Value::Bool(b) => {
                self.byte(if b.get() { TYPE_TRUE } else { TYPE_FALSE });
                return Ok(());
            }
            Value::Int(i) => {
                if self.reference(Key::Int(*i), v, true, &mut flag) {
                    return Ok(());
                }
                if i32::try_from(*i).is_ok() {
                    self.byte(TYPE_INT | flag);
                    self.long(*i);
                } else {
                    self.int(&BigInt::from(*i), *i, flag);
                }
                return Ok(());
            }
            Value::Float(f) => {
                let x = f.get();
                if self.reference(Key::Float(x.to_bits()), v, true, &mut flag) {
                    return Ok(());
                }
                self.float(x, flag, TYPE_BINARY_FLOAT, TYPE_FLOAT);
                return Ok(());
            }
            Value::Null => return Err(WriteError::Unmarshallable),
            Value::Obj(_) => {}
        }
        let Value::Obj(o) = v else {
            return Err(WriteError::Unmarshallable);
        };
        if let Value::Obj(e) = &vm.ellipsis
            && ObjRef::ptr_eq(o, e)
        {
            self.byte(TYPE_ELLIPSIS);
            return Ok(());
        }
        if ObjRef::ptr_eq(o, &vm.types.stop_iteration) {
            self.byte(TYPE_STOPITER);
            return Ok(());
        }
        // Shared when referenced from anywhere besides the copies this writer holds.
        let shared = o.strong_count() > 1 + held;
        if self.reference(Key::Obj(o.addr()), v, shared, &mut flag) {
            return Ok(());
        }
        let types = &vm.types;
        match &o.payload {
            Payload::Int(b) if is_type(vm, v, &types.int) => {
                let small = i64::try_from(b).unwrap_or(i64::MAX);
                self.int(b, small, flag);
            }
            Payload::Float(x) if is_type(vm, v, &types.float) => {
                self.float(*x, flag, TYPE_BINARY_FLOAT, TYPE_FLOAT);
            }
            Payload::Complex(re, im) if is_type(vm, v, &types.complex) => {
                if self.version > 1 {
                    self.byte(TYPE_BINARY_COMPLEX | flag);
                    self.out.extend_from_slice(&re.to_le_bytes());
                    self.out.extend_from_slice(&im.to_le_bytes());
                } else {
                    self.byte(TYPE_COMPLEX | flag);
                    self.float_text(*re);
                    self.float_text(*im);
                }
            }
            Payload::Bytes(b) if is_type(vm, v, &types.bytes) => {
                self.byte(TYPE_STRING | flag);
                self.pstring(b)?;
            }
            Payload::Str(s) if is_type(vm, v, &types.str) => {
                let bytes = s.wtf8();
                let interned = name_chars(bytes) && (vm.is_interned(o) || shared);
                if self.version >= 4 && s.is_ascii() {
                    if bytes.len() < 256 {
                        let t = if interned {
                            TYPE_SHORT_ASCII_INTERNED
                        } else {
                            TYPE_SHORT_ASCII
                        };
                        self.byte(t | flag);
                        self.byte(bytes.len() as u8);
                        self.out.extend_from_slice(bytes);
                    } else {
                        let t = if interned {
                            TYPE_ASCII_INTERNED
                        } else {
                            TYPE_ASCII
                        };
                        self.byte(t | flag);
                        self.pstring(bytes)?;
                    }
                } else {
                    // The WTF-8 bytes are UTF-8 with `surrogatepass`, as CPython writes.
                    let t = if self.version >= 3 && interned {
                        TYPE_INTERNED
                    } else {
                        TYPE_UNICODE
                    };
                    self.byte(t | flag);
                    self.pstring(bytes)?;
                }
            }
            Payload::Tuple(items) if is_type(vm, v, &types.tuple) => {
                let items = items.to_vec();
                if self.version >= 4 && items.len() < 256 {
                    self.byte(TYPE_SMALL_TUPLE | flag);
                    self.byte(items.len() as u8);
                } else {
                    self.byte(TYPE_TUPLE | flag);
                    self.size(items.len())?;
                }
                for i in &items {
                    self.object(vm, i, 1)?;
                }
            }
            Payload::List(items) if is_type(vm, v, &types.list) => {
                let items = items.borrow().to_vec();
                self.byte(TYPE_LIST | flag);
                self.size(items.len())?;
                for i in &items {
                    self.object(vm, i, 1)?;
                }
            }
            Payload::Dict(_) if is_type(vm, v, &types.dict) => {
                self.byte(TYPE_DICT | flag);
                let items = vm.dict_items(v).map_err(WriteError::Py)?;
                for (k, val) in &items {
                    self.object(vm, k, 1)?;
                    self.object(vm, val, 1)?;
                }
                self.byte(TYPE_NULL);
            }
            Payload::Set(t) if is_type(vm, v, &types.set) => {
                let items: Vec<Value> = t.borrow().iter().map(|(_, x)| x.clone()).collect();
                let items = self.sorted_members(vm, items)?;
                self.byte(TYPE_SET | flag);
                self.size(items.len())?;
                for i in &items {
                    self.object(vm, i, 1)?;
                }
            }
            Payload::FrozenSet(t) if is_type(vm, v, &types.frozenset) => {
                let items: Vec<Value> = t.iter().map(|(_, x)| x.clone()).collect();
                let items = self.sorted_members(vm, items)?;
                self.byte(TYPE_FROZENSET | flag);
                self.size(items.len())?;
                for i in &items {
                    self.object(vm, i, 1)?;
                }
            }
            Payload::Code(code) => {
                let body = krait_bytecode::serial::encode(&code.co);
                self.byte(TYPE_KRAIT_CODE | flag);
                self.out
                    .extend_from_slice(&crate::codecache::build_hash().to_le_bytes());
                self.pstring(&body)?;
            }
            Payload::LazyCode(lazy) => {
                let Ok(co) = lazy.lazy.decode() else {
                    return Err(WriteError::Unmarshallable);
                };
                let body = krait_bytecode::serial::encode(&co);
                self.byte(TYPE_KRAIT_CODE | flag);
                self.out
                    .extend_from_slice(&crate::codecache::build_hash().to_le_bytes());
                self.pstring(&body)?;
            }
            _ => match crate::objects::bytes::bytes_of(v) {
                // Other bytes-like objects (bytearray, memoryview, array) are written as bytes.
                Some(b) => {
                    self.byte(TYPE_STRING | flag);
                    self.pstring(&b)?;
                }
                None => return Err(WriteError::Unmarshallable),
            },
        }
        Ok(())
    }

    fn int(&mut self, b: &BigInt, small: i64, flag: u8) {
        if i32::try_from(small).is_ok() {
            self.byte(TYPE_INT | flag);
            self.long(small);
            return;
        }
        self.byte(TYPE_LONG | flag);
        let (sign, mut mag) = b.to_u32_digits();
        // Base 2**15 digits, least significant first.
        let mut digits: Vec<u16> = Vec::new();
        let mut acc: u64 = 0;
        let mut bits = 0u32;
        for d in mag.drain(..) {
            acc |= u64::from(d) << bits;
            bits += 32;
            while bits >= 15 {
                digits.push((acc & 0x7FFF) as u16);
                acc >>= 15;
                bits -= 15;
            }
        }
        if bits > 0 {
            digits.push((acc & 0x7FFF) as u16);
        }
        while digits.last() == Some(&0) {
            digits.pop();
        }
        let n = digits.len() as i64;
        self.long(if sign == Sign::Minus { -n } else { n });
        for d in digits {
            self.out.extend_from_slice(&d.to_le_bytes());
        }
    }

    fn float(&mut self, x: f64, flag: u8, binary: u8, text: u8) {
        if self.version > 1 {
            self.byte(binary | flag);
            self.out.extend_from_slice(&x.to_le_bytes());
        } else {
            self.byte(text | flag);
            self.float_text(x);
        }
    }

    fn float_text(&mut self, x: f64) {
        let s = krait_common::float_format::format_float(x, 'g', 17, Default::default());
        self.byte(s.len() as u8);
        self.out.extend_from_slice(s.as_bytes());
    }
}

// ---- reading ----

enum Source<'a> {
    /// `loads`: the data and the read position.
    Bytes(&'a [u8], usize),
    /// `load`: the file (read through its `readinto`, as CPython's `r_string`).
    File(Value),
}

/// `r_string` on a file: `file.readinto(buffer)` of `n` bytes; more than asked is a
/// `ValueError`, fewer the end of the data (`None` when nothing came).
fn file_read(vm: &mut Vm, file: &Value, n: usize) -> PyResult<Option<Vec<u8>>> {
    let buf = vm.new_bytearray(vec![0; n]);
    let readinto = vm.getattr_str(file, "readinto")?;
    let got = vm.call_pos(&readinto, std::slice::from_ref(&buf))?;
    let read = if got.is_none() {
        0
    } else {
        vm.index_to_i64(&got)?
    };
    if read > n as i64 {
        return Err(vm.value_error(format!(
            "read() returned too much data: {n} bytes requested, {read} returned"
        )));
    }
    if read < n as i64 {
        return Ok(None);
    }
    Ok(crate::objects::bytes::bytes_of(&buf))
}

struct Reader<'a> {
    src: Source<'a>,
    /// Objects stored with `FLAG_REF`; `None` while an object's slot is reserved.
    refs: Vec<Option<Value>>,
    depth: usize,
}

fn bad(vm: &mut Vm, what: &str) -> PyErr {
    vm.value_error(format!("bad marshal data ({what})"))
}

fn eof(vm: &mut Vm, msg: &str) -> PyErr {
    let t = vm.types.eof_error.clone();
    vm.new_exception_msg(&t, msg)
}

impl Reader<'_> {
    /// `n` bytes, or `EOFError`.
    fn string(&mut self, vm: &mut Vm, n: usize) -> PyResult<Vec<u8>> {
        match &mut self.src {
            Source::Bytes(b, pos) => match b.get(*pos..pos.saturating_add(n)) {
                Some(s) => {
                    *pos += n;
                    Ok(s.to_vec())
                }
                None => Err(eof(vm, "marshal data too short")),
            },
            Source::File(file) => {
                if n == 0 {
                    return Ok(Vec::new());
                }
                let file = file.clone();
                match file_read(vm, &file, n)? {
                    Some(bytes) => Ok(bytes),
                    None => Err(eof(vm, "EOF read where not expected")),
                }
            }
        }
    }

    /// One byte, `None` at the end of `loads` data.
    fn byte(&mut self, vm: &mut Vm) -> PyResult<Option<u8>> {
        match &mut self.src {
            Source::Bytes(b, pos) => Ok(b.get(*pos).map(|&c| {
                *pos += 1;
                c
            })),
            Source::File(file) => {
                let file = file.clone();
                Ok(file_read(vm, &file, 1)?.and_then(|b| b.first().copied()))
            }
        }
    }

    fn long(&mut self, vm: &mut Vm) -> PyResult<i64> {
        let b = self.string(vm, 4)?;
        Ok(i64::from(i32::from_le_bytes([b[0], b[1], b[2], b[3]])))
    }

    fn short(&mut self, vm: &mut Vm) -> PyResult<i64> {
        let b = self.string(vm, 2)?;
        Ok(i64::from(i16::from_le_bytes([b[0], b[1]])))
    }

    fn float_bin(&mut self, vm: &mut Vm) -> PyResult<f64> {
        let b = self.string(vm, 8)?;
        let mut w = [0u8; 8];
        w.copy_from_slice(&b);
        Ok(f64::from_le_bytes(w))
    }

    fn float_str(&mut self, vm: &mut Vm) -> PyResult<f64> {
        let Some(n) = self.byte(vm)? else {
            return Err(eof(vm, "EOF read where object expected"));
        };
        let b = self.string(vm, usize::from(n))?;
        let text = String::from_utf8_lossy(&b).into_owned();
        krait_common::float_format::parse_float(&text).ok_or_else(|| {
            vm.value_error(format!(
                "could not convert string to float: {}",
                krait_common::repr::str_repr(&text.chars().map(u32::from).collect::<Vec<_>>())
            ))
        })
    }

    /// A size field: `r_long` checked against `what`'s range.
    fn size(&mut self, vm: &mut Vm, what: &str) -> PyResult<usize> {
        let n = self.long(vm)?;
        if !(0..=SIZE32_MAX).contains(&n) {
            return Err(bad(vm, &format!("{what} size out of range")));
        }
        Ok(n as usize)
    }

    /// How many items to reserve room for: never more than the bytes left.
    fn capacity(&self, n: usize) -> usize {
        match &self.src {
            Source::Bytes(b, pos) => n.min(b.len().saturating_sub(*pos)),
            Source::File(_) => n.min(1024),
        }
    }

    fn read_object(&mut self, vm: &mut Vm) -> PyResult<Value> {
        match self.object(vm)? {
            Some(v) => Ok(v),
            None => Err(vm.type_error("NULL object in marshal data for object")),
        }
    }

    /// An item of a container: NULL is an error naming the container.
    fn item(&mut self, vm: &mut Vm, what: &str) -> PyResult<Value> {
        match self.object(vm)? {
            Some(v) => Ok(v),
            None => Err(vm.type_error(format!("NULL object in marshal data for {what}"))),
        }
    }

    fn reserve(&mut self, flag: bool) -> usize {
        if flag {
            self.refs.push(None);
        }
        self.refs.len().wrapping_sub(1)
    }

    fn fill(&mut self, flag: bool, idx: usize, v: &Value) {
        if flag && let Some(slot) = self.refs.get_mut(idx) {
            *slot = Some(v.clone());
        }
    }

    /// `r_object`: `None` for `TYPE_NULL`.
    fn object(&mut self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let Some(code) = self.byte(vm)? else {
            return Err(eof(vm, "EOF read where object expected"));
        };
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            return Err(vm.value_error("recursion limit exceeded"));
        }
        let r = self.object_of(vm, code);
        self.depth -= 1;
        r
    }

    fn object_of(&mut self, vm: &mut Vm, code: u8) -> PyResult<Option<Value>> {
        let flag = code & FLAG_REF != 0;
        let idx = self.reserve(flag);
        let v = match code & !FLAG_REF {
            TYPE_NULL => return Ok(None),
            TYPE_NONE => Value::None,
            TYPE_STOPITER => Value::Obj(vm.types.stop_iteration.clone()),
            TYPE_ELLIPSIS => vm.ellipsis.clone(),
            TYPE_FALSE => Value::bool(false),
            TYPE_TRUE => Value::bool(true),
            TYPE_INT => Value::Int(self.long(vm)?),
            TYPE_INT64 => {
                let b = self.string(vm, 8)?;
                let mut w = [0u8; 8];
                w.copy_from_slice(&b);
                Value::Int(i64::from_le_bytes(w))
            }
            TYPE_LONG => self.long_object(vm)?,
            TYPE_FLOAT => Value::float(self.float_str(vm)?),
            TYPE_BINARY_FLOAT => Value::float(self.float_bin(vm)?),
            TYPE_COMPLEX => {
                let re = self.float_str(vm)?;
                let im = self.float_str(vm)?;
                vm.new_complex(re, im)
            }
            TYPE_BINARY_COMPLEX => {
                let re = self.float_bin(vm)?;
                let im = self.float_bin(vm)?;
                vm.new_complex(re, im)
            }
            TYPE_STRING => {
                let n = self.size(vm, "bytes object")?;
                let b = self.string(vm, n)?;
                vm.new_bytes(b)
            }
            t @ (TYPE_ASCII
            | TYPE_ASCII_INTERNED
            | TYPE_SHORT_ASCII
            | TYPE_SHORT_ASCII_INTERNED) => {
                let n = if t == TYPE_ASCII || t == TYPE_ASCII_INTERNED {
                    self.size(vm, "string")?
                } else {
                    match self.byte(vm)? {
                        Some(n) => usize::from(n),
                        None => return Err(eof(vm, "EOF read where object expected")),
                    }
                };
                let b = self.string(vm, n)?;
                // One byte per character (Latin-1), as `PyUnicode_1BYTE_KIND`.
                let s: String = b.iter().map(|&c| char::from(c)).collect();
                if t == TYPE_ASCII_INTERNED || t == TYPE_SHORT_ASCII_INTERNED {
                    Value::Obj(vm.intern(&s))
                } else {
                    vm.new_string(s)
                }
            }
            t @ (TYPE_UNICODE | TYPE_INTERNED) => {
                let n = self.size(vm, "string")?;
                let b = self.string(vm, n)?;
                let s = crate::objects::codecs::decode(vm, &b, "utf-8", "surrogatepass")?;
                match (t == TYPE_INTERNED, s.to_str()) {
                    (true, Some(text)) => {
                        let text = text.to_string();
                        Value::Obj(vm.intern(&text))
                    }
                    _ => vm.new_pystr(s),
                }
            }
            t @ (TYPE_SMALL_TUPLE | TYPE_TUPLE) => {
                let n = if t == TYPE_SMALL_TUPLE {
                    // At the end of the data CPython reads EOF as 255 items, and then fails
                    // on the first one.
                    usize::from(self.byte(vm)?.unwrap_or(255))
                } else {
                    self.size(vm, "tuple")?
                };
                let mut items = Vec::with_capacity(self.capacity(n));
                for _ in 0..n {
                    items.push(self.item(vm, "tuple")?);
                }
                vm.new_tuple(items)
            }
            TYPE_LIST => {
                let n = self.size(vm, "list")?;
                let list = vm.new_list(Vec::with_capacity(self.capacity(n)));
                self.fill(flag, idx, &list);
                for _ in 0..n {
                    let item = self.item(vm, "list")?;
                    if let Some(Payload::List(l)) = list.payload() {
                        l.borrow_mut().push(item);
                    }
                }
                list
            }
            TYPE_DICT => {
                let d = vm.new_dict();
                let dv = Value::Obj(d.clone());
                self.fill(flag, idx, &dv);
                loop {
                    let Some(k) = self.object(vm)? else { break };
                    let Some(val) = self.object(vm)? else { break };
                    vm.dict_set(&d, k, val)?;
                }
                dv
            }
            t @ (TYPE_SET | TYPE_FROZENSET) => {
                let n = self.size(vm, "set")?;
                let mut items = Vec::with_capacity(self.capacity(n));
                let set = if t == TYPE_SET {
                    let s = vm.new_set_from(Vec::new())?;
                    self.fill(flag, idx, &s);
                    Some(s)
                } else {
                    None
                };
                for _ in 0..n {
                    let item = self.item(vm, "set")?;
                    match &set {
                        Some(s) => vm.set_add(s, item)?,
                        None => items.push(item),
                    }
                }
                match set {
                    Some(s) => s,
                    None => vm.new_frozenset_from(items)?,
                }
            }
            TYPE_KRAIT_CODE => {
                let h = self.string(vm, 8)?;
                let mut w = [0u8; 8];
                w.copy_from_slice(&h);
                let n = self.size(vm, "code object")?;
                let body = self.string(vm, n)?;
                if u64::from_le_bytes(w) != crate::codecache::build_hash() {
                    return Err(bad(vm, "code object from a different Krait build"));
                }
                let co = krait_bytecode::serial::decode(&body)
                    .map_err(|_| bad(vm, "invalid code object"))?;
                let code = vm.load_code(Arc::new(co));
                Value::Obj(ObjRef::new(vm.types.code.clone(), Payload::Code(code)))
            }
            TYPE_CODE => {
                // CPython's code object: read as CPython reads it (so short data fails the
                // same way), then refuse it: its bytecode cannot run here.
                for _ in 0..5 {
                    self.long(vm)?;
                }
                for _ in 0..7 {
                    self.read_object(vm)?;
                }
                self.long(vm)?;
                for _ in 0..2 {
                    self.read_object(vm)?;
                }
                return Err(bad(vm, "CPython code objects cannot be loaded by Krait"));
            }
            TYPE_REF => {
                let n = self.long(vm)?;
                return match usize::try_from(n).ok().and_then(|i| self.refs.get(i)) {
                    Some(Some(v)) => Ok(Some(v.clone())),
                    _ => Err(bad(vm, "invalid reference")),
                };
            }
            _ => return Err(bad(vm, "unknown type code")),
        };
        self.fill(flag, idx, &v);
        Ok(Some(v))
    }

    fn long_object(&mut self, vm: &mut Vm) -> PyResult<Value> {
        let n = self.long(vm)?;
        if n == 0 {
            return Ok(Value::Int(0));
        }
        let count = n.unsigned_abs() as usize;
        let mut digits: Vec<u32> = Vec::with_capacity(self.capacity(count));
        for j in 0..count {
            let md = self.short(vm)?;
            if !(0..=0x8000).contains(&md) {
                return Err(bad(vm, "digit out of range in long"));
            }
            if md == 0 && j == count - 1 {
                return Err(bad(vm, "unnormalized long data"));
            }
            digits.push(md as u32);
        }
        // Base 2**15 digits, least significant first, into 32-bit limbs.
        let mut limbs: Vec<u32> = Vec::with_capacity(digits.len() / 2 + 1);
        let mut acc: u64 = 0;
        let mut bits = 0u32;
        for d in digits {
            acc |= u64::from(d) << bits;
            bits += 15;
            if bits >= 32 {
                limbs.push(acc as u32);
                acc >>= 32;
                bits -= 32;
            }
        }
        if bits > 0 {
            limbs.push(acc as u32);
        }
        let sign = if n < 0 { Sign::Minus } else { Sign::Plus };
        Ok(Value::from_bigint(BigInt::from_slice(sign, &limbs), vm))
    }
}
