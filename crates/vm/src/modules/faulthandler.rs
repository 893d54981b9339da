//! `faulthandler` (CPython: `Modules/faulthandler.c`, `Python/traceback.c`): dump the Python
//! tracebacks of the threads to a file descriptor, now or after a timeout.
//!
//! `dump_traceback` writes CPython's format straight to the descriptor through the host. Other
//! threads' frames are read while they wait for the interpreter lock (`Vm::with_all_frames`).
//! `dump_traceback_later` starts a watchdog thread that waits with the lock released and, when
//! the time is up, takes the lock (at the running thread's next switch point), dumps every
//! thread and exits the process if asked. `enable` records the file and the setting: Krait runs
//! no C extensions, so there is no fatal-signal handler to install and nothing is written on
//! a crash of the Rust runtime (nor are the `_sigsegv`-style test helpers offered, whose
//! output would claim otherwise). `register(signum)` catches the signal through the host; the
//! dump is written when the interpreter next checks for signals (where Python handlers run),
//! not inside the OS signal handler as CPython's is, so a thread blocked in a system call
//! dumps when the call returns. `PYTHONFAULTHANDLER`, `PYTHONDEVMODE`, `-X faulthandler` and
//! `-X dev` enable it at import, as they do at CPython's startup.

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use crate::frame::FrameLink;
use crate::native::{bind_args, native_ref, pos_args};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

/// Frames dumped per thread, threads dumped, and characters per string (`traceback.c`).
const MAX_FRAME_DEPTH: usize = 100;
const MAX_NTHREADS: usize = 100;
const MAX_STRING_LENGTH: usize = 500;

/// What `enable`, `dump_traceback_later` and `register` remember.
#[derive(Default)]
pub(crate) struct FaultState {
    enabled: Option<(Value, i32, bool)>,
    watchdog: Option<Arc<Watchdog>>,
    /// `register`ed signals, by number.
    user: Vec<(i32, UserSignal)>,
}

/// One `register`ed signal.
struct UserSignal {
    /// Keeps the file object alive while its descriptor is written to.
    _file: Value,
    fd: i32,
    all_threads: bool,
    chain: bool,
}

/// Signals `enable` handles; `register` refuses them.
const FATAL_SIGNALS: [i32; 5] = [4, 6, 7, 8, 11];
const NSIG: i64 = 65;

/// The state a watchdog thread shares with `cancel_dump_traceback_later`.
struct Watchdog {
    cancelled: Mutex<bool>,
    cv: Condvar,
}

/// The watchdog's parameters, handed to its thread as a native object.
struct WatchdogJob {
    dog: Arc<Watchdog>,
    fd: i32,
    timeout: f64,
    repeat: bool,
    exit: bool,
    header: String,
    /// Keeps the file object alive while the watchdog may write to its descriptor.
    _file: Value,
}

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let t = super::new_type(vm, "faulthandler", "_Watchdog", false);
    vm.mods.watchdog_type = Some(t);
    vm.add_functions(
        m,
        &[
            ("enable", enable),
            ("disable", disable),
            ("is_enabled", is_enabled),
            ("dump_traceback", dump_traceback),
            ("dump_traceback_later", dump_traceback_later),
            ("cancel_dump_traceback_later", cancel_dump_traceback_later),
            ("register", register),
            ("unregister", unregister),
        ],
    );
    if enabled_at_startup(vm) {
        let stderr = Value::Int(2);
        vm.mods.faulthandler.enabled = Some((stderr, 2, true));
    }
    Ok(())
}

/// `-X faulthandler`, `-X dev`, or (unless `-E`/`-I`) a non-empty `PYTHONFAULTHANDLER` or
/// `PYTHONDEVMODE`: CPython enables the handler at startup.
fn enabled_at_startup(vm: &mut Vm) -> bool {
    let sys = Value::Obj(vm.sys.clone());
    if let Ok(x) = vm.getattr_str(&sys, "_xoptions") {
        for name in ["faulthandler", "dev"] {
            let k = vm.new_str(name);
            if vm.contains(&x, &k).unwrap_or(false) {
                return true;
            }
        }
    }
    if vm.config.ignore_environment || vm.config.isolated {
        return false;
    }
    ["PYTHONFAULTHANDLER", "PYTHONDEVMODE"]
        .iter()
        .any(|n| vm.host.env_var(n).is_some_and(|v| !v.is_empty()))
}

