//! The `_json` accelerator (CPython: `Modules/_json.c`), in part: `scanstring`,
//! `encode_basestring` and `encode_basestring_ascii`, with the C version's error messages.
//! `make_scanner` and `make_encoder` are not provided: `json` then uses its Python scanner and
//! encoder, which call these functions for strings.

use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::str::PyStr;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("scanstring", scanstring),
            ("encode_basestring", encode_basestring),
            ("encode_basestring_ascii", encode_basestring_ascii),
        ],
    );
    Ok(())
}

/// The code points of a str (its WTF-8 decoded, lone surrogates included).
fn code_points(v: &Value) -> Vec<u32> {
    let Some(Payload::Str(s)) = v.payload() else {
        return Vec::new();
    };
    let b = s.wtf8();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = u32::from(b[i]);
        let (n, init) = match c {
            0..=0x7F => (1, c),
            0xC0..=0xDF => (2, c & 0x1F),
            0xE0..=0xEF => (3, c & 0x0F),
            _ => (4, c & 0x07),
        };
        let mut cp = init;
        for k in 1..n {
            cp = (cp << 6) | (u32::from(b.get(i + k).copied().unwrap_or(0x80)) & 0x3F);
        }
        out.push(cp);
        i += n;
    }
    out
}

/// WTF-8 bytes of one code point (a lone surrogate included, as a str may hold one).
fn push_cp(out: &mut Vec<u8>, cp: u32) {
    match cp {
        0..=0x7F => out.push(cp as u8),
        0x80..=0x7FF => {
            out.push(0xC0 | (cp >> 6) as u8);
            out.push(0x80 | (cp & 0x3F) as u8);
        }
        0x800..=0xFFFF => {
            out.push(0xE0 | (cp >> 12) as u8);
            out.push(0x80 | ((cp >> 6) & 0x3F) as u8);
            out.push(0x80 | (cp & 0x3F) as u8);
        }
        _ => {
            out.push(0xF0 | (cp >> 18) as u8);
            out.push(0x80 | ((cp >> 12) & 0x3F) as u8);
            out.push(0x80 | ((cp >> 6) & 0x3F) as u8);
            out.push(0x80 | (cp & 0x3F) as u8);
        }
    }
}

fn str_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u32>> {
    if !matches!(v.payload(), Some(Payload::Str(_))) {
        return Err(vm.type_error(format!(
            "first argument must be a string, not {}",
            vm.type_name(v)
        )));
    }
    Ok(code_points(v))
}

/// `raise_errmsg`: `json.decoder.JSONDecodeError(msg, s, pos)`.
fn decode_error(vm: &mut Vm, msg: &str, s: &Value, pos: usize) -> PyErr {
    let cls = match vm.import_dotted("json.decoder") {
        Ok(m) => match vm.getattr_str(&m, "JSONDecodeError") {
            Ok(c) => c,
            Err(e) => return e,
        },
        Err(e) => return e,
    };
    let m = vm.new_str(msg);
    match vm.call_pos(&cls, &[m, s.clone(), Value::Int(pos as i64)]) {
        Ok(Value::Obj(o)) if matches!(o.payload, Payload::Exception(_)) => PyErr(o),
        Ok(_) => vm.type_error("JSONDecodeError did not make an exception"),
        Err(e) => e,
    }
}

fn hex4(cs: &[u32]) -> Option<u32> {
    if cs.len() != 4 {
        return None;
    }
    let mut v = 0;
    for &c in cs {
        v = (v << 4) | char::from_u32(c)?.to_digit(16)?;
    }
    Some(v)
}

