//! The `Host` seam: every operation that reaches outside the interpreter goes through the
//! `Host` object the interpreter was built with. `SandboxHost` (in `host/sandbox.rs`) has no
//! host at all: an in-memory file system, a given environment, a fixed or embedder-supplied
//! clock and seeded randomness. `OsHost` (in `host/os.rs`, only with the `host` feature) is
//! the real operating system through the `krait-host-env` crate.
//!
//! Errors are `io::Error`s carrying a Linux errno (`io::Error::from_raw_os_error`), which the
//! VM turns into CPython's `OSError` subclass and message (`[Errno 2] No such file or
//! directory: 'x'`).

use std::io;

pub use krait_common::host_types::{CtlArg, Group, LocaleConv, Passwd, RUsage, TermAttrs};

mod net;
#[cfg(feature = "host")]
mod os;
#[cfg(feature = "host")]
mod os_net;
mod sandbox;
pub use net::{AddrInfo, EpollWaitFn, LookupError, NetHost, PollFn, RecvMsg, SockAddr};
#[cfg(feature = "host")]
pub use os::OsHost;
pub use sandbox::{Clock, MemStdio, MountSource, SandboxHost, SandboxStdio, TimeSource};

/// An interval timer's setting: (seconds, microseconds) until it next fires, then its period.
pub type TimerVal = [(i64, i64); 2];

/// What a signal wait reports: signo, code, errno, pid, uid, status, band (`struct_siginfo`).
pub type SigInfo = [i64; 7];

/// [`Host::detached_sigwait`]'s function.
pub type SigWaitFn = fn(u64, Option<(i64, i64)>) -> io::Result<Option<SigInfo>>;

/// Linux errno values the hosts report.
pub mod errno {
    /// Operation not permitted
    pub const EPERM: i32 = 1;
    /// No such file or directory
    pub const ENOENT: i32 = 2;
    /// No such process
    pub const ESRCH: i32 = 3;
    /// Interrupted system call
    pub const EINTR: i32 = 4;
    /// Bad file descriptor
    pub const EBADF: i32 = 9;
    /// Permission denied
    pub const EACCES: i32 = 13;
    /// File exists
    pub const EEXIST: i32 = 17;
    /// Not a directory
    pub const ENOTDIR: i32 = 20;
    /// Is a directory
    pub const EISDIR: i32 = 21;
    /// Invalid argument
    pub const EINVAL: i32 = 22;
    /// No space left on device
    pub const ENOSPC: i32 = 28;
    /// Read-only file system
    pub const EROFS: i32 = 30;
    /// Directory not empty
    pub const ENOTEMPTY: i32 = 39;
    /// Too many levels of symbolic links
    pub const ELOOP: i32 = 40;
}

/// `open` flags, numbered as Linux numbers them (what `os.O_*` expose).
pub mod oflags {
    /// Read only.
    pub const O_RDONLY: i32 = 0;
    /// Write only.
    pub const O_WRONLY: i32 = 1;
    /// Read and write.
    pub const O_RDWR: i32 = 2;
    /// Create if missing.
    pub const O_CREAT: i32 = 0o100;
    /// With `O_CREAT`: fail if it exists.
    pub const O_EXCL: i32 = 0o200;
    /// Truncate to zero length.
    pub const O_TRUNC: i32 = 0o1000;
    /// Every write appends.
    pub const O_APPEND: i32 = 0o2000;
    /// Must be a directory.
    pub const O_DIRECTORY: i32 = 0o200000;
    /// Do not follow a final symlink.
    pub const O_NOFOLLOW: i32 = 0o400000;
    /// Close on exec.
    pub const O_CLOEXEC: i32 = 0o2000000;
}

/// The file-type bits of `st_mode`.
pub mod mode {
    /// Mask of the type bits.
    pub const S_IFMT: u32 = 0o170000;
    /// Directory.
    pub const S_IFDIR: u32 = 0o040000;
    /// Regular file.
    pub const S_IFREG: u32 = 0o100000;
    /// Symbolic link.
    pub const S_IFLNK: u32 = 0o120000;
}

/// An error with a Linux errno.
pub fn os_err(errno: i32) -> io::Error {
    io::Error::from_raw_os_error(errno)
}

/// Metadata of a file: the fields of `os.stat_result`.
#[derive(Clone, Debug, Default)]
pub struct FileStat {
    /// Whether it is a directory.
    pub is_dir: bool,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, seconds since the epoch.
    pub mtime: f64,
    /// `st_mode`: type and permission bits.
    pub mode: u32,
    /// `st_ino`
    pub ino: u64,
    /// `st_dev`
    pub dev: u64,
    /// `st_nlink`
    pub nlink: u64,
    /// `st_uid`
    pub uid: u32,
    /// `st_gid`
    pub gid: u32,
    /// `st_atime_ns`
    pub atime_ns: i64,
    /// `st_mtime_ns`
    pub mtime_ns: i64,
    /// `st_ctime_ns`
    pub ctime_ns: i64,
    /// `st_blksize`
    pub blksize: u64,
    /// `st_blocks`
    pub blocks: u64,
    /// `st_rdev`
    pub rdev: u64,
}

