//! `_multibytecodec` and the CJK codec modules `_codecs_jp`, `_codecs_kr`, `_codecs_cn`,
//! `_codecs_tw`, `_codecs_hk`, `_codecs_iso2022` (CPython: `Modules/cjkcodecs/`).
//!
//! The codec steps are in [`engine`], their tables (generated from CPython's own codecs by
//! `tools/gen_cjk_tables.py`) in [`tables`]. This file is `multibytecodec.c`'s driver: the
//! error handling (`strict`/`ignore`/`replace` built in, any other name through
//! `codecs.lookup_error` with CPython's exception objects and resume positions), and the
//! codec, incremental and stream objects the `encodings.*` modules subclass.

mod engine;
mod tables;

use std::cell::RefCell;

use engine::{Codec, State, TOOFEW};
use krait_vm::native::{bind_args, native_ref, new_cls};
use krait_vm::object::{ObjRef, Payload};
use krait_vm::objects::bytes::{buffer_arg, bytes_of};
use krait_vm::objects::codecs as rc;
use krait_vm::objects::function::{Args, MethodDef, MethodKind, NativeFn};
use krait_vm::objects::str::PyStr;
use krait_vm::value::Value;
use krait_vm::{PyErr, PyResult, Vm};
use num_bigint::BigInt;

const MAXDECPENDING: usize = 8;
const MAXENCPENDING: usize = 2;

pub(crate) fn register(vm: &mut Vm) {
    vm.builtin_modules.push(("_multibytecodec", init_mbc));
    vm.builtin_modules.push(("_codecs_jp", init_jp));
    vm.builtin_modules.push(("_codecs_kr", init_kr));
    vm.builtin_modules.push(("_codecs_cn", init_cn));
    vm.builtin_modules.push(("_codecs_tw", init_tw));
    vm.builtin_modules.push(("_codecs_hk", init_hk));
    vm.builtin_modules.push(("_codecs_iso2022", init_iso2022));
}

fn def(name: &'static str, func: NativeFn, kind: MethodKind) -> MethodDef {
    MethodDef {
        name,
        func,
        kind,
        doc: "",
    }
}

/// The `MultibyteCodec` type, made once per interpreter by `_multibytecodec`'s init.
fn codec_type(vm: &mut Vm) -> PyResult<ObjRef> {
    if let Some(t) = vm.mods.ext_types.get("_multibytecodec.MultibyteCodec") {
        return Ok(t.clone());
    }
    vm.import_dotted("_multibytecodec")?;
    match vm.mods.ext_types.get("_multibytecodec.MultibyteCodec") {
        Some(t) => Ok(t.clone()),
        None => Err(vm.runtime_error("_multibytecodec is not initialised")),
    }
}

fn init_mbc(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let i = MethodKind::Instance;
    let codec = krait_vm::modules::new_type(vm, "_multibytecodec", "MultibyteCodec", false);
    vm.add_methods(
        &codec,
        &[
            def("__new__", codec_new, MethodKind::Static),
            def("encode", codec_encode, i),
            def("decode", codec_decode, i),
        ],
    );
    vm.mods
        .ext_types
        .insert("_multibytecodec.MultibyteCodec", codec.clone());

    let ienc =
        krait_vm::modules::new_type(vm, "_multibytecodec", "MultibyteIncrementalEncoder", true);
    vm.add_methods(
        &ienc,
        &[
            def("__new__", ienc_new, MethodKind::Static),
            def("__init__", noop_init, i),
            def("encode", ienc_encode, i),
            def("getstate", ienc_getstate, i),
            def("setstate", ienc_setstate, i),
            def("reset", ienc_reset, i),
        ],
    );
    vm.add_getset(&ienc, "errors", errors_get, Some(errors_set));
    krait_vm::modules::set_attr(vm, m, "MultibyteIncrementalEncoder", Value::Obj(ienc));

    let idec =
        krait_vm::modules::new_type(vm, "_multibytecodec", "MultibyteIncrementalDecoder", true);
    vm.add_methods(
        &idec,
        &[
            def("__new__", idec_new, MethodKind::Static),
            def("__init__", noop_init, i),
            def("decode", idec_decode, i),
            def("getstate", idec_getstate, i),
            def("setstate", idec_setstate, i),
            def("reset", idec_reset, i),
        ],
    );
    vm.add_getset(&idec, "errors", errors_get, Some(errors_set));
    krait_vm::modules::set_attr(vm, m, "MultibyteIncrementalDecoder", Value::Obj(idec));

    let reader = krait_vm::modules::new_type(vm, "_multibytecodec", "MultibyteStreamReader", true);
    vm.add_methods(
        &reader,
        &[
            def("__new__", reader_new, MethodKind::Static),
            def("__init__", noop_init, i),
            def("read", reader_read, i),
            def("readline", reader_readline, i),
            def("readlines", reader_readlines, i),
            def("reset", reader_reset, i),
        ],
    );
    vm.add_getset(&reader, "errors", errors_get, Some(errors_set));
    vm.add_getset(&reader, "stream", stream_get, None);
    krait_vm::modules::set_attr(vm, m, "MultibyteStreamReader", Value::Obj(reader));

    let writer = krait_vm::modules::new_type(vm, "_multibytecodec", "MultibyteStreamWriter", true);
    vm.add_methods(
        &writer,
        &[
            def("__new__", writer_new, MethodKind::Static),
            def("__init__", noop_init, i),
            def("write", writer_write, i),
            def("writelines", writer_writelines, i),
            def("reset", writer_reset, i),
        ],
    );
    vm.add_getset(&writer, "errors", errors_get, Some(errors_set));
    vm.add_getset(&writer, "stream", stream_get, None);
    krait_vm::modules::set_attr(vm, m, "MultibyteStreamWriter", Value::Obj(writer));

    vm.add_functions(m, &[("__create_codec", create_codec)]);
    Ok(())
}

