//! `_thread` (CPython: `Modules/_threadmodule.c`): real OS threads under the interpreter lock
//! (`threads.rs`), locks whose blocking waits release it, re-entrant locks and `_local`.
//!
//! A blocking wait runs in slices of at most 50 ms with the interpreter lock released; between
//! slices the thread takes the lock back and runs the interrupt check, so a timeout, a host
//! cancel, a heap cap hit by another thread or Ctrl-C (main thread) ends the wait.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use crate::native::{bind_args, method_args, native_ref, pos_args};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::typeobj::{BuiltinKind, Layout, TypeData, type_data};
use crate::value::Value;
use crate::{PyResult, Vm};

/// `_thread.TIMEOUT_MAX` on Linux.
const TIMEOUT_MAX: f64 = 9223372036.0;
/// Longest wait with the interpreter lock released before the checks run again.
const SLICE: Duration = Duration::from_millis(50);

fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A lock's state, shared with the threads waiting for it.
#[derive(Default)]
struct LockInner {
    locked: Mutex<bool>,
    cv: Condvar,
}

impl LockInner {
    fn try_take(&self) -> bool {
        let mut g = guard(&self.locked);
        if *g {
            return false;
        }
        *g = true;
        true
    }

    /// Wait up to `d` for the lock to be free and take it.
    fn wait_take(&self, d: Duration) -> bool {
        let g = guard(&self.locked);
        let (mut g, _) = self
            .cv
            .wait_timeout_while(g, d, |locked| *locked)
            .unwrap_or_else(PoisonError::into_inner);
        if *g {
            return false;
        }
        *g = true;
        true
    }

    fn is_locked(&self) -> bool {
        *guard(&self.locked)
    }

    /// Unlock; false if it was not locked.
    fn release(&self) -> bool {
        let mut g = guard(&self.locked);
        if !*g {
            return false;
        }
        *g = false;
        drop(g);
        self.cv.notify_one();
        true
    }
}

struct Lock {
    inner: Arc<LockInner>,
}

/// A re-entrant lock's state: owner identity and count.
#[derive(Default)]
struct RLockInner {
    state: Mutex<(i64, usize)>,
    cv: Condvar,
}

impl RLockInner {
    /// Wait up to `d` for the lock to be free and take it for `me` with `count`.
    fn wait_take(&self, me: i64, count: usize, d: Duration) -> bool {
        let g = guard(&self.state);
        let (mut g, _) = self
            .cv
            .wait_timeout_while(g, d, |s| s.1 > 0)
            .unwrap_or_else(PoisonError::into_inner);
        if g.1 > 0 {
            return false;
        }
        *g = (me, count);
        true
    }
}

struct RLock {
    inner: Arc<RLockInner>,
}

/// `_thread._local`: the instance's `__dict__` is swapped for the running thread's on access.
struct LocalData {
    /// The other threads' dicts, by thread identity.
    dicts: RefCell<HashMap<i64, ObjRef>>,
    /// Whose dict the object holds now.
    owner: Cell<i64>,
    /// The constructor's arguments, for `__init__` in each new thread.
    args: Value,
    kwargs: Option<Value>,
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
            method "_recursion_count" => rlock_recursion_count, "";
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
            ("_set_sentinel", set_sentinel),
            ("daemon_threads_allowed", daemon_threads_allowed),
            ("interrupt_main", interrupt_main),
            ("exit", thread_exit),
            ("exit_thread", thread_exit),
        ],
    );
    super::set_attr(vm, m, "LockType", Value::Obj(lock));
    super::set_attr(vm, m, "RLock", Value::Obj(rlock));
    let err = Value::Obj(vm.types.runtime_error.clone());
    super::set_attr(vm, m, "error", err);
    super::set_attr(vm, m, "TIMEOUT_MAX", Value::float(TIMEOUT_MAX));
    let local = local_type(vm);
    super::set_attr(vm, m, "_local", Value::Obj(local));
    let args_type = crate::sysmodule::struct_seq_type(
        vm,
        "_thread",
        "_ExceptHookArgs",
        &["exc_type", "exc_value", "exc_traceback", "thread"],
    );
    vm.add_methods(
        &args_type,
        crate::methods![
            staticmethod "__new__" => crate::sysmodule::struct_seq_new, "";
        ],
    );
    vm.mods.except_hook_args = Some(args_type.clone());
    super::set_attr(vm, m, "_ExceptHookArgs", Value::Obj(args_type));
    vm.add_functions(m, &[("_excepthook", excepthook)]);
    Ok(())
}

