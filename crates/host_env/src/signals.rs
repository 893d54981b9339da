//! Signals. SIGINT: Ctrl-C sets an interpreter's interrupt flag (its SIGINT handler runs at
//! the next check), and a program ended by an uncaught KeyboardInterrupt exits by SIGINT as
//! CPython does (so the parent sees "killed by signal 2", not a plain status). Any other
//! signal a Python handler is set for is caught here: the handler marks it pending, writes its
//! number to the wakeup descriptor (CPython's `set_wakeup_fd`) and makes the interpreter's
//! tick counter run out, so the interrupt check runs the Python handler soon.

use std::sync::atomic::{AtomicBool, AtomicI32, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

const SIGINT: i32 = 2;
const SIG_DFL: usize = 0;
const SIG_IGN: usize = 1;
const SIG_ERR: usize = usize::MAX;

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
/// any other to the pending set).
pub fn set_action(signum: i32, action: i32) -> std::io::Result<()> {
    let handler = match action {
        0 => SIG_DFL,
        1 => SIG_IGN,
        _ if signum == SIGINT => on_sigint as extern "C" fn(i32) as usize,
        _ => on_signal as extern "C" fn(i32) as usize,
    };
    // SAFETY: both handlers only touch atomics and call `write`, which are async-signal-safe.
    if unsafe { signal(signum, handler) } == SIG_ERR {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
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
