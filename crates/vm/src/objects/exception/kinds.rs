//! The attributes, constructors and `__str__` of the exception types that add members to
//! `BaseException` (CPython: `Objects/exceptions.c`: `StopIteration_init`, `SystemExit_init`,
//! `ImportError_init`/`_str`, `NameError_init`, `AttributeError_init`, `OSError_new`/`_str`,
//! `SyntaxError_init`/`_str`, `KeyError_str`).
//!
//! Members live in [`ExceptionData::fields`]. Exceptions the VM makes itself never run
//! `__init__`, so a getter falls back to what `__init__` would have derived from `args`.

use super::{ExceptionData, exc_data};
use crate::native::method_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

/// The `args` tuple's items.
fn args_of(d: &ExceptionData) -> Vec<Value> {
    match d.args.borrow().payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    }
}

/// A getter/setter pair for a member, with the fallback computed from `args`.
macro_rules! member {
    ($get:ident, $set:ident, $name:literal, $fallback:expr) => {
        fn $get(vm: &mut Vm, this: &Value) -> PyResult<Value> {
            let d = exc_data(vm, this)?;
            if let Some(v) = d.field_opt($name) {
                return Ok(v);
            }
            let f: fn(&[Value]) -> Value = $fallback;
            Ok(f(&args_of(d)))
        }
        fn $set(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
            let d = exc_data(vm, this)?;
            d.set_field($name, v.unwrap_or(Value::None));
            Ok(())
        }
    };
}

fn none(_: &[Value]) -> Value {
    Value::None
}

fn first(a: &[Value]) -> Value {
    a.first().cloned().unwrap_or(Value::None)
}

fn only(a: &[Value]) -> Value {
    if a.len() == 1 {
        a[0].clone()
    } else {
        Value::None
    }
}

fn os_arg(a: &[Value], i: usize) -> Value {
    if (2..=5).contains(&a.len()) {
        a.get(i).cloned().unwrap_or(Value::None)
    } else {
        Value::None
    }
}

member!(stop_value, set_stop_value, "value", first);
member!(import_msg, set_import_msg, "msg", only);
member!(import_name, set_import_name, "name", none);
member!(import_path, set_import_path, "path", none);
member!(name_name, set_name_name, "name", none);
member!(attr_name, set_attr_name, "name", none);
member!(attr_obj, set_attr_obj, "obj", none);
member!(os_errno, set_os_errno, "errno", |a| os_arg(a, 0));
member!(os_strerror, set_os_strerror, "strerror", |a| os_arg(a, 1));
member!(os_filename, set_os_filename, "filename", |a| os_arg(a, 2));
member!(os_filename2, set_os_filename2, "filename2", |a| os_arg(
    a, 4
));
member!(syn_msg, set_syn_msg, "msg", |a| first(a));
member!(syn_filename, set_syn_filename, "filename", none);
member!(syn_lineno, set_syn_lineno, "lineno", none);
member!(syn_offset, set_syn_offset, "offset", none);
member!(syn_text, set_syn_text, "text", none);
member!(syn_end_lineno, set_syn_end_lineno, "end_lineno", none);
member!(syn_end_offset, set_syn_end_offset, "end_offset", none);
member!(syn_pfl, set_syn_pfl, "print_file_and_line", none);

/// `SystemExit.code` when `__init__` did not set it.
fn exit_code_get(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let d = exc_data(vm, this)?;
    if let Some(v) = d.field_opt("code") {
        return Ok(v);
    }
    let a = args_of(d);
    Ok(match a.len() {
        0 => Value::None,
        1 => a[0].clone(),
        _ => d.args.borrow().clone(),
    })
}

fn set_exit_code(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    exc_data(vm, this)?.set_field("code", v.unwrap_or(Value::None));
    Ok(())
}

