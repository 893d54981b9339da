//! `SandboxHost`: a host with no operating system behind it. Files live in an in-memory file
//! system (directories, symlinks, permission bits, timestamps from the sandbox clock, a size
//! quota); the environment is what the embedder gives (empty by default); the clock is fixed
//! (virtual: `sleep` advances it without waiting) or an embedder-supplied source; random
//! bytes come from a seeded generator; processes and sockets are refused with `EPERM`.
//!
//! Paths are resolved here, component by component, from the sandbox's own root: `..` stops
//! at `/` and symlinks point inside the sandbox, so no path names anything outside it.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io;
use std::rc::Rc;

use super::errno::*;
use super::oflags::*;
use super::{DirEntry, EntryKind, FileStat, Host, mode, os_err};

/// Where a sandbox's standard streams go.
pub trait SandboxStdio {
    /// Write to stdout.
    fn write_stdout(&mut self, data: &[u8]) -> io::Result<()>;
    /// Write to stderr.
    fn write_stderr(&mut self, data: &[u8]) -> io::Result<()>;
    /// Flush both.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
    /// One line of stdin with its newline; empty at end.
    fn read_stdin_line(&mut self) -> io::Result<Vec<u8>>;
    /// The rest of stdin.
    fn read_stdin_all(&mut self) -> io::Result<Vec<u8>>;
    /// At most `n` bytes of stdin (a whole line, if that is all the source can do).
    fn read_stdin(&mut self, _n: usize) -> io::Result<Vec<u8>> {
        self.read_stdin_line()
    }
}

/// Standard streams in memory: output is collected in buffers the embedder keeps a handle
/// to, input is given up front.
#[derive(Default, Clone)]
pub struct MemStdio {
    /// Everything written to stdout.
    pub stdout: Rc<RefCell<Vec<u8>>>,
    /// Everything written to stderr.
    pub stderr: Rc<RefCell<Vec<u8>>>,
    stdin: Rc<RefCell<VecDeque<u8>>>,
}

impl MemStdio {
    /// Streams whose stdin holds `input`.
    pub fn with_stdin(input: &[u8]) -> MemStdio {
        let s = MemStdio::default();
        s.stdin.borrow_mut().extend(input.iter().copied());
        s
    }
}

impl SandboxStdio for MemStdio {
    fn write_stdout(&mut self, data: &[u8]) -> io::Result<()> {
        self.stdout.borrow_mut().extend_from_slice(data);
        Ok(())
    }
    fn write_stderr(&mut self, data: &[u8]) -> io::Result<()> {
        self.stderr.borrow_mut().extend_from_slice(data);
        Ok(())
    }
    fn read_stdin_line(&mut self) -> io::Result<Vec<u8>> {
        let mut q = self.stdin.borrow_mut();
        let n = q
            .iter()
            .position(|&b| b == b'\n')
            .map_or(q.len(), |i| i + 1);
        Ok(q.drain(..n).collect())
    }
    fn read_stdin_all(&mut self) -> io::Result<Vec<u8>> {
        Ok(self.stdin.borrow_mut().drain(..).collect())
    }
    fn read_stdin(&mut self, n: usize) -> io::Result<Vec<u8>> {
        let mut q = self.stdin.borrow_mut();
        let n = n.min(q.len());
        Ok(q.drain(..n).collect())
    }
}

/// A clock the embedder supplies (e.g. the real clock, read-only).
pub trait TimeSource {
    /// Seconds since the epoch.
    fn time(&mut self) -> f64;
    /// A monotonic clock in seconds.
    fn monotonic(&mut self) -> f64;
    /// Wait (or not: the source decides).
    fn sleep(&mut self, secs: f64);
}

/// A read-only directory tree the embedder lends the sandbox (e.g. the standard library),
/// read lazily: a directory is listed when the program first looks into it, a file is read
/// when first opened. The source confines itself (it must never answer for paths outside
/// its tree); the sandbox only ever asks for paths made of names the source listed.
pub trait MountSource {
    /// The entries of directory `rel` (`""` is the mount's root): names with metadata.
    /// Only regular files and directories; the source resolves symlinks itself and leaves
    /// out those it refuses.
    fn listdir(&mut self, rel: &str) -> io::Result<Vec<(String, FileStat)>>;
    /// The contents of file `rel`.
    fn read(&mut self, rel: &str) -> io::Result<Vec<u8>>;
}

/// The sandbox's clock.
pub enum Clock {
    /// A virtual clock starting at this epoch time: it stands still except that `sleep`
    /// advances it (instantly).
    Fixed(f64),
    /// Time from the embedder.
    Source(Box<dyn TimeSource>),
}

#[derive(Clone)]
enum Node {
    File(Vec<u8>),
    Dir(BTreeMap<String, usize>),
    Symlink(String),
}

