//! `_signal`'s timers, masks, waits and sends (CPython: `Modules/signalmodule.c`):
//! `setitimer`/`getitimer` (failures raise `ItimerError`, an `OSError` subclass named
//! `signal.itimer_error`), `alarm`, `pause`, `raise_signal`, `pthread_kill`,
//! `pthread_sigmask`, `sigpending`, `sigwait`, `sigwaitinfo` and `sigtimedwait` (with
//! `struct_siginfo`). Each goes through the host; the sandbox refuses with `EPERM`. A call
//! that may let a signal through (an unblocked mask, a signal sent to this thread, the end of
//! a wait) runs the pending handlers before it returns, as CPython's `PyErr_CheckSignals`.

use super::{NSIG, c_int, pos_args};
use crate::host::SigInfo;
use crate::host::errno::{EINTR, EPERM, ESRCH};
use crate::object::ObjRef;
use crate::objects::function::Args;
use crate::objects::range::{index_big, int_value};
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

const ITIMER_ERROR: &str = "signal.itimer_error";
const SIGINFO: &str = "signal.struct_siginfo";
const SIGINFO_FIELDS: &[&str] = &[
    "si_signo",
    "si_code",
    "si_errno",
    "si_pid",
    "si_uid",
    "si_status",
    "si_band",
];

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("setitimer", setitimer),
            ("getitimer", getitimer),
            ("alarm", alarm),
            ("pause", pause),
            ("raise_signal", raise_signal),
            ("pthread_kill", pthread_kill),
            ("pthread_sigmask", pthread_sigmask),
            ("sigpending", sigpending),
            ("sigwait", sigwait),
            ("sigwaitinfo", sigwaitinfo),
            ("sigtimedwait", sigtimedwait),
        ],
    );
    let itimer = match vm.mods.ext_types.get(ITIMER_ERROR) {
        Some(t) => t.clone(),
        None => {
            let ns = vm.new_dict();
            let modname = vm.new_str("signal");
            vm.set_dict_str(&ns, "__module__", modname);
            let meta = vm.types.type_.clone();
            let base = vm.types.os_error.clone();
            let t = vm.type_new(&meta, "itimer_error", vec![base], &Value::Obj(ns), &[])?;
            vm.mods.ext_types.insert(ITIMER_ERROR, t.clone());
            t
        }
    };
    super::super::set_attr(vm, m, "ItimerError", Value::Obj(itimer));
    let siginfo = match vm.mods.ext_types.get(SIGINFO) {
        Some(t) => t.clone(),
        None => {
            let t =
                crate::sysmodule::struct_seq_type(vm, "signal", "struct_siginfo", SIGINFO_FIELDS);
            vm.mods.ext_types.insert(SIGINFO, t.clone());
            t
        }
    };
    super::super::set_attr(vm, m, "struct_siginfo", Value::Obj(siginfo));
    Ok(())
}

/// `errno` as `ItimerError(errno, strerror)` (CPython: `PyErr_SetFromErrno(ItimerError)`).
fn itimer_error(vm: &mut Vm, e: &std::io::Error) -> PyErr {
    let errno = crate::oserror::errno_of(e);
    let Some(t) = vm.mods.ext_types.get(ITIMER_ERROR).cloned() else {
        return vm.os_error_io(e, None);
    };
    let msg = vm.new_string(crate::oserror::strerror(errno));
    match vm.call_pos(&Value::Obj(t), &[Value::Int(i64::from(errno)), msg]) {
        Ok(Value::Obj(o)) => PyErr(o),
        Ok(_) => vm.type_error("itimer_error"),
        Err(e) => e,
    }
}

/// A number of seconds as nanoseconds, rounded up (CPython: `_PyTime_FromSecondsObject`
/// with `_PyTime_ROUND_CEILING`): a float or anything with `__index__`.
fn seconds_ns(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if let Value::Float(f) = v {
        let x = f.get();
        if x.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        let ns = (x * 1e9).ceil();
        if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&ns) {
            return Err(vm.overflow_error("timestamp out of range for platform time_t"));
        }
        return Ok(ns as i64);
    }
    let n = index_big(vm, v)?;
    i64::try_from(&n)
        .ok()
        .and_then(|s| s.checked_mul(1_000_000_000))
        .ok_or_else(|| vm.overflow_error("timestamp too large to convert to C _PyTime_t"))
}

