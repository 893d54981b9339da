//! Processes: `_posixsubprocess.fork_exec` (CPython: `Modules/_posixsubprocess.c`) and the
//! process calls of `posix` (`fork`, `exec*`, `waitpid`, `kill`, process groups, sessions,
//! descriptor flags). Everything goes to the interpreter's `Host`: `OsHost` does it, every
//! other host refuses with `PermissionError: [Errno 1] Operation not permitted`.

use crate::host::SpawnSpec;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

/// Add the process calls to the `posix` module.
pub(super) fn init_posix(vm: &mut Vm, m: &ObjRef) {
    vm.add_functions(
        m,
        &[
            ("fork", posix_fork),
            ("register_at_fork", posix_register_at_fork),
            ("execv", posix_execv),
            ("execve", posix_execve),
            ("_exit", posix_exit),
            ("abort", posix_abort),
            ("waitpid", posix_waitpid),
            ("wait", posix_wait),
            ("kill", posix_kill),
            ("killpg", posix_killpg),
            ("getpgid", posix_getpgid),
            ("setpgid", posix_setpgid),
            ("getpgrp", posix_getpgrp),
            ("setpgrp", posix_setpgrp),
            ("getsid", posix_getsid),
            ("setsid", posix_setsid),
            ("getppid", posix_getppid),
            ("get_inheritable", posix_get_inheritable),
            ("set_inheritable", posix_set_inheritable),
            ("get_blocking", posix_get_blocking),
            ("set_blocking", posix_set_blocking),
            ("WCOREDUMP", posix_wcoredump),
            ("WIFCONTINUED", posix_wifcontinued),
        ],
    );
    for (name, v) in [("WNOHANG", 1), ("WUNTRACED", 2), ("WCONTINUED", 8)] {
        super::set_attr(vm, m, name, Value::Int(v));
    }
}

/// Fill `_posixsubprocess`.
pub(super) fn init_posixsubprocess(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(m, &[("fork_exec", fork_exec)]);
    Ok(())
}

fn os_err(vm: &mut Vm, e: &std::io::Error) -> PyErr {
    vm.os_error_io(e, None)
}

fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let n = vm.index_to_i64(v)?;
    i32::try_from(n).map_err(|_| {
        vm.overflow_error(if n < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        })
    })
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

/// `PyUnicode_FSConverter`: str (UTF-8), bytes, or an `os.PathLike` giving either.
fn fs_bytes(vm: &mut Vm, v: &Value, func: &str) -> PyResult<Vec<u8>> {
    let ok = matches!(v.payload(), Some(Payload::Str(_) | Payload::Bytes(_)))
        || vm.lookup_special_str(v, "__fspath__").is_some();
    if !ok {
        return Err(vm.type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            vm.type_name(v)
        )));
    }
    let p = vm.path_arg(v, func, "path")?;
    if let Some(Payload::Bytes(b)) = p.obj.payload() {
        if b.contains(&0) {
            return Err(vm.value_error("embedded null byte"));
        }
        return Ok(b.to_vec());
    }
    Ok(p.path.into_bytes())
}

fn fs_list(vm: &mut Vm, v: &Value, func: &str) -> PyResult<Vec<Vec<u8>>> {
    let items = vm.iterate(v)?;
    items.iter().map(|x| fs_bytes(vm, x, func)).collect()
}

// fork and its hooks.

const HOOKS: [&str; 3] = [
    "posix.at_fork.before",
    "posix.at_fork.child",
    "posix.at_fork.parent",
];

fn hooks(vm: &mut Vm, which: usize) -> Vec<Value> {
    match vm
        .mods
        .ext_values
        .get(HOOKS[which])
        .and_then(Value::payload)
    {
        Some(Payload::List(l)) => l.borrow().to_vec(),
        _ => Vec::new(),
    }
}

/// Run fork hooks as CPython does: `before` in reverse registration order, the others in
/// registration order; an exception is reported as unraisable and the rest still run.
fn run_hooks(vm: &mut Vm, which: usize) {
    let mut hs = hooks(vm, which);
    if which == 0 {
        hs.reverse();
    }
    for h in hs {
        if let Err(e) = vm.call_pos(&h, &[]) {
            vm.write_unraisable(e, None, &h);
        }
    }
}

