//! `_locale` (CPython: `Modules/_localemodule.c`): the C library's locale through the `Host`.
//! The sandbox host is always in the "C" locale (see `Host::setlocale`).

use crate::object::ObjRef;
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

const LC: &[(&str, i64)] = &[
    ("LC_CTYPE", 0),
    ("LC_NUMERIC", 1),
    ("LC_TIME", 2),
    ("LC_COLLATE", 3),
    ("LC_MONETARY", 4),
    ("LC_MESSAGES", 5),
    ("LC_ALL", 6),
];

/// The `nl_langinfo` keys CPython exposes (glibc's numbers), with the "C" locale's answer
/// (its CODESET is UTF-8, as CPython's C-locale coercion makes it).
const LANGINFO: &[(&str, i32, &str)] = &[
    ("CODESET", 14, "UTF-8"),
    ("D_T_FMT", 131112, "%a %b %e %H:%M:%S %Y"),
    ("D_FMT", 131113, "%m/%d/%y"),
    ("T_FMT", 131114, "%H:%M:%S"),
    ("T_FMT_AMPM", 131115, "%I:%M:%S %p"),
    ("AM_STR", 131110, "AM"),
    ("PM_STR", 131111, "PM"),
    ("DAY_1", 131079, "Sunday"),
    ("DAY_2", 131080, "Monday"),
    ("DAY_3", 131081, "Tuesday"),
    ("DAY_4", 131082, "Wednesday"),
    ("DAY_5", 131083, "Thursday"),
    ("DAY_6", 131084, "Friday"),
    ("DAY_7", 131085, "Saturday"),
    ("ABDAY_1", 131072, "Sun"),
    ("ABDAY_2", 131073, "Mon"),
    ("ABDAY_3", 131074, "Tue"),
    ("ABDAY_4", 131075, "Wed"),
    ("ABDAY_5", 131076, "Thu"),
    ("ABDAY_6", 131077, "Fri"),
    ("ABDAY_7", 131078, "Sat"),
    ("MON_1", 131098, "January"),
    ("MON_2", 131099, "February"),
    ("MON_3", 131100, "March"),
    ("MON_4", 131101, "April"),
    ("MON_5", 131102, "May"),
    ("MON_6", 131103, "June"),
    ("MON_7", 131104, "July"),
    ("MON_8", 131105, "August"),
    ("MON_9", 131106, "September"),
    ("MON_10", 131107, "October"),
    ("MON_11", 131108, "November"),
    ("MON_12", 131109, "December"),
    ("ABMON_1", 131086, "Jan"),
    ("ABMON_2", 131087, "Feb"),
    ("ABMON_3", 131088, "Mar"),
    ("ABMON_4", 131089, "Apr"),
    ("ABMON_5", 131090, "May"),
    ("ABMON_6", 131091, "Jun"),
    ("ABMON_7", 131092, "Jul"),
    ("ABMON_8", 131093, "Aug"),
    ("ABMON_9", 131094, "Sep"),
    ("ABMON_10", 131095, "Oct"),
    ("ABMON_11", 131096, "Nov"),
    ("ABMON_12", 131097, "Dec"),
    ("RADIXCHAR", 65536, "."),
    ("THOUSEP", 65537, ""),
    ("YESEXPR", 327680, "^[yY]"),
    ("NOEXPR", 327681, "^[nN]"),
    ("CRNCYSTR", 262159, "-"),
    ("ERA", 131116, ""),
    ("ERA_D_FMT", 131118, ""),
    ("ERA_D_T_FMT", 131120, ""),
    ("ERA_T_FMT", 131121, ""),
    ("ALT_DIGITS", 131119, ""),
    ("_DATE_FMT", 131180, "%a %b %e %H:%M:%S %Z %Y"),
];

/// The "C" locale's `nl_langinfo(item)` (the sandbox's answer).
pub(crate) fn c_langinfo(item: i32) -> &'static str {
    LANGINFO
        .iter()
        .find(|(_, n, _)| *n == item)
        .map_or("", |(_, _, v)| v)
}

fn locale_error(vm: &mut Vm, msg: &str) -> PyErr {
    let cls = vm
        .sys_module("_locale")
        .and_then(|m| vm.getattr_str(&m, "Error").ok());
    let Some(cls) = cls else {
        return vm.runtime_error(msg.to_string());
    };
    let m = vm.new_str(msg);
    match vm.call_pos(&cls, &[m]) {
        Ok(Value::Obj(o)) => PyErr(o),
        Ok(_) => vm.runtime_error(msg.to_string()),
        Err(e) => e,
    }
}

/// A str argument without NULs, as the code points the C library's wide calls take.
fn wide_arg(vm: &mut Vm, v: &Value, fname: &str, pos: usize) -> PyResult<Vec<u32>> {
    let Some(s) = crate::native::as_pystr(v) else {
        let t = vm.type_name(v);
        return Err(vm.type_error(format!("{fname}() argument {pos} must be str, not {t}")));
    };
    let cps: Vec<u32> = s.as_str().chars().map(u32::from).collect();
    if cps.contains(&0) {
        return Err(vm.value_error("embedded null character".to_string()));
    }
    Ok(cps)
}

fn text(vm: &mut Vm, b: &[u8]) -> Value {
    vm.new_str(&String::from_utf8_lossy(b))
}

