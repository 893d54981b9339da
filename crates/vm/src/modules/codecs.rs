//! `_codecs`: the codec registry and the built-in codecs' entry points (CPython:
//! `Python/codecs.c`, `Modules/_codecsmodule.c`).
//!
//! The registry is CPython's: search functions registered by `encodings` are asked in order
//! and their `CodecInfo` is cached by normalised name; the first lookup imports `encodings`.
//! The `*_encode`/`*_decode` functions are the Rust codecs of `objects/codecs.rs` with the
//! `(result, length consumed)` shape `encodings` expects; the escape codecs are written here.
//! Error handlers named by the Rust codecs are the built-in ones; `lookup_error` hands out
//! callables for them, and `register_error` records Python handlers for Python codecs.

use crate::native::{as_pystr, bind_args, pos_args};
use crate::object::ObjRef;
use crate::objects::bytes::buffer_arg;
use crate::objects::codecs as rc;
use crate::objects::function::{Args, NativeFn};
use crate::objects::str::PyStr;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

/// The error handlers every interpreter has, by name.
const HANDLERS: &[(&str, NativeFn)] = &[
    ("strict", strict_errors),
    ("ignore", ignore_errors),
    ("replace", replace_errors),
    ("xmlcharrefreplace", xmlcharrefreplace_errors),
    ("backslashreplace", backslashreplace_errors),
    ("namereplace", namereplace_errors),
    ("surrogateescape", surrogateescape_errors),
    ("surrogatepass", surrogatepass_errors),
];

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("register", register),
            ("unregister", unregister),
            ("lookup", lookup),
            ("encode", encode),
            ("decode", decode),
            ("lookup_error", lookup_error),
            ("register_error", register_error),
            ("_forget_codec", forget_codec),
            ("utf_8_encode", utf_8_encode),
            ("utf_8_decode", utf_8_decode),
            ("ascii_encode", ascii_encode),
            ("ascii_decode", ascii_decode),
            ("latin_1_encode", latin_1_encode),
            ("latin_1_decode", latin_1_decode),
            ("utf_7_encode", utf_7_encode),
            ("utf_7_decode", utf_7_decode),
            ("utf_16_encode", utf_16_encode),
            ("utf_16_decode", utf_16_decode),
            ("utf_16_le_encode", utf_16_le_encode),
            ("utf_16_le_decode", utf_16_le_decode),
            ("utf_16_be_encode", utf_16_be_encode),
            ("utf_16_be_decode", utf_16_be_decode),
            ("utf_16_ex_decode", utf_16_ex_decode),
            ("utf_32_encode", utf_32_encode),
            ("utf_32_decode", utf_32_decode),
            ("utf_32_le_encode", utf_32_le_encode),
            ("utf_32_le_decode", utf_32_le_decode),
            ("utf_32_be_encode", utf_32_be_encode),
            ("utf_32_be_decode", utf_32_be_decode),
            ("utf_32_ex_decode", utf_32_ex_decode),
            ("charmap_build", charmap_build),
            ("charmap_encode", charmap_encode),
            ("charmap_decode", charmap_decode),
            ("unicode_escape_encode", unicode_escape_encode),
            ("unicode_escape_decode", unicode_escape_decode),
            ("raw_unicode_escape_encode", raw_unicode_escape_encode),
            ("raw_unicode_escape_decode", raw_unicode_escape_decode),
            ("escape_encode", escape_encode),
            ("escape_decode", escape_decode),
            ("readbuffer_encode", readbuffer_encode),
        ],
    );
    Ok(())
}

/// `normalizestring`: lower case, spaces and hyphens to underscores.
fn normalize(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

fn text_arg(vm: &mut Vm, v: &Value, fname: &str, what: &str) -> PyResult<String> {
    match as_pystr(v) {
        Some(s) => Ok(s.as_str().into_owned()),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("{fname}() argument {what} must be str, not {tn}")))
        }
    }
}

fn register(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "register", 1, 1)?;
    if vm.lookup_special_str(&a[0], "__call__").is_none() {
        return Err(vm.type_error("argument must be callable"));
    }
    // CPython's registry starts with `encodings`' search function (imported at startup);
    // Krait imports it on first need, so a program's own function must not come first.
    if vm.mods.codec_search.is_empty() && vm.sys_module("encodings").is_none() {
        // Without a standard library there is nothing to put first.
        let _ = vm.import_dotted("encodings");
    }
    vm.mods.codec_search.push(a[0].clone());
    Ok(Value::None)
}

fn unregister(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "unregister", 1, 1)?;
    let f = a[0].clone();
    vm.mods
        .codec_search
        .retain(|g| g.identity() != f.identity());
    vm.mods.codec_cache.clear();
    Ok(Value::None)
}

fn forget_codec(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "_forget_codec", 1, 1)?;
    let name = text_arg(vm, &a[0], "_forget_codec", "")?;
    vm.mods.codec_cache.remove(&normalize(&name));
    Ok(Value::None)
}

