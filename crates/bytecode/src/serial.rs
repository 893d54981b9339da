//! Krait's binary form of a [`CodeObject`]: what the compiled-code cache (`__pycache__/*.krait-311.pyc`)
//! and `marshal` of a code object store.
//!
//! The layout is Krait's own (CPython's code objects hold different instructions), compact and
//! quick to read: a string table (every name, file name and text constant once), then the code
//! object tree. Integers are LEB128 varints, signed ones zigzag-encoded, positions are deltas.
//! [`decode`] never trusts its input: counts are bounded by the bytes left, nesting by
//! [`MAX_DEPTH`], and the result passes [`CodeObject::check`], so a truncated or corrupt file is
//! an `Err`, never a panic or a code object the VM would index out of bounds.
//!
//! Each nested code object is stored with its length, its name, qualified name and docstring
//! first, so [`decode_lazy`] can leave it undecoded ([`Constant::Lazy`]): most functions of an
//! imported module are never called, and decoding only the ones that run is what makes a
//! cached import cheap. A lazy code object is checked when it is decoded.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use num_bigint::{BigInt, Sign};

use crate::{
    ArgKind, BinaryOp, CodeFlags, CodeObject, CompareOp, Constant, ExceptionTableEntry,
    Instruction, LocalKind, Opcode, Position,
};

/// Version of this layout. Bump it whenever the encoding changes.
pub const FORMAT_VERSION: u32 = 2;

/// Deepest nesting of constants and code objects [`decode`] accepts (CPython's parser stops
/// at 200 nested brackets, so real code stays far below).
pub const MAX_DEPTH: usize = 1000;

/// Why bytes could not be decoded.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The input ended early.
    Truncated,
    /// The input is not a valid encoding (unknown tag, bad UTF-8, out-of-range index, ...).
    Invalid(&'static str),
}

const C_NONE: u8 = 0;
const C_ELLIPSIS: u8 = 1;
const C_FALSE: u8 = 2;
const C_TRUE: u8 = 3;
const C_INT: u8 = 4;
const C_BIGINT: u8 = 5;
const C_FLOAT: u8 = 6;
const C_COMPLEX: u8 = 7;
const C_STR: u8 = 8;
const C_STR_CPS: u8 = 9;
const C_BYTES: u8 = 10;
const C_TUPLE: u8 = 11;
const C_FROZENSET: u8 = 12;
const C_CODE: u8 = 13;

/// Encode a code object (and everything it holds).
pub fn encode(co: &CodeObject) -> Vec<u8> {
    let mut w = Writer::default();
    let mut body = Vec::with_capacity(4096);
    w.code(&mut body, co);
    let mut out = Vec::with_capacity(body.len() + w.table_bytes + 16);
    put_uvar(&mut out, w.strings.len() as u64);
    for s in &w.strings {
        put_uvar(&mut out, s.len() as u64);
        out.extend_from_slice(s.as_bytes());
    }
    out.extend_from_slice(&body);
    out
}

/// Decode what [`encode`] wrote, nested code objects included. The whole input must be
/// consumed.
pub fn decode(bytes: &[u8]) -> Result<CodeObject, DecodeError> {
    let mut r = Reader { b: bytes, pos: 0 };
    let table = string_table(&mut r)?;
    let mut d = Decoder {
        table: &table,
        depth: 0,
        lazy: None,
    };
    let co = d.code(&mut r)?;
    if r.pos != bytes.len() {
        return Err(DecodeError::Invalid("trailing bytes"));
    }
    Ok(co)
}

/// Decode what [`encode`] wrote, leaving every nested code object undecoded
/// ([`Constant::Lazy`], which keeps a copy of `bytes`). The whole input must be consumed.
pub fn decode_lazy(bytes: &[u8]) -> Result<CodeObject, DecodeError> {
    let mut r = Reader { b: bytes, pos: 0 };
    let table = string_table(&mut r)?;
    let start = r.pos;
    let src = Arc::new(LazySource {
        bytes: bytes.to_vec(),
        table,
    });
    let mut r = Reader {
        b: &src.bytes,
        pos: start,
    };
    let mut d = Decoder {
        table: &src.table,
        depth: 0,
        lazy: Some(&src),
    };
    let co = d.code(&mut r)?;
    if r.pos != src.bytes.len() {
        return Err(DecodeError::Invalid("trailing bytes"));
    }
    Ok(co)
}

