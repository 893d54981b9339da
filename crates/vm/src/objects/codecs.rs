//! The builtin text codecs behind `str.encode` and `bytes.decode` (CPython:
//! `Objects/unicodeobject.c` `PyUnicode_DecodeUTF8Stateful`, `_PyUnicode_EncodeUTF16`, ...,
//! `Python/codecs.c` for the error handlers, `Objects/exceptions.c` for the
//! `UnicodeDecodeError`/`UnicodeEncodeError` messages).
//!
//! A codec finds a bad run `[start, end)` and asks the error handler what to put instead:
//! `strict` raises, `ignore` drops, `replace` puts U+FFFD (decode) or `?` (encode),
//! `backslashreplace`, `surrogateescape`, `surrogatepass` and `xmlcharrefreplace` as in
//! CPython. Decoding produces code points (lone surrogates included), so the result is a
//! `PyStr` built with `PyStr::from_code_points`.

use crate::native::as_pystr;
use crate::object::Payload;
use crate::objects::str::PyStr;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

/// A codec Krait knows, after name normalisation.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
    /// A single-byte code page: `cp1252`, `iso8859_15`.
    Charmap(CodePage),
    /// UTF-16: `None` = with BOM (native little-endian), `Some(true)` = big-endian.
    Utf16(Option<bool>),
    /// UTF-32, likewise.
    Utf32(Option<bool>),
}

/// The single-byte code pages Krait has.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum CodePage {
    Cp1252,
    Latin9,
}

/// CPython's `encodings.normalize_encoding` + the alias table, for the codecs we have.
fn lookup(name: &str) -> Option<Codec> {
    let mut n = String::with_capacity(name.len());
    for c in name.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() || c == '.' {
            n.push(c);
        } else if !n.ends_with('_') {
            n.push('_');
        }
    }
    let n = n.trim_matches('_');
    Some(match n {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => Codec::Utf8,
        "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "iso646_us" | "cp367" => {
            Codec::Ascii
        }
        "latin_1" | "latin1" | "latin" | "l1" | "iso8859_1" | "iso_8859_1" | "8859" | "cp819"
        | "iso_ir_100" | "iso8859" => Codec::Latin1,
        "cp1252" | "windows_1252" => Codec::Charmap(CodePage::Cp1252),
        "iso8859_15" | "iso_8859_15" | "latin9" | "latin_9" | "l9" => {
            Codec::Charmap(CodePage::Latin9)
        }
        "utf_16" | "utf16" | "u16" => Codec::Utf16(None),
        "utf_16_le" | "utf_16le" | "utf16le" => Codec::Utf16(Some(false)),
        "utf_16_be" | "utf_16be" | "utf16be" => Codec::Utf16(Some(true)),
        "utf_32" | "utf32" | "u32" => Codec::Utf32(None),
        "utf_32_le" | "utf_32le" | "utf32le" => Codec::Utf32(Some(false)),
        "utf_32_be" | "utf_32be" | "utf32be" => Codec::Utf32(Some(true)),
        _ => return None,
    })
}

/// Call a registered error handler with the `UnicodeError`: its replacement and the position
/// to resume at (`unicode_decode_call_errorhandler_writer`, `unicode_encode_call_errorhandler`).
fn call_handler(
    vm: &mut Vm,
    h: &Value,
    exc: PyErr,
    len: usize,
    what: &str,
    kinds: &str,
) -> PyResult<(Value, usize)> {
    let r = vm.call_pos(h, &[Value::Obj(exc.0)])?;
    let bad = |vm: &mut Vm| {
        vm.type_error(format!(
            "{what} error handler must return ({kinds}, int) tuple"
        ))
    };
    let Some(Payload::Tuple(t)) = r.payload() else {
        return Err(bad(vm));
    };
    if t.len() != 2 || !matches!(t[1], Value::Int(_)) {
        return Err(bad(vm));
    }
    let rep = t[0].clone();
    let Value::Int(pos) = t[1] else {
        return Err(bad(vm));
    };
    let n = len as i64;
    let p = if pos < 0 { n + pos } else { pos };
    if !(0..=n).contains(&p) {
        let t = vm.types.index_error.clone();
        return Err(vm.new_exception_msg(
            &t,
            format!("position {pos} from error handler out of bounds"),
        ));
    }
    Ok((rep, p as usize))
}

fn unknown_handler(vm: &mut Vm, name: &str) -> PyErr {
    let t = vm.types.lookup_error.clone();
    vm.new_exception_msg(&t, format!("unknown error handler name '{name}'"))
}

/// The registry's codec for `str.encode` / `bytes.decode` (`_PyCodec_LookupTextEncoding`):
/// one marked as not a text encoding is refused.
fn text_codec(vm: &mut Vm, encoding: &str, op: &str) -> PyResult<Value> {
    let info = crate::modules::codec_lookup(vm, encoding)?;
    let text = match vm.getattr_str(&info, "_is_text_encoding") {
        Ok(v) => vm.is_true(&v)?,
        Err(_) => true,
    };
    if !text {
        let t = vm.types.lookup_error.clone();
        return Err(vm.new_exception_msg(
            &t,
            format!(
                "'{encoding}' is not a text encoding; use codecs.{op}() to handle arbitrary codecs"
            ),
        ));
    }
    Ok(info)
}

