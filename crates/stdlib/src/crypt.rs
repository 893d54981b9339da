//! `_crypt` (CPython 3.11: `Modules/_cryptmodule.c`): `crypt(word, salt)` is the system's
//! `crypt(3)` reached through `Host::crypt`, so the methods `crypt.methods` finds and every
//! hash are the ones CPython gets from the same library. A host without it (the sandbox)
//! refuses with `ENOSYS`, which `crypt.py` reads as "no method available".

use krait_vm::native::pos_args;
use krait_vm::object::{ObjRef, Payload};
use krait_vm::objects::function::Args;
use krait_vm::value::Value;
use krait_vm::{PyResult, Vm};

pub(crate) fn register(vm: &mut Vm) {
    vm.builtin_modules.push(("_crypt", init));
}

fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(m, &[("crypt", crypt)]);
    Ok(())
}

/// A `str` argument as UTF-8 without NULs (clinic's `str` converter).
fn text_arg(vm: &mut Vm, v: &Value, n: usize) -> PyResult<Vec<u8>> {
    if !matches!(v.payload(), Some(Payload::Str(_))) {
        // `_PyArg_BadArgument` names None as "None".
        let t = if v.is_none() {
            String::from("None")
        } else {
            vm.type_name(v).to_string()
        };
        return Err(vm.type_error(format!("crypt() argument {n} must be str, not {t}")));
    }
    let s = vm.str_text(v);
    if s.contains('\0') {
        return Err(vm.value_error("embedded null character"));
    }
    Ok(s.into_bytes())
}

/// `crypt(word, salt, /)`
fn crypt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "crypt", 2, 2)?;
    let word = text_arg(vm, &a[0], 1)?;
    let salt = text_arg(vm, &a[1], 2)?;
    match vm.host.crypt(&word, &salt) {
        Ok(h) => {
            let s = krait_vm::objects::codecs::decode(vm, &h, "utf-8", "surrogateescape")?;
            Ok(vm.new_pystr(s))
        }
        Err(e) => Err(vm.os_error_io(&e, None)),
    }
}
