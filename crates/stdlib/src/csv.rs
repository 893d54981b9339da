//! `_csv`: CSV reading and writing (CPython: `Modules/_csv.c`). The reader is CPython's
//! character state machine (`parse_process_char`), fed one line of the input iterator at a
//! time with an end-of-line marker after each; the writer quotes and escapes as
//! `join_append_data` does.

use std::cell::{Cell, RefCell};

use krait_vm::native::{as_pystr, bind_args, method_args, native_ref, pos_args};
use krait_vm::object::{ObjRef, Payload};
use krait_vm::objects::function::{Args, MethodDef, MethodKind};
use krait_vm::value::Value;
use krait_vm::{PyErr, PyResult, Vm};

const QUOTE_MINIMAL: i64 = 0;
const QUOTE_ALL: i64 = 1;
const QUOTE_NONNUMERIC: i64 = 2;
const QUOTE_NONE: i64 = 3;

/// A validated dialect.
#[derive(Clone)]
struct Dialect {
    delimiter: u32,
    quotechar: Option<u32>,
    escapechar: Option<u32>,
    doublequote: bool,
    skipinitialspace: bool,
    lineterminator: Vec<u32>,
    quoting: i64,
    strict: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum St {
    StartRecord,
    StartField,
    EscapedChar,
    InField,
    InQuotedField,
    EscapeInQuotedField,
    QuoteInQuotedField,
    EatCrnl,
    AfterEscapedCrnl,
}

struct Reader {
    input: Value,
    dialect: Value,
    d: Dialect,
    state: Cell<St>,
    fields: RefCell<Vec<Value>>,
    field: RefCell<Vec<u32>>,
    numeric: Cell<bool>,
    line_num: Cell<i64>,
}

struct Writer {
    write: Value,
    dialect: Value,
    d: Dialect,
}

pub(crate) fn register(vm: &mut Vm) {
    vm.builtin_modules.push(("_csv", init));
}

fn def(
    name: &'static str,
    func: krait_vm::objects::function::NativeFn,
    kind: MethodKind,
) -> MethodDef {
    MethodDef {
        name,
        func,
        kind,
        doc: "",
    }
}

fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let exc = vm.types.exception.clone();
    let error = krait_vm::modules::module_exception(vm, "_csv.Error", "_csv", "Error", exc)?;
    krait_vm::modules::set_attr(vm, m, "Error", Value::Obj(error));
    let dialect = krait_vm::modules::new_type(vm, "_csv", "Dialect", true);
    vm.add_methods(&dialect, &[def("__new__", dialect_new, MethodKind::Static)]);
    for (name, get) in [
        (
            "delimiter",
            d_delimiter as fn(&mut Vm, &Value) -> PyResult<Value>,
        ),
        ("quotechar", d_quotechar),
        ("escapechar", d_escapechar),
        ("doublequote", d_doublequote),
        ("skipinitialspace", d_skipinitialspace),
        ("lineterminator", d_lineterminator),
        ("quoting", d_quoting),
        ("strict", d_strict),
    ] {
        vm.add_getset(&dialect, name, get, None);
    }
    vm.mods.ext_types.insert("_csv.Dialect", dialect.clone());
    krait_vm::modules::set_attr(vm, m, "Dialect", Value::Obj(dialect));
    let reader = krait_vm::modules::new_type(vm, "_csv", "reader", false);
    vm.add_methods(
        &reader,
        &[
            def("__iter__", reader_iter, MethodKind::Instance),
            def("__next__", reader_next, MethodKind::Instance),
        ],
    );
    vm.add_getset(&reader, "line_num", reader_line_num, None);
    vm.add_getset(&reader, "dialect", reader_dialect, None);
    vm.mods.ext_types.insert("_csv.reader", reader);
    let writer = krait_vm::modules::new_type(vm, "_csv", "writer", false);
    vm.add_methods(
        &writer,
        &[
            def("writerow", writer_writerow, MethodKind::Instance),
            def("writerows", writer_writerows, MethodKind::Instance),
        ],
    );
    vm.add_getset(&writer, "dialect", writer_dialect, None);
    vm.mods.ext_types.insert("_csv.writer", writer);
    vm.add_functions(
        m,
        &[
            ("reader", csv_reader),
            ("writer", csv_writer),
            ("register_dialect", register_dialect),
            ("unregister_dialect", unregister_dialect),
            ("get_dialect", get_dialect),
            ("list_dialects", list_dialects),
            ("field_size_limit", field_size_limit),
        ],
    );
    for (n, v) in [
        ("QUOTE_MINIMAL", QUOTE_MINIMAL),
        ("QUOTE_ALL", QUOTE_ALL),
        ("QUOTE_NONNUMERIC", QUOTE_NONNUMERIC),
        ("QUOTE_NONE", QUOTE_NONE),
    ] {
        krait_vm::modules::set_attr(vm, m, n, Value::Int(v));
    }
    let ver = vm.new_str("1.0");
    krait_vm::modules::set_attr(vm, m, "__version__", ver);
    let reg = Value::Obj(vm.new_dict());
    krait_vm::modules::set_attr(vm, m, "_dialects", reg.clone());
    vm.mods.ext_values.insert("_csv.dialects", reg);
    Ok(())
}

