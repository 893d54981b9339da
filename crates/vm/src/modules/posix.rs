//! The `posix` module (CPython: `Modules/posixmodule.c`): what `os.py` needs at import and
//! the common file, directory, environment and process calls. Every call goes to the
//! interpreter's `Host`, so under `SandboxHost` they act on the virtual file system and
//! environment, and process calls fail with `PermissionError`.
//!
//! `stat_result`, `DirEntry` and the `scandir` iterator are small Python classes defined by
//! `PRELUDE` in the module's namespace over the native calls.

use crate::host::{EntryKind, FileStat};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::oserror::PathArg;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

mod owner;

const PRELUDE: &str = r#"
class stat_result(tuple):
    n_sequence_fields = 10
    n_fields = 19
    n_unnamed_fields = 3
    _names = ('st_mode', 'st_ino', 'st_dev', 'st_nlink', 'st_uid', 'st_gid', 'st_size',
              'st_atime', 'st_mtime', 'st_ctime')

    def __new__(cls, seq, dict=None):
        seq = tuple(seq)
        if len(seq) < 10:
            raise TypeError(f"os.stat_result() takes an at least 10-sequence ({len(seq)}-sequence given)")
        if len(seq) > 19:
            raise TypeError(f"os.stat_result() takes an at most 19-sequence ({len(seq)}-sequence given)")
        self = tuple.__new__(cls, seq[:10])
        extra = list(seq[10:]) + [None] * (19 - len(seq))
        for i in range(3):
            if extra[i] is None:
                extra[i] = seq[7 + i]
        self.__dict__['_extra'] = tuple(extra)
        return self

    def __setattr__(self, name, value):
        raise AttributeError("readonly attribute")

    st_mode = property(lambda self: self[0])
    st_ino = property(lambda self: self[1])
    st_dev = property(lambda self: self[2])
    st_nlink = property(lambda self: self[3])
    st_uid = property(lambda self: self[4])
    st_gid = property(lambda self: self[5])
    st_size = property(lambda self: self[6])
    st_atime = property(lambda self: self._extra[0])
    st_mtime = property(lambda self: self._extra[1])
    st_ctime = property(lambda self: self._extra[2])
    st_atime_ns = property(lambda self: self._extra[3])
    st_mtime_ns = property(lambda self: self._extra[4])
    st_ctime_ns = property(lambda self: self._extra[5])
    st_blksize = property(lambda self: self._extra[6])
    st_blocks = property(lambda self: self._extra[7])
    st_rdev = property(lambda self: self._extra[8])

    def __repr__(self):
        fields = ', '.join(f'{n}={v!r}' for n, v in zip(self._names, self))
        return f'os.stat_result({fields})'

    def __reduce__(self):
        return (stat_result, (tuple(self) + self._extra,))

stat_result.__module__ = 'os'


class DirEntry:
    __slots__ = ('name', 'path', '_kind', '_ino', '_stat', '_lstat')

    def __init__(self, *args):
        raise TypeError("cannot create 'posix.DirEntry' instances")

    def __repr__(self):
        return f'<DirEntry {self.name!r}>'

    def __fspath__(self):
        return self.path

    def inode(self):
        return self._ino

    def is_symlink(self):
        return self._kind == 3

    def stat(self, *, follow_symlinks=True):
        if follow_symlinks:
            if self._stat is None:
                self._stat = stat(self.path) if self._kind == 3 else self.stat(follow_symlinks=False)
            return self._stat
        if self._lstat is None:
            self._lstat = lstat(self.path)
        return self._lstat

    def is_dir(self, *, follow_symlinks=True):
        if self._kind == 3 and follow_symlinks:
            try:
                return (self.stat().st_mode & 0o170000) == 0o040000
            except FileNotFoundError:
                return False
        return self._kind == 2

    def is_file(self, *, follow_symlinks=True):
        if self._kind == 3 and follow_symlinks:
            try:
                return (self.stat().st_mode & 0o170000) == 0o100000
            except FileNotFoundError:
                return False
        return self._kind == 1

    @classmethod
    def __class_getitem__(cls, item):
        return _GenericAlias(cls, item)


def _make_entry(name, path, kind, ino):
    e = object.__new__(DirEntry)
    object.__setattr__(e, 'name', name)
    object.__setattr__(e, 'path', path)
    object.__setattr__(e, '_kind', kind)
    object.__setattr__(e, '_ino', ino)
    object.__setattr__(e, '_stat', None)
    object.__setattr__(e, '_lstat', None)
    return e


class ScandirIterator:
    def __init__(self, entries):
        self._it = iter(entries)

    def __iter__(self):
        return self

    def __next__(self):
        if self._it is None:
            raise StopIteration
        return next(self._it)

    def close(self):
        self._it = None

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