/// `_PyCodec_Lookup`: the cached or searched `CodecInfo` for `encoding`.
pub(crate) fn codec_lookup(vm: &mut Vm, encoding: &str) -> PyResult<Value> {
    let key = normalize(encoding);
    if let Some(v) = vm.mods.codec_cache.get(&key) {
        return Ok(v.clone());
    }
    if vm.mods.codec_search.is_empty() {
        vm.import_dotted("encodings")?;
    }
    let name = vm.new_str(&key);
    for f in vm.mods.codec_search.clone() {
        let r = vm.call_pos(&f, std::slice::from_ref(&name))?;
        if r.is_none() {
            continue;
        }
        let ok = matches!(r.payload(), Some(crate::object::Payload::Tuple(t)) if t.len() == 4);
        if !ok {
            return Err(vm.type_error("codec search functions must return 4-tuples"));
        }
        vm.mods.codec_cache.insert(key, r.clone());
        return Ok(r);
    }
    let t = vm.types.lookup_error.clone();
    Err(vm.new_exception_msg(&t, format!("unknown encoding: {encoding}")))
}

fn lookup(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "lookup", 1, 1)?;
    let name = text_arg(vm, &a[0], "lookup", "")?;
    codec_lookup(vm, &name)
}

/// `(obj, encoding='utf-8', errors='strict')` for `encode`/`decode`.
fn coder_args(vm: &mut Vm, args: &Args<'_>, fname: &str) -> PyResult<(Value, String, String)> {
    let a = bind_args(vm, args, fname, &["obj", "encoding", "errors"], 1)?;
    let enc = if a[1].is_null() {
        String::from("utf-8")
    } else {
        text_arg(vm, &a[1], fname, "'encoding'")?
    };
    let errors = if a[2].is_null() {
        String::from("strict")
    } else {
        text_arg(vm, &a[2], fname, "'errors'")?
    };
    Ok((a[0].clone(), enc, errors))
}

/// Call the codec's encoder or decoder (`CodecInfo[0]`/`[1]`) and return the result's first
/// item.
fn call_codec(vm: &mut Vm, obj: Value, enc: &str, errors: &str, which: usize) -> PyResult<Value> {
    let info = codec_lookup(vm, enc)?;
    let idx = Value::Int(which as i64);
    let f = vm.getitem(&info, &idx)?;
    let e = vm.new_str(errors);
    let op = if which == 0 { "encoding" } else { "decoding" };
    let r = vm
        .call_pos(&f, &[obj, e])
        .map_err(|err| crate::objects::codecs::wrap_codec_error(vm, err, op, enc))?;
    match r.payload() {
        Some(crate::object::Payload::Tuple(t)) if t.len() == 2 => Ok(t[0].clone()),
        _ => Err(vm.type_error(if which == 0 {
            "encoder must return a tuple (object, integer)"
        } else {
            "decoder must return a tuple (object, integer)"
        })),
    }
}

fn encode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (obj, enc, errors) = coder_args(vm, &args, "encode")?;
    call_codec(vm, obj, &enc, &errors, 0)
}

fn decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (obj, enc, errors) = coder_args(vm, &args, "decode")?;
    call_codec(vm, obj, &enc, &errors, 1)
}

fn lookup_error(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "lookup_error", 1, 1)?;
    let name = text_arg(vm, &a[0], "lookup_error", "")?;
    if let Some(h) = vm.mods.codec_errors.get(&name) {
        return Ok(h.clone());
    }
    if let Some((n, f)) = HANDLERS.iter().find(|(n, _)| *n == name) {
        let h = vm.new_native(n, *f);
        vm.mods.codec_errors.insert(name, h.clone());
        return Ok(h);
    }
    let t = vm.types.lookup_error.clone();
    Err(vm.new_exception_msg(&t, format!("unknown error handler name '{name}'")))
}

fn register_error(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "register_error", 2, 2)?;
    let name = text_arg(vm, &a[0], "register_error", "1")?;
    if vm.lookup_special_str(&a[1], "__call__").is_none() {
        return Err(vm.type_error("handler must be callable"));
    }
    vm.mods.codec_errors.insert(name, a[1].clone());
    Ok(Value::None)
}

// ----- the built-in codecs -----

/// `errors` as given (`None` means strict).
fn errors_arg(vm: &mut Vm, v: &Value, fname: &str) -> PyResult<String> {
    if v.is_null() || v.is_none() {
        return Ok(String::from("strict"));
    }
    text_arg(vm, v, fname, "2")
}

fn str_of(vm: &mut Vm, v: &Value, fname: &str) -> PyResult<PyStr> {
    match as_pystr(v) {
        Some(s) => Ok(PyStr::from_wtf8(s.wtf8().to_vec())),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("{fname}() argument 1 must be str, not {tn}")))
        }
    }
}

fn encode_with(vm: &mut Vm, args: Args<'_>, fname: &str, codec: &str) -> PyResult<Value> {
    let a = bind_args(vm, &args, fname, &["str", "errors"], 1)?;
    let s = str_of(vm, &a[0], fname)?;
    let errors = errors_arg(vm, &a[1], fname)?;
    let n = s.len();
    let out = rc::encode(vm, &s, codec, &errors)?;
    let b = vm.new_bytes(out);
    Ok(vm.new_pair(b, Value::Int(n as i64)))
}

