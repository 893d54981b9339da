//! `unicodedata` (CPython: `Modules/unicodedata.c`): the Unicode 14.0 database of CPython 3.11
//! from `krait_common::unicode`, and `ucd_3_2_0` (the 3.2.0 data IDNA uses) as a `UCD`
//! object with the same methods. Names come from `unicode_names2`; a code point unassigned in
//! the database's version has no name, whatever newer Unicode says.

use krait_common::unicode::{self, NormalForm, ucd_3_2_0};
use krait_vm::native::{as_pystr, native_ref, pos_args};
use krait_vm::object::{ObjRef, Payload};
use krait_vm::objects::function::{Args, MethodDef, MethodKind, NativeFn};
use krait_vm::objects::str::PyStr;
use krait_vm::value::Value;
use krait_vm::{PyResult, Vm};

/// Which database a call reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Db {
    Current,
    V320,
}

struct Ucd(Db);

pub(crate) fn register(vm: &mut Vm) {
    vm.builtin_modules.push(("unicodedata", init));
}

/// The functions, each also a method of `UCD`.
const FUNCS: &[(&str, NativeFn, NativeFn)] = &[
    ("lookup", m_lookup, u_lookup),
    ("name", m_name, u_name),
    ("decimal", m_decimal, u_decimal),
    ("digit", m_digit, u_digit),
    ("numeric", m_numeric, u_numeric),
    ("category", m_category, u_category),
    ("bidirectional", m_bidirectional, u_bidirectional),
    ("combining", m_combining, u_combining),
    ("east_asian_width", m_east_asian_width, u_east_asian_width),
    ("mirrored", m_mirrored, u_mirrored),
    ("decomposition", m_decomposition, u_decomposition),
    ("normalize", m_normalize, u_normalize),
    ("is_normalized", m_is_normalized, u_is_normalized),
];

fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let ucd = krait_vm::modules::new_type(vm, "unicodedata", "UCD", false);
    let defs: Vec<MethodDef> = FUNCS
        .iter()
        .map(|(n, _, u)| MethodDef {
            name: n,
            func: *u,
            kind: MethodKind::Instance,
            doc: "",
        })
        .collect();
    vm.add_methods(&ucd, &defs);
    vm.add_getset(&ucd, "unidata_version", ucd_version, None);
    let funcs: Vec<(&'static str, NativeFn)> = FUNCS.iter().map(|(n, f, _)| (*n, *f)).collect();
    vm.add_functions(m, &funcs);
    let v = vm.new_str("14.0.0");
    krait_vm::modules::set_attr(vm, m, "unidata_version", v);
    let old = Value::Obj(vm.new_object(&ucd, Payload::Native(Box::new(Ucd(Db::V320)))));
    krait_vm::modules::set_attr(vm, m, "ucd_3_2_0", old);
    krait_vm::modules::set_attr(vm, m, "UCD", Value::Obj(ucd));
    Ok(())
}

fn ucd_version(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let db = native_ref::<Ucd>(this).map_or(Db::Current, |u| u.0);
    Ok(vm.new_str(if db == Db::V320 { "3.2.0" } else { "14.0.0" }))
}

/// The code point of a one-character str argument.
fn chr_arg(vm: &mut Vm, v: &Value, fname: &str) -> PyResult<u32> {
    match as_pystr(v) {
        Some(s) if s.len() == 1 => Ok(s.code_points()[0]),
        Some(_) => Err(vm.type_error(format!(
            "{fname}() argument must be a unicode character, not str"
        ))),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!(
                "{fname}() argument must be a unicode character, not {tn}"
            )))
        }
    }
}

fn category(db: Db, c: u32) -> &'static str {
    match db {
        Db::Current => unicode::category(c),
        Db::V320 => ucd_3_2_0::category(c),
    }
}