/// `faulthandler_get_fileno`: the descriptor of `file` (default `sys.stderr`), flushing it.
fn get_fileno(vm: &mut Vm, file: &Value) -> PyResult<(Value, i32)> {
    let file = if file.is_null() || file.is_none() {
        let sys = Value::Obj(vm.sys.clone());
        let f = vm.getattr_str(&sys, "stderr")?;
        if f.is_none() {
            return Err(vm.runtime_error("sys.stderr is None"));
        }
        f
    } else {
        file.clone()
    };
    if let Value::Int(fd) = file {
        if fd < 0 || fd > i32::MAX as i64 {
            // CPython's spelling.
            return Err(vm.value_error("file is not a valid file descripter"));
        }
        return Ok((file, fd as i32));
    }
    let f = vm.getattr_str(&file, "fileno")?;
    let r = vm.call_pos(&f, &[])?;
    let fd = match r {
        Value::Int(fd) if (0..=i32::MAX as i64).contains(&fd) => fd as i32,
        _ => return Err(vm.value_error("file.fileno() is not a valid file descriptor")),
    };
    // A failing flush() is ignored, as in CPython.
    if let Ok(fl) = vm.getattr_str(&file, "flush") {
        let _ = vm.call_pos(&fl, &[]);
    }
    Ok((file, fd))
}

/// `_Py_DumpASCII` with the length cap: non-ASCII as `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
fn push_ascii(out: &mut String, text: &str) {
    for (n, c) in text.chars().enumerate() {
        if n >= MAX_STRING_LENGTH {
            out.push_str("...");
            return;
        }
        let u = c as u32;
        if (0x20..0x7f).contains(&u) {
            out.push(c);
        } else if u <= 0xff {
            out.push_str(&format!("\\x{u:02x}"));
        } else if u <= 0xffff {
            out.push_str(&format!("\\u{u:04x}"));
        } else {
            out.push_str(&format!("\\U{u:08x}"));
        }
    }
}

/// The frames of one thread, most recent first (`dump_traceback`).
fn dump_frames(out: &mut String, frames: &[FrameLink]) {
    if frames.is_empty() {
        out.push_str("  <no Python frame>\n");
        return;
    }
    for (depth, f) in frames.iter().rev().enumerate() {
        if depth >= MAX_FRAME_DEPTH {
            out.push_str("  ...\n");
            break;
        }
        out.push_str("  File \"");
        push_ascii(out, &f.code.co.filename);
        out.push_str("\", line ");
        match f.code.co.positions.get(f.ip.get() as usize) {
            Some(p) => out.push_str(&p.line.to_string()),
            None => out.push_str("???"),
        }
        out.push_str(" in ");
        push_ascii(out, &f.code.co.name);
        out.push('\n');
    }
}

/// `_Py_DumpTracebackThreads`: each thread's header and frames; `current` marks the thread
/// the dump runs on, `None` (the watchdog) lists it not at all.
fn dump_threads(vm: &Vm, current: bool) -> String {
    let mut out = String::new();
    vm.with_all_frames(|all| {
        let me = all.first().map_or(0, |t| t.0);
        // Newest thread first, as CPython walks its thread list.
        let mut list: Vec<&(i64, &[FrameLink])> =
            all.iter().filter(|t| current || t.0 != me).collect();
        list.sort_by_key(|t| std::cmp::Reverse(t.0));
        for (n, (ident, frames)) in list.into_iter().enumerate() {
            if n != 0 {
                out.push('\n');
            }
            if n >= MAX_NTHREADS {
                out.push_str("...\n");
                break;
            }
            let which = if current && *ident == me {
                "Current thread"
            } else {
                "Thread"
            };
            out.push_str(&format!(
                "{which} 0x{:016x} (most recent call first):\n",
                *ident as u64
            ));
            dump_frames(&mut out, frames);
        }
    });
    out
}

fn write_fd(vm: &mut Vm, fd: i32, text: &str) -> PyResult<()> {
    let mut data = text.as_bytes();
    while !data.is_empty() {
        match vm.host.write(fd, data) {
            Ok(0) => break,
            Ok(n) => data = data.get(n..).unwrap_or(&[]),
            Err(e) => return Err(vm.os_error_io(&e, None)),
        }
    }
    Ok(())
}