/// `wrap_codec_error`: an exception from a registry codec comes back as a new one of the
/// same type that names the codec, caused by the original, when the type carries nothing
/// but its message (`_PyErr_TrySetFromCause`); others pass unchanged.
pub fn wrap_codec_error(vm: &mut Vm, e: PyErr, op: &str, encoding: &str) -> PyErr {
    let ty = e.0.class();
    let base = vm.types.base_exception.clone();
    for name in ["__init__", "__new__"] {
        let mine = vm.type_lookup_str(&ty, name);
        let plain = vm.type_lookup_str(&base, name);
        let same = match (&mine, &plain) {
            (Some(a), Some(b)) => a.is(b),
            _ => false,
        };
        if !same {
            return e;
        }
    }
    let Payload::Exception(d) = &e.0.payload else {
        return e;
    };
    let args = d.args.borrow().clone();
    let ok_args = match args.payload() {
        Some(Payload::Tuple(t)) => {
            t.is_empty()
                || (t.len() == 1 && matches!(&t[0], Value::Obj(o) if o.class_is(&vm.types.str)))
        }
        _ => false,
    };
    if !ok_args {
        return e;
    }
    if let Some(dict) = e.0.materialized_dict()
        && let Payload::Dict(t) = &dict.payload
        && t.borrow().len() > 0
    {
        return e;
    }
    let val = Value::Obj(e.0.clone());
    let text = match vm.str(&val) {
        Ok(s) => vm.str_text(&s),
        Err(_) => return e,
    };
    let tn = vm.type_name(&val);
    let new = vm.new_exception_msg(
        &ty,
        format!("{op} with '{encoding}' codec failed ({tn}: {text})"),
    );
    let k = vm.intern("__cause__");
    let _ = vm.setattr(&Value::Obj(new.0.clone()), &k, Some(val));
    new
}

/// Whether `encoding` names a text codec, built in or in the codec registry (for early
/// `LookupError`s, as `open()` and `TextIOWrapper` give them).
pub fn check_encoding(vm: &mut Vm, encoding: &str) -> PyResult<()> {
    if lookup(encoding).is_some() {
        return Ok(());
    }
    text_codec(vm, encoding, "open").map(|_| ())
}

// ----- decoding -----

/// A `UnicodeDecodeError(encoding, object, start, end, reason)`.
pub fn decode_error(
    vm: &mut Vm,
    encoding: &str,
    data: &[u8],
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    let t = vm.types.unicode_decode_error.clone();
    let obj = vm.new_bytes(data.to_vec());
    unicode_error(vm, &t, encoding, obj, start, end, reason)
}

/// A `UnicodeEncodeError(encoding, object, start, end, reason)`.
pub fn encode_error(
    vm: &mut Vm,
    encoding: &str,
    s: &PyStr,
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    let t = vm.types.unicode_encode_error.clone();
    let obj = vm.new_pystr(PyStr::from_wtf8(s.wtf8().to_vec()));
    unicode_error(vm, &t, encoding, obj, start, end, reason)
}

fn unicode_error(
    vm: &mut Vm,
    ty: &crate::object::ObjRef,
    encoding: &str,
    obj: Value,
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    let enc = vm.new_str(encoding);
    let reason = vm.new_str(reason);
    let (s, e) = (Value::Int(start as i64), Value::Int(end as i64));
    let err = vm.new_exception(
        ty,
        vec![
            enc.clone(),
            obj.clone(),
            s.clone(),
            e.clone(),
            reason.clone(),
        ],
    );
    if let Payload::Exception(d) = &err.0.payload {
        d.set_field("encoding", enc);
        d.set_field("object", obj);
        d.set_field("start", s);
        d.set_field("end", e);
        d.set_field("reason", reason);
    }
    err
}

/// What a decode error handler asks for.
enum DecodeHandler {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    SurrogateEscape,
    SurrogatePass,
    /// A handler registered with `codecs.register_error`.
    Custom(Value),
}

fn decode_handler(vm: &mut Vm, errors: &str) -> PyResult<DecodeHandler> {
    Ok(match errors {
        "strict" => DecodeHandler::Strict,
        "ignore" => DecodeHandler::Ignore,
        "replace" => DecodeHandler::Replace,
        "backslashreplace" => DecodeHandler::BackslashReplace,
        "surrogateescape" => DecodeHandler::SurrogateEscape,
        "surrogatepass" => DecodeHandler::SurrogatePass,
        _ => match vm.mods.codec_errors.get(errors) {
            Some(h) => DecodeHandler::Custom(h.clone()),
            None => return Err(unknown_handler(vm, errors)),
        },
    })
}

/// The decoder's state: output, and how to treat a bad run.
struct Decoder<'a> {
    encoding: &'static str,
    data: &'a [u8],
    errors: &'a str,
    out: Vec<u32>,
    /// The input as a bytes object, made once for the errors a registered handler sees (a
    /// copy per error would make a long run of them quadratic).
    obj: Option<Value>,
}

