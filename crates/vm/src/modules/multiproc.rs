//! `_multiprocessing` (the `SemLock` behind `multiprocessing.synchronize`) and `_posixshmem`
//! (CPython: `Modules/_multiprocessing/semaphore.c`, `posixshmem.c`). Semaphores are POSIX
//! named semaphores opened by the `Host`; a blocking acquire waits in short slices with the
//! interpreter lock released and the interrupt check between them, so other threads, limits
//! and Ctrl-C all get their turn.

use std::cell::Cell;

use crate::host::SemOps;
use crate::native::{bind_args, native_ref, pos_args};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

const RECURSIVE_MUTEX: i64 = 0;
const SEMAPHORE: i64 = 1;
/// `SEM_VALUE_MAX` on Linux (`INT_MAX`).
const SEM_VALUE_MAX: i64 = i32::MAX as i64;

struct SemLock {
    handle: usize,
    kind: i64,
    maxvalue: i64,
    name: Option<String>,
    count: Cell<i64>,
    last_tid: Cell<i64>,
    ops: SemOps,
}

impl Drop for SemLock {
    fn drop(&mut self) {
        (self.ops.close)(self.handle);
    }
}

pub(super) fn init_multiprocessing(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let t = super::new_type(vm, "_multiprocessing", "SemLock", true);
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => semlock_new, "";
            method "acquire" => semlock_acquire, "";
            method "release" => semlock_release, "";
            method "__enter__" => semlock_acquire, "";
            method "__exit__" => semlock_exit, "";
            method "_count" => semlock_count, "";
            method "_is_mine" => semlock_is_mine, "";
            method "_get_value" => semlock_get_value, "";
            method "_is_zero" => semlock_is_zero, "";
            method "_after_fork" => semlock_after_fork, "";
            classmethod "_rebuild" => semlock_rebuild, "";
        ],
    );
    vm.add_getset(
        &t,
        "handle",
        |vm, v| field(vm, v, |s, _| Value::Int(s.handle as i64)),
        None,
    );
    vm.add_getset(
        &t,
        "kind",
        |vm, v| field(vm, v, |s, _| Value::Int(s.kind)),
        None,
    );
    vm.add_getset(
        &t,
        "maxvalue",
        |vm, v| field(vm, v, |s, _| Value::Int(s.maxvalue)),
        None,
    );
    vm.add_getset(
        &t,
        "name",
        |vm, v| {
            field(vm, v, |s, vm| match &s.name {
                Some(n) => vm.new_str(n),
                None => Value::None,
            })
        },
        None,
    );
    vm.set_type_attr(&t, "SEM_VALUE_MAX", Value::Int(SEM_VALUE_MAX));
    super::set_attr(vm, m, "SemLock", Value::Obj(t));
    vm.add_functions(m, &[("sem_unlink", sem_unlink)]);
    let flags = vm.new_dict();
    vm.set_dict_str(&flags, "HAVE_SEM_OPEN", Value::Int(1));
    vm.set_dict_str(&flags, "HAVE_SEM_TIMEDWAIT", Value::Int(1));
    super::set_attr(vm, m, "flags", Value::Obj(flags));
    Ok(())
}

pub(super) fn init_posixshmem(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(m, &[("shm_open", shm_open), ("shm_unlink", shm_unlink)]);
    Ok(())
}

fn field(vm: &mut Vm, v: &Value, f: impl FnOnce(&SemLock, &mut Vm) -> Value) -> PyResult<Value> {
    match native_ref::<SemLock>(v) {
        Some(s) => Ok(f(s, vm)),
        None => Err(vm.type_error("descriptor requires a '_multiprocessing.SemLock' object")),
    }
}

fn this<'a>(vm: &mut Vm, args: &'a Args<'_>) -> PyResult<&'a SemLock> {
    match args.values.first().and_then(native_ref::<SemLock>) {
        Some(s) => Ok(s),
        None => Err(vm.type_error("descriptor requires a '_multiprocessing.SemLock' object")),
    }
}

fn name_arg(vm: &mut Vm, v: &Value, func: &str) -> PyResult<String> {
    match v.payload() {
        Some(Payload::Str(_)) => Ok(vm.str_text(v)),
        _ => Err(vm.type_error(format!(
            "{func}() argument 'name' must be str, not {}",
            vm.type_name(v)
        ))),
    }
}

