//! The Unix database and descriptor modules: `pwd`, `grp`, `resource`, `fcntl` and `termios`
//! (CPython: `Modules/pwdmodule.c`, `grpmodule.c`, `resource.c`, `fcntlmodule.c`,
//! `termios.c`). Every call goes to the `Host`: the sandbox has no users or groups, and
//! refuses limits, descriptor control and terminals. The result records are struct
//! sequences made in Python over the native calls.

use crate::host::{CtlArg, Group, Passwd, TermAttrs, TermOp};
use crate::native::{bind_args, pos_args};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

use super::unix_consts::{FCNTL, RESOURCE, TERMIOS};

/// The struct sequence type, shared by the modules' preludes (and `posix`'s).
pub(super) const STRUCTSEQ: &str = r#"
def _structseq(qualname, module, fields, unnamed=0):
    class S(tuple):
        n_sequence_fields = len(fields)
        n_fields = len(fields)
        n_unnamed_fields = unnamed

        def __new__(cls, seq, dict=None):
            seq = tuple(seq)
            if len(seq) != len(fields):
                raise TypeError(f"{module}.{qualname}() takes a {len(fields)}-sequence "
                                f"({len(seq)}-sequence given)")
            return tuple.__new__(cls, seq)

        def __repr__(self):
            inner = ', '.join(f'{n}={v!r}' for n, v in zip(fields, self))
            return f'{module}.{qualname}({inner})'

        def __reduce__(self):
            return (type(self), (tuple(self),))

    for i, n in enumerate(fields):
        setattr(S, n, property(lambda self, i=i: self[i]))
    S.__name__ = S.__qualname__ = qualname
    S.__module__ = module
    return S
"#;

const PWD: &str = r#"
struct_passwd = _structseq('struct_passwd', 'pwd', ('pw_name', 'pw_passwd', 'pw_uid', 'pw_gid',
                                                    'pw_gecos', 'pw_dir', 'pw_shell'))

def getpwuid(uid, /):
    e = _getpwuid(uid)
    if e is None:
        raise KeyError(f'getpwuid(): uid not found: {uid}')
    return struct_passwd(e)

def getpwnam(name, /):
    if not isinstance(name, str):
        raise TypeError(f"getpwnam() argument must be str, not {type(name).__name__}")
    e = _getpwnam(name)
    if e is None:
        raise KeyError(f'getpwnam(): name not found: {name!r}')
    return struct_passwd(e)

def getpwall():
    return [struct_passwd(e) for e in _getpwall()]

del _structseq
"#;

const GRP: &str = r#"
struct_group = _structseq('struct_group', 'grp', ('gr_name', 'gr_passwd', 'gr_gid', 'gr_mem'))

def getgrgid(id):
    e = _getgrgid(id)
    if e is None:
        raise KeyError(f'getgrgid(): gid not found: {id}')
    return struct_group(e)

def getgrnam(name):
    if not isinstance(name, str):
        raise TypeError(f"getgrnam() argument must be str, not {type(name).__name__}")
    e = _getgrnam(name)
    if e is None:
        raise KeyError(f'getgrnam(): name not found: {name!r}')
    return struct_group(e)

def getgrall():
    return [struct_group(e) for e in _getgrall()]

del _structseq
"#;

const RESOURCE_PY: &str = r#"
error = OSError
struct_rusage = _structseq('struct_rusage', 'resource', (
    'ru_utime', 'ru_stime', 'ru_maxrss', 'ru_ixrss', 'ru_idrss', 'ru_isrss', 'ru_minflt',
    'ru_majflt', 'ru_nswap', 'ru_inblock', 'ru_oublock', 'ru_msgsnd', 'ru_msgrcv',
    'ru_nsignals', 'ru_nvcsw', 'ru_nivcsw'))

def getrusage(who, /):
    return struct_rusage(_getrusage(who))

def _limits(limits):
    try:
        soft, hard = limits
    except (TypeError, ValueError):
        raise ValueError('expected a tuple of 2 integers') from None
    return soft, hard

def setrlimit(resource, limits, /):
    soft, hard = _limits(limits)
    _setrlimit(resource, soft, hard)

def prlimit(pid, resource, limits=None, /):
    import os
    if pid != 0 and pid != os.getpid():
        raise PermissionError(1, 'Operation not permitted')
    old = getrlimit(resource)
    if limits is not None:
        setrlimit(resource, limits)
    return old

