//! `_string`: the format-string parser behind `string.Formatter` (CPython:
//! `Objects/stringlib/unicode_format.h`: `formatteriter_next`, `formatter_field_name_split`).
//! The parsing is `str.format`'s own (`strformat::parse_field`); results are built eagerly and
//! handed out through a list iterator.

use crate::native::{as_pystr, pos_args};
use crate::object::ObjRef;
use crate::objects::function::Args;
use crate::objects::str::PyStr;
use crate::objects::strformat::parse_field;
use crate::value::Value;
use crate::{PyResult, Vm};

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("formatter_parser", formatter_parser),
            ("formatter_field_name_split", formatter_field_name_split),
        ],
    );
    Ok(())
}

fn str_arg(vm: &mut Vm, v: &Value, fname: &str) -> PyResult<Vec<u32>> {
    match as_pystr(v) {
        Some(s) => Ok(s.code_points()),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("{fname}() argument must be str, not {tn}")))
        }
    }
}

fn text(vm: &Vm, cps: &[u32]) -> Value {
    vm.new_pystr(PyStr::from_code_points(cps.iter().copied()))
}

/// `formatter_parser(s)`: `(literal, field_name, format_spec, conversion)` for each piece.
fn formatter_parser(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "formatter_parser", 1, 1)?;
    let cps = str_arg(vm, &a[0], "formatter_parser")?;
    let (lb, rb) = (u32::from(b'{'), u32::from(b'}'));
    let n = cps.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        // The literal text up to the next field; a doubled brace ends it after one brace.
        let start = i;
        let lit_end;
        let mut field = false;
        loop {
            if i >= n {
                lit_end = i;
                break;
            }
            let c = cps[i];
            if c == lb || c == rb {
                if i + 1 < n && cps[i + 1] == c {
                    lit_end = i + 1;
                    i += 2;
                    break;
                }
                if c == rb {
                    return Err(vm.value_error("Single '}' encountered in format string"));
                }
                if i + 1 >= n {
                    return Err(vm.value_error("Single '{' encountered in format string"));
                }
                lit_end = i;
                field = true;
                i += 1;
                break;
            }
            i += 1;
        }
        let literal = text(vm, &cps[start..lit_end]);
        if !field {
            out.push(vm.new_tuple(vec![literal, Value::None, Value::None, Value::None]));
            continue;
        }
        let (name, conv, spec, _expand, next) = parse_field(vm, &cps, i)?;
        i = next;
        let name_v = text(vm, name);
        let spec_v = text(vm, spec);
        let conv_v = match conv {
            Some(c) => text(vm, &[c]),
            None => Value::None,
        };
        out.push(vm.new_tuple(vec![literal, name_v, spec_v, conv_v]));
    }
    let list = vm.new_list(out);
    vm.iter(&list)
}

fn index_or_text(vm: &Vm, cps: &[u32]) -> Value {
    if !cps.is_empty() && cps.iter().all(|c| (0x30..=0x39).contains(c)) {
        let s: String = cps.iter().filter_map(|c| char::from_u32(*c)).collect();
        if let Ok(n) = s.parse::<i64>() {
            return Value::Int(n);
        }
    }
    text(vm, cps)
}

/// `formatter_field_name_split(name)`: `(first, iterator of (is_attribute, key))`.
fn formatter_field_name_split(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "formatter_field_name_split", 1, 1)?;
    let cps = str_arg(vm, &a[0], "formatter_field_name_split")?;
    let (dot, lsq, rsq) = (u32::from(b'.'), u32::from(b'['), u32::from(b']'));
    let first_end = cps
        .iter()
        .position(|c| *c == dot || *c == lsq)
        .unwrap_or(cps.len());
    let first = index_or_text(vm, &cps[..first_end]);
    let mut rest = Vec::new();
    let mut i = first_end;
    while i < cps.len() {
        let c = cps[i];
        i += 1;
        if c == dot {
            let start = i;
            while i < cps.len() && cps[i] != dot && cps[i] != lsq {
                i += 1;
            }
            if i == start {
                return Err(vm.value_error("Empty attribute in format string"));
            }
            let key = text(vm, &cps[start..i]);
            rest.push(vm.new_pair(Value::bool(true), key));
        } else if c == lsq {
            let start = i;
            while i < cps.len() && cps[i] != rsq {
                i += 1;
            }
            if i >= cps.len() {
                return Err(vm.value_error("Missing ']' in format string"));
            }
            if i == start {
                return Err(vm.value_error("Empty attribute in format string"));
            }
            let key = index_or_text(vm, &cps[start..i]);
            i += 1;
            if i < cps.len() && cps[i] != dot && cps[i] != lsq {
                return Err(
                    vm.value_error("Only '.' or '[' may follow ']' in format field specifier")
                );
            }
            rest.push(vm.new_pair(Value::bool(false), key));
        } else {
            return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
        }
    }
    let list = vm.new_list(rest);
    let it = vm.iter(&list)?;
    Ok(vm.new_pair(first, it))
}
