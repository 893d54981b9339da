//! `OSError` from an errno (CPython: `PyErr_SetFromErrnoWithFilenameObjects`): the subclass
//! CPython's `errnomap` picks, glibc's message, and the file names; plus `os.fspath`'s
//! argument conversion, shared by `open()` and `posix`. No host access here: the errors come
//! in as values.

use std::io;

use crate::object::Payload;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

/// glibc's `strerror` text for a Linux errno.
pub fn strerror(errno: i32) -> String {
    let s = match errno {
        0 => "Success",
        1 => "Operation not permitted",
        2 => "No such file or directory",
        3 => "No such process",
        4 => "Interrupted system call",
        5 => "Input/output error",
        6 => "No such device or address",
        7 => "Argument list too long",
        8 => "Exec format error",
        9 => "Bad file descriptor",
        10 => "No child processes",
        11 => "Resource temporarily unavailable",
        12 => "Cannot allocate memory",
        13 => "Permission denied",
        14 => "Bad address",
        16 => "Device or resource busy",
        17 => "File exists",
        18 => "Invalid cross-device link",
        19 => "No such device",
        20 => "Not a directory",
        21 => "Is a directory",
        22 => "Invalid argument",
        23 => "Too many open files in system",
        24 => "Too many open files",
        25 => "Inappropriate ioctl for device",
        26 => "Text file busy",
        27 => "File too large",
        28 => "No space left on device",
        29 => "Illegal seek",
        30 => "Read-only file system",
        31 => "Too many links",
        32 => "Broken pipe",
        33 => "Numerical argument out of domain",
        34 => "Numerical result out of range",
        35 => "Resource deadlock avoided",
        36 => "File name too long",
        38 => "Function not implemented",
        39 => "Directory not empty",
        40 => "Too many levels of symbolic links",
        95 => "Operation not supported",
        97 => "Address family not supported by protocol",
        98 => "Address already in use",
        99 => "Cannot assign requested address",
        101 => "Network is unreachable",
        103 => "Software caused connection abort",
        104 => "Connection reset by peer",
        110 => "Connection timed out",
        111 => "Connection refused",
        113 => "No route to host",
        _ => return format!("Unknown error {errno}"),
    };
    s.to_string()
}

/// The errno of a host error (errors without one are `EIO`).
pub fn errno_of(e: &io::Error) -> i32 {
    if let Some(n) = e.raw_os_error() {
        return n;
    }
    use io::ErrorKind as K;
    match e.kind() {
        K::NotFound => 2,
        K::PermissionDenied => 13,
        K::AlreadyExists => 17,
        K::NotADirectory => 20,
        K::IsADirectory => 21,
        K::InvalidInput => 22,
        K::DirectoryNotEmpty => 39,
        K::ReadOnlyFilesystem => 30,
        K::StorageFull => 28,
        K::BrokenPipe => 32,
        K::Interrupted => 4,
        K::WouldBlock => 11,
        _ => 5,
    }
}

/// A path argument after `os.fspath`: its text, and whether it was bytes (results then
/// come back as bytes, as CPython's `path_t` does).
pub struct PathArg {
    /// The path as text (bytes decoded as UTF-8 with `surrogateescape`-like lossiness).
    pub path: String,
    /// The original object, for error messages (`filename`).
    pub obj: Value,
    /// The argument was bytes.
    pub bytes: bool,
}

impl Vm {
    /// `OSError(errno, strerror(errno), filename, None, filename2)`: CPython picks the
    /// subclass from the errno.
    pub fn os_error_errno(
        &mut self,
        errno: i32,
        filename: Option<&Value>,
        filename2: Option<&Value>,
    ) -> PyErr {
        let msg = self.new_string(strerror(errno));
        let mut args = vec![Value::Int(i64::from(errno)), msg];
        if let Some(f) = filename {
            args.push(f.clone());
            if let Some(f2) = filename2 {
                args.push(Value::None);
                args.push(f2.clone());
            }
        }
        let t = Value::Obj(self.types.os_error.clone());
        match self.call_pos(&t, &args) {
            Ok(Value::Obj(o)) => PyErr(o),
            Ok(_) => self.type_error("OSError"),
            Err(e) => e,
        }
    }

    /// An `OSError` subclass for a host error on `filename`.
    pub fn os_error_io(&mut self, e: &io::Error, filename: Option<&Value>) -> PyErr {
        self.os_error_errno(errno_of(e), filename, None)
    }

    /// `os.fspath` for a path argument of `func`: str, bytes, or an `os.PathLike`.
    pub fn path_arg(&mut self, v: &Value, func: &str, what: &str) -> PyResult<PathArg> {
        match v.payload() {
            Some(Payload::Str(_)) => {
                let path = self.str_text(v);
                // CPython encodes str paths first (PyUnicode_FSConverter), which words it so.
                if path.contains('\0') {
                    return Err(self.value_error("embedded null byte"));
                }
                return Ok(PathArg {
                    path,
                    obj: v.clone(),
                    bytes: false,
                });
            }
            Some(Payload::Bytes(b)) => {
                if b.contains(&0) {
                    return Err(self.value_error(if func == "open" || func == "FileIO" {
                        String::from("embedded null byte")
                    } else {
                        format!("{func}: embedded null character in {what}")
                    }));
                }
                let path = String::from_utf8_lossy(b).into_owned();
                return Ok(PathArg {
                    path,
                    obj: v.clone(),
                    bytes: true,
                });
            }
            _ => {}
        }
        if let Some(f) = self.lookup_special_str(v, "__fspath__") {
            let r = self.call_method_value(&f, v, &[])?;
            return match r.payload() {
                Some(Payload::Str(_) | Payload::Bytes(_)) => {
                    let mut p = self.path_arg(&r, func, what)?;
                    p.obj = r;
                    Ok(p)
                }
                _ => Err(self.type_error(format!(
                    "expected {}.__fspath__() to return str or bytes, not {}",
                    self.type_name(v),
                    self.type_name(&r)
                ))),
            };
        }
        Err(self.type_error(format!(
            "{func}: {what} should be string, bytes or os.PathLike, not {}",
            self.type_name(v)
        )))
    }
}
