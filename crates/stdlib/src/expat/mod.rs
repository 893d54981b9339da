//! `pyexpat` (CPython: `Modules/pyexpat.c` over expat 2.5): `ParserCreate` and the
//! `xmlparser` type with its handler attributes, `ExpatError`, and the `errors` and `model`
//! submodules. The XML parser itself is [`tok`], written for Krait; this file turns its
//! events into handler calls (buffering character data as `buffer_text` asks) and its errors
//! into `ExpatError`s.

mod tok;

use std::cell::{Cell, RefCell};

use krait_vm::native::{as_pystr, bind_args, native_ref};
use krait_vm::object::{ObjRef, Payload};
use krait_vm::objects::bytes::buffer_arg;
use krait_vm::objects::function::{Args, MethodDef, MethodKind};
use krait_vm::value::Value;
use krait_vm::{PyErr, PyResult, Vm};

use tok::{Enc, Ev, Model, Parser, Pos, XErr};

const HANDLERS: [&str; 22] = [
    "StartElementHandler",
    "EndElementHandler",
    "ProcessingInstructionHandler",
    "CharacterDataHandler",
    "UnparsedEntityDeclHandler",
    "NotationDeclHandler",
    "StartNamespaceDeclHandler",
    "EndNamespaceDeclHandler",
    "CommentHandler",
    "StartCdataSectionHandler",
    "EndCdataSectionHandler",
    "DefaultHandler",
    "DefaultHandlerExpand",
    "NotStandaloneHandler",
    "ExternalEntityRefHandler",
    "StartDoctypeDeclHandler",
    "EndDoctypeDeclHandler",
    "EntityDeclHandler",
    "XmlDeclHandler",
    "ElementDeclHandler",
    "AttlistDeclHandler",
    "SkippedEntityHandler",
];
const H_START: usize = 0;
const H_END: usize = 1;
const H_PI: usize = 2;
const H_CHARS: usize = 3;
const H_UNPARSED: usize = 4;
const H_NOTATION: usize = 5;
const H_START_NS: usize = 6;
const H_END_NS: usize = 7;
const H_COMMENT: usize = 8;
const H_START_CDATA: usize = 9;
const H_END_CDATA: usize = 10;
const H_DEFAULT: usize = 11;
const H_DEFAULT_EXPAND: usize = 12;
const H_EXTERNAL: usize = 14;
const H_START_DOCTYPE: usize = 15;
const H_END_DOCTYPE: usize = 16;
const H_ENTITY_DECL: usize = 17;
const H_XML_DECL: usize = 18;
const H_ELEMENT_DECL: usize = 19;
const H_ATTLIST_DECL: usize = 20;
const H_SKIPPED: usize = 21;