fn enable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "enable", &["file", "all_threads"], 0)?;
    let (file, fd) = get_fileno(vm, &a[0])?;
    let all = if a[1].is_null() {
        true
    } else {
        vm.is_true(&a[1])?
    };
    vm.mods.faulthandler.enabled = Some((file, fd, all));
    Ok(Value::None)
}

fn disable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "disable", 0, 0)?;
    Ok(Value::bool(vm.mods.faulthandler.enabled.take().is_some()))
}

fn is_enabled(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "is_enabled", 0, 0)?;
    Ok(Value::bool(vm.mods.faulthandler.enabled.is_some()))
}

fn dump_traceback(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "dump_traceback", &["file", "all_threads"], 0)?;
    let (_file, fd) = get_fileno(vm, &a[0])?;
    let all = if a[1].is_null() {
        true
    } else {
        vm.is_true(&a[1])?
    };
    let text = if all {
        dump_threads(vm, true)
    } else {
        let mut out = String::from("Stack (most recent call first):\n");
        dump_frames(&mut out, &vm.frames);
        out
    };
    write_fd(vm, fd, &text)?;
    Ok(Value::None)
}

/// `check_signum`: a signal `register` may take.
fn check_signum(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let n = vm.index_to_i64(v)?;
    if let Some(&s) = FATAL_SIGNALS.iter().find(|&&s| i64::from(s) == n) {
        return Err(vm.runtime_error(format!(
            "signal {s} cannot be registered, use enable() instead"
        )));
    }
    if !(1..NSIG).contains(&n) {
        return Err(vm.value_error("signal number out of range"));
    }
    Ok(n as i32)
}

/// How the host should route `signum` for its Python handler alone (`signal.signal`'s
/// actions: 0 default, 1 ignored, 2 caught).
fn python_action(vm: &Vm, signum: i32) -> i32 {
    match vm.mods.signal_handlers.get(signum as usize) {
        Some(Value::Int(1)) => 1,
        Some(Value::Int(_) | Value::None) | None => 0,
        Some(_) => 2,
    }
}

fn register(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(
        vm,
        &args,
        "register",
        &["signum", "file", "all_threads", "chain"],
        1,
    )?;
    let signum = check_signum(vm, &a[0])?;
    let (file, fd) = get_fileno(vm, &a[1])?;
    let all_threads = if a[2].is_null() {
        true
    } else {
        vm.is_true(&a[2])?
    };
    let chain = if a[3].is_null() {
        false
    } else {
        vm.is_true(&a[3])?
    };
    let known = vm.mods.faulthandler.user.iter().any(|(s, _)| *s == signum);
    if !known {
        vm.host
            .set_signal_action(signum, 2)
            .map_err(|e| vm.os_error_io(&e, None))?;
    }
    let entry = UserSignal {
        _file: file,
        fd,
        all_threads,
        chain,
    };
    let user = &mut vm.mods.faulthandler.user;
    match user.iter_mut().find(|(s, _)| *s == signum) {
        Some((_, u)) => *u = entry,
        None => user.push((signum, entry)),
    }
    Ok(Value::None)
}

fn unregister(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "unregister", 1, 1)?;
    let signum = check_signum(vm, &a[0])?;
    let user = &mut vm.mods.faulthandler.user;
    let Some(i) = user.iter().position(|(s, _)| *s == signum) else {
        return Ok(Value::bool(false));
    };
    user.remove(i);
    let action = python_action(vm, signum);
    let _ = vm.host.set_signal_action(signum, action);
    Ok(Value::bool(true))
}

/// `signum` was caught: if it is `register`ed, dump the traceback. Returns whether the
/// Python handler should still run (not registered, or registered with `chain`).
pub(crate) fn user_signal(vm: &mut Vm, signum: i32) -> bool {
    let Some((_, u)) = vm.mods.faulthandler.user.iter().find(|(s, _)| *s == signum) else {
        return true;
    };
    let (fd, all, chain) = (u.fd, u.all_threads, u.chain);
    let text = if all {
        dump_threads(vm, true)
    } else {
        let mut out = String::from("Stack (most recent call first):\n");
        dump_frames(&mut out, &vm.frames);
        out
    };
    let _ = write_fd(vm, fd, &text);
    if !chain {
        return false;
    }
    if python_action(vm, signum) == 0 {
        // The previous disposition was the default one: let it act, as CPython re-raises.
        let _ = vm.host.set_signal_action(signum, 0);
        let _ = vm.host.raise_signal(signum);
        let _ = vm.host.set_signal_action(signum, 2);
    }
    true
}