def scandir(path='.'):
    """Return an iterator of DirEntry objects for given path."""
    return ScandirIterator([_make_entry(*e) for e in _scandir(path)])


times_result = _structseq('times_result', 'posix',
                          ('user', 'system', 'children_user', 'children_system', 'elapsed'))
terminal_size = _structseq('terminal_size', 'os', ('columns', 'lines'))
uname_result = _structseq('uname_result', 'posix',
                          ('sysname', 'nodename', 'release', 'version', 'machine'))

for _c in (DirEntry, ScandirIterator):
    _c.__module__ = 'posix'
del _c
_GenericAlias = type(list[int])
"#;

/// Fill the `posix` module.
pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("stat", posix_stat),
            ("lstat", posix_lstat),
            ("fstat", posix_fstat),
            ("listdir", posix_listdir),
            ("_scandir", posix_scandir),
            ("mkdir", posix_mkdir),
            ("rmdir", posix_rmdir),
            ("unlink", posix_unlink),
            ("remove", posix_unlink),
            ("rename", posix_rename),
            ("replace", posix_rename),
            ("readlink", posix_readlink),
            ("access", posix_access),
            ("getcwd", posix_getcwd),
            ("getcwdb", posix_getcwdb),
            ("chdir", posix_chdir),
            ("open", posix_open),
            ("read", posix_read),
            ("write", posix_write),
            ("close", posix_close),
            ("lseek", posix_lseek),
            ("ftruncate", posix_ftruncate),
            ("isatty", posix_isatty),
            ("urandom", posix_urandom),
            ("getpid", posix_getpid),
            ("strerror", posix_strerror),
            ("fspath", posix_fspath),
            ("putenv", posix_putenv),
            ("unsetenv", posix_unsetenv),
            ("system", posix_system),
            ("cpu_count", posix_cpu_count),
            ("symlink", posix_symlink),
            ("chmod", posix_chmod),
            ("utime", posix_utime),
            ("truncate", posix_truncate),
            ("getuid", posix_getuid),
            ("geteuid", posix_geteuid),
            ("getgid", posix_getgid),
            ("getegid", posix_getegid),
            ("device_encoding", posix_device_encoding),
            ("WIFEXITED", posix_wifexited),
            ("WEXITSTATUS", posix_wexitstatus),
            ("WIFSIGNALED", posix_wifsignaled),
            ("WTERMSIG", posix_wtermsig),
            ("WIFSTOPPED", posix_wifstopped),
            ("WSTOPSIG", posix_wexitstatus),
            ("waitstatus_to_exitcode", posix_waitstatus_to_exitcode),
            ("umask", posix_umask),
            ("getgroups", posix_getgroups),
            ("times", posix_times),
            ("get_terminal_size", posix_get_terminal_size),
            ("uname", posix_uname),
            ("dup", posix_dup),
            ("dup2", posix_dup2),
            ("closerange", posix_closerange),
            ("pipe", posix_pipe),
        ],
    );
    vm.add_functions(m, owner::FUNCTIONS);
    let Payload::Module(md) = &m.payload else {
        return Ok(());
    };
    let d = md.dict.clone();
    use crate::host::oflags::*;
    for (name, v) in [
        ("O_RDONLY", O_RDONLY),
        ("O_WRONLY", O_WRONLY),
        ("O_RDWR", O_RDWR),
        ("O_CREAT", O_CREAT),
        ("O_EXCL", O_EXCL),
        ("O_TRUNC", O_TRUNC),
        ("O_APPEND", O_APPEND),
        ("O_DIRECTORY", O_DIRECTORY),
        ("O_NOFOLLOW", O_NOFOLLOW),
        ("O_CLOEXEC", O_CLOEXEC),
        ("O_ACCMODE", 3),
        ("F_OK", 0),
        ("X_OK", 1),
        ("W_OK", 2),
        ("R_OK", 4),
        ("EX_OK", 0),
    ] {
        vm.set_dict_str(&d, name, Value::Int(i64::from(v)));
    }
    let err = Value::Obj(vm.types.os_error.clone());
    vm.set_dict_str(&d, "error", err);
    let have = vm.new_list(Vec::new());
    vm.set_dict_str(&d, "_have_functions", have);
    let environ = vm.new_dict();
    for (k, v) in vm.host.env_vars() {
        let k = vm.new_bytes(k.into_bytes());
        let v = vm.new_bytes(v.into_bytes());
        vm.dict_set(&environ, k, v)?;
    }
    vm.set_dict_str(&d, "environ", Value::Obj(environ));
    let bm = Value::Obj(vm.builtins_module.clone());
    vm.set_dict_str(&d, "__builtins__", bm);
    super::process::init_posix(vm, m);
    for (name, v) in super::unix_consts::POSIX {
        super::set_attr(vm, m, name, Value::Int(*v));
    }
    let src = format!("{}{PRELUDE}", super::unix::STRUCTSEQ);
    let co = vm.compile_builtin_source(&src, "<posix>", "_krait_posix")?;
    vm.run_code(co, d, None)?;
    Ok(())
}