macro_rules! codec_modules {
    ($($init:ident, $get:ident, $name:literal;)*) => {
        $(
            fn $init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
                codec_type(vm)?;
                vm.add_functions(m, &[("getcodec", $get)]);
                Ok(())
            }
            fn $get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
                getcodec(vm, args, $name)
            }
        )*
    };
}

codec_modules! {
    init_jp, getcodec_jp, "_codecs_jp";
    init_kr, getcodec_kr, "_codecs_kr";
    init_cn, getcodec_cn, "_codecs_cn";
    init_tw, getcodec_tw, "_codecs_tw";
    init_hk, getcodec_hk, "_codecs_hk";
    init_iso2022, getcodec_iso2022, "_codecs_iso2022";
}

/// `getcodec(name)`: a codec object for one of `module`'s codecs.
fn getcodec(vm: &mut Vm, args: Args<'_>, module: &str) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() != 1 || args.has_kwargs() {
        return Err(vm.type_error(format!(
            "{module}.getcodec() takes exactly one argument ({} given)",
            pos.len()
        )));
    }
    let Some(name) = krait_vm::native::as_pystr(&pos[0]).map(|s| s.as_str().into_owned()) else {
        return Err(vm.type_error("encoding name must be a string."));
    };
    let codec = match engine::find(&name) {
        Some(c) if engine::codecs_of(module).contains(&name.as_str()) => c,
        _ => {
            let t = vm.types.lookup_error.clone();
            return Err(vm.new_exception_msg(&t, "no such codec is supported."));
        }
    };
    let t = codec_type(vm)?;
    Ok(Value::Obj(
        vm.new_object(&t, Payload::Native(Box::new(codec))),
    ))
}

fn create_codec(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let _ = args;
    Err(vm.value_error("argument type invalid"))
}

/// `MultibyteCodec` has no `tp_new`: codec objects come from `getcodec` only.
fn codec_new(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Err(vm.type_error("cannot create '_multibytecodec.MultibyteCodec' instances"))
}

fn noop_init(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::None)
}

// ----- errors -----

#[derive(Clone, Debug, PartialEq)]
enum Errors {
    Strict,
    Ignore,
    Replace,
    Custom(String),
}

fn errors_from(name: Option<&str>) -> Errors {
    match name {
        None | Some("strict") => Errors::Strict,
        Some("ignore") => Errors::Ignore,
        Some("replace") => Errors::Replace,
        Some(s) => Errors::Custom(s.to_string()),
    }
}

fn errors_name(e: &Errors) -> &str {
    match e {
        Errors::Strict => "strict",
        Errors::Ignore => "ignore",
        Errors::Replace => "replace",
        Errors::Custom(s) => s,
    }
}

fn call_error_handler(vm: &mut Vm, name: &str, exc: &PyErr) -> PyResult<Value> {
    let codecs = vm.import_dotted("_codecs")?;
    let lookup = vm.getattr_str(&codecs, "lookup_error")?;
    let n = vm.new_str(name);
    let cb = vm.call_pos(&lookup, &[n])?;
    vm.call_pos(&cb, &[Value::Obj(exc.0.clone())])
}

