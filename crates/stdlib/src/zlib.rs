//! `zlib` (CPython: `Modules/zlibmodule.c`): `compress`/`decompress`, `crc32`/`adler32` and
//! the streaming `compressobj`/`decompressobj`, over `miniz_oxide`'s raw DEFLATE. The zlib and
//! gzip wrappers (headers, Adler-32/CRC-32 trailers, `wbits` auto-detection) are done here, so
//! the errors name what zlib names ("incorrect header check", "incorrect data check", ...).
//! Compressed bytes are valid streams but not always byte-identical to zlib's. Preset
//! dictionaries (`zdict`) are not supported yet.

use std::cell::RefCell;

use krait_vm::native::{bind_args, method_args, native_ref};
use krait_vm::object::{ObjRef, Payload};
use krait_vm::objects::bytes::buffer_arg;
use krait_vm::objects::function::{Args, MethodDef, MethodKind, NativeFn};
use krait_vm::value::Value;
use krait_vm::{PyErr, PyResult, Vm};
use miniz_oxide::deflate::core::{CompressorOxide, create_comp_flags_from_zip_params};
use miniz_oxide::deflate::stream::deflate;
use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::stream::{InflateState, inflate};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

const DEF_BUF_SIZE: i64 = 16384;
const MAX_WBITS: i64 = 15;
const Z_FINISH: i64 = 4;
const CHUNK: usize = 64 * 1024;

pub(crate) fn register(vm: &mut Vm) {
    vm.builtin_modules.push(("zlib", init));
}

fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let base = vm.types.exception.clone();
    let err = krait_vm::modules::module_exception(vm, "zlib.error", "zlib", "error", base)?;
    krait_vm::modules::set_attr(vm, m, "error", Value::Obj(err));
    vm.add_functions(
        m,
        &[
            ("compress", z_compress),
            ("decompress", z_decompress),
            ("compressobj", z_compressobj),
            ("decompressobj", z_decompressobj),
            ("crc32", z_crc32),
            ("adler32", z_adler32),
        ],
    );
    for (name, v) in [
        ("MAX_WBITS", MAX_WBITS),
        ("DEFLATED", 8),
        ("DEF_MEM_LEVEL", 8),
        ("DEF_BUF_SIZE", DEF_BUF_SIZE),
        ("Z_NO_COMPRESSION", 0),
        ("Z_BEST_SPEED", 1),
        ("Z_BEST_COMPRESSION", 9),
        ("Z_DEFAULT_COMPRESSION", -1),
        ("Z_FILTERED", 1),
        ("Z_HUFFMAN_ONLY", 2),
        ("Z_RLE", 3),
        ("Z_FIXED", 4),
        ("Z_DEFAULT_STRATEGY", 0),
        ("Z_NO_FLUSH", 0),
        ("Z_PARTIAL_FLUSH", 1),
        ("Z_SYNC_FLUSH", 2),
        ("Z_FULL_FLUSH", 3),
        ("Z_FINISH", Z_FINISH),
        ("Z_BLOCK", 5),
        ("Z_TREES", 6),
    ] {
        krait_vm::modules::set_attr(vm, m, name, Value::Int(v));
    }
    for name in ["ZLIB_VERSION", "ZLIB_RUNTIME_VERSION"] {
        let v = vm.new_str("1.2.13");
        krait_vm::modules::set_attr(vm, m, name, v);
    }
    Ok(())
}

fn error(vm: &mut Vm, msg: impl Into<String>) -> PyErr {
    match vm.mods.ext_types.get("zlib.error").cloned() {
        Some(t) => vm.new_exception_msg(&t, msg),
        None => vm.value_error(msg),
    }
}

/// zlib's "Error N while <doing>: <msg>".
fn zerr(vm: &mut Vm, code: i32, doing: &str, msg: &str) -> PyErr {
    error(vm, format!("Error {code} {doing}: {msg}"))
}

const CRC_TABLE: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
};