/// Bind `args` to `names` (the first `required` mandatory; keyword-only after `npos`).
fn bind(
    vm: &mut Vm,
    args: &Args<'_>,
    func: &str,
    names: &[&str],
    required: usize,
    npos: usize,
) -> PyResult<Vec<Option<Value>>> {
    let pos = args.pos();
    if pos.len() > npos {
        return Err(vm.type_error(format!(
            "{func}() takes at most {npos} argument{} ({} given)",
            if npos == 1 { "" } else { "s" },
            pos.len()
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (i, v) in pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        let kn = vm.str_text(k);
        match names.iter().position(|n| *n == kn) {
            Some(i) if out[i].is_none() => out[i] = Some(v.clone()),
            Some(i) => {
                return Err(vm.type_error(format!(
                    "argument for {func}() given by name ('{kn}') and position ({})",
                    i + 1
                )));
            }
            None => {
                return Err(vm.type_error(format!(
                    "'{kn}' is an invalid keyword argument for {func}()"
                )));
            }
        }
    }
    for (i, name) in names.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(vm.type_error(format!(
                "{func}() missing required argument '{name}' (pos {})",
                i + 1
            )));
        }
    }
    Ok(out)
}

fn path(vm: &mut Vm, v: &Value, func: &str, what: &str) -> PyResult<PathArg> {
    vm.path_arg(v, func, what)
}

fn host_err(vm: &mut Vm, e: &std::io::Error, p: &PathArg) -> PyErr {
    vm.os_error_io(e, Some(&p.obj))
}

fn fd_arg(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let n = vm.index_to_i64(v)?;
    i32::try_from(n).map_err(|_| {
        vm.overflow_error(if n < 0 {
            "fd is less than minimum"
        } else {
            "fd is greater than maximum"
        })
    })
}

fn stat_value(vm: &mut Vm, s: &FileStat) -> PyResult<Value> {
    let secs = |ns: i64| ns.div_euclid(1_000_000_000);
    let fsecs = |ns: i64| ns as f64 / 1e9;
    let mut items = vec![
        Value::Int(i64::from(s.mode)),
        Value::Int(s.ino as i64),
        Value::Int(s.dev as i64),
        Value::Int(s.nlink as i64),
        Value::Int(i64::from(s.uid)),
        Value::Int(i64::from(s.gid)),
        Value::Int(s.size as i64),
        Value::Int(secs(s.atime_ns)),
        Value::Int(secs(s.mtime_ns)),
        Value::Int(secs(s.ctime_ns)),
        Value::float(fsecs(s.atime_ns)),
        Value::float(fsecs(s.mtime_ns)),
        Value::float(fsecs(s.ctime_ns)),
    ];
    for ns in [s.atime_ns, s.mtime_ns, s.ctime_ns] {
        items.push(Value::Int(ns));
    }
    items.push(Value::Int(s.blksize as i64));
    items.push(Value::Int(s.blocks as i64));
    items.push(Value::Int(s.rdev as i64));
    let t = vm.new_tuple(items);
    // The class lives in the posix module (which may have been dropped from sys.modules).
    match vm.sys_module("posix") {
        Some(m) => {
            let cls = vm.getattr_str(&m, "stat_result")?;
            vm.call_pos(&cls, &[t])
        }
        None => Ok(t),
    }
}

fn stat_common(vm: &mut Vm, args: Args<'_>, func: &str, follow_default: bool) -> PyResult<Value> {
    let a = bind(
        vm,
        &args,
        func,
        &["path", "dir_fd", "follow_symlinks"],
        1,
        1,
    )?;
    let target = a[0].clone().unwrap_or(Value::None);
    let follow = match &a[2] {
        Some(v) => vm.is_true(v)?,
        None => follow_default,
    };
    if matches!(target, Value::Int(_)) {
        let fd = fd_arg(vm, &target)?;
        let r = vm.host.fstat(fd);
        return match r {
            Ok(s) => stat_value(vm, &s),
            Err(e) => Err(vm.os_error_io(&e, None)),
        };
    }
    let what = "path should be string, bytes, os.PathLike or integer";
    let p = match target.payload() {
        Some(Payload::Str(_) | Payload::Bytes(_)) => path(vm, &target, func, "path")?,
        _ if vm.lookup_special_str(&target, "__fspath__").is_some() => {
            path(vm, &target, func, "path")?
        }
        _ => {
            return Err(vm.type_error(format!("{func}: {what}, not {}", vm.type_name(&target))));
        }
    };
    let r = if follow {
        vm.host.stat(&p.path)
    } else {
        vm.host.lstat(&p.path)
    };
    match r {
        Ok(s) => stat_value(vm, &s),
        Err(e) => Err(host_err(vm, &e, &p)),
    }
}

fn posix_stat(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.run_finalizers();
    stat_common(vm, args, "stat", true)
}

fn posix_lstat(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.run_finalizers();
    stat_common(vm, args, "lstat", false)
}

fn posix_fstat(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "fstat", &["fd"], 1, 1)?;
    let fd = fd_arg(vm, a[0].as_ref().unwrap_or(&Value::None))?;
    vm.run_finalizers();
    match vm.host.fstat(fd) {
        Ok(s) => stat_value(vm, &s),
        Err(e) => Err(vm.os_error_io(&e, None)),
    }
}