/// What a directory entry is (without following symlinks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// A symbolic link.
    Symlink,
    /// Anything else.
    Other,
}

/// One entry of a directory listing (`os.scandir`'s `DirEntry`).
#[derive(Clone, Debug)]
pub struct DirEntry {
    /// The name within the directory.
    pub name: String,
    /// What it is.
    pub kind: EntryKind,
    /// Its inode number.
    pub ino: u64,
}

/// What `_posixsubprocess.fork_exec` asks for (the fields of its arguments). Descriptors
/// are `-1` when unused.
#[derive(Clone, Debug, Default)]
pub struct SpawnSpec {
    /// The argument vector.
    pub argv: Vec<Vec<u8>>,
    /// The paths to try `exec` on, in order.
    pub executables: Vec<Vec<u8>>,
    /// Close descriptors from 3 up except `pass_fds`.
    pub close_fds: bool,
    /// Descriptors kept open and made inheritable (sorted).
    pub pass_fds: Vec<i32>,
    /// The child's working directory.
    pub cwd: Option<Vec<u8>>,
    /// The child's environment (`NAME=value`); `None` inherits.
    pub env: Option<Vec<Vec<u8>>>,
    /// stdin for the child.
    pub p2cread: i32,
    /// The parent's end of the stdin pipe.
    pub p2cwrite: i32,
    /// The parent's end of the stdout pipe.
    pub c2pread: i32,
    /// stdout for the child.
    pub c2pwrite: i32,
    /// The parent's end of the stderr pipe.
    pub errread: i32,
    /// stderr for the child.
    pub errwrite: i32,
    /// The parent's end of the error-report pipe.
    pub errpipe_read: i32,
    /// The child's end of the error-report pipe.
    pub errpipe_write: i32,
    /// Reset SIGPIPE and SIGXFSZ to their defaults.
    pub restore_signals: bool,
    /// `setsid()` in the child.
    pub start_new_session: bool,
    /// `setpgid(0, n)` when `>= 0`.
    pub process_group: i32,
    /// `setregid`.
    pub gid: Option<u32>,
    /// `setgroups`.
    pub extra_groups: Option<Vec<u32>>,
    /// `setreuid`.
    pub uid: Option<u32>,
    /// `umask` when `>= 0`.
    pub umask: i32,
}

/// A memory mapping a host made ([`Host::mmap`]); unmapped when dropped.
pub trait MappedRegion {
    /// The mapped bytes.
    fn bytes(&self) -> &[u8];
    /// The mapped bytes, writable (only for a mapping made writable).
    fn bytes_mut(&mut self) -> &mut [u8];
    /// Write `[offset, offset + len)` back to the file.
    fn flush(&mut self, offset: usize, len: usize) -> io::Result<()>;
    /// Grow or shrink the mapping.
    fn resize(&mut self, len: usize) -> io::Result<()>;
}

/// What the interpreter may ask of its host. Every method has a refusing default, so a host
/// grants only what it implements: file system calls fail with `EACCES`, processes and
/// sockets with `EPERM`.
/// Calls on an open semaphore handle ([`Host::sem_open`]).
#[derive(Clone, Copy)]
pub struct SemOps {
    /// Take it without blocking: `false` if it is zero.
    pub try_wait: fn(usize) -> io::Result<bool>,
    /// Wait up to this many seconds: `false` if the time ran out or a signal came.
    pub wait_for: fn(usize, f64) -> io::Result<bool>,
    /// Give it back.
    pub post: fn(usize) -> io::Result<()>,
    /// Its value.
    pub value: fn(usize) -> io::Result<i32>,
    /// Close the handle.
    pub close: fn(usize),
}

/// A terminal line-control call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermOp {
    /// `tcsendbreak(fd, duration)`
    SendBreak(i32),
    /// `tcdrain(fd)`
    Drain,
    /// `tcflush(fd, queue)`
    Flush(i32),
    /// `tcflow(fd, action)`
    Flow(i32),
}