/// `_thread._excepthook(args)`, `threading.excepthook`'s default: "Exception in thread
/// NAME:" and the exception's report on `sys.stderr` (or the thread's `_stderr` when
/// `sys.stderr` is None), then a flush; `SystemExit` is ignored
/// (CPython: `Modules/_threadmodule.c`, `thread_excepthook`). Having it native keeps
/// `threading` from importing `traceback` (and with it `linecache`, `tokenize`, `textwrap`)
/// at every start.
fn excepthook(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "_excepthook", 1, 1)?;
    let items = match (&a[0], &vm.mods.except_hook_args) {
        (Value::Obj(o), Some(t)) if o.class_is(t) => match &o.payload {
            Payload::Tuple(items) => items.to_vec(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    let [exc_type, exc_value, _tb, thread] = items.as_slice() else {
        return Err(vm.type_error("_thread.excepthook argument type must be ExceptHookArgs"));
    };
    if let Value::Obj(t) = exc_type
        && ObjRef::ptr_eq(t, &vm.types.system_exit)
    {
        return Ok(Value::None);
    }
    let mut file = vm.sys_attr("stderr").unwrap_or(Value::None);
    if file.is_none() {
        if thread.is_none() {
            return Ok(Value::None);
        }
        file = vm.getattr_str(thread, "_stderr")?;
        if file.is_none() {
            return Ok(Value::None);
        }
    }
    crate::builtins::write_to(vm, &file, "Exception in thread ")?;
    let name = if thread.is_none() {
        None
    } else {
        match vm.getattr_str(thread, "name") {
            Ok(n) => Some(n),
            Err(e) if vm.err_matches(&e, &vm.types.attribute_error.clone()) => None,
            Err(e) => return Err(e),
        }
    };
    let name = match name {
        Some(n) => {
            let s = vm.str(&n)?;
            vm.str_text(&s)
        }
        None => (vm.thread.ident as u64).to_string(),
    };
    crate::builtins::write_to(vm, &file, &name)?;
    crate::builtins::write_to(vm, &file, ":\n")?;
    let report = if matches!(exc_value.payload(), Some(Payload::Exception(_))) {
        vm.format_exception(exc_value)
    } else {
        format!(
            "TypeError: print_exception(): Exception expected for value, {} found\n",
            vm.type_name(exc_value)
        )
    };
    crate::builtins::write_to(vm, &file, &report)?;
    let flush = vm.getattr_str(&file, "flush")?;
    vm.call_pos(&flush, &[])?;
    Ok(Value::None)
}

fn new_lock(vm: &mut Vm) -> Value {
    let t = match &vm.mods.lock_type {
        Some(t) => t.clone(),
        None => vm.types.object.clone(),
    };
    Value::Obj(vm.new_object(
        &t,
        Payload::Native(Box::new(Lock {
            inner: Arc::default(),
        })),
    ))
}

fn allocate_lock(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "allocate_lock", 0, 0)?;
    Ok(new_lock(vm))
}

/// `_set_sentinel()`: a lock released when the calling thread ends (`threading` joins on it).
fn set_sentinel(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "_set_sentinel", 0, 0)?;
    let l = new_lock(vm);
    vm.thread.sentinels.push(l.clone());
    Ok(l)
}