/// Dispatch a call made as a module function (`Current`) or a `UCD` method.
fn split<'a>(vm: &mut Vm, args: &Args<'a>, method: bool) -> PyResult<(Db, &'a [Value])> {
    if method {
        let (this, rest) = (args.values.first(), args.values.get(1..).unwrap_or(&[]));
        let db = this
            .and_then(native_ref::<Ucd>)
            .map_or(Db::Current, |u| u.0);
        let _ = vm;
        Ok((db, rest))
    } else {
        Ok((Db::Current, args.values))
    }
}

fn lookup(vm: &mut Vm, args: Args<'_>, method: bool) -> PyResult<Value> {
    let (db, a) = split(vm, &args, method)?;
    let a = pos_args(vm, &Args::positional(a), "lookup", 1, 1)?;
    let name = match as_pystr(&a[0]) {
        Some(s) => s.as_str().into_owned(),
        None => match krait_vm::objects::bytes::bytes_of(&a[0]) {
            Some(b) => String::from_utf8_lossy(&b).into_owned(),
            None => {
                let tn = vm.type_name(&a[0]);
                return Err(vm.type_error(format!("lookup() argument must be str, not {tn}")));
            }
        },
    };
    match unicode_names2::character(&name) {
        Some(ch) if category(db, u32::from(ch)) != "Cn" => Ok(vm.new_string(ch.to_string())),
        _ => {
            let t = vm.types.key_error.clone();
            let msg = vm.new_string(format!("undefined character name '{name}'"));
            Err(vm.new_exception(&t, vec![msg]))
        }
    }
}

fn name(vm: &mut Vm, args: Args<'_>, method: bool) -> PyResult<Value> {
    let (db, a) = split(vm, &args, method)?;
    let a = pos_args(vm, &Args::positional(a), "name", 1, 2)?;
    let c = chr_arg(vm, &a[0], "name")?;
    let found = char::from_u32(c)
        .filter(|_| category(db, c) != "Cn")
        .and_then(unicode_names2::name)
        .map(|n| n.to_string());
    match (found, a.get(1)) {
        (Some(n), _) => Ok(vm.new_string(n)),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Err(vm.value_error("no such name")),
    }
}

fn number(vm: &mut Vm, args: Args<'_>, method: bool, fname: &str) -> PyResult<Value> {
    let (db, a) = split(vm, &args, method)?;
    let a = pos_args(vm, &Args::positional(a), fname, 1, 2)?;
    let c = chr_arg(vm, &a[0], fname)?;
    let v = match (fname, db) {
        ("decimal", Db::Current) => unicode::decimal(c).map(|d| Value::Int(i64::from(d))),
        ("decimal", Db::V320) => ucd_3_2_0::decimal(c).map(|d| Value::Int(i64::from(d))),
        ("digit", Db::Current) => unicode::digit(c).map(|d| Value::Int(i64::from(d))),
        ("digit", Db::V320) => ucd_3_2_0::digit(c).map(|d| Value::Int(i64::from(d))),
        (_, Db::Current) => unicode::numeric(c).map(Value::float),
        (_, Db::V320) => ucd_3_2_0::numeric(c).map(Value::float),
    };
    match (v, a.get(1)) {
        (Some(v), _) => Ok(v),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Err(vm.value_error(match fname {
            "decimal" => "not a decimal",
            "digit" => "not a digit",
            _ => "not a numeric character",
        })),
    }
}

fn property(vm: &mut Vm, args: Args<'_>, method: bool, fname: &str) -> PyResult<Value> {
    let (db, a) = split(vm, &args, method)?;
    let a = pos_args(vm, &Args::positional(a), fname, 1, 1)?;
    let c = chr_arg(vm, &a[0], fname)?;
    let v3 = db == Db::V320;
    Ok(match fname {
        "category" => vm.new_str(category(db, c)),
        "bidirectional" => vm.new_str(if v3 {
            ucd_3_2_0::bidirectional(c)
        } else {
            unicode::bidirectional(c)
        }),
        "combining" => Value::Int(i64::from(if v3 {
            ucd_3_2_0::combining(c)
        } else {
            unicode::combining(c)
        })),
        "east_asian_width" => vm.new_str(if v3 {
            ucd_3_2_0::east_asian_width(c)
        } else {
            unicode::east_asian_width(c)
        }),
        "mirrored" => Value::Int(i64::from(if v3 {
            ucd_3_2_0::mirrored(c)
        } else {
            unicode::mirrored(c)
        })),
        _ => vm.new_str(if v3 {
            ucd_3_2_0::decomposition(c)
        } else {
            unicode::decomposition(c)
        }),
    })
}