pub trait Host {
    /// Write to standard output.
    fn write_stdout(&mut self, data: &[u8]) -> io::Result<()>;
    /// Write to standard error.
    fn write_stderr(&mut self, data: &[u8]) -> io::Result<()>;
    /// Flush standard output and error.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
    /// Read one line from standard input, including its newline; empty at end of input.
    fn read_stdin_line(&mut self) -> io::Result<Vec<u8>> {
        Ok(Vec::new())
    }
    /// Read all of standard input.
    fn read_stdin_all(&mut self) -> io::Result<Vec<u8>> {
        Ok(Vec::new())
    }
    /// Read at most `n` bytes of standard input, what is there (one `read(2)`); empty at end
    /// of input. `sys.stdin` reads through this. A host that only knows lines may return a
    /// whole line, even longer than `n`: the caller keeps the rest.
    fn read_stdin(&mut self, _n: usize) -> io::Result<Vec<u8>> {
        self.read_stdin_line()
    }
    /// Whether standard input is an interactive terminal.
    fn stdin_is_tty(&self) -> bool {
        false
    }

    // Files by descriptor.

    /// Open `path` with `oflags` (see [`oflags`]) and permission bits `mode`; a descriptor.
    fn open(&mut self, _path: &str, _oflags: i32, _mode: u32) -> io::Result<i32> {
        Err(os_err(errno::EACCES))
    }
    /// Read at most `n` bytes from a descriptor; empty at end of file.
    fn read(&mut self, _fd: i32, _n: usize) -> io::Result<Vec<u8>> {
        Err(os_err(errno::EBADF))
    }
    /// Write to a descriptor; how many bytes were written.
    fn write(&mut self, _fd: i32, _data: &[u8]) -> io::Result<usize> {
        Err(os_err(errno::EBADF))
    }
    /// Move a descriptor's position (`whence` 0 start, 1 current, 2 end); the new position.
    fn seek(&mut self, _fd: i32, _offset: i64, _whence: i32) -> io::Result<u64> {
        Err(os_err(errno::EBADF))
    }
    /// Cut or extend an open file to `len` bytes.
    fn truncate(&mut self, _fd: i32, _len: u64) -> io::Result<()> {
        Err(os_err(errno::EBADF))
    }
    /// Metadata of an open file.
    fn fstat(&mut self, _fd: i32) -> io::Result<FileStat> {
        Err(os_err(errno::EBADF))
    }
    /// Close a descriptor.
    fn close(&mut self, _fd: i32) -> io::Result<()> {
        Err(os_err(errno::EBADF))
    }
    /// Whether a descriptor is a terminal.
    fn isatty(&mut self, _fd: i32) -> bool {
        false
    }
    /// The terminal size on a descriptor: (columns, lines).
    fn terminal_size(&mut self, _fd: i32) -> io::Result<(u16, u16)> {
        Err(os_err(25))
    }
    /// A second descriptor for an open file.
    fn dup(&mut self, _fd: i32) -> io::Result<i32> {
        Err(os_err(errno::EPERM))
    }
    /// `dup2(fd, fd2)`: `fd2` names `fd`'s open file from now on, close-on-exec unless
    /// `inheritable`; returns `fd2`.
    fn dup2(&mut self, _fd: i32, _fd2: i32, _inheritable: bool) -> io::Result<i32> {
        Err(os_err(errno::EPERM))
    }
    /// Close the descriptors in `lo..hi`, ignoring errors (`os.closerange`).
    fn closerange(&mut self, lo: i32, hi: i32) {
        for fd in lo.max(0)..hi.min(1 << 16) {
            let _ = self.close(fd);
        }
    }
    /// A pipe: (read end, write end).
    fn pipe(&mut self) -> io::Result<(i32, i32)> {
        Err(os_err(errno::EPERM))
    }

    // Paths.