/// The directory argument of listdir/scandir (default `.`).
fn dir_arg(vm: &mut Vm, args: &Args<'_>, func: &str) -> PyResult<PathArg> {
    let a = bind(vm, args, func, &["path"], 0, 1)?;
    match &a[0] {
        None | Some(Value::None) => {
            let obj = vm.new_str(".");
            Ok(PathArg {
                path: String::from("."),
                obj,
                bytes: false,
            })
        }
        Some(v) => {
            let v = v.clone();
            match v.payload() {
                Some(Payload::Str(_) | Payload::Bytes(_)) => path(vm, &v, func, "path"),
                _ if vm.lookup_special_str(&v, "__fspath__").is_some() => {
                    path(vm, &v, func, "path")
                }
                _ => Err(vm.type_error(format!(
                    "{func}: path should be string, bytes, os.PathLike, integer or None, not {}",
                    vm.type_name(&v)
                ))),
            }
        }
    }
}

fn name_value(vm: &mut Vm, s: String, bytes: bool) -> Value {
    if bytes {
        vm.new_bytes(s.into_bytes())
    } else {
        vm.new_string(s)
    }
}

fn posix_listdir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let p = dir_arg(vm, &args, "listdir")?;
    vm.run_finalizers();
    let entries = vm.host.listdir(&p.path).map_err(|e| host_err(vm, &e, &p))?;
    let names = entries
        .into_iter()
        .map(|e| name_value(vm, e.name, p.bytes))
        .collect::<Vec<_>>();
    Ok(vm.new_list(names))
}

fn posix_scandir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let p = dir_arg(vm, &args, "scandir")?;
    vm.run_finalizers();
    let entries = vm.host.listdir(&p.path).map_err(|e| host_err(vm, &e, &p))?;
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let full = if p.path.ends_with('/') {
            format!("{}{}", p.path, e.name)
        } else {
            format!("{}/{}", p.path, e.name)
        };
        let name = name_value(vm, e.name, p.bytes);
        let full = name_value(vm, full, p.bytes);
        let kind = match e.kind {
            EntryKind::File => 1,
            EntryKind::Dir => 2,
            EntryKind::Symlink => 3,
            EntryKind::Other => 0,
        };
        out.push(vm.new_tuple(vec![name, full, Value::Int(kind), Value::Int(e.ino as i64)]));
    }
    Ok(vm.new_list(out))
}

fn one_path(
    vm: &mut Vm,
    args: &Args<'_>,
    func: &str,
    extra: &[&str],
) -> PyResult<(PathArg, Vec<Option<Value>>)> {
    let mut names = vec!["path"];
    names.extend_from_slice(extra);
    let a = bind(vm, args, func, &names, 1, names.len())?;
    let v = a[0].clone().unwrap_or(Value::None);
    let p = path(vm, &v, func, "path")?;
    vm.run_finalizers();
    Ok((p, a))
}

fn posix_mkdir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, a) = one_path(vm, &args, "mkdir", &["mode", "dir_fd"])?;
    let mode = match &a[1] {
        Some(v) => vm.index_to_i64(v)?,
        None => 0o777,
    };
    vm.host
        .mkdir(&p.path, (mode & 0o7777) as u32)
        .map_err(|e| host_err(vm, &e, &p))?;
    Ok(Value::None)
}

fn posix_rmdir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, _) = one_path(vm, &args, "rmdir", &["dir_fd"])?;
    vm.host.rmdir(&p.path).map_err(|e| host_err(vm, &e, &p))?;
    Ok(Value::None)
}

fn posix_unlink(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, _) = one_path(vm, &args, "unlink", &["dir_fd"])?;
    vm.host.unlink(&p.path).map_err(|e| host_err(vm, &e, &p))?;
    Ok(Value::None)
}