/// The length of the longest prefix of `b` that does not end inside a UTF-8 sequence.
fn utf8_complete_prefix(b: &[u8]) -> usize {
    let n = b.len();
    for back in 1..=3.min(n) {
        let c = b[n - back];
        if c & 0xC0 == 0x80 {
            continue;
        }
        let need = if c >= 0xF0 {
            4
        } else if c >= 0xE0 {
            3
        } else if c >= 0xC0 {
            2
        } else {
            1
        };
        return if need > back { n - back } else { n };
    }
    n
}

fn decode_with(
    vm: &mut Vm,
    args: Args<'_>,
    fname: &str,
    codec: &str,
    unit: usize,
) -> PyResult<Value> {
    let a = bind_args(vm, &args, fname, &["data", "errors", "final"], 1)?;
    let data = buffer_arg(vm, &a[0])?;
    let errors = errors_arg(vm, &a[1], fname)?;
    let is_final = !a[2].is_null() && vm.is_true(&a[2])?;
    // Without `final`, an incomplete sequence at the end waits for more input.
    let take = if is_final {
        data.len()
    } else if unit == 1 {
        if codec == "utf-8" {
            utf8_complete_prefix(&data)
        } else {
            data.len()
        }
    } else {
        let mut t = data.len() - data.len() % unit;
        // A UTF-16 high surrogate at the end waits for its partner.
        if unit == 2 && t >= 2 {
            let be = codec.ends_with("be");
            let last = if be {
                u16::from_be_bytes([data[t - 2], data[t - 1]])
            } else {
                u16::from_le_bytes([data[t - 2], data[t - 1]])
            };
            if (0xD800..0xDC00).contains(&last) {
                t -= 2;
            }
        }
        t
    };
    let s = rc::decode(vm, &data[..take], codec, &errors)?;
    let sv = vm.new_pystr(s);
    Ok(vm.new_pair(sv, Value::Int(take as i64)))
}

/// `utf_7_encode(str, errors=None)`
fn utf_7_encode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "utf_7_encode", &["str", "errors"], 1)?;
    let s = str_of(vm, &a[0], "utf_7_encode")?;
    errors_arg(vm, &a[1], "utf_7_encode")?;
    let out = rc::utf7_encode(&s.code_points());
    let b = vm.new_bytes(out);
    Ok(vm.new_pair(b, Value::Int(s.len() as i64)))
}

/// `utf_7_decode(data, errors=None, final=False)`
fn utf_7_decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "utf_7_decode", &["data", "errors", "final"], 1)?;
    let data = buffer_arg(vm, &a[0])?;
    let errors = errors_arg(vm, &a[1], "utf_7_decode")?;
    let is_final = !a[2].is_null() && vm.is_true(&a[2])?;
    let (cps, used) = rc::utf7_decode(vm, &data, &errors, is_final)?;
    let sv = vm.new_pystr(PyStr::from_code_points(cps));
    Ok(vm.new_pair(sv, Value::Int(used as i64)))
}

macro_rules! codec_pair {
    ($enc:ident, $dec:ident, $name:literal, $unit:expr) => {
        fn $enc(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            encode_with(vm, args, stringify!($enc), $name)
        }
        fn $dec(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            decode_with(vm, args, stringify!($dec), $name, $unit)
        }
    };
}

codec_pair!(utf_8_encode, utf_8_decode, "utf-8", 1);
codec_pair!(ascii_encode, ascii_decode, "ascii", 1);
codec_pair!(latin_1_encode, latin_1_decode, "latin-1", 1);
codec_pair!(utf_16_le_encode, utf_16_le_decode, "utf-16-le", 2);
codec_pair!(utf_16_be_encode, utf_16_be_decode, "utf-16-be", 2);
codec_pair!(utf_32_le_encode, utf_32_le_decode, "utf-32-le", 4);
codec_pair!(utf_32_be_encode, utf_32_be_decode, "utf-32-be", 4);

/// `utf_16_encode(str, errors=None, byteorder=0)`: a BOM and native order unless told.
fn bom_encode(vm: &mut Vm, args: Args<'_>, fname: &str, bits: u32) -> PyResult<Value> {
    let a = bind_args(vm, &args, fname, &["str", "errors", "byteorder"], 1)?;
    let s = str_of(vm, &a[0], fname)?;
    let errors = errors_arg(vm, &a[1], fname)?;
    let order = if a[2].is_null() {
        0
    } else {
        vm.index_to_i64(&a[2])?
    };
    let codec = match (bits, order) {
        (16, 0) => "utf-16",
        (16, o) if o < 0 => "utf-16-le",
        (16, _) => "utf-16-be",
        (_, 0) => "utf-32",
        (_, o) if o < 0 => "utf-32-le",
        _ => "utf-32-be",
    };
    let n = s.len();
    let out = rc::encode(vm, &s, codec, &errors)?;
    let b = vm.new_bytes(out);
    Ok(vm.new_pair(b, Value::Int(n as i64)))
}