/// CRC-32 (zlib's `crc32`) of `data`, continuing from `crc`.
pub(crate) fn crc32_update(crc: u32, data: &[u8]) -> u32 {
    let mut c = !crc;
    for &b in data {
        c = CRC_TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

/// Adler-32 of `data`, continuing from `adler`.
fn adler32_update(adler: u32, data: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    let mut a = adler & 0xffff;
    let mut b = adler >> 16;
    // 5552 bytes is the most that cannot overflow u32 before the reduction.
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

/// A checksum's starting value: any int, reduced to its low 32 bits.
fn start_value(vm: &mut Vm, v: &Value, default: u32) -> PyResult<u32> {
    if v.is_null() {
        return Ok(default);
    }
    let n = vm.index_value(v)?;
    let Some(i) = krait_vm::objects::number::int_ref(&n) else {
        return Ok(default);
    };
    let mask = (num_bigint::BigInt::from(1u64) << 32u32) - 1;
    Ok(u32::try_from(i.to_big() & mask).unwrap_or(0))
}

fn z_crc32(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "crc32", &["data", "value"], 1)?;
    let data = buffer_arg(vm, &a[0])?;
    let start = start_value(vm, &a[1], 0)?;
    Ok(Value::Int(i64::from(crc32_update(start, &data))))
}

fn z_adler32(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "adler32", &["data", "value"], 1)?;
    let data = buffer_arg(vm, &a[0])?;
    let start = start_value(vm, &a[1], 1)?;
    Ok(Value::Int(i64::from(adler32_update(start, &data))))
}

fn int_arg(vm: &mut Vm, v: &Value, default: i64) -> PyResult<i64> {
    if v.is_null() {
        return Ok(default);
    }
    vm.index_to_i64(v)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Wrap {
    Zlib,
    Raw,
    Gzip,
    /// Decompression only: zlib or gzip, whichever the header says.
    Auto,
}

// ---------------------------------------------------------------------------------------------
// Compression

#[derive(Clone)]
struct Deflater {
    comp: Box<CompressorOxide>,
    wrap: Wrap,
    level: i64,
    strategy: i64,
    header_done: bool,
    check: u32,
    total: u32,
    finished: bool,
}

impl Deflater {
    /// `None` for options zlib's `deflateInit2` refuses.
    fn new(level: i64, wbits: i64, strategy: i64) -> Option<Deflater> {
        if !(-1..=9).contains(&level) || !(0..=4).contains(&strategy) {
            return None;
        }
        let wrap = match wbits {
            8..=15 => Wrap::Zlib,
            -15..=-9 => Wrap::Raw,
            25..=31 => Wrap::Gzip,
            _ => return None,
        };
        let lvl = if level < 0 { 6 } else { level };
        let flags = create_comp_flags_from_zip_params(lvl as i32, -15, strategy as i32);
        Some(Deflater {
            comp: Box::new(CompressorOxide::new(flags)),
            wrap,
            level: lvl,
            strategy,
            header_done: false,
            check: if wrap == Wrap::Gzip { 0 } else { 1 },
            total: 0,
            finished: false,
        })
    }

    fn header(&self) -> Vec<u8> {
        match self.wrap {
            Wrap::Zlib => {
                let level_flags: u16 = if self.strategy >= 2 || self.level < 2 {
                    0
                } else if self.level < 6 {
                    1
                } else if self.level == 6 {
                    2
                } else {
                    3
                };
                let mut h: u16 = (0x78 << 8) | (level_flags << 6);
                h += 31 - h % 31;
                h.to_be_bytes().to_vec()
            }
            Wrap::Gzip => {
                let xfl = if self.level == 9 {
                    2
                } else if self.strategy >= 2 || self.level < 2 {
                    4
                } else {
                    0
                };
                vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 3]
            }
            Wrap::Raw | Wrap::Auto => Vec::new(),
        }
    }

    /// Compress `data` with `flush`; `Err(code)` for a zlib error code.
    fn run(&mut self, data: &[u8], flush: MZFlush) -> Result<Vec<u8>, i32> {
        if self.finished {
            return Err(-2);
        }
        let mut out = Vec::new();
        if !self.header_done {
            out = self.header();
            self.header_done = true;
        }
        match self.wrap {
            Wrap::Gzip => self.check = crc32_update(self.check, data),
            _ => self.check = adler32_update(self.check, data),
        }
        self.total = self.total.wrapping_add(data.len() as u32);
        let mut pos = 0;
        let mut buf = vec![0u8; CHUNK];
        loop {
            let r = deflate(&mut self.comp, &data[pos..], &mut buf, flush);
            pos += r.bytes_consumed;
            out.extend_from_slice(&buf[..r.bytes_written]);
            match r.status {
                Ok(MZStatus::StreamEnd) => break,
                Ok(_) => {
                    if pos >= data.len() && r.bytes_written < buf.len() && flush != MZFlush::Finish
                    {
                        break;
                    }
                }
                Err(MZError::Buf) => break,
                Err(_) => return Err(-2),
            }
        }
        if flush == MZFlush::Finish {
            self.finished = true;
            match self.wrap {
                Wrap::Zlib => out.extend_from_slice(&self.check.to_be_bytes()),
                Wrap::Gzip => {
                    out.extend_from_slice(&self.check.to_le_bytes());
                    out.extend_from_slice(&self.total.to_le_bytes());
                }
                Wrap::Raw | Wrap::Auto => {}
            }
        }
        Ok(out)
    }
}

/// `zlib.compress(data, /, level=-1, wbits=15)`.
fn z_compress(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "compress", &["data", "level", "wbits"], 1)?;
    let data = buffer_arg(vm, &a[0])?;
    let level = int_arg(vm, &a[1], -1)?;
    let wbits = int_arg(vm, &a[2], MAX_WBITS)?;
    let Some(mut d) = Deflater::new(level, wbits, 0) else {
        return Err(error(vm, "Bad compression level"));
    };
    match d.run(&data, MZFlush::Finish) {
        Ok(out) => Ok(vm.new_bytes(out)),
        Err(code) => Err(zerr(
            vm,
            code,
            "while compressing data",
            "inconsistent stream state",
        )),
    }
}