impl Decoder<'_> {
    /// Handle the bad run `[start, end)`; returns where decoding resumes.
    fn error(&mut self, vm: &mut Vm, start: usize, end: usize, reason: &str) -> PyResult<usize> {
        let h = decode_handler(vm, self.errors)?;
        let bad = self.data.get(start..end).unwrap_or(&[]);
        match h {
            DecodeHandler::Strict => Err(decode_error(
                vm,
                self.encoding,
                self.data,
                start,
                end,
                reason,
            )),
            DecodeHandler::Ignore => Ok(end),
            DecodeHandler::Custom(h) => {
                let obj = match &self.obj {
                    Some(o) => o.clone(),
                    None => {
                        let o = vm.new_bytes(self.data.to_vec());
                        self.obj = Some(o.clone());
                        o
                    }
                };
                let t = vm.types.unicode_decode_error.clone();
                let exc = unicode_error(vm, &t, self.encoding, obj, start, end, reason);
                let (rep, pos) = call_handler(vm, &h, exc, self.data.len(), "decoding", "str")?;
                let Some(rep) = as_pystr(&rep) else {
                    return Err(
                        vm.type_error("decoding error handler must return (str, int) tuple")
                    );
                };
                self.out.extend(rep.code_points());
                Ok(pos)
            }
            DecodeHandler::Replace => {
                self.out.push(0xFFFD);
                Ok(end)
            }
            DecodeHandler::BackslashReplace => {
                for b in bad {
                    for c in format!("\\x{b:02x}").chars() {
                        self.out.push(c as u32);
                    }
                }
                Ok(end)
            }
            DecodeHandler::SurrogateEscape => {
                if bad.iter().any(|b| *b < 128) {
                    return Err(decode_error(
                        vm,
                        self.encoding,
                        self.data,
                        start,
                        end,
                        reason,
                    ));
                }
                self.out.extend(bad.iter().map(|b| 0xDC00 + u32::from(*b)));
                Ok(end)
            }
            DecodeHandler::SurrogatePass => {
                // A surrogate in this codec's own encoding.
                let rest = self.data.get(start..).unwrap_or(&[]);
                let (cp, n) = match self.encoding {
                    "utf-8" => match rest {
                        [a, b, c, ..]
                            if *a == 0xED
                                && (0xA0..0xC0).contains(b)
                                && (0x80..0xC0).contains(c) =>
                        {
                            (
                                0xD000 | (u32::from(*b & 0x3F) << 6) | u32::from(*c & 0x3F),
                                3,
                            )
                        }
                        _ => (0, 0),
                    },
                    "utf-16-le" | "utf-16-be" => match rest {
                        [a, b, ..] => {
                            let v = if self.encoding == "utf-16-le" {
                                u16::from_le_bytes([*a, *b])
                            } else {
                                u16::from_be_bytes([*a, *b])
                            };
                            (u32::from(v), 2)
                        }
                        _ => (0, 0),
                    },
                    "utf-32-le" | "utf-32-be" => match rest {
                        [a, b, c, d, ..] => {
                            let v = if self.encoding == "utf-32-le" {
                                u32::from_le_bytes([*a, *b, *c, *d])
                            } else {
                                u32::from_be_bytes([*a, *b, *c, *d])
                            };
                            (v, 4)
                        }
                        _ => (0, 0),
                    },
                    _ => (0, 0),
                };
                if n == 0 || !(0xD800..0xE000).contains(&cp) {
                    return Err(decode_error(
                        vm,
                        self.encoding,
                        self.data,
                        start,
                        end,
                        reason,
                    ));
                }
                self.out.push(cp);
                Ok(start + n)
            }
        }
    }
}

/// Decode `b` with the named codec and error handler.
pub fn decode(vm: &mut Vm, b: &[u8], encoding: &str, errors: &str) -> PyResult<PyStr> {
    let Some(codec) = lookup(encoding) else {
        return registry_decode(vm, b, encoding, errors);
    };
    // Fast path: valid UTF-8 (and ASCII for the ASCII-compatible codecs).
    if let Codec::Utf8 = codec
        && let Ok(s) = std::str::from_utf8(b)
    {
        return Ok(PyStr::new(s));
    }
    if b.is_ascii() && matches!(codec, Codec::Ascii | Codec::Latin1 | Codec::Charmap(_)) {
        // SAFETY-free: ASCII is UTF-8.
        return Ok(PyStr::new(std::str::from_utf8(b).unwrap_or_default()));
    }
    let encoding_name = match codec {
        Codec::Utf8 => "utf-8",
        Codec::Ascii => "ascii",
        Codec::Latin1 => "latin-1",
        Codec::Charmap(_) => "charmap",
        Codec::Utf16(Some(true)) => "utf-16-be",
        Codec::Utf16(_) => "utf-16-le",
        Codec::Utf32(Some(true)) => "utf-32-be",
        Codec::Utf32(_) => "utf-32-le",
    };
    let mut d = Decoder {
        encoding: encoding_name,
        data: b,
        errors,
        out: Vec::with_capacity(b.len()),
        obj: None,
    };
    match codec {
        Codec::Utf8 => decode_utf8(vm, &mut d)?,
        Codec::Ascii => {
            let mut i = 0;
            while let Some(&c) = b.get(i) {
                if c < 128 {
                    d.out.push(u32::from(c));
                    i += 1;
                } else {
                    i = d.error(vm, i, i + 1, "ordinal not in range(128)")?;
                }
            }
        }
        Codec::Latin1 => d.out.extend(b.iter().map(|c| u32::from(*c))),
        Codec::Charmap(page) => {
            let mut i = 0;
            while let Some(&c) = b.get(i) {
                match charmap_decode(page, c) {
                    Some(cp) => {
                        d.out.push(cp);
                        i += 1;
                    }
                    None => i = d.error(vm, i, i + 1, "character maps to <undefined>")?,
                }
            }
        }
        Codec::Utf16(order) => {
            let mut i = 0;
            let mut be = order == Some(true);
            if order.is_none() {
                match b {
                    [0xFF, 0xFE, ..] => i = 2,
                    [0xFE, 0xFF, ..] => {
                        i = 2;
                        be = true;
                        d.encoding = "utf-16-be";
                    }
                    _ => {}
                }
            }
            decode_utf16(vm, &mut d, i, be)?;
        }
        Codec::Utf32(order) => {
            let mut i = 0;
            let mut be = order == Some(true);
            if order.is_none() {
                match b {
                    [0xFF, 0xFE, 0, 0, ..] => i = 4,
                    [0, 0, 0xFE, 0xFF, ..] => {
                        i = 4;
                        be = true;
                        d.encoding = "utf-32-be";
                    }
                    _ => {}
                }
            }
            decode_utf32(vm, &mut d, i, be)?;
        }
    }
    Ok(PyStr::from_code_points(d.out))
}

