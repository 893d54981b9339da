//! `crypt(3)`, from the system's libcrypt (libxcrypt or glibc's), loaded on first use so the
//! binary has no link-time dependency on it: without the library every call is `ENOSYS`.

use std::ffi::{CStr, CString, c_char};
use std::io;
use std::sync::{Mutex, OnceLock};

type CryptFn = unsafe extern "C" fn(*const c_char, *const c_char) -> *mut c_char;

/// The address of `crypt` in libcrypt, if it could be loaded.
static CRYPT: OnceLock<Option<usize>> = OnceLock::new();
/// `crypt` returns a static buffer: one caller at a time.
static LOCK: Mutex<()> = Mutex::new(());

fn load() -> Option<usize> {
    for lib in [c"libcrypt.so.1", c"libcrypt.so.2", c"libcrypt.so"] {
        // SAFETY: `lib` is a NUL-terminated name; dlopen has no other preconditions.
        let h = unsafe { libc::dlopen(lib.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
        if h.is_null() {
            continue;
        }
        // SAFETY: `h` is a live handle (never closed), the symbol name NUL-terminated.
        let f = unsafe { libc::dlsym(h, c"crypt".as_ptr()) };
        if !f.is_null() {
            return Some(f as usize);
        }
    }
    None
}

/// `crypt(word, salt)`: the hash text, or the errno of a failure (`EINVAL` for a setting the
/// library rejects, `ENOSYS` when there is no libcrypt).
pub fn crypt(word: &[u8], salt: &[u8]) -> io::Result<Vec<u8>> {
    let einval = || io::Error::from_raw_os_error(libc::EINVAL);
    let w = CString::new(word).map_err(|_| einval())?;
    let s = CString::new(salt).map_err(|_| einval())?;
    let Some(addr) = *CRYPT.get_or_init(load) else {
        return Err(io::Error::from_raw_os_error(libc::ENOSYS));
    };
    // SAFETY: `addr` is libcrypt's `crypt`, whose C signature is `CryptFn`.
    let f: CryptFn = unsafe { std::mem::transmute::<usize, CryptFn>(addr) };
    let _guard = LOCK.lock().unwrap_or_else(|p| p.into_inner());
    // SAFETY: clearing errno first, as crypt reports failures through it.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: both arguments are NUL-terminated strings that outlive the call.
    let r = unsafe { f(w.as_ptr(), s.as_ptr()) };
    if r.is_null() {
        let e = io::Error::last_os_error();
        return Err(if e.raw_os_error() == Some(0) {
            einval()
        } else {
            e
        });
    }
    // SAFETY: a non-null result is a NUL-terminated string in libcrypt's static buffer,
    // copied out while the lock is held.
    Ok(unsafe { CStr::from_ptr(r) }.to_bytes().to_vec())
}