fn newpos(vm: &mut Vm, v: &Value, len: usize) -> PyResult<usize> {
    let n = match v {
        Value::Int(n) => *n,
        _ => {
            let b = vm.to_bigint(v)?;
            i64::try_from(b).unwrap_or(i64::MAX)
        }
    };
    let m = if n < 0 { n + len as i64 } else { n };
    if m < 0 || m > len as i64 {
        return Err(vm.index_error(format!("position {n} from error handler out of bounds")));
    }
    Ok(m as usize)
}

// ----- the encode driver (`multibytecodec_encode`) -----

struct EncBuf<'a> {
    codec: Codec,
    text: &'a [u32],
    pos: usize,
    out: Vec<u8>,
    /// The exception object, made at the first error and reused (`buf->excobj`).
    exc: Option<PyErr>,
}

/// Point a cached `UnicodeError` at a new bad run, as `PyUnicode*Error_SetStart`/`SetEnd`/
/// `SetReason` do (the exception's `args` keep their first values, as in CPython).
fn retarget(vm: &mut Vm, exc: &PyErr, start: usize, end: usize, reason: &str) {
    if let Payload::Exception(d) = &exc.0.payload {
        d.set_field("start", Value::Int(start as i64));
        d.set_field("end", Value::Int(end as i64));
        let r = vm.new_str(reason);
        d.set_field("reason", r);
    }
}

fn text_pystr(text: &[u32]) -> PyStr {
    PyStr::from_code_points(text.iter().copied())
}

fn enc_error(
    vm: &mut Vm,
    st: &mut State,
    buf: &mut EncBuf<'_>,
    errors: &Errors,
    e: isize,
) -> PyResult<()> {
    let (reason, esize) = if e > 0 {
        ("illegal multibyte sequence", e as usize)
    } else if e == TOOFEW {
        ("incomplete multibyte sequence", buf.pos)
    } else {
        return Err(vm.runtime_error("internal codec error"));
    };
    if *errors == Errors::Replace {
        let mut p = 0;
        let mut tmp = Vec::new();
        let r = engine::encode(buf.codec, st, &[u32::from(b'?')], &mut p, &mut tmp, false);
        if r != 0 {
            buf.out.push(b'?');
        } else {
            buf.out.extend_from_slice(&tmp);
        }
    }
    if matches!(errors, Errors::Ignore | Errors::Replace) {
        buf.pos += esize;
        return Ok(());
    }
    let start = buf.pos;
    let end = start + esize;
    let exc = match &buf.exc {
        Some(e) => {
            retarget(vm, e, start, end, reason);
            e.clone()
        }
        None => {
            let s = text_pystr(buf.text);
            let e = rc::encode_error(vm, buf.codec.name, &s, start, end, reason);
            buf.exc = Some(e.clone());
            e
        }
    };
    let Errors::Custom(name) = errors else {
        return Err(exc);
    };
    let r = call_error_handler(vm, name, &exc)?;
    let items = match r.payload() {
        Some(Payload::Tuple(t)) if t.len() == 2 => Some((t[0].clone(), t[1].clone())),
        _ => None,
    };
    let ok = items.as_ref().is_some_and(|(a, b)| {
        (krait_vm::native::as_pystr(a).is_some() || matches!(a.payload(), Some(Payload::Bytes(_))))
            && is_int(b)
    });
    let Some((rep, np)) = items.filter(|_| ok) else {
        return Err(vm.type_error("encoding error handler must return (str, int) tuple"));
    };
    let bytes = if let Some(s) = krait_vm::native::as_pystr(&rep) {
        let cps = s.code_points();
        multibyte_encode(vm, buf.codec, st, &cps, &Errors::Strict, true, false)?.0
    } else {
        bytes_of(&rep).unwrap_or_default()
    };
    buf.out.extend_from_slice(&bytes);
    buf.pos = newpos(vm, &np, buf.text.len())?;
    Ok(())
}

fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_)) || matches!(v.payload(), Some(Payload::Int(_)))
}

/// `multibytecodec_encode`: (bytes, input consumed).
fn multibyte_encode(
    vm: &mut Vm,
    codec: Codec,
    st: &mut State,
    text: &[u32],
    errors: &Errors,
    flush: bool,
    reset: bool,
) -> PyResult<(Vec<u8>, usize)> {
    if text.is_empty() && !reset {
        return Ok((Vec::new(), 0));
    }
    let mut buf = EncBuf {
        codec,
        text,
        pos: 0,
        out: Vec::with_capacity(text.len() * 2 + 16),
        exc: None,
    };
    while buf.pos < text.len() {
        let mut p = buf.pos;
        let r = engine::encode(codec, st, text, &mut p, &mut buf.out, flush);
        buf.pos = p;
        if r == 0 || (r == TOOFEW && !flush) {
            break;
        }
        enc_error(vm, st, &mut buf, errors, r)?;
        if r == TOOFEW {
            break;
        }
    }
    if reset && engine::has_encode_reset(codec) {
        engine::encode_reset(codec, st, &mut buf.out);
    }
    Ok((buf.out, buf.pos))
}

