//! Signals. SIGINT: Ctrl-C sets an interpreter's interrupt flag (its SIGINT handler runs at
//! the next check), and a program ended by an uncaught KeyboardInterrupt exits by SIGINT as
//! CPython does (so the parent sees "killed by signal 2", not a plain status). Any other
//! signal a Python handler is set for is caught here: the handler marks it pending, writes its
//! number to the wakeup descriptor (CPython's `set_wakeup_fd`) and makes the interpreter's
//! tick counter run out, so the interrupt check runs the Python handler soon.

use std::io;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

const SIGINT: i32 = 2;
const SIG_DFL: usize = 0;
const SIG_IGN: usize = 1;

/// Caught signals not yet taken: bit `n - 1` for signal `n`.
static PENDING: AtomicU64 = AtomicU64::new(0);
/// Where a caught signal's number is written (-1: nowhere).
static WAKEUP_FD: AtomicI32 = AtomicI32::new(-1);
/// The interpreter's tick counter and the value that makes its next check run at once.
static TRIGGER: OnceLock<(Arc<AtomicI64>, i64)> = OnceLock::new();

/// The flag the handler sets. Signal dispositions are per process, so this is too.
static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();

unsafe extern "C" {
    fn signal(signum: i32, handler: usize) -> usize;
    fn raise(sig: i32) -> i32;
    fn write(fd: i32, buf: *const u8, n: usize) -> isize;
    fn __errno_location() -> *mut i32;
    fn pthread_sigmask(how: i32, set: *const u64, old: *mut u64) -> i32;
}

/// Block (`block` true) or unblock every asynchronous signal in the calling thread. The
/// process's first thread, which only waits for the interpreter's, blocks them (before it
/// starts that thread, which unblocks them): a signal this process sends itself then arrives
/// in the interpreter's thread before `kill` returns, as in CPython, where the two are one.
pub fn block_in_this_thread(block: bool) {
    let how = if block { 0 } else { 1 };
    // glibc's sigset_t: 1024 bits, bit `n - 1` for signal `n`. Faults stay deliverable.
    let mut set = [0u64; 16];
    set[0] = !0;
    for sig in [4u32, 5, 7, 8, 11, 31] {
        set[0] &= !(1u64 << (sig - 1));
    }
    // SAFETY: `set` is a valid sigset_t-sized buffer; no old mask is asked for.
    unsafe {
        pthread_sigmask(how, set.as_ptr(), std::ptr::null_mut());
    }
}

/// Write the signal's number to the wakeup descriptor, keeping `errno` as it was.
fn wake(sig: i32) {
    let fd = WAKEUP_FD.load(Ordering::Relaxed);
    if fd >= 0 {
        let byte = sig as u8;
        // SAFETY: `write` and reading/writing errno are async-signal-safe.
        unsafe {
            let e = __errno_location();
            let saved = *e;
            write(fd, &byte, 1);
            *e = saved;
        }
    }
}

extern "C" fn on_sigint(sig: i32) {
    if let Some(f) = FLAG.get() {
        f.store(true, Ordering::Relaxed);
    }
    wake(sig);
    force_check();
}

/// Make the interpreter's next tick run its interrupt check.
fn force_check() {
    if let Some((ticks, forced)) = TRIGGER.get() {
        ticks.store(*forced, Ordering::Relaxed);
    }
}

extern "C" fn on_signal(sig: i32) {
    if (1..=64).contains(&sig) {
        PENDING.fetch_or(1 << (sig - 1), Ordering::Relaxed);
    }
    wake(sig);
    force_check();
}

/// Let a caught signal make `ticks` hold `forced` (the first call wins).
pub fn set_trigger(ticks: Arc<AtomicI64>, forced: i64) {
    let _ = TRIGGER.set((ticks, forced));
}

