//! `gc`: the collector's interface (CPython: `Modules/gcmodule.c`). Krait frees by reference
//! counting only, so a collection finds nothing; the switches and thresholds are remembered so
//! code that saves and restores them works.

use crate::native::pos_args;
use crate::object::ObjRef;
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("collect", collect),
            ("enable", enable),
            ("disable", disable),
            ("isenabled", isenabled),
            ("get_threshold", get_threshold),
            ("set_threshold", set_threshold),
            ("get_count", get_count),
            ("get_objects", empty_list),
            ("get_referrers", empty_list),
            ("get_referents", empty_list),
            ("get_stats", empty_list),
            ("is_tracked", is_tracked),
            ("is_finalized", is_tracked),
            ("freeze", nothing),
            ("unfreeze", nothing),
            ("get_freeze_count", zero),
            ("get_debug", zero),
            ("set_debug", nothing),
        ],
    );
    let g = vm.new_list(Vec::new());
    super::set_attr(vm, m, "garbage", g);
    let c = vm.new_list(Vec::new());
    super::set_attr(vm, m, "callbacks", c);
    for (n, v) in [
        ("DEBUG_STATS", 1),
        ("DEBUG_COLLECTABLE", 2),
        ("DEBUG_UNCOLLECTABLE", 4),
        ("DEBUG_SAVEALL", 32),
        ("DEBUG_LEAK", 38),
    ] {
        super::set_attr(vm, m, n, Value::Int(v));
    }
    Ok(())
}

fn collect(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::bind_args(vm, &args, "collect", &["generation"], 0)?;
    if let Some(g) = a.first().filter(|g| !g.is_null()) {
        let g = vm.index_to_i64(g)?;
        if !(0..=2).contains(&g) {
            return Err(vm.value_error("invalid generation"));
        }
    }
    vm.run_finalizers();
    Ok(Value::Int(0))
}

fn enable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "enable", 0, 0)?;
    vm.mods.gc_enabled = Some(true);
    Ok(Value::None)
}

fn disable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "disable", 0, 0)?;
    vm.mods.gc_enabled = Some(false);
    Ok(Value::None)
}

fn isenabled(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "isenabled", 0, 0)?;
    Ok(Value::bool(vm.mods.gc_enabled.unwrap_or(true)))
}

fn get_threshold(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "get_threshold", 0, 0)?;
    let t = vm.mods.gc_threshold.unwrap_or((700, 10, 10));
    Ok(vm.new_tuple(vec![Value::Int(t.0), Value::Int(t.1), Value::Int(t.2)]))
}

fn set_threshold(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "set_threshold", 1, 3)?;
    let mut t = vm.mods.gc_threshold.unwrap_or((700, 10, 10));
    t.0 = vm.index_to_i64(&a[0])?;
    if let Some(v) = a.get(1) {
        t.1 = vm.index_to_i64(v)?;
    }
    if let Some(v) = a.get(2) {
        t.2 = vm.index_to_i64(v)?;
    }
    vm.mods.gc_threshold = Some(t);
    Ok(Value::None)
}

fn get_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "get_count", 0, 0)?;
    Ok(vm.new_tuple(vec![Value::Int(0), Value::Int(0), Value::Int(0)]))
}

fn empty_list(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(vm.new_list(Vec::new()))
}

fn is_tracked(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "is_tracked", 1, 1)?;
    Ok(Value::bool(false))
}

fn nothing(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::None)
}

fn zero(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(0))
}