struct CompressObj(RefCell<Deflater>);

fn compress_type(vm: &mut Vm) -> ObjRef {
    if let Some(t) = vm.mods.ext_types.get("zlib.Compress") {
        return t.clone();
    }
    let t = krait_vm::modules::new_type(vm, "zlib", "Compress", false);
    let def = |name: &'static str, func: NativeFn| MethodDef {
        name,
        func,
        kind: MethodKind::Instance,
        doc: "",
    };
    vm.add_methods(
        &t,
        &[
            def("compress", c_compress),
            def("flush", c_flush),
            def("copy", c_copy),
            def("__copy__", c_copy),
        ],
    );
    vm.mods.ext_types.insert("zlib.Compress", t.clone());
    t
}

/// `zlib.compressobj(level=-1, method=DEFLATED, wbits=MAX_WBITS, memLevel=DEF_MEM_LEVEL,
/// strategy=Z_DEFAULT_STRATEGY, zdict=None)`.
fn z_compressobj(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(
        vm,
        &args,
        "compressobj",
        &["level", "method", "wbits", "memLevel", "strategy", "zdict"],
        0,
    )?;
    let level = int_arg(vm, &a[0], -1)?;
    let method = int_arg(vm, &a[1], 8)?;
    let wbits = int_arg(vm, &a[2], MAX_WBITS)?;
    let mem_level = int_arg(vm, &a[3], 8)?;
    let strategy = int_arg(vm, &a[4], 0)?;
    if !a[5].is_null() && !a[5].is_none() {
        return Err(vm.not_implemented_error("zlib.compressobj(): zdict is not supported yet"));
    }
    let d = if method == 8 && (1..=9).contains(&mem_level) {
        Deflater::new(level, wbits, strategy)
    } else {
        None
    };
    let Some(d) = d else {
        return Err(vm.value_error("Invalid initialization option"));
    };
    let t = compress_type(vm);
    Ok(Value::Obj(vm.new_object(
        &t,
        Payload::Native(Box::new(CompressObj(RefCell::new(d)))),
    )))
}