const ERRORS: [(&str, &str); 43] = [
    ("XML_ERROR_NO_MEMORY", "out of memory"),
    ("XML_ERROR_SYNTAX", "syntax error"),
    ("XML_ERROR_NO_ELEMENTS", "no element found"),
    ("XML_ERROR_INVALID_TOKEN", "not well-formed (invalid token)"),
    ("XML_ERROR_UNCLOSED_TOKEN", "unclosed token"),
    ("XML_ERROR_PARTIAL_CHAR", "partial character"),
    ("XML_ERROR_TAG_MISMATCH", "mismatched tag"),
    ("XML_ERROR_DUPLICATE_ATTRIBUTE", "duplicate attribute"),
    (
        "XML_ERROR_JUNK_AFTER_DOC_ELEMENT",
        "junk after document element",
    ),
    (
        "XML_ERROR_PARAM_ENTITY_REF",
        "illegal parameter entity reference",
    ),
    ("XML_ERROR_UNDEFINED_ENTITY", "undefined entity"),
    (
        "XML_ERROR_RECURSIVE_ENTITY_REF",
        "recursive entity reference",
    ),
    ("XML_ERROR_ASYNC_ENTITY", "asynchronous entity"),
    (
        "XML_ERROR_BAD_CHAR_REF",
        "reference to invalid character number",
    ),
    ("XML_ERROR_BINARY_ENTITY_REF", "reference to binary entity"),
    (
        "XML_ERROR_ATTRIBUTE_EXTERNAL_ENTITY_REF",
        "reference to external entity in attribute",
    ),
    (
        "XML_ERROR_MISPLACED_XML_PI",
        "XML or text declaration not at start of entity",
    ),
    ("XML_ERROR_UNKNOWN_ENCODING", "unknown encoding"),
    (
        "XML_ERROR_INCORRECT_ENCODING",
        "encoding specified in XML declaration is incorrect",
    ),
    ("XML_ERROR_UNCLOSED_CDATA_SECTION", "unclosed CDATA section"),
    (
        "XML_ERROR_EXTERNAL_ENTITY_HANDLING",
        "error in processing external entity reference",
    ),
    ("XML_ERROR_NOT_STANDALONE", "document is not standalone"),
    (
        "XML_ERROR_UNEXPECTED_STATE",
        "unexpected parser state - please send a bug report",
    ),
    (
        "XML_ERROR_ENTITY_DECLARED_IN_PE",
        "entity declared in parameter entity",
    ),
    (
        "XML_ERROR_FEATURE_REQUIRES_XML_DTD",
        "requested feature requires XML_DTD support in Expat",
    ),
    (
        "XML_ERROR_CANT_CHANGE_FEATURE_ONCE_PARSING",
        "cannot change setting once parsing has begun",
    ),
    ("XML_ERROR_UNBOUND_PREFIX", "unbound prefix"),
    ("XML_ERROR_UNDECLARING_PREFIX", "must not undeclare prefix"),
    (
        "XML_ERROR_INCOMPLETE_PE",
        "incomplete markup in parameter entity",
    ),
    ("XML_ERROR_XML_DECL", "XML declaration not well-formed"),
    ("XML_ERROR_TEXT_DECL", "text declaration not well-formed"),
    ("XML_ERROR_PUBLICID", "illegal character(s) in public id"),
    ("XML_ERROR_SUSPENDED", "parser suspended"),
    ("XML_ERROR_NOT_SUSPENDED", "parser not suspended"),
    ("XML_ERROR_ABORTED", "parsing aborted"),
    ("XML_ERROR_FINISHED", "parsing finished"),
    (
        "XML_ERROR_SUSPEND_PE",
        "cannot suspend in external parameter entity",
    ),
    (
        "XML_ERROR_RESERVED_PREFIX_XML",
        "reserved prefix (xml) must not be undeclared or bound to another namespace name",
    ),
    (
        "XML_ERROR_RESERVED_PREFIX_XMLNS",
        "reserved prefix (xmlns) must not be declared or undeclared",
    ),
    (
        "XML_ERROR_RESERVED_NAMESPACE_URI",
        "prefix must not be bound to one of the reserved namespace names",
    ),
    ("XML_ERROR_INVALID_ARGUMENT", "invalid argument"),
    (
        "XML_ERROR_NO_BUFFER",
        "a successful prior call to function XML_GetBuffer is required",
    ),
    (
        "XML_ERROR_AMPLIFICATION_LIMIT_BREACH",
        "limit on input amplification factor (from DTD and entities) breached",
    ),
];

fn error_string(code: i64) -> Option<&'static str> {
    usize::try_from(code)
        .ok()
        .and_then(|c| c.checked_sub(1))
        .and_then(|i| ERRORS.get(i))
        .map(|(_, m)| *m)
}

struct XmlParser {
    p: RefCell<Parser>,
    handlers: RefCell<Vec<Value>>,
    intern: Value,
    table: RefCell<Option<Box<[char; 256]>>>,
    buffer: RefCell<Option<String>>,
    buffer_size: Cell<i64>,
    ordered: Cell<bool>,
    specified: Cell<bool>,
    ns_prefixes: Cell<bool>,
    cur: Cell<Pos>,
    err: Cell<Option<XErr>>,
    started: Cell<bool>,
}

pub(crate) fn register(vm: &mut Vm) {
    vm.builtin_modules.push(("pyexpat", init));
}

fn def(name: &'static str, func: krait_vm::objects::function::NativeFn) -> MethodDef {
    MethodDef {
        name,
        func,
        kind: MethodKind::Instance,
        doc: "",
    }
}

fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    use krait_vm::modules::set_attr;
    let meta = vm.types.type_.clone();
    let ns = vm.new_dict();
    let modname = vm.new_str("xml.parsers.expat");
    vm.set_dict_str(&ns, "__module__", modname);
    let exc = vm.types.exception.clone();
    let error = vm.type_new(&meta, "ExpatError", vec![exc], &Value::Obj(ns), &[])?;
    vm.mods
        .ext_types
        .insert("pyexpat.ExpatError", error.clone());
    set_attr(vm, m, "ExpatError", Value::Obj(error.clone()));
    set_attr(vm, m, "error", Value::Obj(error));

    let ty = krait_vm::modules::new_type(vm, "pyexpat", "xmlparser", false);
    vm.add_methods(
        &ty,
        &[
            def("Parse", xp_parse),
            def("ParseFile", xp_parse_file),
            def("SetParamEntityParsing", xp_set_param_entity_parsing),
            def("UseForeignDTD", xp_use_foreign_dtd),
            def("SetBase", xp_set_base),
            def("GetBase", xp_get_base),
            def("GetInputContext", xp_get_input_context),
            def(
                "ExternalEntityParserCreate",
                xp_external_entity_parser_create,
            ),
        ],
    );
    vm.add_getset(&ty, "ErrorCode", g_error_code, None);
    vm.add_getset(&ty, "ErrorLineNumber", g_error_line, None);
    vm.add_getset(&ty, "ErrorColumnNumber", g_error_col, None);
    vm.add_getset(&ty, "ErrorByteIndex", g_error_byte, None);
    vm.add_getset(&ty, "CurrentLineNumber", g_cur_line, None);
    vm.add_getset(&ty, "CurrentColumnNumber", g_cur_col, None);
    vm.add_getset(&ty, "CurrentByteIndex", g_cur_byte, None);
    vm.add_getset(&ty, "buffer_used", g_buffer_used, None);
    vm.add_getset(&ty, "buffer_size", g_buffer_size, Some(s_buffer_size));
    vm.add_getset(&ty, "buffer_text", g_buffer_text, Some(s_buffer_text));
    vm.add_getset(&ty, "ordered_attributes", g_ordered, Some(s_ordered));
    vm.add_getset(&ty, "specified_attributes", g_specified, Some(s_specified));
    vm.add_getset(
        &ty,
        "namespace_prefixes",
        g_ns_prefixes,
        Some(s_ns_prefixes),
    );
    vm.add_getset(&ty, "intern", g_intern, None);
    macro_rules! handler_getsets {
        ($($i:literal)*) => {
            $( vm.add_getset(&ty, HANDLERS[$i], h_get::<$i>, Some(h_set::<$i>)); )*
        };
    }
    handler_getsets!(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21);
    vm.mods.ext_types.insert("pyexpat.xmlparser", ty.clone());
    set_attr(vm, m, "XMLParserType", Value::Obj(ty));

    vm.add_functions(
        m,
        &[
            ("ParserCreate", parser_create),
            ("ErrorString", error_string_fn),
        ],
    );
    let v = vm.new_str("expat_2.5.0");
    set_attr(vm, m, "EXPAT_VERSION", v);
    let vi = vm.new_tuple(vec![Value::Int(2), Value::Int(5), Value::Int(0)]);
    set_attr(vm, m, "version_info", vi);
    let ne = vm.new_str("UTF-8");
    set_attr(vm, m, "native_encoding", ne);
    let mut feats = Vec::new();
    for (n, v) in [
        ("sizeof(XML_Char)", 1),
        ("sizeof(XML_LChar)", 1),
        ("XML_DTD", 0),
        ("XML_CONTEXT_BYTES", 1024),
        ("XML_NS", 0),
        ("XML_BLAP_MAX_AMP", 100),
        ("XML_BLAP_ACT_THRES", 8_388_608),
    ] {
        let n = vm.new_str(n);
        feats.push(vm.new_pair(n, Value::Int(v)));
    }
    let feats = vm.new_list(feats);
    set_attr(vm, m, "features", feats);
    for (n, v) in [
        ("XML_PARAM_ENTITY_PARSING_NEVER", 0),
        ("XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE", 1),
        ("XML_PARAM_ENTITY_PARSING_ALWAYS", 2),
    ] {
        set_attr(vm, m, n, Value::Int(v));
    }

    // pyexpat.errors
    let errors = vm.new_module("pyexpat.errors");
    let codes = vm.new_dict();
    let messages = vm.new_dict();
    for (i, (name, msg)) in ERRORS.iter().enumerate() {
        let s = vm.new_str(msg);
        set_attr(vm, &errors, name, s.clone());
        let code = Value::Int(i as i64 + 1);
        vm.dict_set(&codes, s.clone(), code.clone())?;
        vm.dict_set(&messages, code, s)?;
    }
    set_attr(vm, &errors, "codes", Value::Obj(codes));
    set_attr(vm, &errors, "messages", Value::Obj(messages));
    let doc = vm.new_str("Constants used to describe error conditions.");
    set_attr(vm, &errors, "__doc__", doc);
    set_attr(vm, m, "errors", Value::Obj(errors.clone()));
    // pyexpat.model
    let model = vm.new_module("pyexpat.model");
    for (n, v) in [
        ("XML_CTYPE_EMPTY", 1),
        ("XML_CTYPE_ANY", 2),
        ("XML_CTYPE_MIXED", 3),
        ("XML_CTYPE_NAME", 4),
        ("XML_CTYPE_CHOICE", 5),
        ("XML_CTYPE_SEQ", 6),
        ("XML_CQUANT_NONE", 0),
        ("XML_CQUANT_OPT", 1),
        ("XML_CQUANT_REP", 2),
        ("XML_CQUANT_PLUS", 3),
    ] {
        set_attr(vm, &model, n, Value::Int(v));
    }
    let doc = vm.new_str("Constants used to interpret content model information.");
    set_attr(vm, &model, "__doc__", doc);
    set_attr(vm, m, "model", Value::Obj(model.clone()));
    let mods = vm.modules.clone();
    vm.set_dict_str(&mods, "pyexpat.errors", Value::Obj(errors));
    vm.set_dict_str(&mods, "pyexpat.model", Value::Obj(model));
    Ok(())
}

