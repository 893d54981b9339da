//! `_sre.SRE_Scanner`, what `Pattern.scanner(string, pos, endpos)` returns (CPython:
//! `Modules/_sre/sre.c`: `_sre_SRE_Pattern_scanner_impl`, `_sre_SRE_Scanner_match_impl`,
//! `_sre_SRE_Scanner_search_impl`). Each `match()`/`search()` starts where the last match
//! ended; after an empty match the next may not be empty at the same place, and once a call
//! finds nothing every later call returns None. `re.Scanner` is built on it.

use std::cell::Cell;

use krait_vm::native::{bind_args, method_args, native_ref};
use krait_vm::object::Payload;
use krait_vm::objects::function::{Args, MethodKind};
use krait_vm::value::Value;
use krait_vm::{PyResult, Vm};

use super::{
    Mode, Subject, Text, bounds, def, ext_type, find_one, new_match, pat, subject, with_text,
};

/// A scan over one subject.
struct Scanner {
    pattern: Value,
    subj: Subject,
    pos: usize,
    endpos: usize,
    /// Where the next attempt starts; `None` once an attempt has failed.
    start: Cell<Option<usize>>,
    must_advance: Cell<bool>,
}

/// Create the `SRE_Scanner` type and record it for [`pattern_scanner`].
pub(super) fn init(vm: &mut Vm) {
    let t = krait_vm::modules::new_type(vm, "_sre", "SRE_Scanner", false);
    let i = MethodKind::Instance;
    vm.add_methods(
        &t,
        &[
            def("match", scanner_match, i),
            def("search", scanner_search, i),
        ],
    );
    vm.add_getset(&t, "pattern", scanner_pattern, None);
    vm.mods.ext_types.insert("_sre.SRE_Scanner", t);
}

/// `Pattern.scanner(string, pos=0, endpos=sys.maxsize)`.
pub(super) fn pattern_scanner(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first().cloned() else {
        return Err(vm.type_error("descriptor 'scanner' needs an argument"));
    };
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &rest, "scanner", &["string", "pos", "endpos"], 1)?;
    new_scanner(vm, &this, &a)
}

/// A scanner over `a` = `[string, pos, endpos]` (`pos`/`endpos` null when not given).
pub(super) fn new_scanner(vm: &mut Vm, this: &Value, a: &[Value]) -> PyResult<Value> {
    let p = pat(vm, this)?;
    let subj = subject(vm, p, &a[0])?;
    let (pos, endpos) = bounds(vm, &a[1], &a[2], subj.text.len())?;
    // The scan holds the subject's buffer as `state_init` does: a bytearray cannot be
    // resized while the scanner lives (given back in `Drop`).
    if let Some(Payload::ByteArray(b)) = subj.obj.payload() {
        b.exports.set(b.exports.get() + 1);
    }
    let s = Scanner {
        pattern: this.clone(),
        subj,
        pos,
        endpos,
        start: Cell::new(Some(pos)),
        must_advance: Cell::new(false),
    };
    let t = ext_type(vm, "_sre.SRE_Scanner")?;
    Ok(Value::Obj(vm.new_object(&t, Payload::Native(Box::new(s)))))
}

impl Drop for Scanner {
    fn drop(&mut self) {
        if let Some(Payload::ByteArray(b)) = self.subj.obj.payload() {
            b.exports.set(b.exports.get().saturating_sub(1));
        }
    }
}

fn scanner<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Scanner> {
    match native_ref::<Scanner>(v) {
        Some(s) => Ok(s),
        None => Err(vm.type_error("descriptor requires a '_sre.SRE_Scanner' object")),
    }
}

fn scan(vm: &mut Vm, args: Args<'_>, name: &str, search: bool) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, name, 0, 0)?;
    let s = scanner(vm, this)?;
    let Some(start) = s.start.get() else {
        return Ok(Value::None);
    };
    let p = pat(vm, &s.pattern)?;
    let (code, groups) = (p.code.clone(), p.groups);
    let mode = if search { Mode::Search } else { Mode::Match };
    let bounds = (start, s.endpos);
    let adv = s.must_advance.get();
    let found = with_text!(&s.subj.text, t => find_one(vm, &code, t, bounds, groups, adv, mode))?;
    match found {
        Some(((a, b), marks, lastindex)) => {
            s.must_advance.set(a == b);
            s.start.set(Some(b));
            let pattern = s.pattern.clone();
            new_match(
                vm,
                &pattern,
                &s.subj,
                (&marks, lastindex),
                (a, b),
                s.pos,
                s.endpos,
            )
        }
        None => {
            s.start.set(None);
            Ok(Value::None)
        }
    }
}

fn scanner_match(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    scan(vm, args, "match", false)
}

fn scanner_search(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    scan(vm, args, "search", true)
}

fn scanner_pattern(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(scanner(vm, this)?.pattern.clone())
}
