//! `OsHost`: the real operating system, through `krait-host-env`.

use std::io;

use krait_host_env as env;

use super::{
    DirEntry, EntryKind, FileStat, Host, MappedRegion, SigWaitFn, SpawnSpec, TimerVal, mode,
};

/// The host that is the real operating system.
#[derive(Default)]
pub struct OsHost {
    pub(super) files: env::fs::Files,
}

fn file_stat(m: env::fs::Metadata) -> FileStat {
    FileStat {
        is_dir: m.mode & mode::S_IFMT == mode::S_IFDIR,
        size: m.size,
        mtime: m.mtime_ns as f64 / 1e9,
        mode: m.mode,
        ino: m.ino,
        dev: m.dev,
        nlink: m.nlink,
        uid: m.uid,
        gid: m.gid,
        atime_ns: m.atime_ns,
        mtime_ns: m.mtime_ns,
        ctime_ns: m.ctime_ns,
        blksize: m.blksize,
        blocks: m.blocks,
        rdev: m.rdev,
    }
}

fn spec(s: &SpawnSpec) -> env::spawn::Spec {
    env::spawn::Spec {
        argv: s.argv.clone(),
        executables: s.executables.clone(),
        close_fds: s.close_fds,
        pass_fds: s.pass_fds.clone(),
        cwd: s.cwd.clone(),
        env: s.env.clone(),
        p2cread: s.p2cread,
        p2cwrite: s.p2cwrite,
        c2pread: s.c2pread,
        c2pwrite: s.c2pwrite,
        errread: s.errread,
        errwrite: s.errwrite,
        errpipe_read: s.errpipe_read,
        errpipe_write: s.errpipe_write,
        restore_signals: s.restore_signals,
        start_new_session: s.start_new_session,
        process_group: s.process_group,
        gid: s.gid,
        extra_groups: s.extra_groups.clone(),
        uid: s.uid,
        umask: s.umask,
    }
}

impl MappedRegion for env::mmap::Mapping {
    fn bytes(&self) -> &[u8] {
        env::mmap::Mapping::bytes(self)
    }
    fn bytes_mut(&mut self) -> &mut [u8] {
        env::mmap::Mapping::bytes_mut(self)
    }
    fn flush(&mut self, offset: usize, len: usize) -> io::Result<()> {
        env::mmap::Mapping::flush(self, offset, len)
    }
    fn resize(&mut self, len: usize) -> io::Result<()> {
        env::mmap::Mapping::resize(self, len)
    }
}

impl OsHost {
    /// Refuse a descriptor this interpreter did not open (`EBADF`), as the file calls do.
    fn check_fd(&mut self, fd: i32) -> io::Result<()> {
        if self.files.is_open(fd) {
            Ok(())
        } else {
            Err(io::Error::from_raw_os_error(9))
        }
    }
}

impl Host for OsHost {
    fn write_stdout(&mut self, data: &[u8]) -> io::Result<()> {
        env::stdio::write_stdout(data)
    }
    fn write_stderr(&mut self, data: &[u8]) -> io::Result<()> {
        env::stdio::write_stderr(data)
    }
    fn flush(&mut self) -> io::Result<()> {
        env::stdio::flush()
    }
    fn read_stdin_line(&mut self) -> io::Result<Vec<u8>> {
        env::stdio::read_stdin_line()
    }
    fn read_stdin_all(&mut self) -> io::Result<Vec<u8>> {
        env::stdio::read_stdin_all()
    }
    fn read_stdin(&mut self, n: usize) -> io::Result<Vec<u8>> {
        env::stdio::read_stdin(n)
    }
    fn stdin_is_tty(&self) -> bool {
        env::stdio::stdin_is_tty()
    }