/// `register_at_fork(*, before, after_in_child, after_in_parent)`.
fn posix_register_at_fork(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let names = ["before", "after_in_child", "after_in_parent"];
    if !args.pos().is_empty() {
        return Err(vm.type_error("register_at_fork() takes no positional arguments"));
    }
    let a = crate::native::bind_args(vm, &args, "register_at_fork", &names, 0)?;
    if a.iter().all(Value::is_null) {
        return Err(vm.type_error("At least one argument is required."));
    }
    for (v, n) in a.iter().zip(names) {
        if !v.is_null() && vm.lookup_special_str(v, "__call__").is_none() {
            return Err(vm.type_error(format!("'{n}' must be callable, not {}", vm.type_name(v))));
        }
    }
    for (i, v) in a.iter().enumerate() {
        if v.is_null() {
            continue;
        }
        let list = match vm.mods.ext_values.get(HOOKS[i]) {
            Some(l) => l.clone(),
            None => {
                let l = vm.new_list(Vec::new());
                vm.mods.ext_values.insert(HOOKS[i], l.clone());
                l
            }
        };
        if let Some(Payload::List(l)) = list.payload() {
            l.borrow_mut().push(v.clone());
        }
    }
    Ok(Value::None)
}

fn posix_fork(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::pos_args(vm, &args, "fork", 0, 0)?;
    run_hooks(vm, 0);
    match vm.host.fork() {
        Ok(0) => {
            vm.after_fork_child();
            run_hooks(vm, 1);
            Ok(Value::Int(0))
        }
        Ok(pid) => {
            run_hooks(vm, 2);
            Ok(Value::Int(i64::from(pid)))
        }
        Err(e) => {
            run_hooks(vm, 2);
            Err(os_err(vm, &e))
        }
    }
}

// exec.

fn exec_argv(vm: &mut Vm, v: &Value, func: &str) -> PyResult<Vec<Vec<u8>>> {
    if !matches!(v.payload(), Some(Payload::Tuple(_) | Payload::List(_))) {
        return Err(vm.type_error(format!("{func}() arg 2 must be a tuple or list")));
    }
    let argv = fs_list(vm, v, func)?;
    match argv.first() {
        None => Err(vm.value_error(format!("{func}() arg 2 must not be empty"))),
        Some(a) if a.is_empty() => {
            Err(vm.value_error(format!("{func}() arg 2 first element cannot be empty")))
        }
        Some(_) => Ok(argv),
    }
}

fn do_exec(vm: &mut Vm, path: &Value, argv: &[Vec<u8>], env: Option<&[Vec<u8>]>) -> PyErr {
    let p = match fs_bytes(vm, path, "execv") {
        Ok(p) => p,
        Err(e) => return e,
    };
    let e = vm.host.execve(&p, argv, env);
    vm.os_error_io(&e, None)
}

fn posix_execv(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::no_kwargs(vm, &args, "execv")?;
    let a = crate::native::pos_args(vm, &args, "execv", 2, 2)?;
    fs_bytes(vm, &a[0], "execv")?;
    let argv = exec_argv(vm, &a[1], "execv")?;
    Err(do_exec(vm, &a[0], &argv, None))
}

fn posix_execve(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::bind_args(vm, &args, "execve", &["path", "argv", "env"], 3)?;
    fs_bytes(vm, &a[0], "execve")?;
    let argv = exec_argv(vm, &a[1], "execve")?;
    if vm.lookup_special_str(&a[2], "keys").is_none() {
        return Err(vm.type_error("execve: environment must be a mapping object"));
    }
    let keys_fn = vm.getattr_str(&a[2], "keys")?;
    let keys = vm.call_pos(&keys_fn, &[])?;
    let keys = vm.iterate(&keys)?;
    let mut env = Vec::with_capacity(keys.len());
    for k in keys {
        let v = vm.getitem(&a[2], &k)?;
        let mut kb = fs_bytes(vm, &k, "execve")?;
        if kb.is_empty() || kb[1..].contains(&b'=') {
            return Err(vm.value_error("illegal environment variable name"));
        }
        let vb = fs_bytes(vm, &v, "execve")?;
        kb.push(b'=');
        kb.extend_from_slice(&vb);
        env.push(kb);
    }
    Err(do_exec(vm, &a[0], &argv, Some(&env)))
}