/// Release a `_set_sentinel` lock if it is held (the thread it belongs to ended).
pub(crate) fn release_sentinel(_vm: &mut Vm, v: &Value) {
    if let Some(l) = native_ref::<Lock>(v) {
        l.inner.release();
    }
}

fn get_ident(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(vm.thread.ident))
}

fn count(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(vm.threads.count as i64))
}

fn daemon_threads_allowed(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::bool(true))
}

fn start_new_thread(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "start_new_thread", 2, 3)?;
    let func = args.values[0].clone();
    if !vm.is_callable(&func) {
        return Err(vm.type_error("first arg must be callable"));
    }
    let fargs = args.values[1].clone();
    if !matches!(fargs.payload(), Some(Payload::Tuple(_))) {
        return Err(vm.type_error("2nd arg must be a tuple"));
    }
    let kwargs = match args.values.get(2) {
        None => None,
        Some(k) if matches!(k.payload(), Some(Payload::Dict(_))) => Some(k.clone()),
        Some(_) => return Err(vm.type_error("optional 3rd arg must be a dictionary")),
    };
    match vm.start_thread(func, fargs, kwargs) {
        Ok(ident) => Ok(Value::Int(ident)),
        Err(_) => Err(vm.runtime_error("can't start new thread")),
    }
}

fn stack_size(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "stack_size", 0, 1)?;
    let old = vm.threads.stack_size as i64;
    if let Some(v) = args.values.first() {
        let n = vm.index_to_i64(v)?;
        if n != 0 && n < 32768 {
            return Err(vm.value_error(format!("size not valid: {n} bytes")));
        }
        if n < 0 {
            return Err(vm.value_error("size must be 0 or a positive value"));
        }
        vm.threads.stack_size = usize::try_from(n).unwrap_or(usize::MAX);
    }
    Ok(Value::Int(old))
}

/// `interrupt_main(signum=SIGINT)`: as if the signal arrived (CPython's
/// `PyErr_SetInterruptEx`): nothing when it is ignored or has its default action; SIGINT's
/// handler raises `KeyboardInterrupt` in the main thread at its next check.
fn interrupt_main(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SIGINT: i64 = 2;
    const NSIG: i64 = 65;
    let a = pos_args(vm, &args, "interrupt_main", 0, 1)?;
    let signum = match a.first() {
        None => SIGINT,
        Some(v) => vm.index_to_i64(v)?,
    };
    if !(1..NSIG).contains(&signum) {
        return Err(vm.value_error("signal number out of range"));
    }
    let handler = vm.mods.signal_handlers.get(signum as usize).cloned();
    if signum != SIGINT || matches!(handler, Some(Value::Int(0 | 1))) {
        return Ok(Value::None);
    }
    if vm.thread.main
        && let Some(h) = handler
        && !matches!(h, Value::Int(_) | Value::None)
    {
        // The main thread runs the handler at once (CPython's eval breaker, right after
        // the call); the default one raises KeyboardInterrupt.
        vm.call_pos(&h, &[Value::Int(signum), Value::None])?;
        return Ok(Value::None);
    }
    vm.interrupt
        .store(true, std::sync::atomic::Ordering::Relaxed);
    vm.limits
        .ticks
        .store(-1, std::sync::atomic::Ordering::Relaxed);
    Ok(Value::None)
}

fn thread_exit(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let t = vm.types.system_exit.clone();
    Err(vm.new_exception(&t, Vec::new()))
}

/// A timeout in seconds given as an int or a float (`_PyTime_FromSecondsObject`'s type and
/// NaN checks; the range checks differ by caller).
pub(crate) fn seconds_arg(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    let secs = match v {
        Value::Int(i) => *i as f64,
        Value::Float(f) => f.get(),
        v => {
            let tn = vm.type_name(v);
            return Err(vm.type_error(format!(
                "'{tn}' object cannot be interpreted as an integer or float"
            )));
        }
    };
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    Ok(secs)
}