/// `format_timeout`: `Timeout (H:MM:SS[.ffffff])!`.
fn timeout_header(timeout: f64) -> String {
    let us_total = (timeout * 1e6).ceil() as u64;
    let (sec, us) = (us_total / 1_000_000, us_total % 1_000_000);
    let (h, m, s) = (sec / 3600, sec / 60 % 60, sec % 60);
    if us != 0 {
        format!("Timeout ({h}:{m:02}:{s:02}.{us:06})!\n")
    } else {
        format!("Timeout ({h}:{m:02}:{s:02})!\n")
    }
}

fn cancel(vm: &mut Vm) {
    if let Some(dog) = vm.mods.faulthandler.watchdog.take() {
        *dog.cancelled.lock().unwrap_or_else(PoisonError::into_inner) = true;
        dog.cv.notify_all();
    }
}

fn dump_traceback_later(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(
        vm,
        &args,
        "dump_traceback_later",
        &["timeout", "repeat", "file", "exit"],
        1,
    )?;
    let timeout = super::thread::seconds_arg(vm, &a[0])?;
    if timeout * 1e6 >= i64::MAX as f64 {
        return Err(vm.overflow_error("timeout value is too large"));
    }
    if timeout <= 0.0 {
        return Err(vm.value_error("timeout must be greater than 0"));
    }
    let flag = |vm: &mut Vm, v: &Value| -> PyResult<bool> {
        if v.is_null() {
            Ok(false)
        } else {
            vm.is_true(v)
        }
    };
    let repeat = flag(vm, &a[1])?;
    let exit = flag(vm, &a[3])?;
    let (file, fd) = get_fileno(vm, &a[2])?;
    cancel(vm);
    let dog = Arc::new(Watchdog {
        cancelled: Mutex::new(false),
        cv: Condvar::new(),
    });
    let job = WatchdogJob {
        dog: dog.clone(),
        fd,
        timeout,
        repeat,
        exit,
        header: timeout_header(timeout),
        _file: file,
    };
    let Some(t) = vm.mods.watchdog_type.clone() else {
        return Err(vm.runtime_error("faulthandler is not initialised"));
    };
    let job = Value::Obj(vm.new_object(&t, Payload::Native(Box::new(job))));
    let func = vm.new_native("_watchdog", watchdog_main);
    let targs = vm.new_tuple(vec![job]);
    if let Err(e) = vm.start_thread(func, targs, None) {
        return Err(vm.runtime_error(format!("unable to start watchdog thread: {e}")));
    }
    vm.mods.faulthandler.watchdog = Some(dog);
    Ok(Value::None)
}

fn cancel_dump_traceback_later(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "cancel_dump_traceback_later", 0, 0)?;
    cancel(vm);
    Ok(Value::None)
}

/// The watchdog thread's body: wait, dump, maybe exit, maybe again.
fn watchdog_main(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "_watchdog", 1, 1)?;
    let Some(job) = native_ref::<WatchdogJob>(&a[0]) else {
        return Err(vm.type_error("_watchdog() expects a watchdog job"));
    };
    loop {
        let dog = job.dog.clone();
        let d = Duration::from_secs_f64(job.timeout);
        let cancelled = vm.allow_threads(move || {
            let g = dog.cancelled.lock().unwrap_or_else(PoisonError::into_inner);
            let (g, _) = dog
                .cv
                .wait_timeout_while(g, d, |c| !*c)
                .unwrap_or_else(PoisonError::into_inner);
            *g
        });
        if cancelled {
            return Ok(Value::None);
        }
        let text = format!("{}{}", job.header, dump_threads(vm, false));
        let _ = write_fd(vm, job.fd, &text);
        if job.exit {
            let _ = vm.host.exit_now(1);
        }
        if !job.repeat {
            return Ok(Value::None);
        }
    }
}