fn locale_setlocale(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "setlocale", 1, 2)?;
    let category = vm.index_to_i64(&a[0])?;
    let category = i32::try_from(category)
        .map_err(|_| vm.overflow_error("signed integer is greater than maximum".to_string()))?;
    let wanted = match a.get(1) {
        None | Some(Value::None) => None,
        Some(v) => {
            let Some(s) = crate::native::as_pystr(v) else {
                let t = vm.type_name(v);
                return Err(vm.type_error(format!(
                    "setlocale() argument 2 must be str or None, not {t}"
                )));
            };
            let s = s.as_str().into_owned();
            if s.contains('\0') {
                return Err(vm.value_error("embedded null character".to_string()));
            }
            Some(s)
        }
    };
    let got = vm
        .host
        .setlocale(category, wanted.as_deref().map(str::as_bytes));
    match got {
        Some(name) => Ok(text(vm, &name)),
        None if wanted.is_none() => Err(locale_error(vm, "locale query failed")),
        None => Err(locale_error(vm, "unsupported locale setting")),
    }
}

/// `grouping` as CPython lists it: the sizes up to and including the 0 or CHAR_MAX that ends
/// them; an empty string gives an empty list.
fn grouping(g: &[u8]) -> Vec<Value> {
    let mut out = Vec::new();
    if g.is_empty() {
        return out;
    }
    for &b in g {
        out.push(Value::Int(i64::from(b as i8)));
        if b == 127 {
            return out;
        }
    }
    out.push(Value::Int(0));
    out
}

fn locale_localeconv(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::pos_args(vm, &args, "localeconv", 0, 0)?;
    let lc = vm.host.localeconv();
    let d = vm.new_dict();
    let [dp, ts, ics, cs, mdp, mts, ps, ns] = &lc.strings;
    let monetary = [
        ("int_curr_symbol", ics),
        ("currency_symbol", cs),
        ("mon_decimal_point", mdp),
        ("mon_thousands_sep", mts),
    ];
    for (k, v) in monetary {
        let v = text(vm, v);
        vm.set_dict_str(&d, k, v);
    }
    let mg = vm.new_list(grouping(&lc.mon_grouping));
    vm.set_dict_str(&d, "mon_grouping", mg);
    for (k, v) in [("positive_sign", ps), ("negative_sign", ns)] {
        let v = text(vm, v);
        vm.set_dict_str(&d, k, v);
    }
    let names = [
        "int_frac_digits",
        "frac_digits",
        "p_cs_precedes",
        "p_sep_by_space",
        "n_cs_precedes",
        "n_sep_by_space",
        "p_sign_posn",
        "n_sign_posn",
    ];
    for (k, n) in names.iter().zip(lc.numbers) {
        vm.set_dict_str(&d, k, Value::Int(i64::from(n)));
    }
    for (k, v) in [("decimal_point", dp), ("thousands_sep", ts)] {
        let v = text(vm, v);
        vm.set_dict_str(&d, k, v);
    }
    let g = vm.new_list(grouping(&lc.grouping));
    vm.set_dict_str(&d, "grouping", g);
    Ok(Value::Obj(d))
}

fn locale_nl_langinfo(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "nl_langinfo", 1, 1)?;
    let key = vm.index_to_i64(&a[0])?;
    if !LANGINFO.iter().any(|(_, n, _)| i64::from(*n) == key) {
        return Err(vm.value_error("unsupported langinfo constant".to_string()));
    }
    let v = vm.host.nl_langinfo(key as i32);
    Ok(text(vm, &v))
}

fn locale_strcoll(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "strcoll", 2, 2)?;
    let x = wide_arg(vm, &a[0], "strcoll", 1)?;
    let y = wide_arg(vm, &a[1], "strcoll", 2)?;
    Ok(Value::Int(i64::from(vm.host.strcoll(&x, &y))))
}

fn locale_strxfrm(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "strxfrm", 1, 1)?;
    let s = wide_arg(vm, &a[0], "strxfrm", 1)?;
    let key: String = vm
        .host
        .strxfrm(&s)
        .into_iter()
        .map(|c| char::from_u32(c).unwrap_or('\u{fffd}'))
        .collect();
    Ok(vm.new_str(&key))
}

fn locale_getencoding(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::pos_args(vm, &args, "getencoding", 0, 0)?;
    let mut v = vm.host.nl_langinfo(14);
    if v.is_empty() {
        v = b"UTF-8".to_vec();
    }
    Ok(text(vm, &v))
}

const PRELUDE: &str = r#"
class Error(Exception):
    pass

Error.__module__ = 'locale'
"#;

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("setlocale", locale_setlocale),
            ("localeconv", locale_localeconv),
            ("nl_langinfo", locale_nl_langinfo),
            ("strcoll", locale_strcoll),
            ("strxfrm", locale_strxfrm),
            ("getencoding", locale_getencoding),
        ],
    );
    for (name, n) in LC {
        super::set_attr(vm, m, name, Value::Int(*n));
    }
    for (name, n, _) in LANGINFO {
        super::set_attr(vm, m, name, Value::Int(i64::from(*n)));
    }
    super::set_attr(vm, m, "CHAR_MAX", Value::Int(127));
    let co = vm.compile_builtin_source(PRELUDE, "<_locale>", "_krait_locale")?;
    let Some(d) = (match &m.payload {
        crate::object::Payload::Module(md) => Some(md.dict.clone()),
        _ => None,
    }) else {
        return Ok(());
    };
    vm.run_code(co, d, None)?;
    Ok(())
}
