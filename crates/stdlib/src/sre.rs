//! `_sre`: compiled regular expressions and match objects for `re` (CPython:
//! `Modules/_sre/sre.c`). `re._compiler` turns a pattern into code; `compile` wraps that code
//! in a `re.Pattern`, whose methods run `engine.rs` over the subject's code points (bytes
//! subjects as one code point per byte). Replacement templates go through `re._subx` and
//! `re._expand`, as in CPython 3.11.

mod engine;
mod scanner;

use std::rc::Rc;

use krait_vm::native::{as_pystr, bind_args, method_args, native_ref, pos_args};
use krait_vm::object::{ObjRef, Payload};
use krait_vm::objects::function::{Args, MethodDef, MethodKind, NativeFn};
use krait_vm::objects::str::PyStr;
use krait_vm::value::Value;
use krait_vm::{PyErr, PyResult, Vm};

use engine::{Char, State};

/// A compiled pattern.
struct Pattern {
    code: Rc<[u32]>,
    /// The `pattern` argument (str, bytes or None).
    source: Value,
    flags: i64,
    groups: usize,
    groupindex: Value,
    indexgroup: Value,
    is_bytes: bool,
}

/// A successful match.
struct Match {
    pattern: Value,
    string: Value,
    /// `(start, end)` of the match and of each group (`None` when it did not take part).
    regs: Vec<Option<(usize, usize)>>,
    pos: usize,
    endpos: usize,
    lastindex: i64,
}

/// A subject's units: bytes for a bytes-like or ASCII str subject (most subjects, a
/// quarter of the copy), code points otherwise.
enum Text {
    Narrow(Vec<u8>),
    Wide(Vec<u32>),
}

impl Text {
    fn len(&self) -> usize {
        match self {
            Text::Narrow(t) => t.len(),
            Text::Wide(t) => t.len(),
        }
    }
}

/// Run `$body` with `$t` bound to the subject's units, whichever width they are.
macro_rules! with_text {
    ($text:expr, $t:ident => $body:expr) => {
        match $text {
            Text::Narrow($t) => $body,
            Text::Wide($t) => $body,
        }
    };
}
use with_text;

/// A subject string: its units and how to slice it back into an object.
struct Subject {
    text: Text,
    obj: Value,
    is_bytes: bool,
}

/// Register `_sre`.
pub(crate) fn register(vm: &mut Vm) {
    vm.builtin_modules.push(("_sre", init));
}

fn def(name: &'static str, func: NativeFn, kind: MethodKind) -> MethodDef {
    MethodDef {
        name,
        func,
        kind,
        doc: "",
    }
}

fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let pattern = krait_vm::modules::new_type(vm, "re", "Pattern", false);
    let i = MethodKind::Instance;
    vm.add_methods(
        &pattern,
        &[
            def("match", pattern_match, i),
            def("fullmatch", pattern_fullmatch, i),
            def("search", pattern_search, i),
            def("findall", pattern_findall, i),
            def("finditer", pattern_finditer, i),
            def("sub", pattern_sub, i),
            def("subn", pattern_subn, i),
            def("split", pattern_split, i),
            def("scanner", scanner::pattern_scanner, i),
            def("__repr__", pattern_repr, i),
            def("__eq__", pattern_eq, i),
            def("__hash__", pattern_hash, i),
            def("__copy__", identity, i),
            def("__deepcopy__", identity, i),
            def("__class_getitem__", class_getitem, MethodKind::Class),
        ],
    );
    for (name, get) in [
        (
            "pattern",
            pattern_source as fn(&mut Vm, &Value) -> PyResult<Value>,
        ),
        ("flags", pattern_flags),
        ("groups", pattern_groups),
        ("groupindex", pattern_groupindex),
    ] {
        vm.add_getset(&pattern, name, get, None);
    }
    let mat = krait_vm::modules::new_type(vm, "re", "Match", false);
    vm.add_methods(
        &mat,
        &[
            def("group", match_group, i),
            def("__getitem__", match_getitem, i),
            def("groups", match_groups, i),
            def("groupdict", match_groupdict, i),
            def("start", match_start, i),
            def("end", match_end, i),
            def("span", match_span, i),
            def("expand", match_expand, i),
            def("__repr__", match_repr, i),
            def("__copy__", identity, i),
            def("__deepcopy__", identity, i),
            def("__class_getitem__", class_getitem, MethodKind::Class),
        ],
    );
    for (name, get) in [
        (
            "string",
            match_string as fn(&mut Vm, &Value) -> PyResult<Value>,
        ),
        ("re", match_re),
        ("pos", match_pos),
        ("endpos", match_endpos),
        ("lastindex", match_lastindex),
        ("lastgroup", match_lastgroup),
        ("regs", match_regs),
    ] {
        vm.add_getset(&mat, name, get, None);
    }
    vm.mods.ext_types.insert("re.Pattern", pattern);
    vm.mods.ext_types.insert("re.Match", mat);
    scanner::init(vm);
    vm.add_functions(
        m,
        &[
            ("compile", compile),
            ("getcodesize", getcodesize),
            ("ascii_iscased", ascii_iscased),
            ("unicode_iscased", unicode_iscased),
            ("ascii_tolower", ascii_tolower),
            ("unicode_tolower", unicode_tolower),
        ],
    );
    let set = |vm: &mut Vm, n: &str, v: Value| krait_vm::modules::set_attr(vm, m, n, v);
    set(vm, "MAGIC", Value::Int(20220615));
    set(vm, "CODESIZE", Value::Int(4));
    set(vm, "MAXREPEAT", Value::Int(i64::from(engine::MAXREPEAT)));
    set(vm, "MAXGROUPS", Value::Int(1073741823));
    let c = vm.new_str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB ");
    set(vm, "copyright", c);
    Ok(())
}

fn ext_type(vm: &mut Vm, name: &'static str) -> PyResult<ObjRef> {
    match vm.mods.ext_types.get(name) {
        Some(t) => Ok(t.clone()),
        None => Err(vm.runtime_error("_sre is not initialised")),
    }
}

fn getcodesize(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(4))
}

fn char_arg(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<u32> {
    let a = pos_args(vm, args, name, 1, 1)?;
    let n = vm.index_to_i64(&a[0])?;
    u32::try_from(n).map_err(|_| vm.overflow_error("character out of range"))
}

fn ascii_iscased(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let c = char_arg(vm, &args, "ascii_iscased")?;
    Ok(Value::bool(engine::ascii_iscased(c)))
}

fn unicode_iscased(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let c = char_arg(vm, &args, "unicode_iscased")?;
    Ok(Value::bool(engine::unicode_iscased(c)))
}

fn ascii_tolower(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let c = char_arg(vm, &args, "ascii_tolower")?;
    Ok(Value::Int(i64::from(engine::ascii_tolower(c))))
}

fn unicode_tolower(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let c = char_arg(vm, &args, "unicode_tolower")?;
    Ok(Value::Int(i64::from(engine::lower_unicode(c))))
}

/// `compile(pattern, flags, code, groups, groupindex, indexgroup)`.
fn compile(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(
        vm,
        &args,
        "compile",
        &[
            "pattern",
            "flags",
            "code",
            "groups",
            "groupindex",
            "indexgroup",
        ],
        6,
    )?;
    let flags = vm.index_to_i64(&a[1])?;
    let mut code = Vec::new();
    for c in vm.iterate(&a[2])? {
        let n = vm.index_to_i64(&c)?;
        code.push(
            u32::try_from(n)
                .map_err(|_| vm.overflow_error("regular expression code size limit exceeded"))?,
        );
    }
    let groups = usize::try_from(vm.index_to_i64(&a[3])?).unwrap_or(0);
    let is_bytes = !a[0].is_none() && as_pystr(&a[0]).is_none();
    let p = Pattern {
        code: Rc::from(code),
        source: a[0].clone(),
        flags,
        groups,
        groupindex: a[4].clone(),
        indexgroup: a[5].clone(),
        is_bytes,
    };
    let t = ext_type(vm, "re.Pattern")?;
    Ok(Value::Obj(vm.new_object(&t, Payload::Native(Box::new(p)))))
}

fn pat<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Pattern> {
    match native_ref::<Pattern>(v) {
        Some(p) => Ok(p),
        None => Err(vm.type_error("descriptor requires a 're.Pattern' object")),
    }
}

fn mat<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Match> {
    match native_ref::<Match>(v) {
        Some(m) => Ok(m),
        None => Err(vm.type_error("descriptor requires a 're.Match' object")),
    }
}

/// The subject's code points, checked against the pattern's kind.
fn subject(vm: &mut Vm, p: &Pattern, v: &Value) -> PyResult<Subject> {
    if let Some(s) = as_pystr(v) {
        if p.is_bytes {
            return Err(vm.type_error("cannot use a bytes pattern on a string-like object"));
        }
        return Ok(Subject {
            text: if s.is_ascii() {
                Text::Narrow(s.wtf8().to_vec())
            } else {
                Text::Wide(s.code_points())
            },
            obj: v.clone(),
            is_bytes: false,
        });
    }
    match krait_vm::objects::bytes::bytes_of(v) {
        Some(b) => {
            if !p.is_bytes {
                return Err(vm.type_error("cannot use a string pattern on a bytes-like object"));
            }
            Ok(Subject {
                text: Text::Narrow(b),
                obj: v.clone(),
                is_bytes: true,
            })
        }
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("expected string or bytes-like object, got '{tn}'")))
        }
    }
}

