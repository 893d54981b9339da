//! POSIX named semaphores (`sem_open`, for `_multiprocessing.SemLock`) and shared memory
//! objects (`shm_open`, for `_posixshmem`). A semaphore handle is the `sem_t *` as a number;
//! it never comes from Python (a rebuilt lock reopens by name).

use std::ffi::CString;
use std::io;

fn c_name(name: &str) -> io::Result<CString> {
    CString::new(name).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))
}

/// Open (with `create`, exclusively create with `value`) the named semaphore.
pub fn open(name: &str, create: bool, value: u32) -> io::Result<usize> {
    let c = c_name(name)?;
    // SAFETY: sem_open reads the name; with O_CREAT it takes the mode and value varargs.
    let h = unsafe {
        if create {
            libc::sem_open(
                c.as_ptr(),
                libc::O_CREAT | libc::O_EXCL,
                0o600 as libc::c_uint,
                value,
            )
        } else {
            libc::sem_open(c.as_ptr(), 0)
        }
    };
    if h == libc::SEM_FAILED {
        return Err(io::Error::last_os_error());
    }
    Ok(h as usize)
}

/// Remove a semaphore's name.
pub fn unlink(name: &str) -> io::Result<()> {
    let c = c_name(name)?;
    // SAFETY: sem_unlink reads the name.
    if unsafe { libc::sem_unlink(c.as_ptr()) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

fn sem(h: usize) -> *mut libc::sem_t {
    h as *mut libc::sem_t
}

/// Take the semaphore without blocking: `Ok(false)` if it is zero.
pub fn try_wait(h: usize) -> io::Result<bool> {
    loop {
        // SAFETY: `h` is a handle `open` returned and the caller has not closed.
        if unsafe { libc::sem_trywait(sem(h)) } == 0 {
            return Ok(true);
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::EAGAIN) => return Ok(false),
            _ => return Err(e),
        }
    }
}

/// Wait up to `secs` for the semaphore: `Ok(false)` when the time ran out. An interrupted wait
/// returns `Ok(false)` too; the caller waits again after its own checks.
pub fn wait_for(h: usize, secs: f64) -> io::Result<bool> {
    let mut now: libc::timespec = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut now) };
    let total = now.tv_nsec + (secs.max(0.0) * 1e9) as i64;
    let deadline = libc::timespec {
        tv_sec: now.tv_sec + (total / 1_000_000_000) as libc::time_t,
        tv_nsec: (total % 1_000_000_000) as _,
    };
    // SAFETY: `h` is a live handle; the deadline is a valid timespec.
    if unsafe { libc::sem_timedwait(sem(h), &deadline) } == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::ETIMEDOUT | libc::EINTR | libc::EAGAIN) => Ok(false),
        _ => Err(e),
    }
}

/// Give the semaphore back.
pub fn post(h: usize) -> io::Result<()> {
    // SAFETY: `h` is a live handle.
    if unsafe { libc::sem_post(sem(h)) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// The semaphore's value.
pub fn value(h: usize) -> io::Result<i32> {
    let mut v = 0;
    // SAFETY: `h` is a live handle; sem_getvalue writes one int.
    if unsafe { libc::sem_getvalue(sem(h), &mut v) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(v)
}

/// Close a handle (the semaphore lives on while others hold it or its name).
pub fn close(h: usize) {
    // SAFETY: `h` is a live handle, closed once by its owner.
    unsafe { libc::sem_close(sem(h)) };
}

impl crate::fs::Files {
    /// `shm_open`, the descriptor kept in the table like the files this process opened.
    pub fn shm_open(&mut self, name: &str, flags: i32, mode: u32) -> io::Result<i32> {
        let fd = shm_open(name, flags, mode)?;
        Ok(self.adopt(fd))
    }
}

/// `shm_open(name, flags, mode)`: a descriptor for a shared memory object.
fn shm_open(name: &str, flags: i32, mode: u32) -> io::Result<i32> {
    let c = c_name(name)?;
    // SAFETY: shm_open reads the name.
    let fd = unsafe { libc::shm_open(c.as_ptr(), flags | libc::O_CLOEXEC, mode as libc::mode_t) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(fd)
}

/// Remove a shared memory object's name.
pub fn shm_unlink(name: &str) -> io::Result<()> {
    let c = c_name(name)?;
    // SAFETY: shm_unlink reads the name.
    if unsafe { libc::shm_unlink(c.as_ptr()) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_semaphore_counts_and_times_out() {
        let name = format!("/krait-test-{}", std::process::id());
        let h = open(&name, true, 1).expect("sem_open");
        unlink(&name).expect("unlink");
        assert!(try_wait(h).expect("trywait"));
        assert!(!try_wait(h).expect("trywait"));
        assert!(!wait_for(h, 0.01).expect("timed wait"));
        post(h).expect("post");
        assert_eq!(value(h).expect("value"), 1);
        close(h);
    }
}