fn csv_error(vm: &mut Vm, msg: impl Into<String>) -> PyErr {
    match vm.mods.ext_types.get("_csv.Error").cloned() {
        Some(t) => vm.new_exception_msg(&t, msg),
        None => vm.value_error(msg),
    }
}

fn registry(vm: &mut Vm) -> PyResult<ObjRef> {
    match vm.mods.ext_values.get("_csv.dialects") {
        Some(Value::Obj(o)) => Ok(o.clone()),
        _ => Err(vm.runtime_error("_csv is not initialised")),
    }
}

// ----- dialects -----

const DIALECT_ATTRS: [&str; 8] = [
    "delimiter",
    "doublequote",
    "escapechar",
    "lineterminator",
    "quotechar",
    "quoting",
    "skipinitialspace",
    "strict",
];

/// One character, `None` allowed when `optional` (`_set_char_or_none`).
fn char_attr(vm: &mut Vm, name: &str, v: &Value, optional: bool) -> PyResult<Option<u32>> {
    if v.is_none() && optional {
        return Ok(None);
    }
    match as_pystr(v) {
        Some(s) if s.len() == 1 => Ok(s.code_points().first().copied()),
        Some(_) => Err(vm.type_error(format!("\"{name}\" must be a 1-character string"))),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(if optional {
                format!("\"{name}\" must be string or None, not {tn}")
            } else {
                format!("\"{name}\" must be string, not {tn}")
            }))
        }
    }
}