fn compress_obj<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a CompressObj> {
    match native_ref::<CompressObj>(v) {
        Some(c) => Ok(c),
        None => Err(vm.type_error("a zlib.Compress object is required")),
    }
}

fn c_compress(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "compress", 1, 1)?;
    let data = buffer_arg(vm, &rest[0])?;
    let r = compress_obj(vm, this)?
        .0
        .borrow_mut()
        .run(&data, MZFlush::None);
    match r {
        Ok(out) => Ok(vm.new_bytes(out)),
        Err(code) => Err(zerr(
            vm,
            code,
            "while compressing data",
            "inconsistent stream state",
        )),
    }
}

fn c_flush(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "flush", 0, 1)?;
    let mode = match rest.first() {
        Some(v) => vm.index_to_i64(v)?,
        None => Z_FINISH,
    };
    let c = compress_obj(vm, this)?;
    if mode == 0 {
        return Ok(vm.new_bytes(Vec::new()));
    }
    let flush = match mode {
        1 | 2 | 5 => Some(MZFlush::Sync),
        3 => Some(MZFlush::Full),
        4 => Some(MZFlush::Finish),
        _ => None,
    };
    let r = match flush {
        Some(f) => c.0.borrow_mut().run(&[], f),
        None => Err(-2),
    };
    match r {
        Ok(out) => Ok(vm.new_bytes(out)),
        Err(code) => Err(zerr(
            vm,
            code,
            "while flushing",
            "inconsistent stream state",
        )),
    }
}

fn c_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "copy", 0, 1)?;
    let d = compress_obj(vm, this)?.0.borrow().clone();
    if d.finished {
        return Err(vm.value_error("Inconsistent stream state"));
    }
    let t = vm.type_of(this);
    Ok(Value::Obj(vm.new_object(
        &t,
        Payload::Native(Box::new(CompressObj(RefCell::new(d)))),
    )))
}

// ---------------------------------------------------------------------------------------------
// Decompression

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Header,
    Body,
    Trailer,
    Done,
}

#[derive(Clone)]
struct Inflater {
    state: Box<InflateState>,
    wrap: Wrap,
    /// The window `wbits` allows (0: whatever the zlib header says).
    window: i64,
    phase: Phase,
    /// Header or trailer bytes seen so far.
    pending: Vec<u8>,
    check: u32,
    total: u32,
}