fn this<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a XmlParser> {
    match native_ref::<XmlParser>(v) {
        Some(p) => Ok(p),
        None => Err(vm.type_error("descriptor requires a 'pyexpat.xmlparser' object")),
    }
}

macro_rules! getter {
    ($name:ident, |$p:ident| $e:expr) => {
        fn $name(vm: &mut Vm, v: &Value) -> PyResult<Value> {
            let $p = this(vm, v)?;
            Ok($e)
        }
    };
}

getter!(g_error_code, |p| Value::Int(
    p.err.get().map_or(0, |e| i64::from(e.code))
));
getter!(g_error_line, |p| Value::Int(
    p.err.get().map_or(1, |e| e.pos.line as i64)
));
getter!(g_error_col, |p| Value::Int(
    p.err.get().map_or(0, |e| e.pos.col as i64)
));
getter!(g_error_byte, |p| Value::Int(
    p.err.get().map_or(-1, |e| e.pos.byte)
));
getter!(g_cur_line, |p| Value::Int(p.cur.get().line as i64));
getter!(g_cur_col, |p| Value::Int(p.cur.get().col as i64));
getter!(g_cur_byte, |p| Value::Int(if p.started.get() {
    p.cur.get().byte
} else {
    -1
}));
getter!(g_buffer_used, |p| Value::Int(
    p.buffer.borrow().as_ref().map_or(0, |b| b.len() as i64)
));
getter!(g_buffer_size, |p| Value::Int(p.buffer_size.get()));
getter!(g_buffer_text, |p| Value::bool(p.buffer.borrow().is_some()));
getter!(g_ordered, |p| Value::bool(p.ordered.get()));
getter!(g_specified, |p| Value::bool(p.specified.get()));
getter!(g_ns_prefixes, |p| Value::bool(p.ns_prefixes.get()));
getter!(g_intern, |p| p.intern.clone());

fn set_value(vm: &mut Vm, v: Option<Value>) -> PyResult<Value> {
    match v {
        Some(v) => Ok(v),
        None => Err(vm.runtime_error("Cannot delete attribute")),
    }
}

fn s_flag(vm: &mut Vm, v: Option<Value>) -> PyResult<bool> {
    let v = set_value(vm, v)?;
    vm.is_true(&v)
}

fn s_ordered(vm: &mut Vm, o: &Value, v: Option<Value>) -> PyResult<()> {
    let b = s_flag(vm, v)?;
    this(vm, o)?.ordered.set(b);
    Ok(())
}

fn s_specified(vm: &mut Vm, o: &Value, v: Option<Value>) -> PyResult<()> {
    let b = s_flag(vm, v)?;
    this(vm, o)?.specified.set(b);
    Ok(())
}

fn s_ns_prefixes(vm: &mut Vm, o: &Value, v: Option<Value>) -> PyResult<()> {
    let b = s_flag(vm, v)?;
    this(vm, o)?.ns_prefixes.set(b);
    Ok(())
}

fn s_buffer_text(vm: &mut Vm, o: &Value, v: Option<Value>) -> PyResult<()> {
    let b = s_flag(vm, v)?;
    let p = this(vm, o)?;
    if b {
        if p.buffer.borrow().is_none() {
            *p.buffer.borrow_mut() = Some(String::new());
        }
    } else if p.buffer.borrow().is_some() {
        flush(vm, p)?;
        *p.buffer.borrow_mut() = None;
    }
    Ok(())
}

fn s_buffer_size(vm: &mut Vm, o: &Value, v: Option<Value>) -> PyResult<()> {
    let v = set_value(vm, v)?;
    let n = match v {
        Value::Int(n) => n,
        _ if krait_vm::objects::number::int_ref(&v).is_some() => {
            return Err(vm.value_error("buffer_size must not be greater than 2147483647"));
        }
        _ => return Err(vm.type_error("buffer_size must be an integer")),
    };
    if n <= 0 {
        return Err(vm.value_error("buffer_size must be greater than zero"));
    }
    if n > i64::from(i32::MAX) {
        return Err(vm.value_error(format!("buffer_size must not be greater than {}", i32::MAX)));
    }
    let p = this(vm, o)?;
    if p.buffer.borrow().is_some() {
        flush(vm, p)?;
    }
    p.buffer_size.set(n);
    Ok(())
}