/// `(blocking=True, timeout=-1)` with CPython's checks (`lock_acquire_parse_args`); the
/// timeout is `None` for "forever".
fn acquire_args(vm: &mut Vm, args: &Args<'_>) -> PyResult<(bool, Option<f64>)> {
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
        v => seconds_arg(vm, v)?,
    };
    if !blocking && timeout != -1.0 {
        return Err(vm.value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(vm.value_error("timeout value must be positive"));
    }
    if timeout * 1e9 >= i64::MAX as f64 {
        return Err(vm.overflow_error("timestamp out of range for platform time_t"));
    }
    if timeout > TIMEOUT_MAX {
        return Err(vm.overflow_error("timeout value is too large"));
    }
    if !blocking {
        return Ok((false, Some(0.0)));
    }
    Ok((true, (timeout >= 0.0).then_some(timeout)))
}

/// Wait until `take` (which waits up to the given time itself) succeeds, at most `timeout`
/// seconds (`None`: forever), with the interpreter lock released.
pub(super) fn blocking_wait(
    vm: &mut Vm,
    timeout: Option<f64>,
    take: impl Fn(Duration) -> bool + Send + Sync + Clone,
) -> PyResult<bool> {
    if timeout.is_none() && vm.threads.count == 0 && vm.thread.main {
        // No other thread exists that could ever release it.
        return Err(vm.runtime_error("deadlock: acquiring a held lock with no other thread"));
    }
    let mut left = timeout.map(Duration::from_secs_f64);
    loop {
        let step = left.map_or(SLICE, |l| l.min(SLICE));
        let f = take.clone();
        if vm.allow_threads(move || f(step)) {
            return Ok(true);
        }
        if let Some(l) = &mut left {
            *l = l.saturating_sub(step);
            if l.is_zero() {
                return Ok(false);
            }
        }
        vm.check_now()?;
    }
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
    let inner = lock_of(vm, &this)?.inner.clone();
    if inner.try_take() {
        return Ok(Value::bool(true));
    }
    if !blocking || timeout == Some(0.0) {
        return Ok(Value::bool(false));
    }
    let got = blocking_wait(vm, timeout, move |d| inner.wait_take(d))?;
    Ok(Value::bool(got))
}

fn lock_release(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "release", 0, 0)?;
    if !lock_of(vm, this)?.inner.release() {
        return Err(vm.runtime_error("release unlocked lock"));
    }
    Ok(Value::None)
}

fn lock_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    if !lock_of(vm, &this)?.inner.release() {
        return Err(vm.runtime_error("release unlocked lock"));
    }
    Ok(Value::None)
}

fn lock_locked(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "locked", 0, 0)?;
    Ok(Value::bool(lock_of(vm, this)?.inner.is_locked()))
}

fn lock_reinit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "_at_fork_reinit", 0, 0)?;
    lock_of(vm, this)?.inner.release();
    Ok(Value::None)
}

fn lock_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let state = if lock_of(vm, this)?.inner.is_locked() {
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
            inner: Arc::default(),
        })),
    )))
}

fn rlock_of<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a RLock> {
    match native_ref::<RLock>(v) {
        Some(l) => Ok(l),
        None => Err(vm.type_error("descriptor requires a '_thread.RLock' object")),
    }
}

/// Take `inner` for `me` with `count` (blocking as asked); the owner's re-entry is the
/// caller's business.
fn rlock_take(
    vm: &mut Vm,
    inner: Arc<RLockInner>,
    me: i64,
    count: usize,
    blocking: bool,
    timeout: Option<f64>,
) -> PyResult<bool> {
    {
        let mut g = guard(&inner.state);
        if g.1 == 0 {
            *g = (me, count);
            return Ok(true);
        }
    }
    if !blocking || timeout == Some(0.0) {
        return Ok(false);
    }
    blocking_wait(vm, timeout, move |d| inner.wait_take(me, count, d))
}

