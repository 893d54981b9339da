//! The user and group databases (`getpwuid_r`, `getgrnam_r`, `getpwent`, …).

use std::ffi::{CStr, CString};
use std::io;

use krait_common::host_types::{Group, Passwd};

/// Room for the strings of one entry, grown on `ERANGE`.
const START: usize = 1024;
const MAX: usize = 1 << 20;

fn bytes(p: *const libc::c_char) -> Vec<u8> {
    if p.is_null() {
        return Vec::new();
    }
    // SAFETY: a non-null field of an entry libc filled is a NUL-terminated string.
    unsafe { CStr::from_ptr(p) }.to_bytes().to_vec()
}

/// # Safety
/// `p` is a `struct passwd` libc filled, whose strings are still alive.
unsafe fn passwd(p: &libc::passwd) -> Passwd {
    Passwd {
        name: bytes(p.pw_name),
        passwd: bytes(p.pw_passwd),
        uid: p.pw_uid,
        gid: p.pw_gid,
        gecos: bytes(p.pw_gecos),
        dir: bytes(p.pw_dir),
        shell: bytes(p.pw_shell),
    }
}

/// # Safety
/// `g` is a `struct group` libc filled, whose strings are still alive.
unsafe fn group(g: &libc::group) -> Group {
    let mut members = Vec::new();
    let mut m = g.gr_mem;
    // SAFETY: `gr_mem` is a NULL-terminated array of strings.
    unsafe {
        while !m.is_null() && !(*m).is_null() {
            members.push(bytes(*m));
            m = m.add(1);
        }
    }
    Group {
        name: bytes(g.gr_name),
        passwd: bytes(g.gr_passwd),
        gid: g.gr_gid,
        members,
    }
}

/// Run a reentrant lookup with a growing buffer: `call(entry, buf, len, result)` returns an
/// errno (0 for success); `Ok(None)` when there is no such entry.
fn lookup<T, R>(
    mut call: impl FnMut(*mut T, *mut libc::c_char, usize, *mut *mut T) -> i32,
    convert: impl Fn(&T) -> R,
) -> io::Result<Option<R>> {
    let mut size = START;
    loop {
        let mut buf = vec![0 as libc::c_char; size];
        let mut entry = std::mem::MaybeUninit::<T>::uninit();
        let mut result: *mut T = std::ptr::null_mut();
        let e = call(entry.as_mut_ptr(), buf.as_mut_ptr(), size, &mut result);
        if e == libc::ERANGE && size < MAX {
            size *= 4;
            continue;
        }
        if e != 0 {
            return Err(io::Error::from_raw_os_error(e));
        }
        if result.is_null() {
            return Ok(None);
        }
        // SAFETY: on success `result` points at `entry`, whose strings live in `buf`.
        return Ok(Some(convert(unsafe { &*result })));
    }
}

/// The password entry of a user id.
pub fn passwd_by_uid(uid: u32) -> io::Result<Option<Passwd>> {
    // SAFETY: getpwuid_r writes the entry and its strings into the buffers it is given.
    lookup(
        |e, b, n, r| unsafe { libc::getpwuid_r(uid, e, b, n, r) },
        // SAFETY: called on the entry just filled, while its buffer lives.
        |p| unsafe { passwd(p) },
    )
}

/// The password entry of a user name.
pub fn passwd_by_name(name: &[u8]) -> io::Result<Option<Passwd>> {
    let Ok(c) = CString::new(name) else {
        return Ok(None);
    };
    // SAFETY: as in `passwd_by_uid`.
    lookup(
        |e, b, n, r| unsafe { libc::getpwnam_r(c.as_ptr(), e, b, n, r) },
        // SAFETY: as above.
        |p| unsafe { passwd(p) },
    )
}

/// The group entry of a group id.
pub fn group_by_gid(gid: u32) -> io::Result<Option<Group>> {
    // SAFETY: getgrgid_r writes the entry and its strings into the buffers it is given.
    lookup(
        |e, b, n, r| unsafe { libc::getgrgid_r(gid, e, b, n, r) },
        // SAFETY: as above.
        |g| unsafe { group(g) },
    )
}

/// The group entry of a group name.
pub fn group_by_name(name: &[u8]) -> io::Result<Option<Group>> {
    let Ok(c) = CString::new(name) else {
        return Ok(None);
    };
    // SAFETY: as in `group_by_gid`.
    lookup(
        |e, b, n, r| unsafe { libc::getgrnam_r(c.as_ptr(), e, b, n, r) },
        // SAFETY: as above.
        |g| unsafe { group(g) },
    )
}

/// Every password entry, in database order (`getpwent`). The enumeration is process-wide
/// state in libc; the interpreter lock keeps two enumerations from interleaving.
pub fn all_passwd() -> Vec<Passwd> {
    let mut out = Vec::new();
    // SAFETY: setpwent/getpwent/endpwent walk libc's static enumeration; each entry is
    // copied out before the next call overwrites it.
    unsafe {
        libc::setpwent();
        loop {
            let p = libc::getpwent();
            if p.is_null() {
                break;
            }
            out.push(passwd(&*p));
        }
        libc::endpwent();
    }
    out
}

/// Every group entry, in database order (`getgrent`).
pub fn all_groups() -> Vec<Group> {
    let mut out = Vec::new();
    // SAFETY: as in `all_passwd`.
    unsafe {
        libc::setgrent();
        loop {
            let g = libc::getgrent();
            if g.is_null() {
                break;
            }
            out.push(group(&*g));
        }
        libc::endgrent();
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_current_user_round_trips() {
        // SAFETY: getuid cannot fail.
        let uid = unsafe { libc::getuid() };
        if let Ok(Some(p)) = super::passwd_by_uid(uid) {
            assert_eq!(p.uid, uid);
            let again = super::passwd_by_name(&p.name)
                .expect("lookup")
                .expect("entry");
            assert_eq!(again.uid, uid);
        }
        assert_eq!(
            super::passwd_by_name(b"no such user \xff").expect("lookup"),
            None
        );
        assert_eq!(super::passwd_by_name(b"nul\0inside").expect("lookup"), None);
    }
}