fn h_get<const I: usize>(vm: &mut Vm, o: &Value) -> PyResult<Value> {
    let p = this(vm, o)?;
    Ok(p.handlers.borrow().get(I).cloned().unwrap_or(Value::None))
}

fn h_set<const I: usize>(vm: &mut Vm, o: &Value, v: Option<Value>) -> PyResult<()> {
    let v = set_value(vm, v)?;
    let p = this(vm, o)?;
    if I == H_CHARS {
        flush(vm, p)?;
    }
    if let Some(slot) = p.handlers.borrow_mut().get_mut(I) {
        *slot = v;
    }
    Ok(())
}

fn parser_create(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(
        vm,
        &args,
        "ParserCreate",
        &["encoding", "namespace_separator", "intern"],
        0,
    )?;
    let str_or_none = |vm: &mut Vm, v: &Value, what: &str| -> PyResult<Option<String>> {
        if v.is_null() || v.is_none() {
            return Ok(None);
        }
        match as_pystr(v) {
            Some(s) => Ok(Some(s.as_str().into_owned())),
            None => {
                let tn = vm.type_name(v);
                Err(vm.type_error(format!(
                    "ParserCreate() argument '{what}' must be str or None, not {tn}"
                )))
            }
        }
    };
    let encoding = str_or_none(vm, &a[0], "encoding")?;
    let sep = str_or_none(vm, &a[1], "namespace_separator")?;
    let ns_sep = match &sep {
        None => None,
        Some(s) if s.chars().count() > 1 => {
            return Err(vm.value_error(
                "namespace_separator must be at most one character, omitted, or None",
            ));
        }
        Some(s) => Some(s.chars().next()),
    };
    let intern = if a[2].is_null() {
        Value::Obj(vm.new_dict())
    } else if a[2].is_none() {
        Value::None
    } else if matches!(a[2].payload(), Some(Payload::Dict(_))) {
        a[2].clone()
    } else {
        return Err(vm.type_error("intern must be a dictionary"));
    };
    let mut table = None;
    let enc = match &encoding {
        None => None,
        Some(name) => match tok::builtin_encoding(name) {
            Some(e) => Some(e),
            None => {
                table = Some(codec_table(vm, name)?);
                Some(Enc::Latin1)
            }
        },
    };
    let xp = XmlParser {
        p: RefCell::new(Parser::new(enc, ns_sep)),
        handlers: RefCell::new(vec![Value::None; HANDLERS.len()]),
        intern,
        table: RefCell::new(table),
        buffer: RefCell::new(None),
        buffer_size: Cell::new(8192),
        ordered: Cell::new(false),
        specified: Cell::new(false),
        ns_prefixes: Cell::new(false),
        cur: Cell::new(Pos {
            line: 1,
            col: 0,
            byte: -1,
        }),
        err: Cell::new(None),
        started: Cell::new(false),
    };
    let Some(ty) = vm.mods.ext_types.get("pyexpat.xmlparser").cloned() else {
        return Err(vm.runtime_error("pyexpat is not initialised"));
    };
    Ok(Value::Obj(
        vm.new_object(&ty, Payload::Native(Box::new(xp))),
    ))
}

/// A single-byte codec as a table, as pyexpat's unknown-encoding handler builds it.
fn codec_table(vm: &mut Vm, name: &str) -> PyResult<Box<[char; 256]>> {
    let all: Vec<u8> = (0..=255).collect();
    let b = vm.new_bytes(all);
    let decode = vm.getattr_str(&b, "decode")?;
    let n = vm.new_str(name);
    let r = vm.new_str("replace");
    let s = vm.call_pos(&decode, &[n, r])?;
    let chars: Vec<char> = match as_pystr(&s) {
        Some(s) => s.as_str().chars().collect(),
        None => Vec::new(),
    };
    if chars.len() != 256 {
        return Err(vm.value_error("multi-byte encodings are not supported"));
    }
    let mut t = Box::new(['\0'; 256]);
    for (i, c) in chars.into_iter().enumerate() {
        t[i] = if c == '\u{FFFD}' { '\u{FFFF}' } else { c };
    }
    Ok(t)
}

fn error_string_fn(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = krait_vm::native::pos_args(vm, &args, "ErrorString", 1, 1)?;
    let code = vm.index_to_i64(&a[0])?;
    Ok(match error_string(code) {
        Some(m) => vm.new_str(m),
        None => Value::None,
    })
}

