//! `_signal` (CPython: `Modules/signalmodule.c`): the signal numbers of Linux, and a handler
//! table that `signal`/`getsignal` read and write with CPython's checks and initial state
//! (SIGINT → `default_int_handler`, SIGPIPE and SIGXFSZ ignored). `signal` also sets the
//! process's disposition through the host; a caught signal is run by the main thread's
//! interrupt check ([`run_pending`]), SIGINT through the interpreter's interrupt flag
//! ([`run_sigint`]). A host that refuses (the sandbox) leaves the table a record only.
//! Timers, masks, waiting and sending (`wait.rs`) go through the host, which may refuse them.

mod wait;
pub(crate) use wait::note_thread_handle;

use crate::native::{bind_args, pos_args};
use crate::object::ObjRef;
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

/// Linux's numbers (x86-64 and aarch64), as CPython's `_signal` has them.
const CONSTANTS: &[(&str, i64)] = &[
    ("ITIMER_REAL", 0),
    ("ITIMER_VIRTUAL", 1),
    ("ITIMER_PROF", 2),
    ("NSIG", NSIG),
    ("SIGHUP", 1),
    ("SIGINT", SIGINT),
    ("SIGQUIT", 3),
    ("SIGILL", 4),
    ("SIGTRAP", 5),
    ("SIGABRT", 6),
    ("SIGIOT", 6),
    ("SIGBUS", 7),
    ("SIGFPE", 8),
    ("SIGKILL", SIGKILL),
    ("SIGUSR1", 10),
    ("SIGSEGV", 11),
    ("SIGUSR2", 12),
    ("SIGPIPE", SIGPIPE),
    ("SIGALRM", 14),
    ("SIGTERM", 15),
    ("SIGSTKFLT", 16),
    ("SIGCHLD", 17),
    ("SIGCLD", 17),
    ("SIGCONT", 18),
    ("SIGSTOP", SIGSTOP),
    ("SIGTSTP", 20),
    ("SIGTTIN", 21),
    ("SIGTTOU", 22),
    ("SIGURG", 23),
    ("SIGXCPU", 24),
    ("SIGXFSZ", SIGXFSZ),
    ("SIGVTALRM", 26),
    ("SIGPROF", 27),
    ("SIGWINCH", 28),
    ("SIGIO", 29),
    ("SIGPOLL", 29),
    ("SIGPWR", 30),
    ("SIGSYS", 31),
    ("SIGRTMIN", 34),
    ("SIGRTMAX", 64),
    ("SIG_DFL", SIG_DFL),
    ("SIG_IGN", SIG_IGN),
    ("SIG_BLOCK", 0),
    ("SIG_UNBLOCK", 1),
    ("SIG_SETMASK", 2),
];

const NSIG: i64 = 65;
const SIGINT: i64 = 2;
const SIGKILL: i64 = 9;
const SIGPIPE: i64 = 13;
const SIGSTOP: i64 = 19;
const SIGXFSZ: i64 = 25;
const SIG_DFL: i64 = 0;
const SIG_IGN: i64 = 1;
const EPERM: i32 = 1;
const EINVAL: i32 = 22;

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    for (n, v) in CONSTANTS {
        super::set_attr(vm, m, n, Value::Int(*v));
    }
    vm.add_functions(
        m,
        &[
            ("signal", signal),
            ("getsignal", getsignal),
            ("default_int_handler", default_int_handler),
            ("valid_signals", valid_signals),
            ("set_wakeup_fd", set_wakeup_fd),
            ("siginterrupt", siginterrupt),
            ("strsignal", strsignal),
        ],
    );
    wait::init(vm, m)?;
    if vm.mods.signal_handlers.is_empty() {
        let k = vm.intern("default_int_handler");
        let dih = vm.getattr(&Value::Obj(m.clone()), &k)?;
        let mut table = vec![Value::Int(SIG_DFL); NSIG as usize];
        table[SIGINT as usize] = dih;
        table[SIGPIPE as usize] = Value::Int(SIG_IGN);
        table[SIGXFSZ as usize] = Value::Int(SIG_IGN);
        vm.mods.signal_handlers = table;
        vm.mods.wakeup_fd = -1;
    }
    Ok(())
}