/// The subject's units `a..b` as a str or bytes; the subject itself when that is all of an
/// exact str or bytes (`getslice`).
fn slice(vm: &mut Vm, subj: &Subject, a: usize, b: usize) -> Value {
    let n = subj.text.len();
    let (a, b) = (a.min(n), b.min(n));
    let b = b.max(a);
    if a == 0
        && b == n
        && let Value::Obj(o) = &subj.obj
        && (o.class_is(&vm.types.str) || o.class_is(&vm.types.bytes))
    {
        return subj.obj.clone();
    }
    match &subj.text {
        Text::Narrow(t) if subj.is_bytes => vm.new_bytes(t[a..b].to_vec()),
        // Narrow str units are ASCII, so they are their own WTF-8.
        Text::Narrow(t) => vm.new_pystr(PyStr::from_wtf8_slice(&t[a..b])),
        Text::Wide(t) => vm.new_pystr(PyStr::from_code_points(t[a..b].iter().copied())),
    }
}

fn engine_error(vm: &mut Vm, e: engine::Error) -> PyErr {
    match e {
        engine::Error::BadCode => vm.runtime_error("internal error in regular expression engine"),
        engine::Error::Depth => {
            let t = vm.types.recursion_error.clone();
            vm.new_exception_msg(&t, "maximum recursion limit exceeded")
        }
        engine::Error::Py(e) => e,
    }
}

/// Clamp `pos`/`endpos` as `state_init` does.
fn bounds(vm: &mut Vm, pos: &Value, endpos: &Value, len: usize) -> PyResult<(usize, usize)> {
    let clamp = |n: i64| -> usize { if n < 0 { 0 } else { (n as usize).min(len) } };
    let p = if pos.is_null() {
        0
    } else {
        clamp(vm.index_to_i64(pos)?)
    };
    let e = if endpos.is_null() {
        len
    } else {
        clamp(vm.index_to_i64(endpos)?)
    };
    Ok((p, e))
}

fn new_match(
    vm: &mut Vm,
    pattern: &Value,
    subj: &Subject,
    (marks, lastindex): (&[Option<usize>], i64),
    span: (usize, usize),
    pos: usize,
    endpos: usize,
) -> PyResult<Value> {
    let mut regs = vec![Some(span)];
    for g in 0..marks.len() / 2 {
        regs.push(match (marks[2 * g], marks[2 * g + 1]) {
            (Some(a), Some(b)) if a <= b => Some((a, b)),
            _ => None,
        });
    }
    let m = Match {
        pattern: pattern.clone(),
        string: subj.obj.clone(),
        regs,
        pos,
        endpos,
        lastindex,
    };
    let t = ext_type(vm, "re.Match")?;
    Ok(Value::Obj(vm.new_object(&t, Payload::Native(Box::new(m)))))
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Match,
    FullMatch,
    Search,
}

