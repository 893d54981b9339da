//! The host an embedded interpreter runs with: the sandbox or the OS underneath, with
//! standard streams redirected as the embedder asked.

use std::io;
use std::sync::{Arc, Mutex};

use krait_vm::host::{
    DirEntry, FileStat, Host, MappedRegion, SandboxStdio, SigWaitFn, SpawnSpec, TimerVal,
};

/// Where an embedded interpreter's stdout or stderr goes.
pub enum Output {
    /// Collected in memory; read with `Interpreter::take_stdout` / `take_stderr`.
    Capture,
    /// Handed to a callback, chunk by chunk, as the program writes (stdout is line-buffered
    /// by the interpreter, so chunks are usually whole lines).
    Callback(Box<dyn FnMut(&[u8]) + Send>),
    /// Thrown away.
    Discard,
    /// The process's own stream (only with the `host` feature and without `sandboxed()`;
    /// otherwise the same as `Discard`).
    Inherit,
}

pub(crate) enum Sink {
    Buffer(Arc<Mutex<Vec<u8>>>),
    Callback(Box<dyn FnMut(&[u8]) + Send>),
    Discard,
    Inherit,
}

impl Sink {
    pub(crate) fn new(o: Output, buf: &Arc<Mutex<Vec<u8>>>) -> Sink {
        match o {
            Output::Capture => Sink::Buffer(buf.clone()),
            Output::Callback(f) => Sink::Callback(f),
            Output::Discard => Sink::Discard,
            Output::Inherit => Sink::Inherit,
        }
    }
}

/// The embedder's standard streams: output sinks and the stdin it supplied.
pub(crate) struct EmbedStdio {
    pub(crate) stdout: Sink,
    pub(crate) stderr: Sink,
    pub(crate) stdin: Vec<u8>,
    pub(crate) pos: usize,
}

fn write(
    sink: &mut Sink,
    data: &[u8],
    inherit: impl FnOnce(&[u8]) -> io::Result<()>,
) -> io::Result<()> {
    match sink {
        Sink::Buffer(b) => {
            if let Ok(mut b) = b.lock() {
                b.extend_from_slice(data);
            }
            Ok(())
        }
        Sink::Callback(f) => {
            f(data);
            Ok(())
        }
        Sink::Discard => Ok(()),
        Sink::Inherit => inherit(data),
    }
}

impl EmbedStdio {
    fn line(&mut self) -> Vec<u8> {
        let rest = self.stdin.get(self.pos..).unwrap_or_default();
        let n = rest
            .iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |i| i + 1);
        let line = rest[..n].to_vec();
        self.pos += n;
        line
    }

    fn some(&mut self, n: usize) -> Vec<u8> {
        let rest = self.stdin.get(self.pos..).unwrap_or_default();
        let n = n.min(rest.len());
        let got = rest[..n].to_vec();
        self.pos += n;
        got
    }

    fn all(&mut self) -> Vec<u8> {
        let rest = self.stdin.get(self.pos..).unwrap_or_default().to_vec();
        self.pos = self.stdin.len();
        rest
    }
}

// In a sandbox, `Inherit` has no process stream to reach: it discards.
impl SandboxStdio for EmbedStdio {
    fn write_stdout(&mut self, data: &[u8]) -> io::Result<()> {
        write(&mut self.stdout, data, |_| Ok(()))
    }
    fn write_stderr(&mut self, data: &[u8]) -> io::Result<()> {
        write(&mut self.stderr, data, |_| Ok(()))
    }
    fn read_stdin_line(&mut self) -> io::Result<Vec<u8>> {
        Ok(self.line())
    }
    fn read_stdin_all(&mut self) -> io::Result<Vec<u8>> {
        Ok(self.all())
    }
    fn read_stdin(&mut self, n: usize) -> io::Result<Vec<u8>> {
        Ok(self.some(n))
    }
}

/// The OS host with the embedder's standard streams (stdin from the OS unless supplied).
pub(crate) struct EmbedHost {
    pub(crate) inner: Box<dyn Host>,
    pub(crate) stdio: EmbedStdio,
    pub(crate) own_stdin: bool,
}