/// Route `signum`: 0 its default action, 1 ignored, 2 caught (SIGINT to the interrupt flag,
/// any other to the pending set). Without `SA_RESTART`, as CPython installs its handlers: a
/// system call the signal interrupts fails with `EINTR`, so the caller can run the Python
/// handler before it resumes (PEP 475); [`siginterrupt`] sets or clears it.
pub fn set_action(signum: i32, action: i32) -> io::Result<()> {
    let handler = match action {
        0 => SIG_DFL,
        1 => SIG_IGN,
        _ if signum == SIGINT => on_sigint as extern "C" fn(i32) as usize,
        _ => on_signal as extern "C" fn(i32) as usize,
    };
    // SAFETY: a zeroed sigaction is a valid value; both handlers only touch atomics and call
    // `write`, which are async-signal-safe.
    unsafe {
        let mut act: libc::sigaction = std::mem::zeroed();
        act.sa_sigaction = handler;
        act.sa_flags = libc::SA_ONSTACK;
        libc::sigemptyset(&mut act.sa_mask);
        if libc::sigaction(signum, &act, std::ptr::null_mut()) != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// `siginterrupt(signum, flag)`: whether a system call the signal interrupts fails with
/// `EINTR` (`flag` true) or resumes (`SA_RESTART`).
pub fn siginterrupt(signum: i32, flag: bool) -> io::Result<()> {
    // SAFETY: sigaction reads into and from a valid, initialised struct.
    unsafe {
        let mut act: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(signum, std::ptr::null(), &mut act) != 0 {
            return Err(io::Error::last_os_error());
        }
        if flag {
            act.sa_flags &= !libc::SA_RESTART;
        } else {
            act.sa_flags |= libc::SA_RESTART;
        }
        if libc::sigaction(signum, &act, std::ptr::null_mut()) != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// An interval timer's setting: (seconds, microseconds) until it next fires, then its period.
pub type TimerVal = [(i64, i64); 2];

fn to_itimerval(v: TimerVal) -> libc::itimerval {
    let tv = |(s, us): (i64, i64)| libc::timeval {
        tv_sec: s as libc::time_t,
        tv_usec: us as libc::suseconds_t,
    };
    libc::itimerval {
        it_value: tv(v[0]),
        it_interval: tv(v[1]),
    }
}

// time_t and suseconds_t are i64 on the 64-bit Linux targets Krait builds for.
fn from_itimerval(v: &libc::itimerval) -> TimerVal {
    [
        (v.it_value.tv_sec, v.it_value.tv_usec),
        (v.it_interval.tv_sec, v.it_interval.tv_usec),
    ]
}

/// `setitimer(which, new)`: the previous setting.
pub fn setitimer(which: i32, new: TimerVal) -> io::Result<TimerVal> {
    let new = to_itimerval(new);
    // SAFETY: both pointers are to valid itimerval structs.
    unsafe {
        let mut old: libc::itimerval = std::mem::zeroed();
        if libc::setitimer(which, &new, &mut old) != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(from_itimerval(&old))
    }
}

/// `getitimer(which)`.
pub fn getitimer(which: i32) -> io::Result<TimerVal> {
    // SAFETY: the pointer is to a valid itimerval struct.
    unsafe {
        let mut cur: libc::itimerval = std::mem::zeroed();
        if libc::getitimer(which, &mut cur) != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(from_itimerval(&cur))
    }
}

/// `alarm(secs)`: the seconds the previous alarm had left.
pub fn alarm(secs: u32) -> u32 {
    // SAFETY: alarm has no memory arguments.
    unsafe { libc::alarm(secs) }
}

/// Wait until a signal is caught (`pause()`).
pub fn pause() {
    // SAFETY: pause has no arguments.
    unsafe {
        libc::pause();
    }
}

/// Send `sig` to the calling thread (`raise`).
pub fn raise_signal(sig: i32) -> io::Result<()> {
    // SAFETY: raise has no memory arguments.
    if unsafe { raise(sig) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// The calling thread's `pthread_t`, as a number ([`pthread_kill`] takes it back).
pub fn thread_self() -> u64 {
    // SAFETY: pthread_self has no arguments and cannot fail.
    unsafe { libc::pthread_self() as u64 }
}

/// Send `sig` to the thread `thread` (a [`thread_self`] value of a live thread).
pub fn pthread_kill(thread: u64, sig: i32) -> io::Result<()> {
    // SAFETY: the caller passes a pthread_t of a thread that has not been joined.
    let r = unsafe { libc::pthread_kill(thread as libc::pthread_t, sig) };
    if r != 0 {
        return Err(io::Error::from_raw_os_error(r));
    }
    Ok(())
}

/// Signals 1..=64 as a sigset_t (bit `n - 1` for signal `n`; glibc's reserved ones dropped).
fn to_sigset(bits: u64) -> libc::sigset_t {
    // SAFETY: sigemptyset and sigaddset write only into the local set.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for n in 1..=64 {
            if bits & (1 << (n - 1)) != 0 {
                libc::sigaddset(&mut set, n);
            }
        }
        set
    }
}

fn from_sigset(set: &libc::sigset_t) -> u64 {
    let mut bits = 0;
    for n in 1..=64 {
        // SAFETY: sigismember only reads the set.
        if unsafe { libc::sigismember(set, n) } == 1 {
            bits |= 1 << (n - 1);
        }
    }
    bits
}

/// `pthread_sigmask(how, set)` (0 block, 1 unblock, 2 set): the calling thread's previous mask.
pub fn sigmask(how: i32, bits: u64) -> io::Result<u64> {
    let set = to_sigset(bits);
    // SAFETY: both pointers are to valid sigset_t values.
    unsafe {
        let mut old: libc::sigset_t = std::mem::zeroed();
        let r = libc::pthread_sigmask(how, &set, &mut old);
        if r != 0 {
            return Err(io::Error::from_raw_os_error(r));
        }
        Ok(from_sigset(&old))
    }
}

/// The signals pending for the calling thread or the process.
pub fn sigpending() -> io::Result<u64> {
    // SAFETY: the pointer is to a valid sigset_t.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        if libc::sigpending(&mut set) != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(from_sigset(&set))
    }
}

/// What `sigwaitinfo` reports: signo, code, errno, pid, uid, status, band.
pub type SigInfo = [i64; 7];

/// Wait for one of the signals `bits` (blocked by the caller) and take it: `sigwaitinfo`, or
/// `sigtimedwait` with a timeout of (seconds, nanoseconds), which gives `None` when it runs
/// out. `EINTR` (another signal's handler ran) is returned for the caller to handle.
pub fn sigwait(bits: u64, timeout: Option<(i64, i64)>) -> io::Result<Option<SigInfo>> {
    let set = to_sigset(bits);
    // SAFETY: the set, the info struct and the timespec are valid for the call.
    unsafe {
        let mut info: libc::siginfo_t = std::mem::zeroed();
        let r = match timeout {
            None => libc::sigwaitinfo(&set, &mut info),
            Some((s, ns)) => {
                let ts = libc::timespec {
                    tv_sec: s as libc::time_t,
                    tv_nsec: ns as _,
                };
                libc::sigtimedwait(&set, &mut info, &ts)
            }
        };
        if r < 0 {
            let e = io::Error::last_os_error();
            if timeout.is_some() && e.raw_os_error() == Some(libc::EAGAIN) {
                return Ok(None);
            }
            return Err(e);
        }
        // The union after the three ints starts at the first 8-byte boundary (16 on
        // 64-bit Linux); `si_band` is its first `long`.
        let band = *((&info as *const libc::siginfo_t as *const u8).add(16) as *const libc::c_long);
        Ok(Some([
            i64::from(info.si_signo),
            i64::from(info.si_code),
            i64::from(info.si_errno),
            i64::from(info.si_pid()),
            i64::from(info.si_uid()),
            i64::from(info.si_status()),
            band as i64,
        ]))
    }
}

/// The caught signals since the last call (bit `n - 1` for signal `n`).
pub fn take_pending() -> u64 {
    PENDING.swap(0, Ordering::Relaxed)
}

/// Set the wakeup descriptor (-1: none); the previous one.
pub fn set_wakeup_fd(fd: i32) -> i32 {
    WAKEUP_FD.swap(fd, Ordering::Relaxed)
}

/// Route SIGINT to `flag` (the first call wins).
pub fn install_sigint(flag: Arc<AtomicBool>) {
    if FLAG.set(flag).is_ok() {
        // SAFETY: `on_sigint` only stores to an atomic, which is async-signal-safe.
        unsafe {
            signal(SIGINT, on_sigint as extern "C" fn(i32) as usize);
        }
    }
}

/// End the process by SIGINT with the default disposition (after flushing output).
pub fn exit_by_sigint() -> ! {
    let _ = crate::stdio::flush();
    // SAFETY: restoring the default disposition and raising a signal at ourselves.
    unsafe {
        signal(SIGINT, SIG_DFL);
        raise(SIGINT);
    }
    crate::process::exit(130)
}