fn ops(vm: &mut Vm) -> PyResult<SemOps> {
    match vm.host.sem_ops() {
        Some(o) => Ok(o),
        None => Err(vm.os_error_errno(1, None, None)),
    }
}

fn make(vm: &mut Vm, cls: &ObjRef, lock: SemLock) -> Value {
    Value::Obj(vm.new_object(cls, Payload::Native(Box::new(lock))))
}

/// `SemLock(kind, value, maxvalue, name, unlink)`
fn semlock_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "SemLock")?;
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let a = bind_args(
        vm,
        &rest,
        "SemLock",
        &["kind", "value", "maxvalue", "name", "unlink"],
        5,
    )?;
    let kind = vm.index_to_i64(&a[0])?;
    if kind != RECURSIVE_MUTEX && kind != SEMAPHORE {
        return Err(vm.value_error("unrecognized kind"));
    }
    let value = vm.index_to_i64(&a[1])?;
    let maxvalue = vm.index_to_i64(&a[2])?;
    let name = name_arg(vm, &a[3], "SemLock")?;
    let unlink = vm.is_true(&a[4])?;
    let Ok(value) = u32::try_from(value) else {
        return Err(vm.os_error_errno(22, None, None));
    };
    let ops = ops(vm)?;
    let handle = match vm.host.sem_open(&name, true, value) {
        Ok(h) => h,
        Err(e) => return Err(vm.os_error_io(&e, None)),
    };
    let lock = SemLock {
        handle,
        kind,
        maxvalue,
        name: if unlink { None } else { Some(name.clone()) },
        count: Cell::new(0),
        last_tid: Cell::new(0),
        ops,
    };
    if unlink && let Err(e) = vm.host.sem_unlink(&name) {
        return Err(vm.os_error_io(&e, None));
    }
    Ok(make(vm, &cls, lock))
}

/// `SemLock._rebuild(handle, kind, maxvalue, name)`: reopen by name (a handle from elsewhere
/// is never trusted).
fn semlock_rebuild(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "_rebuild", 5, 5)?;
    let Some(cls) = a[0].as_obj().cloned() else {
        return Err(vm.type_error("_rebuild needs a class"));
    };
    let kind = vm.index_to_i64(&a[2])?;
    let maxvalue = vm.index_to_i64(&a[3])?;
    if a[4].is_none() {
        return Err(vm.value_error("cannot rebuild a SemLock without a name"));
    }
    let name = name_arg(vm, &a[4], "_rebuild")?;
    let ops = ops(vm)?;
    let handle = match vm.host.sem_open(&name, false, 0) {
        Ok(h) => h,
        Err(e) => return Err(vm.os_error_io(&e, None)),
    };
    let lock = SemLock {
        handle,
        kind,
        maxvalue,
        name: Some(name),
        count: Cell::new(0),
        last_tid: Cell::new(0),
        ops,
    };
    Ok(make(vm, &cls, lock))
}

fn is_mine(vm: &Vm, s: &SemLock) -> bool {
    s.count.get() > 0 && s.last_tid.get() == vm.thread.ident
}

/// `acquire(block=True, timeout=None)`
fn semlock_acquire(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = this(vm, &args)?;
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &rest, "acquire", &["block", "timeout"], 0)?;
    let block = a[0].is_null() || vm.is_true(&a[0])?;
    let timeout = if a[1].is_null() || a[1].is_none() {
        None
    } else {
        Some(crate::objects::float::float_from_value(vm, &a[1])?.max(0.0))
    };
    if s.kind == RECURSIVE_MUTEX && is_mine(vm, s) {
        s.count.set(s.count.get() + 1);
        return Ok(Value::bool(true));
    }
    let (h, ops) = (s.handle, s.ops);
    let mut got = (ops.try_wait)(h).map_err(|e| vm.os_error_io(&e, None))?;
    if !got && block {
        // Waits in slices; `None` waits until it is taken.
        const SLICE: f64 = 0.05;
        let mut left = timeout;
        loop {
            let step = left.map_or(SLICE, |l| l.min(SLICE));
            let r = if vm.threads_active() {
                vm.allow_threads(move || (ops.wait_for)(h, step))
            } else {
                (ops.wait_for)(h, step)
            };
            got = r.map_err(|e| vm.os_error_io(&e, None))?;
            if got {
                break;
            }
            vm.tick(1)?;
            if let Some(l) = left.as_mut() {
                *l -= step;
                if *l <= 0.0 {
                    break;
                }
            }
        }
    }
    if !got {
        return Ok(Value::bool(false));
    }
    let s = this(vm, &args)?;
    s.count.set(s.count.get() + 1);
    s.last_tid.set(vm.thread.ident);
    Ok(Value::bool(true))
}

