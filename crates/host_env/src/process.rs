//! Process control.

use std::io;

/// End the process with `code`, after flushing standard streams.
pub fn exit(code: i32) -> ! {
    let _ = crate::stdio::flush();
    #[allow(clippy::exit)]
    std::process::exit(code)
}

/// Set glibc's allocator up for the interpreter (called before any thread starts): every
/// thread allocates from the main heap (`M_ARENA_MAX` 1). The interpreter runs on a thread of
/// its own; a second arena grows its heap one page at a time with an `mprotect` call each,
/// where the main heap grows in 128 KiB steps: measured, this took ~10% off the CPU time of a
/// start-up that imports a dozen modules.
///
/// glibc's mmap threshold stays dynamic. A fixed one (256 KiB) lowered peak RSS (bm_sets
/// 87.6 -> 72.2 MiB, bm_strings 35.9 -> 34.6) but fixing it also fixes the trim threshold,
/// so every big buffer is mapped or the heap top given back and faulted in again: reading a
/// 4 MiB file 300 times in 1 MiB chunks 0.9 -> 2.2 s, 20,000 `bytearray(300_000)` 0.25 ->
/// 4.2 s; no fixed pair of thresholds kept both (docs/performance.md, session 13).
pub fn tune_malloc() {
    #[cfg(target_env = "gnu")]
    // SAFETY: mallopt only adjusts allocator parameters; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Give the pages of `[start, start + len)` back to the system, keeping the range mapped: the
/// next touch finds zeroed pages (`madvise(MADV_DONTNEED)`). The object pool's page-release
/// hook (`krait_vm::set_page_release`); `start` and `len` are page-aligned and the range is
/// memory the caller owns and no longer uses.
pub fn release_pages(start: *mut u8, len: usize) {
    // SAFETY: madvise does not read the range; the caller owns it and uses none of its
    // contents any more, and DONTNEED on private anonymous or heap memory keeps it valid
    // (zero-filled on the next touch). A failure leaves the pages as they were.
    unsafe {
        libc::madvise(start.cast(), len, libc::MADV_DONTNEED);
    }
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
/// `uname(2)`: sysname, nodename, release, version, machine.
pub fn uname() -> std::io::Result<[String; 5]> {
    // SAFETY: utsname is plain bytes; uname fills it.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: u is a valid utsname.
    if unsafe { libc::uname(&mut u) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let f = |a: &[libc::c_char]| {
        let b: Vec<u8> = a
            .iter()
            .take_while(|c| **c != 0)
            .map(|c| *c as u8)
            .collect();
        String::from_utf8_lossy(&b).into_owned()
    };
    Ok([
        f(&u.sysname),
        f(&u.nodename),
        f(&u.release),
        f(&u.version),
        f(&u.machine),
    ])
}

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

/// A resource limit: `(soft, hard)`, `u64::MAX` meaning unlimited (`RLIM_INFINITY`).
/// `resource` is Linux's `RLIMIT_*` number.
pub fn rlimit(resource: i32) -> io::Result<(u64, u64)> {
    let mut r = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one `struct rlimit` into `r`; a bad resource only fails.
    if unsafe { libc::getrlimit(resource as _, &mut r) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok((r.rlim_cur, r.rlim_max))
}

/// Set a resource limit (see [`rlimit`]).
pub fn set_rlimit(resource: i32, soft: u64, hard: u64) -> io::Result<()> {
    let r = libc::rlimit {
        rlim_cur: soft,
        rlim_max: hard,
    };
    // SAFETY: setrlimit reads one `struct rlimit`; the kernel checks the values.
    if unsafe { libc::setrlimit(resource as _, &r) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn rlimits_round_trip() {
        const RLIMIT_NOFILE: i32 = 7;
        let (soft, hard) = super::rlimit(RLIMIT_NOFILE).expect("getrlimit");
        assert!(soft <= hard && soft > 0);
        let lower = soft.min(hard).saturating_sub(1).max(1);
        super::set_rlimit(RLIMIT_NOFILE, lower, hard).expect("lower the soft limit");
        assert_eq!(super::rlimit(RLIMIT_NOFILE).expect("getrlimit").0, lower);
        super::set_rlimit(RLIMIT_NOFILE, soft, hard).expect("restore");
        assert_eq!(
            super::rlimit(-1).expect_err("bad resource").raw_os_error(),
            Some(22)
        );
    }
}