fn posix_readlink(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, _) = one_path(vm, &args, "readlink", &["dir_fd"])?;
    let t = vm
        .host
        .readlink(&p.path)
        .map_err(|e| host_err(vm, &e, &p))?;
    Ok(name_value(vm, t, p.bytes))
}

fn posix_access(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, a) = one_path(
        vm,
        &args,
        "access",
        &["mode", "dir_fd", "effective_ids", "follow_symlinks"],
    )?;
    let Some(m) = a[1].clone() else {
        return Err(vm.type_error("access() missing required argument 'mode' (pos 2)"));
    };
    let mode = vm.index_to_i64(&m)?;
    let Ok(s) = vm.host.stat(&p.path) else {
        return Ok(Value::bool(false));
    };
    let bits = (s.mode >> 6) & 7;
    let ok = (mode & 4 == 0 || bits & 4 != 0)
        && (mode & 2 == 0 || bits & 2 != 0)
        && (mode & 1 == 0 || bits & 1 != 0);
    Ok(Value::bool(ok))
}

fn posix_rename(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(
        vm,
        &args,
        "rename",
        &["src", "dst", "src_dir_fd", "dst_dir_fd"],
        2,
        2,
    )?;
    let s = a[0].clone().unwrap_or(Value::None);
    let d = a[1].clone().unwrap_or(Value::None);
    let s = path(vm, &s, "rename", "src")?;
    let d = path(vm, &d, "rename", "dst")?;
    vm.run_finalizers();
    match vm.host.rename(&s.path, &d.path) {
        Ok(()) => Ok(Value::None),
        Err(e) => {
            let errno = crate::oserror::errno_of(&e);
            Err(vm.os_error_errno(errno, Some(&s.obj), Some(&d.obj)))
        }
    }
}

fn posix_getcwd(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    bind(vm, &args, "getcwd", &[], 0, 0)?;
    let c = vm.host.getcwd().map_err(|e| vm.os_error_io(&e, None))?;
    Ok(vm.new_string(c))
}

fn posix_getcwdb(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    bind(vm, &args, "getcwdb", &[], 0, 0)?;
    let c = vm.host.getcwd().map_err(|e| vm.os_error_io(&e, None))?;
    Ok(vm.new_bytes(c.into_bytes()))
}

fn posix_chdir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, _) = one_path(vm, &args, "chdir", &[])?;
    vm.host.chdir(&p.path).map_err(|e| host_err(vm, &e, &p))?;
    Ok(Value::None)
}

fn posix_open(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, a) = one_path(vm, &args, "open", &["flags", "mode", "dir_fd"])?;
    let Some(f) = a[1].clone() else {
        return Err(vm.type_error("open() missing required argument 'flags' (pos 2)"));
    };
    let flags = vm.index_to_i64(&f)?;
    let mode = match &a[2] {
        Some(v) => vm.index_to_i64(v)?,
        None => 0o777,
    };
    let fd = vm
        .retry_eintr(|vm| vm.host.open(&p.path, flags as i32, (mode & 0o7777) as u32))?
        .map_err(|e| host_err(vm, &e, &p))?;
    Ok(Value::Int(i64::from(fd)))
}

fn posix_read(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "read", &["fd", "length"], 2, 2)?;
    let fd = fd_arg(vm, a[0].as_ref().unwrap_or(&Value::None))?;
    let n = vm.index_to_i64(a[1].as_ref().unwrap_or(&Value::None))?;
    let n = usize::try_from(n).map_err(|_| vm.os_error_errno(22, None, None))?;
    // A read a signal interrupted runs the handlers, then resumes (PEP 475).
    let b = vm
        .retry_eintr(|vm| vm.host_read(fd, n))?
        .map_err(|e| vm.os_error_io(&e, None))?;
    Ok(vm.new_bytes(b))
}

fn posix_write(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "write", &["fd", "data"], 2, 2)?;
    let fd = fd_arg(vm, a[0].as_ref().unwrap_or(&Value::None))?;
    let data = crate::objects::bytes::buffer_arg(vm, a[1].as_ref().unwrap_or(&Value::None))?;
    let n = vm
        .retry_eintr(|vm| vm.host_write(fd, &data))?
        .map_err(|e| vm.os_error_io(&e, None))?;
    Ok(Value::Int(n as i64))
}

fn posix_close(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "close", &["fd"], 1, 1)?;
    let fd = fd_arg(vm, a[0].as_ref().unwrap_or(&Value::None))?;
    vm.host.close(fd).map_err(|e| vm.os_error_io(&e, None))?;
    Ok(Value::None)
}

fn posix_lseek(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "lseek", &["fd", "position", "whence"], 3, 3)?;
    let fd = fd_arg(vm, a[0].as_ref().unwrap_or(&Value::None))?;
    let pos = vm.index_to_i64(a[1].as_ref().unwrap_or(&Value::None))?;
    let how = vm.index_to_i64(a[2].as_ref().unwrap_or(&Value::None))?;
    let r = vm
        .host
        .seek(fd, pos, how as i32)
        .map_err(|e| vm.os_error_io(&e, None))?;
    Ok(Value::Int(r as i64))
}