    fn open(&mut self, path: &str, oflags: i32, perm: u32) -> io::Result<i32> {
        self.files.open(path, oflags, perm)
    }
    fn read(&mut self, fd: i32, n: usize) -> io::Result<Vec<u8>> {
        self.files.read(fd, n)
    }
    fn write(&mut self, fd: i32, data: &[u8]) -> io::Result<usize> {
        self.files.write(fd, data)
    }
    fn seek(&mut self, fd: i32, offset: i64, whence: i32) -> io::Result<u64> {
        self.files.seek(fd, offset, whence)
    }
    fn truncate(&mut self, fd: i32, len: u64) -> io::Result<()> {
        self.files.truncate(fd, len)
    }
    fn fstat(&mut self, fd: i32) -> io::Result<FileStat> {
        self.files.fstat(fd).map(file_stat)
    }
    fn close(&mut self, fd: i32) -> io::Result<()> {
        self.files.close(fd)
    }
    fn isatty(&mut self, fd: i32) -> bool {
        self.files.isatty(fd)
    }
    fn terminal_size(&mut self, fd: i32) -> io::Result<(u16, u16)> {
        env::stdio::terminal_size(fd)
    }
    fn dup(&mut self, fd: i32) -> io::Result<i32> {
        self.files.dup(fd)
    }
    fn dup2(&mut self, fd: i32, fd2: i32, inheritable: bool) -> io::Result<i32> {
        self.files.dup2(fd, fd2, inheritable)
    }
    fn closerange(&mut self, lo: i32, hi: i32) {
        self.files.closerange(lo, hi)
    }
    fn pipe(&mut self) -> io::Result<(i32, i32)> {
        self.files.pipe()
    }

    fn read_file(&mut self, path: &str) -> io::Result<Vec<u8>> {
        env::fs::read(path)
    }
    fn stat(&mut self, path: &str) -> io::Result<FileStat> {
        env::fs::stat(path).map(file_stat)
    }
    fn lstat(&mut self, path: &str) -> io::Result<FileStat> {
        env::fs::lstat(path).map(file_stat)
    }
    fn listdir(&mut self, path: &str) -> io::Result<Vec<DirEntry>> {
        Ok(env::fs::listdir(path)?
            .into_iter()
            .map(|e| DirEntry {
                name: e.name,
                kind: match e.kind {
                    env::fs::Kind::File => EntryKind::File,
                    env::fs::Kind::Dir => EntryKind::Dir,
                    env::fs::Kind::Symlink => EntryKind::Symlink,
                    env::fs::Kind::Other => EntryKind::Other,
                },
                ino: e.ino,
            })
            .collect())
    }
    fn mkdir(&mut self, path: &str, perm: u32) -> io::Result<()> {
        env::fs::mkdir(path, perm)
    }
    fn rmdir(&mut self, path: &str) -> io::Result<()> {
        env::fs::rmdir(path)
    }
    fn unlink(&mut self, path: &str) -> io::Result<()> {
        env::fs::unlink(path)
    }
    fn rename(&mut self, src: &str, dst: &str) -> io::Result<()> {
        env::fs::rename(src, dst)
    }
    fn readlink(&mut self, path: &str) -> io::Result<String> {
        env::fs::readlink(path)
    }
    fn symlink(&mut self, target: &str, path: &str) -> io::Result<()> {
        env::fs::symlink(target, path)
    }
    fn chmod(&mut self, path: &str, mode: u32) -> io::Result<()> {
        env::fs::chmod(path, mode)
    }
    fn chown(
        &mut self,
        path: &str,
        uid: Option<u32>,
        gid: Option<u32>,
        follow: bool,
    ) -> io::Result<()> {
        env::fs::chown(path, uid, gid, follow)
    }
    fn fchown(&mut self, fd: i32, uid: Option<u32>, gid: Option<u32>) -> io::Result<()> {
        self.files.fchown(fd, uid, gid)
    }
    fn mkfifo(&mut self, path: &str, mode: u32) -> io::Result<()> {
        env::fs::mkfifo(path, mode)
    }
    fn mknod(&mut self, path: &str, mode: u32, dev: u64) -> io::Result<()> {
        env::fs::mknod(path, mode, dev)
    }
    fn utime(&mut self, path: &str, atime_ns: i64, mtime_ns: i64) -> io::Result<()> {
        env::fs::utime(path, atime_ns, mtime_ns)
    }
    fn getcwd(&mut self) -> io::Result<String> {
        env::fs::getcwd()
    }
    fn chdir(&mut self, path: &str) -> io::Result<()> {
        env::fs::chdir(path)
    }

    fn env_var(&mut self, name: &str) -> Option<String> {
        env::environ::var(name)
    }
    fn env_vars(&mut self) -> Vec<(String, String)> {
        env::environ::vars()
    }
    fn set_env_var(&mut self, name: &str, value: &str) -> io::Result<()> {
        env::environ::set_var(name, value);
        Ok(())
    }
    fn unset_env_var(&mut self, name: &str) -> io::Result<()> {
        env::environ::remove_var(name);
        Ok(())
    }

