//! Owners and special files: `chown`, `lchown`, `fchown`, `mkfifo`, `mknod`, and the device
//! number arithmetic `major`, `minor`, `makedev` (CPython: `Modules/posixmodule.c`,
//! `os_chown_impl` and neighbours; ids read as `_Py_Uid_Converter` reads them).
//!
//! The calls go to the `Host`; the sandbox refuses them with `PermissionError`. The device
//! number helpers are pure arithmetic in glibc's encoding of `dev_t`.

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

use super::{bind, fd_arg, host_err, path};
use crate::object::Payload;
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

/// The functions this file adds to `posix`.
pub(super) const FUNCTIONS: &[(&str, crate::objects::function::NativeFn)] = &[
    ("chown", posix_chown),
    ("lchown", posix_lchown),
    ("fchown", posix_fchown),
    ("mkfifo", posix_mkfifo),
    ("mknod", posix_mknod),
    ("major", posix_major),
    ("minor", posix_minor),
    ("makedev", posix_makedev),
];

/// A uid or gid argument (`what` names it): -1 keeps the id (`None`); CPython's converter
/// calls anything else outside `uid_t` "less than minimum", except values past a C long.
fn id_arg(vm: &mut Vm, v: &Value, what: &str) -> PyResult<Option<u32>> {
    let is_int = matches!(v, Value::Int(_) | Value::Bool(_))
        || matches!(v.payload(), Some(Payload::Int(_)))
        || vm.lookup_special_str(v, "__index__").is_some();
    if !is_int {
        return Err(vm.type_error(format!("{what} should be integer, not {}", vm.type_name(v))));
    }
    let i = vm.index_value(v)?;
    let n = vm.to_bigint(&i)?;
    match n.to_i64() {
        Some(-1) => Ok(None),
        Some(n) => match u32::try_from(n) {
            Ok(u32::MAX) => Ok(None),
            Ok(id) => Ok(Some(id)),
            Err(_) => Err(vm.overflow_error(format!("{what} is less than minimum"))),
        },
        None if n.sign() == Sign::Minus => {
            Err(vm.overflow_error(format!("{what} is less than minimum")))
        }
        None => Err(vm.overflow_error(format!("{what} is greater than maximum"))),
    }
}

/// An unsigned C integer argument of `bits` bits (`dev_t`, `mode_t` via `unsigned int`).
fn unsigned_arg(vm: &mut Vm, v: &Value, bits: u32) -> PyResult<u64> {
    let is_int =
        matches!(v, Value::Int(_) | Value::Bool(_)) || matches!(v.payload(), Some(Payload::Int(_)));
    if !is_int && vm.lookup_special_str(v, "__index__").is_none() {
        return Err(vm.type_error("an integer is required"));
    }
    let i = vm.index_value(v)?;
    let n: BigInt = vm.to_bigint(&i)?;
    if n.sign() == Sign::Minus {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    match n.to_u64() {
        Some(x) if bits == 64 || x >> bits == 0 => Ok(x),
        _ => Err(vm.overflow_error("int too big to convert")),
    }
}

/// A C `int` argument.
fn c_int_arg(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let i = vm.index_value(v)?;
    let n = vm.to_bigint(&i)?;
    n.to_i32().ok_or_else(|| {
        vm.overflow_error(if n.sign() == Sign::Minus {
            "Python int too small to convert to C int"
        } else {
            "Python int too large to convert to C int"
        })
    })
}

/// `dir_fd` is not supported (`os.supports_dir_fd` is empty): CPython's words for a
/// platform without it.
fn no_dir_fd(vm: &mut Vm, v: Option<&Value>) -> PyResult<()> {
    match v {
        None | Some(Value::None) => Ok(()),
        Some(_) => Err(vm.not_implemented_error("dir_fd unavailable on this platform")),
    }
}

/// `os.chown(path, uid, gid, *, dir_fd=None, follow_symlinks=True)`; `path` may be an open
/// descriptor.
fn posix_chown(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    chown_common(vm, args, "chown", true)
}

/// `os.lchown(path, uid, gid)`
fn posix_lchown(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    chown_common(vm, args, "lchown", false)
}

fn chown_common(vm: &mut Vm, args: Args<'_>, func: &str, full: bool) -> PyResult<Value> {
    let names: &[&str] = if full {
        &["path", "uid", "gid", "dir_fd", "follow_symlinks"]
    } else {
        &["path", "uid", "gid"]
    };
    if full && args.pos().len() > 3 {
        return Err(vm.type_error(format!(
            "{func}() takes exactly 3 positional arguments ({} given)",
            args.pos().len()
        )));
    }
    let a = bind(vm, &args, func, names, 3, 3)?;
    let target = a[0].clone().unwrap_or(Value::None);
    // A descriptor (`Ok`) or a path (`Err`), read before the ids as CPython's converters run.
    let dest = if full && matches!(target, Value::Int(_)) {
        Ok(fd_arg(vm, &target)?)
    } else {
        Err(path(vm, &target, func, "path")?)
    };
    let uid = id_arg(vm, a[1].as_ref().unwrap_or(&Value::None), "uid")?;
    let gid = id_arg(vm, a[2].as_ref().unwrap_or(&Value::None), "gid")?;
    let follow = match a.get(4).and_then(|v| v.clone()) {
        Some(v) => vm.is_true(&v)?,
        None => full,
    };
    no_dir_fd(vm, a.get(3).and_then(|v| v.as_ref()))?;
    vm.run_finalizers();
    match dest {
        Ok(fd) => {
            if !follow {
                return Err(vm.value_error(format!(
                    "{func}: cannot use fd and follow_symlinks together"
                )));
            }
            vm.host
                .fchown(fd, uid, gid)
                .map_err(|e| vm.os_error_io(&e, Some(&target)))?;
        }
        Err(p) => vm
            .host
            .chown(&p.path, uid, gid, follow)
            .map_err(|e| host_err(vm, &e, &p))?,
    }
    Ok(Value::None)
}

/// `os.fchown(fd, uid, gid)`
fn posix_fchown(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "fchown", &["fd", "uid", "gid"], 3, 3)?;
    let fd = fd_arg(vm, a[0].as_ref().unwrap_or(&Value::None))?;
    let uid = id_arg(vm, a[1].as_ref().unwrap_or(&Value::None), "uid")?;
    let gid = id_arg(vm, a[2].as_ref().unwrap_or(&Value::None), "gid")?;
    vm.run_finalizers();
    vm.host
        .fchown(fd, uid, gid)
        .map_err(|e| vm.os_error_io(&e, None))?;
    Ok(Value::None)
}

