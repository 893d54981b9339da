//! `gc`: the collector's interface (CPython: `Modules/gcmodule.c`). Krait frees by reference
//! counting only, so a collection finds nothing; the switches and thresholds are remembered so
//! code that saves and restores them works. `get_objects`, `get_referents` and
//! `get_referrers` walk the objects reachable from the interpreter's roots (`traverse.rs`).

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
            ("get_objects", get_objects),
            ("get_referrers", get_referrers),
            ("get_referents", get_referents),
            ("get_stats", empty_list),
            ("is_tracked", is_tracked),
            ("is_finalized", is_finalized),
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
    let a = pos_args(vm, &args, "is_tracked", 1, 1)?;
    Ok(Value::bool(match &a[0] {
        Value::Obj(o) => crate::traverse::is_tracked(o),
        _ => false,
    }))
}

fn is_finalized(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "is_finalized", 1, 1)?;
    Ok(Value::bool(false))
}

/// `gc.get_objects(generation=None)`: every container reachable from the interpreter's
/// roots (Krait keeps no list of live objects; unreachable cycles are not found).
fn get_objects(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::bind_args(vm, &args, "get_objects", &["generation"], 0)?;
    if let Some(g) = a.first().filter(|g| !g.is_null() && !g.is_none()) {
        let g = vm.index_to_i64(g)?;
        if g >= 3 {
            return Err(vm.value_error(
                "generation parameter must be less than the number of available generations (3)",
            ));
        }
        if g < -1 {
            return Err(vm.value_error("generation parameter cannot be negative"));
        }
    }
    let all = crate::traverse::reachable(vm);
    let items = all
        .into_iter()
        .filter(crate::traverse::is_tracked)
        .map(Value::Obj)
        .collect::<Vec<_>>();
    Ok(vm.new_list(items))
}

/// `gc.get_referents(*objs)`: what each object refers to.
fn get_referents(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::no_kwargs(vm, &args, "get_referents")?;
    let mut out = Vec::new();
    for v in args.pos() {
        if let Value::Obj(o) = v
            && crate::traverse::is_gc(o)
        {
            crate::traverse::referents(o, &mut |r| {
                if !r.is_null() {
                    out.push(r.clone());
                }
            });
        }
    }
    Ok(vm.new_list(out))
}

/// `gc.get_referrers(*objs)`: the reachable containers that refer to any of `objs`.
fn get_referrers(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::no_kwargs(vm, &args, "get_referrers")?;
    let targets: std::collections::HashSet<usize> = args
        .pos()
        .iter()
        .filter_map(|v| match v {
            Value::Obj(o) => Some(o.addr()),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    if !targets.is_empty() {
        for o in crate::traverse::reachable(vm) {
            if !crate::traverse::is_tracked(&o) {
                continue;
            }
            let mut hit = false;
            crate::traverse::referents(&o, &mut |r| {
                if let Value::Obj(r) = r {
                    hit |= targets.contains(&r.addr());
                }
            });
            if hit {
                out.push(Value::Obj(o));
            }
        }
    }
    Ok(vm.new_list(out))
}

fn nothing(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::None)
}

fn zero(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(0))
}