    fn time(&mut self) -> f64 {
        env::clock::time()
    }
    fn monotonic(&mut self) -> f64 {
        env::clock::monotonic()
    }
    fn sleep(&mut self, secs: f64) {
        env::clock::sleep(secs);
    }
    fn detached_sleep(&self) -> Option<fn(f64)> {
        Some(env::clock::sleep)
    }
    fn detached_read(&mut self, fd: i32) -> Option<fn(i32, usize) -> io::Result<Vec<u8>>> {
        // The standard streams keep their buffered paths.
        (fd == 0 || (fd > 2 && self.files.owns(fd))).then_some(env::net::read_fd)
    }
    fn detached_write(&mut self, fd: i32) -> Option<fn(i32, &[u8]) -> io::Result<usize>> {
        (fd > 2 && self.files.owns(fd)).then_some(env::net::write_fd)
    }
    fn detached_waitpid(&self) -> Option<fn(i32, i32) -> io::Result<(i32, i32)>> {
        Some(env::spawn::wait_pid)
    }
    fn urandom(&mut self, n: usize) -> io::Result<Vec<u8>> {
        env::random::urandom(n)
    }
    fn getpid(&mut self) -> u32 {
        env::process::pid()
    }
    fn ids(&mut self) -> (u32, u32, u32, u32) {
        env::process::ids()
    }
    fn groups(&mut self) -> Vec<u32> {
        env::process::groups()
    }
    fn umask(&mut self, mask: u32) -> u32 {
        env::process::set_umask(mask)
    }
    fn cpu_times(&mut self) -> [f64; 5] {
        env::process::cpu_times()
    }
    fn uname(&mut self) -> io::Result<[String; 5]> {
        env::process::uname()
    }
    fn spawn(&mut self, argv: &[String]) -> io::Result<i32> {
        env::process::run(argv)
    }

    // Process control (krait-host-env's spawn.rs).
    fn fork_exec(&mut self, s: &SpawnSpec, stop_before_exec: bool) -> io::Result<i32> {
        env::spawn::fork_exec(&spec(s), stop_before_exec)
    }
    fn child_exec(&mut self, s: &SpawnSpec, preexec_ok: bool) -> io::Error {
        env::spawn::finish_child(&spec(s), preexec_ok)
    }

    fn fork(&mut self) -> io::Result<i32> {
        env::spawn::fork_process()
    }
    fn execve(&mut self, path: &[u8], argv: &[Vec<u8>], envp: Option<&[Vec<u8>]>) -> io::Error {
        env::spawn::exec(path, argv, envp)
    }
    fn waitpid(&mut self, pid: i32, options: i32) -> io::Result<(i32, i32)> {
        env::spawn::wait_pid(pid, options)
    }
    fn kill(&mut self, pid: i32, sig: i32) -> io::Result<()> {
        env::spawn::kill_pid(pid, sig)
    }
    fn killpg(&mut self, pgid: i32, sig: i32) -> io::Result<()> {
        env::spawn::kill_group(pgid, sig)
    }
    fn set_signal_action(&mut self, signum: i32, action: i32) -> io::Result<()> {
        env::signals::set_action(signum, action)
    }
    fn take_signals(&mut self) -> u64 {
        env::signals::take_pending()
    }
    fn set_wakeup_fd(&mut self, fd: i32) {
        env::signals::set_wakeup_fd(fd);
    }
    fn siginterrupt(&mut self, signum: i32, flag: bool) -> io::Result<()> {
        env::signals::siginterrupt(signum, flag)
    }
    fn setitimer(&mut self, which: i32, new: TimerVal) -> io::Result<TimerVal> {
        env::signals::setitimer(which, new)
    }
    fn getitimer(&mut self, which: i32) -> io::Result<TimerVal> {
        env::signals::getitimer(which)
    }
    fn alarm(&mut self, secs: u32) -> io::Result<u32> {
        Ok(env::signals::alarm(secs))
    }
    fn raise_signal(&mut self, signum: i32) -> io::Result<()> {
        env::signals::raise_signal(signum)
    }
    fn thread_handle(&mut self) -> u64 {
        env::signals::thread_self()
    }
    fn pthread_kill(&mut self, thread: u64, signum: i32) -> io::Result<()> {
        env::signals::pthread_kill(thread, signum)
    }
    fn sigmask(&mut self, how: i32, set: u64) -> io::Result<u64> {
        env::signals::sigmask(how, set)
    }
    fn sigpending(&mut self) -> io::Result<u64> {
        env::signals::sigpending()
    }
    fn detached_sigwait(&self) -> Option<SigWaitFn> {
        Some(env::signals::sigwait)
    }
    fn detached_pause(&self) -> Option<fn()> {
        Some(env::signals::pause)
    }
    fn getpgid(&mut self, pid: i32) -> io::Result<i32> {
        env::spawn::process_group(pid)
    }
    fn setpgid(&mut self, pid: i32, pgid: i32) -> io::Result<()> {
        env::spawn::set_process_group(pid, pgid)
    }
    fn getsid(&mut self, pid: i32) -> io::Result<i32> {
        env::spawn::session(pid)
    }
    fn setsid(&mut self) -> io::Result<i32> {
        env::spawn::new_session()
    }
    fn getppid(&mut self) -> u32 {
        env::spawn::parent_pid() as u32
    }
    fn exit_now(&mut self, code: i32) -> io::Result<()> {
        env::spawn::exit_now(code)
    }
    fn abort(&mut self) -> io::Result<()> {
        env::spawn::abort_now()
    }
    fn get_inheritable(&mut self, fd: i32) -> io::Result<bool> {
        env::spawn::get_inheritable(fd)
    }
    fn set_inheritable(&mut self, fd: i32, inheritable: bool) -> io::Result<()> {
        env::spawn::set_inheritable(fd, inheritable)
    }
    fn get_blocking(&mut self, fd: i32) -> io::Result<bool> {
        env::spawn::get_blocking(fd)
    }
    fn set_blocking(&mut self, fd: i32, blocking: bool) -> io::Result<()> {
        env::spawn::set_blocking(fd, blocking)
    }