// ----- the decode driver -----

struct DecBuf<'a> {
    codec: Codec,
    data: &'a [u8],
    pos: usize,
    out: Vec<u32>,
    exc: Option<PyErr>,
}

fn dec_error(vm: &mut Vm, buf: &mut DecBuf<'_>, errors: &Errors, e: isize) -> PyResult<()> {
    let (reason, esize) = if e > 0 {
        ("illegal multibyte sequence", e as usize)
    } else if e == TOOFEW {
        ("incomplete multibyte sequence", buf.data.len() - buf.pos)
    } else {
        return Err(vm.runtime_error("internal codec error"));
    };
    if *errors == Errors::Replace {
        buf.out.push(0xFFFD);
    }
    if matches!(errors, Errors::Ignore | Errors::Replace) {
        buf.pos += esize;
        return Ok(());
    }
    let start = buf.pos;
    let exc = match &buf.exc {
        Some(e) => {
            retarget(vm, e, start, start + esize, reason);
            e.clone()
        }
        None => {
            let e = rc::decode_error(vm, buf.codec.name, buf.data, start, start + esize, reason);
            buf.exc = Some(e.clone());
            e
        }
    };
    let Errors::Custom(name) = errors else {
        return Err(exc);
    };
    let r = call_error_handler(vm, name, &exc)?;
    let items = match r.payload() {
        Some(Payload::Tuple(t)) if t.len() == 2 => Some((t[0].clone(), t[1].clone())),
        _ => None,
    };
    let ok = items
        .as_ref()
        .is_some_and(|(a, b)| krait_vm::native::as_pystr(a).is_some() && is_int(b));
    let Some((rep, np)) = items.filter(|_| ok) else {
        return Err(vm.type_error("decoding error handler must return (str, int) tuple"));
    };
    if let Some(s) = krait_vm::native::as_pystr(&rep) {
        buf.out.extend(s.code_points());
    }
    buf.pos = newpos(vm, &np, buf.data.len())?;
    Ok(())
}

/// Decode as much of `buf` as possible; stops at the end or at an incomplete tail when
/// `stop_at_toofew`.
fn feed(
    vm: &mut Vm,
    st: &mut State,
    buf: &mut DecBuf<'_>,
    errors: &Errors,
    stop_at_toofew: bool,
) -> PyResult<()> {
    while buf.pos < buf.data.len() {
        let mut p = buf.pos;
        let r = engine::decode(buf.codec, st, buf.data, &mut p, &mut buf.out);
        buf.pos = p;
        if r == 0 || (r == TOOFEW && stop_at_toofew) {
            break;
        }
        dec_error(vm, buf, errors, r)?;
    }
    Ok(())
}

// ----- MultibyteCodec -----

fn codec_of(vm: &mut Vm, v: &Value) -> PyResult<Codec> {
    match native_ref::<Codec>(v) {
        Some(c) => Ok(*c),
        None => Err(vm.type_error("descriptor requires a '_multibytecodec.MultibyteCodec' object")),
    }
}

fn errors_param(vm: &mut Vm, v: &Value, fname: &str) -> PyResult<Errors> {
    if v.is_null() || v.is_none() {
        return Ok(Errors::Strict);
    }
    match krait_vm::native::as_pystr(v) {
        Some(s) => Ok(errors_from(Some(&s.as_str()))),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!(
                "{fname}() argument 'errors' must be str or None, not {tn}"
            )))
        }
    }
}

fn str_input(vm: &mut Vm, v: &Value, what: &str) -> PyResult<Vec<u32>> {
    if let Some(s) = krait_vm::native::as_pystr(v) {
        return Ok(s.code_points());
    }
    let r = vm.str(v)?;
    match krait_vm::native::as_pystr(&r) {
        Some(s) => Ok(s.code_points()),
        None => Err(vm.type_error(format!("couldn't convert the object to {what}."))),
    }
}

fn codec_encode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let codec = codec_of(vm, &this)?;
    let sub = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &sub, "encode", &["input", "errors"], 1)?;
    let errors = errors_param(vm, &a[1], "encode")?;
    let text = str_input(vm, &a[0], "unicode")?;
    let mut st = engine::encode_init(codec);
    let (out, _) = multibyte_encode(vm, codec, &mut st, &text, &errors, true, true)?;
    let b = vm.new_bytes(out);
    Ok(vm.new_tuple(vec![b, Value::Int(text.len() as i64)]))
}

