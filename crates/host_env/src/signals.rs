//! SIGINT: Ctrl-C sets an interpreter's interrupt flag (it raises KeyboardInterrupt at the
//! next check), and a program ended by an uncaught KeyboardInterrupt exits by SIGINT as
//! CPython does (so the parent sees "killed by signal 2", not a plain status).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

const SIGINT: i32 = 2;
const SIG_DFL: usize = 0;

/// The flag the handler sets. Signal dispositions are per process, so this is too.
static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();

unsafe extern "C" {
    fn signal(signum: i32, handler: usize) -> usize;
    fn raise(sig: i32) -> i32;
}

extern "C" fn on_sigint(_sig: i32) {
    if let Some(f) = FLAG.get() {
        f.store(true, Ordering::Relaxed);
    }
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