/// Build a dialect from a base (a name, a `Dialect`, or any object with the attributes) and
/// keyword overrides (`dialect_new`).
/// A `dialect=` keyword stands for the base when none is given by position (`dialect_new`
/// takes it as its first parameter; `reader`/`writer` pass their keywords on to it).
/// The third result says whether the base, a `Dialect` with no overrides, was taken as it is.
fn make_dialect(
    vm: &mut Vm,
    base: &Value,
    kw: &[(String, Value)],
) -> PyResult<(Dialect, Value, bool)> {
    let mut base = base.clone();
    let mut kw = kw.to_vec();
    if let Some(i) = kw.iter().position(|(k, _)| k == "dialect") {
        if !base.is_null() && !base.is_none() {
            return Err(
                vm.type_error("argument for function given by name ('dialect') and position (1)")
            );
        }
        base = kw.remove(i).1;
    }
    let kw = &kw[..];
    let base = &base;
    let base = match as_pystr(base) {
        Some(_) => {
            let reg = registry(vm)?;
            match vm.dict_get(&reg, base)? {
                Some(d) => d,
                None => return Err(csv_error(vm, "unknown dialect")),
            }
        }
        None => base.clone(),
    };
    if kw.is_empty()
        && let Some(d) = native_ref::<Dialect>(&base)
    {
        return Ok((d.clone(), base, true));
    }
    let mut vals: Vec<Option<Value>> = vec![None; DIALECT_ATTRS.len()];
    if !base.is_null() && !base.is_none() {
        for (i, n) in DIALECT_ATTRS.iter().enumerate() {
            let k = vm.intern(n);
            if let Some(v) = vm.getattr_opt(&base, &k)? {
                vals[i] = Some(v);
            }
        }
    }
    for (k, v) in kw {
        match DIALECT_ATTRS.iter().position(|n| n == k) {
            Some(i) => vals[i] = Some(v.clone()),
            None => {
                return Err(vm.type_error(format!(
                    "'{k}' is an invalid keyword argument for this function"
                )));
            }
        }
    }
    let get = |i: usize| vals[i].clone();
    // An explicit `quotechar=None` without a quoting means no quoting.
    let quoting = match get(5) {
        None if matches!(get(4), Some(Value::None)) => Some(Value::Int(QUOTE_NONE)),
        q => q,
    };
    let quoting = match quoting {
        Some(q) => {
            let q = match q {
                Value::Int(i) => i,
                Value::Bool(b) => i64::from(b.get()),
                other => match krait_vm::objects::number::int_ref(&other) {
                    Some(_) => vm.index_to_i64(&other)?,
                    None => return Err(vm.type_error("\"quoting\" must be an integer")),
                },
            };
            if !(0..=3).contains(&q) {
                return Err(vm.type_error("bad \"quoting\" value"));
            }
            q
        }
        None => QUOTE_MINIMAL,
    };
    let delimiter = match get(0) {
        Some(v) => char_attr(vm, "delimiter", &v, false)?.unwrap_or(u32::from(b',')),
        None => u32::from(b','),
    };
    let quotechar = match get(4) {
        Some(v) => char_attr(vm, "quotechar", &v, true)?,
        None => Some(u32::from(b'"')),
    };
    let escapechar = match get(2) {
        Some(v) => char_attr(vm, "escapechar", &v, true)?,
        None => None,
    };
    let lineterminator = match get(3) {
        Some(v) => match as_pystr(&v) {
            Some(s) => s.code_points(),
            None => return Err(vm.type_error("\"lineterminator\" must be a string")),
        },
        None => vec![13, 10],
    };
    let flag = |vm: &mut Vm, v: Option<Value>, default: bool| -> PyResult<bool> {
        match v {
            Some(v) => vm.is_true(&v),
            None => Ok(default),
        }
    };
    let doublequote = flag(vm, get(1), true)?;
    let skipinitialspace = flag(vm, get(6), false)?;
    let strict = flag(vm, get(7), false)?;
    if quotechar.is_none() && quoting != QUOTE_NONE {
        return Err(vm.type_error("quotechar must be set if quoting enabled"));
    }
    // (3.12's checks of an empty lineterminator and of escapechar == delimiter are not 3.11's.)
    let d = Dialect {
        delimiter,
        quotechar,
        escapechar,
        doublequote,
        skipinitialspace,
        lineterminator,
        quoting,
        strict,
    };
    let Some(t) = vm.mods.ext_types.get("_csv.Dialect").cloned() else {
        return Err(vm.runtime_error("_csv is not initialised"));
    };
    let obj = Value::Obj(vm.new_object(&t, Payload::Native(Box::new(d.clone()))));
    Ok((d, obj, false))
}

fn kwargs_of(vm: &mut Vm, args: &Args<'_>) -> Vec<(String, Value)> {
    args.kwargs()
        .map(|(k, v)| (vm.str_text(k), v.clone()))
        .collect()
}

fn dialect_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = krait_vm::native::new_cls(vm, &args, "Dialect")?;
    let pos = &args.pos()[1..];
    let kw = kwargs_of(vm, &args);
    let base = pos.first().cloned().unwrap_or(Value::None);
    let (d, obj, reused) = make_dialect(vm, &base, &kw)?;
    // A Dialect given alone is returned as it is (`dialect_new`'s "can we reuse this instance").
    if reused {
        return Ok(obj);
    }
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Native(Box::new(d))),
    ))
}