fn utf_16_encode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    bom_encode(vm, args, "utf_16_encode", 16)
}

fn utf_32_encode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    bom_encode(vm, args, "utf_32_encode", 32)
}

/// `utf_16_ex_decode(data, errors, byteorder, final)` → `(str, consumed, byteorder)`: a BOM
/// at the start decides the order.
fn ex_decode(vm: &mut Vm, args: Args<'_>, fname: &str, unit: usize) -> PyResult<Value> {
    let a = bind_args(
        vm,
        &args,
        fname,
        &["data", "errors", "byteorder", "final"],
        1,
    )?;
    let data = buffer_arg(vm, &a[0])?;
    let mut order = if a[2].is_null() {
        0
    } else {
        vm.index_to_i64(&a[2])?
    };
    let mut skip = 0;
    if order == 0 && data.len() >= unit {
        let (le, be): (&[u8], &[u8]) = if unit == 2 {
            (&[0xFF, 0xFE], &[0xFE, 0xFF])
        } else {
            (&[0xFF, 0xFE, 0, 0], &[0, 0, 0xFE, 0xFF])
        };
        if data.starts_with(le) {
            order = -1;
            skip = unit;
        } else if data.starts_with(be) {
            order = 1;
            skip = unit;
        }
    }
    let codec = match (unit, order > 0) {
        (2, false) => "utf-16-le",
        (2, true) => "utf-16-be",
        (_, false) => "utf-32-le",
        (_, true) => "utf-32-be",
    };
    let rest = vm.new_bytes(data[skip..].to_vec());
    let mut inner = vec![rest];
    inner.push(if a[1].is_null() {
        Value::None
    } else {
        a[1].clone()
    });
    inner.push(if a[3].is_null() {
        Value::bool(false)
    } else {
        a[3].clone()
    });
    let r = decode_with(vm, Args::positional(&inner), fname, codec, unit)?;
    let (s, n) = match r.payload() {
        Some(crate::object::Payload::Tuple(t)) => (t[0].clone(), vm.index_to_i64(&t[1])?),
        _ => return Err(vm.runtime_error("bad decode result")),
    };
    Ok(vm.new_tuple(vec![s, Value::Int(n + skip as i64), Value::Int(order)]))
}

fn utf_16_ex_decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    ex_decode(vm, args, "utf_16_ex_decode", 2)
}

fn utf_32_ex_decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    ex_decode(vm, args, "utf_32_ex_decode", 4)
}

/// `utf_16_decode(data, errors=None, final=False)`: like `ex_decode`, native order without BOM.
fn bom_decode(vm: &mut Vm, args: Args<'_>, fname: &str, unit: usize) -> PyResult<Value> {
    let a = bind_args(vm, &args, fname, &["data", "errors", "final"], 1)?;
    let mut v = vec![a[0].clone()];
    v.push(if a[1].is_null() {
        Value::None
    } else {
        a[1].clone()
    });
    v.push(Value::Int(0));
    v.push(if a[2].is_null() {
        Value::bool(false)
    } else {
        a[2].clone()
    });
    let r = ex_decode(vm, Args::positional(&v), fname, unit)?;
    match r.payload() {
        Some(crate::object::Payload::Tuple(t)) => {
            let (s, n) = (t[0].clone(), t[1].clone());
            Ok(vm.new_pair(s, n))
        }
        _ => Err(vm.runtime_error("bad decode result")),
    }
}

fn utf_16_decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    bom_decode(vm, args, "utf_16_decode", 2)
}

fn utf_32_decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    bom_decode(vm, args, "utf_32_decode", 4)
}

// ----- charmap -----

/// `charmap_build(decoding_table)`: the reverse map `{code point: byte}`.
fn charmap_build(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "charmap_build", 1, 1)?;
    let s = str_of(vm, &a[0], "charmap_build")?;
    let d = vm.new_dict();
    for (i, cp) in s.code_points().into_iter().enumerate() {
        vm.dict_set(&d, Value::Int(i64::from(cp)), Value::Int(i as i64))?;
    }
    Ok(Value::Obj(d))
}