/// The string table at the start of an encoding: all its strings in one text (checked
/// UTF-8 once), and where each lies in it.
struct StringTable {
    text: String,
    spans: Vec<(usize, usize)>,
}

impl StringTable {
    /// String `i`.
    fn get(&self, i: usize) -> Result<&str, DecodeError> {
        let bad = DecodeError::Invalid("bad string index");
        let &(start, end) = self.spans.get(i).ok_or(bad)?;
        self.text.get(start..end).ok_or(bad)
    }
}

fn string_table(r: &mut Reader<'_>) -> Result<StringTable, DecodeError> {
    let n = r.count()?;
    let mut spans = Vec::with_capacity(n);
    let mut text = String::new();
    for _ in 0..n {
        let len = r.count()?;
        let raw = r.take(len)?;
        let s = core::str::from_utf8(raw).map_err(|_| DecodeError::Invalid("bad UTF-8"))?;
        let start = text.len();
        text.push_str(s);
        spans.push((start, text.len()));
    }
    Ok(StringTable { text, spans })
}

/// The bytes of an encoding that lazy code objects decode from, and its string table.
struct LazySource {
    bytes: Vec<u8>,
    table: StringTable,
}

/// A nested code object still in its encoded form ([`Constant::Lazy`]): its name, qualified
/// name and docstring are at hand, the rest is decoded by [`LazyCode::decode`].
pub struct LazyCode {
    src: Arc<LazySource>,
    start: usize,
    end: usize,
    name: usize,
    qualname: usize,
    docstring: Option<usize>,
}

impl LazyCode {
    /// `co_name`.
    pub fn name(&self) -> &str {
        self.src.table.get(self.name).unwrap_or_default()
    }

    /// `co_qualname`.
    pub fn qualname(&self) -> &str {
        self.src.table.get(self.qualname).unwrap_or_default()
    }

    /// The docstring.
    pub fn docstring(&self) -> Option<&str> {
        self.docstring.and_then(|i| self.src.table.get(i).ok())
    }

    /// Decode the code object (its own nested code objects stay lazy).
    pub fn decode(&self) -> Result<CodeObject, DecodeError> {
        let b = self
            .src
            .bytes
            .get(..self.end)
            .ok_or(DecodeError::Truncated)?;
        let mut r = Reader { b, pos: self.start };
        let mut d = Decoder {
            table: &self.src.table,
            depth: 0,
            lazy: Some(&self.src),
        };
        let co = d.code(&mut r)?;
        if r.pos != self.end {
            return Err(DecodeError::Invalid("bad code length"));
        }
        Ok(co)
    }
}

impl core::fmt::Debug for LazyCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "LazyCode({})", self.qualname())
    }
}

/// A fast 64-bit checksum of `bytes` (not cryptographic): the cache stores it to notice a
/// damaged file.
pub fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = 0xCBF2_9CE4_8422_2325 ^ (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K).rotate_left(29);
    }
    h ^= h >> 32;
    h.wrapping_mul(K) ^ (h >> 29)
}