fn codec_decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let codec = codec_of(vm, &this)?;
    let sub = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &sub, "decode", &["input", "errors"], 1)?;
    let errors = errors_param(vm, &a[1], "decode")?;
    let data = buffer_arg(vm, &a[0])?;
    if data.is_empty() {
        let s = vm.new_str("");
        return Ok(vm.new_tuple(vec![s, Value::Int(0)]));
    }
    let mut st = engine::decode_init(codec);
    let mut buf = DecBuf {
        codec,
        data: &data,
        pos: 0,
        out: Vec::with_capacity(data.len()),
        exc: None,
    };
    feed(vm, &mut st, &mut buf, &errors, false)?;
    let n = data.len();
    let s = vm.new_pystr(PyStr::from_code_points(buf.out));
    Ok(vm.new_tuple(vec![s, Value::Int(n as i64)]))
}

// ----- the stateful objects -----

struct Ctx {
    codec: Codec,
    errors: Errors,
    state: State,
    /// Encoders: pending code points; decoders: pending bytes (as u32).
    pending_text: Vec<u32>,
    pending_bytes: Vec<u8>,
    stream: Value,
}

struct Stateful(RefCell<Ctx>);

fn ctx<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Stateful> {
    match native_ref::<Stateful>(v) {
        Some(c) => Ok(c),
        None => Err(vm.type_error("descriptor requires a _multibytecodec object")),
    }
}

fn errors_get(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let c = ctx(vm, this)?;
    let name = errors_name(&c.0.borrow().errors).to_string();
    Ok(vm.new_str(&name))
}

fn errors_set(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let Some(v) = v else {
        return Err(vm.attribute_error("cannot delete attribute"));
    };
    let Some(s) = krait_vm::native::as_pystr(&v).map(|s| s.as_str().into_owned()) else {
        return Err(vm.type_error("errors must be a string"));
    };
    let c = ctx(vm, this)?;
    c.0.borrow_mut().errors = errors_from(Some(&s));
    Ok(())
}

fn stream_get(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let c = ctx(vm, this)?;
    Ok(c.0.borrow().stream.clone())
}

/// The `codec` class attribute of `cls`, which must be a `MultibyteCodec`.
fn class_codec(vm: &mut Vm, cls: &ObjRef) -> PyResult<Codec> {
    let c = vm.getattr_str(&Value::Obj(cls.clone()), "codec")?;
    match native_ref::<Codec>(&c) {
        Some(c) => Ok(*c),
        None => Err(vm.type_error("codec is unexpected type")),
    }
}

fn errors_ctor(vm: &mut Vm, v: &Value, tname: &str, argn: usize) -> PyResult<Errors> {
    if v.is_null() {
        return Ok(Errors::Strict);
    }
    match krait_vm::native::as_pystr(v) {
        Some(s) => Ok(errors_from(Some(&s.as_str()))),
        None => {
            let tn = if v.is_none() {
                String::from("None")
            } else {
                vm.type_name(v).to_string()
            };
            Err(vm.type_error(format!("{tname}() argument {argn} must be str, not {tn}")))
        }
    }
}

fn new_stateful(
    vm: &mut Vm,
    args: &Args<'_>,
    tname: &str,
    stream: bool,
    encoder: bool,
) -> PyResult<Value> {
    let cls = new_cls(vm, args, tname)?;
    let sub = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let (stream_v, errors) = if stream {
        let a = bind_args(vm, &sub, tname, &["stream", "errors"], 1)?;
        let e = errors_ctor(vm, &a[1], tname, 2)?;
        (a[0].clone(), e)
    } else {
        let a = bind_args(vm, &sub, tname, &["errors"], 0)?;
        (Value::None, errors_ctor(vm, &a[0], tname, 1)?)
    };
    let codec = class_codec(vm, &cls)?;
    let state = if encoder {
        engine::encode_init(codec)
    } else {
        engine::decode_init(codec)
    };
    let c = Ctx {
        codec,
        errors,
        state,
        pending_text: Vec::new(),
        pending_bytes: Vec::new(),
        stream: stream_v,
    };
    Ok(Value::Obj(vm.new_object(
        &cls,
        Payload::Native(Box::new(Stateful(RefCell::new(c)))),
    )))
}

fn ienc_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    new_stateful(vm, &args, "IncrementalEncoder", false, true)
}
fn idec_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    new_stateful(vm, &args, "IncrementalDecoder", false, false)
}
fn reader_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    new_stateful(vm, &args, "StreamReader", true, false)
}
fn writer_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    new_stateful(vm, &args, "StreamWriter", true, true)
}