    // Memory maps (krait-host-env's mmap.rs).
    fn mmap(
        &mut self,
        fd: i32,
        len: usize,
        prot: i32,
        flags: i32,
        offset: i64,
    ) -> io::Result<Box<dyn MappedRegion>> {
        Ok(Box::new(env::mmap::Mapping::new(
            fd, len, prot, flags, offset,
        )?))
    }
    // Users, groups, limits, descriptor control and terminals (krait-host-env's users.rs,
    // ctl.rs, process.rs and stdio.rs).
    fn passwd_by_uid(&mut self, uid: u32) -> io::Result<Option<super::Passwd>> {
        env::users::passwd_by_uid(uid)
    }
    fn passwd_by_name(&mut self, name: &[u8]) -> io::Result<Option<super::Passwd>> {
        env::users::passwd_by_name(name)
    }
    fn all_passwd(&mut self) -> Vec<super::Passwd> {
        env::users::all_passwd()
    }
    fn group_by_gid(&mut self, gid: u32) -> io::Result<Option<super::Group>> {
        env::users::group_by_gid(gid)
    }
    fn group_by_name(&mut self, name: &[u8]) -> io::Result<Option<super::Group>> {
        env::users::group_by_name(name)
    }
    fn all_groups(&mut self) -> Vec<super::Group> {
        env::users::all_groups()
    }
    fn setlocale(&mut self, category: i32, locale: Option<&[u8]>) -> Option<Vec<u8>> {
        env::locale::setlocale(category, locale)
    }
    fn localeconv(&mut self) -> super::LocaleConv {
        env::locale::localeconv()
    }
    fn nl_langinfo(&mut self, item: i32) -> Vec<u8> {
        env::locale::nl_langinfo(item)
    }
    fn strcoll(&mut self, a: &[u32], b: &[u32]) -> i32 {
        env::locale::strcoll(a, b)
    }
    fn strxfrm(&mut self, s: &[u32]) -> Vec<u32> {
        env::locale::strxfrm(s)
    }
    fn rlimit(&mut self, resource: i32) -> io::Result<(u64, u64)> {
        env::process::rlimit(resource)
    }
    fn set_rlimit(&mut self, resource: i32, soft: u64, hard: u64) -> io::Result<()> {
        env::process::set_rlimit(resource, soft, hard)
    }
    fn rusage(&mut self, who: i32) -> io::Result<super::RUsage> {
        env::ctl::rusage(who)
    }
    fn fcntl(&mut self, fd: i32, cmd: i32, arg: &super::CtlArg) -> io::Result<super::CtlArg> {
        self.check_fd(fd)?;
        env::ctl::fcntl(fd, cmd, arg)
    }
    fn ioctl(&mut self, fd: i32, request: u64, arg: &super::CtlArg) -> io::Result<super::CtlArg> {
        self.check_fd(fd)?;
        env::ctl::ioctl(fd, request, arg)
    }
    fn flock(&mut self, fd: i32, op: i32) -> io::Result<()> {
        self.check_fd(fd)?;
        env::ctl::flock(fd, op)
    }
    fn lockf(&mut self, fd: i32, cmd: i32, len: i64, start: i64, whence: i32) -> io::Result<()> {
        self.check_fd(fd)?;
        env::ctl::lockf(fd, cmd, len, start, whence)
    }
    fn term_attrs(&mut self, fd: i32) -> io::Result<super::TermAttrs> {
        self.check_fd(fd)?;
        env::stdio::term_attrs(fd)
    }
    fn set_term_attrs(&mut self, fd: i32, when: i32, attrs: &super::TermAttrs) -> io::Result<()> {
        self.check_fd(fd)?;
        env::stdio::set_term_attrs(fd, when, attrs)
    }
    fn term_control(&mut self, fd: i32, op: super::TermOp) -> io::Result<()> {
        self.check_fd(fd)?;
        match op {
            super::TermOp::SendBreak(d) => env::stdio::send_break(fd, d),
            super::TermOp::Drain => env::stdio::drain(fd),
            super::TermOp::Flush(q) => env::stdio::flush_queue(fd, q),
            super::TermOp::Flow(a) => env::stdio::flow(fd, a),
        }
    }
    fn sem_open(&mut self, name: &str, create: bool, value: u32) -> io::Result<usize> {
        env::sem::open(name, create, value)
    }
    fn sem_unlink(&mut self, name: &str) -> io::Result<()> {
        env::sem::unlink(name)
    }
    fn sem_ops(&self) -> Option<super::SemOps> {
        Some(super::SemOps {
            try_wait: env::sem::try_wait,
            wait_for: env::sem::wait_for,
            post: env::sem::post,
            value: env::sem::value,
            close: env::sem::close,
        })
    }
    fn shm_open(&mut self, name: &str, flags: i32, mode: u32) -> io::Result<i32> {
        self.files.shm_open(name, flags, mode)
    }
    fn shm_unlink(&mut self, name: &str) -> io::Result<()> {
        env::sem::shm_unlink(name)
    }
    fn set_terminal_size(&mut self, fd: i32, rows: u16, cols: u16) -> io::Result<()> {
        self.check_fd(fd)?;
        env::stdio::set_terminal_size(fd, rows, cols)
    }