fn put_uvar(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_ivar(out: &mut Vec<u8>, n: i64) {
    put_uvar(out, ((n << 1) ^ (n >> 63)) as u64);
}

#[derive(Default)]
struct Writer {
    index: BTreeMap<String, u32>,
    strings: Vec<String>,
    table_bytes: usize,
}

impl Writer {
    fn s(&mut self, out: &mut Vec<u8>, s: &str) {
        let i = match self.index.get(s) {
            Some(&i) => i,
            None => {
                let i = self.strings.len() as u32;
                self.index.insert(String::from(s), i);
                self.strings.push(String::from(s));
                self.table_bytes += s.len() + 2;
                i
            }
        };
        put_uvar(out, u64::from(i));
    }

    fn code(&mut self, out: &mut Vec<u8>, co: &CodeObject) {
        self.s(out, &co.name);
        self.s(out, &co.qualname);
        match &co.docstring {
            Some(d) => {
                out.push(1);
                self.s(out, d);
            }
            None => out.push(0),
        }
        self.s(out, &co.filename);
        put_uvar(out, u64::from(co.first_line));
        put_uvar(out, u64::from(co.flags.0));
        put_uvar(out, u64::from(co.arg_count));
        put_uvar(out, u64::from(co.posonly_arg_count));
        put_uvar(out, u64::from(co.kwonly_arg_count));
        put_uvar(out, u64::from(co.max_stack));
        put_uvar(out, co.instructions.len() as u64);
        for i in &co.instructions {
            out.push(i.op as u8);
            put_uvar(out, u64::from(i.arg));
        }
        let mut line = 0i64;
        let mut positions = co.positions.iter();
        for _ in 0..co.instructions.len() {
            let p = positions.next().unwrap_or_default();
            put_ivar(out, i64::from(p.line) - line);
            line = i64::from(p.line);
            put_ivar(out, i64::from(p.end_line) - i64::from(p.line));
            put_uvar(out, u64::from(p.col));
            put_ivar(out, i64::from(p.end_col) - i64::from(p.col));
        }
        put_uvar(out, co.constants.len() as u64);
        for c in &co.constants {
            self.constant(out, c);
        }
        put_uvar(out, co.names.len() as u64);
        for n in &co.names {
            self.s(out, n);
        }
        put_uvar(out, co.localsplus.len() as u64);
        for (n, k) in co.localsplus.iter().zip(&co.localsplus_kinds) {
            self.s(out, n);
            out.push(k.0);
        }
        put_uvar(out, co.exception_table.len() as u64);
        for e in &co.exception_table {
            put_uvar(out, u64::from(e.start));
            put_uvar(out, u64::from(e.end));
            put_uvar(out, u64::from(e.target));
            put_uvar(out, u64::from(e.depth));
            out.push(u8::from(e.lasti));
        }
    }

    fn constant(&mut self, out: &mut Vec<u8>, c: &Constant) {
        match c {
            Constant::None => out.push(C_NONE),
            Constant::Ellipsis => out.push(C_ELLIPSIS),
            Constant::Bool(false) => out.push(C_FALSE),
            Constant::Bool(true) => out.push(C_TRUE),
            Constant::Int(i) => {
                out.push(C_INT);
                put_ivar(out, *i);
            }
            Constant::BigInt(b) => {
                out.push(C_BIGINT);
                let (sign, mag) = b.to_bytes_le();
                out.push(u8::from(sign == Sign::Minus));
                put_uvar(out, mag.len() as u64);
                out.extend_from_slice(&mag);
            }
            Constant::Float(f) => {
                out.push(C_FLOAT);
                out.extend_from_slice(&f.to_bits().to_le_bytes());
            }
            Constant::Complex(re, im) => {
                out.push(C_COMPLEX);
                out.extend_from_slice(&re.to_bits().to_le_bytes());
                out.extend_from_slice(&im.to_bits().to_le_bytes());
            }
            Constant::Str(text) => match text.as_str() {
                Some(s) => {
                    out.push(C_STR);
                    self.s(out, s);
                }
                None => {
                    out.push(C_STR_CPS);
                    put_uvar(out, text.len() as u64);
                    for cp in text.code_points() {
                        put_uvar(out, u64::from(cp));
                    }
                }
            },
            Constant::Bytes(b) => {
                out.push(C_BYTES);
                put_uvar(out, b.len() as u64);
                out.extend_from_slice(b);
            }
            Constant::Tuple(items) | Constant::FrozenSet(items) => {
                out.push(if matches!(c, Constant::Tuple(_)) {
                    C_TUPLE
                } else {
                    C_FROZENSET
                });
                put_uvar(out, items.len() as u64);
                for i in items.iter() {
                    self.constant(out, i);
                }
            }
            Constant::Code(co) => self.nested(out, co),
            Constant::Lazy(lazy) => match lazy.decode() {
                Ok(co) => self.nested(out, &co),
                // Only a damaged cache file that still matched its checksum gets here.
                Err(_) => out.push(C_NONE),
            },
        }
    }

    /// A nested code object: its length, then its encoding.
    fn nested(&mut self, out: &mut Vec<u8>, co: &CodeObject) {
        let mut body = Vec::with_capacity(256);
        self.code(&mut body, co);
        out.push(C_CODE);
        put_uvar(out, body.len() as u64);
        out.extend_from_slice(&body);
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn u8(&mut self) -> Result<u8, DecodeError> {
        let v = *self.b.get(self.pos).ok_or(DecodeError::Truncated)?;
        self.pos += 1;
        Ok(v)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let end = self.pos.checked_add(n).ok_or(DecodeError::Truncated)?;
        let s = self.b.get(self.pos..end).ok_or(DecodeError::Truncated)?;
        self.pos = end;
        Ok(s)
    }

    #[inline]
    fn uvar(&mut self) -> Result<u64, DecodeError> {
        match self.b.get(self.pos) {
            Some(&b) if b < 0x80 => {
                self.pos += 1;
                Ok(u64::from(b))
            }
            _ => self.uvar_long(),
        }
    }

    fn uvar_long(&mut self) -> Result<u64, DecodeError> {
        let mut n = 0u64;
        let mut shift = 0u32;
        loop {
            let b = self.u8()?;
            if shift == 63 && b > 1 {
                return Err(DecodeError::Invalid("varint overflow"));
            }
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
            shift += 7;
            if shift > 63 {
                return Err(DecodeError::Invalid("varint overflow"));
            }
        }
    }

    #[inline]
    fn ivar(&mut self) -> Result<i64, DecodeError> {
        let u = self.uvar()?;
        Ok(((u >> 1) as i64) ^ -((u & 1) as i64))
    }

    #[inline]
    fn u32(&mut self) -> Result<u32, DecodeError> {
        u32::try_from(self.uvar()?).map_err(|_| DecodeError::Invalid("number out of range"))
    }

    /// A number of items still to read, each at least one byte: bounded by what is left, so
    /// a corrupt count cannot reserve huge memory.
    fn count(&mut self) -> Result<usize, DecodeError> {
        let n = self.uvar()?;
        let left = (self.b.len() - self.pos) as u64;
        if n > left {
            return Err(DecodeError::Truncated);
        }
        Ok(n as usize)
    }

    fn f64(&mut self) -> Result<f64, DecodeError> {
        let raw = self.take(8)?;
        let mut w = [0u8; 8];
        w.copy_from_slice(raw);
        Ok(f64::from_bits(u64::from_le_bytes(w)))
    }
}

/// Add a signed delta to a position field, refusing results outside `u32`.
fn offset(base: u32, delta: i64) -> Result<u32, DecodeError> {
    u32::try_from(i64::from(base) + delta).map_err(|_| DecodeError::Invalid("bad position"))
}

struct Decoder<'s> {
    table: &'s StringTable,
    depth: usize,
    /// Where nested code objects stay undecoded, if they do.
    lazy: Option<&'s Arc<LazySource>>,
}

impl Decoder<'_> {
    /// A string-table index.
    fn index(&self, r: &mut Reader<'_>) -> Result<usize, DecodeError> {
        let i = r.uvar()? as usize;
        if i >= self.table.spans.len() {
            return Err(DecodeError::Invalid("bad string index"));
        }
        Ok(i)
    }

    fn s(&self, r: &mut Reader<'_>) -> Result<String, DecodeError> {
        let i = r.uvar()? as usize;
        self.table.get(i).map(String::from)
    }

    fn docstring_index(&self, r: &mut Reader<'_>) -> Result<Option<usize>, DecodeError> {
        match r.u8()? {
            0 => Ok(None),
            1 => Ok(Some(self.index(r)?)),
            _ => Err(DecodeError::Invalid("bad flag")),
        }
    }

    fn enter(&mut self) -> Result<(), DecodeError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(DecodeError::Invalid("nested too deeply"));
        }
        Ok(())
    }

    fn code(&mut self, r: &mut Reader<'_>) -> Result<CodeObject, DecodeError> {
        self.enter()?;
        let name = self.s(r)?;
        let qualname = self.s(r)?;
        let docstring = match self.docstring_index(r)? {
            Some(i) => Some(String::from(self.table.get(i)?)),
            None => None,
        };
        let filename = self.s(r)?;
        let first_line = r.u32()?;
        let flags = CodeFlags(r.u32()?);
        let arg_count = r.u32()?;
        let posonly_arg_count = r.u32()?;
        let kwonly_arg_count = r.u32()?;
        let max_stack = r.u32()?;
        let n = r.count()?;
        let mut instructions = Vec::with_capacity(n);
        for _ in 0..n {
            let op = Opcode::from_u8(r.u8()?).ok_or(DecodeError::Invalid("unknown opcode"))?;
            instructions.push(Instruction::new(op, r.u32()?));
        }
        let mut positions = Vec::with_capacity(n);
        let mut line = 0u32;
        for _ in 0..n {
            line = offset(line, r.ivar()?)?;
            let end_line = offset(line, r.ivar()?)?;
            let col = r.u32()?;
            let end_col = offset(col, r.ivar()?)?;
            positions.push(Position {
                line,
                end_line,
                col,
                end_col,
            });
        }
        let n = r.count()?;
        let mut constants = Vec::with_capacity(n);
        for _ in 0..n {
            constants.push(self.constant(r)?);
        }
        let n = r.count()?;
        let mut names = Vec::with_capacity(n);
        for _ in 0..n {
            names.push(self.s(r)?);
        }
        let n = r.count()?;
        let mut localsplus = Vec::with_capacity(n);
        let mut localsplus_kinds = Vec::with_capacity(n);
        for _ in 0..n {
            localsplus.push(self.s(r)?);
            localsplus_kinds.push(LocalKind(r.u8()?));
        }
        let n = r.count()?;
        let mut exception_table = Vec::with_capacity(n);
        for _ in 0..n {
            exception_table.push(ExceptionTableEntry {
                start: r.u32()?,
                end: r.u32()?,
                target: r.u32()?,
                depth: r.u32()?,
                lasti: match r.u8()? {
                    0 => false,
                    1 => true,
                    _ => return Err(DecodeError::Invalid("bad flag")),
                },
            });
        }
        self.depth -= 1;
        let co = CodeObject {
            name,
            qualname,
            filename,
            first_line,
            flags,
            arg_count,
            posonly_arg_count,
            kwonly_arg_count,
            instructions,
            positions: positions.into_iter().collect(),
            constants,
            names,
            localsplus,
            localsplus_kinds,
            exception_table,
            max_stack,
            docstring,
        };
        co.check().map_err(DecodeError::Invalid)?;
        Ok(co)
    }

    fn constant(&mut self, r: &mut Reader<'_>) -> Result<Constant, DecodeError> {
        Ok(match r.u8()? {
            C_NONE => Constant::None,
            C_ELLIPSIS => Constant::Ellipsis,
            C_FALSE => Constant::Bool(false),
            C_TRUE => Constant::Bool(true),
            C_INT => Constant::Int(r.ivar()?),
            C_BIGINT => {
                let neg = r.u8()? != 0;
                let len = r.count()?;
                let mag = r.take(len)?;
                let sign = if neg { Sign::Minus } else { Sign::Plus };
                Constant::BigInt(BigInt::from_bytes_le(sign, mag))
            }
            C_FLOAT => Constant::Float(r.f64()?),
            C_COMPLEX => Constant::Complex(r.f64()?, r.f64()?),
            C_STR => {
                let i = r.uvar()? as usize;
                Constant::str(self.table.get(i)?)
            }
            C_STR_CPS => {
                let n = r.count()?;
                let mut cps = Vec::with_capacity(n);
                for _ in 0..n {
                    let cp = r.u32()?;
                    if cp > 0x10FFFF {
                        return Err(DecodeError::Invalid("bad code point"));
                    }
                    cps.push(cp);
                }
                Constant::Str(cps.into())
            }
            C_BYTES => {
                let n = r.count()?;
                Constant::Bytes(Arc::from(r.take(n)?))
            }
            tag @ (C_TUPLE | C_FROZENSET) => {
                self.enter()?;
                let n = r.count()?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.constant(r)?);
                }
                self.depth -= 1;
                if tag == C_TUPLE {
                    Constant::Tuple(items.into())
                } else {
                    Constant::FrozenSet(items.into())
                }
            }
            C_CODE => {
                let len = r.count()?;
                let start = r.pos;
                r.take(len)?;
                let end = start + len;
                match self.lazy {
                    Some(src) => {
                        let mut h = Reader {
                            b: r.b.get(..end).ok_or(DecodeError::Truncated)?,
                            pos: start,
                        };
                        let name = self.index(&mut h)?;
                        let qualname = self.index(&mut h)?;
                        let docstring = self.docstring_index(&mut h)?;
                        Constant::Lazy(Arc::new(LazyCode {
                            src: src.clone(),
                            start,
                            end,
                            name,
                            qualname,
                            docstring,
                        }))
                    }
                    None => {
                        let mut sub = Reader {
                            b: r.b.get(..end).ok_or(DecodeError::Truncated)?,
                            pos: start,
                        };
                        let co = self.code(&mut sub)?;
                        if sub.pos != end {
                            return Err(DecodeError::Invalid("bad code length"));
                        }
                        Constant::Code(Arc::new(co))
                    }
                }
            }
            _ => return Err(DecodeError::Invalid("unknown constant tag")),
        })
    }
}