/// `charmap_decode(data, errors=None, mapping=None)`: bytes through a str table or a dict.
fn charmap_decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(
        vm,
        &args,
        "charmap_decode",
        &["data", "errors", "mapping"],
        1,
    )?;
    let data = buffer_arg(vm, &a[0])?;
    let errors = errors_arg(vm, &a[1], "charmap_decode")?;
    let mapping = a[2].clone();
    if mapping.is_null() || mapping.is_none() {
        let s = rc::decode(vm, &data, "latin-1", &errors)?;
        let sv = vm.new_pystr(s);
        return Ok(vm.new_pair(sv, Value::Int(data.len() as i64)));
    }
    let table = as_pystr(&mapping).map(PyStr::code_points);
    let mut out: Vec<u32> = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        let mapped: Option<Vec<u32>> = match &table {
            Some(t) => t
                .get(usize::from(b))
                .filter(|c| **c != 0xFFFE)
                .map(|c| vec![*c]),
            None => match vm.mapping_get(&mapping, &Value::Int(i64::from(b))) {
                Ok(Some(Value::None)) | Ok(None) => None,
                Ok(Some(v)) => match v {
                    Value::Int(n) if (0..0x110000).contains(&n) => Some(vec![n as u32]),
                    ref other => as_pystr(other).map(PyStr::code_points),
                },
                Err(e) if vm.err_matches(&e, &vm.types.lookup_error.clone()) => None,
                Err(e) => return Err(e),
            },
        };
        match mapped {
            Some(cps) => {
                out.extend(cps);
                i += 1;
            }
            None => match errors.as_str() {
                "ignore" => i += 1,
                "replace" => {
                    out.push(0xFFFD);
                    i += 1;
                }
                "backslashreplace" => {
                    out.extend(format!("\\x{b:02x}").chars().map(u32::from));
                    i += 1;
                }
                "surrogateescape" if b >= 0x80 => {
                    out.push(0xDC00 + u32::from(b));
                    i += 1;
                }
                _ => {
                    return Err(rc::decode_error(
                        vm,
                        "charmap",
                        &data,
                        i,
                        i + 1,
                        "character maps to <undefined>",
                    ));
                }
            },
        }
    }
    let sv = vm.new_pystr(PyStr::from_code_points(out));
    Ok(vm.new_pair(sv, Value::Int(data.len() as i64)))
}

/// `charmap_encode(str, errors=None, mapping=None)`: through a dict (`charmap_build`'s).
fn charmap_encode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(
        vm,
        &args,
        "charmap_encode",
        &["str", "errors", "mapping"],
        1,
    )?;
    let s = str_of(vm, &a[0], "charmap_encode")?;
    let errors = errors_arg(vm, &a[1], "charmap_encode")?;
    let mapping = a[2].clone();
    if mapping.is_null() || mapping.is_none() {
        let out = rc::encode(vm, &s, "latin-1", &errors)?;
        let b = vm.new_bytes(out);
        return Ok(vm.new_pair(b, Value::Int(s.len() as i64)));
    }
    let cps = s.code_points();
    let mut out = Vec::with_capacity(cps.len());
    let mut i = 0;
    while i < cps.len() {
        let cp = cps[i];
        let mapped: Option<Vec<u8>> = match vm.mapping_get(&mapping, &Value::Int(i64::from(cp))) {
            Ok(Some(Value::Int(n))) if (0..256).contains(&n) => Some(vec![n as u8]),
            Ok(Some(v)) => crate::objects::bytes::bytes_of(&v),
            Ok(None) => None,
            Err(e) if vm.err_matches(&e, &vm.types.lookup_error.clone()) => None,
            Err(e) => return Err(e),
        };
        match mapped {
            Some(b) => {
                out.extend(b);
                i += 1;
            }
            None => {
                let replacement: Option<String> = match errors.as_str() {
                    "ignore" => Some(String::new()),
                    "replace" => Some(String::from("?")),
                    "xmlcharrefreplace" => Some(format!("&#{cp};")),
                    "backslashreplace" => Some(escape_cp(cp)),
                    _ => None,
                };
                match replacement {
                    Some(r) => {
                        out.extend(r.bytes());
                        i += 1;
                    }
                    None => {
                        return Err(rc::encode_error(
                            vm,
                            "charmap",
                            &s,
                            i,
                            i + 1,
                            "character maps to <undefined>",
                        ));
                    }
                }
            }
        }
    }
    let b = vm.new_bytes(out);
    Ok(vm.new_pair(b, Value::Int(cps.len() as i64)))
}

// ----- escape codecs -----

fn escape_cp(cp: u32) -> String {
    if cp < 0x100 {
        format!("\\x{cp:02x}")
    } else if cp < 0x10000 {
        format!("\\u{cp:04x}")
    } else {
        format!("\\U{cp:08x}")
    }
}

/// `unicode_escape_encode(str, errors=None)`.
fn unicode_escape_encode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "unicode_escape_encode", &["str", "errors"], 1)?;
    let s = str_of(vm, &a[0], "unicode_escape_encode")?;
    let mut out = String::new();
    for cp in s.code_points() {
        match cp {
            0x5C => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            0x20..=0x7E => out.push(char::from(cp as u8)),
            _ => out.push_str(&escape_cp(cp)),
        }
    }
    let b = vm.new_bytes(out.into_bytes());
    Ok(vm.new_pair(b, Value::Int(s.len() as i64)))
}

/// `raw_unicode_escape_encode(str, errors=None)`: only characters past Latin-1 are escaped.
fn raw_unicode_escape_encode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(
        vm,
        &args,
        "raw_unicode_escape_encode",
        &["str", "errors"],
        1,
    )?;
    let s = str_of(vm, &a[0], "raw_unicode_escape_encode")?;
    let mut out = Vec::new();
    for cp in s.code_points() {
        if cp < 0x100 {
            out.push(cp as u8);
        } else {
            out.extend(escape_cp(cp).bytes());
        }
    }
    let b = vm.new_bytes(out);
    Ok(vm.new_pair(b, Value::Int(s.len() as i64)))
}