// Everything not about the standard streams goes to `inner` unchanged: keep this list in step
// with the `Host` trait (a method missing here would fall back to the trait's refusal).
impl Host for EmbedHost {
    fn write_stdout(&mut self, data: &[u8]) -> io::Result<()> {
        let inner = &mut self.inner;
        write(&mut self.stdio.stdout, data, |d| inner.write_stdout(d))
    }
    fn write_stderr(&mut self, data: &[u8]) -> io::Result<()> {
        let inner = &mut self.inner;
        write(&mut self.stdio.stderr, data, |d| inner.write_stderr(d))
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
    fn read_stdin_line(&mut self) -> io::Result<Vec<u8>> {
        if self.own_stdin {
            Ok(self.stdio.line())
        } else {
            self.inner.read_stdin_line()
        }
    }
    fn read_stdin_all(&mut self) -> io::Result<Vec<u8>> {
        if self.own_stdin {
            Ok(self.stdio.all())
        } else {
            self.inner.read_stdin_all()
        }
    }
    fn read_stdin(&mut self, n: usize) -> io::Result<Vec<u8>> {
        if self.own_stdin {
            Ok(self.stdio.some(n))
        } else {
            self.inner.read_stdin(n)
        }
    }
    fn stdin_is_tty(&self) -> bool {
        !self.own_stdin && self.inner.stdin_is_tty()
    }
    fn open(&mut self, path: &str, oflags: i32, mode: u32) -> io::Result<i32> {
        self.inner.open(path, oflags, mode)
    }
    fn read(&mut self, fd: i32, n: usize) -> io::Result<Vec<u8>> {
        self.inner.read(fd, n)
    }
    fn write(&mut self, fd: i32, data: &[u8]) -> io::Result<usize> {
        self.inner.write(fd, data)
    }
    fn seek(&mut self, fd: i32, offset: i64, whence: i32) -> io::Result<u64> {
        self.inner.seek(fd, offset, whence)
    }
    fn truncate(&mut self, fd: i32, len: u64) -> io::Result<()> {
        self.inner.truncate(fd, len)
    }
    fn fstat(&mut self, fd: i32) -> io::Result<FileStat> {
        self.inner.fstat(fd)
    }
    fn close(&mut self, fd: i32) -> io::Result<()> {
        self.inner.close(fd)
    }
    fn isatty(&mut self, fd: i32) -> bool {
        self.inner.isatty(fd)
    }
    fn read_file(&mut self, path: &str) -> io::Result<Vec<u8>> {
        self.inner.read_file(path)
    }
    fn stat(&mut self, path: &str) -> io::Result<FileStat> {
        self.inner.stat(path)
    }
    fn lstat(&mut self, path: &str) -> io::Result<FileStat> {
        self.inner.lstat(path)
    }
    fn listdir(&mut self, path: &str) -> io::Result<Vec<DirEntry>> {
        self.inner.listdir(path)
    }
    fn mkdir(&mut self, path: &str, mode: u32) -> io::Result<()> {
        self.inner.mkdir(path, mode)
    }
    fn rmdir(&mut self, path: &str) -> io::Result<()> {
        self.inner.rmdir(path)
    }
    fn unlink(&mut self, path: &str) -> io::Result<()> {
        self.inner.unlink(path)
    }
    fn rename(&mut self, src: &str, dst: &str) -> io::Result<()> {
        self.inner.rename(src, dst)
    }
    fn readlink(&mut self, path: &str) -> io::Result<String> {
        self.inner.readlink(path)
    }
    fn symlink(&mut self, target: &str, path: &str) -> io::Result<()> {
        self.inner.symlink(target, path)
    }
    fn chmod(&mut self, path: &str, mode: u32) -> io::Result<()> {
        self.inner.chmod(path, mode)
    }
    fn chown(
        &mut self,
        path: &str,
        uid: Option<u32>,
        gid: Option<u32>,
        follow: bool,
    ) -> io::Result<()> {
        self.inner.chown(path, uid, gid, follow)
    }
    fn fchown(&mut self, fd: i32, uid: Option<u32>, gid: Option<u32>) -> io::Result<()> {
        self.inner.fchown(fd, uid, gid)
    }
    fn mkfifo(&mut self, path: &str, mode: u32) -> io::Result<()> {
        self.inner.mkfifo(path, mode)
    }
    fn mknod(&mut self, path: &str, mode: u32, dev: u64) -> io::Result<()> {
        self.inner.mknod(path, mode, dev)
    }
    fn utime(&mut self, path: &str, atime_ns: i64, mtime_ns: i64) -> io::Result<()> {
        self.inner.utime(path, atime_ns, mtime_ns)
    }
    fn getcwd(&mut self) -> io::Result<String> {
        self.inner.getcwd()
    }
    fn chdir(&mut self, path: &str) -> io::Result<()> {
        self.inner.chdir(path)
    }
    fn env_var(&mut self, name: &str) -> Option<String> {
        self.inner.env_var(name)
    }
    fn env_vars(&mut self) -> Vec<(String, String)> {
        self.inner.env_vars()
    }
    fn set_env_var(&mut self, name: &str, value: &str) -> io::Result<()> {
        self.inner.set_env_var(name, value)
    }
    fn unset_env_var(&mut self, name: &str) -> io::Result<()> {
        self.inner.unset_env_var(name)
    }
    fn time(&mut self) -> f64 {
        self.inner.time()
    }
    fn monotonic(&mut self) -> f64 {
        self.inner.monotonic()
    }
    fn sleep(&mut self, secs: f64) {
        self.inner.sleep(secs)
    }
    fn urandom(&mut self, n: usize) -> io::Result<Vec<u8>> {
        self.inner.urandom(n)
    }
    fn getpid(&mut self) -> u32 {
        self.inner.getpid()
    }
    fn ids(&mut self) -> (u32, u32, u32, u32) {
        self.inner.ids()
    }
    fn spawn(&mut self, argv: &[String]) -> io::Result<i32> {
        self.inner.spawn(argv)
    }
    fn groups(&mut self) -> Vec<u32> {
        self.inner.groups()
    }
    fn umask(&mut self, mask: u32) -> u32 {
        self.inner.umask(mask)
    }
    fn cpu_times(&mut self) -> [f64; 5] {
        self.inner.cpu_times()
    }
    fn uname(&mut self) -> io::Result<[String; 5]> {
        self.inner.uname()
    }
    fn terminal_size(&mut self, fd: i32) -> io::Result<(u16, u16)> {
        self.inner.terminal_size(fd)
    }
    fn dup(&mut self, fd: i32) -> io::Result<i32> {
        self.inner.dup(fd)
    }
    fn dup2(&mut self, fd: i32, fd2: i32, inheritable: bool) -> io::Result<i32> {
        self.inner.dup2(fd, fd2, inheritable)
    }
    fn closerange(&mut self, lo: i32, hi: i32) {
        self.inner.closerange(lo, hi)
    }
    fn pipe(&mut self) -> io::Result<(i32, i32)> {
        self.inner.pipe()
    }
    // Process control.
    fn fork_exec(&mut self, spec: &SpawnSpec, stop_before_exec: bool) -> io::Result<i32> {
        self.inner.fork_exec(spec, stop_before_exec)
    }
    fn child_exec(&mut self, spec: &SpawnSpec, preexec_ok: bool) -> io::Error {
        self.inner.child_exec(spec, preexec_ok)
    }
    fn fork(&mut self) -> io::Result<i32> {
        self.inner.fork()
    }
    fn execve(&mut self, path: &[u8], argv: &[Vec<u8>], env: Option<&[Vec<u8>]>) -> io::Error {
        self.inner.execve(path, argv, env)
    }
    fn waitpid(&mut self, pid: i32, options: i32) -> io::Result<(i32, i32)> {
        self.inner.waitpid(pid, options)
    }
    fn kill(&mut self, pid: i32, sig: i32) -> io::Result<()> {
        self.inner.kill(pid, sig)
    }
    fn killpg(&mut self, pgid: i32, sig: i32) -> io::Result<()> {
        self.inner.killpg(pgid, sig)
    }
    fn set_signal_action(&mut self, signum: i32, action: i32) -> io::Result<()> {
        self.inner.set_signal_action(signum, action)
    }
    fn take_signals(&mut self) -> u64 {
        self.inner.take_signals()
    }
    fn set_wakeup_fd(&mut self, fd: i32) {
        self.inner.set_wakeup_fd(fd)
    }
    fn siginterrupt(&mut self, signum: i32, flag: bool) -> io::Result<()> {
        self.inner.siginterrupt(signum, flag)
    }
    fn setitimer(&mut self, which: i32, new: TimerVal) -> io::Result<TimerVal> {
        self.inner.setitimer(which, new)
    }
    fn getitimer(&mut self, which: i32) -> io::Result<TimerVal> {
        self.inner.getitimer(which)
    }
    fn alarm(&mut self, secs: u32) -> io::Result<u32> {
        self.inner.alarm(secs)
    }
    fn raise_signal(&mut self, signum: i32) -> io::Result<()> {
        self.inner.raise_signal(signum)
    }
    fn thread_handle(&mut self) -> u64 {
        self.inner.thread_handle()
    }
    fn pthread_kill(&mut self, thread: u64, signum: i32) -> io::Result<()> {
        self.inner.pthread_kill(thread, signum)
    }
    fn sigmask(&mut self, how: i32, set: u64) -> io::Result<u64> {
        self.inner.sigmask(how, set)
    }
    fn sigpending(&mut self) -> io::Result<u64> {
        self.inner.sigpending()
    }
    fn detached_sigwait(&self) -> Option<SigWaitFn> {
        self.inner.detached_sigwait()
    }
    fn detached_pause(&self) -> Option<fn()> {
        self.inner.detached_pause()
    }
    fn getpgid(&mut self, pid: i32) -> io::Result<i32> {
        self.inner.getpgid(pid)
    }
    fn setpgid(&mut self, pid: i32, pgid: i32) -> io::Result<()> {
        self.inner.setpgid(pid, pgid)
    }
    fn getsid(&mut self, pid: i32) -> io::Result<i32> {
        self.inner.getsid(pid)
    }
    fn setsid(&mut self) -> io::Result<i32> {
        self.inner.setsid()
    }
    fn getppid(&mut self) -> u32 {
        self.inner.getppid()
    }
    fn exit_now(&mut self, code: i32) -> io::Result<()> {
        self.inner.exit_now(code)
    }
    fn abort(&mut self) -> io::Result<()> {
        self.inner.abort()
    }
    fn get_inheritable(&mut self, fd: i32) -> io::Result<bool> {
        self.inner.get_inheritable(fd)
    }
    fn set_inheritable(&mut self, fd: i32, inheritable: bool) -> io::Result<()> {
        self.inner.set_inheritable(fd, inheritable)
    }
    fn get_blocking(&mut self, fd: i32) -> io::Result<bool> {
        self.inner.get_blocking(fd)
    }
    fn set_blocking(&mut self, fd: i32, blocking: bool) -> io::Result<()> {
        self.inner.set_blocking(fd, blocking)
    }
    fn mmap(
        &mut self,
        fd: i32,
        len: usize,
        prot: i32,
        flags: i32,
        offset: i64,
    ) -> io::Result<Box<dyn MappedRegion>> {
        self.inner.mmap(fd, len, prot, flags, offset)
    }
    fn passwd_by_uid(&mut self, uid: u32) -> io::Result<Option<krait_vm::host::Passwd>> {
        self.inner.passwd_by_uid(uid)
    }
    fn passwd_by_name(&mut self, name: &[u8]) -> io::Result<Option<krait_vm::host::Passwd>> {
        self.inner.passwd_by_name(name)
    }
    fn all_passwd(&mut self) -> Vec<krait_vm::host::Passwd> {
        self.inner.all_passwd()
    }
    fn group_by_gid(&mut self, gid: u32) -> io::Result<Option<krait_vm::host::Group>> {
        self.inner.group_by_gid(gid)
    }
    fn group_by_name(&mut self, name: &[u8]) -> io::Result<Option<krait_vm::host::Group>> {
        self.inner.group_by_name(name)
    }
    fn all_groups(&mut self) -> Vec<krait_vm::host::Group> {
        self.inner.all_groups()
    }
    fn rlimit(&mut self, resource: i32) -> io::Result<(u64, u64)> {
        self.inner.rlimit(resource)
    }
    fn set_rlimit(&mut self, resource: i32, soft: u64, hard: u64) -> io::Result<()> {
        self.inner.set_rlimit(resource, soft, hard)
    }
    fn rusage(&mut self, who: i32) -> io::Result<krait_vm::host::RUsage> {
        self.inner.rusage(who)
    }
    fn fcntl(
        &mut self,
        fd: i32,
        cmd: i32,
        arg: &krait_vm::host::CtlArg,
    ) -> io::Result<krait_vm::host::CtlArg> {
        self.inner.fcntl(fd, cmd, arg)
    }
    fn ioctl(
        &mut self,
        fd: i32,
        request: u64,
        arg: &krait_vm::host::CtlArg,
    ) -> io::Result<krait_vm::host::CtlArg> {
        self.inner.ioctl(fd, request, arg)
    }
    fn flock(&mut self, fd: i32, op: i32) -> io::Result<()> {
        self.inner.flock(fd, op)
    }
    fn lockf(&mut self, fd: i32, cmd: i32, len: i64, start: i64, whence: i32) -> io::Result<()> {
        self.inner.lockf(fd, cmd, len, start, whence)
    }
    fn term_attrs(&mut self, fd: i32) -> io::Result<krait_vm::host::TermAttrs> {
        self.inner.term_attrs(fd)
    }
    fn set_term_attrs(
        &mut self,
        fd: i32,
        when: i32,
        attrs: &krait_vm::host::TermAttrs,
    ) -> io::Result<()> {
        self.inner.set_term_attrs(fd, when, attrs)
    }
    fn term_control(&mut self, fd: i32, op: krait_vm::host::TermOp) -> io::Result<()> {
        self.inner.term_control(fd, op)
    }
    fn sem_open(&mut self, name: &str, create: bool, value: u32) -> io::Result<usize> {
        self.inner.sem_open(name, create, value)
    }
    fn sem_unlink(&mut self, name: &str) -> io::Result<()> {
        self.inner.sem_unlink(name)
    }
    fn sem_ops(&self) -> Option<krait_vm::host::SemOps> {
        self.inner.sem_ops()
    }
    fn shm_open(&mut self, name: &str, flags: i32, mode: u32) -> io::Result<i32> {
        self.inner.shm_open(name, flags, mode)
    }
    fn shm_unlink(&mut self, name: &str) -> io::Result<()> {
        self.inner.shm_unlink(name)
    }
    fn set_terminal_size(&mut self, fd: i32, rows: u16, cols: u16) -> io::Result<()> {
        self.inner.set_terminal_size(fd, rows, cols)
    }
    fn page_size(&mut self) -> usize {
        self.inner.page_size()
    }
    fn crypt(&mut self, word: &[u8], salt: &[u8]) -> io::Result<Vec<u8>> {
        self.inner.crypt(word, salt)
    }
    fn socket(&mut self, family: i32, kind: i32, proto: i32) -> io::Result<i32> {
        self.inner.socket(family, kind, proto)
    }
    fn net(&mut self) -> Option<&mut dyn krait_vm::host::NetHost> {
        self.inner.net()
    }
    fn ffi(&mut self) -> Option<&mut dyn krait_vm::host::FfiHost> {
        self.inner.ffi()
    }
}
