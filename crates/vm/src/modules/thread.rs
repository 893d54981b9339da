//! `_thread` for a single-threaded interpreter (CPython: `Modules/_threadmodule.c`).
//!
//! Locks and re-entrant locks keep CPython's state rules and messages, so `threading`,
//! `functools`, `logging` and `queue` work; `start_new_thread` refuses until the interpreter
//! has real threads. A blocking `acquire` of a held lock could never succeed with one thread:
//! it fails at once (`False` with a timeout, else `RuntimeError`), where CPython would hang.

use std::cell::Cell;

use crate::native::{bind_args, method_args, native_ref, pos_args};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

/// The identity `get_ident` reports for the only thread.
const MAIN_IDENT: i64 = 1;

struct Lock {
    locked: Cell<bool>,
}

struct RLock {
    count: Cell<usize>,
}

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let lock = super::new_type(vm, "_thread", "lock", false);
    vm.add_methods(
        &lock,
        crate::methods![
            method "acquire" => lock_acquire, "";
            method "acquire_lock" => lock_acquire, "";
            method "__enter__" => lock_acquire, "";
            method "release" => lock_release, "";
            method "release_lock" => lock_release, "";
            method "__exit__" => lock_exit, "";
            method "locked" => lock_locked, "";
            method "locked_lock" => lock_locked, "";
            method "_at_fork_reinit" => lock_reinit, "";
            method "__repr__" => lock_repr, "";
        ],
    );
    let rlock = super::new_type(vm, "_thread", "RLock", true);
    vm.add_methods(
        &rlock,
        crate::methods![
            staticmethod "__new__" => rlock_new, "";
            method "acquire" => rlock_acquire, "";
            method "__enter__" => rlock_acquire, "";
            method "release" => rlock_release, "";
            method "__exit__" => rlock_exit, "";
            method "_is_owned" => rlock_is_owned, "";
            method "_release_save" => rlock_release_save, "";
            method "_acquire_restore" => rlock_acquire_restore, "";
            method "_at_fork_reinit" => rlock_reinit, "";
            method "__repr__" => rlock_repr, "";
        ],
    );
    vm.mods.lock_type = Some(lock.clone());
    vm.add_functions(
        m,
        &[
            ("allocate_lock", allocate_lock),
            ("allocate", allocate_lock),
            ("get_ident", get_ident),
            ("get_native_id", get_ident),
            ("_count", count),
            ("start_new_thread", start_new_thread),
            ("start_new", start_new_thread),
            ("stack_size", stack_size),
            ("_set_sentinel", allocate_lock),
            ("daemon_threads_allowed", daemon_threads_allowed),
            ("interrupt_main", interrupt_main),
            ("exit", thread_exit),
        ],
    );
    super::set_attr(vm, m, "LockType", Value::Obj(lock));
    super::set_attr(vm, m, "RLock", Value::Obj(rlock));
    let err = Value::Obj(vm.types.runtime_error.clone());
    super::set_attr(vm, m, "error", err);
    super::set_attr(vm, m, "TIMEOUT_MAX", Value::float(9223372036.0));
    // `_thread._local`: with one thread, a plain object with a `__dict__` is thread-local.
    let ns = vm.new_dict();
    let modname = vm.new_str("_thread");
    vm.set_dict_str(&ns, "__module__", modname);
    let object = vm.types.object.clone();
    let meta = vm.types.type_.clone();
    let local = vm.type_new(&meta, "_local", vec![object], &Value::Obj(ns), &[])?;
    super::set_attr(vm, m, "_local", Value::Obj(local));
    Ok(())
}

fn new_lock(vm: &mut Vm) -> Value {
    let t = match &vm.mods.lock_type {
        Some(t) => t.clone(),
        None => vm.types.object.clone(),
    };
    Value::Obj(vm.new_object(
        &t,
        Payload::Native(Box::new(Lock {
            locked: Cell::new(false),
        })),
    ))
}

fn allocate_lock(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "allocate_lock", 0, 0)?;
    Ok(new_lock(vm))
}

fn get_ident(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(MAIN_IDENT))
}

fn count(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(0))
}

fn daemon_threads_allowed(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::bool(true))
}

fn start_new_thread(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Err(vm.runtime_error("can't start new thread"))
}

fn stack_size(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "stack_size", 0, 1)?;
    Ok(Value::Int(0))
}

fn interrupt_main(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::None)
}

fn thread_exit(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let t = vm.types.system_exit.clone();
    Err(vm.new_exception(&t, Vec::new()))
}