/// The Windows-1252 table's upper half (`None` where the code page has a hole).
fn charmap_decode(page: CodePage, b: u8) -> Option<u32> {
    match page {
        CodePage::Cp1252 => cp1252(b),
        CodePage::Latin9 => Some(match b {
            0xA4 => 0x20AC,
            0xA6 => 0x0160,
            0xA8 => 0x0161,
            0xB4 => 0x017D,
            0xB8 => 0x017E,
            0xBC => 0x0152,
            0xBD => 0x0153,
            0xBE => 0x0178,
            _ => u32::from(b),
        }),
    }
}

/// The byte a code page gives `cp`, if any.
fn charmap_encode(page: CodePage, cp: u32) -> Option<u8> {
    if cp < 0x80 {
        return Some(cp as u8);
    }
    (0x80..=0xFFu8).find(|b| charmap_decode(page, *b) == Some(cp))
}

fn cp1252(b: u8) -> Option<u32> {
    const HIGH: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];
    match b {
        0x80..=0x9F => match HIGH[usize::from(b - 0x80)] {
            0 => None,
            v => Some(u32::from(v)),
        },
        _ => Some(u32::from(b)),
    }
}

/// UTF-8 with CPython's error ranges: the maximal valid prefix of a bad sequence is one error.
fn decode_utf8(vm: &mut Vm, d: &mut Decoder<'_>) -> PyResult<()> {
    let b = d.data;
    let n = b.len();
    let mut i = 0;
    while i < n {
        let c = b[i];
        if c < 0x80 {
            d.out.push(u32::from(c));
            i += 1;
            continue;
        }
        let (len, lo, hi) = match c {
            0xC2..=0xDF => (2, 0x80, 0xBF),
            0xE0 => (3, 0xA0, 0xBF),
            0xE1..=0xEC | 0xEE | 0xEF => (3, 0x80, 0xBF),
            0xED => (3, 0x80, 0x9F),
            0xF0 => (4, 0x90, 0xBF),
            0xF1..=0xF3 => (4, 0x80, 0xBF),
            0xF4 => (4, 0x80, 0x8F),
            _ => {
                i = d.error(vm, i, i + 1, "invalid start byte")?;
                continue;
            }
        };
        // Count the valid continuation bytes.
        let mut k = 1;
        let mut bad = false;
        while k < len {
            match b.get(i + k) {
                None => break,
                Some(&x) => {
                    let (l, h) = if k == 1 { (lo, hi) } else { (0x80, 0xBF) };
                    if x < l || x > h {
                        bad = true;
                        break;
                    }
                }
            }
            k += 1;
        }
        if k == len {
            let mut cp = u32::from(c) & (0x7F >> len);
            for j in 1..len {
                cp = (cp << 6) | u32::from(b[i + j] & 0x3F);
            }
            d.out.push(cp);
            i += len;
        } else if bad {
            i = d.error(vm, i, i + k, "invalid continuation byte")?;
        } else {
            i = d.error(vm, i, n, "unexpected end of data")?;
        }
    }
    Ok(())
}

fn decode_utf16(vm: &mut Vm, d: &mut Decoder<'_>, mut i: usize, be: bool) -> PyResult<()> {
    let b = d.data;
    let n = b.len();
    let unit = |i: usize| -> Option<u32> {
        let pair = [*b.get(i)?, *b.get(i + 1)?];
        Some(u32::from(if be {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }))
    };
    while i < n {
        let Some(u) = unit(i) else {
            i = d.error(vm, i, n, "truncated data")?;
            continue;
        };
        if !(0xD800..0xE000).contains(&u) {
            d.out.push(u);
            i += 2;
        } else if u >= 0xDC00 {
            i = d.error(vm, i, i + 2, "illegal encoding")?;
        } else {
            match unit(i + 2) {
                Some(u2) if (0xDC00..0xE000).contains(&u2) => {
                    d.out.push(0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00));
                    i += 4;
                }
                Some(_) => i = d.error(vm, i, i + 2, "illegal UTF-16 surrogate")?,
                None => i = d.error(vm, i, n, "unexpected end of data")?,
            }
        }
    }
    Ok(())
}

fn decode_utf32(vm: &mut Vm, d: &mut Decoder<'_>, mut i: usize, be: bool) -> PyResult<()> {
    let b = d.data;
    let n = b.len();
    while i < n {
        let Some(q) = b.get(i..i + 4) else {
            i = d.error(vm, i, n, "truncated data")?;
            continue;
        };
        let q = [q[0], q[1], q[2], q[3]];
        let cp = if be {
            u32::from_be_bytes(q)
        } else {
            u32::from_le_bytes(q)
        };
        if cp > 0x10FFFF {
            i = d.error(vm, i, i + 4, "code point not in range(0x110000)")?;
        } else if (0xD800..0xE000).contains(&cp) {
            i = d.error(
                vm,
                i,
                i + 4,
                "code point in surrogate code point range(0xd800, 0xe000)",
            )?;
        } else {
            d.out.push(cp);
            i += 4;
        }
    }
    Ok(())
}

