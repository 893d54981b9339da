//! Files and directories: paths, stat, directories, and the table of open files.

use std::collections::{BTreeSet, HashMap};
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::os::unix::io::AsRawFd;
use std::sync::{Mutex, PoisonError};

/// `open(2)` flags as Linux numbers them (what `os.O_*` expose).
pub mod flags {
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

/// File metadata (the fields of `os.stat_result`).
#[derive(Clone, Debug, Default)]
pub struct Metadata {
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
    /// `st_size`
    pub size: u64,
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

fn metadata(m: &std::fs::Metadata) -> Metadata {
    let ns = |s: i64, n: i64| s.saturating_mul(1_000_000_000).saturating_add(n);
    Metadata {
        mode: m.mode(),
        ino: m.ino(),
        dev: m.dev(),
        nlink: m.nlink(),
        uid: m.uid(),
        gid: m.gid(),
        size: m.size(),
        atime_ns: ns(m.atime(), m.atime_nsec()),
        mtime_ns: ns(m.mtime(), m.mtime_nsec()),
        ctime_ns: ns(m.ctime(), m.ctime_nsec()),
        blksize: m.blksize(),
        blocks: m.blocks(),
        rdev: m.rdev(),
    }
}

/// Read a whole file.
pub fn read(path: &str) -> io::Result<Vec<u8>> {
    std::fs::read(path)
}

/// Metadata of `path`, following symlinks.
pub fn stat(path: &str) -> io::Result<Metadata> {
    Ok(metadata(&std::fs::metadata(path)?))
}

/// Metadata of `path` itself (a symlink is not followed).
pub fn lstat(path: &str) -> io::Result<Metadata> {
    Ok(metadata(&std::fs::symlink_metadata(path)?))
}

/// What kind of thing a directory entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// A symbolic link.
    Symlink,
    /// Anything else (device, fifo, socket).
    Other,
}

/// One entry of a directory listing.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The name within the directory.
    pub name: String,
    /// Its kind (not following symlinks).
    pub kind: Kind,
    /// Its inode number.
    pub ino: u64,
}

/// The entries of a directory, without `.` and `..`, in the order the OS gives.
pub fn listdir(path: &str) -> io::Result<Vec<Entry>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(path)? {
        let e = e?;
        let t = e.file_type()?;
        let kind = if t.is_symlink() {
            Kind::Symlink
        } else if t.is_dir() {
            Kind::Dir
        } else if t.is_file() {
            Kind::File
        } else {
            Kind::Other
        };
        out.push(Entry {
            name: e.file_name().to_string_lossy().into_owned(),
            kind,
            ino: std::os::unix::fs::DirEntryExt::ino(&e),
        });
    }
    Ok(out)
}

/// Make a directory with permission bits `mode` (before the umask).
pub fn mkdir(path: &str, mode: u32) -> io::Result<()> {
    std::fs::DirBuilder::new().mode(mode).create(path)
}

/// Remove an empty directory.
pub fn rmdir(path: &str) -> io::Result<()> {
    std::fs::remove_dir(path)
}

/// Remove a file.
pub fn unlink(path: &str) -> io::Result<()> {
    std::fs::remove_file(path)
}

/// Rename `src` to `dst`, replacing `dst` if it is a file.
pub fn rename(src: &str, dst: &str) -> io::Result<()> {
    std::fs::rename(src, dst)
}

/// The target of a symlink.
pub fn readlink(path: &str) -> io::Result<String> {
    Ok(std::fs::read_link(path)?.to_string_lossy().into_owned())
}

/// Make a symlink at `path` pointing to `target`.
pub fn symlink(target: &str, path: &str) -> io::Result<()> {
    std::os::unix::fs::symlink(target, path)
}