/// Nanoseconds as a timeval, rounding the microseconds up.
fn timeval(ns: i64) -> (i64, i64) {
    let us = ns.div_euclid(1000) + i64::from(ns.rem_euclid(1000) != 0);
    (us.div_euclid(1_000_000), us.rem_euclid(1_000_000))
}

fn timer_tuple(vm: &mut Vm, t: crate::host::TimerVal) -> Value {
    let secs = |(s, us): (i64, i64)| Value::float(s as f64 + us as f64 / 1_000_000.0);
    vm.new_tuple(vec![secs(t[0]), secs(t[1])])
}

/// `setitimer(which, seconds, interval=0.0, /)`: the old `(delay, interval)`.
fn setitimer(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "setitimer", 2, 3)?;
    let which = c_int(vm, &a[0])?;
    let value = timeval(seconds_ns(vm, &a[1])?);
    let interval = match a.get(2) {
        Some(v) => timeval(seconds_ns(vm, v)?),
        None => (0, 0),
    };
    let old = vm
        .host
        .setitimer(which, [value, interval])
        .map_err(|e| itimer_error(vm, &e))?;
    Ok(timer_tuple(vm, old))
}

fn getitimer(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "getitimer", 1, 1)?;
    let which = c_int(vm, &a[0])?;
    let cur = vm.host.getitimer(which).map_err(|e| itimer_error(vm, &e))?;
    Ok(timer_tuple(vm, cur))
}

/// `alarm(seconds)`: a C `int` handed to the C library as unsigned, as CPython does (so -1 is
/// a very long alarm).
fn alarm(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "alarm", 1, 1)?;
    let secs = c_int(vm, &a[0])?;
    let left = vm
        .host
        .alarm(secs as u32)
        .map_err(|e| vm.os_error_io(&e, None))?;
    Ok(Value::Int(i64::from(left)))
}

/// `pause()`: wait (the interpreter lock released) until a signal is caught, then run its
/// handler.
fn pause(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "pause", 0, 0)?;
    let Some(wait) = vm.host.detached_pause() else {
        return Err(vm.os_error_errno(EPERM, None, None));
    };
    vm.allow_threads(wait);
    vm.check_now()?;
    Ok(Value::None)
}

/// `raise_signal(signalnum)`: no range check of its own (the C library's `EINVAL`).
fn raise_signal(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "raise_signal", 1, 1)?;
    let n = c_int(vm, &a[0])?;
    vm.host
        .raise_signal(n)
        .map_err(|e| vm.os_error_io(&e, None))?;
    vm.check_now()?;
    Ok(Value::None)
}

/// Record the running thread's OS handle (see `Threads::handles`).
pub(crate) fn note_thread_handle(vm: &mut Vm) {
    let me = vm.thread.ident;
    if !vm.threads.handles.iter().any(|(i, _)| *i == me) {
        let h = vm.host.thread_handle();
        vm.threads.handles.push((me, h));
    }
}

/// The OS handle of the live thread `ident` (the running one's is always known).
fn thread_handle_of(vm: &mut Vm, ident: i64) -> Option<u64> {
    if ident == vm.thread.ident {
        return Some(vm.host.thread_handle());
    }
    vm.threads
        .handles
        .iter()
        .find(|(i, _)| *i == ident)
        .map(|(_, h)| *h)
}

/// `pthread_kill(thread_id, signalnum)`: `thread_id` is a `threading.get_ident()` value of a
/// live thread of this interpreter (any other: `ESRCH`).
fn pthread_kill(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "pthread_kill", 2, 2)?;
    let ident = index_big(vm, &a[0])?;
    let n = c_int(vm, &a[1])?;
    let handle = i64::try_from(&ident)
        .ok()
        .and_then(|i| thread_handle_of(vm, i));
    let Some(handle) = handle else {
        return Err(vm.os_error_errno(ESRCH, None, None));
    };
    vm.host
        .pthread_kill(handle, n)
        .map_err(|e| vm.os_error_io(&e, None))?;
    vm.check_now()?;
    Ok(Value::None)
}

