//! Process control.

/// End the process with `code`, after flushing standard streams.
pub fn exit(code: i32) -> ! {
    let _ = crate::stdio::flush();
    #[allow(clippy::exit)]
    std::process::exit(code)
}

/// This process's id.
pub fn pid() -> u32 {
    std::process::id()
}

/// Run `argv` (program and arguments) to completion with the standard streams inherited;
/// its wait status as `waitpid` reports it (`os.system`'s result).
pub fn run(argv: &[String]) -> std::io::Result<i32> {
    use std::os::unix::process::ExitStatusExt;
    let Some((prog, args)) = argv.split_first() else {
        return Err(std::io::Error::from_raw_os_error(22));
    };
    let _ = crate::stdio::flush();
    let status = std::process::Command::new(prog).args(args).status()?;
    Ok(status.into_raw())
}

/// `struct tms` (Linux, 64-bit `clock_t`).
#[repr(C)]
#[derive(Default)]
struct Tms {
    utime: i64,
    stime: i64,
    cutime: i64,
    cstime: i64,
}

unsafe extern "C" {
    fn umask(mask: u32) -> u32;
    fn getgroups(size: i32, list: *mut u32) -> i32;
    fn times(buf: *mut Tms) -> i64;
    fn sysconf(name: i32) -> i64;
    fn getuid() -> u32;
    fn geteuid() -> u32;
    fn getgid() -> u32;
    fn getegid() -> u32;
}

/// The real and effective user and group ids: `(uid, euid, gid, egid)`.
pub fn ids() -> (u32, u32, u32, u32) {
    // SAFETY: these calls take no arguments, cannot fail and only read process state.
    unsafe { (getuid(), geteuid(), getgid(), getegid()) }
}

/// Set the file-creation mask; the previous one.
pub fn set_umask(mask: u32) -> u32 {
    // SAFETY: umask only swaps a per-process value.
    unsafe { umask(mask & 0o777) }
}

/// The supplementary group ids.
pub fn groups() -> Vec<u32> {
    // SAFETY: a size of 0 only asks for the count; the second call writes at most `n`
    // entries into a buffer of exactly `n`.
    unsafe {
        let n = getgroups(0, std::ptr::null_mut());
        if n <= 0 {
            return Vec::new();
        }
        let mut v = vec![0u32; n as usize];
        let got = getgroups(n, v.as_mut_ptr());
        v.truncate(got.max(0) as usize);
        v
    }
}

/// `os.times()`: user, system, children's user and system CPU seconds, and elapsed real
/// seconds since an arbitrary point.
pub fn cpu_times() -> [f64; 5] {
    const SC_CLK_TCK: i32 = 2;
    let mut t = Tms::default();
    // SAFETY: `times` writes one `struct tms` into `t`; sysconf reads a constant.
    let (elapsed, tck) = unsafe { (times(&mut t), sysconf(SC_CLK_TCK)) };
    let tck = if tck > 0 { tck as f64 } else { 100.0 };
    [
        t.utime as f64 / tck,
        t.stime as f64 / tck,
        t.cutime as f64 / tck,
        t.cstime as f64 / tck,
        elapsed as f64 / tck,
    ]
}
