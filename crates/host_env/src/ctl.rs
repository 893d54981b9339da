//! Descriptor control: `fcntl`, `ioctl`, `flock`, `lockf`, and resource usage.

use std::io;

use krait_common::host_types::{CtlArg, RUsage};

fn check(r: i32) -> io::Result<i32> {
    if r == -1 {
        return Err(io::Error::last_os_error());
    }
    Ok(r)
}

/// Largest buffer `fcntl`/`ioctl` pass by pointer (CPython's `FCNTL_BUFSZ` / `IOCTL_BUFSZ`).
pub const BUF_MAX: usize = 1024;

/// `fcntl(fd, cmd, arg)`: an integer argument returns the call's result; a buffer argument
/// (at most [`BUF_MAX`] bytes) is passed by pointer and returned as the call left it.
pub fn fcntl(fd: i32, cmd: i32, arg: &CtlArg) -> io::Result<CtlArg> {
    match arg {
        CtlArg::Int(v) => {
            // SAFETY: an integer argument is passed by value; the kernel checks it.
            let r = unsafe { libc::fcntl(fd, cmd, *v as libc::c_long) };
            Ok(CtlArg::Int(i64::from(check(r)?)))
        }
        CtlArg::Buf(b) => {
            let mut buf = [0u8; BUF_MAX];
            let n = b.len().min(BUF_MAX);
            buf[..n].copy_from_slice(&b[..n]);
            // SAFETY: the pointer is to a local buffer of BUF_MAX bytes, larger than any
            // structure an fcntl command reads or writes.
            check(unsafe { libc::fcntl(fd, cmd, buf.as_mut_ptr()) })?;
            Ok(CtlArg::Buf(buf[..n].to_vec()))
        }
    }
}

/// `ioctl(fd, request, arg)`, as [`fcntl`].
pub fn ioctl(fd: i32, request: u64, arg: &CtlArg) -> io::Result<CtlArg> {
    match arg {
        CtlArg::Int(v) => {
            // SAFETY: an integer argument is passed by value; the kernel checks it.
            let r = unsafe { libc::ioctl(fd, request as _, *v as libc::c_long) };
            Ok(CtlArg::Int(i64::from(check(r)?)))
        }
        CtlArg::Buf(b) => {
            let mut buf = [0u8; BUF_MAX];
            let n = b.len().min(BUF_MAX);
            buf[..n].copy_from_slice(&b[..n]);
            // SAFETY: as in `fcntl`: a local buffer of BUF_MAX bytes.
            let r = check(unsafe { libc::ioctl(fd, request as _, buf.as_mut_ptr()) })?;
            let _ = r;
            Ok(CtlArg::Buf(buf[..n].to_vec()))
        }
    }
}

/// `flock(fd, operation)`
pub fn flock(fd: i32, op: i32) -> io::Result<()> {
    // SAFETY: plain call on a descriptor.
    check(unsafe { libc::flock(fd, op) }).map(|_| ())
}

/// `lockf`, as CPython's `fcntl.lockf` does it: an `fcntl` record lock. `cmd` is `LOCK_UN`,
/// `LOCK_SH` or `LOCK_EX`, with `LOCK_NB` for a non-blocking attempt.
pub fn lockf(fd: i32, cmd: i32, len: i64, start: i64, whence: i32) -> io::Result<()> {
    let kind = if cmd & libc::LOCK_UN == libc::LOCK_UN {
        libc::F_UNLCK
    } else if cmd & libc::LOCK_SH == libc::LOCK_SH {
        libc::F_RDLCK
    } else if cmd & libc::LOCK_EX == libc::LOCK_EX {
        libc::F_WRLCK
    } else {
        return Err(io::Error::from_raw_os_error(libc::EINVAL));
    };
    // SAFETY: `struct flock` is plain data.
    let mut l: libc::flock = unsafe { std::mem::zeroed() };
    l.l_type = kind as _;
    l.l_whence = whence as _;
    l.l_start = start as _;
    l.l_len = len as _;
    let wait = if cmd & libc::LOCK_NB != 0 {
        libc::F_SETLK
    } else {
        libc::F_SETLKW
    };
    // SAFETY: F_SETLK/F_SETLKW read one `struct flock`.
    check(unsafe { libc::fcntl(fd, wait, &l as *const libc::flock) }).map(|_| ())
}

/// `getrusage(who)`
pub fn rusage(who: i32) -> io::Result<RUsage> {
    // SAFETY: `struct rusage` is plain data that getrusage fills.
    let mut r: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    check(unsafe { libc::getrusage(who, &mut r) })?;
    let t = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 * 1e-6;
    Ok(RUsage {
        utime: t(r.ru_utime),
        stime: t(r.ru_stime),
        counters: [
            r.ru_maxrss as i64,
            r.ru_ixrss as i64,
            r.ru_idrss as i64,
            r.ru_isrss as i64,
            r.ru_minflt as i64,
            r.ru_majflt as i64,
            r.ru_nswap as i64,
            r.ru_inblock as i64,
            r.ru_oublock as i64,
            r.ru_msgsnd as i64,
            r.ru_msgrcv as i64,
            r.ru_nsignals as i64,
            r.ru_nvcsw as i64,
            r.ru_nivcsw as i64,
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fcntl_reads_descriptor_flags_and_rusage_counts() {
        let mut fds = [0i32; 2];
        // SAFETY: pipe writes two descriptors.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        let r = fcntl(fds[0], libc::F_GETFL, &CtlArg::Int(0)).expect("F_GETFL");
        assert!(matches!(r, CtlArg::Int(v) if v & i64::from(libc::O_ACCMODE) == 0));
        // SAFETY: closing our own descriptors.
        unsafe {
            libc::close(fds[0]);
            libc::close(fds[1]);
        }
        assert!(fcntl(fds[0], libc::F_GETFL, &CtlArg::Int(0)).is_err());
        assert!(rusage(libc::RUSAGE_SELF).expect("rusage").counters[0] > 0);
    }
}