/// A zlib error: code and message.
type ZError = (i32, &'static str);

impl Inflater {
    fn new(wbits: i64) -> Option<Inflater> {
        let (wrap, window) = match wbits {
            0 => (Wrap::Zlib, 0),
            8..=15 => (Wrap::Zlib, wbits),
            -15..=-8 => (Wrap::Raw, -wbits),
            24..=31 => (Wrap::Gzip, wbits - 16),
            40..=47 => (Wrap::Auto, wbits - 32),
            _ => return None,
        };
        Some(Inflater {
            state: InflateState::new_boxed(DataFormat::Raw),
            wrap,
            window,
            phase: if wrap == Wrap::Raw {
                Phase::Body
            } else {
                Phase::Header
            },
            pending: Vec::new(),
            check: 0,
            total: 0,
        })
    }

    /// The header's length once `pending` holds all of it.
    fn parse_header(&mut self) -> Result<Option<usize>, ZError> {
        let h = &self.pending;
        if self.wrap == Wrap::Auto {
            if h.len() >= 2 && h[0] == 0x1f && h[1] == 0x8b {
                self.wrap = Wrap::Gzip;
            } else if h.len() >= 2 || h.first().is_some_and(|&b| b != 0x1f) {
                self.wrap = Wrap::Zlib;
            } else {
                return Ok(None);
            }
        }
        if self.wrap == Wrap::Zlib {
            if h.len() < 2 {
                return Ok(None);
            }
            let (cmf, flg) = (h[0], h[1]);
            if ((u16::from(cmf) << 8) | u16::from(flg)) % 31 != 0 {
                return Err((-3, "incorrect header check"));
            }
            if cmf & 0x0f != 8 {
                return Err((-3, "unknown compression method"));
            }
            let bits = i64::from(cmf >> 4) + 8;
            if bits > 15 || (self.window != 0 && bits > self.window) {
                return Err((-3, "invalid window size"));
            }
            if flg & 0x20 != 0 {
                return Err((2, ""));
            }
            self.check = 1;
            return Ok(Some(2));
        }
        // gzip
        if h.len() < 10 {
            if h.first().is_some_and(|&b| b != 0x1f) || (h.len() >= 2 && h[1] != 0x8b) {
                return Err((-3, "incorrect header check"));
            }
            return Ok(None);
        }
        if h[0] != 0x1f || h[1] != 0x8b {
            return Err((-3, "incorrect header check"));
        }
        if h[2] != 8 {
            return Err((-3, "unknown compression method"));
        }
        let flags = h[3];
        if flags & 0xe0 != 0 {
            return Err((-3, "unknown header flags set"));
        }
        let mut pos = 10;
        if flags & 4 != 0 {
            if h.len() < pos + 2 {
                return Ok(None);
            }
            pos += 2 + usize::from(u16::from_le_bytes([h[pos], h[pos + 1]]));
            if h.len() < pos {
                return Ok(None);
            }
        }
        for bit in [8u8, 16] {
            if flags & bit != 0 {
                match h[pos..].iter().position(|&b| b == 0) {
                    Some(i) => pos += i + 1,
                    None => return Ok(None),
                }
            }
        }
        if flags & 2 != 0 {
            pos += 2;
            if h.len() < pos {
                return Ok(None);
            }
        }
        self.check = 0;
        Ok(Some(pos))
    }

    /// Decompress from `input` into `out` (at most `max_len` bytes in all when non-zero);
    /// returns how much of `input` was used. A decompression bomb stops at the heap cap: each
    /// chunk of output asks first (and counts against the other limits).
    fn feed(
        &mut self,
        vm: &mut Vm,
        input: &[u8],
        max_len: usize,
        out: &mut Vec<u8>,
    ) -> PyResult<Result<usize, ZError>> {
        let mut pos = 0;
        loop {
            match self.phase {
                Phase::Done => return Ok(Ok(pos)),
                Phase::Header => {
                    let before = self.pending.len();
                    self.pending.extend_from_slice(&input[pos..]);
                    match self.parse_header() {
                        Err(e) => return Ok(Err(e)),
                        Ok(Some(n)) => {
                            let used = n.saturating_sub(before);
                            pos += used;
                            self.pending.clear();
                            self.phase = Phase::Body;
                        }
                        Ok(None) => return Ok(Ok(input.len())),
                    }
                }
                Phase::Body => {
                    let room = if max_len > 0 {
                        let left = max_len.saturating_sub(out.len());
                        if left == 0 {
                            return Ok(Ok(pos));
                        }
                        left.min(CHUNK)
                    } else {
                        CHUNK
                    };
                    vm.check_alloc(room.saturating_add(out.len()))?;
                    vm.tick(1 + (room / 4096) as i64)?;
                    let start = out.len();
                    out.resize(start + room, 0);
                    let r = inflate(
                        &mut self.state,
                        &input[pos..],
                        &mut out[start..],
                        MZFlush::None,
                    );
                    out.truncate(start + r.bytes_written);
                    let produced = &out[start..];
                    self.check = match self.wrap {
                        Wrap::Gzip => crc32_update(self.check, produced),
                        _ => adler32_update(self.check, produced),
                    };
                    self.total = self.total.wrapping_add(r.bytes_written as u32);
                    pos += r.bytes_consumed;
                    match r.status {
                        Ok(MZStatus::StreamEnd) => {
                            self.phase = if self.wrap == Wrap::Raw {
                                Phase::Done
                            } else {
                                Phase::Trailer
                            };
                        }
                        Ok(_) => {
                            if r.bytes_consumed == 0 && r.bytes_written == 0 {
                                return Ok(Ok(pos));
                            }
                        }
                        Err(MZError::Buf) => return Ok(Ok(pos)),
                        Err(_) => {
                            return Ok(Err(match self.state.last_status() {
                                TINFLStatus::Adler32Mismatch => (-3, "incorrect data check"),
                                _ => (-3, "invalid input data"),
                            }));
                        }
                    }
                }
                Phase::Trailer => {
                    let need = if self.wrap == Wrap::Gzip { 8 } else { 4 };
                    let take = (need - self.pending.len()).min(input.len() - pos);
                    self.pending.extend_from_slice(&input[pos..pos + take]);
                    pos += take;
                    if self.pending.len() < need {
                        return Ok(Ok(pos));
                    }
                    let t = &self.pending;
                    if self.wrap == Wrap::Gzip {
                        if u32::from_le_bytes([t[0], t[1], t[2], t[3]]) != self.check {
                            return Ok(Err((-3, "incorrect data check")));
                        }
                        if u32::from_le_bytes([t[4], t[5], t[6], t[7]]) != self.total {
                            return Ok(Err((-3, "incorrect length check")));
                        }
                    } else if u32::from_be_bytes([t[0], t[1], t[2], t[3]]) != self.check {
                        return Ok(Err((-3, "incorrect data check")));
                    }
                    self.pending.clear();
                    self.phase = Phase::Done;
                }
            }
        }
    }

    fn eof(&self) -> bool {
        self.phase == Phase::Done
    }
}

fn zlib_failure(vm: &mut Vm, e: ZError, doing: &str) -> PyErr {
    if e.1.is_empty() {
        return error(vm, format!("Error {} {doing}", e.0));
    }
    zerr(vm, e.0, doing, e.1)
}

/// `zlib.decompress(data, /, wbits=MAX_WBITS, bufsize=DEF_BUF_SIZE)`.
fn z_decompress(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "decompress", &["data", "wbits", "bufsize"], 1)?;
    let data = buffer_arg(vm, &a[0])?;
    let wbits = int_arg(vm, &a[1], MAX_WBITS)?;
    let bufsize = int_arg(vm, &a[2], DEF_BUF_SIZE)?;
    if bufsize < 0 {
        return Err(vm.value_error("bufsize must be non-negative"));
    }
    let Some(mut inf) = Inflater::new(wbits) else {
        return Err(zerr(
            vm,
            -2,
            "while preparing to decompress data",
            "inconsistent stream state",
        ));
    };
    let mut out = Vec::new();
    if let Err(e) = inf.feed(vm, &data, 0, &mut out)? {
        return Err(zlib_failure(vm, e, "while decompressing data"));
    }
    if !inf.eof() {
        return Err(zerr(
            vm,
            -5,
            "while decompressing data",
            "incomplete or truncated stream",
        ));
    }
    Ok(vm.new_bytes(out))
}