fn dia<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Dialect> {
    match native_ref::<Dialect>(v) {
        Some(d) => Ok(d),
        None => Err(vm.type_error("a _csv.Dialect is required")),
    }
}

fn ch(vm: &mut Vm, c: Option<u32>) -> Value {
    match c.and_then(char::from_u32) {
        Some(c) => vm.new_string(c.to_string()),
        None => Value::None,
    }
}

fn d_delimiter(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let c = dia(vm, this)?.delimiter;
    Ok(ch(vm, Some(c)))
}

fn d_quotechar(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let c = dia(vm, this)?.quotechar;
    Ok(ch(vm, c))
}

fn d_escapechar(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let c = dia(vm, this)?.escapechar;
    Ok(ch(vm, c))
}

fn d_doublequote(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::bool(dia(vm, this)?.doublequote))
}

fn d_skipinitialspace(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::bool(dia(vm, this)?.skipinitialspace))
}

fn d_lineterminator(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let lt = dia(vm, this)?.lineterminator.clone();
    Ok(vm.new_pystr(krait_vm::objects::str::PyStr::from_code_points(lt)))
}

fn d_quoting(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(dia(vm, this)?.quoting))
}

fn d_strict(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::bool(dia(vm, this)?.strict))
}

fn register_dialect(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    if pos.is_empty() || pos.len() > 2 {
        return Err(vm.type_error("register_dialect() expected at most 2 arguments"));
    }
    if as_pystr(&pos[0]).is_none() {
        return Err(vm.type_error("dialect name must be a string"));
    }
    let kw = kwargs_of(vm, &args);
    let base = pos.get(1).cloned().unwrap_or(Value::None);
    let (_, obj, _) = make_dialect(vm, &base, &kw)?;
    let reg = registry(vm)?;
    vm.dict_set(&reg, pos[0].clone(), obj)?;
    Ok(Value::None)
}

fn unregister_dialect(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "unregister_dialect", 1, 1)?;
    let reg = registry(vm)?;
    if vm.dict_del(&reg, &a[0])?.is_none() {
        return Err(csv_error(vm, "unknown dialect"));
    }
    Ok(Value::None)
}

fn get_dialect(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "get_dialect", 1, 1)?;
    let reg = registry(vm)?;
    match vm.dict_get(&reg, &a[0])? {
        Some(d) => Ok(d),
        None => Err(csv_error(vm, "unknown dialect")),
    }
}

fn list_dialects(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "list_dialects", 0, 0)?;
    let reg = registry(vm)?;
    let keys: Vec<Value> = vm
        .dict_items(&Value::Obj(reg))?
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    Ok(vm.new_list(keys))
}

fn field_size_limit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "field_size_limit", &["new_limit"], 0)?;
    let old = vm
        .mods
        .ext_ints
        .get("_csv.limit")
        .copied()
        .unwrap_or(131_072);
    if !a[0].is_null() {
        if krait_vm::objects::number::int_ref(&a[0]).is_none() {
            return Err(vm.type_error("limit must be an integer"));
        }
        let n = vm.index_to_i64(&a[0])?;
        vm.mods.ext_ints.insert("_csv.limit", n);
    }
    Ok(Value::Int(old))
}

// ----- reader -----

/// `PyArg_UnpackTuple(args, "", 1, 2, ...)` of `reader()` and `writer()`.
fn unpack_count(vm: &mut Vm, n: usize) -> PyResult<()> {
    if n == 0 {
        return Err(vm.type_error(" expected at least 1 argument, got 0"));
    }
    if n > 2 {
        return Err(vm.type_error(format!(" expected at most 2 arguments, got {n}")));
    }
    Ok(())
}