    /// Read a whole file.
    fn read_file(&mut self, path: &str) -> io::Result<Vec<u8>> {
        let fd = self.open(path, oflags::O_RDONLY | oflags::O_CLOEXEC, 0)?;
        let mut out = Vec::new();
        let r = loop {
            match self.read(fd, 1 << 16) {
                Ok(b) if b.is_empty() => break Ok(out),
                Ok(b) => out.extend_from_slice(&b),
                Err(e) => break Err(e),
            }
        };
        let _ = self.close(fd);
        r
    }
    /// Metadata of a path, following symlinks.
    fn stat(&mut self, _path: &str) -> io::Result<FileStat> {
        Err(os_err(errno::EACCES))
    }
    /// Metadata of a path itself (a final symlink is not followed).
    fn lstat(&mut self, path: &str) -> io::Result<FileStat> {
        self.stat(path)
    }
    /// The entries of a directory, without `.` and `..`.
    fn listdir(&mut self, _path: &str) -> io::Result<Vec<DirEntry>> {
        Err(os_err(errno::EACCES))
    }
    /// Make a directory.
    fn mkdir(&mut self, _path: &str, _mode: u32) -> io::Result<()> {
        Err(os_err(errno::EACCES))
    }
    /// Remove an empty directory.
    fn rmdir(&mut self, _path: &str) -> io::Result<()> {
        Err(os_err(errno::EACCES))
    }
    /// Remove a file.
    fn unlink(&mut self, _path: &str) -> io::Result<()> {
        Err(os_err(errno::EACCES))
    }
    /// Rename, replacing the destination.
    fn rename(&mut self, _src: &str, _dst: &str) -> io::Result<()> {
        Err(os_err(errno::EACCES))
    }
    /// The target of a symlink.
    fn readlink(&mut self, _path: &str) -> io::Result<String> {
        Err(os_err(errno::EINVAL))
    }
    /// Make a symlink at `path` pointing to `target`.
    fn symlink(&mut self, _target: &str, _path: &str) -> io::Result<()> {
        Err(os_err(errno::EACCES))
    }
    /// Set permission bits.
    fn chmod(&mut self, _path: &str, _mode: u32) -> io::Result<()> {
        Err(os_err(errno::EACCES))
    }
    /// Change the owner and group of a path (`None` keeps that id); `follow` false changes a
    /// final symlink itself (`lchown`).
    fn chown(
        &mut self,
        _path: &str,
        _uid: Option<u32>,
        _gid: Option<u32>,
        _follow: bool,
    ) -> io::Result<()> {
        Err(os_err(errno::EPERM))
    }
    /// Change the owner and group of an open descriptor (`None` keeps that id).
    fn fchown(&mut self, _fd: i32, _uid: Option<u32>, _gid: Option<u32>) -> io::Result<()> {
        Err(os_err(errno::EPERM))
    }
    /// Make a named pipe (`mkfifo`).
    fn mkfifo(&mut self, _path: &str, _mode: u32) -> io::Result<()> {
        Err(os_err(errno::EACCES))
    }
    /// Make a file system node: `mode` holds its type and permission bits, `dev` the device
    /// number of a special file (`mknod`).
    fn mknod(&mut self, _path: &str, _mode: u32, _dev: u64) -> io::Result<()> {
        Err(os_err(errno::EACCES))
    }
    /// Set access and modification times (nanoseconds since the epoch).
    fn utime(&mut self, _path: &str, _atime_ns: i64, _mtime_ns: i64) -> io::Result<()> {
        Err(os_err(errno::EACCES))
    }
    /// The current directory.
    fn getcwd(&mut self) -> io::Result<String> {
        Ok(String::from("/"))
    }
    /// Change the current directory.
    fn chdir(&mut self, _path: &str) -> io::Result<()> {
        Err(os_err(errno::EACCES))
    }

    // Environment.

    /// An environment variable.
    fn env_var(&mut self, _name: &str) -> Option<String> {
        None
    }
    /// All environment variables.
    fn env_vars(&mut self) -> Vec<(String, String)> {
        Vec::new()
    }
    /// Set a variable (`os.environ[k] = v`, `os.putenv`).
    fn set_env_var(&mut self, _name: &str, _value: &str) -> io::Result<()> {
        Err(os_err(errno::EPERM))
    }
    /// Remove a variable (`del os.environ[k]`, `os.unsetenv`).
    fn unset_env_var(&mut self, _name: &str) -> io::Result<()> {
        Err(os_err(errno::EPERM))
    }

    // Clocks and randomness.

    /// Wall-clock time, seconds since the epoch.
    fn time(&mut self) -> f64 {
        0.0
    }
    /// A monotonic clock in seconds.
    fn monotonic(&mut self) -> f64 {
        0.0
    }
    /// Wait `secs` seconds.
    fn sleep(&mut self, _secs: f64) {}
    /// A way to sleep that needs no host state, callable from any thread while the
    /// interpreter lock is released (other Python threads run meanwhile). `None` (a host
    /// whose sleep has state, e.g. a virtual clock): `sleep` is called with the lock held.
    fn detached_sleep(&self) -> Option<fn(f64)> {
        None
    }
    /// `read` on `fd` needing no host state (the descriptor is checked here), callable from
    /// any thread while the interpreter lock is released; `None`: `read` is called with it
    /// held.
    fn detached_read(&mut self, _fd: i32) -> Option<fn(i32, usize) -> io::Result<Vec<u8>>> {
        None
    }
    /// `write` on `fd` needing no host state, as [`Host::detached_read`].
    fn detached_write(&mut self, _fd: i32) -> Option<fn(i32, &[u8]) -> io::Result<usize>> {
        None
    }
    /// `waitpid` needing no host state, callable from any thread while the interpreter lock
    /// is released; `None`: `waitpid` is called with the lock held.
    fn detached_waitpid(&self) -> Option<fn(i32, i32) -> io::Result<(i32, i32)>> {
        None
    }
    /// Random bytes (`os.urandom`, hash seeds).
    fn urandom(&mut self, n: usize) -> io::Result<Vec<u8>> {
        Ok(vec![0; n])
    }

