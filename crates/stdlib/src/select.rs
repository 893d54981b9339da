//! `select` (CPython: `Modules/selectmodule.c`): `select`, `poll` and `epoll` over the
//! host's network ([`krait_vm::host::NetHost`]). `select` is built on `poll` (its readiness
//! sets are the kernel's: readable on `POLLIN|POLLHUP|POLLERR`, writable on
//! `POLLOUT|POLLERR`, exceptional on `POLLPRI`). A host without a network refuses every wait
//! on a descriptor with `PermissionError`; `select([], [], [], t)` only sleeps.

use std::cell::{Cell, RefCell};
use std::io;

use krait_vm::host::NetHost;
use krait_vm::native::{bind_args, method_args, native_ref, new_cls};
use krait_vm::object::{ObjRef, Payload};
use krait_vm::objects::function::{Args, MethodDef, MethodKind};
use krait_vm::value::Value;
use krait_vm::{PyResult, Vm};

use crate::socket::consts;

const POLLIN: i16 = 0x001;
const POLLPRI: i16 = 0x002;
const POLLOUT: i16 = 0x004;
const POLLERR: i16 = 0x008;
const POLLHUP: i16 = 0x010;
const POLLNVAL: i16 = 0x020;
const EPOLLIN: u32 = 0x001;
const EPOLLPRI: u32 = 0x002;
const EPOLLOUT: u32 = 0x004;
const FD_SETSIZE: i64 = 1024;
const EPERM: i32 = 1;
const ENOENT: i32 = 2;
const EINTR: i32 = 4;
const EBADF: i32 = 9;

struct Poll {
    /// Registered descriptors and their event masks, in registration order.
    fds: RefCell<Vec<(i32, i16)>>,
    polling: Cell<bool>,
}

struct Epoll {
    fd: Cell<i32>,
}

pub(crate) fn register(vm: &mut Vm) {
    vm.builtin_modules.push(("select", init));
}

fn def(name: &'static str, func: krait_vm::objects::function::NativeFn) -> MethodDef {
    MethodDef {
        name,
        func,
        kind: MethodKind::Instance,
        doc: "",
    }
}

fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let poll_t = krait_vm::modules::new_type(vm, "select", "poll", false);
    vm.add_methods(
        &poll_t,
        &[
            def("register", poll_register),
            def("modify", poll_modify),
            def("unregister", poll_unregister),
            def("poll", poll_poll),
        ],
    );
    vm.mods.ext_types.insert("select.poll", poll_t);
    let ep = krait_vm::modules::new_type(vm, "select", "epoll", true);
    vm.add_methods(
        &ep,
        &[
            MethodDef {
                name: "__new__",
                func: epoll_new,
                kind: MethodKind::Static,
                doc: "",
            },
            def("close", epoll_close),
            def("fileno", epoll_fileno),
            def("register", epoll_register),
            def("modify", epoll_modify),
            def("unregister", epoll_unregister),
            def("poll", epoll_poll),
            def("__enter__", epoll_enter),
            def("__exit__", epoll_exit),
            def("__del__", epoll_exit),
        ],
    );
    // An epoll object freed while open closes its descriptor, as CPython's dealloc does.
    krait_vm::objects::typeobj::type_data(&ep).has_del.set(true);
    vm.add_getset(&ep, "closed", epoll_closed, None);
    krait_vm::modules::set_attr(vm, m, "epoll", Value::Obj(ep));
    vm.add_functions(m, &[("select", select), ("poll", poll_new)]);
    let err = Value::Obj(vm.types.os_error.clone());
    krait_vm::modules::set_attr(vm, m, "error", err);
    for &(name, v) in consts::SELECT {
        krait_vm::modules::set_attr(vm, m, name, Value::Int(v));
    }
    Ok(())
}

fn with_net<T>(vm: &mut Vm, f: impl FnOnce(&mut dyn NetHost) -> io::Result<T>) -> io::Result<T> {
    match vm.host.net() {
        Some(n) => f(n),
        None => Err(io::Error::from_raw_os_error(EPERM)),
    }
}

fn net<T>(vm: &mut Vm, f: impl FnOnce(&mut dyn NetHost) -> io::Result<T>) -> PyResult<T> {
    with_net(vm, f).map_err(|e| vm.os_error_io(&e, None))
}

