//! Plain records that cross the host boundary: `krait-host-env` fills them from the
//! operating system, the VM's `Host` trait passes them on, and the sandbox makes its own.
//! They hold no Python types and reach nothing.

use alloc::vec::Vec;

/// A password-database entry (`struct passwd`, `pwd.struct_passwd`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passwd {
    pub name: Vec<u8>,
    pub passwd: Vec<u8>,
    pub uid: u32,
    pub gid: u32,
    pub gecos: Vec<u8>,
    pub dir: Vec<u8>,
    pub shell: Vec<u8>,
}

/// A group-database entry (`struct group`, `grp.struct_group`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub name: Vec<u8>,
    pub passwd: Vec<u8>,
    pub gid: u32,
    pub members: Vec<Vec<u8>>,
}

/// Resource usage (`struct rusage`): user and system time in seconds, then the fourteen
/// counters in `resource.struct_rusage` order (`ru_maxrss` … `ru_nivcsw`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RUsage {
    pub utime: f64,
    pub stime: f64,
    pub counters: [i64; 14],
}

/// A terminal's attributes (`struct termios`): the mode flags, the line speeds and the
/// control characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermAttrs {
    pub iflag: u32,
    pub oflag: u32,
    pub cflag: u32,
    pub lflag: u32,
    pub ispeed: u32,
    pub ospeed: u32,
    pub cc: Vec<u8>,
}

/// The argument and result of `fcntl`/`ioctl`: an integer, or a buffer the call may rewrite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CtlArg {
    Int(i64),
    Buf(Vec<u8>),
}