fn expat_error(vm: &mut Vm, e: XErr) -> PyErr {
    let msg = format!(
        "{}: line {}, column {}",
        error_string(i64::from(e.code)).unwrap_or(""),
        e.pos.line,
        e.pos.col
    );
    let err = match vm.mods.ext_types.get("pyexpat.ExpatError").cloned() {
        Some(t) => vm.new_exception_msg(&t, msg),
        None => return vm.value_error(msg),
    };
    let o = Value::Obj(err.0.clone());
    for (n, v) in [
        ("code", i64::from(e.code)),
        ("offset", e.pos.col as i64),
        ("lineno", e.pos.line as i64),
    ] {
        let k = vm.intern(n);
        if let Err(x) = vm.setattr(&o, &k, Some(Value::Int(v))) {
            return x;
        }
    }
    err
}

fn xp_parse(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "Parse", &["self", "data", "isfinal"], 2)?;
    let fin = if a[2].is_null() {
        false
    } else {
        vm.is_true(&a[2])?
    };
    parse_data(vm, &a[0], &a[1], fin)
}

fn parse_data(vm: &mut Vm, o: &Value, data: &Value, fin: bool) -> PyResult<Value> {
    let is_str = as_pystr(data).is_some();
    let bytes = match as_pystr(data) {
        Some(s) => s.as_str().into_owned().into_bytes(),
        None => buffer_arg(vm, data)?,
    };
    let p = this(vm, o)?;
    p.started.set(true);
    {
        let mut ps = p.p.borrow_mut();
        if is_str && ps.enc.is_none() && !ps.any_input() {
            ps.enc = Some(Enc::Utf8);
        }
    }
    let need_sniff = p.p.borrow().enc.is_none();
    if need_sniff {
        p.p.borrow_mut().feed(&bytes, None, fin);
        let sniffed = p.p.borrow().sniff(fin);
        match sniffed {
            Ok(None) => {}
            Ok(Some(e)) => {
                let mut ps = p.p.borrow_mut();
                ps.enc = Some(e);
                ps.feed(&[], None, fin);
            }
            Err(name) => {
                let t = codec_table(vm, &name)?;
                let p = this(vm, o)?;
                let mut ps = p.p.borrow_mut();
                ps.enc = Some(Enc::Latin1);
                ps.feed(&[], Some(&t), fin);
                *p.table.borrow_mut() = Some(t);
            }
        }
    } else {
        let table = p.table.borrow();
        p.p.borrow_mut().feed(&bytes, table.as_deref(), fin);
    }
    let p = this(vm, o)?;
    let mut evs = Vec::new();
    let r = if p.p.borrow().enc.is_none() && !fin {
        Ok(())
    } else {
        let mut ps = p.p.borrow_mut();
        if ps.enc.is_none() {
            ps.enc = Some(Enc::Utf8);
            ps.feed(&[], None, fin);
        }
        ps.ns_triplets = p.ns_prefixes.get();
        ps.run(fin, &mut evs)
    };
    let mut r = r;
    let n = evs.len();
    let mut i = 0;
    while i < n {
        dispatch(vm, o, &evs[i])?;
        i += 1;
    }
    let p = this(vm, o)?;
    let at = p.p.borrow().cur();
    p.cur.set(at);
    flush(vm, p)?;
    let p = this(vm, o)?;
    match r.take_err() {
        Some(e) => {
            p.cur.set(e.pos);
            p.err.set(Some(e));
            Err(expat_error(vm, e))
        }
        None => {
            p.cur.set(p.p.borrow().cur());
            Ok(Value::Int(1))
        }
    }
}

trait TakeErr {
    fn take_err(&mut self) -> Option<XErr>;
}

impl TakeErr for Result<(), XErr> {
    fn take_err(&mut self) -> Option<XErr> {
        match self {
            Ok(()) => None,
            Err(e) => Some(*e),
        }
    }
}

fn xp_parse_file(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "ParseFile", &["self", "file"], 2)?;
    let k = vm.intern("read");
    let Some(read) = vm.getattr_opt(&a[1], &k)? else {
        return Err(vm.type_error("argument must have 'read' attribute"));
    };
    loop {
        let chunk = vm.call_pos(&read, &[Value::Int(2048)])?;
        let empty = match as_pystr(&chunk) {
            Some(s) => s.is_empty(),
            None => match buffer_arg(vm, &chunk) {
                Ok(b) => b.is_empty(),
                Err(_) => {
                    let tn = vm.type_name(&chunk);
                    return Err(
                        vm.type_error(format!("read() did not return a bytes object (type={tn})"))
                    );
                }
            },
        };
        parse_data(vm, &a[0], &chunk, empty)?;
        if empty {
            return Ok(Value::Int(1));
        }
    }
}

fn xp_set_param_entity_parsing(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = krait_vm::native::pos_args(vm, &args, "SetParamEntityParsing", 2, 2)?;
    let _ = vm.index_to_i64(&a[1])?;
    Ok(Value::Int(0))
}