/// `os.mkfifo(path, mode=0o666, *, dir_fd=None)`
fn posix_mkfifo(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "mkfifo", &["path", "mode", "dir_fd"], 1, 2)?;
    let target = a[0].clone().unwrap_or(Value::None);
    let p = path(vm, &target, "mkfifo", "path")?;
    let mode = match &a[1] {
        Some(v) => c_int_arg(vm, v)?,
        None => 0o666,
    };
    no_dir_fd(vm, a[2].as_ref())?;
    vm.run_finalizers();
    // CPython raises this one without the file name.
    vm.host
        .mkfifo(&p.path, mode as u32)
        .map_err(|e| vm.os_error_io(&e, None))?;
    Ok(Value::None)
}

/// `os.mknod(path, mode=0o600, device=0, *, dir_fd=None)`
fn posix_mknod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(
        vm,
        &args,
        "mknod",
        &["path", "mode", "device", "dir_fd"],
        1,
        3,
    )?;
    let target = a[0].clone().unwrap_or(Value::None);
    let p = path(vm, &target, "mknod", "path")?;
    let mode = match &a[1] {
        Some(v) => c_int_arg(vm, v)?,
        None => 0o600,
    };
    let dev = match &a[2] {
        Some(v) => unsigned_arg(vm, v, 64)?,
        None => 0,
    };
    no_dir_fd(vm, a[3].as_ref())?;
    vm.run_finalizers();
    vm.host
        .mknod(&p.path, mode as u32, dev)
        .map_err(|e| vm.os_error_io(&e, None))?;
    Ok(Value::None)
}

/// glibc's `gnu_dev_major`: bits 8..20 and 44..64 of the device number.
fn major_of(dev: u64) -> u32 {
    (((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff)) as u32
}

/// glibc's `gnu_dev_minor`: bits 0..8 and 20..44.
fn minor_of(dev: u64) -> u32 {
    ((dev & 0xff) | ((dev >> 12) & !0xff)) as u32
}

/// glibc's `gnu_dev_makedev`, the inverse of the two above.
fn makedev(major: u32, minor: u32) -> u64 {
    let (ma, mi) = (u64::from(major), u64::from(minor));
    ((ma & 0xfff) << 8) | ((ma & !0xfff) << 32) | (mi & 0xff) | ((mi & !0xff) << 12)
}

/// `os.major(device)`
fn posix_major(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "major", &["device"], 1, 1)?;
    let dev = unsigned_arg(vm, a[0].as_ref().unwrap_or(&Value::None), 64)?;
    Ok(Value::Int(i64::from(major_of(dev))))
}

/// `os.minor(device)`
fn posix_minor(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "minor", &["device"], 1, 1)?;
    let dev = unsigned_arg(vm, a[0].as_ref().unwrap_or(&Value::None), 64)?;
    Ok(Value::Int(i64::from(minor_of(dev))))
}

/// `os.makedev(major, minor)`: C ints (a negative one wraps, as in C); the result is read back
/// as a signed 64-bit number, as CPython returns a `dev_t`.
fn posix_makedev(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind(vm, &args, "makedev", &["major", "minor"], 2, 2)?;
    let ma = c_int_arg(vm, a[0].as_ref().unwrap_or(&Value::None))?;
    let mi = c_int_arg(vm, a[1].as_ref().unwrap_or(&Value::None))?;
    Ok(Value::Int(makedev(ma as u32, mi as u32) as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_numbers_round_trip() {
        for (ma, mi) in [
            (0, 0),
            (8, 1),
            (300, 70000),
            (u32::MAX, u32::MAX),
            (0xfff, 0xff),
        ] {
            let d = makedev(ma, mi);
            assert_eq!((major_of(d), minor_of(d)), (ma, mi));
        }
        assert_eq!(makedev(8, 1), 2049);
        assert_eq!(makedev(u32::MAX, 0) as i64, -17592184996096);
    }
}