/// `encoder_encode_stateful`.
fn encode_stateful(vm: &mut Vm, this: &Value, input: &Value, last: bool) -> PyResult<Vec<u8>> {
    let text = str_input(vm, input, "str")?;
    let c = ctx(vm, this)?;
    let (codec, errors, mut st, orig) = {
        let b = c.0.borrow();
        (b.codec, b.errors.clone(), b.state, b.pending_text.clone())
    };
    let mut inbuf = orig.clone();
    inbuf.extend_from_slice(&text);
    c.0.borrow_mut().pending_text.clear();
    let r = multibyte_encode(vm, codec, &mut st, &inbuf, &errors, last, last);
    let c = ctx(vm, this)?;
    let (out, pos) = match r {
        Ok(x) => x,
        Err(e) => {
            c.0.borrow_mut().pending_text = orig;
            return Err(e);
        }
    };
    c.0.borrow_mut().state = st;
    if pos < inbuf.len() {
        if inbuf.len() - pos > MAXENCPENDING {
            let t = vm.types.unicode_error.clone();
            return Err(vm.new_exception_msg(&t, "pending buffer overflow"));
        }
        c.0.borrow_mut().pending_text = inbuf.get(pos..).unwrap_or(&[]).to_vec();
    }
    Ok(out)
}

fn self_and<'a>(
    vm: &mut Vm,
    args: &'a Args<'a>,
    fname: &str,
    names: &[&str],
    req: usize,
) -> PyResult<(Value, Vec<Value>)> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let sub = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &sub, fname, names, req)?;
    Ok((this, a))
}

fn truth(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    if v.is_null() {
        return Ok(false);
    }
    match v {
        Value::Bool(b) => Ok(b.get()),
        Value::Int(n) => Ok(*n != 0),
        _ if matches!(v.payload(), Some(Payload::Int(_))) => vm.is_true(v),
        _ => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")))
        }
    }
}

fn ienc_encode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = self_and(vm, &args, "encode", &["input", "final"], 1)?;
    let last = truth(vm, &a[1])?;
    let out = encode_stateful(vm, &this, &a[0], last)?;
    Ok(vm.new_bytes(out))
}

fn ienc_getstate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = self_and(vm, &args, "getstate", &[], 0)?;
    let c = ctx(vm, &this)?;
    let b = c.0.borrow();
    let pending: String = b
        .pending_text
        .iter()
        .filter_map(|c| char::from_u32(*c))
        .collect();
    let mut bytes = vec![pending.len() as u8];
    bytes.extend_from_slice(pending.as_bytes());
    bytes.extend_from_slice(&b.state);
    drop(b);
    let n = BigInt::from_bytes_le(num_bigint::Sign::Plus, &bytes);
    Ok(Value::from_bigint(n, vm))
}

/// An int as `n` little-endian unsigned bytes (`_PyLong_AsByteArray`).
fn int_bytes(vm: &mut Vm, v: &Value, n: usize) -> PyResult<Vec<u8>> {
    let b = vm.to_bigint(v)?;
    if b.sign() == num_bigint::Sign::Minus {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = b.to_bytes_le().1;
    if bytes.len() > n {
        return Err(vm.overflow_error("int too big to convert"));
    }
    bytes.resize(n, 0);
    Ok(bytes)
}

fn ienc_setstate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = self_and(vm, &args, "setstate", &["state"], 1)?;
    if !is_int(&a[0]) {
        let tn = vm.type_name(&a[0]);
        return Err(vm.type_error(format!("setstate() argument must be int, not {tn}")));
    }
    let bytes = int_bytes(vm, &a[0], 1 + MAXENCPENDING * 4 + 8)?;
    let n = usize::from(bytes[0]);
    if n > MAXENCPENDING * 4 {
        let t = vm.types.unicode_error.clone();
        return Err(vm.new_exception_msg(&t, "pending buffer too large"));
    }
    let pend = bytes.get(1..1 + n).unwrap_or(&[]).to_vec();
    let s = rc::decode(vm, &pend, "utf-8", "strict")?;
    let mut st = [0u8; 8];
    st.copy_from_slice(bytes.get(1 + n..9 + n).unwrap_or(&[0; 8]));
    let c = ctx(vm, &this)?;
    let mut b = c.0.borrow_mut();
    b.pending_text = s.code_points();
    b.state = st;
    Ok(Value::None)
}

fn ienc_reset(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = self_and(vm, &args, "reset", &[], 0)?;
    let c = ctx(vm, &this)?;
    let mut b = c.0.borrow_mut();
    let codec = b.codec;
    let mut sink = Vec::new();
    engine::encode_reset(codec, &mut b.state, &mut sink);
    b.pending_text.clear();
    Ok(Value::None)
}