/// `(blocking=True, timeout=-1)` with CPython's checks (`lock_acquire_parse_args`).
fn acquire_args(vm: &mut Vm, args: &Args<'_>) -> PyResult<(bool, f64)> {
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &rest, "acquire", &["blocking", "timeout"], 0)?;
    let blocking = if a[0].is_null() {
        true
    } else {
        vm.is_true(&a[0])?
    };
    let timeout = match &a[1] {
        Value::Null => -1.0,
        Value::Int(i) => *i as f64,
        Value::Float(f) => f.get(),
        v => {
            let tn = vm.type_name(v);
            return Err(vm.type_error(format!(
                "'{tn}' object cannot be interpreted as an integer or float"
            )));
        }
    };
    if !blocking && timeout != -1.0 {
        return Err(vm.value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(vm.value_error("timeout value must be a non-negative number"));
    }
    Ok((blocking, timeout))
}

fn lock_of<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Lock> {
    match native_ref::<Lock>(v) {
        Some(l) => Ok(l),
        None => Err(vm.type_error("descriptor requires a '_thread.lock' object")),
    }
}

fn lock_acquire(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let (blocking, timeout) = acquire_args(vm, &args)?;
    let l = lock_of(vm, &this)?;
    if !l.locked.get() {
        l.locked.set(true);
        return Ok(Value::bool(true));
    }
    if blocking && timeout < 0.0 {
        return Err(vm.runtime_error("deadlock: acquiring a held lock with no other thread"));
    }
    Ok(Value::bool(false))
}

fn lock_release(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "release", 0, 0)?;
    let l = lock_of(vm, this)?;
    if !l.locked.get() {
        return Err(vm.runtime_error("release unlocked lock"));
    }
    l.locked.set(false);
    Ok(Value::None)
}

fn lock_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let l = lock_of(vm, &this)?;
    if !l.locked.get() {
        return Err(vm.runtime_error("release unlocked lock"));
    }
    l.locked.set(false);
    Ok(Value::None)
}

fn lock_locked(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "locked", 0, 0)?;
    Ok(Value::bool(lock_of(vm, this)?.locked.get()))
}

fn lock_reinit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "_at_fork_reinit", 0, 0)?;
    lock_of(vm, this)?.locked.set(false);
    Ok(Value::None)
}

fn lock_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let state = if lock_of(vm, this)?.locked.get() {
        "locked"
    } else {
        "unlocked"
    };
    let tn = vm.type_name(this);
    Ok(vm.new_string(format!(
        "<{state} _thread.{tn} object at {:#x}>",
        this.identity()
    )))
}

fn rlock_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "RLock")?;
    Ok(Value::Obj(vm.new_object(
        &cls,
        Payload::Native(Box::new(RLock {
            count: Cell::new(0),
        })),
    )))
}

fn rlock_of<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a RLock> {
    match native_ref::<RLock>(v) {
        Some(l) => Ok(l),
        None => Err(vm.type_error("descriptor requires a '_thread.RLock' object")),
    }
}

fn rlock_acquire(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    acquire_args(vm, &args)?;
    let l = rlock_of(vm, &this)?;
    match l.count.get().checked_add(1) {
        Some(n) => l.count.set(n),
        None => return Err(vm.overflow_error("Internal lock count overflowed")),
    }
    Ok(Value::bool(true))
}

fn rlock_release(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let l = rlock_of(vm, &this)?;
    if l.count.get() == 0 {
        return Err(vm.runtime_error("cannot release un-acquired lock"));
    }
    l.count.set(l.count.get() - 1);
    Ok(Value::None)
}

fn rlock_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    rlock_release(vm, args)
}

fn rlock_is_owned(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "_is_owned", 0, 0)?;
    Ok(Value::bool(rlock_of(vm, this)?.count.get() > 0))
}

fn rlock_release_save(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "_release_save", 0, 0)?;
    let l = rlock_of(vm, this)?;
    let n = l.count.get();
    if n == 0 {
        return Err(vm.runtime_error("cannot release un-acquired lock"));
    }
    l.count.set(0);
    Ok(vm.new_tuple(vec![Value::Int(n as i64), Value::Int(MAIN_IDENT)]))
}

fn rlock_acquire_restore(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "_acquire_restore", 1, 1)?;
    let state = vm.iterate(&rest[0])?;
    let n = match state.first() {
        Some(v) => vm.index_to_i64(v)?,
        None => return Err(vm.type_error("_acquire_restore expects (count, owner)")),
    };
    rlock_of(vm, this)?
        .count
        .set(usize::try_from(n).unwrap_or(0));
    Ok(Value::None)
}

fn rlock_reinit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "_at_fork_reinit", 0, 0)?;
    rlock_of(vm, this)?.count.set(0);
    Ok(Value::None)
}

fn rlock_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let n = rlock_of(vm, this)?.count.get();
    let state = if n > 0 { "locked" } else { "unlocked" };
    let owner = if n > 0 { MAIN_IDENT } else { 0 };
    let tn = vm.type_name(this);
    Ok(vm.new_string(format!(
        "<{state} _thread.{tn} object owner={owner} count={n} at {:#x}>",
        this.identity()
    )))
}