fn posix_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::bind_args(vm, &args, "_exit", &["status"], 1)?;
    let code = int_arg(vm, &a[0])?;
    match vm.host.exit_now(code) {
        Ok(()) => Ok(Value::None),
        Err(e) => Err(os_err(vm, &e)),
    }
}

/// `os.abort()`: SIGABRT at once; a Python handler for SIGABRT is not called.
fn posix_abort(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::pos_args(vm, &args, "posix.abort", 0, 0)?;
    match vm.host.abort() {
        Ok(()) => Ok(Value::None),
        Err(e) => Err(os_err(vm, &e)),
    }
}

// wait.

fn posix_waitpid(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::no_kwargs(vm, &args, "waitpid")?;
    let a = crate::native::pos_args(vm, &args, "waitpid", 2, 2)?;
    let pid = int_arg(vm, &a[0])?;
    let options = int_arg(vm, &a[1])?;
    let (p, status) = wait_pid(vm, pid, options)?;
    Ok(vm.new_tuple(vec![
        Value::Int(i64::from(p)),
        Value::Int(i64::from(status)),
    ]))
}

/// `waitpid`. With other Python threads about, a blocking wait polls with `WNOHANG` and the
/// interpreter lock released between polls (backing off to 20 ms), so they run meanwhile and
/// the interrupt check (limits, Ctrl-C) runs between polls.
fn wait_pid(vm: &mut Vm, pid: i32, options: i32) -> PyResult<(i32, i32)> {
    const WNOHANG: i32 = 1;
    let detached = match (vm.host.detached_waitpid(), vm.host.detached_sleep()) {
        (Some(w), Some(s)) if vm.threads_active() && options & WNOHANG == 0 => Some((w, s)),
        _ => None,
    };
    let Some((wait, sleep)) = detached else {
        return vm.host.waitpid(pid, options).map_err(|e| os_err(vm, &e));
    };
    let mut pause = 0.001;
    loop {
        match vm.allow_threads(move || wait(pid, options | WNOHANG)) {
            Ok((0, _)) => {}
            Ok(r) => return Ok(r),
            Err(e) if e.raw_os_error() == Some(4) => {}
            Err(e) => return Err(os_err(vm, &e)),
        }
        vm.allow_threads(move || sleep(pause));
        pause = (pause * 2.0_f64).min(0.02);
        vm.check_now()?;
    }
}

fn posix_wait(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::pos_args(vm, &args, "wait", 0, 0)?;
    let (p, status) = wait_pid(vm, -1, 0)?;
    Ok(vm.new_tuple(vec![
        Value::Int(i64::from(p)),
        Value::Int(i64::from(status)),
    ]))
}

