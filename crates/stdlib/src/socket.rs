//! `_socket` (CPython: `Modules/socketmodule.c`): the socket type `socket.py` builds on, name
//! lookups, address conversions and the platform's constants. Every OS operation goes through
//! the host's network ([`krait_vm::host::NetHost`]); a host without one (the sandbox) refuses
//! each with `PermissionError: [Errno 1] Operation not permitted`.
//!
//! Timeouts work as in CPython: a socket with a timeout is non-blocking underneath, and each
//! call waits for readiness with `poll` until the deadline, then raises
//! `TimeoutError('timed out')`.

pub(crate) mod addr;
pub(crate) mod consts;

use std::cell::Cell;
use std::io;

use krait_vm::host::{LookupError, NetHost, SockAddr};
use krait_vm::native::{as_pystr, bind_args, method_args, native_ref, new_cls, pos_args};
use krait_vm::object::{ObjRef, Payload};
use krait_vm::objects::bytes::buffer_arg;
use krait_vm::objects::function::{Args, MethodDef, MethodKind};
use krait_vm::value::Value;
use krait_vm::{PyErr, PyResult, Vm};

const AF_UNIX: i32 = 1;
const AF_INET: i32 = 2;
const AF_INET6: i32 = 10;
const SOCK_STREAM: i32 = 1;
const SOCK_NONBLOCK: i32 = 0o4000;
const SOCK_CLOEXEC: i32 = 0o2000000;
const SOL_SOCKET: i32 = 1;
const SO_ERROR: i32 = 4;
const SO_TYPE: i32 = 3;
const SO_PROTOCOL: i32 = 38;
const AI_PASSIVE: i32 = 1;
const AI_CANONNAME: i32 = 2;
const AI_NUMERICHOST: i32 = 4;
const NI_NUMERICHOST: i32 = 1;
const NI_NAMEREQD: i32 = 8;
const NI_DGRAM: i32 = 16;
const SOCK_DGRAM: i32 = 2;
const POLLIN: i16 = 1;
const POLLOUT: i16 = 4;
const EPERM: i32 = 1;
const EINTR: i32 = 4;
const EBADF: i32 = 9;
const EAGAIN: i32 = 11;
const EINPROGRESS: i32 = 115;
const ECONNRESET: i32 = 104;

/// The state of a `_socket.socket`: CPython's `PySocketSockObject`.
pub(crate) struct Sock {
    fd: Cell<i64>,
    family: Cell<i32>,
    kind: Cell<i32>,
    proto: Cell<i32>,
    /// Seconds; negative for none (blocking).
    timeout: Cell<f64>,
}

pub(crate) fn register(vm: &mut Vm) {
    vm.builtin_modules.push(("_socket", init));
}

fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let t = krait_vm::modules::new_type(vm, "_socket", "socket", true);
    let i = MethodKind::Instance;
    let def = |name: &'static str, func, kind| MethodDef {
        name,
        func,
        kind,
        doc: "",
    };
    vm.add_methods(
        &t,
        &[
            def("__new__", sock_new, MethodKind::Static),
            def("__init__", sock_init, i),
            def("__repr__", sock_repr, i),
            def("__del__", sock_del, i),
            def("_accept", sock_accept, i),
            def("bind", sock_bind, i),
            def("close", sock_close, i),
            def("connect", sock_connect, i),
            def("connect_ex", sock_connect_ex, i),
            def("detach", sock_detach, i),
            def("fileno", sock_fileno, i),
            def("getblocking", sock_getblocking, i),
            def("getpeername", sock_getpeername, i),
            def("getsockname", sock_getsockname, i),
            def("getsockopt", sock_getsockopt, i),
            def("gettimeout", sock_gettimeout, i),
            def("listen", sock_listen, i),
            def("recv", sock_recv, i),
            def("recv_into", sock_recv_into, i),
            def("recvfrom", sock_recvfrom, i),
            def("recvfrom_into", sock_recvfrom_into, i),
            def("send", sock_send, i),
            def("sendall", sock_sendall, i),
            def("sendto", sock_sendto, i),
            def("sendmsg", sock_sendmsg, i),
            def("recvmsg", sock_recvmsg, i),
            def("setblocking", sock_setblocking, i),
            def("setsockopt", sock_setsockopt, i),
            def("settimeout", sock_settimeout, i),
            def("shutdown", sock_shutdown, i),
        ],
    );
    // A socket that is freed while open closes its descriptor (CPython's `sock_finalize`).
    krait_vm::objects::typeobj::type_data(&t).has_del.set(true);
    vm.add_getset(&t, "family", get_family, None);
    vm.add_getset(&t, "type", get_type, None);
    vm.add_getset(&t, "proto", get_proto, None);
    vm.add_getset(&t, "timeout", get_timeout, None);
    vm.mods.ext_types.insert("_socket.socket", t.clone());
    krait_vm::modules::set_attr(vm, m, "socket", Value::Obj(t.clone()));
    krait_vm::modules::set_attr(vm, m, "SocketType", Value::Obj(t));

    let os_error = Value::Obj(vm.types.os_error.clone());
    krait_vm::modules::set_attr(vm, m, "error", os_error);
    let timeout = Value::Obj(vm.types.timeout_error.clone());
    krait_vm::modules::set_attr(vm, m, "timeout", timeout);
    let meta = vm.types.type_.clone();
    for name in ["herror", "gaierror"] {
        let ns = vm.new_dict();
        let modname = vm.new_str("socket");
        vm.set_dict_str(&ns, "__module__", modname);
        let base = vm.types.os_error.clone();
        let t = vm.type_new(&meta, name, vec![base], &Value::Obj(ns), &[])?;
        vm.mods.ext_types.insert(
            if name == "herror" {
                "socket.herror"
            } else {
                "socket.gaierror"
            },
            t.clone(),
        );
        krait_vm::modules::set_attr(vm, m, name, Value::Obj(t));
    }
    vm.add_functions(
        m,
        &[
            ("close", mod_close),
            ("dup", mod_dup),
            ("getaddrinfo", getaddrinfo),
            ("getdefaulttimeout", getdefaulttimeout),
            ("gethostbyaddr", gethostbyaddr),
            ("gethostbyname", gethostbyname),
            ("gethostbyname_ex", gethostbyname_ex),
            ("gethostname", gethostname),
            ("getnameinfo", getnameinfo),
            ("getprotobyname", getprotobyname),
            ("getservbyname", getservbyname),
            ("getservbyport", getservbyport),
            ("htonl", htonl),
            ("htons", htons),
            ("inet_aton", inet_aton),
            ("inet_ntoa", inet_ntoa),
            ("inet_ntop", inet_ntop),
            ("inet_pton", inet_pton),
            ("ntohl", htonl),
            ("ntohs", ntohs),
            ("setdefaulttimeout", setdefaulttimeout),
            ("socketpair", socketpair),
            ("CMSG_LEN", cmsg_len),
            ("CMSG_SPACE", cmsg_space),
        ],
    );
    krait_vm::modules::set_attr(vm, m, "has_ipv6", Value::bool(true));
    for &(name, v) in consts::SOCKET {
        krait_vm::modules::set_attr(vm, m, name, Value::Int(v));
    }
    Ok(())
}

// ----- errors and the host -----

fn eperm() -> io::Error {
    io::Error::from_raw_os_error(EPERM)
}

/// Run `f` on the host's network; `EPERM` when the host grants none.
fn with_net<T>(vm: &mut Vm, f: impl FnOnce(&mut dyn NetHost) -> io::Result<T>) -> io::Result<T> {
    match vm.host.net() {
        Some(n) => f(n),
        None => Err(eperm()),
    }
}

/// [`with_net`], with the error as CPython's `OSError` subclass.
fn net<T>(vm: &mut Vm, f: impl FnOnce(&mut dyn NetHost) -> io::Result<T>) -> PyResult<T> {
    with_net(vm, f).map_err(|e| vm.os_error_io(&e, None))
}

/// `OSError(msg)` (no errno).
fn os_error_msg(vm: &mut Vm, msg: &str) -> PyErr {
    let t = Value::Obj(vm.types.os_error.clone());
    let m = vm.new_str(msg);
    match vm.call_pos(&t, &[m]) {
        Ok(Value::Obj(o)) => PyErr(o),
        Ok(_) => vm.type_error("OSError"),
        Err(e) => e,
    }
}