struct DecompressObj {
    inf: RefCell<Inflater>,
    unused_data: RefCell<Vec<u8>>,
    unconsumed_tail: RefCell<Vec<u8>>,
}

fn decompress_type(vm: &mut Vm) -> ObjRef {
    if let Some(t) = vm.mods.ext_types.get("zlib.Decompress") {
        return t.clone();
    }
    let t = krait_vm::modules::new_type(vm, "zlib", "Decompress", false);
    let def = |name: &'static str, func: NativeFn| MethodDef {
        name,
        func,
        kind: MethodKind::Instance,
        doc: "",
    };
    vm.add_methods(
        &t,
        &[
            def("decompress", d_decompress),
            def("flush", d_flush),
            def("copy", d_copy),
            def("__copy__", d_copy),
        ],
    );
    vm.add_getset(&t, "unused_data", d_unused_data, None);
    vm.add_getset(&t, "unconsumed_tail", d_unconsumed_tail, None);
    vm.add_getset(&t, "eof", d_eof, None);
    vm.mods.ext_types.insert("zlib.Decompress", t.clone());
    t
}

/// `zlib.decompressobj(wbits=MAX_WBITS, zdict=b'')`.
fn z_decompressobj(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "decompressobj", &["wbits", "zdict"], 0)?;
    let wbits = int_arg(vm, &a[0], MAX_WBITS)?;
    if !a[1].is_null() {
        let z = buffer_arg(vm, &a[1])?;
        if !z.is_empty() {
            return Err(
                vm.not_implemented_error("zlib.decompressobj(): zdict is not supported yet")
            );
        }
    }
    let Some(inf) = Inflater::new(wbits) else {
        return Err(vm.value_error("Invalid initialization option"));
    };
    let t = decompress_type(vm);
    let obj = DecompressObj {
        inf: RefCell::new(inf),
        unused_data: RefCell::new(Vec::new()),
        unconsumed_tail: RefCell::new(Vec::new()),
    };
    Ok(Value::Obj(
        vm.new_object(&t, Payload::Native(Box::new(obj))),
    ))
}