/// Register the members and methods of the exception subclasses.
pub(super) fn init(vm: &mut Vm) {
    let t = vm.types.stop_iteration.clone();
    vm.add_getset(&t, "value", stop_value, Some(set_stop_value));
    vm.add_methods(
        &t,
        crate::methods![method "__init__" => stop_iteration_init, "";],
    );

    let t = vm.types.system_exit.clone();
    vm.add_getset(&t, "code", exit_code_get, Some(set_exit_code));
    vm.add_methods(
        &t,
        crate::methods![method "__init__" => system_exit_init, "";],
    );

    let t = vm.types.key_error.clone();
    vm.add_methods(&t, crate::methods![method "__str__" => key_error_str, "";]);

    let t = vm.types.import_error.clone();
    vm.add_getset(&t, "msg", import_msg, Some(set_import_msg));
    vm.add_getset(&t, "name", import_name, Some(set_import_name));
    vm.add_getset(&t, "path", import_path, Some(set_import_path));
    vm.add_methods(
        &t,
        crate::methods![
            method "__init__" => import_error_init, "";
            method "__str__" => import_error_str, "";
        ],
    );

    let t = vm.types.name_error.clone();
    vm.add_getset(&t, "name", name_name, Some(set_name_name));
    vm.add_methods(
        &t,
        crate::methods![method "__init__" => name_error_init, "";],
    );

    let t = vm.types.attribute_error.clone();
    vm.add_getset(&t, "name", attr_name, Some(set_attr_name));
    vm.add_getset(&t, "obj", attr_obj, Some(set_attr_obj));
    vm.add_methods(
        &t,
        crate::methods![method "__init__" => attribute_error_init, "";],
    );

    let t = vm.types.os_error.clone();
    vm.add_getset(&t, "errno", os_errno, Some(set_os_errno));
    vm.add_getset(&t, "strerror", os_strerror, Some(set_os_strerror));
    vm.add_getset(&t, "filename", os_filename, Some(set_os_filename));
    vm.add_getset(&t, "filename2", os_filename2, Some(set_os_filename2));
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => os_error_new, "";
            method "__init__" => os_error_init, "";
            method "__str__" => os_error_str, "";
            method "__reduce__" => os_error_reduce, "";
        ],
    );

    let t = vm.types.syntax_error.clone();
    vm.add_getset(&t, "msg", syn_msg, Some(set_syn_msg));
    vm.add_getset(&t, "filename", syn_filename, Some(set_syn_filename));
    vm.add_getset(&t, "lineno", syn_lineno, Some(set_syn_lineno));
    vm.add_getset(&t, "offset", syn_offset, Some(set_syn_offset));
    vm.add_getset(&t, "text", syn_text, Some(set_syn_text));
    vm.add_getset(&t, "end_lineno", syn_end_lineno, Some(set_syn_end_lineno));
    vm.add_getset(&t, "end_offset", syn_end_offset, Some(set_syn_end_offset));
    vm.add_getset(&t, "print_file_and_line", syn_pfl, Some(set_syn_pfl));
    vm.add_methods(
        &t,
        crate::methods![
            method "__init__" => syntax_error_init, "";
            method "__str__" => syntax_error_str, "";
        ],
    );

    let t = vm.types.blocking_io_error.clone();
    vm.add_getset(
        &t,
        "characters_written",
        characters_written,
        Some(set_characters_written),
    );
}

/// `BlockingIOError.characters_written`: an `AttributeError` until it is given.
fn characters_written(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    match exc_data(vm, this)?.field_opt("characters_written") {
        Some(v) if !matches!(v, Value::Null) => Ok(v),
        _ => Err(vm.attribute_error("characters_written")),
    }
}

/// Setting (an integer) or deleting `characters_written` (CPython's `OSError_written_set`).
fn set_characters_written(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let new = match v {
        Some(v) => Value::Int(vm.index_to_i64(&v)?),
        None => {
            let set = exc_data(vm, this)?
                .field_opt("characters_written")
                .is_some_and(|v| !matches!(v, Value::Null));
            if !set {
                return Err(vm.attribute_error("characters_written"));
            }
            Value::Null
        }
    };
    exc_data(vm, this)?.set_field("characters_written", new);
    Ok(())
}

/// Run `BaseException.__init__` (sets `args`), rejecting keywords with CPython's message.
fn base_init(vm: &mut Vm, args: &Args<'_>) -> PyResult<Value> {
    super::exc_init(
        vm,
        Args {
            values: args.values,
            kwnames: args.kwnames,
        },
    )
}

fn stop_iteration_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    base_init(vm, &args)?;
    let this = &args.values[0];
    let v = args.values.get(1).cloned().unwrap_or(Value::None);
    exc_data(vm, this)?.set_field("value", v);
    Ok(Value::None)
}

fn system_exit_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    base_init(vm, &args)?;
    let this = &args.values[0];
    let rest = &args.values[1..];
    let code = match rest.len() {
        0 => Value::None,
        1 => rest[0].clone(),
        _ => vm.new_tuple(rest.to_vec()),
    };
    exc_data(vm, this)?.set_field("code", code);
    Ok(Value::None)
}