fn idec_decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = self_and(vm, &args, "decode", &["input", "final"], 1)?;
    let data = buffer_arg(vm, &a[0])?;
    let last = truth(vm, &a[1])?;
    let c = ctx(vm, &this)?;
    let (codec, errors, mut st, orig) = {
        let b = c.0.borrow();
        (b.codec, b.errors.clone(), b.state, b.pending_bytes.clone())
    };
    let mut w = orig.clone();
    w.extend_from_slice(&data);
    c.0.borrow_mut().pending_bytes.clear();
    let mut buf = DecBuf {
        codec,
        data: &w,
        pos: 0,
        out: Vec::new(),
        exc: None,
    };
    let r = feed(vm, &mut st, &mut buf, &errors, true);
    let c = ctx(vm, &this)?;
    c.0.borrow_mut().state = st;
    r?;
    if last
        && buf.pos < w.len()
        && let Err(e) = dec_error(vm, &mut buf, &errors, TOOFEW)
    {
        let c = ctx(vm, &this)?;
        c.0.borrow_mut().pending_bytes = orig;
        return Err(e);
    }
    if buf.pos < w.len() {
        let rest = w.get(buf.pos..).unwrap_or(&[]).to_vec();
        if rest.len() > MAXDECPENDING {
            let t = vm.types.unicode_error.clone();
            return Err(vm.new_exception_msg(&t, "pending buffer overflow"));
        }
        let c = ctx(vm, &this)?;
        c.0.borrow_mut().pending_bytes = rest;
    }
    Ok(vm.new_pystr(PyStr::from_code_points(buf.out)))
}

fn idec_getstate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = self_and(vm, &args, "getstate", &[], 0)?;
    let c = ctx(vm, &this)?;
    let (p, st) = {
        let b = c.0.borrow();
        (b.pending_bytes.clone(), b.state)
    };
    let pb = vm.new_bytes(p);
    let n = Value::from_bigint(BigInt::from_bytes_le(num_bigint::Sign::Plus, &st), vm);
    Ok(vm.new_tuple(vec![pb, n]))
}

fn idec_setstate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = self_and(vm, &args, "setstate", &["state"], 1)?;
    let items = match a[0].payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => {
            let tn = vm.type_name(&a[0]);
            return Err(vm.type_error(format!("setstate() argument must be tuple, not {tn}")));
        }
    };
    let ok = items.len() == 2
        && matches!(items[0].payload(), Some(Payload::Bytes(_)))
        && is_int(&items[1]);
    if !ok {
        return Err(vm.type_error("setstate(): illegal state argument"));
    }
    let st_bytes = int_bytes(vm, &items[1], 8)?;
    let buffer = bytes_of(&items[0]).unwrap_or_default();
    if buffer.len() > MAXDECPENDING {
        let t = vm.types.unicode_error.clone();
        return Err(vm.new_exception_msg(&t, "pending buffer too large"));
    }
    let c = ctx(vm, &this)?;
    let mut b = c.0.borrow_mut();
    b.pending_bytes = buffer;
    b.state.copy_from_slice(&st_bytes);
    Ok(Value::None)
}

fn idec_reset(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = self_and(vm, &args, "reset", &[], 0)?;
    let c = ctx(vm, &this)?;
    let mut b = c.0.borrow_mut();
    let codec = b.codec;
    engine::decode_reset(codec, &mut b.state);
    b.pending_bytes.clear();
    Ok(Value::None)
}

// ----- StreamReader -----

fn size_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if v.is_null() || v.is_none() {
        return Ok(-1);
    }
    if !is_int(v) {
        return Err(vm.type_error("arg 1 must be an integer"));
    }
    let b = vm.to_bigint(v)?;
    i64::try_from(b).map_err(|_| vm.overflow_error("Python int too large to convert to C ssize_t"))
}