fn csv_reader(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    unpack_count(vm, pos.len())?;
    let input = vm.iter(&pos[0])?;
    let kw = kwargs_of(vm, &args);
    let base = pos.get(1).cloned().unwrap_or(Value::None);
    let (d, dobj, _) = make_dialect(vm, &base, &kw)?;
    let r = Reader {
        input,
        dialect: dobj,
        d,
        state: Cell::new(St::StartRecord),
        fields: RefCell::new(Vec::new()),
        field: RefCell::new(Vec::new()),
        numeric: Cell::new(false),
        line_num: Cell::new(0),
    };
    let Some(t) = vm.mods.ext_types.get("_csv.reader").cloned() else {
        return Err(vm.runtime_error("_csv is not initialised"));
    };
    Ok(Value::Obj(vm.new_object(&t, Payload::Native(Box::new(r)))))
}

fn rdr<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Reader> {
    match native_ref::<Reader>(v) {
        Some(r) => Ok(r),
        None => Err(vm.type_error("a _csv.reader is required")),
    }
}

fn reader_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__iter__", 0, 0)?;
    Ok(this.clone())
}

fn reader_line_num(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(rdr(vm, this)?.line_num.get()))
}

fn reader_dialect(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(rdr(vm, this)?.dialect.clone())
}

fn save_field(vm: &mut Vm, r: &Reader) -> PyResult<()> {
    let cps = std::mem::take(&mut *r.field.borrow_mut());
    let s = vm.new_pystr(krait_vm::objects::str::PyStr::from_code_points(cps));
    let v = if r.numeric.get() {
        r.numeric.set(false);
        let float = Value::Obj(vm.types.float.clone());
        vm.call_pos(&float, &[s])?
    } else {
        s
    };
    r.fields.borrow_mut().push(v);
    Ok(())
}

fn add_char(vm: &mut Vm, r: &Reader, c: u32) -> PyResult<()> {
    let limit = vm
        .mods
        .ext_ints
        .get("_csv.limit")
        .copied()
        .unwrap_or(131_072);
    if r.field.borrow().len() as i64 >= limit {
        return Err(csv_error(
            vm,
            format!("field larger than field limit ({limit})"),
        ));
    }
    r.field.borrow_mut().push(c);
    Ok(())
}