/// CPython's `PyObject_AsFileDescriptor`: an int, or the int its `fileno()` returns.
fn as_fd(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let n = if krait_vm::objects::number::int_ref(v).is_some() {
        vm.index_to_i64(v)?
    } else {
        let Ok(f) = vm.getattr_str(v, "fileno") else {
            return Err(vm.type_error("argument must be an int, or have a fileno() method."));
        };
        let r = vm.call_pos(&f, &[])?;
        if krait_vm::objects::number::int_ref(&r).is_none() {
            return Err(vm.type_error("fileno() returned a non-integer"));
        }
        vm.index_to_i64(&r)?
    };
    if n < 0 {
        return Err(vm.value_error(format!(
            "file descriptor cannot be a negative integer ({n})"
        )));
    }
    i32::try_from(n).map_err(|_| vm.overflow_error("Python int too large to convert to C int"))
}

/// Seconds (int or float) for `select`/`epoll.poll`; `None` is `None`.
fn seconds_arg(vm: &mut Vm, v: &Value, type_msg: &str) -> PyResult<Option<f64>> {
    if v.is_none() || v.is_null() {
        return Ok(None);
    }
    let t = match v {
        Value::Float(f) => f.get(),
        Value::Int(i) => *i as f64,
        _ => match krait_vm::objects::number::float_ref(v) {
            Some(f) => f,
            None => match vm.index_to_i64(v) {
                Ok(i) => i as f64,
                Err(_) => return Err(vm.type_error(type_msg.to_string())),
            },
        },
    };
    if t.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    Ok(Some(t))
}

fn ms_of(secs: f64) -> i32 {
    (secs * 1000.0).ceil().clamp(0.0, f64::from(i32::MAX)) as i32
}

/// Wait with `poll` (in slices that notice Ctrl-C), until the timeout in seconds.
fn wait(vm: &mut Vm, fds: &[(i32, i16)], timeout: Option<f64>) -> PyResult<Vec<i16>> {
    let deadline = timeout.map(|t| vm.host.monotonic() + t);
    crate::socket::poll_sliced(vm, fds, deadline)
}

/// `select(rlist, wlist, xlist, timeout=None)`.
fn select(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    krait_vm::native::no_kwargs(vm, &args, "select")?;
    let a = args.values;
    if !(3..=4).contains(&a.len()) {
        return Err(krait_vm::native::arity_error(vm, "select", 3, 4, a.len()));
    }
    let timeout = match a.get(3) {
        Some(t) => seconds_arg(vm, t, "timeout must be a float or None")?,
        None => None,
    };
    if timeout.is_some_and(|t| t < 0.0) {
        return Err(vm.value_error("timeout must be non-negative"));
    }
    let mut lists: Vec<Vec<(Value, i32)>> = Vec::new();
    for seq in &a[..3] {
        let items = match seq.payload() {
            Some(Payload::List(l)) => l.borrow().to_vec(),
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => match vm.iterate(seq) {
                Ok(v) => v,
                Err(_) => return Err(vm.type_error("arguments 1-3 must be sequences")),
            },
        };
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            let fd = as_fd(vm, &it)?;
            if i64::from(fd) >= FD_SETSIZE {
                return Err(vm.value_error("filedescriptor out of range in select()"));
            }
            out.push((it, fd));
        }
        lists.push(out);
    }
    let mut fds: Vec<(i32, i16)> = Vec::new();
    for (which, ev) in [(0, POLLIN), (1, POLLOUT), (2, POLLPRI)] {
        for (_, fd) in &lists[which] {
            match fds.iter_mut().find(|(f, _)| f == fd) {
                Some(slot) => slot.1 |= ev,
                None => fds.push((*fd, ev)),
            }
        }
    }
    if fds.is_empty() {
        // Nothing to watch: a plain sleep (or an immediate return), which even a host
        // without a network allows.
        if let Some(t) = timeout {
            vm.host.sleep(t);
        } else {
            return Err(vm.os_error_errno(EPERM, None, None));
        }
        let r = vm.new_list(Vec::new());
        let w = vm.new_list(Vec::new());
        let x = vm.new_list(Vec::new());
        return Ok(vm.new_tuple(vec![r, w, x]));
    }
    let revents = wait(vm, &fds, timeout)?;
    if revents.iter().any(|&r| r & POLLNVAL != 0) {
        return Err(vm.os_error_errno(EBADF, None, None));
    }
    let ready = |fd: i32, mask: i16| {
        fds.iter()
            .zip(&revents)
            .any(|((f, _), r)| *f == fd && r & mask != 0)
    };
    let mut out = Vec::new();
    for (which, mask) in [
        (0, POLLIN | POLLHUP | POLLERR),
        (1, POLLOUT | POLLERR),
        (2, POLLPRI),
    ] {
        let items: Vec<Value> = lists[which]
            .iter()
            .filter(|(_, fd)| ready(*fd, mask))
            .map(|(v, _)| v.clone())
            .collect();
        out.push(vm.new_list(items));
    }
    Ok(vm.new_tuple(out))
}