fn do_match(vm: &mut Vm, args: Args<'_>, name: &str, mode: Mode) -> PyResult<Value> {
    let Some(this) = args.values.first().cloned() else {
        return Err(vm.type_error(format!("descriptor '{name}' needs an argument")));
    };
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &rest, name, &["string", "pos", "endpos"], 1)?;
    let p = pat(vm, &this)?;
    let subj = subject(vm, p, &a[0])?;
    let (pos, endpos) = bounds(vm, &a[1], &a[2], subj.text.len())?;
    let code = p.code.clone();
    let groups = p.groups;
    let found =
        with_text!(&subj.text, t => find_one(vm, &code, t, (pos, endpos), groups, false, mode))?;
    match found {
        Some((span, marks, lastindex)) => {
            new_match(vm, &this, &subj, (&marks, lastindex), span, pos, endpos)
        }
        None => Ok(Value::None),
    }
}

/// One match or search attempt from `start` (not past `endpos`): the span, the marks and
/// `lastindex`.
#[allow(clippy::type_complexity)]
fn find_one<C: Char>(
    vm: &mut Vm,
    code: &[u32],
    text: &[C],
    (start, endpos): (usize, usize),
    groups: usize,
    must_advance: bool,
    mode: Mode,
) -> PyResult<Option<((usize, usize), Vec<Option<usize>>, i64)>> {
    let mut st = State::new(vm, code, text, endpos, groups);
    st.match_all = mode == Mode::FullMatch;
    st.must_advance = must_advance;
    let found = if start > endpos {
        Ok(None)
    } else if mode == Mode::Search {
        st.search(start)
    } else {
        st.match_at(start).map(|e| e.map(|e| (start, e)))
    };
    let (marks, lastindex) = (std::mem::take(&mut st.marks), st.lastindex);
    drop(st);
    Ok(found
        .map_err(|e| engine_error(vm, e))?
        .map(|span| (span, marks, lastindex)))
}

fn pattern_match(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    do_match(vm, args, "match", Mode::Match)
}

fn pattern_fullmatch(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    do_match(vm, args, "fullmatch", Mode::FullMatch)
}

fn pattern_search(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    do_match(vm, args, "search", Mode::Search)
}

/// Every non-overlapping match from `pos`: (span, marks, lastindex) each.
#[allow(clippy::type_complexity)]
fn all_matches(
    vm: &mut Vm,
    p: &Pattern,
    subj: &Subject,
    pos: usize,
    endpos: usize,
    limit: usize,
) -> PyResult<Vec<((usize, usize), Vec<Option<usize>>, i64)>> {
    let code = p.code.clone();
    with_text!(&subj.text, t => all_matches_in(vm, &code, t, (pos, endpos), p.groups, limit))
}

#[allow(clippy::type_complexity)]
fn all_matches_in<C: Char>(
    vm: &mut Vm,
    code: &[u32],
    text: &[C],
    (pos, endpos): (usize, usize),
    groups: usize,
    limit: usize,
) -> PyResult<Vec<((usize, usize), Vec<Option<usize>>, i64)>> {
    let mut st = State::new(vm, code, text, endpos, groups);
    let mut out = Vec::new();
    let mut at = pos;
    while at <= endpos && (limit == 0 || out.len() < limit) {
        let found = match st.search(at) {
            Ok(f) => f,
            Err(e) => {
                drop(st);
                return Err(engine_error(vm, e));
            }
        };
        let Some((s, e)) = found else {
            break;
        };
        out.push(((s, e), st.marks.clone(), st.lastindex));
        st.must_advance = e == s;
        at = e;
    }
    Ok(out)
}

fn string_args<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<(Value, Vec<Value>)> {
    let Some(this) = args.values.first().cloned() else {
        return Err(vm.type_error(format!("descriptor '{name}' needs an argument")));
    };
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &rest, name, &["string", "pos", "endpos"], 1)?;
    Ok((this, a))
}

fn group_value(vm: &mut Vm, subj: &Subject, marks: &[Option<usize>], g: usize) -> Value {
    match (
        marks.get(2 * g).copied().flatten(),
        marks.get(2 * g + 1).copied().flatten(),
    ) {
        (Some(a), Some(b)) if a <= b => slice(vm, subj, a, b),
        _ => slice(vm, subj, 0, 0),
    }
}