fn ext_error(vm: &mut Vm, key: &'static str, args: Vec<Value>) -> PyErr {
    let t = match vm.mods.ext_types.get(key).cloned() {
        Some(t) => Value::Obj(t),
        None => Value::Obj(vm.types.os_error.clone()),
    };
    match vm.call_pos(&t, &args) {
        Ok(Value::Obj(o)) => PyErr(o),
        Ok(_) => vm.type_error("OSError"),
        Err(e) => e,
    }
}

/// A lookup failure: `socket.gaierror(code, text)` or the OS error.
fn lookup_error(vm: &mut Vm, e: LookupError) -> PyErr {
    match e {
        LookupError::Gai(code, msg) => {
            let msg = vm.new_string(msg);
            ext_error(
                vm,
                "socket.gaierror",
                vec![Value::Int(i64::from(code)), msg],
            )
        }
        LookupError::Os(e) => vm.os_error_io(&e, None),
    }
}

fn timed_out(vm: &mut Vm) -> PyErr {
    let t = Value::Obj(vm.types.timeout_error.clone());
    let m = vm.new_str("timed out");
    match vm.call_pos(&t, &[m]) {
        Ok(Value::Obj(o)) => PyErr(o),
        Ok(_) => vm.type_error("TimeoutError"),
        Err(e) => e,
    }
}

// ----- the socket object -----

fn sock<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Sock> {
    match native_ref::<Sock>(v) {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!(
            "descriptor requires a '_socket.socket' object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

fn this<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<(&'a Sock, &'a Value)> {
    let Some(v) = args.values.first() else {
        return Err(vm.type_error(format!("descriptor '{name}' needs an argument")));
    };
    Ok((sock(vm, v)?, v))
}

fn default_timeout(vm: &Vm) -> f64 {
    vm.mods
        .ext_ints
        .get("socket.defaulttimeout")
        .map_or(-1.0, |&b| f64::from_bits(b as u64))
}

fn sock_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = new_cls(vm, &args, "socket")?;
    let s = Sock {
        fd: Cell::new(-1),
        family: Cell::new(AF_INET),
        kind: Cell::new(SOCK_STREAM),
        proto: Cell::new(0),
        timeout: Cell::new(-1.0),
    };
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Native(Box::new(s))),
    ))
}

fn int_arg(vm: &mut Vm, v: &Value, dflt: i64) -> PyResult<i64> {
    if v.is_null() || v.is_none() {
        return Ok(dflt);
    }
    if let Value::Float(_) = v {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    vm.index_to_i64(v)
}

fn c_int(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    if let Value::Float(_) = v {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = vm.index_to_i64(v)?;
    i32::try_from(n).map_err(|_| {
        vm.overflow_error(if n < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        })
    })
}

/// `socket.__init__(family=-1, type=-1, proto=-1, fileno=None)`.
fn sock_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, _) = this(vm, &args, "__init__")?;
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let a = bind_args(
        vm,
        &rest,
        "socket",
        &["family", "type", "proto", "fileno"],
        0,
    )?;
    let mut family = if a[0].is_null() {
        -1
    } else {
        c_int(vm, &a[0])?
    };
    let mut kind = if a[1].is_null() {
        -1
    } else {
        c_int(vm, &a[1])?
    };
    let mut proto = if a[2].is_null() {
        -1
    } else {
        c_int(vm, &a[2])?
    };
    let fd = if a[3].is_null() || a[3].is_none() {
        if family == -1 {
            family = AF_INET;
        }
        if kind == -1 {
            kind = SOCK_STREAM;
        }
        if proto == -1 {
            proto = 0;
        }
        net(vm, |n| n.socket(family, kind, proto))?
    } else {
        let fd = int_arg(vm, &a[3], -1)?;
        if fd < 0 {
            return Err(vm.value_error("negative file descriptor"));
        }
        let fd = i32::try_from(fd).map_err(|_| vm.overflow_error("fd is greater than maximum"))?;
        if family == -1 {
            family = match net(vm, |n| n.getsockname(fd))? {
                SockAddr::V4 { .. } => AF_INET,
                SockAddr::V6 { .. } => AF_INET6,
                SockAddr::Unix(_) => AF_UNIX,
                SockAddr::Other(f) => f,
            };
        }
        if kind == -1 {
            kind = getsockopt_int(vm, fd, SOL_SOCKET, SO_TYPE)?;
        }
        if proto == -1 {
            proto = getsockopt_int(vm, fd, SOL_SOCKET, SO_PROTOCOL)?;
        }
        fd
    };
    s.fd.set(i64::from(fd));
    s.family.set(family);
    s.kind.set(kind & !(SOCK_NONBLOCK | SOCK_CLOEXEC));
    s.proto.set(proto);
    if kind & SOCK_NONBLOCK != 0 {
        s.timeout.set(0.0);
    } else {
        let t = default_timeout(vm);
        s.timeout.set(t);
        if t >= 0.0 {
            vm.host
                .set_blocking(fd, false)
                .map_err(|e| vm.os_error_io(&e, None))?;
        }
    }
    Ok(Value::None)
}

fn getsockopt_int(vm: &mut Vm, fd: i32, level: i32, name: i32) -> PyResult<i32> {
    let b = net(vm, |n| n.getsockopt(fd, level, name, 4))?;
    let mut w = [0u8; 4];
    for (d, s) in w.iter_mut().zip(&b) {
        *d = *s;
    }
    Ok(i32::from_ne_bytes(w))
}

fn sock_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, _) = this(vm, &args, "__repr__")?;
    Ok(vm.new_string(format!(
        "<socket object, fd={}, family={}, type={}, proto={}>",
        s.fd.get(),
        s.family.get(),
        s.kind.get(),
        s.proto.get()
    )))
}

fn get_family(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::Int(i64::from(sock(vm, v)?.family.get())))
}

fn get_type(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::Int(i64::from(sock(vm, v)?.kind.get())))
}

fn get_proto(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::Int(i64::from(sock(vm, v)?.proto.get())))
}

fn timeout_value(t: f64) -> Value {
    if t < 0.0 {
        Value::None
    } else {
        Value::float(t)
    }
}

fn get_timeout(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(timeout_value(sock(vm, v)?.timeout.get()))
}

/// Between slices of a wait: the interpreter's full interrupt check now (SIGINT's
/// `KeyboardInterrupt` as CPython's `PyErr_CheckSignals`, the host's cancel, `--timeout`),
/// not when the tick counter next runs out.
pub(crate) fn check_signals(vm: &mut Vm) -> PyResult<()> {
    let t = vm.limits.ticks.load(std::sync::atomic::Ordering::Relaxed);
    vm.limits_slow_check(t)
}

/// The descriptor of an open socket (a closed one is `EBADF`, as the OS would say).
fn fd_of(vm: &mut Vm, s: &Sock) -> PyResult<i32> {
    match i32::try_from(s.fd.get()) {
        Ok(fd) if fd >= 0 => Ok(fd),
        _ => Err(vm.os_error_errno(EBADF, None, None)),
    }
}

/// CPython's `sock_call_ex`: run `f` until it succeeds; with a timeout, wait for readiness
/// first and retry after `EAGAIN` until the deadline.
fn sock_call<T>(
    vm: &mut Vm,
    s: &Sock,
    writing: bool,
    mut f: impl FnMut(&mut dyn NetHost, i32) -> io::Result<T>,
) -> PyResult<T> {
    let fd = fd_of(vm, s)?;
    let timeout = s.timeout.get();
    let deadline = (timeout > 0.0).then(|| vm.host.monotonic() + timeout);
    loop {
        if let Some(d) = deadline {
            wait_ready(vm, fd, writing, d)?;
        } else if timeout < 0.0 {
            // A blocking socket waits in `poll` first, in slices, so Ctrl-C raises
            // KeyboardInterrupt here rather than after the peer finally sends.
            let ev = if writing { POLLOUT } else { POLLIN };
            poll_sliced(vm, &[(fd, ev)], None)?;
        }
        match with_net(vm, |n| f(n, fd)) {
            Ok(v) => return Ok(v),
            Err(e) if e.raw_os_error() == Some(EINTR) => {
                check_signals(vm)?;
            }
            Err(e) if deadline.is_some() && e.raw_os_error() == Some(EAGAIN) => {}
            Err(e) => return Err(vm.os_error_io(&e, None)),
        }
    }
}

