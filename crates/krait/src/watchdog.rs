//! The timeout's watchdog. The eval loop looks at the clock only at its slow checks, which
//! come every few thousand instructions; a loop whose every iteration is one long native call
//! (`s.upper()` on a big string, `x in big_list`) reaches them rarely, and would outlive its
//! timeout by the length of thousands of such calls. So each call into the interpreter that has a
//! timeout arms this thread, which at the deadline forces the tick counter negative (as an
//! `InterruptHandle` does): the next check anywhere, at the latest when the current native
//! call returns, reads the clock and ends the run with the time limit.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// Below `i64::MIN / 8`: the VM reads the counter as forced from outside.
const FORCED: i64 = i64::MIN / 4;

/// How often the counter is forced again after the deadline, until the call ends (a store of
/// the eval loop racing with the first one can undo it).
const REPEAT: Duration = Duration::from_millis(5);

enum Msg {
    Arm(Duration),
    Disarm,
}

/// A thread that forces an interpreter's tick counter at each call's deadline.
pub struct Watchdog {
    tx: mpsc::Sender<Msg>,
}

impl Watchdog {
    /// Watch the tick counter `ticks` (`vm.limits.ticks`).
    pub fn spawn(ticks: Arc<AtomicI64>) -> std::io::Result<Watchdog> {
        let (tx, rx) = mpsc::channel::<Msg>();
        std::thread::Builder::new()
            .name(String::from("krait-watchdog"))
            .stack_size(64 << 10)
            .spawn(move || {
                while let Ok(msg) = rx.recv() {
                    let Msg::Arm(mut wait) = msg else {
                        continue;
                    };
                    loop {
                        match rx.recv_timeout(wait) {
                            Ok(Msg::Disarm) => break,
                            Ok(Msg::Arm(w)) => wait = w,
                            Err(RecvTimeoutError::Timeout) => {
                                ticks.store(FORCED, Ordering::Relaxed);
                                wait = REPEAT;
                            }
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                }
            })?;
        Ok(Watchdog { tx })
    }

    /// A call with this timeout begins.
    pub fn arm(&self, timeout: f64) {
        let t = Duration::try_from_secs_f64(timeout).unwrap_or(Duration::MAX);
        let _ = self.tx.send(Msg::Arm(t));
    }

    /// The call ended.
    pub fn disarm(&self) {
        let _ = self.tx.send(Msg::Disarm);
    }
}