fn decompress_obj<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a DecompressObj> {
    match native_ref::<DecompressObj>(v) {
        Some(d) => Ok(d),
        None => Err(vm.type_error("a zlib.Decompress object is required")),
    }
}

/// Run `input` through a decompressor and keep the leftovers as zlib's
/// `save_unconsumed_input` does.
fn d_run(
    vm: &mut Vm,
    d: &DecompressObj,
    input: &[u8],
    max_len: usize,
    doing: &str,
) -> PyResult<Vec<u8>> {
    let mut out = Vec::new();
    let r = d.inf.borrow_mut().feed(vm, input, max_len, &mut out)?;
    let used = match r {
        Ok(n) => n,
        Err(e) => return Err(zlib_failure(vm, e, doing)),
    };
    let rest = &input[used.min(input.len())..];
    if d.inf.borrow().eof() {
        d.unused_data.borrow_mut().extend_from_slice(rest);
        d.unconsumed_tail.borrow_mut().clear();
    } else {
        *d.unconsumed_tail.borrow_mut() = rest.to_vec();
    }
    Ok(out)
}

/// `Decompress.decompress(data, /, max_length=0)`.
fn d_decompress(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first() else {
        return Err(vm.type_error("descriptor 'decompress' needs an argument"));
    };
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &rest, "decompress", &["data", "max_length"], 1)?;
    let data = buffer_arg(vm, &a[0])?;
    let max_length = int_arg(vm, &a[1], 0)?;
    if max_length < 0 {
        return Err(vm.value_error("max_length must be non-negative"));
    }
    let d = decompress_obj(vm, this)?;
    let max = usize::try_from(max_length).unwrap_or(usize::MAX);
    let out = d_run(vm, d, &data, max, "while decompressing data")?;
    Ok(vm.new_bytes(out))
}

/// `Decompress.flush(length=DEF_BUF_SIZE, /)`: whatever `unconsumed_tail` still holds.
fn d_flush(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "flush", 0, 1)?;
    if let Some(v) = rest.first()
        && vm.index_to_i64(v)? <= 0
    {
        return Err(vm.value_error("length must be greater than zero"));
    }
    let d = decompress_obj(vm, this)?;
    let tail = std::mem::take(&mut *d.unconsumed_tail.borrow_mut());
    let out = d_run(vm, d, &tail, 0, "while flushing")?;
    Ok(vm.new_bytes(out))
}

fn d_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "copy", 0, 1)?;
    let d = decompress_obj(vm, this)?;
    let obj = DecompressObj {
        inf: RefCell::new(d.inf.borrow().clone()),
        unused_data: RefCell::new(d.unused_data.borrow().clone()),
        unconsumed_tail: RefCell::new(d.unconsumed_tail.borrow().clone()),
    };
    let t = vm.type_of(this);
    Ok(Value::Obj(
        vm.new_object(&t, Payload::Native(Box::new(obj))),
    ))
}

fn d_unused_data(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let v = decompress_obj(vm, this)?.unused_data.borrow().clone();
    Ok(vm.new_bytes(v))
}

fn d_unconsumed_tail(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let v = decompress_obj(vm, this)?.unconsumed_tail.borrow().clone();
    Ok(vm.new_bytes(v))
}

fn d_eof(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let e = decompress_obj(vm, this)?.inf.borrow().eof();
    Ok(Value::bool(e))
}