// ----- encoding -----

/// A codec Krait does not have natively, through the codec registry (`encodings`): its
/// encoder must give bytes (`_PyCodec_EncodeText`).
fn registry_encode(vm: &mut Vm, s: &PyStr, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let info = text_codec(vm, encoding, "encode")?;
    let f = vm.getitem(&info, &Value::Int(0))?;
    let sv = vm.new_pystr(PyStr::from_wtf8(s.wtf8().to_vec()));
    let ev = vm.new_str(errors);
    let r = vm
        .call_pos(&f, &[sv, ev])
        .map_err(|e| wrap_codec_error(vm, e, "encoding", encoding))?;
    let out = match r.payload() {
        Some(crate::object::Payload::Tuple(t)) if t.len() == 2 => t[0].clone(),
        _ => return Err(vm.type_error("encoder must return a tuple (object, integer)")),
    };
    match out.payload() {
        Some(crate::object::Payload::Bytes(b)) => Ok(b.to_vec()),
        _ => {
            let tn = vm.type_name(&out);
            Err(vm.type_error(format!(
                "'{encoding}' encoder returned '{tn}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types"
            )))
        }
    }
}

/// Decoding through the codec registry; the decoder must give a str.
fn registry_decode(vm: &mut Vm, b: &[u8], encoding: &str, errors: &str) -> PyResult<PyStr> {
    let info = text_codec(vm, encoding, "decode")?;
    let f = vm.getitem(&info, &Value::Int(1))?;
    let bv = vm.new_bytes(b.to_vec());
    let ev = vm.new_str(errors);
    let r = vm
        .call_pos(&f, &[bv, ev])
        .map_err(|e| wrap_codec_error(vm, e, "decoding", encoding))?;
    let out = match r.payload() {
        Some(crate::object::Payload::Tuple(t)) if t.len() == 2 => t[0].clone(),
        _ => return Err(vm.type_error("decoder must return a tuple (object, integer)")),
    };
    match crate::native::as_pystr(&out) {
        Some(s) => Ok(PyStr::from_wtf8(s.wtf8().to_vec())),
        None => {
            let tn = vm.type_name(&out);
            Err(vm.type_error(format!(
                "'{encoding}' decoder returned '{tn}' instead of 'str'; use codecs.decode() to decode to arbitrary types"
            )))
        }
    }
}