fn pattern_findall(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = string_args(vm, &args, "findall")?;
    let p = pat(vm, &this)?;
    let subj = subject(vm, p, &a[0])?;
    let (pos, endpos) = bounds(vm, &a[1], &a[2], subj.text.len())?;
    let found = all_matches(vm, p, &subj, pos, endpos, 0)?;
    let mut out = Vec::with_capacity(found.len());
    for ((s, e), marks, _) in found {
        let item = match p.groups {
            0 => slice(vm, &subj, s, e),
            1 => group_value(vm, &subj, &marks, 0),
            n => {
                let items: Vec<Value> = (0..n).map(|g| group_value(vm, &subj, &marks, g)).collect();
                vm.new_tuple(items)
            }
        };
        out.push(item);
    }
    Ok(vm.new_list(out))
}

/// `finditer`: `iter(scanner.search, None)`, as `_sre_SRE_Pattern_finditer_impl` builds it,
/// so matches are found as the iterator is advanced.
fn pattern_finditer(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = string_args(vm, &args, "finditer")?;
    let sc = scanner::new_scanner(vm, &this, &a)?;
    let search = vm.getattr_str(&sc, "search")?;
    let st = krait_vm::objects::iter::IterState::Call {
        func: search,
        sentinel: Value::None,
    };
    Ok(Value::Obj(ObjRef::new(
        vm.types.callable_iterator.clone(),
        Payload::Iter(Box::new(std::cell::RefCell::new(st))),
    )))
}

fn pattern_split(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first().cloned() else {
        return Err(vm.type_error("descriptor 'split' needs an argument"));
    };
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &rest, "split", &["string", "maxsplit"], 1)?;
    let maxsplit = if a[1].is_null() {
        0
    } else {
        vm.index_to_i64(&a[1])?
    };
    let p = pat(vm, &this)?;
    let subj = subject(vm, p, &a[0])?;
    if maxsplit < 0 {
        return Ok(vm.new_list(vec![subj.obj.clone()]));
    }
    let n = subj.text.len();
    let found = all_matches(vm, p, &subj, 0, n, maxsplit as usize)?;
    let mut out = Vec::new();
    let mut last = 0;
    for ((s, e), marks, _) in found {
        out.push(slice(vm, &subj, last, s));
        for g in 0..p.groups {
            let v = match (
                marks.get(2 * g).copied().flatten(),
                marks.get(2 * g + 1).copied().flatten(),
            ) {
                (Some(x), Some(y)) if x <= y => slice(vm, &subj, x, y),
                _ => Value::None,
            };
            out.push(v);
        }
        last = e;
    }
    out.push(slice(vm, &subj, last, n));
    Ok(vm.new_list(out))
}

