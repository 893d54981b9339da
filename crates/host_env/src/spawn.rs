//! Processes: `fork` + `exec` as `_posixsubprocess.fork_exec` does it, `fork` for the
//! interpreter itself, `exec*`, `waitpid`, signals to processes, sessions and process groups,
//! and descriptor flags (inheritable, blocking).
//!
//! Between `fork` and `exec` the child may only make async-signal-safe calls: everything it
//! needs (C strings, the `argv` and `envp` arrays, the sorted descriptors to keep) is built
//! before the fork, and the child touches no allocator, lock or Rust standard stream.

use std::ffi::{CString, c_char};
use std::io;

const SIGPIPE: i32 = 13;
const SIGXFSZ: i32 = 25;
const SIG_DFL: usize = 0;
const F_GETFD: i32 = 1;
const F_SETFD: i32 = 2;
const F_GETFL: i32 = 3;
const F_SETFL: i32 = 4;
const FD_CLOEXEC: i32 = 1;
const O_NONBLOCK: i32 = 0o4000;
const ENOENT: i32 = 2;
const ENOTDIR: i32 = 20;
const EINTR: i32 = 4;
const SYS_CLOSE_RANGE: i64 = 436;
const SC_OPEN_MAX: i32 = 4;

unsafe extern "C" {
    fn fork() -> i32;
    fn _exit(code: i32) -> !;
    fn abort() -> !;
    fn execv(path: *const c_char, argv: *const *const c_char) -> i32;
    fn execve(path: *const c_char, argv: *const *const c_char, envp: *const *const c_char) -> i32;
    fn dup(fd: i32) -> i32;
    fn dup2(fd: i32, fd2: i32) -> i32;
    fn close(fd: i32) -> i32;
    fn write(fd: i32, buf: *const u8, n: usize) -> isize;
    fn fcntl(fd: i32, cmd: i32, ...) -> i32;
    fn chdir(path: *const c_char) -> i32;
    fn umask(mask: u32) -> u32;
    fn signal(signum: i32, handler: usize) -> usize;
    fn setsid() -> i32;
    fn setpgid(pid: i32, pgid: i32) -> i32;
    fn getpgid(pid: i32) -> i32;
    fn getsid(pid: i32) -> i32;
    fn getppid() -> i32;
    fn setgroups(size: usize, list: *const u32) -> i32;
    fn setregid(rgid: u32, egid: u32) -> i32;
    fn setreuid(ruid: u32, euid: u32) -> i32;
    fn waitpid(pid: i32, status: *mut i32, options: i32) -> i32;
    fn kill(pid: i32, sig: i32) -> i32;
    fn killpg(pgrp: i32, sig: i32) -> i32;
    fn syscall(num: i64, ...) -> i64;
    fn sysconf(name: i32) -> i64;
    fn __errno_location() -> *mut i32;
}

fn errno() -> i32 {
    // SAFETY: glibc's thread-local errno slot is always valid for this thread.
    unsafe { *__errno_location() }
}

fn set_errno(e: i32) {
    // SAFETY: as above.
    unsafe { *__errno_location() = e }
}

fn check(r: i32) -> io::Result<i32> {
    if r == -1 {
        Err(io::Error::last_os_error())
    } else {
        Ok(r)
    }
}

/// What `_posixsubprocess.fork_exec` is asked to do. Descriptors are `-1` when unused.
#[derive(Clone, Debug, Default)]
pub struct Spec {
    /// The argument vector (`argv[0]` first).
    pub argv: Vec<Vec<u8>>,
    /// The paths to try `exec` on, in order (the `PATH` search is done by the caller).
    pub executables: Vec<Vec<u8>>,
    /// Close every descriptor from 3 up, except `pass_fds`.
    pub close_fds: bool,
    /// Descriptors to keep open and make inheritable (sorted ascending).
    pub pass_fds: Vec<i32>,
    /// Directory to change to.
    pub cwd: Option<Vec<u8>>,
    /// The environment as `NAME=value` entries; `None` inherits this process's.
    pub env: Option<Vec<Vec<u8>>>,
    /// The child's stdin source and the parent's end of that pipe.
    pub p2cread: i32,
    /// The parent's writing end of the stdin pipe (closed in the child).
    pub p2cwrite: i32,
    /// The parent's reading end of the stdout pipe (closed in the child).
    pub c2pread: i32,
    /// The child's stdout target.
    pub c2pwrite: i32,
    /// The parent's reading end of the stderr pipe (closed in the child).
    pub errread: i32,
    /// The child's stderr target.
    pub errwrite: i32,
    /// The parent's end of the error-report pipe (closed in the child).
    pub errpipe_read: i32,
    /// Where the child reports a failure before or at `exec` (close-on-exec).
    pub errpipe_write: i32,
    /// Reset SIGPIPE and SIGXFSZ to their defaults.
    pub restore_signals: bool,
    /// `setsid()` in the child.
    pub start_new_session: bool,
    /// `setpgid(0, process_group)` when `>= 0`.
    pub process_group: i32,
    /// `setregid(gid, gid)`.
    pub gid: Option<u32>,
    /// `setgroups(extra_groups)`.
    pub extra_groups: Option<Vec<u32>>,
    /// `setreuid(uid, uid)`.
    pub uid: Option<u32>,
    /// `umask(umask)` when `>= 0`.
    pub umask: i32,
}