/// Wait until `fd` is readable (or writable) or the deadline passes (`TimeoutError`).
fn wait_ready(vm: &mut Vm, fd: i32, writing: bool, deadline: f64) -> PyResult<()> {
    if deadline < vm.host.monotonic() {
        return Err(timed_out(vm));
    }
    let ev = if writing { POLLOUT } else { POLLIN };
    let r = poll_sliced(vm, &[(fd, ev)], Some(deadline))?;
    if r.iter().any(|&x| x != 0) {
        Ok(())
    } else {
        Err(timed_out(vm))
    }
}

/// The longest single wait in milliseconds. SIGINT may be delivered to another thread of the
/// process, which does not interrupt this one's `poll`: waking this often lets Ctrl-C raise
/// `KeyboardInterrupt` promptly during a long wait.
const SLICE_MS: i32 = 100;

/// `poll` until one of `fds` is ready or the deadline passes (`None`: no deadline), in
/// slices with a signal check between them; each descriptor's `revents` (all zero when the
/// deadline passed).
pub(crate) fn poll_sliced(
    vm: &mut Vm,
    fds: &[(i32, i16)],
    deadline: Option<f64>,
) -> PyResult<Vec<i16>> {
    loop {
        let left_ms = match deadline {
            Some(d) => ((d - vm.host.monotonic()) * 1000.0)
                .ceil()
                .clamp(0.0, f64::from(i32::MAX)) as i32,
            None => i32::MAX,
        };
        let slice = left_ms.min(SLICE_MS);
        let detached = match vm.host.net() {
            Some(n) => n.detached_poll(),
            None => None,
        };
        let r = match detached {
            // Other Python threads run while this one waits.
            Some(poll) if vm.threads_active() => vm.allow_threads(move || poll(fds, slice)),
            _ => with_net(vm, |n| n.poll(fds, slice)),
        };
        match r {
            Ok(r) if r.iter().any(|&x| x != 0) || left_ms <= slice => return Ok(r),
            Ok(_) => check_signals(vm)?,
            Err(e) if e.raw_os_error() == Some(EINTR) => check_signals(vm)?,
            Err(e) => return Err(vm.os_error_io(&e, None)),
        }
    }
}

fn sock_fileno(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    method_args(vm, &args, "fileno", 0, 0)?;
    let (s, _) = this(vm, &args, "fileno")?;
    Ok(Value::Int(s.fd.get()))
}

fn sock_detach(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    method_args(vm, &args, "detach", 0, 0)?;
    let (s, _) = this(vm, &args, "detach")?;
    Ok(Value::Int(s.fd.replace(-1)))
}

fn sock_close(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    method_args(vm, &args, "close", 0, 0)?;
    let (s, _) = this(vm, &args, "close")?;
    let fd = s.fd.replace(-1);
    if fd >= 0
        && let Ok(fd) = i32::try_from(fd)
        && let Err(e) = vm.host.close(fd)
    {
        // CPython ignores ECONNRESET from close (the peer reset the connection).
        if e.raw_os_error() != Some(ECONNRESET) {
            return Err(vm.os_error_io(&e, None));
        }
    }
    Ok(Value::None)
}

/// `__del__`: close the descriptor of a socket freed while open (CPython also issues a
/// `ResourceWarning`, which its default filters hide).
fn sock_del(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, _) = this(vm, &args, "__del__")?;
    if let Ok(fd) = i32::try_from(s.fd.replace(-1))
        && fd >= 0
    {
        let _ = vm.host.close(fd);
    }
    Ok(Value::None)
}

fn sock_gettimeout(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    method_args(vm, &args, "gettimeout", 0, 0)?;
    let (s, _) = this(vm, &args, "gettimeout")?;
    Ok(timeout_value(s.timeout.get()))
}

fn sock_getblocking(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    method_args(vm, &args, "getblocking", 0, 0)?;
    let (s, _) = this(vm, &args, "getblocking")?;
    Ok(Value::bool(s.timeout.get() != 0.0))
}

/// A timeout argument: `None` (-1), or non-negative seconds.
fn timeout_arg(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    if v.is_none() {
        return Ok(-1.0);
    }
    let t = match v {
        Value::Float(f) => {
            let f = f.get();
            if f.is_nan() {
                return Err(vm.value_error("Invalid value NaN (not a number)"));
            }
            f
        }
        Value::Int(i) => *i as f64,
        _ => {
            if let Some(f) = krait_vm::objects::number::float_ref(v) {
                f
            } else {
                vm.index_to_i64(v)? as f64
            }
        }
    };
    if t < 0.0 {
        return Err(vm.value_error("Timeout value out of range"));
    }
    Ok(t)
}

fn set_timeout(vm: &mut Vm, s: &Sock, t: f64) -> PyResult<()> {
    s.timeout.set(t);
    if let Ok(fd) = fd_of(vm, s) {
        vm.host
            .set_blocking(fd, t < 0.0)
            .map_err(|e| vm.os_error_io(&e, None))?;
    }
    Ok(())
}

fn sock_settimeout(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, rest) = method_args(vm, &args, "settimeout", 1, 1)?;
    let (s, _) = this(vm, &args, "settimeout")?;
    let t = timeout_arg(vm, &rest[0])?;
    set_timeout(vm, s, t)?;
    Ok(Value::None)
}

fn sock_setblocking(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, rest) = method_args(vm, &args, "setblocking", 1, 1)?;
    let (s, _) = this(vm, &args, "setblocking")?;
    let block = c_int(vm, &rest[0])? != 0;
    set_timeout(vm, s, if block { -1.0 } else { 0.0 })?;
    Ok(Value::None)
}

// ----- addresses -----

/// CPython's `makesockaddr`: an address as Python sees it.
fn addr_value(vm: &mut Vm, a: &SockAddr) -> Value {
    match a {
        SockAddr::V4 { ip, port } => {
            let host = vm.new_string(addr::format_v4(*ip));
            vm.new_pair(host, Value::Int(i64::from(*port)))
        }
        SockAddr::V6 {
            ip,
            port,
            flowinfo,
            scope_id,
        } => {
            let host = vm.new_string(addr::format_v6(ip));
            vm.new_tuple(vec![
                host,
                Value::Int(i64::from(*port)),
                Value::Int(i64::from(*flowinfo)),
                Value::Int(i64::from(*scope_id)),
            ])
        }
        SockAddr::Unix(p) => {
            if p.first() == Some(&0) {
                vm.new_bytes(p.clone())
            } else {
                vm.new_string(String::from_utf8_lossy(p).into_owned())
            }
        }
        SockAddr::Other(f) => {
            let b = vm.new_bytes(Vec::new());
            vm.new_pair(Value::Int(i64::from(*f)), b)
        }
    }
}

/// The host part of an address tuple: str (IDNA-free ASCII here), bytes or bytearray.
fn host_text(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if let Some(s) = as_pystr(v) {
        let _ = s;
        return Ok(vm.str_text(v));
    }
    match v.payload() {
        Some(Payload::Bytes(b)) => Ok(String::from_utf8_lossy(b).into_owned()),
        Some(Payload::ByteArray(b)) => Ok(String::from_utf8_lossy(&b.borrow()).into_owned()),
        _ => Err(vm.type_error(format!(
            "str, bytes or bytearray expected, not {}",
            vm.type_name(v)
        ))),
    }
}