/// An iterable of signal numbers as a mask (CPython: `_Py_Sigset_Converter`): numbers outside
/// 1..NSIG are a `ValueError`; glibc's reserved 32 and 33 are left out with a
/// `RuntimeWarning`, as its `sigaddset` refuses them.
fn sigset(vm: &mut Vm, v: &Value) -> PyResult<u64> {
    let mut bits = 0u64;
    for item in vm.iterate(v)? {
        let n = match int_value(&item) {
            Some(b) => i64::try_from(&b).unwrap_or(-1),
            None => vm.index_to_i64(&item)?,
        };
        if !(1..NSIG).contains(&n) {
            return Err(vm.value_error(format!("signal number {n} out of range [1; {}]", NSIG - 1)));
        }
        if n == 32 || n == 33 {
            let w = vm.types.runtime_warning.clone();
            vm.warn(
                &w,
                &format!("invalid signal number {n}, please use valid_signals()"),
            )?;
            continue;
        }
        bits |= 1 << (n - 1);
    }
    Ok(bits)
}

/// A mask as a set of signal numbers.
fn set_of(vm: &mut Vm, bits: u64) -> PyResult<Value> {
    let items = (1..NSIG)
        .filter(|n| bits & (1 << (n - 1)) != 0)
        .map(Value::Int)
        .collect();
    vm.new_set_from(items)
}

fn pthread_sigmask(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "pthread_sigmask", 2, 2)?;
    let how = c_int(vm, &a[0])?;
    let mask = sigset(vm, &a[1])?;
    let old = vm
        .host
        .sigmask(how, mask)
        .map_err(|e| vm.os_error_io(&e, None))?;
    // An unblocked pending signal was delivered: run its handler now.
    vm.check_now()?;
    set_of(vm, old)
}

fn sigpending(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "sigpending", 0, 0)?;
    let bits = vm.host.sigpending().map_err(|e| vm.os_error_io(&e, None))?;
    set_of(vm, bits)
}

/// Wait for one of `mask`'s signals with the interpreter lock released; a wait another
/// signal's handler interrupted resumes after that handler (PEP 475), with what is left of
/// the timeout. `None`: the timeout ran out.
fn wait_for(vm: &mut Vm, mask: u64, timeout_ns: Option<i64>) -> PyResult<Option<SigInfo>> {
    let Some(wait) = vm.host.detached_sigwait() else {
        return Err(vm.os_error_errno(EPERM, None, None));
    };
    let deadline = timeout_ns.map(|ns| vm.host.monotonic() + ns as f64 / 1e9);
    loop {
        let left = deadline.map(|d| {
            let ns = ((d - vm.host.monotonic()) * 1e9).max(0.0) as i64;
            (ns / 1_000_000_000, ns % 1_000_000_000)
        });
        match vm.allow_threads(move || wait(mask, left)) {
            Err(e) if e.raw_os_error() == Some(EINTR) => vm.check_now()?,
            Err(e) => return Err(vm.os_error_io(&e, None)),
            Ok(info) => return Ok(info),
        }
    }
}

fn siginfo(vm: &mut Vm, info: SigInfo) -> PyResult<Value> {
    let Some(t) = vm.mods.ext_types.get(SIGINFO).cloned() else {
        return Err(vm.type_error("signal.struct_siginfo is missing"));
    };
    let items: Vec<Value> = info.iter().map(|v| Value::Int(*v)).collect();
    Ok(Value::Obj(vm.new_object(
        &t,
        crate::object::Payload::Tuple(items.into()),
    )))
}

fn sigwait(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "sigwait", 1, 1)?;
    let mask = sigset(vm, &a[0])?;
    let info = wait_for(vm, mask, None)?;
    Ok(Value::Int(info.map_or(0, |i| i[0])))
}

fn sigwaitinfo(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "sigwaitinfo", 1, 1)?;
    let mask = sigset(vm, &a[0])?;
    match wait_for(vm, mask, None)? {
        Some(info) => siginfo(vm, info),
        None => Ok(Value::None),
    }
}

fn sigtimedwait(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "sigtimedwait", 2, 2)?;
    let mask = sigset(vm, &a[0])?;
    let ns = seconds_ns(vm, &a[1])?;
    if ns < 0 {
        return Err(vm.value_error("timeout must be non-negative"));
    }
    match wait_for(vm, mask, Some(ns))? {
        Some(info) => siginfo(vm, info),
        None => Ok(Value::None),
    }
}