fn hex_digits(data: &[u8], at: usize, n: usize) -> Option<u32> {
    let digits = data.get(at..at + n)?;
    let mut v: u32 = 0;
    for d in digits {
        v = v * 16 + char::from(*d).to_digit(16)?;
    }
    Some(v)
}

/// Decode backslash escapes in `data` (`raw`: only `\u`/`\U`), as `unicode_escape` does.
fn unescape(vm: &mut Vm, data: &[u8], errors: &str, raw: bool) -> PyResult<Vec<u32>> {
    let codec = if raw {
        "rawunicodeescape"
    } else {
        "unicodeescape"
    };
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b != b'\\' || i + 1 >= data.len() {
            if b == b'\\' && !raw {
                return Err(rc::decode_error(
                    vm,
                    codec,
                    data,
                    i,
                    i + 1,
                    "\\ at end of string",
                ));
            }
            out.push(u32::from(b));
            i += 1;
            continue;
        }
        let c = data[i + 1];
        let fixed = |n: usize, what: &str| -> Result<(u32, usize), (usize, String)> {
            match hex_digits(data, i + 2, n) {
                Some(v) if v <= 0x10FFFF => Ok((v, i + 2 + n)),
                Some(_) => Err((i + 2 + n, String::from("illegal Unicode character"))),
                None => {
                    let mut end = i + 2;
                    while end < data.len()
                        && end < i + 2 + n
                        && char::from(data[end]).is_ascii_hexdigit()
                    {
                        end += 1;
                    }
                    Err((end, format!("truncated {what} escape")))
                }
            }
        };
        let res: Option<Result<(u32, usize), (usize, String)>> = match c {
            b'u' => Some(fixed(4, "\\uXXXX")),
            b'U' => Some(fixed(8, "\\UXXXXXXXX")),
            _ if raw => None,
            b'x' => Some(fixed(2, "\\xXX")),
            b'\n' => {
                i += 2;
                continue;
            }
            b'\\' => Some(Ok((0x5C, i + 2))),
            b'\'' => Some(Ok((0x27, i + 2))),
            b'"' => Some(Ok((0x22, i + 2))),
            b'a' => Some(Ok((7, i + 2))),
            b'b' => Some(Ok((8, i + 2))),
            b'f' => Some(Ok((12, i + 2))),
            b'n' => Some(Ok((10, i + 2))),
            b'r' => Some(Ok((13, i + 2))),
            b't' => Some(Ok((9, i + 2))),
            b'v' => Some(Ok((11, i + 2))),
            b'0'..=b'7' => {
                let mut v = u32::from(c - b'0');
                let mut j = i + 2;
                while j < data.len() && j < i + 4 && (b'0'..=b'7').contains(&data[j]) {
                    v = v * 8 + u32::from(data[j] - b'0');
                    j += 1;
                }
                Some(Ok((v, j)))
            }
            b'N' => {
                let close = data[i + 2..].iter().position(|b| *b == b'}');
                match (data.get(i + 2), close) {
                    (Some(b'{'), Some(p)) => {
                        let name = String::from_utf8_lossy(&data[i + 3..i + 2 + p]);
                        match unicode_names2::character(&name) {
                            Some(ch) => Some(Ok((u32::from(ch), i + 3 + p))),
                            None => Some(Err((
                                i + 3 + p,
                                String::from("unknown Unicode character name"),
                            ))),
                        }
                    }
                    _ => Some(Err((
                        data.len(),
                        String::from("malformed \\N character escape"),
                    ))),
                }
            }
            _ => None,
        };
        match res {
            None => {
                out.push(0x5C);
                i += 1;
            }
            Some(Ok((cp, next))) => {
                out.push(cp);
                i = next;
            }
            Some(Err((end, reason))) => match errors {
                "ignore" => i = end,
                "replace" => {
                    out.push(0xFFFD);
                    i = end;
                }
                _ => return Err(rc::decode_error(vm, codec, data, i, end, &reason)),
            },
        }
    }
    Ok(out)
}

fn unicode_escape_decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    escape_decode_common(vm, args, "unicode_escape_decode", false)
}

fn raw_unicode_escape_decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    escape_decode_common(vm, args, "raw_unicode_escape_decode", true)
}

fn escape_decode_common(vm: &mut Vm, args: Args<'_>, fname: &str, raw: bool) -> PyResult<Value> {
    let a = bind_args(vm, &args, fname, &["data", "errors", "final"], 1)?;
    let data = match as_pystr(&a[0]) {
        Some(s) => s.wtf8().to_vec(),
        None => buffer_arg(vm, &a[0])?,
    };
    let errors = errors_arg(vm, &a[1], fname)?;
    let cps = unescape(vm, &data, &errors, raw)?;
    let sv = vm.new_pystr(PyStr::from_code_points(cps));
    Ok(vm.new_pair(sv, Value::Int(data.len() as i64)))
}