fn do_sub(vm: &mut Vm, args: Args<'_>, name: &str, with_count: bool) -> PyResult<Value> {
    let Some(this) = args.values.first().cloned() else {
        return Err(vm.type_error(format!("descriptor '{name}' needs an argument")));
    };
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &rest, name, &["repl", "string", "count"], 2)?;
    let count = if a[2].is_null() {
        0
    } else {
        vm.index_to_i64(&a[2])?.max(0) as usize
    };
    let p = pat(vm, &this)?;
    let subj = subject(vm, p, &a[1])?;
    // A template with backslashes goes through `re._subx`, which may hand back a literal.
    let mut repl = a[0].clone();
    let mut literal: Option<Value> = None;
    let callable_repl = vm.lookup_special_str(&repl, "__call__").is_some()
        && as_pystr(&repl).is_none()
        && krait_vm::objects::bytes::bytes_of(&repl).is_none();
    if !callable_repl {
        let has_backslash = match as_pystr(&repl) {
            Some(s) => s.wtf8().contains(&b'\\'),
            None => match krait_vm::objects::bytes::bytes_of(&repl) {
                Some(b) => b.contains(&b'\\'),
                None => false,
            },
        };
        if has_backslash {
            let re = vm.import_dotted("re")?;
            let subx = vm.getattr_str(&re, "_subx")?;
            let filter = vm.call_pos(&subx, &[this.clone(), repl.clone()])?;
            if vm.lookup_special_str(&filter, "__call__").is_some()
                && as_pystr(&filter).is_none()
                && krait_vm::objects::bytes::bytes_of(&filter).is_none()
            {
                repl = filter;
            } else {
                literal = Some(filter);
            }
        } else {
            literal = Some(repl.clone());
        }
    }
    let n = subj.text.len();
    let found = all_matches(vm, p, &subj, 0, n, count)?;
    let nsubs = found.len();
    let mut pieces: Vec<Value> = Vec::new();
    let mut last = 0;
    for (span, marks, lastindex) in found {
        pieces.push(slice(vm, &subj, last, span.0));
        let r = match &literal {
            Some(l) => l.clone(),
            None => {
                let mut regs = vec![Some(span)];
                for g in 0..p.groups {
                    regs.push(
                        match (
                            marks.get(2 * g).copied().flatten(),
                            marks.get(2 * g + 1).copied().flatten(),
                        ) {
                            (Some(x), Some(y)) if x <= y => Some((x, y)),
                            _ => None,
                        },
                    );
                }
                let m = Match {
                    pattern: this.clone(),
                    string: subj.obj.clone(),
                    regs,
                    pos: 0,
                    endpos: n,
                    lastindex,
                };
                let t = ext_type(vm, "re.Match")?;
                let mv = Value::Obj(vm.new_object(&t, Payload::Native(Box::new(m))));
                vm.call_pos(&repl, &[mv])?
            }
        };
        if !r.is_none() {
            pieces.push(r);
        }
        last = span.1;
    }
    pieces.push(slice(vm, &subj, last, n));
    // No match leaves the one piece, the subject itself when it is an exact str or bytes.
    let joined = if pieces.len() == 1 && pieces[0].is(&subj.obj) {
        subj.obj.clone()
    } else {
        join(vm, subj.is_bytes, pieces)?
    };
    if with_count {
        Ok(vm.new_pair(joined, Value::Int(nsubs as i64)))
    } else {
        Ok(joined)
    }
}

fn join(vm: &mut Vm, is_bytes: bool, pieces: Vec<Value>) -> PyResult<Value> {
    let empty = if is_bytes {
        vm.new_bytes(Vec::new())
    } else {
        vm.new_str("")
    };
    let list = vm.new_list(pieces);
    let j = vm.getattr_str(&empty, "join")?;
    vm.call_pos(&j, &[list])
}

fn pattern_sub(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    do_sub(vm, args, "sub", false)
}

fn pattern_subn(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    do_sub(vm, args, "subn", true)
}

/// The flag names `repr(pattern)` shows (`pattern_repr`).
const FLAG_NAMES: &[(&str, i64)] = &[
    ("re.TEMPLATE", 1),
    ("re.IGNORECASE", 2),
    ("re.LOCALE", 4),
    ("re.MULTILINE", 8),
    ("re.DOTALL", 16),
    ("re.UNICODE", 32),
    ("re.VERBOSE", 64),
    ("re.DEBUG", 128),
    ("re.ASCII", 256),
];

fn pattern_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let p = pat(vm, this)?;
    let src = vm.repr_string(&p.source)?;
    let src: String = src.chars().take(200).collect();
    let mut flags = p.flags;
    // A str pattern's UNICODE flag is implied and not shown.
    if !p.is_bytes && flags & (4 | 32 | 256) == 32 {
        flags &= !32;
    }
    let mut names = Vec::new();
    for (n, bit) in FLAG_NAMES {
        if flags & bit != 0 {
            names.push((*n).to_string());
            flags &= !bit;
        }
    }
    if flags != 0 {
        names.push(format!("{flags:#x}"));
    }
    Ok(vm.new_string(if names.is_empty() {
        format!("re.compile({src})")
    } else {
        format!("re.compile({src}, {})", names.join("|"))
    }))
}

fn pattern_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__eq__", 1, 1)?;
    let (Some(a), Some(b)) = (native_ref::<Pattern>(this), native_ref::<Pattern>(&rest[0])) else {
        return Ok(vm.not_implemented.clone());
    };
    if this.identity() == rest[0].identity() {
        return Ok(Value::bool(true));
    }
    let same = a.flags == b.flags
        && a.is_bytes == b.is_bytes
        && a.code == b.code
        && vm.eq(&a.source, &b.source)?;
    Ok(Value::bool(same))
}