/// CPython's `setipaddr`: a host name or numeric address to an address of `family`.
fn resolve_host(vm: &mut Vm, name: &str, family: i32) -> PyResult<SockAddr> {
    if name.is_empty() {
        return match family {
            AF_INET6 => Ok(SockAddr::V6 {
                ip: [0; 16],
                port: 0,
                flowinfo: 0,
                scope_id: 0,
            }),
            _ => Ok(SockAddr::V4 {
                ip: [0; 4],
                port: 0,
            }),
        };
    }
    if name == "<broadcast>" || name == "255.255.255.255" {
        if family != AF_INET && family != 0 {
            return Err(os_error_msg(vm, "address family mismatched"));
        }
        return Ok(SockAddr::V4 {
            ip: [255; 4],
            port: 0,
        });
    }
    if (family == AF_INET || family == 0)
        && let Some(ip) = addr::parse_v4(name)
    {
        return Ok(SockAddr::V4 { ip, port: 0 });
    }
    if (family == AF_INET6 || family == 0)
        && let Some(ip) = addr::parse_v6(name)
    {
        return Ok(SockAddr::V6 {
            ip,
            port: 0,
            flowinfo: 0,
            scope_id: 0,
        });
    }
    let r = match vm.host.net() {
        Some(n) => n.getaddrinfo(Some(name), None, family, SOCK_DGRAM, 0, 0),
        None => Err(LookupError::Os(eperm())),
    };
    match r {
        Ok(v) => match v.into_iter().next() {
            Some(a) => Ok(a.addr),
            None => Err(lookup_error(
                vm,
                LookupError::Gai(-2, "Name or service not known".into()),
            )),
        },
        Err(e) => Err(lookup_error(vm, e)),
    }
}

fn port_arg(vm: &mut Vm, v: &Value, caller: &str) -> PyResult<u16> {
    if let Value::Float(_) = v {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let p = vm.index_value(v)?;
    let p = krait_vm::objects::number::int_ref(&p)
        .and_then(|i| i.to_i64())
        .unwrap_or(-1);
    u16::try_from(p).map_err(|_| vm.overflow_error(format!("{caller}(): port must be 0-65535.")))
}

/// CPython's `getsockaddrarg`: a Python address for a socket of `family`.
fn addr_arg(vm: &mut Vm, family: i32, v: &Value, caller: &str) -> PyResult<SockAddr> {
    match family {
        AF_UNIX => {
            let path = match v.payload() {
                Some(Payload::Str(_)) => vm.str_text(v).into_bytes(),
                _ => match buffer_arg(vm, v) {
                    Ok(b) => b,
                    Err(_) => {
                        let p = vm.path_arg(v, caller, "address")?;
                        p.path.into_bytes()
                    }
                },
            };
            if path.len() >= 108 {
                return Err(os_error_msg(vm, "AF_UNIX path too long"));
            }
            Ok(SockAddr::Unix(path))
        }
        AF_INET | AF_INET6 => {
            let Some(Payload::Tuple(items)) = v.payload() else {
                let which = if family == AF_INET {
                    "AF_INET"
                } else {
                    "AF_INET6"
                };
                return Err(vm.type_error(format!(
                    "{caller}(): {which} address must be tuple, not {}",
                    vm.type_name(v)
                )));
            };
            let items: Vec<Value> = items.to_vec();
            if family == AF_INET {
                if items.len() != 2 {
                    return Err(vm.type_error("AF_INET address must be a pair (host, port)"));
                }
                let host = host_text(vm, &items[0])?;
                let port = port_arg(vm, &items[1], caller)?;
                match resolve_host(vm, &host, AF_INET)? {
                    SockAddr::V4 { ip, .. } => Ok(SockAddr::V4 { ip, port }),
                    _ => Err(os_error_msg(vm, "address family mismatched")),
                }
            } else {
                if !(2..=4).contains(&items.len()) {
                    return Err(vm.type_error(
                        "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])",
                    ));
                }
                let host = host_text(vm, &items[0])?;
                let port = port_arg(vm, &items[1], caller)?;
                let flowinfo = match items.get(2) {
                    Some(f) => {
                        let f = vm.index_to_i64(f)?;
                        if !(0..=0xfffff).contains(&f) {
                            return Err(vm.overflow_error(format!(
                                "{caller}(): flowinfo must be 0-1048575."
                            )));
                        }
                        f as u32
                    }
                    None => 0,
                };
                let scope_id = match items.get(3) {
                    Some(s) => {
                        let s = vm.index_to_i64(s)?;
                        u32::try_from(s).map_err(|_| {
                            vm.overflow_error("Python int too large to convert to C unsigned long")
                        })?
                    }
                    None => 0,
                };
                match resolve_host(vm, &host, AF_INET6)? {
                    SockAddr::V6 { ip, .. } => Ok(SockAddr::V6 {
                        ip,
                        port,
                        flowinfo,
                        scope_id,
                    }),
                    _ => Err(os_error_msg(vm, "address family mismatched")),
                }
            }
        }
        _ => Err(os_error_msg(vm, &format!("{caller}(): bad family"))),
    }
}

// ----- methods -----

fn sock_bind(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, rest) = method_args(vm, &args, "bind", 1, 1)?;
    let (s, _) = this(vm, &args, "bind")?;
    let a = addr_arg(vm, s.family.get(), &rest[0], "bind")?;
    let fd = fd_of(vm, s)?;
    net(vm, |n| n.bind(fd, &a))?;
    Ok(Value::None)
}

fn sock_listen(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, rest) = method_args(vm, &args, "listen", 0, 1)?;
    let (s, _) = this(vm, &args, "listen")?;
    let backlog = match rest.first() {
        Some(b) => c_int(vm, b)?.max(0),
        None => 128,
    };
    let fd = fd_of(vm, s)?;
    net(vm, |n| n.listen(fd, backlog))?;
    Ok(Value::None)
}

fn sock_accept(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    method_args(vm, &args, "_accept", 0, 0)?;
    let (s, _) = this(vm, &args, "_accept")?;
    let (fd, a) = sock_call(vm, s, false, |n, fd| n.accept(fd))?;
    let a = addr_value(vm, &a);
    Ok(vm.new_pair(Value::Int(i64::from(fd)), a))
}

/// CPython's `internal_connect`: `Ok(0)` when connected, `Ok(errno)` for `connect_ex`'s
/// errors (`raise_errors` false), or the raised error.
fn connect(vm: &mut Vm, s: &Sock, a: &SockAddr, raise_errors: bool) -> PyResult<i32> {
    let fd = fd_of(vm, s)?;
    let timeout = s.timeout.get();
    let first = with_net(vm, |n| n.connect(fd, a));
    let err = match first {
        Ok(()) => return Ok(0),
        Err(e) => e,
    };
    let code = krait_vm::oserror::errno_of(&err);
    let fail = |vm: &mut Vm, code: i32| -> PyResult<i32> {
        if raise_errors {
            Err(vm.os_error_errno(code, None, None))
        } else {
            Ok(code)
        }
    };
    if code == EPERM && vm.host.net().is_none() {
        // A host without a network refuses; connect_ex must not turn that into a number.
        return Err(vm.os_error_io(&err, None));
    }
    if code != EINPROGRESS || timeout == 0.0 {
        return fail(vm, code);
    }
    if timeout > 0.0 {
        let deadline = vm.host.monotonic() + timeout;
        match wait_ready(vm, fd, true, deadline) {
            Ok(()) => {}
            Err(e) => {
                if raise_errors {
                    return Err(e);
                }
                // connect_ex reports a timeout as EWOULDBLOCK.
                return Ok(EAGAIN);
            }
        }
    } else {
        // A blocking socket interrupted by a signal: wait for the connection to finish.
        net(vm, |n| n.poll(&[(fd, POLLOUT)], -1))?;
    }
    let so_err = getsockopt_int(vm, fd, SOL_SOCKET, SO_ERROR)?;
    if so_err == 0 { Ok(0) } else { fail(vm, so_err) }
}

fn sock_connect(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, rest) = method_args(vm, &args, "connect", 1, 1)?;
    let (s, _) = this(vm, &args, "connect")?;
    let a = addr_arg(vm, s.family.get(), &rest[0], "connect")?;
    connect(vm, s, &a, true)?;
    Ok(Value::None)
}

fn sock_connect_ex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, rest) = method_args(vm, &args, "connect_ex", 1, 1)?;
    let (s, _) = this(vm, &args, "connect_ex")?;
    let a = addr_arg(vm, s.family.get(), &rest[0], "connect_ex")?;
    Ok(Value::Int(i64::from(connect(vm, s, &a, false)?)))
}