/// Encode `s` with the named codec and error handler.
pub fn encode(vm: &mut Vm, s: &PyStr, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let Some(codec) = lookup(encoding) else {
        return registry_encode(vm, s, encoding, errors);
    };
    if codec == Codec::Utf8 && !s.has_surrogates() {
        return Ok(s.wtf8().to_vec());
    }
    if s.is_ascii() && matches!(codec, Codec::Ascii | Codec::Latin1 | Codec::Charmap(_)) {
        return Ok(s.wtf8().to_vec());
    }
    let cps = s.code_points();
    let (name, limit): (&str, u32) = match codec {
        Codec::Utf8 => ("utf-8", 0x110000),
        Codec::Ascii => ("ascii", 0x80),
        Codec::Latin1 => ("latin-1", 0x100),
        Codec::Charmap(_) => ("charmap", 0x100),
        Codec::Utf16(None) => ("utf-16", 0x110000),
        Codec::Utf16(Some(false)) => ("utf-16-le", 0x110000),
        Codec::Utf16(Some(true)) => ("utf-16-be", 0x110000),
        Codec::Utf32(None) => ("utf-32", 0x110000),
        Codec::Utf32(Some(false)) => ("utf-32-le", 0x110000),
        Codec::Utf32(Some(true)) => ("utf-32-be", 0x110000),
    };
    let mut out = Vec::with_capacity(cps.len());
    match codec {
        Codec::Utf16(None) => out.extend_from_slice(&[0xFF, 0xFE]),
        Codec::Utf32(None) => out.extend_from_slice(&[0xFF, 0xFE, 0, 0]),
        _ => {}
    }
    let put = |out: &mut Vec<u8>, cp: u32| match codec {
        Codec::Utf8 => crate::objects::str::push_code_point(out, cp),
        Codec::Ascii | Codec::Latin1 => out.push(cp as u8),
        Codec::Charmap(page) => out.push(charmap_encode(page, cp).unwrap_or(b'?')),
        Codec::Utf16(order) => {
            let be = order == Some(true);
            let mut unit =
                |u: u16| out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
            if cp >= 0x10000 {
                let v = cp - 0x10000;
                unit(0xD800 + (v >> 10) as u16);
                unit(0xDC00 + (v & 0x3FF) as u16);
            } else {
                unit(cp as u16);
            }
        }
        Codec::Utf32(order) => {
            out.extend_from_slice(&if order == Some(true) {
                cp.to_be_bytes()
            } else {
                cp.to_le_bytes()
            });
        }
    };
    let encodable = |cp: u32| -> bool {
        match codec {
            Codec::Charmap(page) => charmap_encode(page, cp).is_some(),
            _ => cp < limit && !(0xD800..0xE000).contains(&cp),
        }
    };
    let reason = match codec {
        Codec::Ascii => "ordinal not in range(128)",
        Codec::Latin1 => "ordinal not in range(256)",
        Codec::Charmap(_) => "character maps to <undefined>",
        _ => "surrogates not allowed",
    };
    let mut obj_cache: Option<Value> = None;
    let mut i = 0;
    while i < cps.len() {
        let cp = cps[i];
        if encodable(cp) {
            put(&mut out, cp);
            i += 1;
            continue;
        }
        // The bad run: consecutive unencodable characters (CPython groups them).
        let mut end = i + 1;
        while end < cps.len() && !encodable(cps[end]) {
            end += 1;
        }
        match errors {
            "strict" => return Err(encode_error(vm, name, s, i, end, reason)),
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat_n(b'?', end - i)),
            "backslashreplace" => {
                for &c in &cps[i..end] {
                    let t = if c < 0x100 {
                        format!("\\x{c:02x}")
                    } else if c < 0x10000 {
                        format!("\\u{c:04x}")
                    } else {
                        format!("\\U{c:08x}")
                    };
                    for ch in t.bytes() {
                        put(&mut out, u32::from(ch));
                    }
                }
            }
            "xmlcharrefreplace" => {
                for &c in &cps[i..end] {
                    for ch in format!("&#{c};").bytes() {
                        put(&mut out, u32::from(ch));
                    }
                }
            }
            "namereplace" => {
                for &c in &cps[i..end] {
                    let named = char::from_u32(c).and_then(unicode_names2::name);
                    let t = match named {
                        Some(n) => format!("\\N{{{n}}}"),
                        None if c < 0x100 => format!("\\x{c:02x}"),
                        None if c < 0x10000 => format!("\\u{c:04x}"),
                        None => format!("\\U{c:08x}"),
                    };
                    for ch in t.bytes() {
                        put(&mut out, u32::from(ch));
                    }
                }
            }
            "surrogateescape" => {
                for (k, &c) in cps[i..end].iter().enumerate() {
                    if (0xDC80..0xDD00).contains(&c) {
                        out.push((c - 0xDC00) as u8);
                    } else {
                        return Err(encode_error(vm, name, s, i + k, i + k + 1, reason));
                    }
                }
            }
            "surrogatepass" => {
                for (k, &c) in cps[i..end].iter().enumerate() {
                    if !(0xD800..0xE000).contains(&c) {
                        return Err(encode_error(vm, name, s, i + k, i + k + 1, reason));
                    }
                    match codec {
                        Codec::Utf8 => crate::objects::str::push_code_point(&mut out, c),
                        Codec::Utf16(order) => {
                            let u = c as u16;
                            out.extend_from_slice(&if order == Some(true) {
                                u.to_be_bytes()
                            } else {
                                u.to_le_bytes()
                            });
                        }
                        Codec::Utf32(order) => out.extend_from_slice(&if order == Some(true) {
                            c.to_be_bytes()
                        } else {
                            c.to_le_bytes()
                        }),
                        _ => return Err(encode_error(vm, name, s, i + k, i + k + 1, reason)),
                    }
                }
            }
            _ => {
                let Some(h) = vm.mods.codec_errors.get(errors).cloned() else {
                    return Err(unknown_handler(vm, errors));
                };
                let obj = match &obj_cache {
                    Some(o) => o.clone(),
                    None => {
                        let o = vm.new_pystr(PyStr::from_wtf8(s.wtf8().to_vec()));
                        obj_cache = Some(o.clone());
                        o
                    }
                };
                let t = vm.types.unicode_encode_error.clone();
                let exc = unicode_error(vm, &t, name, obj, i, end, reason);
                let (rep, pos) = call_handler(vm, &h, exc, cps.len(), "encoding", "str/bytes")?;
                match rep.payload() {
                    Some(Payload::Bytes(b)) => out.extend_from_slice(b),
                    _ => {
                        let Some(r) = as_pystr(&rep) else {
                            return Err(vm.type_error(
                                "encoding error handler must return (str/bytes, int) tuple",
                            ));
                        };
                        for c in r.code_points() {
                            if !encodable(c) {
                                return Err(encode_error(vm, name, s, i, end, reason));
                            }
                            put(&mut out, c);
                        }
                    }
                }
                i = pos;
                continue;
            }
        }
        i = end;
    }
    Ok(out)
}

// ----- UnicodeError messages and attributes -----

fn field(vm: &mut Vm, v: &Value, name: &str) -> PyResult<Value> {
    match v.payload() {
        Some(Payload::Exception(d)) => Ok(d.field(name)),
        _ => Err(vm.type_error("descriptor requires a 'UnicodeError' object")),
    }
}

fn get_encoding(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    field(vm, v, "encoding")
}
fn get_object(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    field(vm, v, "object")
}
fn get_start(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    field(vm, v, "start")
}
fn get_end(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    field(vm, v, "end")
}
fn get_reason(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    field(vm, v, "reason")
}