/// A C `int` argument (Argument Clinic's `int`).
fn c_int(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let n = crate::objects::range::index_big(vm, v)?;
    i32::try_from(&n).map_err(|_| vm.overflow_error("Python int too large to convert to C int"))
}

fn signum(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    let n = c_int(vm, v)?;
    if !(1..NSIG).contains(&i64::from(n)) {
        return Err(vm.value_error("signal number out of range"));
    }
    Ok(n as usize)
}

/// Only the main thread sets handlers (CPython: `_Py_ThreadCanHandleSignals`).
fn main_thread_only(vm: &mut Vm, what: &str) -> PyResult<()> {
    if vm.thread.main {
        return Ok(());
    }
    Err(vm.value_error(format!(
        "{what} only works in main thread of the main interpreter"
    )))
}

fn signal(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "signal", 2, 2)?;
    let signalnum = c_int(vm, &a[0])?;
    main_thread_only(vm, "signal")?;
    if !(1..NSIG).contains(&i64::from(signalnum)) {
        return Err(vm.value_error("signal number out of range"));
    }
    let n = signalnum as usize;
    let handler = a[1].clone();
    // A callable is caught; an int equal to SIG_IGN or SIG_DFL (True is SIG_IGN, as in
    // CPython's `compare_handler`) sets that disposition.
    let action = if vm.lookup_special_str(&handler, "__call__").is_some() {
        2
    } else {
        match crate::objects::range::int_value(&handler).and_then(|b| i64::try_from(b).ok()) {
            Some(SIG_IGN) => 1,
            Some(SIG_DFL) => 0,
            _ => {
                return Err(vm.type_error(
                    "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
                ));
            }
        }
    };
    // Pending signals run under their old handlers.
    run_pending(vm)?;
    if n as i64 == SIGKILL || n as i64 == SIGSTOP {
        return Err(vm.os_error_errno(EINVAL, None, None));
    }
    match vm.host.set_signal_action(n as i32, action) {
        Err(e) if e.raw_os_error() != Some(EPERM) => {
            return Err(vm.os_error_io(&e, None));
        }
        _ => {}
    }
    let old = std::mem::replace(&mut vm.mods.signal_handlers[n], handler);
    Ok(old)
}

/// The current frame, as `sys._getframe()` gives it (a handler's second argument).
fn current_frame(vm: &mut Vm) -> Value {
    let mut back: Option<ObjRef> = None;
    for link in vm.frames.iter() {
        back = Some(crate::sysmodule::frame_object_for(vm, link, back.take()));
    }
    back.map_or(Value::None, Value::Obj)
}

/// The interrupt flag was set (Ctrl-C, `_thread.interrupt_main`, the embedder): run SIGINT's
/// handler in the main thread; with none callable, raise `KeyboardInterrupt`.
pub(crate) fn run_sigint(vm: &mut Vm) -> PyResult<()> {
    let h = vm.mods.signal_handlers.get(SIGINT as usize).cloned();
    match h {
        Some(h) if !matches!(h, Value::Int(_) | Value::None) => {
            let frame = current_frame(vm);
            vm.call_pos(&h, &[Value::Int(SIGINT), frame])?;
            Ok(())
        }
        _ => {
            let t = vm.types.keyboard_interrupt.clone();
            Err(vm.new_exception(&t, vec![]))
        }
    }
}

/// Run the Python handlers of the signals caught since the last check, lowest number first
/// (CPython's `_PyErr_CheckSignalsTstate`). A handler's exception ends the run; the signals
/// not yet handled stay pending for the next check.
pub(crate) fn run_pending(vm: &mut Vm) -> PyResult<()> {
    let mut bits = vm.mods.pending_signals | vm.host.take_signals();
    while bits != 0 {
        let n = bits.trailing_zeros() as usize + 1;
        bits &= bits - 1;
        vm.mods.pending_signals = bits;
        let h = vm.mods.signal_handlers.get(n).cloned();
        if !super::faulthandler::user_signal(vm, n as i32) {
            continue;
        }
        if let Some(h) = h
            && !matches!(h, Value::Int(_) | Value::None)
        {
            let frame = current_frame(vm);
            if let Err(e) = vm.call_pos(&h, &[Value::Int(n as i64), frame]) {
                if vm.mods.pending_signals != 0 {
                    // The rest run at the next check.
                    vm.limits
                        .ticks
                        .store(-1, std::sync::atomic::Ordering::Relaxed);
                }
                return Err(e);
            }
        }
    }
    vm.mods.pending_signals = 0;
    Ok(())
}