del _structseq
"#;

const TERMIOS_PY: &str = r#"
class error(Exception):
    pass

error.__module__ = 'termios'
"#;

/// Make the modules importable.
pub(super) fn init_pwd(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("_getpwuid", pwd_getpwuid),
            ("_getpwnam", pwd_getpwnam),
            ("_getpwall", pwd_getpwall),
        ],
    );
    prelude(vm, m, PWD, "<pwd>")
}

pub(super) fn init_grp(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("_getgrgid", grp_getgrgid),
            ("_getgrnam", grp_getgrnam),
            ("_getgrall", grp_getgrall),
        ],
    );
    prelude(vm, m, GRP, "<grp>")
}

pub(super) fn init_resource(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("getrlimit", resource_getrlimit),
            ("_setrlimit", resource_setrlimit),
            ("_getrusage", resource_getrusage),
            ("getpagesize", resource_getpagesize),
        ],
    );
    consts(vm, m, RESOURCE);
    prelude(vm, m, RESOURCE_PY, "<resource>")
}

pub(super) fn init_fcntl(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("fcntl", fcntl_fcntl),
            ("ioctl", fcntl_ioctl),
            ("flock", fcntl_flock),
            ("lockf", fcntl_lockf),
        ],
    );
    consts(vm, m, FCNTL);
    Ok(())
}

pub(super) fn init_termios(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("tcgetattr", termios_tcgetattr),
            ("tcsetattr", termios_tcsetattr),
            ("tcsendbreak", termios_tcsendbreak),
            ("tcdrain", termios_tcdrain),
            ("tcflush", termios_tcflush),
            ("tcflow", termios_tcflow),
            ("tcgetwinsize", termios_tcgetwinsize),
            ("tcsetwinsize", termios_tcsetwinsize),
        ],
    );
    consts(vm, m, TERMIOS);
    let co = vm.compile_builtin_source(TERMIOS_PY, "<termios>", "_krait_termios")?;
    let d = module_dict(vm, m)?;
    vm.run_code(co, d, None)?;
    Ok(())
}

fn consts(vm: &mut Vm, m: &ObjRef, table: &[(&str, i64)]) {
    for (name, v) in table {
        super::set_attr(vm, m, name, Value::Int(*v));
    }
}

fn module_dict(vm: &mut Vm, m: &ObjRef) -> PyResult<ObjRef> {
    match &m.payload {
        Payload::Module(md) => {
            let d = md.dict.clone();
            let bm = Value::Obj(vm.builtins_module.clone());
            vm.set_dict_str(&d, "__builtins__", bm);
            Ok(d)
        }
        _ => Err(vm.runtime_error("not a module")),
    }
}

fn prelude(vm: &mut Vm, m: &ObjRef, src: &str, name: &str) -> PyResult<()> {
    let d = module_dict(vm, m)?;
    let full = format!("{STRUCTSEQ}{src}");
    let stem = format!("_krait_{}", name.trim_matches(['<', '>']));
    let co = vm.compile_builtin_source(&full, name, &stem)?;
    vm.run_code(co, d, None)?;
    Ok(())
}

/// Text from the OS: the file-system encoding with `surrogateescape`, as CPython decodes
/// database fields.
fn os_text(vm: &mut Vm, b: &[u8]) -> PyResult<Value> {
    let s = crate::objects::codecs::decode(vm, b, "utf-8", "surrogateescape")?;
    Ok(vm.new_pystr(s))
}

fn os_bytes(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match v.payload() {
        Some(Payload::Str(s)) => {
            let b = crate::objects::codecs::encode(vm, s, "utf-8", "surrogateescape")?;
            if b.contains(&0) {
                return Err(vm.value_error("embedded null character"));
            }
            Ok(b)
        }
        _ => Err(vm.type_error("expected str")),
    }
}

fn host_error(vm: &mut Vm, e: &std::io::Error) -> PyErr {
    vm.os_error_io(e, None)
}

/// A user or group id argument (`_Py_Uid_Converter`).
fn id_arg(vm: &mut Vm, v: &Value, what: &str) -> PyResult<Option<u32>> {
    if !matches!(v, Value::Int(_) | Value::Bool(_))
        && !matches!(v.payload(), Some(Payload::Int(_)))
        && vm.lookup_special_str(v, "__index__").is_none()
    {
        return Err(vm.type_error(format!("{what} should be integer, not {}", vm.type_name(v))));
    }
    let n = vm.index_value(v)?;
    Ok(match n {
        Value::Int(-1) => Some(u32::MAX),
        Value::Int(i) => u32::try_from(i).ok(),
        _ => None,
    })
}