fn xp_use_foreign_dtd(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let _ = krait_vm::native::pos_args(vm, &args, "UseForeignDTD", 1, 2)?;
    Ok(Value::None)
}

fn xp_set_base(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let _ = krait_vm::native::pos_args(vm, &args, "SetBase", 2, 2)?;
    Ok(Value::None)
}

fn xp_get_base(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let _ = krait_vm::native::pos_args(vm, &args, "GetBase", 1, 1)?;
    Ok(Value::None)
}

fn xp_get_input_context(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let _ = krait_vm::native::pos_args(vm, &args, "GetInputContext", 1, 1)?;
    Ok(Value::None)
}

fn xp_external_entity_parser_create(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let _ = krait_vm::native::pos_args(vm, &args, "ExternalEntityParserCreate", 2, 3)?;
    parser_create(vm, Args::positional(&[]))
}

fn handler(p: &XmlParser, i: usize) -> Option<Value> {
    match p.handlers.borrow().get(i) {
        Some(v) if !v.is_none() => Some(v.clone()),
        _ => None,
    }
}

/// Pass the buffered character data to the handler.
fn flush(vm: &mut Vm, p: &XmlParser) -> PyResult<()> {
    let text = match p.buffer.borrow_mut().as_mut() {
        Some(b) if !b.is_empty() => std::mem::take(b),
        _ => return Ok(()),
    };
    if let Some(h) = handler(p, H_CHARS) {
        let s = vm.new_string(text);
        vm.call_pos(&h, &[s])?;
    }
    Ok(())
}

fn opt_str(vm: &mut Vm, s: &Option<String>) -> Value {
    match s {
        Some(s) => vm.new_str(s),
        None => Value::None,
    }
}

fn name_value(vm: &mut Vm, p: &XmlParser, s: &str) -> PyResult<Value> {
    let v = vm.new_str(s);
    if let Value::Obj(d) = &p.intern {
        if let Some(old) = vm.dict_get(d, &v)? {
            return Ok(old);
        }
        vm.dict_set(d, v.clone(), v.clone())?;
    }
    Ok(v)
}

fn model_value(vm: &mut Vm, m: &Model) -> Value {
    let name = opt_str(vm, &m.name);
    let kids: Vec<Value> = m.children.iter().map(|c| model_value(vm, c)).collect();
    let kids = vm.new_tuple(kids);
    vm.new_tuple(vec![
        Value::Int(i64::from(m.ctype)),
        Value::Int(i64::from(m.quant)),
        name,
        kids,
    ])
}