fn rlock_acquire(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let (blocking, timeout) = acquire_args(vm, &args)?;
    let inner = rlock_of(vm, &this)?.inner.clone();
    let me = vm.thread.ident;
    {
        let mut g = guard(&inner.state);
        if g.1 > 0 && g.0 == me {
            match g.1.checked_add(1) {
                Some(n) => g.1 = n,
                None => {
                    drop(g);
                    return Err(vm.overflow_error("Internal lock count overflowed"));
                }
            }
            return Ok(Value::bool(true));
        }
    }
    let got = rlock_take(vm, inner, me, 1, blocking, timeout)?;
    Ok(Value::bool(got))
}

fn rlock_release(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let inner = rlock_of(vm, &this)?.inner.clone();
    let me = vm.thread.ident;
    let mut g = guard(&inner.state);
    if g.1 == 0 || g.0 != me {
        drop(g);
        return Err(vm.runtime_error("cannot release un-acquired lock"));
    }
    g.1 -= 1;
    if g.1 == 0 {
        g.0 = 0;
        drop(g);
        inner.cv.notify_one();
    }
    Ok(Value::None)
}

fn rlock_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    rlock_release(vm, args)
}

fn rlock_is_owned(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "_is_owned", 0, 0)?;
    let me = vm.thread.ident;
    let g = *guard(&rlock_of(vm, this)?.inner.state);
    Ok(Value::bool(g.1 > 0 && g.0 == me))
}

/// How many times the calling thread holds the lock (0 when another thread does).
fn rlock_recursion_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "_recursion_count", 0, 0)?;
    let me = vm.thread.ident;
    let (owner, n) = *guard(&rlock_of(vm, this)?.inner.state);
    Ok(Value::Int(if owner == me { n as i64 } else { 0 }))
}

fn rlock_release_save(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "_release_save", 0, 0)?;
    let inner = rlock_of(vm, this)?.inner.clone();
    let mut g = guard(&inner.state);
    let (owner, n) = *g;
    if n == 0 {
        drop(g);
        return Err(vm.runtime_error("cannot release un-acquired lock"));
    }
    *g = (0, 0);
    drop(g);
    inner.cv.notify_one();
    Ok(vm.new_pair(Value::Int(n as i64), Value::Int(owner)))
}

fn rlock_acquire_restore(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "_acquire_restore", 1, 1)?;
    let state = vm.iterate(&rest[0])?;
    let (Some(n), Some(owner)) = (state.first(), state.get(1)) else {
        return Err(vm.type_error("_acquire_restore expects (count, owner)"));
    };
    let n = usize::try_from(vm.index_to_i64(n)?).unwrap_or(0);
    let owner = vm.index_to_i64(owner)?;
    let inner = rlock_of(vm, this)?.inner.clone();
    rlock_take(vm, inner, owner, n, true, None)?;
    Ok(Value::None)
}

fn rlock_reinit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "_at_fork_reinit", 0, 0)?;
    *guard(&rlock_of(vm, this)?.inner.state) = (0, 0);
    Ok(Value::None)
}

fn rlock_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let (owner, n) = *guard(&rlock_of(vm, this)?.inner.state);
    let state = if n > 0 { "locked" } else { "unlocked" };
    let tn = vm.type_name(this);
    Ok(vm.new_string(format!(
        "<{state} _thread.{tn} object owner={owner} count={n} at {:#x}>",
        this.identity()
    )))
}

// `_local`.

fn local_type(vm: &mut Vm) -> ObjRef {
    let object = vm.types.object.clone();
    let mut data = TypeData::new(
        "_local",
        vec![object.clone()],
        Layout::Builtin(BuiltinKind::Other),
        true,
    );
    data.has_dict = true;
    let t = ObjRef::new(vm.types.type_.clone(), Payload::Type(Box::new(data)));
    *type_data(&t).mro.borrow_mut() = vec![t.clone(), object];
    let m = vm.new_str("_thread");
    vm.set_type_attr(&t, "__module__", m);
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => local_new, "";
            method "__getattribute__" => local_getattribute, "";
            method "__setattr__" => local_setattr, "";
            method "__delattr__" => local_delattr, "";
        ],
    );
    t
}