    // Processes and sockets: refused unless a host grants them.

    /// This process's id.
    fn getpid(&mut self) -> u32 {
        1
    }
    /// The real and effective user and group ids: `(uid, euid, gid, egid)`.
    fn ids(&mut self) -> (u32, u32, u32, u32) {
        (1000, 1000, 1000, 1000)
    }
    /// The supplementary group ids.
    fn groups(&mut self) -> Vec<u32> {
        Vec::new()
    }
    /// Set the file-creation mask; the previous one.
    fn umask(&mut self, _mask: u32) -> u32 {
        0o022
    }
    /// `uname()`: sysname, nodename, release, version, machine (refused by default).
    fn uname(&mut self) -> io::Result<[String; 5]> {
        Err(os_err(errno::EPERM))
    }
    /// CPU and elapsed times: user, system, children's user and system, elapsed.
    fn cpu_times(&mut self) -> [f64; 5] {
        let t = self.monotonic();
        [t, 0.0, 0.0, 0.0, t]
    }
    /// Run `argv` to completion (`os.system`); its wait status.
    fn spawn(&mut self, _argv: &[String]) -> io::Result<i32> {
        Err(os_err(errno::EPERM))
    }

    // Process control (`_posixsubprocess`, `os.fork`/`exec*`/`waitpid`/`kill`, sessions):
    // refused with EPERM unless a host grants it.