fn pattern_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__hash__", 0, 0)?;
    let p = pat(vm, this)?;
    let h = vm.hash(&p.source)?;
    Ok(Value::Int(h ^ p.flags.wrapping_mul(1_000_003)))
}

fn identity(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match args.values.first() {
        Some(v) => Ok(v.clone()),
        None => Err(vm.type_error("descriptor needs an argument")),
    }
}

fn class_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "__class_getitem__", 2, 2)?;
    let alias = vm.types.generic_alias.clone();
    vm.call_pos(&Value::Obj(alias), &[a[0].clone(), a[1].clone()])
}

fn pattern_source(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(pat(vm, this)?.source.clone())
}

fn pattern_flags(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(pat(vm, this)?.flags))
}

fn pattern_groups(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(pat(vm, this)?.groups as i64))
}

fn pattern_groupindex(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    // A read-only view of a copy, as `pattern_groupindex` returns.
    let gi = pat(vm, this)?.groupindex.clone();
    let d = vm.new_dict();
    let dv = Value::Obj(d);
    vm.dict_update(&dv, &gi, false)?;
    Ok(Value::Obj(ObjRef::new(
        vm.types.mappingproxy.clone(),
        Payload::MappingProxy(dv),
    )))
}

// ----- Match -----

/// A group number from an int or a group name.
fn group_index(vm: &mut Vm, m: &Match, g: &Value) -> PyResult<usize> {
    // `match_getindex`: anything with `__index__` is a number, anything else a name.
    let idx = if krait_vm::objects::bytes::is_index(vm, g) {
        // A number too large for an index is simply no group (`PyNumber_AsSsize_t` clips).
        match vm.index_to_i64(g) {
            Ok(i) => Some(i),
            Err(e) if vm.err_matches(&e, &vm.types.overflow_error.clone()) => None,
            Err(e) => return Err(e),
        }
    } else {
        let gi = pat(vm, &m.pattern)?.groupindex.clone();
        match vm.mapping_get(&gi, g) {
            Ok(Some(v)) => Some(vm.index_to_i64(&v)?),
            Ok(None) => None,
            Err(e) if vm.err_matches(&e, &vm.types.type_error.clone()) => None,
            Err(e) => return Err(e),
        }
    };
    match idx {
        Some(i) if i >= 0 && (i as usize) < m.regs.len() => Ok(i as usize),
        _ => Err(vm.index_error("no such group")),
    }
}

fn group_of(vm: &mut Vm, m: &Match, i: usize, default: &Value) -> PyResult<Value> {
    match m.regs.get(i).copied().flatten() {
        // `getslice`: a str subject gives an exact str, any other buffer gives bytes.
        Some((a, b)) => {
            let exact = match &m.string {
                Value::Obj(o) => o.class_is(&vm.types.str) || o.class_is(&vm.types.bytes),
                _ => false,
            };
            if exact {
                let slicer = vm.new_slice(Value::Int(a as i64), Value::Int(b as i64), Value::None);
                return vm.getitem(&m.string, &slicer);
            }
            if let Some(s) = as_pystr(&m.string) {
                let part = PyStr::from_code_points(s.chars().skip(a).take(b.saturating_sub(a)));
                return Ok(vm.new_pystr(part));
            }
            match krait_vm::objects::bytes::bytes_of(&m.string) {
                // The buffer may have shrunk since the match (`match_getslice_by_index`).
                Some(bytes) => {
                    let (a, b) = (a.min(bytes.len()), b.min(bytes.len()));
                    Ok(vm.new_bytes(bytes.get(a..b).unwrap_or(&[]).to_vec()))
                }
                None => Err(vm.type_error("expected string or bytes-like object")),
            }
        }
        None => Ok(default.clone()),
    }
}

fn match_group(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some((this, rest)) = args.values.split_first() else {
        return Err(vm.type_error("descriptor 'group' needs an argument"));
    };
    let m = mat(vm, this)?;
    match rest.len() {
        0 => group_of(vm, m, 0, &Value::None),
        1 => {
            let i = group_index(vm, m, &rest[0])?;
            group_of(vm, m, i, &Value::None)
        }
        _ => {
            let mut out = Vec::new();
            for g in rest {
                let i = group_index(vm, m, g)?;
                out.push(group_of(vm, m, i, &Value::None)?);
            }
            Ok(vm.new_tuple(out))
        }
    }
}