/// `None` stands for the end of a line.
fn process(vm: &mut Vm, r: &Reader, c: Option<u32>) -> PyResult<()> {
    let d = &r.d;
    let is_nl = |c: Option<u32>| matches!(c, Some(10) | Some(13));
    let eol = c.is_none();
    let mut state = r.state.get();
    if state == St::StartRecord {
        if eol {
            return Ok(());
        }
        if is_nl(c) {
            r.state.set(St::EatCrnl);
            return Ok(());
        }
        state = St::StartField;
    }
    if state == St::AfterEscapedCrnl {
        if eol {
            return Ok(());
        }
        state = St::InField;
    }
    let next = match state {
        St::StartField => {
            if is_nl(c) || eol {
                save_field(vm, r)?;
                if eol { St::StartRecord } else { St::EatCrnl }
            } else if c == d.quotechar && d.quoting != QUOTE_NONE {
                St::InQuotedField
            } else if c.is_some() && c == d.escapechar {
                St::EscapedChar
            } else if c == Some(32) && d.skipinitialspace {
                St::StartField
            } else if c == Some(d.delimiter) {
                save_field(vm, r)?;
                St::StartField
            } else {
                if d.quoting == QUOTE_NONNUMERIC {
                    r.numeric.set(true);
                }
                add_char(vm, r, c.unwrap_or(0))?;
                St::InField
            }
        }
        St::EscapedChar => {
            if is_nl(c) {
                add_char(vm, r, c.unwrap_or(10))?;
                St::AfterEscapedCrnl
            } else {
                add_char(vm, r, c.unwrap_or(10))?;
                St::InField
            }
        }
        St::InField => {
            if is_nl(c) || eol {
                save_field(vm, r)?;
                if eol { St::StartRecord } else { St::EatCrnl }
            } else if c.is_some() && c == d.escapechar {
                St::EscapedChar
            } else if c == Some(d.delimiter) {
                save_field(vm, r)?;
                St::StartField
            } else {
                add_char(vm, r, c.unwrap_or(0))?;
                St::InField
            }
        }
        St::InQuotedField => {
            if eol {
                St::InQuotedField
            } else if c.is_some() && c == d.escapechar {
                St::EscapeInQuotedField
            } else if c == d.quotechar && d.quoting != QUOTE_NONE {
                if d.doublequote {
                    St::QuoteInQuotedField
                } else {
                    St::InField
                }
            } else {
                add_char(vm, r, c.unwrap_or(0))?;
                St::InQuotedField
            }
        }
        St::EscapeInQuotedField => {
            add_char(vm, r, c.unwrap_or(10))?;
            St::InQuotedField
        }
        St::QuoteInQuotedField => {
            if d.quoting != QUOTE_NONE && c == d.quotechar {
                add_char(vm, r, c.unwrap_or(0))?;
                St::InQuotedField
            } else if c == Some(d.delimiter) {
                save_field(vm, r)?;
                St::StartField
            } else if is_nl(c) || eol {
                save_field(vm, r)?;
                if eol { St::StartRecord } else { St::EatCrnl }
            } else if !d.strict {
                add_char(vm, r, c.unwrap_or(0))?;
                St::InField
            } else {
                let dl = char::from_u32(d.delimiter).unwrap_or(',');
                let q = d.quotechar.and_then(char::from_u32).unwrap_or('"');
                return Err(csv_error(vm, format!("'{dl}' expected after '{q}'")));
            }
        }
        St::EatCrnl => {
            if is_nl(c) {
                St::EatCrnl
            } else if eol {
                St::StartRecord
            } else {
                return Err(csv_error(
                    vm,
                    "new-line character seen in unquoted field - do you need to open the file with newline=''?",
                ));
            }
        }
        St::StartRecord | St::AfterEscapedCrnl => St::StartRecord,
    };
    r.state.set(next);
    Ok(())
}

fn reader_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__next__", 0, 0)?;
    let r = rdr(vm, this)?;
    r.fields.borrow_mut().clear();
    loop {
        let Some(line) = vm.next(&r.input)? else {
            let pending = !r.field.borrow().is_empty() || r.state.get() == St::InQuotedField;
            if pending {
                if r.d.strict {
                    return Err(csv_error(vm, "unexpected end of data"));
                }
                save_field(vm, r)?;
                r.state.set(St::StartRecord);
                break;
            }
            return Err(vm.stop_iteration(None));
        };
        r.line_num.set(r.line_num.get() + 1);
        let Some(s) = as_pystr(&line) else {
            let tn = vm.type_name(&line);
            return Err(csv_error(
                vm,
                format!(
                    "iterator should return strings, not {tn} (the file should be opened in text mode)"
                ),
            ));
        };
        // Since 3.11 a NUL is an ordinary character (the end of a line is `None`).
        for c in s.code_points() {
            process(vm, r, Some(c))?;
        }
        process(vm, r, None)?;
        if r.state.get() == St::StartRecord {
            break;
        }
    }
    let fields = std::mem::take(&mut *r.fields.borrow_mut());
    Ok(vm.new_list(fields))
}

// ----- writer -----

fn csv_writer(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    unpack_count(vm, pos.len())?;
    let k = vm.intern("write");
    let Some(write) = vm.getattr_opt(&pos[0], &k)? else {
        return Err(vm.type_error("argument 1 must have a \"write\" method"));
    };
    let kw = kwargs_of(vm, &args);
    let base = pos.get(1).cloned().unwrap_or(Value::None);
    let (d, dobj, _) = make_dialect(vm, &base, &kw)?;
    let w = Writer {
        write,
        dialect: dobj,
        d,
    };
    let Some(t) = vm.mods.ext_types.get("_csv.writer").cloned() else {
        return Err(vm.runtime_error("_csv is not initialised"));
    };
    Ok(Value::Obj(vm.new_object(&t, Payload::Native(Box::new(w)))))
}