fn form_and_text(vm: &mut Vm, a: &[Value], fname: &str) -> PyResult<(NormalForm, Vec<u32>)> {
    let form = match as_pystr(&a[0]) {
        Some(s) => s.as_str().into_owned(),
        None => {
            let tn = vm.type_name(&a[0]);
            return Err(vm.type_error(format!("{fname}() argument 1 must be str, not {tn}")));
        }
    };
    let Some(form) = NormalForm::from_name(&form) else {
        return Err(vm.value_error("invalid normalization form"));
    };
    let text = match as_pystr(&a[1]) {
        Some(s) => s.code_points(),
        None => {
            let tn = vm.type_name(&a[1]);
            return Err(vm.type_error(format!("{fname}() argument 2 must be str, not {tn}")));
        }
    };
    Ok((form, text))
}

fn normalize(vm: &mut Vm, args: Args<'_>, method: bool) -> PyResult<Value> {
    let (db, a) = split(vm, &args, method)?;
    let a = pos_args(vm, &Args::positional(a), "normalize", 2, 2)?;
    let (form, text) = form_and_text(vm, a, "normalize")?;
    let out = if db == Db::V320 {
        ucd_3_2_0::normalize(form, &text)
    } else {
        unicode::normalize(form, &text)
    };
    Ok(vm.new_pystr(PyStr::from_code_points(out)))
}

fn is_normalized(vm: &mut Vm, args: Args<'_>, method: bool) -> PyResult<Value> {
    let (db, a) = split(vm, &args, method)?;
    let a = pos_args(vm, &Args::positional(a), "is_normalized", 2, 2)?;
    let (form, text) = form_and_text(vm, a, "is_normalized")?;
    Ok(Value::bool(if db == Db::V320 {
        ucd_3_2_0::is_normalized(form, &text)
    } else {
        unicode::is_normalized(form, &text)
    }))
}

macro_rules! entry_points {
    ($($m:ident, $u:ident => $body:expr;)*) => {
        $(
            fn $m(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
                let f: fn(&mut Vm, Args<'_>, bool) -> PyResult<Value> = $body;
                f(vm, args, false)
            }
            fn $u(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
                let f: fn(&mut Vm, Args<'_>, bool) -> PyResult<Value> = $body;
                f(vm, args, true)
            }
        )*
    };
}

entry_points! {
    m_lookup, u_lookup => lookup;
    m_name, u_name => name;
    m_decimal, u_decimal => |vm, a, m| number(vm, a, m, "decimal");
    m_digit, u_digit => |vm, a, m| number(vm, a, m, "digit");
    m_numeric, u_numeric => |vm, a, m| number(vm, a, m, "numeric");
    m_category, u_category => |vm, a, m| property(vm, a, m, "category");
    m_bidirectional, u_bidirectional => |vm, a, m| property(vm, a, m, "bidirectional");
    m_combining, u_combining => |vm, a, m| property(vm, a, m, "combining");
    m_east_asian_width, u_east_asian_width => |vm, a, m| property(vm, a, m, "east_asian_width");
    m_mirrored, u_mirrored => |vm, a, m| property(vm, a, m, "mirrored");
    m_decomposition, u_decomposition => |vm, a, m| property(vm, a, m, "decomposition");
    m_normalize, u_normalize => normalize;
    m_is_normalized, u_is_normalized => is_normalized;
}
