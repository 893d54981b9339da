//! `_tracemalloc` (CPython 3.11: `Modules/_tracemalloc.c`, `Python/tracemalloc.c`).
//!
//! What is measured, honestly: Krait keeps no record per allocated block, so there are no
//! traces. `get_traced_memory()` reports the heap of the calling thread as counted by
//! `CountingAllocator` (the same accounting as the `max_memory` limit): the bytes live now
//! beyond those live when `start()` ran (never below zero), and the highest that figure
//! reached since `start()` or `reset_peak()`. `_get_traces()` is empty and
//! `_get_object_traceback()` is `None`, so `tracemalloc.take_snapshot()` works and yields a
//! snapshot without traces. Without the counting allocator (an embedder that did not install
//! it) every figure is 0.

use crate::limits::{reset_thread_peak, thread_allocated, thread_peak};
use crate::native::pos_args;
use crate::object::ObjRef;
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

/// Per interpreter: the traceback limit while tracing (`None` when not tracing) and the
/// bytes live on the thread when tracing started.
#[derive(Default)]
pub(crate) struct Tracing {
    nframe: Option<i64>,
    base: isize,
    limit: i64,
}

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("is_tracing", is_tracing),
            ("start", start),
            ("stop", stop),
            ("clear_traces", clear_traces),
            ("get_traced_memory", get_traced_memory),
            ("reset_peak", reset_peak),
            ("get_tracemalloc_memory", get_tracemalloc_memory),
            ("get_traceback_limit", get_traceback_limit),
            ("_get_traces", get_traces),
            ("_get_object_traceback", get_object_traceback),
        ],
    );
    Ok(())
}

fn is_tracing(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "is_tracing", 0, 0)?;
    Ok(Value::bool(vm.mods.tracemalloc.nframe.is_some()))
}

/// `start(nframe=1, /)`
fn start(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "start", 0, 1)?;
    let n = match a.first() {
        Some(v) => vm.index_to_i64(v)?,
        None => 1,
    };
    if !(1..=65535).contains(&n) {
        return Err(vm.value_error("the number of frames must be in range [1; 65535]"));
    }
    let t = &mut vm.mods.tracemalloc;
    if t.nframe.is_none() {
        t.base = thread_allocated();
        reset_thread_peak();
    }
    t.nframe = Some(n);
    t.limit = n;
    Ok(Value::None)
}

fn stop(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "stop", 0, 0)?;
    vm.mods.tracemalloc.nframe = None;
    Ok(Value::None)
}

/// `clear_traces()`: forget what was traced: the count starts again from now.
fn clear_traces(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "clear_traces", 0, 0)?;
    if vm.mods.tracemalloc.nframe.is_some() {
        vm.mods.tracemalloc.base = thread_allocated();
        reset_thread_peak();
    }
    Ok(Value::None)
}

/// `(current, peak)` in bytes; `(0, 0)` when not tracing.
fn get_traced_memory(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "get_traced_memory", 0, 0)?;
    let t = &vm.mods.tracemalloc;
    let (cur, peak) = if t.nframe.is_some() {
        let cur = (thread_allocated() - t.base).max(0);
        let peak = (thread_peak() - t.base).max(cur);
        (cur, peak)
    } else {
        (0, 0)
    };
    Ok(vm.new_tuple(vec![Value::Int(cur as i64), Value::Int(peak as i64)]))
}

fn reset_peak(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "reset_peak", 0, 0)?;
    if vm.mods.tracemalloc.nframe.is_some() {
        reset_thread_peak();
    }
    Ok(Value::None)
}

/// The memory tracemalloc itself uses for traces: none are kept.
fn get_tracemalloc_memory(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "get_tracemalloc_memory", 0, 0)?;
    Ok(Value::Int(0))
}

fn get_traceback_limit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "get_traceback_limit", 0, 0)?;
    let l = vm.mods.tracemalloc.limit;
    Ok(Value::Int(if l == 0 { 1 } else { l }))
}

/// No per-block traces are recorded (see the module comment).
fn get_traces(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "_get_traces", 0, 0)?;
    Ok(vm.new_list(Vec::new()))
}

fn get_object_traceback(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "_get_object_traceback", 1, 1)?;
    Ok(Value::None)
}