fn match_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__getitem__", 1, 1)?;
    let m = mat(vm, this)?;
    let i = group_index(vm, m, &rest[0])?;
    group_of(vm, m, i, &Value::None)
}

fn default_arg(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<(Value, Value)> {
    let Some(this) = args.values.first().cloned() else {
        return Err(vm.type_error(format!("descriptor '{name}' needs an argument")));
    };
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &rest, name, &["default"], 0)?;
    let d = if a[0].is_null() {
        Value::None
    } else {
        a[0].clone()
    };
    Ok((this, d))
}

fn match_groups(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, d) = default_arg(vm, &args, "groups")?;
    let m = mat(vm, &this)?;
    let mut out = Vec::new();
    for i in 1..m.regs.len() {
        out.push(group_of(vm, m, i, &d)?);
    }
    Ok(vm.new_tuple(out))
}

fn match_groupdict(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, d) = default_arg(vm, &args, "groupdict")?;
    let m = mat(vm, &this)?;
    let gi = pat(vm, &m.pattern)?.groupindex.clone();
    let out = vm.new_dict();
    for (k, v) in vm.dict_items(&gi)? {
        let i = vm.index_to_i64(&v)?;
        let val = match usize::try_from(i) {
            Ok(i) => group_of(vm, m, i, &d)?,
            Err(_) => d.clone(),
        };
        vm.dict_set(&out, k, val)?;
    }
    Ok(Value::Obj(out))
}

fn span_of(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<(i64, i64)> {
    let (this, rest) = method_args(vm, args, name, 0, 1)?;
    let m = mat(vm, this)?;
    let i = match rest.first() {
        Some(g) => group_index(vm, m, g)?,
        None => 0,
    };
    Ok(match m.regs.get(i).copied().flatten() {
        Some((a, b)) => (a as i64, b as i64),
        None => (-1, -1),
    })
}

fn match_start(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(span_of(vm, &args, "start")?.0))
}

fn match_end(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(span_of(vm, &args, "end")?.1))
}

fn match_span(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = span_of(vm, &args, "span")?;
    Ok(vm.new_pair(Value::Int(a), Value::Int(b)))
}

fn match_expand(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "expand", 1, 1)?;
    let m = mat(vm, this)?;
    let re = vm.import_dotted("re")?;
    let expand = vm.getattr_str(&re, "_expand")?;
    vm.call_pos(&expand, &[m.pattern.clone(), this.clone(), rest[0].clone()])
}

fn match_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let m = mat(vm, this)?;
    let (a, b) = m.regs[0].unwrap_or((0, 0));
    let g = group_of(vm, m, 0, &Value::None)?;
    let r = vm.repr_string(&g)?;
    Ok(vm.new_string(format!("<re.Match object; span=({a}, {b}), match={r}>")))
}

fn match_string(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(mat(vm, this)?.string.clone())
}

fn match_re(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(mat(vm, this)?.pattern.clone())
}

fn match_pos(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(mat(vm, this)?.pos as i64))
}

fn match_endpos(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(mat(vm, this)?.endpos as i64))
}

fn match_lastindex(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let li = mat(vm, this)?.lastindex;
    Ok(if li >= 0 { Value::Int(li) } else { Value::None })
}

fn match_lastgroup(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let m = mat(vm, this)?;
    if m.lastindex < 0 {
        return Ok(Value::None);
    }
    let ig = pat(vm, &m.pattern)?.indexgroup.clone();
    match vm.getitem(&ig, &Value::Int(m.lastindex)) {
        Ok(v) => Ok(v),
        Err(_) => Ok(Value::None),
    }
}

fn match_regs(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let m = mat(vm, this)?;
    let mut out = Vec::new();
    for r in &m.regs {
        let (a, b) = r.map_or((-1, -1), |(a, b)| (a as i64, b as i64));
        out.push(vm.new_pair(Value::Int(a), Value::Int(b)));
    }
    Ok(vm.new_tuple(out))
}