// ----- poll -----

fn poll_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    krait_vm::native::pos_args(vm, &args, "poll", 0, 0)?;
    let t = match vm.mods.ext_types.get("select.poll") {
        Some(t) => t.clone(),
        None => vm.types.object.clone(),
    };
    let p = Poll {
        fds: RefCell::new(Vec::new()),
        polling: Cell::new(false),
    };
    Ok(Value::Obj(vm.new_object(&t, Payload::Native(Box::new(p)))))
}

fn poll_of<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Poll> {
    match native_ref::<Poll>(v) {
        Some(p) => Ok(p),
        None => Err(vm.type_error("descriptor requires a 'select.poll' object")),
    }
}

fn event_mask(vm: &mut Vm, v: Option<&Value>, dflt: i64) -> PyResult<i16> {
    let n = match v {
        Some(v) => vm.index_to_i64(v)?,
        None => dflt,
    };
    if n < 0 {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    if n > 0xffff {
        return Err(vm.overflow_error("Python int too large for C unsigned short"));
    }
    Ok(n as u16 as i16)
}

fn poll_register(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "register", 1, 2)?;
    let p = poll_of(vm, this)?;
    let fd = as_fd(vm, &rest[0])?;
    let ev = event_mask(vm, rest.get(1), i64::from(POLLIN | POLLPRI | POLLOUT))?;
    let mut fds = p.fds.borrow_mut();
    match fds.iter_mut().find(|(f, _)| *f == fd) {
        Some(slot) => slot.1 = ev,
        None => fds.push((fd, ev)),
    }
    Ok(Value::None)
}

fn poll_modify(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "modify", 2, 2)?;
    let p = poll_of(vm, this)?;
    let fd = as_fd(vm, &rest[0])?;
    let ev = event_mask(vm, rest.get(1), 0)?;
    let found = match p.fds.borrow_mut().iter_mut().find(|(f, _)| *f == fd) {
        Some(slot) => {
            slot.1 = ev;
            true
        }
        None => false,
    };
    if !found {
        return Err(vm.os_error_errno(ENOENT, None, None));
    }
    Ok(Value::None)
}

fn poll_unregister(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "unregister", 1, 1)?;
    let p = poll_of(vm, this)?;
    let fd = as_fd(vm, &rest[0])?;
    let pos = p.fds.borrow().iter().position(|(f, _)| *f == fd);
    match pos {
        Some(i) => {
            p.fds.borrow_mut().remove(i);
            Ok(Value::None)
        }
        None => Err(vm.key_error(Value::Int(i64::from(fd)))),
    }
}

fn poll_poll(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "poll", 0, 1)?;
    let p = poll_of(vm, this)?;
    // Milliseconds; None or negative waits forever.
    let timeout = match rest.first() {
        Some(v) => seconds_arg(vm, v, "timeout must be an integer or None")?
            .filter(|t| *t >= 0.0)
            .map(|ms| ms / 1000.0),
        None => None,
    };
    if p.polling.get() {
        return Err(vm.runtime_error("concurrent poll() invocation"));
    }
    let fds = p.fds.borrow().clone();
    p.polling.set(true);
    let r = if fds.is_empty() && timeout.is_some() {
        vm.host.sleep(timeout.unwrap_or(0.0));
        Ok(Vec::new())
    } else {
        wait(vm, &fds, timeout)
    };
    p.polling.set(false);
    let revents = r?;
    let mut out = Vec::new();
    for ((fd, _), r) in fds.iter().zip(revents) {
        if r != 0 {
            out.push(vm.new_tuple(vec![
                Value::Int(i64::from(*fd)),
                Value::Int(i64::from(r as u16)),
            ]));
        }
    }
    Ok(vm.new_list(out))
}

// ----- epoll -----

fn epoll_of<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Epoll> {
    match native_ref::<Epoll>(v) {
        Some(p) => Ok(p),
        None => Err(vm.type_error("descriptor requires a 'select.epoll' object")),
    }
}

fn open_epoll(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let e = epoll_of(vm, v)?;
    let fd = e.fd.get();
    if fd < 0 {
        return Err(vm.value_error("I/O operation on closed epoll object"));
    }
    Ok(fd)
}

fn epoll_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = new_cls(vm, &args, "epoll")?;
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &rest, "epoll", &["sizehint", "flags"], 0)?;
    if !a[0].is_null() {
        let n = vm.index_to_i64(&a[0])?;
        if n == 0 || n < -1 {
            return Err(vm.value_error("negative sizehint"));
        }
    }
    let fd = net(vm, |n| n.epoll_create())?;
    let e = Epoll { fd: Cell::new(fd) };
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Native(Box::new(e))),
    ))
}