/// `release()`
fn semlock_release(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = this(vm, &args)?;
    if s.kind == RECURSIVE_MUTEX {
        if !is_mine(vm, s) {
            let t = vm.types.assertion_error.clone();
            return Err(
                vm.new_exception_msg(&t, "attempt to release recursive lock not owned by thread")
            );
        }
        if s.count.get() > 1 {
            s.count.set(s.count.get() - 1);
            return Ok(Value::None);
        }
    } else {
        let v = (s.ops.value)(s.handle).map_err(|e| vm.os_error_io(&e, None))?;
        if i64::from(v) >= s.maxvalue {
            return Err(vm.value_error("semaphore or lock released too many times"));
        }
    }
    (s.ops.post)(s.handle).map_err(|e| vm.os_error_io(&e, None))?;
    s.count.set(s.count.get() - 1);
    Ok(Value::None)
}

fn semlock_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let first = Args::positional(&args.values[..1.min(args.values.len())]);
    semlock_release(vm, first)
}

fn semlock_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = this(vm, &args)?;
    Ok(Value::Int(s.count.get()))
}

fn semlock_is_mine(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = this(vm, &args)?;
    Ok(Value::bool(is_mine(vm, s)))
}

fn semlock_get_value(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = this(vm, &args)?;
    let v = (s.ops.value)(s.handle).map_err(|e| vm.os_error_io(&e, None))?;
    // Linux may report a negative count of waiters; CPython clamps to zero.
    Ok(Value::Int(i64::from(v.max(0))))
}

fn semlock_is_zero(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = this(vm, &args)?;
    let v = (s.ops.value)(s.handle).map_err(|e| vm.os_error_io(&e, None))?;
    Ok(Value::bool(v <= 0))
}

fn semlock_after_fork(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = this(vm, &args)?;
    s.count.set(0);
    Ok(Value::None)
}

fn sem_unlink(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "sem_unlink", 1, 1)?;
    let name = name_arg(vm, &a[0], "sem_unlink")?;
    match vm.host.sem_unlink(&name) {
        Ok(()) => Ok(Value::None),
        Err(e) => {
            let n = a[0].clone();
            Err(vm.os_error_io(&e, Some(&n)))
        }
    }
}

/// `shm_open(path, flags, mode=0o777)`
fn shm_open(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "shm_open", &["path", "flags", "mode"], 2)?;
    let path = match a[0].payload() {
        Some(Payload::Str(_)) => vm.str_text(&a[0]),
        _ => {
            return Err(vm.type_error(format!(
                "shm_open() argument 'path' must be str, not {}",
                vm.type_name(&a[0])
            )));
        }
    };
    let flags = vm.index_to_i64(&a[1])? as i32;
    let mode = if a[2].is_null() {
        0o777
    } else {
        vm.index_to_i64(&a[2])? as u32
    };
    match vm.host.shm_open(&path, flags, mode) {
        Ok(fd) => Ok(Value::Int(i64::from(fd))),
        Err(e) => {
            let p = a[0].clone();
            Err(vm.os_error_io(&e, Some(&p)))
        }
    }
}

/// `shm_unlink(path)`
fn shm_unlink(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "shm_unlink", &["path"], 1)?;
    let path = match a[0].payload() {
        Some(Payload::Str(_)) => vm.str_text(&a[0]),
        _ => {
            return Err(vm.type_error(format!(
                "shm_unlink() argument 'path' must be str, not {}",
                vm.type_name(&a[0])
            )));
        }
    };
    match vm.host.shm_unlink(&path) {
        Ok(()) => Ok(Value::None),
        Err(e) => {
            let p = a[0].clone();
            Err(vm.os_error_io(&e, Some(&p)))
        }
    }
}
