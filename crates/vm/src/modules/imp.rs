//! `_imp`: the import machinery's native half, as far as `importlib` needs it to load
//! (CPython: `Python/import.c`). Krait's own `import` (`import.rs`) does the work; this module
//! answers `importlib._bootstrap`'s questions about built-in modules, has no frozen or
//! extension modules, and a lock that is always free (one thread).

use crate::native::pos_args;
use crate::object::ObjRef;
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("lock_held", false_fn),
            ("acquire_lock", none_fn),
            ("release_lock", none_fn),
            ("is_builtin", is_builtin),
            ("create_builtin", create_builtin),
            ("exec_builtin", exec_builtin),
            ("is_frozen", false_fn),
            ("is_frozen_package", false_fn),
            ("find_frozen", none_fn),
            ("get_frozen_object", not_frozen),
            ("init_frozen", none_fn),
            ("_frozen_module_names", empty_list),
            ("_fix_co_filename", none_fn),
            ("extension_suffixes", empty_list),
            ("create_dynamic", no_dynamic),
            ("exec_dynamic", exec_builtin),
            ("source_hash", source_hash),
            ("_override_frozen_modules_for_tests", none_fn),
            ("_override_multi_interp_extensions_check", none_fn),
        ],
    );
    let never = vm.new_str("never");
    super::set_attr(vm, m, "check_hash_based_pycs", never);
    Ok(())
}

fn false_fn(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::bool(false))
}

fn none_fn(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::None)
}

fn empty_list(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(vm.new_list(Vec::new()))
}

fn is_builtin(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "is_builtin", 1, 1)?;
    let name = vm.str_text(&a[0]);
    let known = vm.is_builtin_module_name(&name);
    Ok(Value::Int(i64::from(known)))
}

/// `create_builtin(spec)`: the module named by `spec.name`, imported the built-in way.
fn create_builtin(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "create_builtin", 1, 1)?;
    let name = vm.getattr_str(&a[0], "name")?;
    let name = vm.str_text(&name);
    vm.import_dotted(&name)
}

fn exec_builtin(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(0))
}

fn not_frozen(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "get_frozen_object", 1, 2)?;
    let name = vm.repr_string(&a[0])?;
    let t = vm.types.import_error.clone();
    Err(vm.new_exception_msg(&t, format!("No such frozen object named {name}")))
}

fn no_dynamic(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let t = vm.types.import_error.clone();
    Err(vm.new_exception_msg(&t, "Krait cannot load C extension modules"))
}

/// `source_hash(key, source)`: SipHash-1-3 of the source keyed by `key`, as 8 bytes (CPython's
/// `_Py_KeyedHash`; its special cases for empty input and -1 are those of `hash(bytes)`).
fn source_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::bind_args(vm, &args, "source_hash", &["key", "source"], 2)?;
    let key = vm.index_to_i64(&a[0])? as u64;
    let data = crate::objects::bytes::buffer_arg(vm, &a[1])?;
    let mut k = [0u8; 16];
    k[..8].copy_from_slice(&key.to_le_bytes());
    let h = krait_common::hash::HashSecret::from_bytes(k).hash_bytes(&data);
    Ok(vm.new_bytes(h.to_le_bytes().to_vec()))
}
