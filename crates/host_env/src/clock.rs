//! Clocks.

use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Seconds since the epoch.
pub fn time() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// A monotonic clock, in seconds since an arbitrary point.
pub fn monotonic() -> f64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// Block the thread for `secs` seconds.
pub fn sleep(secs: f64) {
    if let Ok(d) = std::time::Duration::try_from_secs_f64(secs) {
        std::thread::sleep(d);
    }
}
