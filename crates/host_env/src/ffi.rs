//! Foreign memory, shared libraries and calls for `_ctypes`: reading and writing memory by
//! address, `dlopen`/`dlsym`/`dlclose`, and calling a C function by address.
//!
//! Calls are made without libffi. On x86-64 System V, integer and pointer arguments travel in
//! six integer registers and then on the stack, floating-point ones in eight vector registers
//! and then on the stack, each class independently, and the stack slots are 8 bytes each in
//! argument order. So one variadic function-pointer type taking 6 integers, 8 doubles and a
//! fixed number of stack words covers every signature of scalar arguments: an argument is
//! placed in the next free register of its class, or else in the next stack word. Being
//! variadic, the call also sets `%al` (the number of vector registers used, 8 as an upper
//! bound), which variadic callees such as `printf` need; other callees ignore it. A `float`
//! travels as the low 32 bits of its vector register (or stack word). Structures by value and
//! `long double` are not supported (the caller refuses them). Other architectures refuse calls.

use std::ffi::{CStr, CString};
use std::io;

/// The most stack words a call may use.
pub const MAX_STACK_WORDS: usize = 16;
/// Addresses below this are refused as null-pointer accesses.
const LOW: usize = 4096;

/// One argument: its class and its 64 bits.
#[derive(Clone, Copy, Debug)]
pub enum Arg {
    /// An integer or pointer, already widened to 64 bits.
    Int(u64),
    /// A `double` (its bits), or a `float`'s bits in the low 32.
    Sse(u64),
}

/// What a call returns: `%rax` and `%xmm0`'s low 64 bits (the caller knows which it wants).
#[derive(Clone, Copy, Debug)]
pub struct Ret {
    /// `%rax`
    pub int: u64,
    /// `%xmm0` (low 64 bits)
    pub sse: u64,
    /// `errno` right after the call.
    pub errno: i32,
}

fn fault() -> io::Error {
    io::Error::from_raw_os_error(libc::EFAULT)
}

fn check(addr: usize, n: usize) -> io::Result<()> {
    if n > 0 && (addr < LOW || addr.checked_add(n).is_none()) {
        return Err(fault());
    }
    Ok(())
}

/// Copy `n` bytes from `addr`.
pub fn read(addr: usize, n: usize) -> io::Result<Vec<u8>> {
    check(addr, n)?;
    let mut out = vec![0u8; n];
    // SAFETY: the caller (ctypes) asserts `addr..addr+n` is readable memory, as C would.
    unsafe { std::ptr::copy(addr as *const u8, out.as_mut_ptr(), n) };
    Ok(out)
}

/// Copy `data` to `addr`.
pub fn write(addr: usize, data: &[u8]) -> io::Result<()> {
    check(addr, data.len())?;
    // SAFETY: the caller (ctypes) asserts `addr..addr+len` is writable memory, as C would.
    unsafe { std::ptr::copy(data.as_ptr(), addr as *mut u8, data.len()) };
    Ok(())
}

/// The length of the NUL-terminated string at `addr`, in units of `unit` bytes (1, or 4 for
/// `wchar_t`).
pub fn strlen(addr: usize, unit: usize) -> io::Result<usize> {
    check(addr, 1)?;
    let mut n = 0usize;
    loop {
        let p = addr.checked_add(n * unit).ok_or_else(fault)?;
        let mut z = true;
        for i in 0..unit {
            // SAFETY: reading up to the terminator, as strlen/wcslen do.
            if unsafe { *((p + i) as *const u8) } != 0 {
                z = false;
            }
        }
        if z {
            return Ok(n);
        }
        n += 1;
    }
}