    /// Start a child as `_posixsubprocess.fork_exec` does; its pid. With
    /// `stop_before_exec` (a `preexec_fn`), the child stops after the descriptor, directory,
    /// signal and id setup and this returns 0 in it; the child then calls [`child_exec`].
    ///
    /// [`child_exec`]: Host::child_exec
    fn fork_exec(&mut self, _spec: &SpawnSpec, _stop_before_exec: bool) -> io::Result<i32> {
        Err(os_err(errno::EPERM))
    }
    /// In a child [`fork_exec`](Host::fork_exec) stopped before `exec`: report a failed
    /// `preexec_fn` (`preexec_ok` false) or close descriptors and `exec`. Does not return on
    /// a host that forked.
    fn child_exec(&mut self, _spec: &SpawnSpec, _preexec_ok: bool) -> io::Error {
        os_err(errno::EPERM)
    }
    /// `fork()`: 0 in the child (which continues this interpreter), the child's pid in the
    /// parent.
    fn fork(&mut self) -> io::Result<i32> {
        Err(os_err(errno::EPERM))
    }
    /// Replace the process with `path` (`os.execv`/`execve`); returns only the failure.
    fn execve(&mut self, _path: &[u8], _argv: &[Vec<u8>], _env: Option<&[Vec<u8>]>) -> io::Error {
        os_err(errno::EPERM)
    }
    /// `waitpid(pid, options)`: `(pid, wait status)`.
    fn waitpid(&mut self, _pid: i32, _options: i32) -> io::Result<(i32, i32)> {
        Err(os_err(errno::EPERM))
    }
    /// Send a signal to a process.
    fn kill(&mut self, _pid: i32, _sig: i32) -> io::Result<()> {
        Err(os_err(errno::EPERM))
    }
    /// Send a signal to a process group.
    fn killpg(&mut self, _pgid: i32, _sig: i32) -> io::Result<()> {
        Err(os_err(errno::EPERM))
    }
    /// Route signal `signum` in this process: `action` 0 its default action, 1 ignored,
    /// 2 caught (reported by [`take_signals`](Host::take_signals), SIGINT by the interrupt
    /// flag). Refused here: the handler table alone records a Python handler.
    fn set_signal_action(&mut self, _signum: i32, _action: i32) -> io::Result<()> {
        Err(os_err(errno::EPERM))
    }
    /// The signals caught since the last call: bit `n - 1` for signal `n`.
    fn take_signals(&mut self) -> u64 {
        0
    }
    /// Where a caught signal's number is written (`signal.set_wakeup_fd`; -1 for nowhere).
    fn set_wakeup_fd(&mut self, _fd: i32) {}
    /// `siginterrupt`: whether a system call signal `signum` interrupts fails with `EINTR`.
    fn siginterrupt(&mut self, _signum: i32, _flag: bool) -> io::Result<()> {
        Err(os_err(errno::EPERM))
    }
    /// Set interval timer `which` (`ITIMER_REAL` 0, `VIRTUAL` 1, `PROF` 2): (seconds,
    /// microseconds) until it fires, then its period; the previous setting.
    fn setitimer(&mut self, _which: i32, _new: TimerVal) -> io::Result<TimerVal> {
        Err(os_err(errno::EPERM))
    }
    /// Interval timer `which`'s setting.
    fn getitimer(&mut self, _which: i32) -> io::Result<TimerVal> {
        Err(os_err(errno::EPERM))
    }
    /// `alarm(secs)`: the seconds the previous alarm had left.
    fn alarm(&mut self, _secs: u32) -> io::Result<u32> {
        Err(os_err(errno::EPERM))
    }
    /// Send `signum` to the calling thread (`raise`).
    fn raise_signal(&mut self, _signum: i32) -> io::Result<()> {
        Err(os_err(errno::EPERM))
    }
    /// The calling OS thread's handle for [`pthread_kill`](Host::pthread_kill) (0: none).
    fn thread_handle(&mut self) -> u64 {
        0
    }
    /// Send `signum` to the thread with handle `thread`.
    fn pthread_kill(&mut self, _thread: u64, _signum: i32) -> io::Result<()> {
        Err(os_err(errno::EPERM))
    }
    /// Change the calling thread's blocked signals (`how`: 0 block, 1 unblock, 2 set; bit
    /// `n - 1` for signal `n`); the previous set.
    fn sigmask(&mut self, _how: i32, _set: u64) -> io::Result<u64> {
        Err(os_err(errno::EPERM))
    }
    /// The blocked signals waiting for this thread or the process.
    fn sigpending(&mut self) -> io::Result<u64> {
        Err(os_err(errno::EPERM))
    }
    /// A way to wait for a signal that needs no host state, callable with the interpreter
    /// lock released: `(set, timeout as (seconds, nanoseconds))` takes one of the blocked
    /// signals in `set`, or gives `None` when the timeout runs out (`sigtimedwait`).
    /// `None`: waiting is refused.
    fn detached_sigwait(&self) -> Option<SigWaitFn> {
        None
    }
    /// A way to wait until a signal is caught (`pause`), as [`Host::detached_sigwait`].
    fn detached_pause(&self) -> Option<fn()> {
        None
    }
    /// The process group of `pid` (0: this process).
    fn getpgid(&mut self, _pid: i32) -> io::Result<i32> {
        Err(os_err(errno::EPERM))
    }
    /// Move `pid` into process group `pgid`.
    fn setpgid(&mut self, _pid: i32, _pgid: i32) -> io::Result<()> {
        Err(os_err(errno::EPERM))
    }
    /// The session of `pid` (0: this process).
    fn getsid(&mut self, _pid: i32) -> io::Result<i32> {
        Err(os_err(errno::EPERM))
    }
    /// Start a new session; its id.
    fn setsid(&mut self) -> io::Result<i32> {
        Err(os_err(errno::EPERM))
    }
    /// The parent process's id.
    fn getppid(&mut self) -> u32 {
        0
    }
    /// End the process at once (`os._exit`): no cleanup, no flushing. A host without a
    /// process of its own refuses, and the interpreter stops as `SystemExit` would.
    fn exit_now(&mut self, _code: i32) -> io::Result<()> {
        Err(os_err(errno::EPERM))
    }
    /// End the process with SIGABRT (`os.abort`): no cleanup, no flushing. Refused by a host
    /// without a process of its own.
    fn abort(&mut self) -> io::Result<()> {
        Err(os_err(errno::EPERM))
    }
    /// Whether a descriptor survives `exec` (a host without `exec`: never).
    fn get_inheritable(&mut self, fd: i32) -> io::Result<bool> {
        self.fstat(fd).map(|_| false)
    }
    /// Make a descriptor survive `exec` or not.
    fn set_inheritable(&mut self, fd: i32, _inheritable: bool) -> io::Result<()> {
        self.fstat(fd).map(drop)
    }
    /// Whether a descriptor is in blocking mode.
    fn get_blocking(&mut self, fd: i32) -> io::Result<bool> {
        self.fstat(fd).map(|_| true)
    }
    /// Set or clear non-blocking mode.
    fn set_blocking(&mut self, fd: i32, _blocking: bool) -> io::Result<()> {
        self.fstat(fd).map(drop)
    }

    // Memory maps (`mmap`): refused unless a host grants them.

    /// Map `len` bytes of descriptor `fd` from `offset` (`fd` -1 with `MAP_ANONYMOUS`: fresh
    /// memory); `prot` and `flags` as Linux numbers them.
    fn mmap(
        &mut self,
        _fd: i32,
        _len: usize,
        _prot: i32,
        _flags: i32,
        _offset: i64,
    ) -> io::Result<Box<dyn MappedRegion>> {
        Err(os_err(errno::EPERM))
    }
    /// The page size (`mmap.PAGESIZE`).
    fn page_size(&mut self) -> usize {
        4096
    }