struct Inode {
    node: Node,
    /// Contents still in a mount source: `(mount, relative path)`.
    lazy: Option<(usize, String)>,
    /// The size of a lazy file.
    lazy_size: u64,
    perm: u32,
    nlink: u64,
    atime_ns: i64,
    mtime_ns: i64,
    ctime_ns: i64,
}

struct OpenFile {
    ino: usize,
    pos: u64,
    readable: bool,
    writable: bool,
    append: bool,
}

const ROOT: usize = 0;
const MAX_SYMLINKS: usize = 40;

/// The in-memory host. See the module documentation.
pub struct SandboxHost {
    inodes: Vec<Option<Inode>>,
    cwd: String,
    open: HashMap<i32, OpenFile>,
    env: Vec<(String, String)>,
    clock: Clock,
    slept_ns: u64,
    rng: u64,
    stdio: Box<dyn SandboxStdio>,
    mounts: Vec<Box<dyn MountSource>>,
    /// Inodes of lent trees: their permission bits and times cannot change.
    lent: std::collections::HashSet<usize>,
    used: usize,
    /// `os.umask` (recorded; the virtual file system keeps the modes it is given).
    umask: u32,
    /// Set while the embedder populates the sandbox (`add_*`): permission bits do not apply.
    privileged: bool,
    /// Most bytes all files together may hold (`ENOSPC` beyond).
    pub quota: usize,
}

impl Default for SandboxHost {
    fn default() -> Self {
        SandboxHost::new()
    }
}

impl SandboxHost {
    /// An empty sandbox: `/` and `/tmp` (world-writable), cwd `/`, no environment, a fixed
    /// clock at the epoch, seed 0, standard streams in memory, a 1 GiB quota.
    pub fn new() -> SandboxHost {
        let mut h = SandboxHost {
            inodes: vec![Some(Inode {
                node: Node::Dir(BTreeMap::new()),
                lazy: None,
                lazy_size: 0,
                perm: 0o755,
                nlink: 2,
                atime_ns: 0,
                mtime_ns: 0,
                ctime_ns: 0,
            })],
            cwd: String::from("/"),
            open: HashMap::new(),
            env: Vec::new(),
            clock: Clock::Fixed(0.0),
            slept_ns: 0,
            rng: 0,
            stdio: Box::new(MemStdio::default()),
            mounts: Vec::new(),
            lent: std::collections::HashSet::new(),
            used: 0,
            privileged: false,
            umask: 0o022,
            quota: 1 << 30,
        };
        let _ = h.mkdir("/tmp", 0o1777);
        // Like a real system, the root is not writable by the program: it writes under /tmp
        // or where the embedder made room.
        if let Some(Some(root)) = h.inodes.get_mut(ROOT) {
            root.perm = 0o555;
        }
        h
    }

    /// Run `f` as the embedder, with permission bits not applying.
    fn privileged<T>(&mut self, f: impl FnOnce(&mut Self) -> io::Result<T>) -> io::Result<T> {
        let was = std::mem::replace(&mut self.privileged, true);
        let r = f(self);
        self.privileged = was;
        r
    }

    /// Use these standard streams.
    pub fn with_stdio(mut self, stdio: Box<dyn SandboxStdio>) -> Self {
        self.stdio = stdio;
        self
    }