fn posix_ftruncate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "ftruncate", &["fd", "length"], 2, 2)?;
    let fd = fd_arg(vm, a[0].as_ref().unwrap_or(&Value::None))?;
    let n = vm.index_to_i64(a[1].as_ref().unwrap_or(&Value::None))?;
    let n = u64::try_from(n).map_err(|_| vm.os_error_errno(22, None, None))?;
    vm.host
        .truncate(fd, n)
        .map_err(|e| vm.os_error_io(&e, None))?;
    Ok(Value::None)
}

fn posix_isatty(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "isatty", &["fd"], 1, 1)?;
    let fd = fd_arg(vm, a[0].as_ref().unwrap_or(&Value::None))?;
    Ok(Value::bool(vm.host.isatty(fd)))
}

fn posix_urandom(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "urandom", &["size"], 1, 1)?;
    let n = vm.index_to_i64(a[0].as_ref().unwrap_or(&Value::None))?;
    let Ok(n) = usize::try_from(n) else {
        return Err(vm.value_error("negative argument not allowed"));
    };
    let b = match vm.host.urandom(n) {
        Ok(b) => b,
        Err(e) if e.raw_os_error() == Some(12) => return Err(vm.memory_error()),
        Err(e) => return Err(vm.os_error_io(&e, None)),
    };
    Ok(vm.new_bytes(b))
}

fn posix_getpid(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    bind(vm, &args, "getpid", &[], 0, 0)?;
    Ok(Value::Int(i64::from(vm.host.getpid())))
}

fn posix_cpu_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    bind(vm, &args, "cpu_count", &[], 0, 0)?;
    Ok(Value::None)
}

fn posix_strerror(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "strerror", &["code"], 1, 1)?;
    let n = vm.index_to_i64(a[0].as_ref().unwrap_or(&Value::None))?;
    let n = i32::try_from(n)
        .map_err(|_| vm.overflow_error("signed integer is greater than maximum"))?;
    Ok(vm.new_string(crate::oserror::strerror(n)))
}

fn posix_fspath(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "fspath", &["path"], 1, 1)?;
    let v = a[0].clone().unwrap_or(Value::None);
    if matches!(v.payload(), Some(Payload::Str(_) | Payload::Bytes(_))) {
        return Ok(v);
    }
    if vm.lookup_special_str(&v, "__fspath__").is_none() {
        return Err(vm.type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            vm.type_name(&v)
        )));
    }
    Ok(vm.path_arg(&v, "fspath", "path")?.obj)
}

fn env_text(vm: &mut Vm, v: &Value, what: &str) -> PyResult<String> {
    let p = vm.path_arg(v, "putenv", what)?;
    Ok(p.path)
}

fn posix_putenv(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "putenv", &["name", "value"], 2, 2)?;
    let k = env_text(vm, a[0].as_ref().unwrap_or(&Value::None), "name")?;
    let v = env_text(vm, a[1].as_ref().unwrap_or(&Value::None), "value")?;
    if k.is_empty() || k.contains('=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    vm.host
        .set_env_var(&k, &v)
        .map_err(|e| vm.os_error_io(&e, None))?;
    Ok(Value::None)
}

fn posix_unsetenv(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "unsetenv", &["name"], 1, 1)?;
    let k = env_text(vm, a[0].as_ref().unwrap_or(&Value::None), "name")?;
    if k.is_empty() || k.contains('=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    vm.host
        .unset_env_var(&k)
        .map_err(|e| vm.os_error_io(&e, None))?;
    Ok(Value::None)
}

/// Process creation goes to `Host::spawn`; hosts that do not grant it refuse with `EPERM`.
fn spawn(vm: &mut Vm, argv: Vec<String>) -> PyResult<Value> {
    match vm.host.spawn(&argv) {
        Ok(status) => Ok(Value::Int(i64::from(status))),
        Err(e) => Err(vm.os_error_io(&e, None)),
    }
}

fn posix_system(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "system", &["command"], 1, 1)?;
    let cmd = vm.path_arg(a[0].as_ref().unwrap_or(&Value::None), "system", "command")?;
    spawn(vm, vec!["/bin/sh".into(), "-c".into(), cmd.path])
}

