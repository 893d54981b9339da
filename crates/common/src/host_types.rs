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

/// A locale's conventions for numbers and money (`struct lconv`), as `locale.localeconv()`
/// reports them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocaleConv {
    /// `decimal_point`, `thousands_sep`, `int_curr_symbol`, `currency_symbol`,
    /// `mon_decimal_point`, `mon_thousands_sep`, `positive_sign`, `negative_sign`.
    pub strings: [Vec<u8>; 8],
    /// `int_frac_digits`, `frac_digits`, `p_cs_precedes`, `p_sep_by_space`, `n_cs_precedes`,
    /// `n_sep_by_space`, `p_sign_posn`, `n_sign_posn` (`CHAR_MAX`, 127, when unset).
    pub numbers: [i8; 8],
    /// `grouping` and `mon_grouping`: the group sizes, as C stores them.
    pub grouping: Vec<u8>,
    pub mon_grouping: Vec<u8>,
}

impl LocaleConv {
    /// The "C" locale's conventions.
    pub fn c_locale() -> Self {
        LocaleConv {
            strings: [
                Vec::from(&b"."[..]),
                Vec::new(),
                Vec::new(),
                Vec::new(),
                Vec::new(),
                Vec::new(),
                Vec::new(),
                Vec::new(),
            ],
            numbers: [127; 8],
            grouping: Vec::new(),
            mon_grouping: Vec::new(),
        }
    }
}