    fn page_size(&mut self) -> usize {
        env::mmap::page_size()
    }
    fn crypt(&mut self, word: &[u8], salt: &[u8]) -> io::Result<Vec<u8>> {
        env::crypt::crypt(word, salt)
    }

    // The network: host/os_net.rs.
    fn net(&mut self) -> Option<&mut dyn super::NetHost> {
        Some(self)
    }

    fn ffi(&mut self) -> Option<&mut dyn super::FfiHost> {
        Some(self)
    }
}

impl super::FfiHost for OsHost {
    fn read_mem(&mut self, addr: usize, n: usize) -> io::Result<Vec<u8>> {
        env::ffi::read(addr, n)
    }
    fn write_mem(&mut self, addr: usize, data: &[u8]) -> io::Result<()> {
        env::ffi::write(addr, data)
    }
    fn strlen(&mut self, addr: usize, unit: usize) -> io::Result<usize> {
        env::ffi::strlen(addr, unit)
    }
    fn dlopen(&mut self, name: Option<&[u8]>, mode: i32) -> Result<usize, String> {
        env::ffi::dlopen(name, mode)
    }
    fn dlsym(&mut self, handle: usize, name: &[u8]) -> Result<usize, String> {
        env::ffi::dlsym(handle, name)
    }
    fn dlclose(&mut self, handle: usize) -> Result<(), String> {
        env::ffi::dlclose(handle)
    }
    fn call(
        &mut self,
        func: usize,
        args: &[super::FfiArg],
        ret_sse: bool,
        errno_in: Option<i32>,
    ) -> io::Result<(u64, u64, i32)> {
        let a: Vec<env::ffi::Arg> = args
            .iter()
            .map(|a| match *a {
                super::FfiArg::Int(v) => env::ffi::Arg::Int(v),
                super::FfiArg::Sse(v) => env::ffi::Arg::Sse(v),
            })
            .collect();
        let r = env::ffi::call(func, &a, ret_sse, errno_in)?;
        Ok((r.int, r.sse, r.errno))
    }
}