fn dlerror_text() -> String {
    // SAFETY: dlerror returns null or a NUL-terminated message owned by libc.
    let p = unsafe { libc::dlerror() };
    if p.is_null() {
        return "unknown dlopen error".into();
    }
    // SAFETY: non-null, NUL-terminated.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// `dlopen(name, mode)` (`None`: the main program). Errors carry `dlerror()`'s text.
pub fn dlopen(name: Option<&[u8]>, mode: i32) -> Result<usize, String> {
    let c = match name {
        Some(n) => Some(CString::new(n).map_err(|_| "embedded null byte".to_string())?),
        None => None,
    };
    let p = c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    // SAFETY: p is null or a valid C string; loading a library runs its constructors, which is
    // what the Python program asked for.
    let h = unsafe { libc::dlopen(p, mode) };
    if h.is_null() {
        return Err(dlerror_text());
    }
    Ok(h as usize)
}

/// `dlsym(handle, name)`. Errors carry `dlerror()`'s text.
pub fn dlsym(handle: usize, name: &[u8]) -> Result<usize, String> {
    let c = CString::new(name).map_err(|_| "embedded null byte".to_string())?;
    // SAFETY: clears any earlier error.
    unsafe { libc::dlerror() };
    // SAFETY: handle came from dlopen (or is RTLD_DEFAULT, 0); c is a valid C string.
    let p = unsafe { libc::dlsym(handle as *mut libc::c_void, c.as_ptr()) };
    if p.is_null() {
        return Err(dlerror_text());
    }
    Ok(p as usize)
}

/// `dlclose(handle)`: 0 on success.
pub fn dlclose(handle: usize) -> Result<(), String> {
    // SAFETY: handle came from dlopen.
    if unsafe { libc::dlclose(handle as *mut libc::c_void) } != 0 {
        return Err(dlerror_text());
    }
    Ok(())
}

/// Call the C function at `func` with `args`, reading `%xmm0` (`ret_sse`) or `%rax` as its
/// result; `errno` is set to `errno_in` first when given.
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
pub fn call(func: usize, args: &[Arg], ret_sse: bool, errno_in: Option<i32>) -> io::Result<Ret> {
    let mut ints = [0u64; 6];
    let mut sse = [0u64; 8];
    let mut stack = [0u64; MAX_STACK_WORDS];
    let (mut ni, mut ns, mut nst) = (0, 0, 0);
    for a in args {
        let (v, slot) = match *a {
            Arg::Int(v) if ni < 6 => (v, {
                ni += 1;
                &mut ints[ni - 1]
            }),
            Arg::Sse(v) if ns < 8 => (v, {
                ns += 1;
                &mut sse[ns - 1]
            }),
            Arg::Int(v) | Arg::Sse(v) => {
                if nst == MAX_STACK_WORDS {
                    return Err(io::Error::from_raw_os_error(libc::E2BIG));
                }
                nst += 1;
                (v, &mut stack[nst - 1])
            }
        };
        *slot = v;
    }
    if func < LOW {
        return Err(fault());
    }
    let f = |i: usize| f64::from_bits(sse[i]);
    let s = stack;
    type IntFn = unsafe extern "C" fn(u64, ...) -> u64;
    type SseFn = unsafe extern "C" fn(u64, ...) -> f64;
    // SAFETY: `func` is a function address the program obtained (dlsym, a CFUNCTYPE address);
    // calling it with the program's declared argument types is what ctypes does. The extra
    // register and stack arguments are ignored by the callee (the caller pops the stack).
    unsafe {
        if let Some(e) = errno_in {
            *libc::__errno_location() = e;
        }
        let (mut int, mut ssev) = (0u64, 0u64);
        if ret_sse {
            let fs: SseFn = std::mem::transmute::<usize, SseFn>(func);
            ssev = fs(
                ints[0],
                ints[1],
                ints[2],
                ints[3],
                ints[4],
                ints[5],
                f(0),
                f(1),
                f(2),
                f(3),
                f(4),
                f(5),
                f(6),
                f(7),
                s[0],
                s[1],
                s[2],
                s[3],
                s[4],
                s[5],
                s[6],
                s[7],
                s[8],
                s[9],
                s[10],
                s[11],
                s[12],
                s[13],
                s[14],
                s[15],
            )
            .to_bits();
        } else {
            let fi: IntFn = std::mem::transmute::<usize, IntFn>(func);
            int = fi(
                ints[0],
                ints[1],
                ints[2],
                ints[3],
                ints[4],
                ints[5],
                f(0),
                f(1),
                f(2),
                f(3),
                f(4),
                f(5),
                f(6),
                f(7),
                s[0],
                s[1],
                s[2],
                s[3],
                s[4],
                s[5],
                s[6],
                s[7],
                s[8],
                s[9],
                s[10],
                s[11],
                s[12],
                s[13],
                s[14],
                s[15],
            );
        }
        let errno = *libc::__errno_location();
        Ok(Ret {
            int,
            sse: ssev,
            errno,
        })
    }
}

/// Calls are only implemented for x86-64 Linux.
#[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
pub fn call(
    _func: usize,
    _args: &[Arg],
    _ret_sse: bool,
    _errno_in: Option<i32>,
) -> io::Result<Ret> {
    Err(io::Error::from_raw_os_error(libc::ENOSYS))
}