fn passwd_value(vm: &mut Vm, p: &Passwd) -> PyResult<Value> {
    let name = os_text(vm, &p.name)?;
    let pw = os_text(vm, &p.passwd)?;
    let gecos = os_text(vm, &p.gecos)?;
    let dir = os_text(vm, &p.dir)?;
    let shell = os_text(vm, &p.shell)?;
    Ok(vm.new_tuple(vec![
        name,
        pw,
        Value::Int(i64::from(p.uid)),
        Value::Int(i64::from(p.gid)),
        gecos,
        dir,
        shell,
    ]))
}

fn group_value(vm: &mut Vm, g: &Group) -> PyResult<Value> {
    let name = os_text(vm, &g.name)?;
    let pw = os_text(vm, &g.passwd)?;
    let mut mem = Vec::with_capacity(g.members.len());
    for m in &g.members {
        mem.push(os_text(vm, m)?);
    }
    let mem = vm.new_list(mem);
    Ok(vm.new_tuple(vec![name, pw, Value::Int(i64::from(g.gid)), mem]))
}

fn pwd_getpwuid(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "getpwuid", 1, 1)?;
    let Some(uid) = id_arg(vm, &a[0], "uid")? else {
        return Ok(Value::None);
    };
    match vm.host.passwd_by_uid(uid) {
        Ok(Some(p)) => passwd_value(vm, &p),
        Ok(None) => Ok(Value::None),
        Err(e) => Err(host_error(vm, &e)),
    }
}

fn pwd_getpwnam(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "getpwnam", 1, 1)?;
    let name = os_bytes(vm, &a[0])?;
    match vm.host.passwd_by_name(&name) {
        Ok(Some(p)) => passwd_value(vm, &p),
        Ok(None) => Ok(Value::None),
        Err(e) => Err(host_error(vm, &e)),
    }
}

fn pwd_getpwall(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "getpwall", 0, 0)?;
    let all = vm.host.all_passwd();
    let mut out = Vec::with_capacity(all.len());
    for p in &all {
        out.push(passwd_value(vm, p)?);
    }
    Ok(vm.new_list(out))
}

fn grp_getgrgid(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "getgrgid", 1, 1)?;
    let Some(gid) = id_arg(vm, &a[0], "gid")? else {
        return Ok(Value::None);
    };
    match vm.host.group_by_gid(gid) {
        Ok(Some(g)) => group_value(vm, &g),
        Ok(None) => Ok(Value::None),
        Err(e) => Err(host_error(vm, &e)),
    }
}

fn grp_getgrnam(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "getgrnam", 1, 1)?;
    let name = os_bytes(vm, &a[0])?;
    match vm.host.group_by_name(&name) {
        Ok(Some(g)) => group_value(vm, &g),
        Ok(None) => Ok(Value::None),
        Err(e) => Err(host_error(vm, &e)),
    }
}

fn grp_getgrall(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "getgrall", 0, 0)?;
    let all = vm.host.all_groups();
    let mut out = Vec::with_capacity(all.len());
    for g in &all {
        out.push(group_value(vm, g)?);
    }
    Ok(vm.new_list(out))
}

/// Linux's `RLIM_NLIMITS`: resources are numbered below it.
const RLIM_NLIMITS: i64 = 16;

fn resource_arg(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let r = vm.index_to_i64(v)?;
    if !(0..RLIM_NLIMITS).contains(&r) {
        return Err(vm.value_error("invalid resource specified"));
    }
    Ok(r as i32)
}

/// A limit as Python sees it: `RLIM_INFINITY` is -1.
fn limit_value(v: u64) -> Value {
    Value::Int(v as i64)
}

fn limit_arg(vm: &mut Vm, v: &Value) -> PyResult<u64> {
    let n = vm.index_value(v)?;
    match n {
        Value::Int(i) => Ok(i as u64),
        _ => Err(vm.overflow_error("Python int too large to convert to C long")),
    }
}

fn resource_getrlimit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "getrlimit", 1, 1)?;
    let r = resource_arg(vm, &a[0])?;
    match vm.host.rlimit(r) {
        Ok((soft, hard)) => Ok(vm.new_pair(limit_value(soft), limit_value(hard))),
        Err(e) => Err(host_error(vm, &e)),
    }
}