fn flags_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i32> {
    match v {
        Some(v) => c_int(vm, v),
        None => Ok(0),
    }
}

fn size_arg(vm: &mut Vm, v: &Value, what: &str) -> PyResult<usize> {
    let n = int_arg(vm, v, 0)?;
    if n < 0 {
        return Err(vm.value_error(format!("negative buffersize in {what}")));
    }
    usize::try_from(n)
        .map_err(|_| vm.overflow_error("Python int too large to convert to C ssize_t"))
}

fn sock_recv(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, rest) = method_args(vm, &args, "recv", 1, 2)?;
    let (s, _) = this(vm, &args, "recv")?;
    let n = size_arg(vm, &rest[0], "recv")?;
    let flags = flags_arg(vm, rest.get(1))?;
    // A huge request is capped: the kernel never returns more than its buffers hold.
    let n = n.min(1 << 26);
    let data = sock_call(vm, s, false, |h, fd| h.recv(fd, n, flags))?;
    Ok(vm.new_bytes(data))
}

/// Copy `data` into the start of a writable buffer (`buf[:len(data)] = data`).
fn fill_buffer(vm: &mut Vm, buf: &Value, data: Vec<u8>) -> PyResult<()> {
    let n = data.len() as i64;
    let key = vm.new_slice(Value::Int(0), Value::Int(n), Value::None);
    let b = vm.new_bytes(data);
    vm.setitem(buf, key, b)
}

/// The length of a writable buffer argument (bytes and str are refused as CPython does).
fn writable_len(vm: &mut Vm, buf: &Value) -> PyResult<usize> {
    match buf.payload() {
        Some(Payload::ByteArray(b)) => Ok(b.borrow().len()),
        Some(Payload::MemoryView(m)) if !m.readonly => {
            krait_vm::objects::bytes::memoryview::check_released(vm, m)?;
            Ok(krait_vm::objects::bytes::memoryview::view_bytes(m).len())
        }
        _ => {
            // array.array and other exporters: their length in bytes, if they take slices.
            if matches!(
                buf.payload(),
                Some(Payload::Bytes(_) | Payload::MemoryView(_))
            ) {
                return Err(vm.type_error(format!(
                    "recv_into() argument 'buffer' must be read-write bytes-like object, not {}",
                    vm.type_name(buf)
                )));
            }
            let nb = vm.getattr_str(buf, "nbytes").ok();
            match nb {
                Some(v) => Ok(usize::try_from(vm.index_to_i64(&v)?).unwrap_or(0)),
                None => Err(vm.type_error(format!(
                    "recv_into() argument 'buffer' must be read-write bytes-like object, not {}",
                    vm.type_name(buf)
                ))),
            }
        }
    }
}

fn into_args(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<(Value, usize, usize, i32)> {
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &rest, name, &["buffer", "nbytes", "flags"], 1)?;
    let buf = a[0].clone();
    let cap = writable_len(vm, &buf)?;
    let mut n = if a[1].is_null() {
        0
    } else {
        c_int(vm, &a[1])? as i64
    };
    if n < 0 {
        return Err(vm.value_error(format!("negative buffersize in {name}")));
    }
    if n == 0 {
        n = cap as i64;
    } else if n as usize > cap {
        return Err(vm.value_error("buffer too small for requested bytes".to_string()));
    }
    let flags = if a[2].is_null() { 0 } else { c_int(vm, &a[2])? };
    Ok((buf, cap, n as usize, flags))
}

fn sock_recv_into(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, _) = this(vm, &args, "recv_into")?;
    let (buf, _, n, flags) = into_args(vm, &args, "recv_into")?;
    let data = sock_call(vm, s, false, |h, fd| h.recv(fd, n, flags))?;
    let got = data.len();
    fill_buffer(vm, &buf, data)?;
    Ok(Value::Int(got as i64))
}

fn from_value(vm: &mut Vm, a: Option<SockAddr>) -> Value {
    match a {
        Some(a) => addr_value(vm, &a),
        None => Value::None,
    }
}

fn sock_recvfrom(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, rest) = method_args(vm, &args, "recvfrom", 1, 2)?;
    let (s, _) = this(vm, &args, "recvfrom")?;
    let n = size_arg(vm, &rest[0], "recvfrom")?.min(1 << 26);
    let flags = flags_arg(vm, rest.get(1))?;
    let (data, a) = sock_call(vm, s, false, |h, fd| h.recvfrom(fd, n, flags))?;
    let data = vm.new_bytes(data);
    let a = from_value(vm, a);
    Ok(vm.new_pair(data, a))
}

fn sock_recvfrom_into(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, _) = this(vm, &args, "recvfrom_into")?;
    let (buf, _, n, flags) = into_args(vm, &args, "recvfrom_into")?;
    let (data, a) = sock_call(vm, s, false, |h, fd| h.recvfrom(fd, n, flags))?;
    let got = data.len();
    fill_buffer(vm, &buf, data)?;
    let a = from_value(vm, a);
    Ok(vm.new_pair(Value::Int(got as i64), a))
}

fn sock_send(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, rest) = method_args(vm, &args, "send", 1, 2)?;
    let (s, _) = this(vm, &args, "send")?;
    let data = buffer_arg(vm, &rest[0])?;
    let flags = flags_arg(vm, rest.get(1))?;
    let n = sock_call(vm, s, true, |h, fd| h.send(fd, &data, flags))?;
    Ok(Value::Int(n as i64))
}

fn sock_sendall(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, rest) = method_args(vm, &args, "sendall", 1, 2)?;
    let (s, _) = this(vm, &args, "sendall")?;
    let data = buffer_arg(vm, &rest[0])?;
    let flags = flags_arg(vm, rest.get(1))?;
    let mut off = 0;
    while off < data.len() {
        let chunk = &data[off..];
        let n = sock_call(vm, s, true, |h, fd| h.send(fd, chunk, flags))?;
        off += n;
        check_signals(vm)?;
    }
    Ok(Value::None)
}

fn sock_sendto(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, rest) = method_args(vm, &args, "sendto", 2, 3)?;
    let (s, _) = this(vm, &args, "sendto")?;
    let (data, flags, addr) = if rest.len() == 2 {
        (&rest[0], 0, &rest[1])
    } else {
        let f = c_int(vm, &rest[1])?;
        (&rest[0], f, &rest[2])
    };
    let data = buffer_arg(vm, data)?;
    let a = addr_arg(vm, s.family.get(), addr, "sendto")?;
    let n = sock_call(vm, s, true, |h, fd| h.sendto(fd, &data, flags, &a))?;
    Ok(Value::Int(n as i64))
}

/// `sendmsg(buffers[, ancdata[, flags[, address]]])`: the buffers are sent as one message
/// with the ancillary items `(level, type, data)`.
fn sock_sendmsg(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, rest) = method_args(vm, &args, "sendmsg", 1, 4)?;
    let (s, _) = this(vm, &args, "sendmsg")?;
    let mut data = Vec::new();
    let bufs = vm
        .iterate(&rest[0])
        .map_err(|_| vm.type_error("sendmsg() argument 1 must be an iterable"))?;
    for b in &bufs {
        data.extend(buffer_arg(vm, b)?);
    }
    let mut anc = Vec::new();
    if let Some(a) = rest.get(1) {
        let items = vm
            .iterate(a)
            .map_err(|_| vm.type_error("sendmsg() argument 2 must be an iterable"))?;
        for item in items {
            let parts = match item.payload() {
                Some(Payload::Tuple(t)) if t.len() == 3 => t.to_vec(),
                _ => {
                    return Err(vm.type_error(
                        "[sendmsg() ancillary data items]() argument must be sequence of length 3",
                    ));
                }
            };
            let level = c_int(vm, &parts[0])?;
            let kind = c_int(vm, &parts[1])?;
            let d = buffer_arg(vm, &parts[2])?;
            anc.push((level, kind, d));
        }
    }
    let flags = flags_arg(vm, rest.get(2))?;
    let addr = match rest.get(3) {
        Some(a) if !a.is_none() => Some(addr_arg(vm, s.family.get(), a, "sendmsg")?),
        _ => None,
    };
    let n = sock_call(vm, s, true, |h, fd| {
        h.sendmsg(fd, &data, &anc, flags, addr.as_ref())
    })?;
    Ok(Value::Int(n as i64))
}