/// `str(UnicodeDecodeError)` (CPython: `UnicodeDecodeError_str`).
fn decode_error_str(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__str__", 0, 0)?;
    let obj = field(vm, this, "object")?;
    if obj.is_none() {
        return Ok(vm.new_str(""));
    }
    let enc = field(vm, this, "encoding")?;
    let enc = vm.str_string(&enc)?;
    let reason = field(vm, this, "reason")?;
    let reason = vm.str_string(&reason)?;
    let start = field(vm, this, "start")?;
    let start = vm.index_to_i64(&start)?;
    let end = field(vm, this, "end")?;
    let end = vm.index_to_i64(&end)?;
    let byte = match obj.payload() {
        Some(Payload::Bytes(b)) => usize::try_from(start).ok().and_then(|s| b.get(s).copied()),
        _ => None,
    };
    let msg = match byte {
        Some(byte) if end == start + 1 => {
            format!("'{enc}' codec can't decode byte 0x{byte:02x} in position {start}: {reason}")
        }
        _ => format!(
            "'{enc}' codec can't decode bytes in position {start}-{}: {reason}",
            end - 1
        ),
    };
    Ok(vm.new_string(msg))
}

/// `str(UnicodeEncodeError)` (CPython: `UnicodeEncodeError_str`).
fn encode_error_str(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__str__", 0, 0)?;
    let obj = field(vm, this, "object")?;
    if obj.is_none() {
        return Ok(vm.new_str(""));
    }
    let enc = field(vm, this, "encoding")?;
    let enc = vm.str_string(&enc)?;
    let reason = field(vm, this, "reason")?;
    let reason = vm.str_string(&reason)?;
    let start = field(vm, this, "start")?;
    let start = vm.index_to_i64(&start)?;
    let end = field(vm, this, "end")?;
    let end = vm.index_to_i64(&end)?;
    let ch = match obj.payload() {
        Some(Payload::Str(s)) => usize::try_from(start).ok().and_then(|i| s.char_at(i)),
        _ => None,
    };
    let msg = match ch {
        Some(c) if end == start + 1 => {
            let esc = if c <= 0xFF {
                format!("\\x{c:02x}")
            } else if c <= 0xFFFF {
                format!("\\u{c:04x}")
            } else {
                format!("\\U{c:08x}")
            };
            format!("'{enc}' codec can't encode character '{esc}' in position {start}: {reason}")
        }
        _ => format!(
            "'{enc}' codec can't encode characters in position {start}-{}: {reason}",
            end - 1
        ),
    };
    Ok(vm.new_string(msg))
}

/// `UnicodeDecodeError.__init__` / `UnicodeEncodeError.__init__`: five arguments become the
/// members (CPython: `UnicodeDecodeError_init`).
fn unicode_error_init(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let Some((this, rest)) = args.values.split_first() else {
        return Err(vm.type_error("descriptor '__init__' needs an argument"));
    };
    let decode = vm.isinstance_exact_or_sub(this, &vm.types.unicode_decode_error.clone());
    let Some(Payload::Exception(d)) = this.payload() else {
        return Err(vm.type_error("descriptor '__init__' requires a 'UnicodeError' object"));
    };
    let tuple = vm.new_tuple(rest.to_vec());
    *d.args.borrow_mut() = tuple;
    if rest.len() != 5 || args.has_kwargs() {
        return Err(vm.type_error(format!(
            "function takes exactly 5 arguments ({} given)",
            rest.len()
        )));
    }
    let want_str = |vm: &mut Vm, v: &Value, n: usize| -> PyResult<()> {
        if matches!(v.payload(), Some(Payload::Str(_))) {
            return Ok(());
        }
        Err(vm.type_error(format!("argument {n} must be str, not {}", vm.type_name(v))))
    };
    want_str(vm, &rest[0], 1)?;
    let obj = if decode {
        match crate::objects::bytes::bytes_of(&rest[1]) {
            Some(b) => vm.new_bytes(b),
            None => {
                return Err(vm.type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    vm.type_name(&rest[1])
                )));
            }
        }
    } else {
        want_str(vm, &rest[1], 2)?;
        rest[1].clone()
    };
    let start = vm.index_to_i64(&rest[2])?;
    let end = vm.index_to_i64(&rest[3])?;
    want_str(vm, &rest[4], 5)?;
    d.set_field("encoding", rest[0].clone());
    d.set_field("object", obj);
    d.set_field("start", Value::Int(start));
    d.set_field("end", Value::Int(end));
    d.set_field("reason", rest[4].clone());
    Ok(Value::None)
}

/// Register the `UnicodeError` attributes and the decode/encode error messages.
pub fn init(vm: &mut Vm) {
    let ue = vm.types.unicode_error.clone();
    vm.add_getset(&ue, "encoding", get_encoding, None);
    vm.add_getset(&ue, "object", get_object, None);
    vm.add_getset(&ue, "start", get_start, None);
    vm.add_getset(&ue, "end", get_end, None);
    vm.add_getset(&ue, "reason", get_reason, None);
    let de = vm.types.unicode_decode_error.clone();
    vm.add_methods(
        &de,
        crate::methods![
            method "__str__" => decode_error_str, "";
            method "__init__" => unicode_error_init, "";
        ],
    );
    let ee = vm.types.unicode_encode_error.clone();
    vm.add_methods(
        &ee,
        crate::methods![
            method "__str__" => encode_error_str, "";
            method "__init__" => unicode_error_init, "";
        ],
    );
}