impl CodeObject {
    /// Check that the VM can run this code without indexing out of bounds: one position per
    /// instruction, one kind per local, every operand within the table it indexes, jump and
    /// handler targets within the code. (It does not prove the stack discipline: the eval
    /// loop checks underflow itself.)
    pub fn check(&self) -> Result<(), &'static str> {
        let n = self.instructions.len();
        if self.positions.len() != n {
            return Err("positions do not match instructions");
        }
        if self.localsplus_kinds.len() != self.localsplus.len() {
            return Err("local kinds do not match locals");
        }
        if (self.arg_count as usize)
            .saturating_add(self.kwonly_arg_count as usize)
            .saturating_add(usize::from(self.flags.has(CodeFlags::VARARGS)))
            .saturating_add(usize::from(self.flags.has(CodeFlags::VARKEYWORDS)))
            > self.localsplus.len()
            || self.posonly_arg_count > self.arg_count
        {
            return Err("bad argument counts");
        }
        for i in &self.instructions {
            let a = i.arg as usize;
            let ok = match i.op.arg_kind() {
                ArgKind::None | ArgKind::Count => true,
                ArgKind::Const => a < self.constants.len(),
                ArgKind::Name => a < self.names.len(),
                ArgKind::GlobalName => (a >> 1) < self.names.len(),
                ArgKind::Local => a < self.localsplus.len(),
                ArgKind::Jump => a < n,
                ArgKind::Compare => CompareOp::from_u32(i.arg).is_some(),
                ArgKind::Binary => BinaryOp::from_u32(i.arg).is_some(),
            };
            if !ok {
                return Err("operand out of range");
            }
        }
        for e in &self.exception_table {
            if e.start > e.end || e.end as usize > n || e.target as usize >= n {
                return Err("bad exception table");
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PositionTable;

    fn sample() -> CodeObject {
        let inner = CodeObject {
            name: "f".into(),
            qualname: "f".into(),
            filename: "t.py".into(),
            first_line: 3,
            arg_count: 1,
            instructions: alloc::vec![
                Instruction::new(Opcode::RESUME, 0),
                Instruction::new(Opcode::LOAD_FAST, 0),
                Instruction::new(Opcode::RETURN_VALUE, 0),
            ],
            positions: PositionTable::new(&[Position::default(); 3]),
            localsplus: alloc::vec!["x".into()],
            localsplus_kinds: alloc::vec![LocalKind(LocalKind::LOCAL)],
            max_stack: 1,
            docstring: Some("doc \u{e9}".into()),
            ..Default::default()
        };
        CodeObject {
            name: "<module>".into(),
            qualname: "<module>".into(),
            filename: "t.py".into(),
            first_line: 1,
            instructions: alloc::vec![
                Instruction::new(Opcode::LOAD_CONST, 0),
                Instruction::new(Opcode::JUMP_FORWARD, 2),
                Instruction::new(Opcode::RETURN_VALUE, 0),
            ],
            positions: PositionTable::new(&[
                Position {
                    line: 1,
                    end_line: 1,
                    col: 0,
                    end_col: 5,
                },
                Position {
                    line: 7,
                    end_line: 9,
                    col: 4,
                    end_col: 2,
                },
                Position::default(),
            ]),
            constants: alloc::vec![
                Constant::None,
                Constant::Int(-5),
                Constant::BigInt(BigInt::from(-1) << 100),
                Constant::Float(-0.0),
                Constant::Complex(1.5, f64::NAN),
                Constant::str("hi"),
                Constant::Str(alloc::vec![0x61, 0xD800].into()),
                Constant::Bytes(Arc::from(&b"\x00\xff"[..])),
                Constant::Tuple(alloc::vec![Constant::Bool(true), Constant::Ellipsis].into()),
                Constant::FrozenSet(alloc::vec![Constant::str("a")].into()),
                Constant::Code(Arc::new(inner)),
            ],
            names: alloc::vec!["print".into()],
            exception_table: alloc::vec![ExceptionTableEntry {
                start: 0,
                end: 2,
                target: 2,
                depth: 0,
                lasti: true
            }],
            max_stack: 2,
            ..Default::default()
        }
    }

    #[test]
    fn round_trips() {
        let co = sample();
        let bytes = encode(&co);
        let back = decode(&bytes).unwrap();
        assert_eq!(encode(&back), bytes);
        assert_eq!(back.positions, co.positions);
        assert_eq!(back.instructions, co.instructions);
        assert_eq!(back.exception_table, co.exception_table);
        for (a, b) in back.constants.iter().zip(&co.constants) {
            if let (Constant::Code(x), Constant::Code(y)) = (a, b) {
                assert_eq!(x.docstring, y.docstring);
                assert_eq!(x.localsplus, y.localsplus);
            } else {
                assert!(a.same_as(b), "{a:?} != {b:?}");
            }
        }
    }

    #[test]
    fn lazy_decoding_matches_eager() {
        let co = sample();
        let bytes = encode(&co);
        let lazy = decode_lazy(&bytes).unwrap();
        let Some(Constant::Lazy(l)) = lazy.constants.last() else {
            panic!("nested code decoded eagerly");
        };
        assert_eq!((l.name(), l.qualname()), ("f", "f"));
        assert_eq!(l.docstring(), Some("doc \u{e9}"));
        let inner = l.decode().unwrap();
        let Some(Constant::Code(orig)) = co.constants.last() else {
            unreachable!()
        };
        assert_eq!(inner.instructions, orig.instructions);
        assert_eq!(inner.localsplus, orig.localsplus);
        assert_eq!(inner.docstring, orig.docstring);
        // Encoding decodes what is lazy: the bytes come back the same.
        assert_eq!(encode(&lazy), bytes);
        for n in 0..bytes.len() {
            assert!(
                decode_lazy(&bytes[..n]).is_err(),
                "prefix of {n} bytes decoded"
            );
        }
    }

    #[test]
    fn every_truncation_is_an_error() {
        let bytes = encode(&sample());
        for n in 0..bytes.len() {
            assert!(decode(&bytes[..n]).is_err(), "prefix of {n} bytes decoded");
        }
        let mut long = bytes.clone();
        long.push(0);
        assert!(decode(&long).is_err());
    }

    #[test]
    fn random_and_flipped_bytes_never_panic() {
        let bytes = encode(&sample());
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20000 {
            let mut b = bytes.clone();
            for _ in 0..1 + next() % 4 {
                let i = (next() as usize) % b.len();
                b[i] = next() as u8;
            }
            let _ = decode(&b);
            if let Ok(co) = decode_lazy(&b) {
                for c in &co.constants {
                    if let Constant::Lazy(l) = c {
                        let _ = (l.name(), l.docstring(), l.decode());
                    }
                }
            }
            let len = (next() % 64) as usize;
            let noise: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            let _ = decode(&noise);
        }
    }

    #[test]
    fn out_of_range_operands_are_refused() {
        let mut co = sample();
        co.instructions[0] = Instruction::new(Opcode::LOAD_CONST, 99);
        assert!(decode(&encode(&co)).is_err());
        let mut co = sample();
        co.instructions[1] = Instruction::new(Opcode::JUMP_FORWARD, 3);
        assert!(decode(&encode(&co)).is_err());
    }
}