/// A [`Spec`] turned into C strings and pointer arrays before the fork.
struct Prepared {
    _argv: Vec<CString>,
    argv_ptrs: Vec<*const c_char>,
    execs: Vec<CString>,
    _env: Vec<CString>,
    env_ptrs: Option<Vec<*const c_char>>,
    cwd: Option<CString>,
}

fn cstring(b: &[u8]) -> io::Result<CString> {
    CString::new(b.to_vec()).map_err(|_| io::Error::from_raw_os_error(22))
}

fn null_terminated(v: &[CString]) -> Vec<*const c_char> {
    let mut p: Vec<*const c_char> = v.iter().map(|c| c.as_ptr()).collect();
    p.push(std::ptr::null());
    p
}

fn prepare(spec: &Spec) -> io::Result<Prepared> {
    let argv = spec
        .argv
        .iter()
        .map(|a| cstring(a))
        .collect::<io::Result<Vec<_>>>()?;
    let execs = spec
        .executables
        .iter()
        .map(|a| cstring(a))
        .collect::<io::Result<Vec<_>>>()?;
    let env = match &spec.env {
        Some(e) => e
            .iter()
            .map(|a| cstring(a))
            .collect::<io::Result<Vec<_>>>()?,
        None => Vec::new(),
    };
    let env_ptrs = spec.env.as_ref().map(|_| null_terminated(&env));
    let cwd = spec.cwd.as_deref().map(cstring).transpose()?;
    Ok(Prepared {
        argv_ptrs: null_terminated(&argv),
        _argv: argv,
        execs,
        _env: env,
        env_ptrs,
        cwd,
    })
}

/// Write all of `data` to `fd`, retrying on EINTR, ignoring errors (async-signal-safe).
fn write_all_raw(fd: i32, mut data: &[u8]) {
    while !data.is_empty() {
        // SAFETY: `data` is a valid slice; write only reads it.
        let n = unsafe { write(fd, data.as_ptr(), data.len()) };
        if n < 0 {
            if errno() == EINTR {
                continue;
            }
            return;
        }
        data = data.get(n as usize..).unwrap_or_default();
    }
}

fn set_inheritable_raw(fd: i32, inheritable: bool) -> i32 {
    // SAFETY: fcntl on a descriptor number only reads or sets its flags.
    unsafe {
        let flags = fcntl(fd, F_GETFD);
        if flags < 0 {
            return -1;
        }
        let new = if inheritable {
            flags & !FD_CLOEXEC
        } else {
            flags | FD_CLOEXEC
        };
        if new == flags {
            return 0;
        }
        fcntl(fd, F_SETFD, new)
    }
}

/// Close every descriptor from `start` up except those in `keep` (sorted).
fn close_open_fds(start: i32, keep: &[i32]) {
    let mut lo = start;
    let mut ok = true;
    for &k in keep {
        if k < lo {
            continue;
        }
        if k > lo {
            // SAFETY: close_range only closes descriptors of this process.
            ok &= unsafe { syscall(SYS_CLOSE_RANGE, lo as u32, (k - 1) as u32, 0u32) } == 0;
        }
        lo = k + 1;
    }
    if ok {
        // SAFETY: as above.
        if unsafe { syscall(SYS_CLOSE_RANGE, lo as u32, u32::MAX, 0u32) } == 0 {
            return;
        }
    }
    // No close_range (Linux before 5.9): close one by one up to the descriptor limit.
    // SAFETY: sysconf reads a limit; close on a descriptor number is harmless if unused.
    let max = unsafe { sysconf(SC_OPEN_MAX) };
    let max = if max <= 0 {
        256
    } else {
        max.min(1 << 20) as i32
    };
    for fd in start..max {
        if keep.binary_search(&fd).is_err() {
            // SAFETY: closing a descriptor number this process may own.
            unsafe {
                close(fd);
            }
        }
    }
}