/// `mbstreamreader_iread`.
fn iread(vm: &mut Vm, this: &Value, method: &str, mut sizehint: i64) -> PyResult<Vec<u32>> {
    if sizehint == 0 {
        return Ok(Vec::new());
    }
    let mut out: Vec<u32> = Vec::new();
    loop {
        let stream = ctx(vm, this)?.0.borrow().stream.clone();
        let f = vm.getattr_str(&stream, method)?;
        let cres = if sizehint < 0 {
            vm.call_pos(&f, &[])?
        } else {
            vm.call_pos(&f, &[Value::Int(sizehint)])?
        };
        let Some(Payload::Bytes(got)) = cres.payload() else {
            let tn = vm.type_name(&cres);
            return Err(vm.type_error(format!(
                "stream function returned a non-bytes object ({tn})"
            )));
        };
        let endoffile = got.is_empty();
        let c = ctx(vm, this)?;
        let (codec, errors, mut st, mut w) = {
            let b = c.0.borrow();
            (b.codec, b.errors.clone(), b.state, b.pending_bytes.clone())
        };
        c.0.borrow_mut().pending_bytes.clear();
        w.extend_from_slice(got);
        let rsize = w.len();
        let mut buf = DecBuf {
            codec,
            data: &w,
            pos: 0,
            out: std::mem::take(&mut out),
            exc: None,
        };
        let r = if rsize > 0 {
            feed(vm, &mut st, &mut buf, &errors, true)
        } else {
            Ok(())
        };
        ctx(vm, this)?.0.borrow_mut().state = st;
        r?;
        if (endoffile || sizehint < 0) && buf.pos < w.len() {
            dec_error(vm, &mut buf, &errors, TOOFEW)?;
        }
        if buf.pos < w.len() {
            let rest = w.get(buf.pos..).unwrap_or(&[]).to_vec();
            if rest.len() > MAXDECPENDING {
                let t = vm.types.unicode_error.clone();
                return Err(vm.new_exception_msg(&t, "pending buffer overflow"));
            }
            ctx(vm, this)?.0.borrow_mut().pending_bytes = rest;
        }
        out = buf.out;
        if sizehint < 0 || !out.is_empty() || rsize == 0 {
            break;
        }
        sizehint = 1;
    }
    Ok(out)
}

fn reader_read(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = self_and(vm, &args, "read", &["sizeobj"], 0)?;
    let n = size_arg(vm, &a[0])?;
    let out = iread(vm, &this, "read", n)?;
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}

fn reader_readline(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = self_and(vm, &args, "readline", &["sizeobj"], 0)?;
    let n = size_arg(vm, &a[0])?;
    let out = iread(vm, &this, "readline", n)?;
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}

fn reader_readlines(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = self_and(vm, &args, "readlines", &["sizehintobj"], 0)?;
    let n = size_arg(vm, &a[0])?;
    let out = iread(vm, &this, "read", n)?;
    let s = vm.new_pystr(PyStr::from_code_points(out));
    let f = vm.getattr_str(&s, "splitlines")?;
    vm.call_pos(&f, &[Value::bool(true)])
}

fn reader_reset(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    idec_reset(vm, args)
}

// ----- StreamWriter -----

fn iwrite(vm: &mut Vm, this: &Value, obj: &Value) -> PyResult<()> {
    let out = encode_stateful(vm, this, obj, false)?;
    let stream = ctx(vm, this)?.0.borrow().stream.clone();
    let f = vm.getattr_str(&stream, "write")?;
    let b = vm.new_bytes(out);
    vm.call_pos(&f, &[b])?;
    Ok(())
}

fn writer_write(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = self_and(vm, &args, "write", &["strobj"], 1)?;
    iwrite(vm, &this, &a[0])?;
    Ok(Value::None)
}

fn writer_writelines(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = self_and(vm, &args, "writelines", &["lines"], 1)?;
    let lines = &a[0];
    if vm.lookup_special_str(lines, "__getitem__").is_none() {
        return Err(vm.type_error("arg must be a sequence object"));
    }
    let mut i = 0i64;
    loop {
        let n = vm.len(lines)?;
        if i as usize >= n {
            break;
        }
        let item = vm.getitem(lines, &Value::Int(i))?;
        iwrite(vm, &this, &item)?;
        i += 1;
    }
    Ok(Value::None)
}

fn writer_reset(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = self_and(vm, &args, "reset", &[], 0)?;
    let c = ctx(vm, &this)?;
    let (codec, errors, mut st, pending) = {
        let b = c.0.borrow();
        (b.codec, b.errors.clone(), b.state, b.pending_text.clone())
    };
    if pending.is_empty() {
        return Ok(Value::None);
    }
    let r = multibyte_encode(vm, codec, &mut st, &pending, &errors, true, true);
    let c = ctx(vm, &this)?;
    {
        let mut b = c.0.borrow_mut();
        b.state = st;
        b.pending_text.clear();
    }
    let (out, _) = r?;
    if !out.is_empty() {
        let stream = ctx(vm, &this)?.0.borrow().stream.clone();
        let f = vm.getattr_str(&stream, "write")?;
        let b = vm.new_bytes(out);
        vm.call_pos(&f, &[b])?;
    }
    Ok(Value::None)
}