    /// Use this clock.
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Seed the random bytes (`os.urandom`, the hash seed unless one is configured).
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.rng = seed;
        self
    }

    /// Give the program these environment variables.
    pub fn with_env(mut self, vars: Vec<(String, String)>) -> Self {
        self.env = vars;
        self
    }

    /// Put a file in the sandbox, making its parent directories; `perm` e.g. `0o644`, or
    /// `0o444` for read-only.
    pub fn add_file(&mut self, path: &str, data: Vec<u8>, perm: u32) -> io::Result<()> {
        self.privileged(|h| h.add_file_inner(path, data, perm))
    }

    fn add_file_inner(&mut self, path: &str, data: Vec<u8>, perm: u32) -> io::Result<()> {
        self.make_parents(path)?;
        let fd = self.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)?;
        let r = self.write(fd, &data).map(drop);
        let _ = self.close(fd);
        r?;
        self.set_perm(path, perm)
    }

    /// Make a directory and its parents.
    pub fn add_dir(&mut self, path: &str, perm: u32) -> io::Result<()> {
        self.privileged(|h| h.add_dir_inner(path, perm))
    }

    fn add_dir_inner(&mut self, path: &str, perm: u32) -> io::Result<()> {
        self.make_parents(path)?;
        match self.mkdir(path, 0o700) {
            Ok(()) => {}
            Err(e) if e.raw_os_error() == Some(EEXIST) => {}
            Err(e) => return Err(e),
        }
        self.set_perm(path, perm)
    }

    /// Put a symlink in the sandbox.
    pub fn add_symlink(&mut self, path: &str, target: &str) -> io::Result<()> {
        self.privileged(|h| h.add_symlink_inner(path, target))
    }

    fn add_symlink_inner(&mut self, path: &str, target: &str) -> io::Result<()> {
        self.make_parents(path)?;
        let now = self.now_ns();
        let (dir, name) = self.parent_of(path)?;
        let ino = self.alloc(Inode {
            node: Node::Symlink(target.to_string()),
            lazy: None,
            lazy_size: 0,
            perm: 0o777,
            nlink: 1,
            atime_ns: now,
            mtime_ns: now,
            ctime_ns: now,
        });
        self.link(dir, &name, ino)
    }

    /// Lend the sandbox a read-only tree at `at` (which must not exist yet; its parents are
    /// made). See [`MountSource`].
    pub fn mount(&mut self, at: &str, source: Box<dyn MountSource>) -> io::Result<()> {
        self.privileged(|h| {
            h.make_parents(at)?;
            let (dir, name) = h.parent_of(at)?;
            let now = h.now_ns();
            h.mounts.push(source);
            let ino = h.alloc(Inode {
                node: Node::Dir(BTreeMap::new()),
                lazy: Some((h.mounts.len() - 1, String::new())),
                lazy_size: 0,
                perm: 0o555,
                nlink: 2,
                atime_ns: now,
                mtime_ns: now,
                ctime_ns: now,
            });
            h.lent.insert(ino);
            h.link(dir, &name, ino)
        })
    }

    /// Bring a lazy inode's contents in from its mount source.
    fn materialize(&mut self, ino: usize) -> io::Result<()> {
        let Some((mount, rel)) = self.inode(ino)?.lazy.clone() else {
            return Ok(());
        };
        let is_dir = matches!(self.inode(ino)?.node, Node::Dir(_));
        let src = self.mounts.get_mut(mount).ok_or_else(|| os_err(ENOENT))?;
        if !is_dir {
            let data = src.read(&rel)?;
            let i = self.inode_mut(ino)?;
            i.node = Node::File(data);
            i.lazy = None;
            return Ok(());
        }
        let listing = src.listdir(&rel)?;
        let mut entries = BTreeMap::new();
        for (name, st) in listing {
            if name.is_empty() || name == "." || name == ".." || name.contains('/') {
                continue;
            }
            let kind = st.mode & mode::S_IFMT;
            if kind != mode::S_IFDIR && kind != mode::S_IFREG {
                continue;
            }
            let child_rel = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            let child = self.alloc(Inode {
                node: if kind == mode::S_IFDIR {
                    Node::Dir(BTreeMap::new())
                } else {
                    Node::File(Vec::new())
                },
                lazy: Some((mount, child_rel)),
                lazy_size: st.size,
                perm: (st.mode & 0o7777) & !0o7222,
                nlink: if kind == mode::S_IFDIR { 2 } else { 1 },
                atime_ns: st.atime_ns,
                mtime_ns: st.mtime_ns,
                ctime_ns: st.ctime_ns,
            });
            self.lent.insert(child);
            entries.insert(name, child);
        }
        let i = self.inode_mut(ino)?;
        i.node = Node::Dir(entries);
        i.lazy = None;
        Ok(())
    }

    /// Set the current directory (the directory must exist).
    pub fn set_cwd(&mut self, path: &str) -> io::Result<()> {
        self.chdir(path)
    }

    fn make_parents(&mut self, path: &str) -> io::Result<()> {
        let abs = self.absolute(path);
        let parts: Vec<&str> = abs.split('/').filter(|p| !p.is_empty()).collect();
        let mut cur = String::new();
        for p in parts.iter().take(parts.len().saturating_sub(1)) {
            cur.push('/');
            cur.push_str(p);
            match self.mkdir(&cur, 0o755) {
                Ok(()) => {}
                Err(e) if e.raw_os_error() == Some(EEXIST) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    fn set_perm(&mut self, path: &str, perm: u32) -> io::Result<()> {
        let ino = self.resolve(path, true)?;
        self.inode_mut(ino)?.perm = perm & 0o7777;
        Ok(())
    }

    fn now_ns(&mut self) -> i64 {
        let t = self.time();
        (t * 1e9) as i64
    }

    fn absolute(&self, path: &str) -> String {
        if path.starts_with('/') {
            path.to_string()
        } else {
            format!("{}/{}", self.cwd.trim_end_matches('/'), path)
        }
    }

    fn inode(&self, ino: usize) -> io::Result<&Inode> {
        self.inodes
            .get(ino)
            .and_then(Option::as_ref)
            .ok_or_else(|| os_err(ENOENT))
    }

    fn inode_mut(&mut self, ino: usize) -> io::Result<&mut Inode> {
        self.inodes
            .get_mut(ino)
            .and_then(Option::as_mut)
            .ok_or_else(|| os_err(ENOENT))
    }

    fn alloc(&mut self, inode: Inode) -> usize {
        self.inodes.push(Some(inode));
        self.inodes.len() - 1
    }

    /// Resolve `path` to an inode; a final symlink is followed if `follow`.
    fn resolve(&mut self, path: &str, follow: bool) -> io::Result<usize> {
        if path.is_empty() {
            return Err(os_err(ENOENT));
        }
        let abs = self.absolute(path);
        let trailing_slash = abs.len() > 1 && abs.ends_with('/');
        let mut queue: VecDeque<String> = abs
            .split('/')
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect();
        let mut stack = vec![ROOT];
        let mut links = 0;
        while let Some(name) = queue.pop_front() {
            if name == "." {
                continue;
            }
            let cur = *stack.last().unwrap_or(&ROOT);
            if matches!(self.inode(cur)?.node, Node::Dir(_)) {
                self.materialize(cur)?;
            }
            let dir = self.inode(cur)?;
            let Node::Dir(entries) = &dir.node else {
                return Err(os_err(ENOTDIR));
            };
            if dir.perm & 0o100 == 0 && !self.privileged {
                return Err(os_err(EACCES));
            }
            if name == ".." {
                if stack.len() > 1 {
                    stack.pop();
                }
                continue;
            }
            let child = *entries.get(&name).ok_or_else(|| os_err(ENOENT))?;
            let last = queue.is_empty();
            if let Node::Symlink(target) = &self.inode(child)?.node
                && (!last || follow || trailing_slash)
            {
                links += 1;
                if links > MAX_SYMLINKS {
                    return Err(os_err(ELOOP));
                }
                if target.starts_with('/') {
                    stack.truncate(1);
                }
                for p in target.split('/').filter(|p| !p.is_empty()).rev() {
                    queue.push_front(p.to_string());
                }
                continue;
            }
            stack.push(child);
        }
        let ino = *stack.last().unwrap_or(&ROOT);
        if trailing_slash && !matches!(self.inode(ino)?.node, Node::Dir(_)) {
            return Err(os_err(ENOTDIR));
        }
        Ok(ino)
    }

    /// The directory that would hold `path`, and the last component's name.
    fn parent_of(&mut self, path: &str) -> io::Result<(usize, String)> {
        let abs = self.absolute(path);
        let trimmed = abs.trim_end_matches('/');
        let (dir, name) = match trimmed.rfind('/') {
            Some(i) => (&trimmed[..i], &trimmed[i + 1..]),
            None => ("", trimmed),
        };
        if name.is_empty() || name == "." || name == ".." {
            return Err(os_err(if name.is_empty() { EEXIST } else { EINVAL }));
        }
        let dir_ino = self.resolve(if dir.is_empty() { "/" } else { dir }, true)?;
        if matches!(self.inode(dir_ino)?.node, Node::Dir(_)) {
            self.materialize(dir_ino)?;
        }
        match &self.inode(dir_ino)?.node {
            Node::Dir(_) => Ok((dir_ino, name.to_string())),
            _ => Err(os_err(ENOTDIR)),
        }
    }

    fn entries(&self, dir: usize) -> io::Result<&BTreeMap<String, usize>> {
        match &self.inode(dir)?.node {
            Node::Dir(e) => Ok(e),
            _ => Err(os_err(ENOTDIR)),
        }
    }

    fn check_writable_dir(&self, dir: usize) -> io::Result<()> {
        if !self.privileged && self.inode(dir)?.perm & 0o200 == 0 {
            return Err(os_err(EACCES));
        }
        Ok(())
    }

    fn link(&mut self, dir: usize, name: &str, ino: usize) -> io::Result<()> {
        self.check_writable_dir(dir)?;
        let now = self.now_ns();
        let d = self.inode_mut(dir)?;
        d.mtime_ns = now;
        d.ctime_ns = now;
        match &mut d.node {
            Node::Dir(e) => {
                if e.contains_key(name) {
                    return Err(os_err(EEXIST));
                }
                e.insert(name.to_string(), ino);
                Ok(())
            }
            _ => Err(os_err(ENOTDIR)),
        }
    }

    fn unlink_entry(&mut self, dir: usize, name: &str) -> io::Result<usize> {
        self.check_writable_dir(dir)?;
        let now = self.now_ns();
        let d = self.inode_mut(dir)?;
        d.mtime_ns = now;
        d.ctime_ns = now;
        match &mut d.node {
            Node::Dir(e) => e.remove(name).ok_or_else(|| os_err(ENOENT)),
            _ => Err(os_err(ENOTDIR)),
        }
    }

    /// Drop an inode nobody links to or holds open.
    fn release(&mut self, ino: usize) {
        let open = self.open.values().any(|f| f.ino == ino);
        if let Some(Some(i)) = self.inodes.get(ino)
            && i.nlink == 0
            && !open
        {
            if let Node::File(d) = &i.node {
                self.used = self.used.saturating_sub(d.len());
            }
            self.inodes[ino] = None;
        }
    }

    fn stat_of(&self, ino: usize) -> io::Result<FileStat> {
        let i = self.inode(ino)?;
        let (kind, size) = match &i.node {
            Node::File(_) if i.lazy.is_some() => (mode::S_IFREG, i.lazy_size),
            Node::File(d) => (mode::S_IFREG, d.len() as u64),
            Node::Dir(_) => (mode::S_IFDIR, 4096),
            Node::Symlink(t) => (mode::S_IFLNK, t.len() as u64),
        };
        Ok(FileStat {
            is_dir: kind == mode::S_IFDIR,
            size,
            mtime: i.mtime_ns as f64 / 1e9,
            mode: kind | i.perm,
            ino: ino as u64 + 1,
            dev: 1,
            nlink: i.nlink,
            uid: 1000,
            gid: 1000,
            atime_ns: i.atime_ns,
            mtime_ns: i.mtime_ns,
            ctime_ns: i.ctime_ns,
            blksize: 4096,
            blocks: size.div_ceil(512),
            rdev: 0,
        })
    }

    /// Whether an inode belongs to a lent (read-only) tree.
    fn is_lent(&self, ino: usize) -> bool {
        self.lent.contains(&ino)
    }

    fn file(&mut self, fd: i32) -> io::Result<&mut OpenFile> {
        self.open.get_mut(&fd).ok_or_else(|| os_err(EBADF))
    }
}

impl Host for SandboxHost {
    fn write_stdout(&mut self, data: &[u8]) -> io::Result<()> {
        self.stdio.write_stdout(data)
    }
    fn write_stderr(&mut self, data: &[u8]) -> io::Result<()> {
        self.stdio.write_stderr(data)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.stdio.flush()
    }
    fn read_stdin_line(&mut self) -> io::Result<Vec<u8>> {
        self.stdio.read_stdin_line()
    }
    fn read_stdin_all(&mut self) -> io::Result<Vec<u8>> {
        self.stdio.read_stdin_all()
    }
    fn read_stdin(&mut self, n: usize) -> io::Result<Vec<u8>> {
        self.stdio.read_stdin(n)
    }

    fn open(&mut self, path: &str, oflags: i32, perm: u32) -> io::Result<i32> {
        let acc = oflags & 3;
        let readable = acc == O_RDONLY || acc == O_RDWR;
        let writable = acc == O_WRONLY || acc == O_RDWR;
        let now = self.now_ns();
        let (ino, created) = match self.resolve(path, oflags & O_NOFOLLOW == 0) {
            Ok(ino) => {
                if oflags & O_CREAT != 0 && oflags & O_EXCL != 0 {
                    return Err(os_err(EEXIST));
                }
                (ino, false)
            }
            Err(e) if e.raw_os_error() == Some(ENOENT) && oflags & O_CREAT != 0 => {
                let (dir, name) = self.parent_of(path)?;
                if self.entries(dir)?.contains_key(&name) {
                    // A dangling symlink: creating through it would leave the sandbox's
                    // naming rules; refuse as O_NOFOLLOW does.
                    return Err(os_err(ELOOP));
                }
                let ino = self.alloc(Inode {
                    node: Node::File(Vec::new()),
                    lazy: None,
                    lazy_size: 0,
                    perm: perm & 0o7777,
                    nlink: 1,
                    atime_ns: now,
                    mtime_ns: now,
                    ctime_ns: now,
                });
                if let Err(e) = self.link(dir, &name, ino) {
                    self.inodes[ino] = None;
                    return Err(e);
                }
                (ino, true)
            }
            Err(e) => return Err(e),
        };
        if !writable {
            self.materialize(ino)?;
        }
        let i = self.inode(ino)?;
        match &i.node {
            Node::Dir(_) if writable => return Err(os_err(EISDIR)),
            Node::Symlink(_) => return Err(os_err(ELOOP)),
            Node::File(_) if oflags & O_DIRECTORY != 0 => return Err(os_err(ENOTDIR)),
            _ => {}
        }
        // A file this call created may be opened whatever its new permission bits say.
        if !created
            && !self.privileged
            && ((readable && i.perm & 0o400 == 0) || (writable && i.perm & 0o200 == 0))
        {
            return Err(os_err(EACCES));
        }
        if writable && oflags & O_TRUNC != 0 {
            let i = self.inode_mut(ino)?;
            let mut freed = 0;
            if let Node::File(d) = &mut i.node {
                freed = d.len();
                d.clear();
            }
            i.mtime_ns = now;
            i.ctime_ns = now;
            self.used = self.used.saturating_sub(freed);
        }
        let fd = (3..).find(|n| !self.open.contains_key(n)).unwrap_or(3);
        self.open.insert(
            fd,
            OpenFile {
                ino,
                pos: 0,
                readable,
                writable,
                append: oflags & O_APPEND != 0,
            },
        );
        Ok(fd)
    }

    fn read(&mut self, fd: i32, n: usize) -> io::Result<Vec<u8>> {
        if fd == 0 {
            let mut line = self.stdio.read_stdin_line()?;
            line.truncate(n);
            return Ok(line);
        }
        let now = self.now_ns();
        let f = self.file(fd)?;
        if !f.readable {
            return Err(os_err(EBADF));
        }
        let (ino, pos) = (f.ino, f.pos);
        let i = self.inode_mut(ino)?;
        let data = match &i.node {
            Node::File(d) => d,
            Node::Dir(_) => return Err(os_err(EISDIR)),
            Node::Symlink(_) => return Err(os_err(EINVAL)),
        };
        let start = usize::try_from(pos).unwrap_or(usize::MAX).min(data.len());
        let end = start.saturating_add(n).min(data.len());
        let out = data[start..end].to_vec();
        i.atime_ns = now;
        if let Some(f) = self.open.get_mut(&fd) {
            f.pos = end as u64;
        }
        Ok(out)
    }

    fn write(&mut self, fd: i32, data: &[u8]) -> io::Result<usize> {
        match fd {
            1 => return self.stdio.write_stdout(data).map(|()| data.len()),
            2 => return self.stdio.write_stderr(data).map(|()| data.len()),
            _ => {}
        }
        let now = self.now_ns();
        let (used, quota) = (self.used, self.quota);
        let f = self.file(fd)?;
        if !f.writable {
            return Err(os_err(EBADF));
        }
        let (ino, pos, append) = (f.ino, f.pos, f.append);
        let i = self.inode_mut(ino)?;
        let Node::File(buf) = &mut i.node else {
            return Err(os_err(EISDIR));
        };
        let start = if append {
            buf.len()
        } else {
            usize::try_from(pos).map_err(|_| os_err(EINVAL))?
        };
        let end = start
            .checked_add(data.len())
            .ok_or_else(|| os_err(EINVAL))?;
        let grow = end.saturating_sub(buf.len());
        if used.saturating_add(grow) > quota {
            return Err(os_err(ENOSPC));
        }
        if end > buf.len() {
            buf.resize(end, 0);
        }
        buf[start..end].copy_from_slice(data);
        i.mtime_ns = now;
        i.ctime_ns = now;
        self.used += grow;
        if let Some(f) = self.open.get_mut(&fd) {
            f.pos = end as u64;
        }
        Ok(data.len())
    }

    fn seek(&mut self, fd: i32, offset: i64, whence: i32) -> io::Result<u64> {
        let f = self.open.get(&fd).ok_or_else(|| os_err(EBADF))?;
        let size = match &self.inode(f.ino)?.node {
            Node::File(d) => d.len() as i64,
            _ => 0,
        };
        let base = match whence {
            0 => 0,
            1 => i64::try_from(f.pos).unwrap_or(i64::MAX),
            2 => size,
            _ => return Err(os_err(EINVAL)),
        };
        let to = base.checked_add(offset).ok_or_else(|| os_err(EINVAL))?;
        let to = u64::try_from(to).map_err(|_| os_err(EINVAL))?;
        self.file(fd)?.pos = to;
        Ok(to)
    }

    fn truncate(&mut self, fd: i32, len: u64) -> io::Result<()> {
        let now = self.now_ns();
        let (used, quota) = (self.used, self.quota);
        let f = self.file(fd)?;
        if !f.writable {
            return Err(os_err(EINVAL));
        }
        let ino = f.ino;
        let len = usize::try_from(len).map_err(|_| os_err(ENOSPC))?;
        let i = self.inode_mut(ino)?;
        let Node::File(buf) = &mut i.node else {
            return Err(os_err(EINVAL));
        };
        let old = buf.len();
        if len > old && used.saturating_add(len - old) > quota {
            return Err(os_err(ENOSPC));
        }
        buf.resize(len, 0);
        i.mtime_ns = now;
        i.ctime_ns = now;
        self.used = (self.used + len).saturating_sub(old);
        Ok(())
    }

    fn fstat(&mut self, fd: i32) -> io::Result<FileStat> {
        if (0..3).contains(&fd) && !self.open.contains_key(&fd) {
            return Ok(FileStat {
                mode: 0o020620,
                nlink: 1,
                uid: 1000,
                gid: 1000,
                blksize: 1024,
                ..FileStat::default()
            });
        }
        let ino = self.open.get(&fd).ok_or_else(|| os_err(EBADF))?.ino;
        self.stat_of(ino)
    }

    fn close(&mut self, fd: i32) -> io::Result<()> {
        let f = self.open.remove(&fd).ok_or_else(|| os_err(EBADF))?;
        self.release(f.ino);
        Ok(())
    }

    fn stat(&mut self, path: &str) -> io::Result<FileStat> {
        let ino = self.resolve(path, true)?;
        self.stat_of(ino)
    }

    fn lstat(&mut self, path: &str) -> io::Result<FileStat> {
        let ino = self.resolve(path, false)?;
        self.stat_of(ino)
    }

    fn listdir(&mut self, path: &str) -> io::Result<Vec<DirEntry>> {
        let ino = self.resolve(path, true)?;
        self.materialize(ino)?;
        if self.inode(ino)?.perm & 0o400 == 0 {
            return Err(os_err(EACCES));
        }
        let entries = self.entries(ino)?;
        let mut out = Vec::with_capacity(entries.len());
        for (name, &child) in entries {
            let kind = match &self.inode(child)?.node {
                Node::File(_) => EntryKind::File,
                Node::Dir(_) => EntryKind::Dir,
                Node::Symlink(_) => EntryKind::Symlink,
            };
            out.push(DirEntry {
                name: name.clone(),
                kind,
                ino: child as u64 + 1,
            });
        }
        Ok(out)
    }

    fn mkdir(&mut self, path: &str, perm: u32) -> io::Result<()> {
        let (dir, name) = self.parent_of(path)?;
        if self.entries(dir)?.contains_key(&name) {
            return Err(os_err(EEXIST));
        }
        let now = self.now_ns();
        let ino = self.alloc(Inode {
            node: Node::Dir(BTreeMap::new()),
            lazy: None,
            lazy_size: 0,
            perm: perm & 0o7777,
            nlink: 2,
            atime_ns: now,
            mtime_ns: now,
            ctime_ns: now,
        });
        if let Err(e) = self.link(dir, &name, ino) {
            self.inodes[ino] = None;
            return Err(e);
        }
        Ok(())
    }

    fn rmdir(&mut self, path: &str) -> io::Result<()> {
        let (dir, name) = self.parent_of(path)?;
        let ino = *self
            .entries(dir)?
            .get(&name)
            .ok_or_else(|| os_err(ENOENT))?;
        self.check_writable_dir(dir)?;
        match &self.inode(ino)?.node {
            Node::Dir(e) if !e.is_empty() => return Err(os_err(ENOTEMPTY)),
            Node::Dir(_) => {}
            _ => return Err(os_err(ENOTDIR)),
        }
        self.unlink_entry(dir, &name)?;
        self.inode_mut(ino)?.nlink = 0;
        self.release(ino);
        Ok(())
    }

    fn unlink(&mut self, path: &str) -> io::Result<()> {
        let (dir, name) = self.parent_of(path)?;
        let ino = *self
            .entries(dir)?
            .get(&name)
            .ok_or_else(|| os_err(ENOENT))?;
        if let Node::Dir(_) = self.inode(ino)?.node {
            return Err(os_err(EISDIR));
        }
        self.unlink_entry(dir, &name)?;
        let i = self.inode_mut(ino)?;
        i.nlink = i.nlink.saturating_sub(1);
        self.release(ino);
        Ok(())
    }

    fn rename(&mut self, src: &str, dst: &str) -> io::Result<()> {
        let (sdir, sname) = self.parent_of(src)?;
        let ino = *self
            .entries(sdir)?
            .get(&sname)
            .ok_or_else(|| os_err(ENOENT))?;
        let (ddir, dname) = self.parent_of(dst)?;
        self.check_writable_dir(sdir)?;
        let src_is_dir = matches!(self.inode(ino)?.node, Node::Dir(_));
        if src_is_dir {
            // A directory cannot move into itself or below itself.
            let mut cur = self.absolute(dst);
            let src_abs = self.resolve(src, false)?;
            while let Some(i) = cur.rfind('/') {
                cur.truncate(i);
                if self
                    .resolve(if cur.is_empty() { "/" } else { &cur }, true)
                    .ok()
                    == Some(src_abs)
                {
                    return Err(os_err(EINVAL));
                }
            }
        }
        self.check_writable_dir(sdir)?;
        self.check_writable_dir(ddir)?;
        if let Some(&old) = self.entries(ddir)?.get(&dname) {
            if old == ino {
                return Ok(());
            }
            match (&self.inode(old)?.node, src_is_dir) {
                (Node::Dir(e), true) if !e.is_empty() => return Err(os_err(ENOTEMPTY)),
                (Node::Dir(_), false) => return Err(os_err(EISDIR)),
                (Node::File(_) | Node::Symlink(_), true) => return Err(os_err(ENOTDIR)),
                _ => {}
            }
            self.unlink_entry(ddir, &dname)?;
            self.inode_mut(old)?.nlink = 0;
            self.release(old);
        }
        self.unlink_entry(sdir, &sname)?;
        self.link(ddir, &dname, ino)?;
        let now = self.now_ns();
        self.inode_mut(ino)?.ctime_ns = now;
        Ok(())
    }

    fn readlink(&mut self, path: &str) -> io::Result<String> {
        let ino = self.resolve(path, false)?;
        match &self.inode(ino)?.node {
            Node::Symlink(t) => Ok(t.clone()),
            _ => Err(os_err(EINVAL)),
        }
    }

    fn symlink(&mut self, target: &str, path: &str) -> io::Result<()> {
        // The target is only text: it is resolved inside the sandbox when used.
        let now = self.now_ns();
        let (dir, name) = self.parent_of(path)?;
        if self.entries(dir)?.contains_key(&name) {
            return Err(os_err(EEXIST));
        }
        let ino = self.alloc(Inode {
            node: Node::Symlink(target.to_string()),
            lazy: None,
            lazy_size: 0,
            perm: 0o777,
            nlink: 1,
            atime_ns: now,
            mtime_ns: now,
            ctime_ns: now,
        });
        if let Err(e) = self.link(dir, &name, ino) {
            self.inodes[ino] = None;
            return Err(e);
        }
        Ok(())
    }

    fn chmod(&mut self, path: &str, perm: u32) -> io::Result<()> {
        let ino = self.resolve(path, true)?;
        if self.inode(ino)?.lazy.is_some() || self.is_lent(ino) {
            return Err(os_err(EROFS));
        }
        let now = self.now_ns();
        let i = self.inode_mut(ino)?;
        i.perm = perm & 0o7777;
        i.ctime_ns = now;
        Ok(())
    }

    fn utime(&mut self, path: &str, atime_ns: i64, mtime_ns: i64) -> io::Result<()> {
        let ino = self.resolve(path, true)?;
        if self.is_lent(ino) {
            return Err(os_err(EROFS));
        }
        let now = self.now_ns();
        let i = self.inode_mut(ino)?;
        i.atime_ns = atime_ns;
        i.mtime_ns = mtime_ns;
        i.ctime_ns = now;
        Ok(())
    }

    fn umask(&mut self, mask: u32) -> u32 {
        std::mem::replace(&mut self.umask, mask & 0o777)
    }

    fn getcwd(&mut self) -> io::Result<String> {
        Ok(self.cwd.clone())
    }

    fn chdir(&mut self, path: &str) -> io::Result<()> {
        let ino = self.resolve(path, true)?;
        self.entries(ino)?;
        // Store the canonical path: walk up from the inode through the tree.
        let mut parts = Vec::new();
        let mut cur = ino;
        while cur != ROOT {
            let parent = self
                .inodes
                .iter()
                .enumerate()
                .find_map(|(i, n)| match n.as_ref().map(|n| &n.node) {
                    Some(Node::Dir(e)) => e
                        .iter()
                        .find(|(_, c)| **c == cur)
                        .map(|(name, _)| (i, name.clone())),
                    _ => None,
                })
                .ok_or_else(|| os_err(ENOENT))?;
            parts.push(parent.1);
            cur = parent.0;
        }
        parts.reverse();
        self.cwd = format!("/{}", parts.join("/"));
        Ok(())
    }

    fn env_var(&mut self, name: &str) -> Option<String> {
        self.env
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
    fn env_vars(&mut self) -> Vec<(String, String)> {
        self.env.clone()
    }
    fn set_env_var(&mut self, name: &str, value: &str) -> io::Result<()> {
        match self.env.iter_mut().find(|(k, _)| k == name) {
            Some(e) => e.1 = value.to_string(),
            None => self.env.push((name.to_string(), value.to_string())),
        }
        Ok(())
    }
    fn unset_env_var(&mut self, name: &str) -> io::Result<()> {
        self.env.retain(|(k, _)| k != name);
        Ok(())
    }

    fn time(&mut self) -> f64 {
        match &mut self.clock {
            Clock::Fixed(t) => *t + self.slept_ns as f64 / 1e9,
            Clock::Source(s) => s.time(),
        }
    }
    fn monotonic(&mut self) -> f64 {
        match &mut self.clock {
            Clock::Fixed(_) => self.slept_ns as f64 / 1e9,
            Clock::Source(s) => s.monotonic(),
        }
    }
    fn sleep(&mut self, secs: f64) {
        match &mut self.clock {
            Clock::Fixed(_) => {
                // Whole nanoseconds, so a sleep cut into slices adds up exactly.
                if secs.is_finite() && secs > 0.0 {
                    self.slept_ns = self.slept_ns.saturating_add((secs * 1e9).round() as u64);
                }
            }
            Clock::Source(s) => s.sleep(secs),
        }
    }
    fn urandom(&mut self, n: usize) -> io::Result<Vec<u8>> {
        // SplitMix64: deterministic for a seed, which is the point of a sandbox.
        let mut out = Vec::new();
        out.try_reserve_exact(n).map_err(|_| os_err(12))?;
        while out.len() < n {
            self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.rng;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            let take = (n - out.len()).min(8);
            out.extend_from_slice(&z.to_le_bytes()[..take]);
        }
        Ok(out)
    }
}