/// The child's part up to just before `preexec_fn`: returns on failure with errno set.
///
/// # Safety
/// Runs in a freshly forked child; makes only async-signal-safe calls.
unsafe fn child_setup(spec: &Spec, p: &Prepared) -> Result<(), ()> {
    let call = |r: i32| if r == -1 { Err(()) } else { Ok(()) };
    // SAFETY: every call below is async-signal-safe and takes plain numbers or C strings
    // prepared before the fork.
    unsafe {
        for &fd in &spec.pass_fds {
            if fd != spec.errpipe_write {
                call(set_inheritable_raw(fd, true))?;
            }
        }
        for fd in [spec.p2cwrite, spec.c2pread, spec.errread] {
            if fd != -1 {
                call(close(fd))?;
            }
        }
        call(close(spec.errpipe_read))?;
        // A descriptor to move onto 0, 1 or 2 may itself be one of them (bpo-12607).
        let mut c2pwrite = spec.c2pwrite;
        if c2pwrite == 0 {
            c2pwrite = dup(c2pwrite);
            call(c2pwrite)?;
            call(set_inheritable_raw(c2pwrite, false))?;
        }
        let mut errwrite = spec.errwrite;
        while errwrite == 0 || errwrite == 1 {
            errwrite = dup(errwrite);
            call(errwrite)?;
            call(set_inheritable_raw(errwrite, false))?;
        }
        for (fd, target) in [(spec.p2cread, 0), (c2pwrite, 1), (errwrite, 2)] {
            if fd == target {
                call(set_inheritable_raw(fd, true))?;
            } else if fd != -1 {
                call(dup2(fd, target))?;
            }
        }
        if let Some(cwd) = &p.cwd {
            call(chdir(cwd.as_ptr()))?;
        }
        if spec.umask >= 0 {
            umask(spec.umask as u32);
        }
        if spec.restore_signals {
            signal(SIGPIPE, SIG_DFL);
            signal(SIGXFSZ, SIG_DFL);
        }
        if spec.start_new_session {
            call(setsid())?;
        }
        if spec.process_group >= 0 {
            call(setpgid(0, spec.process_group))?;
        }
        if let Some(g) = &spec.extra_groups {
            call(setgroups(g.len(), g.as_ptr()))?;
        }
        if let Some(gid) = spec.gid {
            call(setregid(gid, gid))?;
        }
        if let Some(uid) = spec.uid {
            call(setreuid(uid, uid))?;
        }
    }
    Ok(())
}

/// The child's part after `preexec_fn`: close descriptors and `exec`; returns the errno of
/// the first `exec` failure that was not ENOENT/ENOTDIR (else the last one).
///
/// # Safety
/// As [`child_setup`].
unsafe fn child_exec(spec: &Spec, p: &Prepared) -> i32 {
    if spec.close_fds {
        close_open_fds(3, &spec.pass_fds);
    }
    let mut saved = 0;
    for exe in &p.execs {
        // SAFETY: the arrays are null-terminated and outlive the call.
        unsafe {
            match &p.env_ptrs {
                Some(envp) => execve(exe.as_ptr(), p.argv_ptrs.as_ptr(), envp.as_ptr()),
                None => execv(exe.as_ptr(), p.argv_ptrs.as_ptr()),
            };
        }
        let e = errno();
        if e != ENOENT && e != ENOTDIR && saved == 0 {
            saved = e;
        }
    }
    if saved != 0 { saved } else { errno() }
}

/// Report `err` (an errno) to the parent in subprocess.py's format and end the child.
fn child_fail(fd: i32, err: i32, noexec: bool) -> ! {
    if err != 0 {
        let mut buf = [0u8; 8];
        let mut n = err as u32;
        let mut i = buf.len();
        while n != 0 && i > 0 {
            i -= 1;
            buf[i] = b"0123456789ABCDEF"[(n % 16) as usize];
            n /= 16;
        }
        write_all_raw(fd, b"OSError:");
        write_all_raw(fd, buf.get(i..).unwrap_or_default());
        write_all_raw(fd, b":");
        if noexec {
            write_all_raw(fd, b"noexec");
        }
    } else {
        write_all_raw(fd, b"SubprocessError:0:Exception occurred in preexec_fn.");
    }
    // SAFETY: ending the child without running any of the parent's cleanup.
    unsafe { _exit(255) }
}