fn posix_symlink(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(
        vm,
        &args,
        "symlink",
        &["src", "dst", "target_is_directory", "dir_fd"],
        2,
        3,
    )?;
    let src = a[0].clone().unwrap_or(Value::None);
    let dst = a[1].clone().unwrap_or(Value::None);
    let s = path(vm, &src, "symlink", "src")?;
    let d = path(vm, &dst, "symlink", "dst")?;
    vm.run_finalizers();
    match vm.host.symlink(&s.path, &d.path) {
        Ok(()) => Ok(Value::None),
        Err(e) => {
            let errno = crate::oserror::errno_of(&e);
            Err(vm.os_error_errno(errno, Some(&s.obj), Some(&d.obj)))
        }
    }
}

fn posix_chmod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, a) = one_path(vm, &args, "chmod", &["mode", "dir_fd", "follow_symlinks"])?;
    let Some(m) = a[1].clone() else {
        return Err(vm.type_error("chmod() missing required argument 'mode' (pos 2)"));
    };
    let mode = vm.index_to_i64(&m)?;
    vm.host
        .chmod(&p.path, (mode & 0o7777) as u32)
        .map_err(|e| host_err(vm, &e, &p))?;
    Ok(Value::None)
}

fn posix_utime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, a) = one_path(
        vm,
        &args,
        "utime",
        &["times", "ns", "dir_fd", "follow_symlinks"],
    )?;
    let pair = |vm: &mut Vm, v: &Value, what: &str, ns: bool| -> PyResult<(i64, i64)> {
        let items = match v.payload() {
            Some(Payload::Tuple(t)) if t.len() == 2 => t.to_vec(),
            _ => {
                return Err(vm.type_error(if ns {
                    format!("utime: '{what}' must be a tuple of two ints")
                } else {
                    format!("utime: '{what}' must be either a tuple of two ints or None")
                }));
            }
        };
        let mut out = [0i64; 2];
        for (i, x) in items.iter().enumerate() {
            out[i] = if ns {
                vm.index_to_i64(x)?
            } else {
                match x {
                    Value::Float(f) => (f.get() * 1e9) as i64,
                    _ => vm.index_to_i64(x)?.saturating_mul(1_000_000_000),
                }
            };
        }
        Ok((out[0], out[1]))
    };
    let times = a[1].clone().filter(|v| !v.is_none());
    let ns = a[2].clone();
    let (at, mt) = match (times, ns) {
        (Some(_), Some(_)) => {
            return Err(
                vm.value_error("utime: you may specify either 'times' or 'ns' but not both")
            );
        }
        (Some(t), None) => pair(vm, &t, "times", false)?,
        (None, Some(n)) => pair(vm, &n, "ns", true)?,
        (None, None) => {
            let now = (vm.host.time() * 1e9) as i64;
            (now, now)
        }
    };
    vm.host
        .utime(&p.path, at, mt)
        .map_err(|e| host_err(vm, &e, &p))?;
    Ok(Value::None)
}

fn posix_truncate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (p, a) = one_path(vm, &args, "truncate", &["length"])?;
    let Some(l) = a[1].clone() else {
        return Err(vm.type_error("truncate() missing required argument 'length' (pos 2)"));
    };
    let len = vm.index_to_i64(&l)?;
    let len = u64::try_from(len).map_err(|_| vm.os_error_errno(22, Some(&p.obj), None))?;
    let fd = vm
        .host
        .open(&p.path, crate::host::oflags::O_WRONLY, 0)
        .map_err(|e| host_err(vm, &e, &p))?;
    let r = vm.host.truncate(fd, len);
    let _ = vm.host.close(fd);
    r.map_err(|e| host_err(vm, &e, &p))?;
    Ok(Value::None)
}

fn id_value(
    vm: &mut Vm,
    args: Args<'_>,
    name: &str,
    pick: fn((u32, u32, u32, u32)) -> u32,
) -> PyResult<Value> {
    bind(vm, &args, name, &[], 0, 0)?;
    let ids = vm.host.ids();
    Ok(Value::Int(i64::from(pick(ids))))
}

fn posix_getuid(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    id_value(vm, args, "getuid", |i| i.0)
}

fn posix_geteuid(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    id_value(vm, args, "geteuid", |i| i.1)
}

fn posix_getgid(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    id_value(vm, args, "getgid", |i| i.2)
}

fn posix_getegid(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    id_value(vm, args, "getegid", |i| i.3)
}

fn posix_device_encoding(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    bind(vm, &args, "device_encoding", &["fd"], 1, 1)?;
    Ok(Value::None)
}