fn dispatch(vm: &mut Vm, o: &Value, e: &tok::Event) -> PyResult<()> {
    let p = this(vm, o)?;
    p.cur.set(e.pos);
    if let Ev::Chars(s) = &e.ev {
        let Some(h) = handler(p, H_CHARS) else {
            return call_default(vm, p, &e.raw);
        };
        let size = p.buffer_size.get();
        let buffered = p.buffer.borrow().is_some();
        if !buffered {
            let s = vm.new_str(s);
            vm.call_pos(&h, &[s])?;
            return Ok(());
        }
        let used = p.buffer.borrow().as_ref().map_or(0, String::len);
        if (used + s.len()) as i64 > size {
            flush(vm, p)?;
            let p = this(vm, o)?;
            if s.len() as i64 > size {
                let s = vm.new_str(s);
                vm.call_pos(&h, &[s])?;
                return Ok(());
            }
            if let Some(b) = p.buffer.borrow_mut().as_mut() {
                b.push_str(s);
            }
            return Ok(());
        }
        if let Some(b) = p.buffer.borrow_mut().as_mut() {
            b.push_str(s);
        }
        return Ok(());
    }
    flush(vm, p)?;
    let p = this(vm, o)?;
    let (idx, args): (usize, Vec<Value>) = match &e.ev {
        Ev::Chars(_) => return Ok(()),
        Ev::Default => return call_default(vm, p, &e.raw),
        Ev::DoctypePiece => {
            if handler(p, H_START_DOCTYPE).is_some() {
                return Ok(());
            }
            return call_default(vm, p, &e.raw);
        }
        Ev::XmlDecl {
            version,
            encoding,
            standalone,
        } => {
            let v = opt_str(vm, version);
            let en = opt_str(vm, encoding);
            (H_XML_DECL, vec![v, en, Value::Int(*standalone)])
        }
        Ev::StartDoctype {
            name,
            sysid,
            pubid,
            internal,
        } => {
            let n = vm.new_str(name);
            let s = opt_str(vm, sysid);
            let pb = opt_str(vm, pubid);
            (
                H_START_DOCTYPE,
                vec![n, s, pb, Value::Int(i64::from(*internal))],
            )
        }
        Ev::EndDoctype => (H_END_DOCTYPE, vec![]),
        Ev::EntityDecl {
            name,
            param,
            value,
            sysid,
            pubid,
            notation,
        } => {
            let n = vm.new_str(name);
            let v = opt_str(vm, value);
            let s = opt_str(vm, sysid);
            let pb = opt_str(vm, pubid);
            let nt = opt_str(vm, notation);
            if handler(p, H_ENTITY_DECL).is_none() && notation.is_some() {
                (H_UNPARSED, vec![n, Value::None, s, pb, nt])
            } else {
                (
                    H_ENTITY_DECL,
                    vec![n, Value::Int(i64::from(*param)), v, Value::None, s, pb, nt],
                )
            }
        }
        Ev::NotationDecl { name, sysid, pubid } => {
            let n = vm.new_str(name);
            let s = opt_str(vm, sysid);
            let pb = opt_str(vm, pubid);
            (H_NOTATION, vec![n, Value::None, s, pb])
        }
        Ev::AttlistDecl {
            elname,
            attname,
            atype,
            default,
            required,
        } => {
            let a = vm.new_str(elname);
            let b = vm.new_str(attname);
            let c = vm.new_str(atype);
            let d = opt_str(vm, default);
            (
                H_ATTLIST_DECL,
                vec![a, b, c, d, Value::Int(i64::from(*required))],
            )
        }
        Ev::ElementDecl { name, model } => {
            let n = vm.new_str(name);
            let m = model_value(vm, model);
            (H_ELEMENT_DECL, vec![n, m])
        }
        Ev::Start {
            name,
            attrs,
            nspecified,
        } => {
            if handler(p, H_START).is_none() {
                return call_default(vm, p, &e.raw);
            }
            let n = name_value(vm, p, name)?;
            let take = if p.specified.get() {
                *nspecified
            } else {
                attrs.len()
            };
            let a = if p.ordered.get() {
                let mut l = Vec::with_capacity(take * 2);
                for (k, v) in attrs.iter().take(take) {
                    l.push(name_value(vm, p, k)?);
                    l.push(vm.new_str(v));
                }
                vm.new_list(l)
            } else {
                let d = vm.new_dict();
                for (k, v) in attrs.iter().take(take) {
                    let k = name_value(vm, p, k)?;
                    let v = vm.new_str(v);
                    vm.dict_set(&d, k, v)?;
                }
                Value::Obj(d)
            };
            (H_START, vec![n, a])
        }
        Ev::End { name } => {
            if handler(p, H_END).is_none() {
                return call_default(vm, p, &e.raw);
            }
            let n = name_value(vm, p, name)?;
            (H_END, vec![n])
        }
        Ev::StartNs { prefix, uri } => {
            let a = opt_str(vm, prefix);
            let b = opt_str(vm, uri);
            (H_START_NS, vec![a, b])
        }
        Ev::EndNs { prefix } => {
            let a = opt_str(vm, prefix);
            (H_END_NS, vec![a])
        }
        Ev::Pi { target, data } => {
            let a = vm.new_str(target);
            let b = vm.new_str(data);
            (H_PI, vec![a, b])
        }
        Ev::Comment(s) => {
            let a = vm.new_str(s);
            (H_COMMENT, vec![a])
        }
        Ev::StartCdata => (H_START_CDATA, vec![]),
        Ev::EndCdata => (H_END_CDATA, vec![]),
        Ev::Skipped { name } => {
            let a = vm.new_str(name);
            (H_SKIPPED, vec![a, Value::Int(0)])
        }
        Ev::ExternalRef { name, sysid, pubid } => {
            let Some(h) = handler(p, H_EXTERNAL) else {
                return call_default(vm, p, &e.raw);
            };
            let a = vm.new_str(name);
            let s = opt_str(vm, sysid);
            let pb = opt_str(vm, pubid);
            let r = vm.call_pos(&h, &[a, Value::None, s, pb])?;
            if !vm.is_true(&r)? {
                let p = this(vm, o)?;
                let err = XErr {
                    code: 21,
                    pos: e.pos,
                };
                p.err.set(Some(err));
                return Err(expat_error(vm, err));
            }
            return Ok(());
        }
    };
    match handler(p, idx) {
        Some(h) => {
            vm.call_pos(&h, &args)?;
            Ok(())
        }
        None => call_default(vm, p, &e.raw),
    }
}

fn call_default(vm: &mut Vm, p: &XmlParser, raw: &str) -> PyResult<()> {
    if raw.is_empty() {
        return Ok(());
    }
    let h = handler(p, H_DEFAULT).or_else(|| handler(p, H_DEFAULT_EXPAND));
    if let Some(h) = h {
        let s = vm.new_str(raw);
        vm.call_pos(&h, &[s])?;
    }
    Ok(())
}