fn resource_setrlimit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "setrlimit", 3, 3)?;
    let r = resource_arg(vm, &a[0])?;
    let soft = limit_arg(vm, &a[1])?;
    let hard = limit_arg(vm, &a[2])?;
    match vm.host.set_rlimit(r, soft, hard) {
        Ok(()) => Ok(Value::None),
        Err(e) => match e.raw_os_error() {
            Some(22) => Err(vm.value_error("current limit exceeds maximum limit")),
            Some(1) => Err(vm.value_error("not allowed to raise maximum limit")),
            _ => Err(host_error(vm, &e)),
        },
    }
}

fn resource_getrusage(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "getrusage", 1, 1)?;
    let who = vm.index_to_i64(&a[0])?;
    let Ok(who) = i32::try_from(who) else {
        return Err(vm.value_error("invalid who parameter"));
    };
    match vm.host.rusage(who) {
        Ok(u) => {
            let mut items = vec![Value::float(u.utime), Value::float(u.stime)];
            items.extend(u.counters.iter().map(|c| Value::Int(*c)));
            Ok(vm.new_tuple(items))
        }
        Err(e) if e.raw_os_error() == Some(22) => Err(vm.value_error("invalid who parameter")),
        Err(e) => Err(host_error(vm, &e)),
    }
}

fn resource_getpagesize(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "getpagesize", 0, 0)?;
    Ok(Value::Int(vm.host.page_size() as i64))
}

/// A descriptor: an int, or an object whose `fileno()` returns one
/// (`PyObject_AsFileDescriptor`).
fn fd_of(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let n = if matches!(v, Value::Int(_) | Value::Bool(_))
        || matches!(v.payload(), Some(Payload::Int(_)))
    {
        vm.index_to_i64(v)?
    } else {
        let f = match vm.getattr_str(v, "fileno") {
            Ok(f) => f,
            Err(_) => {
                return Err(vm.type_error("argument must be an int, or have a fileno() method."));
            }
        };
        let r = vm.call_pos(&f, &[])?;
        if !matches!(r, Value::Int(_)) && !matches!(r.payload(), Some(Payload::Int(_))) {
            return Err(vm.type_error("fileno() returned a non-integer"));
        }
        vm.index_to_i64(&r)?
    };
    if n < 0 {
        return Err(vm.value_error(format!(
            "file descriptor cannot be a negative integer ({n})"
        )));
    }
    i32::try_from(n).map_err(|_| vm.overflow_error("fd is greater than maximum"))
}

/// The third argument of `fcntl`/`ioctl`: an int, or a buffer (str is encoded as UTF-8).
fn ctl_arg(vm: &mut Vm, v: &Value, func: &str) -> PyResult<CtlArg> {
    if v.is_null() {
        return Ok(CtlArg::Int(0));
    }
    let buf = match v.payload() {
        Some(Payload::Bytes(b)) => Some(b.to_vec()),
        Some(Payload::ByteArray(b)) => Some(b.borrow().clone()),
        Some(Payload::Str(s)) => Some(s.wtf8().to_vec()),
        _ => None,
    };
    match buf {
        Some(b) if b.len() > 1024 => Err(vm.value_error(format!("{func} string arg too long"))),
        Some(b) => Ok(CtlArg::Buf(b)),
        None => {
            if vm.lookup_special_str(v, "__index__").is_none()
                && !matches!(v, Value::Int(_) | Value::Bool(_))
            {
                return Err(vm.type_error(format!(
                    "{func}() argument 3 must be an integer, a bytes-like object, or a string, \
                     not {}",
                    vm.type_name(v)
                )));
            }
            let n = vm.index_to_i64(v)?;
            if i32::try_from(n).is_err() && u32::try_from(n).is_err() {
                return Err(vm.overflow_error("signed integer is greater than maximum"));
            }
            Ok(CtlArg::Int(n))
        }
    }
}

fn ctl_result(vm: &mut Vm, r: CtlArg) -> Value {
    match r {
        CtlArg::Int(n) => Value::Int(n),
        CtlArg::Buf(b) => vm.new_bytes(b),
    }
}