/// Fork and exec as `_posixsubprocess.fork_exec` does; the child's pid. A failure in the
/// child before or at `exec` is reported on `spec.errpipe_write` as
/// `OSError:<hex errno>:[noexec]` (subprocess.py reads it), and the child exits with 255.
///
/// With `stop_before_exec` (a `preexec_fn` to run), the child stops after its setup and this
/// returns 0 in it; the child must then call [`finish_child`].
pub fn fork_exec(spec: &Spec, stop_before_exec: bool) -> io::Result<i32> {
    let p = prepare(spec)?;
    let _ = crate::stdio::flush();
    // SAFETY: until `exec`, the child only runs `child_setup`/`child_exec`/`child_fail`,
    // which make async-signal-safe calls on data prepared above.
    let pid = check(unsafe { fork() })?;
    if pid == 0 {
        // SAFETY: we are the child.
        unsafe {
            if child_setup(spec, &p).is_err() {
                child_fail(spec.errpipe_write, errno(), true);
            }
            if stop_before_exec {
                return Ok(0);
            }
            let e = child_exec(spec, &p);
            child_fail(spec.errpipe_write, e, false);
        }
    }
    Ok(pid)
}

/// In a child [`fork_exec`] stopped before `exec`: report a failed `preexec_fn`, or close
/// descriptors and `exec`. Never returns.
pub fn finish_child(spec: &Spec, preexec_ok: bool) -> ! {
    if !preexec_ok {
        child_fail(spec.errpipe_write, 0, false);
    }
    match prepare(spec) {
        // SAFETY: we are the child; exec or report.
        Ok(p) => {
            let e = unsafe { child_exec(spec, &p) };
            child_fail(spec.errpipe_write, e, false)
        }
        Err(e) => child_fail(spec.errpipe_write, e.raw_os_error().unwrap_or(22), false),
    }
}

/// `fork()`: 0 in the child, the child's pid in the parent. The child has only the calling
/// thread.
pub fn fork_process() -> io::Result<i32> {
    let _ = crate::stdio::flush();
    // SAFETY: fork itself is safe; what the child does afterwards is the caller's business
    // (the interpreter continues on this thread, as CPython's `os.fork` does).
    check(unsafe { fork() })
}

/// Replace this process with `path` (`os.execv`/`os.execve`); returns only on failure.
pub fn exec(path: &[u8], argv: &[Vec<u8>], env: Option<&[Vec<u8>]>) -> io::Error {
    let run = || -> io::Result<()> {
        let path = cstring(path)?;
        let argv = argv
            .iter()
            .map(|a| cstring(a))
            .collect::<io::Result<Vec<_>>>()?;
        let argv_ptrs = null_terminated(&argv);
        let _ = crate::stdio::flush();
        match env {
            Some(e) => {
                let env = e
                    .iter()
                    .map(|a| cstring(a))
                    .collect::<io::Result<Vec<_>>>()?;
                let envp = null_terminated(&env);
                // SAFETY: null-terminated arrays of C strings that outlive the call.
                unsafe { execve(path.as_ptr(), argv_ptrs.as_ptr(), envp.as_ptr()) };
            }
            // SAFETY: as above.
            None => unsafe {
                execv(path.as_ptr(), argv_ptrs.as_ptr());
            },
        }
        Err(io::Error::last_os_error())
    };
    match run() {
        Ok(()) => io::Error::from_raw_os_error(22),
        Err(e) => e,
    }
}

/// `waitpid(pid, options)`: `(pid, status)`; retried when a signal interrupts it.
pub fn wait_pid(pid: i32, options: i32) -> io::Result<(i32, i32)> {
    let mut status = 0;
    loop {
        // SAFETY: waitpid writes one int into `status`.
        let r = unsafe { waitpid(pid, &mut status, options) };
        if r == -1 && errno() == EINTR {
            set_errno(0);
            continue;
        }
        return check(r).map(|r| (r, status));
    }
}

/// Send `sig` to process `pid`.
pub fn kill_pid(pid: i32, sig: i32) -> io::Result<()> {
    // SAFETY: kill takes plain numbers.
    check(unsafe { kill(pid, sig) }).map(drop)
}

/// Send `sig` to process group `pgid`.
pub fn kill_group(pgid: i32, sig: i32) -> io::Result<()> {
    // SAFETY: killpg takes plain numbers.
    check(unsafe { killpg(pgid, sig) }).map(drop)
}

/// The process group of `pid` (0: this process).
pub fn process_group(pid: i32) -> io::Result<i32> {
    // SAFETY: plain numbers.
    check(unsafe { getpgid(pid) })
}

/// Put `pid` into process group `pgid`.
pub fn set_process_group(pid: i32, pgid: i32) -> io::Result<()> {
    // SAFETY: plain numbers.
    check(unsafe { setpgid(pid, pgid) }).map(drop)
}