fn key_error_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__str__", 0, 0)?;
    let a = args_of(exc_data(vm, this)?);
    if a.len() == 1 {
        return vm.repr(&a[0]);
    }
    super::exc_str(vm, args)
}

/// Split keyword arguments into the allowed names; anything else is CPython's
/// "'x' is an invalid keyword argument for T()" error.
fn keyword_members(
    vm: &mut Vm,
    args: &Args<'_>,
    allowed: &[&'static str],
    tname: &str,
) -> PyResult<Vec<(&'static str, Value)>> {
    let mut out = Vec::new();
    for (k, v) in args.kwargs() {
        let key = vm.str_text(k);
        match allowed.iter().find(|a| **a == key) {
            Some(a) => out.push((*a, v.clone())),
            None => {
                return Err(vm.type_error(format!(
                    "'{key}' is an invalid keyword argument for {tname}()"
                )));
            }
        }
    }
    Ok(out)
}

/// `__init__` of the types whose keyword-only arguments become members.
fn init_with_keywords(
    vm: &mut Vm,
    args: Args<'_>,
    allowed: &[&'static str],
    tname: &str,
) -> PyResult<Value> {
    let kws = keyword_members(vm, &args, allowed, tname)?;
    let this = args.values[0].clone();
    let pos = args.pos();
    super::exc_init(vm, Args::positional(pos))?;
    let d = exc_data(vm, &this)?;
    for name in allowed {
        let v = kws
            .iter()
            .find(|(n, _)| n == name)
            .map_or(Value::None, |(_, v)| v.clone());
        d.set_field(name, v);
    }
    Ok(Value::None)
}

fn import_error_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values[0].clone();
    init_with_keywords(vm, args, &["name", "path"], "ImportError")?;
    let d = exc_data(vm, &this)?;
    let msg = only(&args_of(d));
    d.set_field("msg", msg);
    Ok(Value::None)
}

fn import_error_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__str__", 0, 0)?;
    let msg = import_msg(vm, this)?;
    if !msg.is_none() {
        return vm.str(&msg);
    }
    super::exc_str(vm, args)
}

fn name_error_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    init_with_keywords(vm, args, &["name"], "NameError")
}

fn attribute_error_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    init_with_keywords(vm, args, &["name", "obj"], "AttributeError")
}

/// The `OSError` subclass CPython picks for an errno (`errnomap`, Linux numbering).
fn os_error_subclass(vm: &Vm, errno: i64) -> Option<ObjRef> {
    let t = &vm.types;
    Some(match errno {
        11 | 114 | 115 => t.blocking_io_error.clone(),
        10 => t.child_process_error.clone(),
        32 | 108 => t.broken_pipe_error.clone(),
        103 => t.connection_aborted_error.clone(),
        111 => t.connection_refused_error.clone(),
        104 => t.connection_reset_error.clone(),
        17 => t.file_exists_error.clone(),
        2 => t.file_not_found_error.clone(),
        21 => t.is_a_directory_error.clone(),
        20 => t.not_a_directory_error.clone(),
        4 => t.interrupted_error.clone(),
        1 | 13 => t.permission_error.clone(),
        3 => t.process_lookup_error.clone(),
        110 => t.timeout_error.clone(),
        _ => return None,
    })
}