/// `recvmsg(bufsize[, ancbufsize[, flags]])` -> `(data, ancdata, msg_flags, address)`.
fn sock_recvmsg(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, rest) = method_args(vm, &args, "recvmsg", 1, 3)?;
    let (s, _) = this(vm, &args, "recvmsg")?;
    let n = int_arg(vm, &rest[0], 0)?;
    if n < 0 {
        return Err(vm.value_error("negative buffer size in recvmsg()"));
    }
    let anc = match rest.get(1) {
        Some(v) => int_arg(vm, v, 0)?,
        None => 0,
    };
    if anc < 0 {
        return Err(vm.value_error("negative buffer size in recvmsg()"));
    }
    let n = (n as usize).min(1 << 26);
    let anc = (anc as usize).min(1 << 20);
    let flags = flags_arg(vm, rest.get(2))?;
    let r = sock_call(vm, s, false, |h, fd| h.recvmsg(fd, n, anc, flags))?;
    let data = vm.new_bytes(r.data);
    let mut items = Vec::with_capacity(r.ancillary.len());
    for (level, kind, d) in r.ancillary {
        let d = vm.new_bytes(d);
        items.push(vm.new_tuple(vec![Value::Int(level.into()), Value::Int(kind.into()), d]));
    }
    let items = vm.new_list(items);
    let a = from_value(vm, r.addr);
    Ok(vm.new_tuple(vec![data, items, Value::Int(r.flags.into()), a]))
}

/// `CMSG_LEN(length)` / `CMSG_SPACE(length)`: Linux's sizes for an ancillary item (a
/// 16-byte header, data aligned to 8 bytes for the space).
fn cmsg_size(vm: &mut Vm, args: &Args<'_>, name: &str, space: bool) -> PyResult<Value> {
    let a = krait_vm::native::pos_args(vm, args, name, 1, 1)?;
    let n = int_arg(vm, &a[0], 0)?;
    let total = if space {
        n.checked_add(7).map(|v| (v & !7) + 16)
    } else {
        n.checked_add(16)
    };
    match total {
        Some(t) if n >= 0 && t <= i64::from(u32::MAX) => Ok(Value::Int(t)),
        _ => Err(vm.overflow_error(format!("{name}() argument out of range"))),
    }
}

fn cmsg_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmsg_size(vm, &args, "CMSG_LEN", false)
}

fn cmsg_space(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    cmsg_size(vm, &args, "CMSG_SPACE", true)
}

fn sock_shutdown(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, rest) = method_args(vm, &args, "shutdown", 1, 1)?;
    let (s, _) = this(vm, &args, "shutdown")?;
    let how = c_int(vm, &rest[0])?;
    let fd = fd_of(vm, s)?;
    net(vm, |n| n.shutdown(fd, how))?;
    Ok(Value::None)
}

fn sock_getsockname(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    method_args(vm, &args, "getsockname", 0, 0)?;
    let (s, _) = this(vm, &args, "getsockname")?;
    let fd = fd_of(vm, s)?;
    let a = net(vm, |n| n.getsockname(fd))?;
    Ok(addr_value(vm, &a))
}

fn sock_getpeername(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    method_args(vm, &args, "getpeername", 0, 0)?;
    let (s, _) = this(vm, &args, "getpeername")?;
    let fd = fd_of(vm, s)?;
    let a = net(vm, |n| n.getpeername(fd))?;
    Ok(addr_value(vm, &a))
}

fn sock_getsockopt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, rest) = method_args(vm, &args, "getsockopt", 2, 3)?;
    let (s, _) = this(vm, &args, "getsockopt")?;
    let level = c_int(vm, &rest[0])?;
    let name = c_int(vm, &rest[1])?;
    let fd = fd_of(vm, s)?;
    match rest.get(2) {
        None => Ok(Value::Int(i64::from(getsockopt_int(vm, fd, level, name)?))),
        Some(b) => {
            let len = c_int(vm, b)?;
            if len == 0 {
                return Ok(Value::Int(i64::from(getsockopt_int(vm, fd, level, name)?)));
            }
            if !(0..=1024).contains(&len) {
                return Err(os_error_msg(vm, "getsockopt buflen out of range"));
            }
            let data = net(vm, |n| n.getsockopt(fd, level, name, len as usize))?;
            Ok(vm.new_bytes(data))
        }
    }
}

fn sock_setsockopt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, rest) = method_args(vm, &args, "setsockopt", 3, 4)?;
    let (s, _) = this(vm, &args, "setsockopt")?;
    let level = c_int(vm, &rest[0])?;
    let name = c_int(vm, &rest[1])?;
    let value: Vec<u8> = if rest.len() == 4 {
        if !rest[2].is_none() {
            return Err(vm.type_error(
                "setsockopt() takes 3 or 4 arguments with the 3rd None when 4 are given",
            ));
        }
        let len = c_int(vm, &rest[3])?;
        vec![0u8; usize::try_from(len).unwrap_or(0).min(1 << 16)]
    } else {
        match &rest[2] {
            Value::Int(_) | Value::Bool(_) => c_int(vm, &rest[2])?.to_ne_bytes().to_vec(),
            v => match buffer_arg(vm, v) {
                Ok(b) => b,
                Err(_) => c_int(vm, v)?.to_ne_bytes().to_vec(),
            },
        }
    };
    let fd = fd_of(vm, s)?;
    net(vm, |n| n.setsockopt(fd, level, name, &value))?;
    Ok(Value::None)
}

// ----- module functions -----

fn sock_type(vm: &mut Vm) -> ObjRef {
    match vm.mods.ext_types.get("_socket.socket") {
        Some(t) => t.clone(),
        None => vm.types.object.clone(),
    }
}

fn new_sock(vm: &mut Vm, fd: i32, family: i32, kind: i32, proto: i32) -> PyResult<Value> {
    let t = sock_type(vm);
    let s = Sock {
        fd: Cell::new(i64::from(fd)),
        family: Cell::new(family),
        kind: Cell::new(kind & !(SOCK_NONBLOCK | SOCK_CLOEXEC)),
        proto: Cell::new(proto),
        timeout: Cell::new(-1.0),
    };
    let t_default = default_timeout(vm);
    if kind & SOCK_NONBLOCK != 0 {
        s.timeout.set(0.0);
    } else if t_default >= 0.0 {
        s.timeout.set(t_default);
        vm.host
            .set_blocking(fd, false)
            .map_err(|e| vm.os_error_io(&e, None))?;
    }
    Ok(Value::Obj(vm.new_object(&t, Payload::Native(Box::new(s)))))
}

fn socketpair(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "socketpair", 0, 3)?;
    let family = match a.first() {
        Some(v) => c_int(vm, v)?,
        None => AF_UNIX,
    };
    let kind = match a.get(1) {
        Some(v) => c_int(vm, v)?,
        None => SOCK_STREAM,
    };
    let proto = match a.get(2) {
        Some(v) => c_int(vm, v)?,
        None => 0,
    };
    let (x, y) = net(vm, |n| n.socketpair(family, kind, proto))?;
    let x = new_sock(vm, x, family, kind, proto)?;
    let y = new_sock(vm, y, family, kind, proto)?;
    Ok(vm.new_pair(x, y))
}

fn fd_arg(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let fd = int_arg(vm, v, -1)?;
    i32::try_from(fd).map_err(|_| vm.overflow_error("fd is greater than maximum"))
}

fn mod_close(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "close", 1, 1)?;
    let fd = fd_arg(vm, &a[0])?;
    if let Err(e) = vm.host.close(fd)
        && e.raw_os_error() != Some(ECONNRESET)
    {
        return Err(vm.os_error_io(&e, None));
    }
    Ok(Value::None)
}

fn mod_dup(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "dup", 1, 1)?;
    let fd = fd_arg(vm, &a[0])?;
    match vm.host.dup(fd) {
        Ok(n) => Ok(Value::Int(i64::from(n))),
        Err(e) => Err(vm.os_error_io(&e, None)),
    }
}