fn getsignal(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "getsignal", 1, 1)?;
    let n = signum(vm, &a[0])?;
    Ok(vm.mods.signal_handlers[n].clone())
}

fn default_int_handler(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::no_kwargs(vm, &args, "default_int_handler")?;
    let n = args.pos().len();
    if n != 2 {
        return Err(vm.type_error(format!("default_int_handler expected 2 arguments, got {n}")));
    }
    let t = vm.types.keyboard_interrupt.clone();
    Err(vm.new_exception(&t, Vec::new()))
}

fn valid_signals(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "valid_signals", 0, 0)?;
    // glibc reserves 32 and 33 for its threads.
    let items: Vec<Value> = (1..NSIG)
        .filter(|n| *n != 32 && *n != 33)
        .map(Value::Int)
        .collect();
    vm.new_set_from(items)
}

/// `set_wakeup_fd(fd, /, *, warn_on_full_buffer=True)`: the descriptor must be open and
/// non-blocking (CPython's checks, in its order).
fn set_wakeup_fd(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let npos = args.pos().len();
    if npos != 1 {
        return Err(vm.type_error(if npos == 0 {
            "set_wakeup_fd() takes exactly 1 positional argument (0 given)".to_string()
        } else {
            format!("set_wakeup_fd() takes at most 1 positional argument ({npos} given)")
        }));
    }
    let fd_arg = args.pos()[0].clone();
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let kw = bind_args(vm, &rest, "set_wakeup_fd", &["warn_on_full_buffer"], 0)?;
    if let Some(w) = kw.first()
        && !matches!(w, Value::Null)
    {
        vm.is_true(w)?;
    }
    let fd = c_int(vm, &fd_arg)?;
    main_thread_only(vm, "set_wakeup_fd")?;
    if fd != -1 {
        if let Err(e) = vm.host.fstat(fd) {
            return Err(vm.os_error_io(&e, None));
        }
        let blocking = vm
            .host
            .get_blocking(fd)
            .map_err(|e| vm.os_error_io(&e, None))?;
        if blocking {
            return Err(vm.value_error(format!("the fd {fd} must be in non-blocking mode")));
        }
    }
    vm.host.set_wakeup_fd(fd);
    let old = std::mem::replace(&mut vm.mods.wakeup_fd, i64::from(fd));
    Ok(Value::Int(old))
}

fn siginterrupt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "siginterrupt", 2, 2)?;
    let n = signum(vm, &a[0])?;
    let flag = c_int(vm, &a[1])?;
    vm.host
        .siginterrupt(n as i32, flag != 0)
        .map_err(|e| vm.os_error_io(&e, None))?;
    Ok(Value::None)
}

/// `strsignal(n)`: glibc's descriptions.
fn strsignal(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "strsignal", 1, 1)?;
    let n = signum(vm, &a[0])?;
    let text = match n {
        1 => "Hangup",
        2 => "Interrupt",
        3 => "Quit",
        4 => "Illegal instruction",
        5 => "Trace/breakpoint trap",
        6 => "Aborted",
        7 => "Bus error",
        8 => "Floating point exception",
        9 => "Killed",
        10 => "User defined signal 1",
        11 => "Segmentation fault",
        12 => "User defined signal 2",
        13 => "Broken pipe",
        14 => "Alarm clock",
        15 => "Terminated",
        16 => "Stack fault",
        17 => "Child exited",
        18 => "Continued",
        19 => "Stopped (signal)",
        20 => "Stopped",
        21 => "Stopped (tty input)",
        22 => "Stopped (tty output)",
        23 => "Urgent I/O condition",
        24 => "CPU time limit exceeded",
        25 => "File size limit exceeded",
        26 => "Virtual timer expired",
        27 => "Profiling timer expired",
        28 => "Window changed",
        29 => "I/O possible",
        30 => "Power failure",
        31 => "Bad system call",
        // glibc's own real-time signals start at 34; it reserves 32 and 33 ("Unknown signal").
        34..=64 => return Ok(vm.new_string(format!("Real-time signal {}", n - 34))),
        _ => return Ok(Value::None),
    };
    Ok(vm.new_str(text))
}
