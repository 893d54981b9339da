//! The C library's locale: `setlocale`, `localeconv`, `nl_langinfo`, `wcscoll`, `wcsxfrm`.
//!
//! At its first use the process takes the user's `LC_CTYPE` from the environment, as CPython
//! does at startup (and, as CPython's PEP 538 coercion, "C.UTF-8" when that is plain "C").

use std::ffi::{CStr, CString};
use std::sync::Once;

use krait_common::host_types::LocaleConv;

static INIT: Once = Once::new();

// Not in the libc crate.
unsafe extern "C" {
    fn wcscoll(a: *const libc::wchar_t, b: *const libc::wchar_t) -> libc::c_int;
    fn wcsxfrm(dst: *mut libc::wchar_t, src: *const libc::wchar_t, n: libc::size_t)
    -> libc::size_t;
}

fn init() {
    INIT.call_once(|| {
        // SAFETY: setlocale with a valid category and NUL-terminated strings; the interpreter
        // lock serialises locale calls.
        unsafe {
            let got = libc::setlocale(libc::LC_CTYPE, c"".as_ptr());
            let plain = got.is_null() || matches!(CStr::from_ptr(got).to_bytes(), b"C" | b"POSIX");
            if plain {
                libc::setlocale(libc::LC_CTYPE, c"C.UTF-8".as_ptr());
            }
        }
    });
}

fn owned(p: *const libc::c_char) -> Vec<u8> {
    if p.is_null() {
        return Vec::new();
    }
    // SAFETY: a non-null string the C library returned is NUL-terminated.
    unsafe { CStr::from_ptr(p) }.to_bytes().to_vec()
}

/// `setlocale(category, locale)`; `None` for a query or a setting the C library refuses.
pub fn setlocale(category: i32, locale: Option<&[u8]>) -> Option<Vec<u8>> {
    init();
    let arg = match locale {
        Some(l) => Some(CString::new(l).ok()?),
        None => None,
    };
    let ptr = arg.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    // SAFETY: `ptr` is null (a query) or a NUL-terminated string alive for the call.
    let r = unsafe { libc::setlocale(category, ptr) };
    (!r.is_null()).then(|| owned(r))
}

/// The current locale's `struct lconv`.
pub fn localeconv() -> LocaleConv {
    init();
    // SAFETY: localeconv returns a static struct, read at once under the interpreter lock.
    let l = unsafe { &*libc::localeconv() };
    // `c_char` is signed on some targets and unsigned on others.
    #[allow(clippy::unnecessary_cast)]
    let n = |c: libc::c_char| c as i8;
    LocaleConv {
        strings: [
            owned(l.decimal_point),
            owned(l.thousands_sep),
            owned(l.int_curr_symbol),
            owned(l.currency_symbol),
            owned(l.mon_decimal_point),
            owned(l.mon_thousands_sep),
            owned(l.positive_sign),
            owned(l.negative_sign),
        ],
        numbers: [
            n(l.int_frac_digits),
            n(l.frac_digits),
            n(l.p_cs_precedes),
            n(l.p_sep_by_space),
            n(l.n_cs_precedes),
            n(l.n_sep_by_space),
            n(l.p_sign_posn),
            n(l.n_sign_posn),
        ],
        grouping: owned(l.grouping),
        mon_grouping: owned(l.mon_grouping),
    }
}

/// `nl_langinfo(item)` for the current locale.
pub fn nl_langinfo(item: i32) -> Vec<u8> {
    init();
    // SAFETY: nl_langinfo returns a string valid until the next locale call; copied at once.
    owned(unsafe { libc::nl_langinfo(item as libc::nl_item) })
}

fn wide(s: &[u32]) -> Vec<libc::wchar_t> {
    s.iter().map(|&c| c as libc::wchar_t).chain([0]).collect()
}

/// `wcscoll(a, b)` (neither holds a NUL).
pub fn strcoll(a: &[u32], b: &[u32]) -> i32 {
    init();
    let (a, b) = (wide(a), wide(b));
    // SAFETY: both are NUL-terminated wide strings.
    unsafe { wcscoll(a.as_ptr(), b.as_ptr()) }
}

/// `wcsxfrm(s)` (no NUL in `s`).
pub fn strxfrm(s: &[u32]) -> Vec<u32> {
    init();
    let src = wide(s);
    let mut out: Vec<libc::wchar_t> = vec![0; s.len() + 1];
    loop {
        // SAFETY: `src` is NUL-terminated; `out` has room for `out.len()` wide characters.
        let n = unsafe { wcsxfrm(out.as_mut_ptr(), src.as_ptr(), out.len()) };
        if n < out.len() {
            out.truncate(n);
            return out.into_iter().map(|c| c as u32).collect();
        }
        out = vec![0; n + 1];
    }
}