fn getdefaulttimeout(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "getdefaulttimeout", 0, 0)?;
    Ok(timeout_value(default_timeout(vm)))
}

fn setdefaulttimeout(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "setdefaulttimeout", 1, 1)?;
    let t = timeout_arg(vm, &a[0])?;
    vm.mods
        .ext_ints
        .insert("socket.defaulttimeout", t.to_bits() as i64);
    Ok(Value::None)
}

fn gethostname(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "gethostname", 0, 0)?;
    let h = net(vm, |n| n.gethostname())?;
    Ok(vm.new_string(h))
}

/// `getaddrinfo(host, port, family=0, type=0, proto=0, flags=0)`.
fn getaddrinfo(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(
        vm,
        &args,
        "getaddrinfo",
        &["host", "port", "family", "type", "proto", "flags"],
        2,
    )?;
    let host = if a[0].is_none() {
        None
    } else {
        Some(host_text(vm, &a[0]).map_err(|_| {
            vm.type_error("getaddrinfo() argument 1 must be string or None".to_string())
        })?)
    };
    let port = match &a[1] {
        Value::None => None,
        Value::Int(i) => Some(i.to_string()),
        v => match v.payload() {
            Some(Payload::Str(_)) => Some(vm.str_text(v)),
            Some(Payload::Bytes(b)) => Some(String::from_utf8_lossy(b).into_owned()),
            _ if krait_vm::objects::number::int_ref(v).is_some() => Some(vm.str_string(v)?),
            _ => return Err(os_error_msg(vm, "Int or String expected")),
        },
    };
    let mut nums = [0i32; 4];
    for (slot, v) in nums.iter_mut().zip(&a[2..]) {
        if !v.is_null() {
            *slot = c_int(vm, v)?;
        }
    }
    let [family, kind, proto, flags] = nums;
    let r = match vm.host.net() {
        Some(n) => n.getaddrinfo(host.as_deref(), port.as_deref(), family, kind, proto, flags),
        None => Err(LookupError::Os(eperm())),
    };
    let list = r.map_err(|e| lookup_error(vm, e))?;
    let mut out = Vec::with_capacity(list.len());
    for ai in list {
        let canon = vm.new_string(ai.canonname);
        let addr = addr_value(vm, &ai.addr);
        out.push(vm.new_tuple(vec![
            Value::Int(i64::from(ai.family)),
            Value::Int(i64::from(ai.kind)),
            Value::Int(i64::from(ai.proto)),
            canon,
            addr,
        ]));
    }
    Ok(vm.new_list(out))
}

fn name_arg(vm: &mut Vm, args: &Args<'_>, fname: &str) -> PyResult<String> {
    let a = pos_args(vm, args, fname, 1, 1)?;
    match a[0].payload() {
        Some(Payload::Str(_)) => Ok(vm.str_text(&a[0])),
        Some(Payload::Bytes(b)) => Ok(String::from_utf8_lossy(b).into_owned()),
        _ => {
            let p = vm.path_arg(&a[0], fname, "argument")?;
            Ok(p.path)
        }
    }
}

fn gethostbyname(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let name = name_arg(vm, &args, "gethostbyname")?;
    match resolve_host(vm, &name, AF_INET)? {
        SockAddr::V4 { ip, .. } => Ok(vm.new_string(addr::format_v4(ip))),
        _ => Err(os_error_msg(vm, "address family mismatched")),
    }
}

fn gethostbyname_ex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let name = name_arg(vm, &args, "gethostbyname_ex")?;
    let r = match vm.host.net() {
        Some(n) => n.getaddrinfo(Some(&name), None, AF_INET, SOCK_STREAM, 0, AI_CANONNAME),
        None => Err(LookupError::Os(eperm())),
    };
    let list = r.map_err(|e| lookup_error(vm, e))?;
    let canon = list
        .first()
        .map(|a| a.canonname.clone())
        .filter(|c| !c.is_empty())
        .unwrap_or(name);
    let mut ips: Vec<Value> = Vec::new();
    let mut seen: Vec<[u8; 4]> = Vec::new();
    for a in &list {
        if let SockAddr::V4 { ip, .. } = a.addr
            && !seen.contains(&ip)
        {
            seen.push(ip);
            ips.push(vm.new_string(addr::format_v4(ip)));
        }
    }
    let canon = vm.new_string(canon);
    let aliases = vm.new_list(Vec::new());
    let ips = vm.new_list(ips);
    Ok(vm.new_tuple(vec![canon, aliases, ips]))
}

fn gethostbyaddr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let name = name_arg(vm, &args, "gethostbyaddr")?;
    let a = resolve_host(vm, &name, 0)?;
    let r = match vm.host.net() {
        Some(n) => n.getnameinfo(&a, NI_NAMEREQD),
        None => Err(LookupError::Os(eperm())),
    };
    let host = match r {
        Ok((h, _)) => h,
        Err(LookupError::Gai(..)) => {
            let m = vm.new_str("Unknown host");
            return Err(ext_error(vm, "socket.herror", vec![Value::Int(1), m]));
        }
        Err(e) => return Err(lookup_error(vm, e)),
    };
    let ip = match &a {
        SockAddr::V4 { ip, .. } => addr::format_v4(*ip),
        SockAddr::V6 { ip, .. } => addr::format_v6(ip),
        _ => name,
    };
    let host = vm.new_string(host);
    let aliases = vm.new_list(Vec::new());
    let ip = vm.new_string(ip);
    let ips = vm.new_list(vec![ip]);
    Ok(vm.new_tuple(vec![host, aliases, ips]))
}

/// `getnameinfo(sockaddr, flags)`.
fn getnameinfo(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "getnameinfo", 2, 2)?;
    let Some(Payload::Tuple(items)) = a[0].payload() else {
        return Err(vm.type_error("getnameinfo() argument 1 must be a tuple"));
    };
    let items: Vec<Value> = items.to_vec();
    if !(2..=4).contains(&items.len()) {
        return Err(vm.type_error("getnameinfo(): illegal sockaddr argument".to_string()));
    }
    let flags = c_int(vm, &a[1])?;
    let host = host_text(vm, &items[0])?;
    let port = port_arg(vm, &items[1], "getnameinfo")?;
    let flowinfo = match items.get(2) {
        Some(v) => {
            let f = vm.index_to_i64(v)?;
            if !(0..=0xfffff).contains(&f) {
                return Err(vm.overflow_error("getnameinfo(): flowinfo must be 0-1048575."));
            }
            f as u32
        }
        None => 0,
    };
    let scope = match items.get(3) {
        Some(v) => u32::try_from(vm.index_to_i64(v)?).unwrap_or(0),
        None => 0,
    };
    let r = match vm.host.net() {
        Some(n) => n.getaddrinfo(Some(&host), None, 0, SOCK_DGRAM, 0, AI_NUMERICHOST),
        None => Err(LookupError::Os(eperm())),
    };
    let list = r.map_err(|e| lookup_error(vm, e))?;
    if list.len() > 1 {
        return Err(os_error_msg(vm, "sockaddr resolved to multiple addresses"));
    }
    let Some(first) = list.into_iter().next() else {
        return Err(lookup_error(
            vm,
            LookupError::Gai(-2, "Name or service not known".into()),
        ));
    };
    let target = match first.addr {
        SockAddr::V4 { ip, .. } => {
            if items.len() != 2 {
                return Err(os_error_msg(vm, "IPv4 sockaddr must be 2 tuple"));
            }
            SockAddr::V4 { ip, port }
        }
        SockAddr::V6 { ip, .. } => SockAddr::V6 {
            ip,
            port,
            flowinfo,
            scope_id: scope,
        },
        other => other,
    };
    let r = match vm.host.net() {
        Some(n) => n.getnameinfo(&target, flags),
        None => Err(LookupError::Os(eperm())),
    };
    let (h, s) = r.map_err(|e| lookup_error(vm, e))?;
    let h = vm.new_string(h);
    let s = vm.new_string(s);
    Ok(vm.new_pair(h, s))
}