fn status_arg(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<i64> {
    let a = crate::native::bind_args(vm, args, name, &["status"], 1)?;
    vm.index_to_i64(&a[0])
}

fn posix_wcoredump(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = status_arg(vm, &args, "WCOREDUMP")?;
    Ok(Value::bool(s & 0x80 != 0))
}

fn posix_wifcontinued(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = status_arg(vm, &args, "WIFCONTINUED")?;
    Ok(Value::bool(s == 0xffff))
}

// Signals to processes, groups and sessions.

fn two_ints(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<(i32, i32)> {
    crate::native::no_kwargs(vm, args, name)?;
    let a = crate::native::pos_args(vm, args, name, 2, 2)?;
    Ok((int_arg(vm, &a[0])?, int_arg(vm, &a[1])?))
}

fn one_int(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<i32> {
    crate::native::no_kwargs(vm, args, name)?;
    let a = crate::native::pos_args(vm, args, name, 1, 1)?;
    int_arg(vm, &a[0])
}

fn unit(vm: &mut Vm, r: std::io::Result<()>) -> PyResult<Value> {
    r.map(|()| Value::None).map_err(|e| os_err(vm, &e))
}

fn number(vm: &mut Vm, r: std::io::Result<i32>) -> PyResult<Value> {
    r.map(|n| Value::Int(i64::from(n)))
        .map_err(|e| os_err(vm, &e))
}

fn posix_kill(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (pid, sig) = two_ints(vm, &args, "kill")?;
    let r = vm.host.kill(pid, sig);
    unit(vm, r)?;
    // A signal sent to this process has arrived by now: its handler runs before the
    // next line, as CPython's eval breaker runs it after the call.
    vm.tick(0)?;
    Ok(Value::None)
}

fn posix_killpg(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (pgid, sig) = two_ints(vm, &args, "killpg")?;
    let r = vm.host.killpg(pgid, sig);
    unit(vm, r)?;
    // A signal sent to this process has arrived by now: its handler runs before the
    // next line, as CPython's eval breaker runs it after the call.
    vm.tick(0)?;
    Ok(Value::None)
}

fn posix_getpgid(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pid = one_int(vm, &args, "getpgid")?;
    let r = vm.host.getpgid(pid);
    number(vm, r)
}

fn posix_setpgid(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (pid, pgid) = two_ints(vm, &args, "setpgid")?;
    let r = vm.host.setpgid(pid, pgid);
    unit(vm, r)
}

fn posix_getpgrp(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::pos_args(vm, &args, "getpgrp", 0, 0)?;
    let r = vm.host.getpgid(0);
    number(vm, r)
}

fn posix_setpgrp(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::pos_args(vm, &args, "setpgrp", 0, 0)?;
    let r = vm.host.setpgid(0, 0);
    unit(vm, r)
}

fn posix_getsid(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pid = one_int(vm, &args, "getsid")?;
    let r = vm.host.getsid(pid);
    number(vm, r)
}

fn posix_setsid(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::pos_args(vm, &args, "setsid", 0, 0)?;
    let r = vm.host.setsid().map(drop);
    unit(vm, r)
}

fn posix_getppid(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::pos_args(vm, &args, "getppid", 0, 0)?;
    Ok(Value::Int(i64::from(vm.host.getppid())))
}

// Descriptor flags.

fn posix_get_inheritable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::no_kwargs(vm, &args, "get_inheritable")?;
    let a = crate::native::pos_args(vm, &args, "get_inheritable", 1, 1)?;
    let fd = fd_arg(vm, &a[0])?;
    let r = vm.host.get_inheritable(fd);
    r.map(Value::bool).map_err(|e| os_err(vm, &e))
}

fn posix_set_inheritable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::no_kwargs(vm, &args, "set_inheritable")?;
    let a = crate::native::pos_args(vm, &args, "set_inheritable", 2, 2)?;
    let fd = fd_arg(vm, &a[0])?;
    let on = vm.index_to_i64(&a[1])? != 0;
    let r = vm.host.set_inheritable(fd, on);
    unit(vm, r)
}

fn posix_get_blocking(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::no_kwargs(vm, &args, "get_blocking")?;
    let a = crate::native::pos_args(vm, &args, "get_blocking", 1, 1)?;
    let fd = fd_arg(vm, &a[0])?;
    let r = vm.host.get_blocking(fd);
    r.map(Value::bool).map_err(|e| os_err(vm, &e))
}

fn posix_set_blocking(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::no_kwargs(vm, &args, "set_blocking")?;
    let a = crate::native::pos_args(vm, &args, "set_blocking", 2, 2)?;
    let fd = fd_arg(vm, &a[0])?;
    let on = vm.index_to_i64(&a[1])? != 0;
    let r = vm.host.set_blocking(fd, on);
    unit(vm, r)
}

// _posixsubprocess.fork_exec

fn opt_id(vm: &mut Vm, v: &Value) -> PyResult<Option<u32>> {
    if v.is_none() {
        return Ok(None);
    }
    let n = vm.index_to_i64(v)?;
    u32::try_from(n)
        .map(Some)
        .map_err(|_| vm.overflow_error("uid/gid out of range"))
}

/// `fork_exec(args, executable_list, close_fds, pass_fds, cwd, env, p2cread, p2cwrite,
/// c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write, restore_signals,
/// call_setsid, pgid_to_set, gid, extra_groups, uid, child_umask, preexec_fn, allow_vfork)`.
fn fork_exec(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::no_kwargs(vm, &args, "fork_exec")?;
    let a = args.pos();
    if a.len() != 23 {
        return Err(vm.type_error(format!(
            "fork_exec() takes exactly 23 arguments ({} given)",
            a.len()
        )));
    }
    let close_fds = vm.is_true(&a[2])?;
    let Some(Payload::Tuple(keep)) = a[3].payload() else {
        return Err(vm.type_error(format!(
            "fork_exec() argument 4 must be tuple, not {}",
            vm.type_name(&a[3])
        )));
    };
    let keep = keep.to_vec();
    let mut pass_fds = Vec::with_capacity(keep.len());
    let mut prev = -1i64;
    for k in &keep {
        let n = match k {
            Value::Int(n) => *n,
            _ => return Err(vm.value_error("bad value(s) in fds_to_keep")),
        };
        if n < 0 || n <= prev || n > i64::from(i32::MAX) {
            return Err(vm.value_error("bad value(s) in fds_to_keep"));
        }
        prev = n;
        pass_fds.push(n as i32);
    }
    let argv = if a[0].is_none() {
        Vec::new()
    } else {
        fs_list(vm, &a[0], "fork_exec")?
    };
    let executables = fs_list(vm, &a[1], "fork_exec")?;
    let cwd = if a[4].is_none() {
        None
    } else {
        Some(fs_bytes(vm, &a[4], "fork_exec")?)
    };
    let env = if a[5].is_none() {
        None
    } else {
        Some(fs_list(vm, &a[5], "fork_exec")?)
    };
    let mut fds = [0i32; 8];
    for (i, v) in a[6..14].iter().enumerate() {
        fds[i] = int_arg(vm, v)?;
    }
    if close_fds && fds[7] < 3 {
        return Err(vm.value_error("errpipe_write must be >= 3"));
    }
    let restore_signals = vm.is_true(&a[14])?;
    let start_new_session = vm.is_true(&a[15])?;
    let process_group = int_arg(vm, &a[16])?;
    let gid = opt_id(vm, &a[17])?;
    let extra_groups = if a[18].is_none() {
        None
    } else {
        let items = vm.iterate(&a[18])?;
        let mut g = Vec::with_capacity(items.len());
        for x in &items {
            match opt_id(vm, x)? {
                Some(n) => g.push(n),
                None => return Err(vm.type_error("extra_groups must be a list of ints")),
            }
        }
        Some(g)
    };
    let uid = opt_id(vm, &a[19])?;
    let umask = int_arg(vm, &a[20])?;
    let preexec = a[21].clone();
    let spec = SpawnSpec {
        argv,
        executables,
        close_fds,
        pass_fds,
        cwd,
        env,
        p2cread: fds[0],
        p2cwrite: fds[1],
        c2pread: fds[2],
        c2pwrite: fds[3],
        errread: fds[4],
        errwrite: fds[5],
        errpipe_read: fds[6],
        errpipe_write: fds[7],
        restore_signals,
        start_new_session,
        process_group,
        gid,
        extra_groups,
        uid,
        umask,
    };
    if preexec.is_none() {
        let pid = vm
            .host
            .fork_exec(&spec, false)
            .map_err(|e| os_err(vm, &e))?;
        return Ok(Value::Int(i64::from(pid)));
    }
    // With a preexec_fn the host stops in the child before `exec` and returns 0 there: the
    // child runs the function in this interpreter (as CPython does), then execs.
    run_hooks(vm, 0);
    let r = vm.host.fork_exec(&spec, true);
    match r {
        Ok(0) => {
            run_hooks(vm, 1);
            let ok = vm.call_pos(&preexec, &[]).is_ok();
            let e = vm.host.child_exec(&spec, ok);
            let _ = vm.host.exit_now(255);
            Err(os_err(vm, &e))
        }
        Ok(pid) => {
            run_hooks(vm, 2);
            Ok(Value::Int(i64::from(pid)))
        }
        Err(e) => {
            run_hooks(vm, 2);
            Err(os_err(vm, &e))
        }
    }
}