    /// `crypt(3)` of `word` with `salt` (the `_crypt` module). Refused (`ENOSYS`, which
    /// `crypt.py` reads as "method unavailable") unless the host has a libcrypt.
    fn crypt(&mut self, _word: &[u8], _salt: &[u8]) -> io::Result<Vec<u8>> {
        Err(os_err(38))
    }

    /// Make a socket (through [`Host::net`]).
    fn socket(&mut self, family: i32, kind: i32, proto: i32) -> io::Result<i32> {
        match self.net() {
            Some(n) => n.socket(family, kind, proto),
            None => Err(os_err(errno::EPERM)),
        }
    }

    // Sockets, name lookups and waiting on descriptors (host/net.rs).

    /// The network, if this host grants it: `None` (the default) makes every socket, lookup
    /// and `select`/`poll` fail with `PermissionError: [Errno 1] Operation not permitted`.
    fn net(&mut self) -> Option<&mut dyn NetHost> {
        None
    }

    // The user and group databases. A host without them (the sandbox) has no entries, so
    // lookups miss as for an unknown user.
    /// The password entry of a user id.
    fn passwd_by_uid(&mut self, _uid: u32) -> io::Result<Option<Passwd>> {
        Ok(None)
    }
    /// The password entry of a user name.
    fn passwd_by_name(&mut self, _name: &[u8]) -> io::Result<Option<Passwd>> {
        Ok(None)
    }
    /// Every password entry.
    fn all_passwd(&mut self) -> Vec<Passwd> {
        Vec::new()
    }
    /// The group entry of a group id.
    fn group_by_gid(&mut self, _gid: u32) -> io::Result<Option<Group>> {
        Ok(None)
    }
    /// The group entry of a group name.
    fn group_by_name(&mut self, _name: &[u8]) -> io::Result<Option<Group>> {
        Ok(None)
    }
    /// Every group entry.
    fn all_groups(&mut self) -> Vec<Group> {
        Vec::new()
    }

    // The C library's locale. A host without one (the sandbox) is always in the "C" locale:
    // it accepts only "C", "POSIX" and "" (the user's, which is "C" there).
    /// `setlocale(category, locale)`: the locale now in effect for `category` (a query when
    /// `locale` is `None`), `None` when the setting is refused.
    fn setlocale(&mut self, category: i32, locale: Option<&[u8]>) -> Option<Vec<u8>> {
        let known = (0..=6).contains(&category);
        match locale {
            _ if !known => None,
            None | Some(b"C" | b"POSIX" | b"") => Some(b"C".to_vec()),
            Some(_) => None,
        }
    }
    /// The current locale's number and money conventions.
    fn localeconv(&mut self) -> LocaleConv {
        LocaleConv::c_locale()
    }
    /// `nl_langinfo(item)` in the current locale.
    fn nl_langinfo(&mut self, item: i32) -> Vec<u8> {
        crate::modules::c_langinfo(item).as_bytes().to_vec()
    }
    /// Compare two strings (no NULs) in the current locale's collation order.
    fn strcoll(&mut self, a: &[u32], b: &[u32]) -> i32 {
        a.cmp(b) as i32
    }
    /// The collation key of a string (no NULs), as `wcsxfrm`.
    fn strxfrm(&mut self, s: &[u32]) -> Vec<u32> {
        s.to_vec()
    }