fn wrt<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Writer> {
    match native_ref::<Writer>(v) {
        Some(w) => Ok(w),
        None => Err(vm.type_error("a _csv.writer is required")),
    }
}

fn writer_dialect(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(wrt(vm, this)?.dialect.clone())
}

/// `join_append_data`: one field onto the record, quoting or escaping as the dialect says.
fn append_field(
    vm: &mut Vm,
    d: &Dialect,
    rec: &mut Vec<u32>,
    first: bool,
    field: &[u32],
    mut quoted: bool,
) -> PyResult<()> {
    if !first {
        rec.push(d.delimiter);
    }
    let mut body = Vec::with_capacity(field.len());
    for &c in field {
        let special = c == d.delimiter
            || Some(c) == d.escapechar
            || Some(c) == d.quotechar
            || d.lineterminator.contains(&c);
        if special {
            let mut want_escape = false;
            if d.quoting == QUOTE_NONE {
                want_escape = true;
            } else {
                if Some(c) == d.quotechar {
                    if d.doublequote {
                        if let Some(q) = d.quotechar {
                            body.push(q);
                        }
                    } else {
                        want_escape = true;
                    }
                } else if Some(c) == d.escapechar {
                    want_escape = true;
                }
                if !want_escape {
                    quoted = true;
                }
            }
            if want_escape {
                let Some(e) = d.escapechar else {
                    return Err(csv_error(vm, "need to escape, but no escapechar set"));
                };
                body.push(e);
            }
        }
        body.push(c);
    }
    let q = d.quotechar.unwrap_or(u32::from(b'"'));
    if quoted {
        rec.push(q);
    }
    rec.extend(body);
    if quoted {
        rec.push(q);
    }
    Ok(())
}

fn write_row(vm: &mut Vm, w: &Writer, row: &Value) -> PyResult<Value> {
    let d = w.d.clone();
    let it = match vm.iter(row) {
        Ok(it) => it,
        Err(e) if vm.err_matches(&e, &vm.types.type_error.clone()) => {
            let tn = vm.type_name(row);
            return Err(csv_error(vm, format!("iterable expected, not {tn}")));
        }
        Err(e) => return Err(e),
    };
    let mut rec: Vec<u32> = Vec::new();
    let mut nfields = 0usize;
    while let Some(field) = vm.next(&it)? {
        let quoted = match d.quoting {
            QUOTE_NONNUMERIC => {
                !(matches!(field, Value::Int(_) | Value::Float(_) | Value::Bool(_))
                    || krait_vm::objects::number::int_ref(&field).is_some()
                    || krait_vm::objects::number::float_ref(&field).is_some())
            }
            QUOTE_ALL => true,
            _ => false,
        };
        let text: Vec<u32> = if field.is_none() {
            Vec::new()
        } else if let Some(s) = as_pystr(&field) {
            s.code_points()
        } else {
            let s = vm.str(&field)?;
            as_pystr(&s).map(|p| p.code_points()).unwrap_or_default()
        };
        append_field(vm, &d, &mut rec, nfields == 0, &text, quoted)?;
        nfields += 1;
    }
    if nfields == 1 && rec.is_empty() {
        if d.quoting == QUOTE_NONE {
            return Err(csv_error(vm, "single empty field record must be quoted"));
        }
        let q = d.quotechar.unwrap_or(u32::from(b'"'));
        rec.push(q);
        rec.push(q);
    }
    rec.extend(&d.lineterminator);
    let line = vm.new_pystr(krait_vm::objects::str::PyStr::from_code_points(rec));
    vm.call_pos(&w.write, &[line])
}

fn writer_writerow(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "writerow", 1, 1)?;
    let w = wrt(vm, this)?;
    write_row(vm, w, &rest[0])
}

fn writer_writerows(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "writerows", 1, 1)?;
    let w = wrt(vm, this)?;
    let it = vm.iter(&rest[0])?;
    while let Some(row) = vm.next(&it)? {
        write_row(vm, w, &row)?;
    }
    Ok(Value::None)
}