fn status_arg(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<i64> {
    let a = bind(vm, args, name, &["status"], 1, 1)?;
    vm.index_to_i64(a[0].as_ref().unwrap_or(&Value::None))
}

fn posix_wifexited(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = status_arg(vm, &args, "WIFEXITED")?;
    Ok(Value::bool(s & 0x7f == 0))
}

fn posix_wexitstatus(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = status_arg(vm, &args, "WEXITSTATUS")?;
    Ok(Value::Int((s >> 8) & 0xff))
}

fn posix_wifsignaled(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = status_arg(vm, &args, "WIFSIGNALED")?;
    Ok(Value::bool((((s & 0x7f) + 1) as i8 >> 1) > 0))
}

fn posix_wtermsig(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = status_arg(vm, &args, "WTERMSIG")?;
    Ok(Value::Int(s & 0x7f))
}

fn posix_wifstopped(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = status_arg(vm, &args, "WIFSTOPPED")?;
    Ok(Value::bool(s & 0xff == 0x7f))
}

fn posix_waitstatus_to_exitcode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = status_arg(vm, &args, "waitstatus_to_exitcode")?;
    if s & 0x7f == 0 {
        return Ok(Value::Int((s >> 8) & 0xff));
    }
    if (((s & 0x7f) + 1) as i8 >> 1) > 0 {
        return Ok(Value::Int(-(s & 0x7f)));
    }
    if s & 0xff == 0x7f {
        return Err(vm.value_error(format!(
            "process stopped by delivery of signal {}",
            (s >> 8) & 0xff
        )));
    }
    Err(vm.value_error(format!("invalid wait status: {s}")))
}

fn module_attr(vm: &mut Vm, name: &str) -> PyResult<Value> {
    match vm.sys_module("posix") {
        Some(m) => vm.getattr_str(&m, name),
        None => Err(vm.runtime_error("the posix module is gone from sys.modules")),
    }
}

fn posix_umask(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "umask", &["mask"], 1, 1)?;
    let m = vm.index_to_i64(a[0].as_ref().unwrap_or(&Value::None))?;
    Ok(Value::Int(i64::from(vm.host.umask((m & 0o777) as u32))))
}

fn posix_getgroups(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    bind(vm, &args, "getgroups", &[], 0, 0)?;
    let g = vm.host.groups();
    let items = g
        .into_iter()
        .map(|x| Value::Int(i64::from(x)))
        .collect::<Vec<_>>();
    Ok(vm.new_list(items))
}

fn posix_times(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    bind(vm, &args, "times", &[], 0, 0)?;
    let t = vm.host.cpu_times();
    let items = vm.new_tuple(t.iter().map(|x| Value::float(*x)).collect());
    let cls = module_attr(vm, "times_result")?;
    vm.call_pos(&cls, &[items])
}

fn posix_uname(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    bind(vm, &args, "uname", &[], 0, 0)?;
    let u = vm.host.uname().map_err(|e| vm.os_error_io(&e, None))?;
    let items = u.iter().map(|s| vm.new_str(s)).collect();
    let items = vm.new_tuple(items);
    let cls = module_attr(vm, "uname_result")?;
    vm.call_pos(&cls, &[items])
}

fn posix_get_terminal_size(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "get_terminal_size", &["fd"], 0, 1)?;
    let fd = match &a[0] {
        Some(v) => fd_arg(vm, v)?,
        None => 1,
    };
    let (cols, lines) = vm
        .host
        .terminal_size(fd)
        .map_err(|e| vm.os_error_io(&e, None))?;
    let items = vm.new_tuple(vec![
        Value::Int(i64::from(cols)),
        Value::Int(i64::from(lines)),
    ]);
    let cls = module_attr(vm, "terminal_size")?;
    vm.call_pos(&cls, &[items])
}

fn posix_dup(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "dup", &["fd"], 1, 1)?;
    let fd = fd_arg(vm, a[0].as_ref().unwrap_or(&Value::None))?;
    let n = vm.host.dup(fd).map_err(|e| vm.os_error_io(&e, None))?;
    Ok(Value::Int(i64::from(n)))
}

fn posix_dup2(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "dup2", &["fd", "fd2", "inheritable"], 2, 3)?;
    let fd = fd_arg(vm, a[0].as_ref().unwrap_or(&Value::None))?;
    let fd2 = fd_arg(vm, a[1].as_ref().unwrap_or(&Value::None))?;
    let inheritable = match &a[2] {
        Some(v) => vm.is_true(v)?,
        None => true,
    };
    let n = vm
        .host
        .dup2(fd, fd2, inheritable)
        .map_err(|e| vm.os_error_io(&e, None))?;
    Ok(Value::Int(i64::from(n)))
}

fn posix_closerange(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "closerange", 2, 2)?;
    let lo = fd_arg(vm, &a[0])?;
    let hi = fd_arg(vm, &a[1])?;
    vm.host.closerange(lo, hi);
    Ok(Value::None)
}

fn posix_pipe(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    bind(vm, &args, "pipe", &[], 0, 0)?;
    let (r, w) = vm.host.pipe().map_err(|e| vm.os_error_io(&e, None))?;
    Ok(vm.new_pair(Value::Int(i64::from(r)), Value::Int(i64::from(w))))
}