fn epoll_close(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "close", 0, 0)?;
    let e = epoll_of(vm, this)?;
    let fd = e.fd.replace(-1);
    if fd >= 0
        && let Err(err) = vm.host.close(fd)
    {
        return Err(vm.os_error_io(&err, None));
    }
    Ok(Value::None)
}

fn epoll_closed(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::bool(epoll_of(vm, v)?.fd.get() < 0))
}

fn epoll_fileno(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "fileno", 0, 0)?;
    Ok(Value::Int(i64::from(open_epoll(vm, this)?)))
}

fn epoll_ctl(
    vm: &mut Vm,
    args: &Args<'_>,
    name: &str,
    op: i32,
    with_mask: bool,
) -> PyResult<Value> {
    let Some(this) = args.values.first() else {
        return Err(vm.type_error(format!("descriptor '{name}' needs an argument")));
    };
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let names: &[&str] = if with_mask {
        &["fd", "eventmask"]
    } else {
        &["fd"]
    };
    let required = if op == 3 { 2 } else { 1 };
    let a = bind_args(vm, &rest, name, names, required)?;
    let epfd = open_epoll(vm, this)?;
    let fd = as_fd(vm, &a[0])?;
    let mask = match a.get(1) {
        Some(v) if !v.is_null() => {
            let n = vm.index_to_i64(v)?;
            u32::try_from(n).map_err(|_| {
                vm.overflow_error("Python int too large to convert to C unsigned int")
            })?
        }
        _ => EPOLLIN | EPOLLPRI | EPOLLOUT,
    };
    net(vm, |n| n.epoll_ctl(epfd, op, fd, mask))?;
    Ok(Value::None)
}

fn epoll_register(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    epoll_ctl(vm, &args, "register", 1, true)
}

fn epoll_modify(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    epoll_ctl(vm, &args, "modify", 3, true)
}

fn epoll_unregister(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    epoll_ctl(vm, &args, "unregister", 2, false)
}

/// `epoll.poll(timeout=None, maxevents=-1)`: timeout in seconds.
fn epoll_poll(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first() else {
        return Err(vm.type_error("descriptor 'poll' needs an argument"));
    };
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &rest, "poll", &["timeout", "maxevents"], 0)?;
    let epfd = open_epoll(vm, this)?;
    let timeout =
        seconds_arg(vm, &a[0], "timeout must be an integer or None")?.filter(|t| *t >= 0.0);
    let max = if a[1].is_null() {
        -1
    } else {
        vm.index_to_i64(&a[1])?
    };
    let max = if max == -1 {
        (FD_SETSIZE - 1) as usize
    } else if max < 1 {
        return Err(vm.value_error(format!("maxevents must be greater than 0, got {max}")));
    } else {
        usize::try_from(max).unwrap_or(usize::MAX)
    };
    let deadline = timeout.map(|t| vm.host.monotonic() + t);
    // In slices, as `poll_sliced` does, so Ctrl-C is noticed during a long wait.
    let events = loop {
        let ms = match deadline {
            Some(d) => ms_of(d - vm.host.monotonic()),
            None => i32::MAX,
        };
        let slice = ms.min(100);
        let threads = vm.threads_active();
        let detached = match vm.host.net() {
            Some(n) if threads => n.detached_epoll_wait(epfd),
            _ => None,
        };
        let r = match detached {
            // Other Python threads run while this one waits.
            Some(wait) => vm.allow_threads(move || wait(epfd, max, slice)),
            None => with_net(vm, |n| n.epoll_wait(epfd, max, slice)),
        };
        match r {
            Ok(r) if !r.is_empty() || ms <= slice => break r,
            Ok(_) => crate::socket::check_signals(vm)?,
            Err(e) if e.raw_os_error() == Some(EINTR) => crate::socket::check_signals(vm)?,
            Err(e) => return Err(vm.os_error_io(&e, None)),
        }
    };
    let out: Vec<Value> = events
        .into_iter()
        .map(|(fd, ev)| vm.new_pair(Value::Int(i64::from(fd)), Value::Int(i64::from(ev))))
        .collect();
    Ok(vm.new_list(out))
}

fn epoll_enter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__enter__", 0, 0)?;
    open_epoll(vm, this)?;
    Ok(this.clone())
}

fn epoll_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first() else {
        return Err(vm.type_error("descriptor '__exit__' needs an argument"));
    };
    let e = epoll_of(vm, this)?;
    let fd = e.fd.replace(-1);
    if fd >= 0 {
        let _ = vm.host.close(fd);
    }
    Ok(Value::None)
}
