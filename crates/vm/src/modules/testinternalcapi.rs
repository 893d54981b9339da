//! `_testinternalcapi`: the few introspection helpers of CPython's test-only module
//! (`Modules/_testinternalcapi.c`) that `test.support` and the test suite ask for and that Krait
//! can answer truthfully. `get_config()` describes this interpreter's own settings (the
//! `PyConfig` fields Krait has an equivalent for); `get_recursion_depth()` is the depth the
//! recursion limit bounds. CPython-only internals (`SIZEOF_PYGC_HEAD`, the locale codec
//! helpers, path configuration) are left out, so the tests that need them fail or skip.

use crate::native::pos_args;
use crate::object::ObjRef;
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("get_config", get_config),
            ("get_recursion_depth", get_recursion_depth),
        ],
    );
    Ok(())
}

/// `get_config()`: a dict of `PyConfig` field names to values (`_PyConfig_AsDict`), limited to
/// the fields Krait's own configuration decides.
fn get_config(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "get_config", 0, 0)?;
    let c = vm.config.clone();
    let d = vm.new_dict();
    let int = |b: bool| Value::Int(i64::from(b));
    let strs = |vm: &mut Vm, items: &[String]| {
        let items: Vec<Value> = items.iter().map(|s| vm.new_str(s)).collect();
        vm.new_list(items)
    };
    // Code objects carry their instructions' line and column ranges (`co_positions`) unless
    // `-X no_debug_ranges` hides the columns.
    vm.set_dict_str(&d, "code_debug_ranges", int(!c.no_debug_ranges));
    vm.set_dict_str(&d, "isolated", int(c.isolated));
    vm.set_dict_str(&d, "use_environment", int(!c.ignore_environment));
    vm.set_dict_str(&d, "site_import", int(!c.no_site));
    vm.set_dict_str(&d, "user_site_directory", int(!c.no_user_site));
    vm.set_dict_str(&d, "write_bytecode", int(!c.dont_write_bytecode));
    vm.set_dict_str(&d, "optimization_level", Value::Int(i64::from(c.optimize)));
    vm.set_dict_str(&d, "inspect", int(c.inspect));
    vm.set_dict_str(&d, "buffered_stdio", int(!c.unbuffered));
    vm.set_dict_str(&d, "use_hash_seed", int(c.hash_seed.is_some()));
    vm.set_dict_str(
        &d,
        "hash_seed",
        Value::Int(i64::from(c.hash_seed.unwrap_or(0))),
    );
    let prefix = match &c.pycache_prefix {
        Some(p) => vm.new_str(p),
        None => Value::None,
    };
    vm.set_dict_str(&d, "pycache_prefix", prefix);
    let exe = vm.new_str(&c.executable);
    vm.set_dict_str(&d, "executable", exe);
    let orig = if c.orig_argv.is_empty() {
        &c.argv
    } else {
        &c.orig_argv
    };
    for (name, items) in [
        ("argv", &c.argv),
        ("orig_argv", orig),
        ("warnoptions", &c.warnoptions),
        ("xoptions", &c.xoptions),
    ] {
        let list = strs(vm, items);
        vm.set_dict_str(&d, name, list);
    }
    Ok(Value::Obj(d))
}

/// `get_recursion_depth()`: the caller's depth as the recursion limit counts it (Python frames
/// plus counted native levels), less the level of this call itself (counted as a builtin
/// call, `cfunction_enter_call`); 1 at a module's top level, as in CPython.
fn get_recursion_depth(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "get_recursion_depth", 0, 0)?;
    let depth = vm.recursion_depth().saturating_sub(1);
    Ok(Value::Int(depth as i64))
}
