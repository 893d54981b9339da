//! Files and directories: paths, stat, directories, and the table of open files.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::os::unix::io::AsRawFd;

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

/// The files a process opened through [`Files::open`], by descriptor number. Descriptors
/// 0, 1 and 2 are the standard streams; others not in the table are refused (`EBADF`), so
/// the interpreter can only use descriptors it opened.
#[derive(Default)]
pub struct Files {
    pub(crate) open: HashMap<i32, File>,
}

fn ebadf() -> io::Error {
    io::Error::from_raw_os_error(9)
}

impl Files {
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
        self.open.insert(fd, f);
        Ok(fd)
    }

    fn get(&mut self, fd: i32) -> io::Result<&mut File> {
        self.open.get_mut(&fd).ok_or_else(ebadf)
    }

    /// Read at most `n` bytes.
    pub fn read(&mut self, fd: i32, n: usize) -> io::Result<Vec<u8>> {
        if fd == 0 {
            let mut buf = vec![0; n];
            let got = io::stdin().lock().read(&mut buf)?;
            buf.truncate(got);
            return Ok(buf);
        }
        let f = self.get(fd)?;
        let mut buf = vec![0; n.min(1 << 26)];
        let got = f.read(&mut buf)?;
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
            _ => self.get(fd)?.write(data),
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
        self.get(fd)?.seek(to)
    }

    /// Cut or extend the file to `len` bytes.
    pub fn truncate(&mut self, fd: i32, len: u64) -> io::Result<()> {
        self.get(fd)?.set_len(len)
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

    /// A new descriptor for the same open file (close-on-exec).
    pub fn dup(&mut self, fd: i32) -> io::Result<i32> {
        let f = self.get(fd)?.try_clone()?;
        let n = f.as_raw_fd();
        self.open.insert(n, f);
        Ok(n)
    }

    /// Whether `fd` is one of the standard streams or a descriptor in the table: calls that
    /// take a raw descriptor (`fcntl`, `termios`) check it first.
    pub fn is_open(&self, fd: i32) -> bool {
        (0..=2).contains(&fd) || self.open.contains_key(&fd)
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
            self.open.insert(fd, unsafe { File::from_raw_fd(fd) });
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
            _ => self.open.get(&fd).is_some_and(|f| f.is_terminal()),
        }
    }
}

fn einval() -> io::Error {
    io::Error::from_raw_os_error(22)
}