/// `escape_encode(bytes)`: bytes with `repr`-style escapes, without quotes.
fn escape_encode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "escape_encode", 1, 2)?;
    let Some(crate::object::Payload::Bytes(b)) = a[0].payload() else {
        let tn = vm.type_name(&a[0]);
        return Err(vm.type_error(format!(
            "escape_encode() argument 1 must be bytes, not {tn}"
        )));
    };
    let mut out = Vec::with_capacity(b.len());
    for &c in b.iter() {
        match c {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\'' => out.extend_from_slice(b"\\'"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x20..=0x7E => out.push(c),
            _ => out.extend(format!("\\x{c:02x}").bytes()),
        }
    }
    let n = b.len();
    let bv = vm.new_bytes(out);
    Ok(vm.new_pair(bv, Value::Int(n as i64)))
}

/// `escape_decode(data, errors=None)`: bytes-literal escapes to bytes.
fn escape_decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "escape_decode", 1, 2)?;
    let data = match as_pystr(&a[0]) {
        Some(s) => s.wtf8().to_vec(),
        None => buffer_arg(vm, &a[0])?,
    };
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b != b'\\' {
            out.push(b);
            i += 1;
            continue;
        }
        let Some(&c) = data.get(i + 1) else {
            return Err(vm.value_error("Trailing \\ in string"));
        };
        i += 2;
        match c {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(10),
            b'r' => out.push(13),
            b't' => out.push(9),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = u32::from(c - b'0');
                let mut j = 0;
                while j < 2 && i < data.len() && (b'0'..=b'7').contains(&data[i]) {
                    v = v * 8 + u32::from(data[i] - b'0');
                    i += 1;
                    j += 1;
                }
                out.push((v & 0xFF) as u8);
            }
            b'x' => match hex_digits(&data, i, 2) {
                Some(v) => {
                    out.push(v as u8);
                    i += 2;
                }
                None => {
                    return Err(vm.value_error(format!("invalid \\x escape at position {}", i - 2)));
                }
            },
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    let bv = vm.new_bytes(out);
    Ok(vm.new_pair(bv, Value::Int(data.len() as i64)))
}

fn readbuffer_encode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "readbuffer_encode", 1, 2)?;
    let data = match as_pystr(&a[0]) {
        Some(s) => s.wtf8().to_vec(),
        None => buffer_arg(vm, &a[0])?,
    };
    let n = data.len();
    let b = vm.new_bytes(data);
    Ok(vm.new_pair(b, Value::Int(n as i64)))
}

// ----- error handlers as callables (`PyCodec_*Errors`) -----

struct ErrInfo {
    exc: Value,
    kind: ErrKind,
    start: usize,
    end: usize,
    object: Value,
}

#[derive(PartialEq, Eq)]
enum ErrKind {
    Encode,
    Decode,
    Translate,
}

fn err_info(vm: &mut Vm, args: &Args<'_>, fname: &str) -> PyResult<ErrInfo> {
    let a = pos_args(vm, args, fname, 1, 1)?;
    let exc = a[0].clone();
    let kind = if vm.isinstance_exact_or_sub(&exc, &vm.types.unicode_encode_error.clone()) {
        ErrKind::Encode
    } else if vm.isinstance_exact_or_sub(&exc, &vm.types.unicode_decode_error.clone()) {
        ErrKind::Decode
    } else if vm.isinstance_exact_or_sub(&exc, &vm.types.unicode_translate_error.clone()) {
        ErrKind::Translate
    } else {
        let tn = vm.type_name(&exc);
        return Err(vm.type_error(format!("don't know how to handle {tn} in error callback")));
    };
    let start = vm.getattr_str(&exc, "start")?;
    let end = vm.getattr_str(&exc, "end")?;
    let object = vm.getattr_str(&exc, "object")?;
    let start = usize::try_from(vm.index_to_i64(&start)?).unwrap_or(0);
    let end = usize::try_from(vm.index_to_i64(&end)?).unwrap_or(0);
    Ok(ErrInfo {
        exc,
        kind,
        start,
        end,
        object,
    })
}

fn unsupported(vm: &mut Vm, info: &ErrInfo) -> PyErr {
    let tn = vm.type_name(&info.exc);
    vm.type_error(format!("don't know how to handle {tn} in error callback"))
}

/// The handler cannot help: the original exception goes on.
fn reraise(vm: &mut Vm, info: &ErrInfo) -> PyErr {
    match &info.exc {
        Value::Obj(o) => PyErr(o.clone()),
        _ => vm.type_error("codec must pass exception instance"),
    }
}

fn result(vm: &mut Vm, cps: Vec<u32>, end: usize) -> Value {
    let s = vm.new_pystr(PyStr::from_code_points(cps));
    vm.new_pair(s, Value::Int(end as i64))
}