/// Set the permission bits of `path`.
pub fn chmod(path: &str, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

/// `chown(2)`, or `lchown(2)` when `follow` is false (a final symlink itself changes owner);
/// `None` leaves that id as it is.
pub fn chown(path: &str, uid: Option<u32>, gid: Option<u32>, follow: bool) -> io::Result<()> {
    if follow {
        std::os::unix::fs::chown(path, uid, gid)
    } else {
        std::os::unix::fs::lchown(path, uid, gid)
    }
}

fn c_path(path: &str) -> io::Result<std::ffi::CString> {
    std::ffi::CString::new(path).map_err(|_| einval())
}

/// `mkfifo(3)`: a named pipe with permission bits `mode` (less the umask).
pub fn mkfifo(path: &str, mode: u32) -> io::Result<()> {
    let p = c_path(path)?;
    // SAFETY: `p` is a NUL-terminated string that outlives the call.
    if unsafe { libc::mkfifo(p.as_ptr(), mode as libc::mode_t) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// `mknod(2)`: a file system node of the type and permission bits in `mode`; `dev` is the
/// device number of a character or block special file.
pub fn mknod(path: &str, mode: u32, dev: u64) -> io::Result<()> {
    let p = c_path(path)?;
    // SAFETY: `p` is a NUL-terminated string that outlives the call.
    if unsafe { libc::mknod(p.as_ptr(), mode as libc::mode_t, dev as libc::dev_t) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Set the access and modification times of `path` (nanoseconds since the epoch).
pub fn utime(path: &str, atime_ns: i64, mtime_ns: i64) -> io::Result<()> {
    let t = |ns: i64| {
        let d = std::time::Duration::from_nanos(ns.unsigned_abs());
        if ns >= 0 {
            std::time::UNIX_EPOCH + d
        } else {
            std::time::UNIX_EPOCH - d
        }
    };
    let f = File::open(path)?;
    f.set_times(
        std::fs::FileTimes::new()
            .set_accessed(t(atime_ns))
            .set_modified(t(mtime_ns)),
    )
}

/// The absolute path with every symlink and `..` resolved.
pub fn realpath(path: &str) -> io::Result<String> {
    Ok(std::fs::canonicalize(path)?.to_string_lossy().into_owned())
}

/// The current directory.
pub fn getcwd() -> io::Result<String> {
    Ok(std::env::current_dir()?.to_string_lossy().into_owned())
}

/// Change the current directory.
pub fn chdir(path: &str) -> io::Result<()> {
    std::env::set_current_dir(path)
}

/// The descriptors above 2 the process was started with (what a parent passed with
/// `pass_fds` or left inheritable), recorded by [`record_inherited`]; a table claims one the
/// first time the interpreter names it, and then owns it.
static INHERITED: Mutex<BTreeSet<i32>> = Mutex::new(BTreeSet::new());

/// Record the descriptors above 2 open at this moment as inherited from the parent, so that
/// the interpreter may use them as CPython would (`os.read(fd)` on a descriptor passed with
/// `pass_fds`). Call once at process start, before anything opens a file: the CLI does so
/// for the full-access host; an embedder that does not call it keeps every descriptor it
/// did not open out of reach.
pub fn record_inherited() {
    let mut found = BTreeSet::new();
    match std::fs::read_dir("/proc/self/fd") {
        Ok(dir) => {
            for e in dir.flatten() {
                if let Some(fd) = e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) {
                    found.insert(fd);
                }
            }
        }
        Err(_) => found.extend(3..1024),
    }
    // The listing's own descriptor is closed by now: keep only what is still open.
    // SAFETY: F_GETFD only reads a descriptor's flags.
    found.retain(|&fd| fd > 2 && unsafe { libc::fcntl(fd, libc::F_GETFD) } != -1);
    *INHERITED.lock().unwrap_or_else(PoisonError::into_inner) = found;
}

/// Take ownership of inherited descriptor `fd` if it is still unclaimed.
fn claim_inherited(fd: i32) -> Option<File> {
    use std::os::fd::FromRawFd;
    let mut set = INHERITED.lock().unwrap_or_else(PoisonError::into_inner);
    if !set.remove(&fd) {
        return None;
    }
    // SAFETY: `fd` was open at process start, before anything in this process could own it,
    // and it leaves the set here, so exactly one table owns it.
    Some(unsafe { File::from_raw_fd(fd) })
}

/// Forget `fd` as inherited (it was closed or replaced behind the table's back).
fn forget_inherited(fd: i32) {
    INHERITED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .remove(&fd);
}

/// The files a process opened through [`Files::open`], by descriptor number. Descriptors
/// 0, 1 and 2 are the standard streams; descriptors inherited at start (see
/// [`record_inherited`]) join the table when first used; others not in the table are
/// refused (`EBADF`), so the interpreter cannot close or overwrite a descriptor the Rust
/// side owns.
#[derive(Default)]
pub struct Files {
    pub(crate) open: HashMap<i32, File>,
}

fn ebadf() -> io::Error {
    io::Error::from_raw_os_error(9)
}

impl Files {
    /// Own `fd` from now on.
    pub(crate) fn insert(&mut self, fd: i32, f: File) {
        forget_inherited(fd);
        self.open.insert(fd, f);
    }

    /// Whether the table owns `fd` (claiming it first if it was inherited).
    pub(crate) fn has(&mut self, fd: i32) -> bool {
        if self.open.contains_key(&fd) {
            return true;
        }
        match claim_inherited(fd) {
            Some(f) => {
                self.insert(fd, f);
                true
            }
            None => false,
        }
    }

    /// Open `path` with `open(2)` flags and permission bits; returns the descriptor.
    pub fn open(&mut self, path: &str, oflags: i32, mode: u32) -> io::Result<i32> {
        use flags::*;
        let acc = oflags & 3;
        let mut o = OpenOptions::new();
        o.read(acc == O_RDONLY || acc == O_RDWR)
            .write(acc == O_WRONLY || acc == O_RDWR)
            .append(oflags & O_APPEND != 0)
            .truncate(oflags & O_TRUNC != 0)
            .mode(mode)
            .custom_flags(oflags & !(3 | O_APPEND | O_TRUNC | O_CREAT | O_EXCL));
        if oflags & O_CREAT != 0 {
            if oflags & O_EXCL != 0 {
                o.create_new(true);
            } else {
                o.create(true);
            }
        }
        let f = o.open(path)?;
        let fd = f.as_raw_fd();
        self.insert(fd, f);
        Ok(fd)
    }

    fn get(&mut self, fd: i32) -> io::Result<&mut File> {
        self.has(fd);
        self.open.get_mut(&fd).ok_or_else(ebadf)
    }

    /// Run `f` on the file of `fd`: a descriptor of the table, or a standard stream (borrowed,
    /// not owned: it stays open afterwards).
    fn with<R>(&mut self, fd: i32, f: impl FnOnce(&mut File) -> io::Result<R>) -> io::Result<R> {
        use std::os::fd::FromRawFd;
        if self.has(fd)
            && let Some(file) = self.open.get_mut(&fd)
        {
            return f(file);
        }
        if !(0..=2).contains(&fd) {
            return Err(ebadf());
        }
        // SAFETY: the standard streams belong to the process; `ManuallyDrop` keeps the
        // borrowed `File` from closing it.
        let mut file = std::mem::ManuallyDrop::new(unsafe { File::from_raw_fd(fd) });
        f(&mut file)
    }

    /// Read at most `n` bytes.
    pub fn read(&mut self, fd: i32, n: usize) -> io::Result<Vec<u8>> {
        let mut buf = vec![0; n.min(1 << 26)];
        let got = self.with(fd, |f| f.read(&mut buf))?;
        buf.truncate(got);
        Ok(buf)
    }

    /// Write some of `data`; returns how much was written.
    pub fn write(&mut self, fd: i32, data: &[u8]) -> io::Result<usize> {
        match fd {
            1 => {
                // One unbuffered write(2), as `os.write(1, ...)` is in CPython: Rust's stdout
                // is line-buffered, so "OUT:x" without a newline sat there until exit (and a
                // parent waiting for it hung). What it already holds goes first, in order.
                let mut out = io::stdout().lock();
                out.flush()?;
                // SAFETY: `data` is valid for `data.len()` bytes; descriptor 1 is not owned
                // by anything here that could close it meanwhile (the lock is held).
                let n = unsafe { libc::write(1, data.as_ptr().cast(), data.len()) };
                if n < 0 {
                    return Err(io::Error::last_os_error());
                }
                Ok(n as usize)
            }
            2 => io::stderr().lock().write(data),
            _ => self.with(fd, |f| f.write(data)),
        }
    }

    /// Move the position (`whence` 0 start, 1 current, 2 end); returns the new position.
    pub fn seek(&mut self, fd: i32, offset: i64, whence: i32) -> io::Result<u64> {
        let to = match whence {
            0 => SeekFrom::Start(u64::try_from(offset).map_err(|_| einval())?),
            1 => SeekFrom::Current(offset),
            2 => SeekFrom::End(offset),
            _ => return Err(einval()),
        };
        self.with(fd, |f| f.seek(to))
    }

    /// Cut or extend the file to `len` bytes.
    pub fn truncate(&mut self, fd: i32, len: u64) -> io::Result<()> {
        self.with(fd, |f| f.set_len(len))
    }

    /// Metadata of an open file (or of a standard stream).
    pub fn fstat(&mut self, fd: i32) -> io::Result<Metadata> {
        use std::os::fd::AsFd;
        let owned = match fd {
            0 => Some(io::stdin().as_fd().try_clone_to_owned()?),
            1 => Some(io::stdout().as_fd().try_clone_to_owned()?),
            2 => Some(io::stderr().as_fd().try_clone_to_owned()?),
            _ => None,
        };
        match owned {
            Some(o) => Ok(metadata(&File::from(o).metadata()?)),
            None => Ok(metadata(&self.get(fd)?.metadata()?)),
        }
    }

    /// `fchown(2)` on an open file (or a standard stream); `None` leaves that id unchanged.
    pub fn fchown(&mut self, fd: i32, uid: Option<u32>, gid: Option<u32>) -> io::Result<()> {
        use std::os::unix::fs::fchown;
        match fd {
            0 => fchown(io::stdin(), uid, gid),
            1 => fchown(io::stdout(), uid, gid),
            2 => fchown(io::stderr(), uid, gid),
            _ => fchown(&*self.get(fd)?, uid, gid),
        }
    }

    /// Close a descriptor.
    pub fn close(&mut self, fd: i32) -> io::Result<()> {
        self.has(fd);
        if let Some(f) = self.open.remove(&fd) {
            drop(f);
            return Ok(());
        }
        if !(0..=2).contains(&fd) {
            return Err(ebadf());
        }
        // A standard stream is the process's, not the table's: closed for real, as CPython's
        // `os.close(0)` or `FileIO(0).close()` does (a parent reading the pipe sees its end).
        // What Rust's own stdout buffer holds goes first.
        if fd == 1 {
            let _ = io::stdout().flush();
        }
        // SAFETY: closing a descriptor number has no memory effects; Rust's stdio handles
        // only see EBADF from then on.
        if unsafe { libc::close(fd) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    /// A new descriptor for the same open file (close-on-exec), the lowest free number.
    pub fn dup(&mut self, fd: i32) -> io::Result<i32> {
        use std::os::fd::FromRawFd;
        if !self.is_open(fd) {
            return Err(ebadf());
        }
        // SAFETY: F_DUPFD_CLOEXEC makes a new descriptor, which the table then owns.
        let n = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
        if n < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `n` was just made and nothing else owns it.
        self.insert(n, unsafe { File::from_raw_fd(n) });
        Ok(n)
    }

    /// `dup2(fd, fd2)` (`dup3` with close-on-exec unless `inheritable`): `fd2` now names
    /// `fd`'s open file. `fd2` must be a standard stream, a descriptor of the table, or a free
    /// number (`EBADF` for a descriptor the Rust side owns).
    pub fn dup2(&mut self, fd: i32, fd2: i32, inheritable: bool) -> io::Result<i32> {
        use std::os::fd::FromRawFd;
        if fd2 < 0 || !self.is_open(fd) {
            return Err(ebadf());
        }
        // SAFETY: F_GETFD only reads flags.
        let fd2_open = unsafe { libc::fcntl(fd2, libc::F_GETFD) } != -1;
        if fd2_open && !self.is_open(fd2) {
            return Err(ebadf());
        }
        if fd2 == 1 {
            let _ = io::stdout().flush();
        }
        // SAFETY: both are descriptors this table may change (checked above).
        let r = unsafe {
            if inheritable {
                libc::dup2(fd, fd2)
            } else {
                libc::dup3(fd, fd2, libc::O_CLOEXEC)
            }
        };
        if r < 0 {
            return Err(io::Error::last_os_error());
        }
        if fd2 > 2 && !self.open.contains_key(&fd2) {
            // SAFETY: `fd2` was free (or just claimed) and now names a new open file.
            self.insert(fd2, unsafe { File::from_raw_fd(fd2) });
        }
        Ok(fd2)
    }

    /// Close every descriptor in `lo..hi` the table may close (`os.closerange`), ignoring
    /// errors.
    pub fn closerange(&mut self, lo: i32, hi: i32) {
        let inherited: Vec<i32> = INHERITED
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .range(lo..hi.max(lo))
            .copied()
            .collect();
        let mut fds: Vec<i32> = self
            .open
            .keys()
            .copied()
            .filter(|fd| (lo..hi).contains(fd))
            .chain(inherited)
            .chain((lo.max(0)..hi.min(3)).filter(|fd| *fd <= 2))
            .collect();
        fds.sort_unstable();
        fds.dedup();
        for fd in fds {
            let _ = self.close(fd);
        }
    }

    /// Whether `fd` is one of the standard streams or a descriptor in the table: calls that
    /// take a raw descriptor (`fcntl`, `termios`) check it first.
    pub fn is_open(&mut self, fd: i32) -> bool {
        (0..=2).contains(&fd) || self.has(fd)
    }

    /// A pipe: (read end, write end), both close-on-exec.
    pub fn pipe(&mut self) -> io::Result<(i32, i32)> {
        use std::os::fd::FromRawFd;
        unsafe extern "C" {
            fn pipe2(fds: *mut i32, flags: i32) -> i32;
        }
        let mut fds = [0i32; 2];
        // SAFETY: pipe2 writes two descriptors into `fds`.
        if unsafe { pipe2(fds.as_mut_ptr(), flags::O_CLOEXEC) } != 0 {
            return Err(io::Error::last_os_error());
        }
        for fd in fds {
            // SAFETY: pipe2 just created `fd`; nothing else owns it.
            self.insert(fd, unsafe { File::from_raw_fd(fd) });
        }
        Ok((fds[0], fds[1]))
    }

    /// Whether the descriptor is a terminal.
    pub fn isatty(&mut self, fd: i32) -> bool {
        use std::io::IsTerminal;
        match fd {
            0 => io::stdin().is_terminal(),
            1 => io::stdout().is_terminal(),
            2 => io::stderr().is_terminal(),
            _ => self.has(fd) && self.open.get(&fd).is_some_and(|f| f.is_terminal()),
        }
    }
}

fn einval() -> io::Error {
    io::Error::from_raw_os_error(22)
}