    // Resource limits and usage, descriptor control and terminals: refused by default.
    /// A resource limit `(soft, hard)`, `u64::MAX` for unlimited.
    fn rlimit(&mut self, _resource: i32) -> io::Result<(u64, u64)> {
        Err(os_err(errno::EPERM))
    }
    /// Set a resource limit. (Refused with `EACCES`: `resource.setrlimit` reports the OS's
    /// `EPERM` as "not allowed to raise maximum limit".)
    fn set_rlimit(&mut self, _resource: i32, _soft: u64, _hard: u64) -> io::Result<()> {
        Err(os_err(errno::EACCES))
    }
    /// `getrusage(who)`
    fn rusage(&mut self, _who: i32) -> io::Result<RUsage> {
        Err(os_err(errno::EPERM))
    }
    /// `fcntl(fd, cmd, arg)`
    fn fcntl(&mut self, _fd: i32, _cmd: i32, _arg: &CtlArg) -> io::Result<CtlArg> {
        Err(os_err(errno::EPERM))
    }
    /// `ioctl(fd, request, arg)`
    fn ioctl(&mut self, _fd: i32, _request: u64, _arg: &CtlArg) -> io::Result<CtlArg> {
        Err(os_err(errno::EPERM))
    }
    /// `flock(fd, operation)`
    fn flock(&mut self, _fd: i32, _op: i32) -> io::Result<()> {
        Err(os_err(errno::EPERM))
    }
    /// A record lock, as `fcntl.lockf`.
    fn lockf(
        &mut self,
        _fd: i32,
        _cmd: i32,
        _len: i64,
        _start: i64,
        _whence: i32,
    ) -> io::Result<()> {
        Err(os_err(errno::EPERM))
    }
    /// The attributes of the terminal on `fd`.
    fn term_attrs(&mut self, _fd: i32) -> io::Result<TermAttrs> {
        Err(os_err(25))
    }
    /// Set the attributes of the terminal on `fd` (`when`: TCSANOW, TCSADRAIN, TCSAFLUSH).
    fn set_term_attrs(&mut self, _fd: i32, _when: i32, _attrs: &TermAttrs) -> io::Result<()> {
        Err(os_err(25))
    }
    /// `tcsendbreak`, `tcdrain`, `tcflush` or `tcflow` on the terminal on `fd`.
    fn term_control(&mut self, _fd: i32, _op: TermOp) -> io::Result<()> {
        Err(os_err(25))
    }
    // Named semaphores and shared memory (`_multiprocessing`, `_posixshmem`): refused by default.
    /// Open, or exclusively create with `value`, a named semaphore: a handle for
    /// [`SemOps`].
    fn sem_open(&mut self, _name: &str, _create: bool, _value: u32) -> io::Result<usize> {
        Err(os_err(errno::EPERM))
    }
    /// Remove a semaphore's name.
    fn sem_unlink(&mut self, _name: &str) -> io::Result<()> {
        Err(os_err(errno::EPERM))
    }
    /// The operations on open semaphore handles, needing no host state (waits run with the
    /// interpreter lock released). `None` when the host has no semaphores.
    fn sem_ops(&self) -> Option<SemOps> {
        None
    }
    /// `shm_open(name, flags, mode)`
    fn shm_open(&mut self, _name: &str, _flags: i32, _mode: u32) -> io::Result<i32> {
        Err(os_err(errno::EPERM))
    }
    /// `shm_unlink(name)`
    fn shm_unlink(&mut self, _name: &str) -> io::Result<()> {
        Err(os_err(errno::EPERM))
    }
    /// Set the window size of the terminal on `fd`.
    fn set_terminal_size(&mut self, _fd: i32, _rows: u16, _cols: u16) -> io::Result<()> {
        Err(os_err(25))
    }

    // Foreign memory and calls (`_ctypes`): host access, granted only by `OsHost`. Without
    // it `import _ctypes` fails, so a sandboxed program has no ctypes power at all.
    /// The foreign-function host, if this host grants one.
    fn ffi(&mut self) -> Option<&mut dyn FfiHost> {
        None
    }
}

/// One argument of a foreign call ([`FfiHost::call`]): its register class and 64 bits.
#[derive(Clone, Copy, Debug)]
pub enum FfiArg {
    /// An integer or pointer, widened to 64 bits as its C type requires.
    Int(u64),
    /// A `double`'s bits, or a `float`'s bits in the low 32.
    Sse(u64),
}

/// Raw memory by address, shared libraries and calls by address (`_ctypes`). Every method
/// trusts the addresses it is given, as C does: this is the host's own memory.
pub trait FfiHost {
    /// Copy `n` bytes from `addr` (`EFAULT` for a null page address).
    fn read_mem(&mut self, addr: usize, n: usize) -> io::Result<Vec<u8>>;
    /// Copy `data` to `addr`.
    fn write_mem(&mut self, addr: usize, data: &[u8]) -> io::Result<()>;
    /// The length of the NUL-terminated string at `addr` in `unit`-byte characters.
    fn strlen(&mut self, addr: usize, unit: usize) -> io::Result<usize>;
    /// `dlopen` (`None`: the program itself); the error is `dlerror()`'s text.
    fn dlopen(&mut self, name: Option<&[u8]>, mode: i32) -> Result<usize, String>;
    /// `dlsym`; the error is `dlerror()`'s text.
    fn dlsym(&mut self, handle: usize, name: &[u8]) -> Result<usize, String>;
    /// `dlclose`; the error is `dlerror()`'s text.
    fn dlclose(&mut self, handle: usize) -> Result<(), String>;
    /// Call the function at `func`; returns `%rax`, `%xmm0` (whichever `ret_sse` asks for)
    /// and `errno` after the call (set to `errno_in` before it when given).
    fn call(
        &mut self,
        func: usize,
        args: &[FfiArg],
        ret_sse: bool,
        errno_in: Option<i32>,
    ) -> io::Result<(u64, u64, i32)>;
}