/// The code points `object[start:end]` of an encode/translate error.
fn failed_chars(info: &ErrInfo) -> Vec<u32> {
    as_pystr(&info.object)
        .map(|s| {
            s.code_points()
                .into_iter()
                .skip(info.start)
                .take(info.end.saturating_sub(info.start))
                .collect()
        })
        .unwrap_or_default()
}

fn failed_bytes(info: &ErrInfo) -> Vec<u8> {
    crate::objects::bytes::bytes_of(&info.object)
        .map(|b| {
            b.get(info.start..info.end.min(b.len()))
                .unwrap_or(&[])
                .to_vec()
        })
        .unwrap_or_default()
}

fn strict_errors(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "strict_errors", 1, 1)?;
    match &a[0] {
        Value::Obj(o) if vm.isinstance_exact_or_sub(&a[0], &vm.types.base_exception.clone()) => {
            Err(PyErr(o.clone()))
        }
        _ => Err(vm.type_error("codec must pass exception instance")),
    }
}

fn ignore_errors(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let info = err_info(vm, &args, "ignore_errors")?;
    Ok(result(vm, Vec::new(), info.end))
}

fn replace_errors(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let info = err_info(vm, &args, "replace_errors")?;
    let n = info.end.saturating_sub(info.start);
    let cps = match info.kind {
        ErrKind::Encode => vec![u32::from(b'?'); n],
        ErrKind::Decode => vec![0xFFFD],
        ErrKind::Translate => vec![0xFFFD; n],
    };
    Ok(result(vm, cps, info.end))
}

fn xmlcharrefreplace_errors(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let info = err_info(vm, &args, "xmlcharrefreplace_errors")?;
    if info.kind != ErrKind::Encode {
        return Err(unsupported(vm, &info));
    }
    let text: String = failed_chars(&info)
        .iter()
        .map(|c| format!("&#{c};"))
        .collect();
    Ok(result(vm, text.chars().map(u32::from).collect(), info.end))
}

fn backslashreplace_errors(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let info = err_info(vm, &args, "backslashreplace_errors")?;
    let text: String = if info.kind == ErrKind::Decode {
        failed_bytes(&info)
            .iter()
            .map(|b| format!("\\x{b:02x}"))
            .collect()
    } else {
        failed_chars(&info).iter().map(|c| escape_cp(*c)).collect()
    };
    Ok(result(vm, text.chars().map(u32::from).collect(), info.end))
}

fn namereplace_errors(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let info = err_info(vm, &args, "namereplace_errors")?;
    if info.kind != ErrKind::Encode {
        return Err(unsupported(vm, &info));
    }
    let text: String = failed_chars(&info)
        .iter()
        .map(|c| {
            char::from_u32(*c)
                .and_then(unicode_names2::name)
                .map_or_else(|| escape_cp(*c), |n| format!("\\N{{{n}}}"))
        })
        .collect();
    Ok(result(vm, text.chars().map(u32::from).collect(), info.end))
}

fn surrogateescape_errors(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let info = err_info(vm, &args, "surrogateescape_errors")?;
    match info.kind {
        ErrKind::Decode => {
            let bytes = failed_bytes(&info);
            let mut cps = Vec::new();
            for b in bytes.iter().take(4) {
                if *b < 128 {
                    break;
                }
                cps.push(0xDC00 + u32::from(*b));
            }
            if cps.is_empty() {
                return Err(reraise(vm, &info));
            }
            let end = info.start + cps.len();
            Ok(result(vm, cps, end))
        }
        ErrKind::Encode => {
            let mut out = Vec::new();
            for c in failed_chars(&info) {
                if !(0xDC80..0xDD00).contains(&c) {
                    return Err(reraise(vm, &info));
                }
                out.push((c - 0xDC00) as u8);
            }
            let b = vm.new_bytes(out);
            Ok(vm.new_pair(b, Value::Int(info.end as i64)))
        }
        ErrKind::Translate => Err(unsupported(vm, &info)),
    }
}

fn surrogatepass_errors(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let info = err_info(vm, &args, "surrogatepass_errors")?;
    match info.kind {
        ErrKind::Encode => {
            let mut out = Vec::new();
            for c in failed_chars(&info) {
                if !(0xD800..0xE000).contains(&c) {
                    return Err(reraise(vm, &info));
                }
                let mut buf = Vec::new();
                crate::objects::str::push_code_point(&mut buf, c);
                out.extend(buf);
            }
            let b = vm.new_bytes(out);
            Ok(vm.new_pair(b, Value::Int(info.end as i64)))
        }
        ErrKind::Decode => {
            let bytes = failed_bytes(&info);
            if bytes.len() >= 3 && bytes[0] == 0xED && (bytes[1] & 0xE0) == 0xA0 {
                let c = (u32::from(bytes[0] & 0x0F) << 12)
                    | (u32::from(bytes[1] & 0x3F) << 6)
                    | u32::from(bytes[2] & 0x3F);
                return Ok(result(vm, vec![c], info.start + 3));
            }
            Err(reraise(vm, &info))
        }
        ErrKind::Translate => Err(unsupported(vm, &info)),
    }
}