/// The session of `pid` (0: this process).
pub fn session(pid: i32) -> io::Result<i32> {
    // SAFETY: plain numbers.
    check(unsafe { getsid(pid) })
}

/// Start a new session; its id.
pub fn new_session() -> io::Result<i32> {
    // SAFETY: no arguments.
    check(unsafe { setsid() })
}

/// The parent's pid.
pub fn parent_pid() -> i32 {
    // SAFETY: no arguments, cannot fail.
    unsafe { getppid() }
}

/// Whether `fd` survives `exec`.
pub fn get_inheritable(fd: i32) -> io::Result<bool> {
    // SAFETY: reads a descriptor's flags.
    let flags = check(unsafe { fcntl(fd, F_GETFD) })?;
    Ok(flags & FD_CLOEXEC == 0)
}

/// Make `fd` survive `exec` or not.
pub fn set_inheritable(fd: i32, inheritable: bool) -> io::Result<()> {
    check(set_inheritable_raw(fd, inheritable)).map(drop)
}

/// Whether `fd` is in blocking mode.
pub fn get_blocking(fd: i32) -> io::Result<bool> {
    // SAFETY: reads a descriptor's status flags.
    let flags = check(unsafe { fcntl(fd, F_GETFL) })?;
    Ok(flags & O_NONBLOCK == 0)
}

/// Set or clear `O_NONBLOCK` on `fd`.
pub fn set_blocking(fd: i32, blocking: bool) -> io::Result<()> {
    // SAFETY: reads then sets a descriptor's status flags.
    unsafe {
        let flags = check(fcntl(fd, F_GETFL))?;
        let new = if blocking {
            flags & !O_NONBLOCK
        } else {
            flags | O_NONBLOCK
        };
        if new != flags {
            check(fcntl(fd, F_SETFL, new))?;
        }
    }
    Ok(())
}

/// End the process at once with `code`, without flushing or running any cleanup
/// (`os._exit`).
pub fn exit_now(code: i32) -> ! {
    // SAFETY: ends the process.
    unsafe { _exit(code) }
}

/// End the process with SIGABRT (`os.abort`): no cleanup, no flushing; a core dump where the
/// system makes one.
pub fn abort_now() -> ! {
    // SAFETY: ends the process.
    unsafe { abort() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Run `spec` with a fresh error pipe; what the child reported and its wait status.
    fn run(mut spec: Spec) -> (Vec<u8>, i32) {
        let mut files = crate::fs::Files::default();
        let (r, w) = files.pipe().unwrap();
        spec.errpipe_read = r;
        spec.errpipe_write = w;
        spec.pass_fds = vec![w];
        let pid = fork_exec(&spec, false).unwrap();
        files.close(w).unwrap();
        let mut report = Vec::new();
        loop {
            let part = files.read(r, 100).unwrap();
            if part.is_empty() {
                break;
            }
            report.extend_from_slice(&part);
        }
        let (got, status) = wait_pid(pid, 0).unwrap();
        assert_eq!(got, pid);
        (report, status)
    }

    fn spec(argv: &[&str]) -> Spec {
        Spec {
            argv: argv.iter().map(|a| a.as_bytes().to_vec()).collect(),
            executables: vec![argv[0].as_bytes().to_vec()],
            close_fds: true,
            p2cread: -1,
            p2cwrite: -1,
            c2pread: -1,
            c2pwrite: -1,
            errread: -1,
            errwrite: -1,
            process_group: -1,
            umask: -1,
            restore_signals: true,
            ..Spec::default()
        }
    }

    #[test]
    fn exec_success_closes_the_error_pipe() {
        let (report, status) = run(spec(&["/bin/sh", "-c", "exit 3"]));
        assert_eq!((report.as_slice(), status), (&b""[..], 3 << 8));
    }

    #[test]
    fn exec_failure_is_reported_in_hex() {
        let (report, status) = run(spec(&["/nonexistent/krait-test"]));
        assert_eq!((report.as_slice(), status), (&b"OSError:2:"[..], 255 << 8));
        let mut s = spec(&["/etc/passwd"]);
        s.executables.insert(0, b"/nonexistent/first".to_vec());
        // ENOENT from the first candidate is skipped for the later EACCES (0xD).
        assert_eq!(run(s).0, b"OSError:D:");
    }

    #[test]
    fn setup_failure_says_noexec() {
        let mut s = spec(&["/bin/true"]);
        s.cwd = Some(b"/nonexistent/krait-dir".to_vec());
        assert_eq!(run(s).0, b"OSError:2:noexec");
    }
}