fn local_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "_local")?;
    let pos: Vec<Value> = args.pos().get(1..).unwrap_or(&[]).to_vec();
    if !pos.is_empty() || args.has_kwargs() {
        let object = vm.types.object.clone();
        if crate::native::inherits_slot(vm, &cls, &object, "__init__") {
            return Err(vm.type_error("Initialization arguments are not supported"));
        }
    }
    let args_t = vm.new_tuple(pos);
    let kwargs = if args.has_kwargs() {
        let d = Value::Obj(vm.new_dict());
        for (k, v) in args.kwargs() {
            vm.setitem(&d, k.clone(), v.clone())?;
        }
        Some(d)
    } else {
        None
    };
    let me = vm.thread.ident;
    Ok(Value::Obj(vm.new_object(
        &cls,
        Payload::Native(Box::new(LocalData {
            dicts: RefCell::default(),
            owner: Cell::new(me),
            args: args_t,
            kwargs,
        })),
    )))
}

/// Give `this` the running thread's attribute dict (made, and `__init__` run, on a thread's
/// first access).
fn local_switch(vm: &mut Vm, this: &Value) -> PyResult<()> {
    let Some(data) = native_ref::<LocalData>(this) else {
        return Err(vm.type_error("descriptor requires a '_thread._local' object"));
    };
    let me = vm.thread.ident;
    let owner = data.owner.get();
    if owner == me {
        return Ok(());
    }
    let Value::Obj(o) = this else {
        return Ok(());
    };
    let cur = o.set_instance_dict(None);
    if let Some(d) = cur {
        data.dicts.borrow_mut().insert(owner, d);
    }
    let found = data.dicts.borrow_mut().remove(&me);
    let fresh = found.is_none();
    let d = match found {
        Some(d) => d,
        None => vm.new_dict(),
    };
    drop(o.set_instance_dict(Some(d)));
    data.owner.set(me);
    if fresh {
        let cls = vm.type_of(this);
        let object = vm.types.object.clone();
        if !crate::native::inherits_slot(vm, &cls, &object, "__init__") {
            let (a, k) = (data.args.clone(), data.kwargs.clone());
            let init = vm.getattr_str(this, "__init__")?;
            vm.call_ex(&init, &a, k.as_ref())?;
        }
    }
    Ok(())
}

fn local_getattribute(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__getattribute__", 1, 1)?;
    local_switch(vm, this)?;
    let name = attr_name(vm, &rest[0])?;
    match vm.generic_getattr(this, &name)? {
        Some(v) => Ok(v),
        None => Err(vm.no_attribute(this, &name)),
    }
}

fn local_setattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__setattr__", 2, 2)?;
    local_switch(vm, this)?;
    let name = attr_name(vm, &rest[0])?;
    if vm.str_text(&rest[0]) == "__dict__" {
        let tn = vm.type_name(this);
        return Err(vm.attribute_error(format!("'{tn}' object attribute '__dict__' is read-only")));
    }
    vm.generic_setattr(this, &name, Some(rest[1].clone()))?;
    Ok(Value::None)
}

fn local_delattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__delattr__", 1, 1)?;
    local_switch(vm, this)?;
    let name = attr_name(vm, &rest[0])?;
    vm.generic_setattr(this, &name, None)?;
    Ok(Value::None)
}

fn attr_name(vm: &mut Vm, v: &Value) -> PyResult<ObjRef> {
    match v {
        Value::Obj(o) if matches!(o.payload, Payload::Str(_)) => Ok(o.clone()),
        _ => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("attribute name must be string, not '{tn}'")))
        }
    }
}
