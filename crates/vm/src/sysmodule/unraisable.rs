//! `sys.unraisablehook` (CPython: `Python/errors.c`, `_PyErr_WriteUnraisableMsg` and
//! `write_unraisable_exc_file`): an exception that cannot propagate (raised by a finalizer, a
//! weak reference callback, a warning issued while an object dies) is handed to
//! `sys.unraisablehook` as an `UnraisableHookArgs` struct sequence; the default hook,
//! `sys.__unraisablehook__`, writes "Exception ignored in: <repr>" and the report to
//! `sys.stderr`. A hook that fails is reported by the default hook, as CPython does.

use crate::native::pos_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyErr, Vm};

const ARGS_KEY: &str = "sys.UnraisableHookArgs";

/// Make the `UnraisableHookArgs` type; add `unraisablehook` and `__unraisablehook__` to `sys`.
pub(super) fn init(vm: &mut Vm, sys: &ObjRef) {
    let t = super::struct_seq_type(
        vm,
        "sys",
        "UnraisableHookArgs",
        &[
            "exc_type",
            "exc_value",
            "exc_traceback",
            "err_msg",
            "object",
        ],
    );
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => super::struct_seq_new, "";
        ],
    );
    // Not a `sys` attribute in CPython 3.11: reached through `type(args)` only.
    vm.mods.ext_values.insert(ARGS_KEY, Value::Obj(t));
    vm.add_functions(sys, &[("unraisablehook", sys_unraisablehook)]);
    let k = vm.intern("unraisablehook");
    if let Ok(f) = vm.getattr(&Value::Obj(sys.clone()), &k) {
        crate::modules::set_attr(vm, sys, "__unraisablehook__", f);
    }
}

/// `sys.__unraisablehook__(unraisable)`.
fn sys_unraisablehook(vm: &mut Vm, args: Args<'_>) -> crate::PyResult<Value> {
    let a = pos_args(vm, &args, "unraisablehook", 1, 1)?;
    let items = match a[0].payload() {
        Some(Payload::Tuple(t)) if is_hook_args(vm, &a[0]) => t.to_vec(),
        _ => {
            return Err(
                vm.type_error("sys.unraisablehook argument type must be UnraisableHookArgs")
            );
        }
    };
    let [_, value, tb, msg, obj] = <[Value; 5]>::try_from(items).map_err(|_| {
        vm.type_error("sys.unraisablehook argument type must be UnraisableHookArgs")
    })?;
    write_default(vm, &value, &tb, &msg, &obj);
    Ok(Value::None)
}

fn is_hook_args(vm: &Vm, v: &Value) -> bool {
    match vm.mods.ext_values.get(ARGS_KEY) {
        Some(Value::Obj(t)) => ObjRef::ptr_eq(&vm.type_of(v), t),
        _ => false,
    }
}

/// `write_unraisable_exc_file`: the header line, then the exception's report.
fn write_default(vm: &mut Vm, value: &Value, _tb: &Value, msg: &Value, obj: &Value) {
    let msg = if msg.is_none() {
        None
    } else {
        vm.str(msg).ok().map(|s| vm.str_text(&s))
    };
    let mut out = String::new();
    if !obj.is_none() {
        match &msg {
            Some(m) => {
                out.push_str(m);
                out.push_str(": ");
            }
            None => out.push_str("Exception ignored in: "),
        }
        match vm.repr_string(obj) {
            Ok(r) => out.push_str(&r),
            Err(_) => out.push_str("<object repr() failed>"),
        }
        out.push('\n');
    } else if let Some(m) = &msg {
        out.push_str(m);
        out.push_str(":\n");
    }
    if !value.is_none() {
        out.push_str(&vm.format_exception(value));
    }
    vm.flush_stdout();
    vm.write_stderr(out.as_bytes());
}

impl Vm {
    /// `_PyErr_WriteUnraisableMsg(err_msg, obj)`: report `e`, which cannot propagate, through
    /// `sys.unraisablehook` (the default writes "Exception ignored in: repr(obj)" or
    /// "err_msg: repr(obj)" and the traceback to `sys.stderr`). Nothing is reported once a
    /// resource limit ended the run.
    pub fn write_unraisable(&mut self, e: PyErr, err_msg: Option<&str>, obj: &Value) {
        if self.limit_tripped() {
            return;
        }
        let value = Value::Obj(e.0);
        let ty = Value::Obj(self.type_of(&value));
        let tb = match value.payload() {
            Some(Payload::Exception(d)) => d.traceback.borrow().clone(),
            _ => Value::None,
        };
        let msg = err_msg.map_or(Value::None, |m| self.new_str(m));
        let hook = self.sys_attr("unraisablehook").filter(|h| !h.is_none());
        let args_type = match self.mods.ext_values.get(ARGS_KEY) {
            Some(Value::Obj(t)) => Some(t.clone()),
            _ => None,
        };
        let (Some(hook), Some(t)) = (hook, args_type) else {
            write_default(self, &value, &tb, &msg, obj);
            return;
        };
        let items = vec![ty, value.clone(), tb.clone(), msg.clone(), obj.clone()];
        let hook_args = Value::Obj(self.new_object(&t, Payload::Tuple(items.into())));
        if let Err(e2) = self.call_pos(&hook, &[hook_args]) {
            if self.limit_tripped() {
                return;
            }
            // `_PyErr_WriteUnraisableMsg`: the default hook reports the hook's own failure.
            let v2 = Value::Obj(e2.0);
            let tb2 = match v2.payload() {
                Some(Payload::Exception(d)) => d.traceback.borrow().clone(),
                _ => Value::None,
            };
            let m = self.new_str("Exception ignored in sys.unraisablehook");
            write_default(self, &v2, &tb2, &m, &hook);
        }
    }
}