fn proto_kind(vm: &mut Vm, v: Option<&Value>, fname: &str) -> PyResult<Option<i32>> {
    let Some(v) = v else { return Ok(None) };
    let Some(Payload::Str(_)) = v.payload() else {
        return Err(vm.type_error(format!(
            "{fname}() argument 2 must be str, not {}",
            vm.type_name(v)
        )));
    };
    match vm.str_text(v).as_str() {
        "tcp" => Ok(Some(SOCK_STREAM)),
        "udp" => Ok(Some(SOCK_DGRAM)),
        _ => Ok(Some(-1)),
    }
}

/// `getservbyname(name[, proto])`: the port of a service, from the host's service database
/// (through `getaddrinfo`).
fn getservbyname(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "getservbyname", 1, 2)?;
    let Some(Payload::Str(_)) = a[0].payload() else {
        return Err(vm.type_error(format!(
            "getservbyname() argument 1 must be str, not {}",
            vm.type_name(&a[0])
        )));
    };
    let name = vm.str_text(&a[0]);
    let kind = proto_kind(vm, a.get(1), "getservbyname")?;
    let found = match kind {
        Some(-1) => Err(LookupError::Gai(-8, String::new())),
        _ => match vm.host.net() {
            Some(n) => n.getaddrinfo(
                Some("127.0.0.1"),
                Some(&name),
                AF_INET,
                kind.unwrap_or(SOCK_STREAM),
                0,
                AI_NUMERICHOST | AI_PASSIVE,
            ),
            None => Err(LookupError::Os(eperm())),
        },
    };
    match found {
        Ok(list) => match list.first().map(|a| &a.addr) {
            Some(SockAddr::V4 { port, .. }) if !name.bytes().all(|b| b.is_ascii_digit()) => {
                Ok(Value::Int(i64::from(*port)))
            }
            _ => Err(os_error_msg(vm, "service/proto not found")),
        },
        Err(LookupError::Os(e)) if e.raw_os_error() == Some(EPERM) => Err(vm.os_error_io(&e, None)),
        Err(_) => Err(os_error_msg(vm, "service/proto not found")),
    }
}

/// `getservbyport(port[, proto])`: the service name of a port (through `getnameinfo`).
fn getservbyport(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "getservbyport", 1, 2)?;
    let p = c_int(vm, &a[0])?;
    let Ok(port) = u16::try_from(p) else {
        return Err(vm.overflow_error("getservbyport: port must be 0-65535."));
    };
    let kind = proto_kind(vm, a.get(1), "getservbyport")?;
    let flags = NI_NUMERICHOST
        | if kind == Some(SOCK_DGRAM) {
            NI_DGRAM
        } else {
            0
        };
    let target = SockAddr::V4 {
        ip: [127, 0, 0, 1],
        port,
    };
    let r = match (kind, vm.host.net()) {
        (Some(-1), _) => Err(LookupError::Gai(-8, String::new())),
        (_, Some(n)) => n.getnameinfo(&target, flags),
        (_, None) => Err(LookupError::Os(eperm())),
    };
    match r {
        Ok((_, s)) if !s.bytes().all(|b| b.is_ascii_digit()) => Ok(vm.new_string(s)),
        Err(LookupError::Os(e)) if e.raw_os_error() == Some(EPERM) => Err(vm.os_error_io(&e, None)),
        _ => Err(os_error_msg(vm, "port/proto not found")),
    }
}

/// `getprotobyname(name)`: the numbers of `/etc/protocols` every Linux has.
fn getprotobyname(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "getprotobyname", 1, 1)?;
    let Some(Payload::Str(_)) = a[0].payload() else {
        return Err(vm.type_error(format!(
            "getprotobyname() argument 1 must be str, not {}",
            vm.type_name(&a[0])
        )));
    };
    let n = match vm.str_text(&a[0]).as_str() {
        "ip" | "IP" => 0,
        "icmp" | "ICMP" => 1,
        "igmp" | "IGMP" => 2,
        "tcp" | "TCP" => 6,
        "udp" | "UDP" => 17,
        "ipv6" | "IPv6" => 41,
        "ipv6-icmp" | "IPv6-ICMP" => 58,
        "sctp" | "SCTP" => 132,
        "raw" | "RAW" => 255,
        _ => return Err(os_error_msg(vm, "protocol not found")),
    };
    Ok(Value::Int(n))
}

fn unsigned_arg(vm: &mut Vm, args: &Args<'_>, name: &str, bits: u32) -> PyResult<u64> {
    let a = pos_args(vm, args, name, 1, 1)?;
    let v = &a[0];
    if krait_vm::objects::number::int_ref(v).is_none() {
        return Err(vm.type_error(format!("expected int, {} found", vm.type_name(v))));
    }
    let big = vm.to_bigint(v)?;
    use num_traits::{Signed, ToPrimitive};
    if big.is_negative() {
        return Err(vm.overflow_error(if bits == 16 {
            format!("{name}: can't convert negative Python int to C 16-bit unsigned integer")
        } else {
            String::from("can't convert negative value to unsigned int")
        }));
    }
    match big.to_u64() {
        Some(x) if x >> bits == 0 => Ok(x),
        _ => Err(vm.overflow_error(if bits == 16 {
            format!("{name}: Python int too large to convert to C 16-bit unsigned integer")
        } else {
            String::from("int larger than 32 bits")
        })),
    }
}

fn htons(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = unsigned_arg(vm, &args, "htons", 16)? as u16;
    Ok(Value::Int(i64::from(x.swap_bytes())))
}

fn ntohs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = unsigned_arg(vm, &args, "ntohs", 16)? as u16;
    Ok(Value::Int(i64::from(x.swap_bytes())))
}

fn htonl(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = unsigned_arg(vm, &args, "htonl", 32)? as u32;
    Ok(Value::Int(i64::from(x.swap_bytes())))
}

fn str_arg(vm: &mut Vm, v: &Value, fname: &str, n: usize) -> PyResult<String> {
    match v.payload() {
        Some(Payload::Str(_)) => Ok(vm.str_text(v)),
        _ => Err(vm.type_error(format!(
            "{fname}() argument {n} must be str, not {}",
            vm.type_name(v)
        ))),
    }
}

fn inet_aton(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "inet_aton", 1, 1)?;
    let s = str_arg(vm, &a[0], "inet_aton", 1)?;
    match addr::inet_aton(&s) {
        Some(b) => Ok(vm.new_bytes(b.to_vec())),
        None => Err(os_error_msg(
            vm,
            "illegal IP address string passed to inet_aton",
        )),
    }
}

fn inet_ntoa(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "inet_ntoa", 1, 1)?;
    let b = buffer_arg(vm, &a[0])?;
    match <[u8; 4]>::try_from(b.as_slice()) {
        Ok(q) => Ok(vm.new_string(addr::format_v4(q))),
        Err(_) => Err(os_error_msg(vm, "packed IP wrong length for inet_ntoa")),
    }
}

fn inet_pton(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "inet_pton", 2, 2)?;
    let family = c_int(vm, &a[0])?;
    let s = str_arg(vm, &a[1], "inet_pton", 2)?;
    let r = match family {
        AF_INET => addr::parse_v4(&s).map(|b| b.to_vec()),
        AF_INET6 => addr::parse_v6(&s).map(|b| b.to_vec()),
        _ => {
            return Err(vm.os_error_errno(97, None, None));
        }
    };
    match r {
        Some(b) => Ok(vm.new_bytes(b)),
        None => Err(os_error_msg(
            vm,
            "illegal IP address string passed to inet_pton",
        )),
    }
}

fn inet_ntop(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "inet_ntop", 2, 2)?;
    let family = c_int(vm, &a[0])?;
    let b = buffer_arg(vm, &a[1])?;
    match family {
        AF_INET => match <[u8; 4]>::try_from(b.as_slice()) {
            Ok(q) => Ok(vm.new_string(addr::format_v4(q))),
            Err(_) => Err(vm.value_error("invalid length of packed IP address string")),
        },
        AF_INET6 => match <[u8; 16]>::try_from(b.as_slice()) {
            Ok(q) => Ok(vm.new_string(addr::format_v6(&q))),
            Err(_) => Err(vm.value_error("invalid length of packed IP address string")),
        },
        _ => Err(vm.value_error(format!("unknown address family {family}"))),
    }
}