/// Whether UTF-7 writes this character as itself (RFC 2152's sets D and O and white space;
/// `+`, `\`, `~` and the other controls are shifted into base64).
fn utf7_direct(c: u32) -> bool {
    matches!(c, 9 | 10 | 13 | 0x20..=0x7D) && !matches!(c, 0x2B | 0x5C)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_value(c: u8) -> Option<u32> {
    match c {
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// UTF-7 (CPython's `_PyUnicode_EncodeUTF7` with the codec's defaults): every code point is
/// encodable; astral ones go as a surrogate pair in the base64 run.
pub fn utf7_encode(cps: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(cps.len());
    let mut in_shift = false;
    let mut bits = 0u32;
    let mut buf = 0u64;
    let put_unit = |out: &mut Vec<u8>, bits: &mut u32, buf: &mut u64, unit: u32| {
        *bits += 16;
        *buf = (*buf << 16) | u64::from(unit);
        while *bits >= 6 {
            out.push(B64[((*buf >> (*bits - 6)) & 0x3F) as usize]);
            *bits -= 6;
        }
        *buf &= (1u64 << *bits) - 1;
    };
    for &c in cps {
        if in_shift {
            if utf7_direct(c) {
                if bits > 0 {
                    out.push(B64[((buf << (6 - bits)) & 0x3F) as usize]);
                    buf = 0;
                    bits = 0;
                }
                in_shift = false;
                // A character that could continue the base64 run (or a `-`) needs the
                // explicit terminator.
                if b64_value(c as u8).is_some() || c == u32::from(b'-') {
                    out.push(b'-');
                }
                out.push(c as u8);
                continue;
            }
        } else if c == u32::from(b'+') {
            out.extend_from_slice(b"+-");
            continue;
        } else if utf7_direct(c) {
            out.push(c as u8);
            continue;
        } else {
            out.push(b'+');
            in_shift = true;
        }
        if c >= 0x10000 {
            let v = c - 0x10000;
            put_unit(&mut out, &mut bits, &mut buf, 0xD800 + (v >> 10));
            put_unit(&mut out, &mut bits, &mut buf, 0xDC00 + (v & 0x3FF));
        } else {
            put_unit(&mut out, &mut bits, &mut buf, c);
        }
    }
    if bits > 0 {
        out.push(B64[((buf << (6 - bits)) & 0x3F) as usize]);
    }
    if in_shift {
        out.push(b'-');
    }
    out
}

/// UTF-7 decoding (CPython's `PyUnicode_DecodeUTF7Stateful`): the code points and the bytes
/// consumed. Without `is_final`, an unfinished base64 run is left for the next call.
pub fn utf7_decode(
    vm: &mut Vm,
    data: &[u8],
    errors: &str,
    is_final: bool,
) -> PyResult<(Vec<u32>, usize)> {
    let mut d = Decoder {
        encoding: "utf7",
        data,
        errors,
        out: Vec::with_capacity(data.len()),
        obj: None,
    };
    let mut i = 0;
    let mut in_shift = false;
    let mut start = 0;
    let mut shift_out_start = 0;
    let mut bits = 0u32;
    let mut buf = 0u32;
    let mut surrogate = 0u32;
    loop {
        while let Some(&ch) = data.get(i) {
            if in_shift {
                if let Some(v) = b64_value(ch) {
                    buf = (buf << 6) | v;
                    bits += 6;
                    i += 1;
                    if bits >= 16 {
                        let unit = (buf >> (bits - 16)) & 0xFFFF;
                        bits -= 16;
                        buf &= (1 << bits) - 1;
                        if surrogate != 0 {
                            if (0xDC00..0xE000).contains(&unit) {
                                d.out
                                    .push(0x10000 + ((surrogate - 0xD800) << 10) + (unit - 0xDC00));
                                surrogate = 0;
                                continue;
                            }
                            d.out.push(surrogate);
                            surrogate = 0;
                        }
                        if (0xD800..0xDC00).contains(&unit) {
                            surrogate = unit;
                        } else {
                            d.out.push(unit);
                        }
                    }
                    continue;
                }
                // Leaving the base64 run.
                in_shift = false;
                if bits >= 6 {
                    i += 1;
                    i = d.error(vm, start, i, "partial character in shift sequence")?;
                    continue;
                }
                if bits > 0 && buf != 0 {
                    i += 1;
                    i = d.error(vm, start, i, "non-zero padding bits in shift sequence")?;
                    continue;
                }
                if surrogate != 0 && ch <= 127 && ch != b'+' {
                    d.out.push(surrogate);
                }
                surrogate = 0;
                if ch == b'-' {
                    i += 1;
                }
            } else if ch == b'+' {
                start = i;
                i += 1;
                match data.get(i) {
                    Some(b'-') => {
                        i += 1;
                        d.out.push(u32::from(b'+'));
                    }
                    Some(&c) if b64_value(c).is_none() => {
                        i += 1;
                        i = d.error(vm, start, i, "ill-formed sequence")?;
                    }
                    _ => {
                        in_shift = true;
                        surrogate = 0;
                        shift_out_start = d.out.len();
                        bits = 0;
                        buf = 0;
                    }
                }
            } else if ch <= 127 {
                i += 1;
                d.out.push(u32::from(ch));
            } else {
                start = i;
                i += 1;
                i = d.error(vm, start, i, "unexpected special character")?;
            }
        }
        // The end of the input inside a base64 run.
        if in_shift && is_final {
            in_shift = false;
            if surrogate != 0 || bits >= 6 || (bits > 0 && buf != 0) {
                i = d.error(vm, start, data.len(), "unterminated shift sequence")?;
                if i < data.len() {
                    continue;
                }
            }
        }
        break;
    }
    if in_shift && !is_final {
        d.out.truncate(shift_out_start);
        return Ok((d.out, start));
    }
    Ok((d.out, i))
}