fn fcntl_fcntl(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "fcntl", &["fd", "cmd", "arg"], 2)?;
    let fd = fd_of(vm, &a[0])?;
    let cmd = vm.index_to_i64(&a[1])?;
    let arg = ctl_arg(vm, &a[2], "fcntl")?;
    // A wait (F_SETLKW) a signal interrupts resumes after the handlers (PEP 475).
    match vm.retry_eintr(|vm| vm.host.fcntl(fd, cmd as i32, &arg))? {
        Ok(r) => Ok(ctl_result(vm, r)),
        Err(e) => Err(host_error(vm, &e)),
    }
}

fn fcntl_ioctl(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(
        vm,
        &args,
        "ioctl",
        &["fd", "request", "arg", "mutate_flag"],
        2,
    )?;
    let fd = fd_of(vm, &a[0])?;
    let req = vm.index_to_i64(&a[1])?;
    let arg = ctl_arg(vm, &a[2], "ioctl")?;
    let mutate = a[3].is_null() || vm.is_true(&a[3])?;
    let r = vm
        .host
        .ioctl(fd, req as u32 as u64, &arg)
        .map_err(|e| host_error(vm, &e))?;
    // A mutable buffer is written back in place and the call's result returned.
    if mutate && let Some(Payload::ByteArray(b)) = a[2].payload() {
        if let CtlArg::Buf(out) = r {
            let mut b = b.borrow_mut();
            let n = out.len().min(b.len());
            b[..n].copy_from_slice(&out[..n]);
        }
        return Ok(Value::Int(0));
    }
    Ok(ctl_result(vm, r))
}

fn fcntl_flock(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "flock", 2, 2)?;
    let fd = fd_of(vm, &a[0])?;
    let op = vm.index_to_i64(&a[1])?;
    vm.retry_eintr(|vm| vm.host.flock(fd, op as i32))?
        .map_err(|e| host_error(vm, &e))?;
    Ok(Value::None)
}

fn fcntl_lockf(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "lockf", 2, 5)?;
    let fd = fd_of(vm, &a[0])?;
    let cmd = vm.index_to_i64(&a[1])? as i32;
    let mut nums = [0i64; 3];
    for (slot, v) in nums.iter_mut().zip(&a[2..]) {
        *slot = vm.index_to_i64(v)?;
    }
    vm.retry_eintr(|vm| vm.host.lockf(fd, cmd, nums[0], nums[1], nums[2] as i32))?
        .map_err(|e| host_error(vm, &e))?;
    Ok(Value::None)
}

/// `termios.error(errno, strerror)` for a failed terminal call.
fn termios_error(vm: &mut Vm, e: &std::io::Error) -> PyErr {
    let code = e.raw_os_error().unwrap_or(0);
    let msg = vm.new_string(crate::oserror::strerror(code));
    let key = vm.intern("termios");
    let modules = vm.modules.clone();
    let cls = vm
        .dict_get_str_obj(&modules, &key)
        .and_then(|m| vm.getattr_str(&m, "error").ok());
    match cls {
        Some(cls) => match vm.call_pos(&cls, &[Value::Int(i64::from(code)), msg]) {
            Ok(Value::Obj(o)) => PyErr(o),
            Ok(_) => vm.runtime_error("termios.error"),
            Err(err) => err,
        },
        None => vm.os_error_io(e, None),
    }
}

/// The `cc` indexes that hold numbers, not characters, when `ICANON` is off.
const VTIME: usize = 5;
const VMIN: usize = 6;
const ICANON: u32 = 2;
const NCCS: usize = 32;

fn termios_tcgetattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "tcgetattr", 1, 1)?;
    let fd = fd_of(vm, &a[0])?;
    let t = match vm.host.term_attrs(fd) {
        Ok(t) => t,
        Err(e) => return Err(termios_error(vm, &e)),
    };
    let mut cc = Vec::with_capacity(NCCS);
    for i in 0..NCCS {
        let c = t.cc.get(i).copied().unwrap_or(0);
        cc.push(vm.new_bytes(vec![c]));
    }
    if t.lflag & ICANON == 0 {
        cc[VMIN] = Value::Int(i64::from(t.cc.get(VMIN).copied().unwrap_or(0)));
        cc[VTIME] = Value::Int(i64::from(t.cc.get(VTIME).copied().unwrap_or(0)));
    }
    let cc = vm.new_list(cc);
    let n = |x: u32| Value::Int(i64::from(x));
    Ok(vm.new_list(vec![
        n(t.iflag),
        n(t.oflag),
        n(t.cflag),
        n(t.lflag),
        n(t.ispeed),
        n(t.ospeed),
        cc,
    ]))
}