/// `scanstring(s, end, strict=True) -> (str, end)`: decode the JSON string whose opening quote
/// is at `end - 1`, returning it and the index after its closing quote.
fn scanstring(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "scanstring", 2, 3)?;
    let s = a[0].clone();
    let cs = str_arg(vm, &s)?;
    let end = vm.index_to_i64(&a[1])?;
    let strict = match a.get(2) {
        Some(v) => vm.is_true(v)?,
        None => true,
    };
    let len = cs.len();
    if end < 0 || end as u64 > len as u64 {
        return Err(vm.value_error("end is out of bounds"));
    }
    let mut end = end as usize;
    let begin = end.saturating_sub(1);
    let mut out: Vec<u8> = Vec::new();
    loop {
        let mut next = end;
        let mut c = 0u32;
        while next < len {
            c = cs[next];
            if c == u32::from(b'"') || c == u32::from(b'\\') {
                break;
            }
            if c <= 0x1F && strict {
                return Err(decode_error(vm, "Invalid control character at", &s, next));
            }
            next += 1;
        }
        if next >= len || !(c == u32::from(b'"') || c == u32::from(b'\\')) {
            return Err(decode_error(
                vm,
                "Unterminated string starting at",
                &s,
                begin,
            ));
        }
        for &x in &cs[end..next] {
            push_cp(&mut out, x);
        }
        next += 1;
        if c == u32::from(b'"') {
            end = next;
            break;
        }
        if next == len {
            return Err(decode_error(
                vm,
                "Unterminated string starting at",
                &s,
                begin,
            ));
        }
        let e = cs[next];
        let cp = if e != u32::from(b'u') {
            end = next + 1;
            let v = match char::from_u32(e) {
                Some('"') => '"',
                Some('\\') => '\\',
                Some('/') => '/',
                Some('b') => '\u{8}',
                Some('f') => '\u{c}',
                Some('n') => '\n',
                Some('r') => '\r',
                Some('t') => '\t',
                _ => return Err(decode_error(vm, "Invalid \\escape", &s, end - 2)),
            };
            u32::from(v)
        } else {
            next += 1;
            end = next + 4;
            if end >= len {
                return Err(decode_error(vm, "Invalid \\uXXXX escape", &s, next - 1));
            }
            let Some(mut v) = hex4(&cs[next..end]) else {
                return Err(decode_error(vm, "Invalid \\uXXXX escape", &s, end - 5));
            };
            // A high surrogate followed by an escaped low one is one character.
            if (0xD800..=0xDBFF).contains(&v)
                && end + 6 < len
                && cs[end] == u32::from(b'\\')
                && cs[end + 1] == u32::from(b'u')
            {
                let Some(v2) = hex4(&cs[end + 2..end + 6]) else {
                    return Err(decode_error(vm, "Invalid \\uXXXX escape", &s, end + 1));
                };
                if (0xDC00..=0xDFFF).contains(&v2) {
                    v = 0x10000 + (((v - 0xD800) << 10) | (v2 - 0xDC00));
                    end += 6;
                }
            }
            v
        };
        push_cp(&mut out, cp);
    }
    let text = vm.new_pystr(PyStr::from_wtf8(out));
    Ok(vm.new_pair(text, Value::Int(end as i64)))
}

fn push_u_escape(out: &mut String, cp: u32) {
    out.push_str(&format!("\\u{cp:04x}"));
}

/// Escape one code point as `json` does; `ascii` escapes everything outside printable ASCII.
fn escape(out: &mut Vec<u8>, cp: u32, ascii: bool) {
    let mut s = String::new();
    match cp {
        0x22 => s.push_str("\\\""),
        0x5C => s.push_str("\\\\"),
        0x08 => s.push_str("\\b"),
        0x0C => s.push_str("\\f"),
        0x0A => s.push_str("\\n"),
        0x0D => s.push_str("\\r"),
        0x09 => s.push_str("\\t"),
        0..=0x1F => push_u_escape(&mut s, cp),
        0x20..=0x7E => s.push(cp as u8 as char),
        _ if !ascii => {
            push_cp(out, cp);
            return;
        }
        0x10000.. => {
            let v = cp - 0x10000;
            push_u_escape(&mut s, 0xD800 | ((v >> 10) & 0x3FF));
            push_u_escape(&mut s, 0xDC00 | (v & 0x3FF));
        }
        _ => push_u_escape(&mut s, cp),
    }
    out.extend_from_slice(s.as_bytes());
}

fn encode(vm: &mut Vm, args: Args<'_>, name: &str, ascii: bool) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, name, 1, 1)?;
    let cs = str_arg(vm, &a[0])?;
    let mut out = Vec::with_capacity(cs.len() + 2);
    out.push(b'"');
    for cp in cs {
        escape(&mut out, cp, ascii);
    }
    out.push(b'"');
    Ok(vm.new_pystr(PyStr::from_wtf8(out)))
}

fn encode_basestring(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    encode(vm, args, "encode_basestring", false)
}

fn encode_basestring_ascii(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    encode(vm, args, "encode_basestring_ascii", true)
}