fn os_error_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = args.values.first() else {
        return Err(vm.type_error("OSError.__new__(): not enough arguments"));
    };
    let mut cls = cls.clone();
    let pos = args.pos()[1..].to_vec();
    if args.has_kwargs() && ObjRef::ptr_eq(&cls, &vm.types.os_error) {
        return Err(vm.type_error("OSError() takes no keyword arguments"));
    }
    if ObjRef::ptr_eq(&cls, &vm.types.os_error)
        && (2..=5).contains(&pos.len())
        && let Value::Int(n) = &pos[0]
        && let Some(sub) = os_error_subclass(vm, *n)
    {
        cls = sub;
    }
    let mut new_args = vec![Value::Obj(cls.clone())];
    new_args.extend(pos.iter().cloned());
    let o = super::exc_new(vm, Args::positional(&new_args))?;
    let d = exc_data(vm, &o)?;
    if (2..=5).contains(&pos.len()) {
        d.set_field("errno", pos[0].clone());
        d.set_field("strerror", pos[1].clone());
        // `BlockingIOError(errno, strerror, characters_written)` (the exact type only, as
        // CPython's `oserror_init`): the third argument is the count, not a file name.
        let written = pos.get(2).filter(|f| {
            ObjRef::ptr_eq(&cls, &vm.types.blocking_io_error)
                && !f.is_none()
                && vm.lookup_special_str(f, "__index__").is_some()
        });
        if let Some(w) = written {
            let w = w.clone();
            let n = vm.index_to_i64(&w)?;
            d.set_field("characters_written", Value::Int(n));
            d.set_field("filename", Value::None);
        } else if let Some(f) = pos.get(2) {
            d.set_field("filename", f.clone());
            if let Some(f2) = pos.get(4) {
                d.set_field("filename2", f2.clone());
            }
            if !f.is_none() {
                let t = vm.new_tuple(pos[..2].to_vec());
                *d.args.borrow_mut() = t;
            }
        }
    }
    Ok(o)
}

fn os_error_init(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::None)
}

fn os_error_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__str__", 0, 0)?;
    let this = this.clone();
    let errno = os_errno(vm, &this)?;
    let strerror = os_strerror(vm, &this)?;
    let filename = os_filename(vm, &this)?;
    let filename2 = os_filename2(vm, &this)?;
    let s = |vm: &mut Vm, v: &Value| -> PyResult<String> {
        let r = vm.str(v)?;
        Ok(vm.str_text(&r))
    };
    if !filename.is_none() {
        let (e, se, f) = (
            s(vm, &errno)?,
            s(vm, &strerror)?,
            vm.repr_string(&filename)?,
        );
        let text = if filename2.is_none() {
            format!("[Errno {e}] {se}: {f}")
        } else {
            let f2 = vm.repr_string(&filename2)?;
            format!("[Errno {e}] {se}: {f} -> {f2}")
        };
        return Ok(vm.new_string(text));
    }
    if !errno.is_none() && !strerror.is_none() {
        let (e, se) = (s(vm, &errno)?, s(vm, &strerror)?);
        return Ok(vm.new_string(format!("[Errno {e}] {se}")));
    }
    super::exc_str(vm, args)
}

fn os_error_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__reduce__", 0, 0)?;
    let t = Value::Obj(vm.type_of(this));
    let a = exc_data(vm, this)?.args.borrow().clone();
    Ok(vm.new_pair(t, a))
}

fn syntax_error_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    base_init(vm, &args)?;
    let this = args.values[0].clone();
    let rest = &args.values[1..];
    let d = exc_data(vm, &this)?;
    if let Some(m) = rest.first() {
        d.set_field("msg", m.clone());
    }
    if rest.len() == 2 {
        let info = vm.iterate(&rest[1])?;
        if !(4..=6).contains(&info.len()) {
            let n = info.len();
            return Err(vm.index_error(if n < 4 {
                format!("function takes at least 4 arguments ({n} given)")
            } else {
                format!("function takes at most 6 arguments ({n} given)")
            }));
        }
        let d = exc_data(vm, &this)?;
        let names = [
            "filename",
            "lineno",
            "offset",
            "text",
            "end_lineno",
            "end_offset",
        ];
        for (name, v) in names.iter().zip(info.iter()) {
            d.set_field(name, v.clone());
        }
    }
    Ok(Value::None)
}

fn syntax_error_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__str__", 0, 0)?;
    let d = exc_data(vm, this)?;
    let msg = d.field_opt("msg").unwrap_or(Value::None);
    let filename = d.field("filename");
    let lineno = d.field("lineno");
    let msg_s = vm.str(&msg)?;
    let msg_s = vm.str_text(&msg_s);
    let file = match filename.payload() {
        Some(Payload::Str(s)) => {
            let s = s.as_str().into_owned();
            Some(s.rsplit('/').next().unwrap_or("").to_string())
        }
        _ => None,
    };
    let line = match &lineno {
        Value::Int(n) => Some(n.to_string()),
        _ => None,
    };
    let text = match (file, line) {
        (Some(f), Some(l)) => format!("{msg_s} ({f}, line {l})"),
        (Some(f), None) => format!("{msg_s} ({f})"),
        (None, Some(l)) => format!("{msg_s} (line {l})"),
        (None, None) => msg_s,
    };
    Ok(vm.new_string(text))
}