fn termios_tcsetattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "tcsetattr", 3, 3)?;
    let fd = fd_of(vm, &a[0])?;
    let when = vm.index_to_i64(&a[1])? as i32;
    let items = match a[2].payload() {
        Some(Payload::List(l)) if l.borrow().len() == 7 => l.borrow().to_vec(),
        _ => return Err(vm.type_error("tcsetattr, arg 3: must be 7 element list")),
    };
    let mut flags = [0u32; 6];
    for (slot, v) in flags.iter_mut().zip(&items) {
        *slot = vm.index_to_i64(v)? as u32;
    }
    // CPython reads the current attributes first, so a non-terminal fails before the
    // control characters are looked at.
    if let Err(e) = vm.host.term_attrs(fd) {
        return Err(termios_error(vm, &e));
    }
    let cc_items = match items[6].payload() {
        Some(Payload::List(l)) if l.borrow().len() == NCCS => l.borrow().to_vec(),
        _ => {
            return Err(vm.type_error(format!(
                "tcsetattr: attributes[6] must be {NCCS} element list"
            )));
        }
    };
    let mut cc = Vec::with_capacity(NCCS);
    for v in &cc_items {
        let c = match v.payload() {
            Some(Payload::Bytes(b)) if b.len() == 1 => b[0],
            _ if matches!(v, Value::Int(_)) => vm.index_to_i64(v)? as u8,
            _ => {
                return Err(vm.type_error(
                    "tcsetattr: elements of attributes must be characters or integers",
                ));
            }
        };
        cc.push(c);
    }
    let t = TermAttrs {
        iflag: flags[0],
        oflag: flags[1],
        cflag: flags[2],
        lflag: flags[3],
        ispeed: flags[4],
        ospeed: flags[5],
        cc,
    };
    match vm.host.set_term_attrs(fd, when, &t) {
        Ok(()) => Ok(Value::None),
        Err(e) => Err(termios_error(vm, &e)),
    }
}

fn term_op(vm: &mut Vm, args: &Args<'_>, name: &str, op: fn(i32) -> TermOp) -> PyResult<Value> {
    let n = if name == "tcdrain" { 1 } else { 2 };
    let a = pos_args(vm, args, name, n, n)?;
    let fd = fd_of(vm, &a[0])?;
    let arg = match a.get(1) {
        Some(v) => vm.index_to_i64(v)? as i32,
        None => 0,
    };
    match vm.host.term_control(fd, op(arg)) {
        Ok(()) => Ok(Value::None),
        Err(e) => Err(termios_error(vm, &e)),
    }
}

fn termios_tcsendbreak(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    term_op(vm, &args, "tcsendbreak", TermOp::SendBreak)
}

fn termios_tcdrain(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    term_op(vm, &args, "tcdrain", |_| TermOp::Drain)
}

fn termios_tcflush(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    term_op(vm, &args, "tcflush", TermOp::Flush)
}

fn termios_tcflow(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    term_op(vm, &args, "tcflow", TermOp::Flow)
}

fn termios_tcgetwinsize(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "tcgetwinsize", 1, 1)?;
    let fd = fd_of(vm, &a[0])?;
    match vm.host.terminal_size(fd) {
        Ok((cols, rows)) => Ok(vm.new_tuple(vec![
            Value::Int(i64::from(rows)),
            Value::Int(i64::from(cols)),
        ])),
        Err(e) => Err(termios_error(vm, &e)),
    }
}

fn termios_tcsetwinsize(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "tcsetwinsize", 2, 2)?;
    let fd = fd_of(vm, &a[0])?;
    let items = match vm.iterate(&a[1]) {
        Ok(items) if items.len() == 2 => items,
        _ => {
            return Err(vm.type_error("tcsetwinsize, arg 2: must be a two-item sequence"));
        }
    };
    let rows = vm.index_to_i64(&items[0])?;
    let cols = vm.index_to_i64(&items[1])?;
    let (Ok(rows), Ok(cols)) = (u16::try_from(rows), u16::try_from(cols)) else {
        return Err(vm.overflow_error("winsize value(s) out of range."));
    };
    match vm.host.set_terminal_size(fd, rows, cols) {
        Ok(()) => Ok(Value::None),
        Err(e) => Err(termios_error(vm, &e)),
    }
}
