//! The `_stat` module (CPython: `Modules/_stat.c`): the file-mode constants and tests
//! `stat.py` re-exports, with Linux's values (the door, port and whiteout types do not exist
//! there: their constants are 0 and their tests always false).

use num_bigint::Sign;

use crate::object::ObjRef;
use crate::objects::function::Args;
use crate::objects::number::{IntRef, int_ref};
use crate::value::Value;
use crate::{PyResult, Vm};

const DOC: &str = "S_IFMT_: file type bits
S_IFDIR: directory
S_IFCHR: character device
S_IFBLK: block device
S_IFREG: regular file
S_IFIFO: fifo (named pipe)
S_IFLNK: symbolic link
S_IFSOCK: socket file
S_IFDOOR: door
S_IFPORT: event port
S_IFWHT: whiteout

S_ISUID: set UID bit
S_ISGID: set GID bit
S_ENFMT: file locking enforcement
S_ISVTX: sticky bit
S_IREAD: Unix V7 synonym for S_IRUSR
S_IWRITE: Unix V7 synonym for S_IWUSR
S_IEXEC: Unix V7 synonym for S_IXUSR
S_IRWXU: mask for owner permissions
S_IRUSR: read by owner
S_IWUSR: write by owner
S_IXUSR: execute by owner
S_IRWXG: mask for group permissions
S_IRGRP: read by group
S_IWGRP: write by group
S_IXGRP: execute by group
S_IRWXO: mask for others (not in group) permissions
S_IROTH: read by others
S_IWOTH: write by others
S_IXOTH: execute by others

UF_NODUMP: do not dump file
UF_IMMUTABLE: file may not be changed
UF_APPEND: file may only be appended to
UF_OPAQUE: directory is opaque when viewed through a union stack
UF_NOUNLINK: file may not be renamed or deleted
UF_COMPRESSED: OS X: file is hfs-compressed
UF_HIDDEN: OS X: file should not be displayed
SF_ARCHIVED: file may be archived
SF_IMMUTABLE: file may not be changed
SF_APPEND: file may only be appended to
SF_NOUNLINK: file may not be renamed or deleted
SF_SNAPSHOT: file is a snapshot file

ST_MODE
ST_INO
ST_DEV
ST_NLINK
ST_UID
ST_GID
ST_SIZE
ST_ATIME
ST_MTIME
ST_CTIME

FILE_ATTRIBUTE_*: Windows file attribute constants
                   (only present on Windows)
";

const S_IFMT: u32 = 0o170000;
const S_IFSOCK: u32 = 0o140000;
const S_IFLNK: u32 = 0o120000;
const S_IFREG: u32 = 0o100000;
const S_IFBLK: u32 = 0o060000;
const S_IFDIR: u32 = 0o040000;
const S_IFCHR: u32 = 0o020000;
const S_IFIFO: u32 = 0o010000;
const S_ISUID: u32 = 0o4000;
const S_ISGID: u32 = 0o2000;
const S_ISVTX: u32 = 0o1000;

const CONSTANTS: &[(&str, i64)] = &[
    ("S_IFDIR", S_IFDIR as i64),
    ("S_IFCHR", S_IFCHR as i64),
    ("S_IFBLK", S_IFBLK as i64),
    ("S_IFREG", S_IFREG as i64),
    ("S_IFIFO", S_IFIFO as i64),
    ("S_IFLNK", S_IFLNK as i64),
    ("S_IFSOCK", S_IFSOCK as i64),
    ("S_IFDOOR", 0),
    ("S_IFPORT", 0),
    ("S_IFWHT", 0),
    ("S_ISUID", S_ISUID as i64),
    ("S_ISGID", S_ISGID as i64),
    ("S_ISVTX", S_ISVTX as i64),
    ("S_ENFMT", S_ISGID as i64),
    ("S_IREAD", 0o400),
    ("S_IWRITE", 0o200),
    ("S_IEXEC", 0o100),
    ("S_IRWXU", 0o700),
    ("S_IRUSR", 0o400),
    ("S_IWUSR", 0o200),
    ("S_IXUSR", 0o100),
    ("S_IRWXG", 0o070),
    ("S_IRGRP", 0o040),
    ("S_IWGRP", 0o020),
    ("S_IXGRP", 0o010),
    ("S_IRWXO", 0o007),
    ("S_IROTH", 0o004),
    ("S_IWOTH", 0o002),
    ("S_IXOTH", 0o001),
    ("UF_NODUMP", 0x0000_0001),
    ("UF_IMMUTABLE", 0x0000_0002),
    ("UF_APPEND", 0x0000_0004),
    ("UF_OPAQUE", 0x0000_0008),
    ("UF_NOUNLINK", 0x0000_0010),
    ("UF_COMPRESSED", 0x0000_0020),
    ("UF_HIDDEN", 0x0000_8000),
    ("SF_ARCHIVED", 0x0001_0000),
    ("SF_IMMUTABLE", 0x0002_0000),
    ("SF_APPEND", 0x0004_0000),
    ("SF_NOUNLINK", 0x0010_0000),
    ("SF_SNAPSHOT", 0x0020_0000),
    ("ST_MODE", 0),
    ("ST_INO", 1),
    ("ST_DEV", 2),
    ("ST_NLINK", 3),
    ("ST_UID", 4),
    ("ST_GID", 5),
    ("ST_SIZE", 6),
    ("ST_ATIME", 7),
    ("ST_MTIME", 8),
    ("ST_CTIME", 9),
];

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("S_ISDIR", s_isdir),
            ("S_ISCHR", s_ischr),
            ("S_ISBLK", s_isblk),
            ("S_ISREG", s_isreg),
            ("S_ISFIFO", s_isfifo),
            ("S_ISLNK", s_islnk),
            ("S_ISSOCK", s_issock),
            ("S_ISDOOR", s_isdoor),
            ("S_ISPORT", s_isport),
            ("S_ISWHT", s_iswht),
            ("S_IMODE", s_imode),
            ("S_IFMT", s_ifmt),
            ("filemode", filemode),
        ],
    );
    let doc = vm.new_str(DOC);
    super::set_attr(vm, m, "__doc__", doc);
    for &(name, v) in CONSTANTS {
        super::set_attr(vm, m, name, Value::Int(v));
    }
    Ok(())
}

/// The mode argument of `_stat.name(mode)`: an int that fits C's `mode_t` (CPython's
/// `_PyLong_AsMode_t`, through `PyLong_AsUnsignedLong`, so no `__index__`).
fn mode_arg(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<u32> {
    let a = crate::native::pos_args(vm, args, &format!("_stat.{name}"), 1, 1)?;
    let value: u64 = match int_ref(&a[0]) {
        None => return Err(vm.type_error("an integer is required")),
        Some(IntRef::Small(i)) if i < 0 => {
            return Err(vm.overflow_error("can't convert negative value to unsigned int"));
        }
        Some(IntRef::Small(i)) => i as u64,
        Some(IntRef::Big(b)) => {
            if b.sign() == Sign::Minus {
                return Err(vm.overflow_error("can't convert negative value to unsigned int"));
            }
            match u64::try_from(b) {
                Ok(v) => v,
                Err(_) => {
                    return Err(
                        vm.overflow_error("Python int too large to convert to C unsigned long")
                    );
                }
            }
        }
    };
    u32::try_from(value).map_err(|_| vm.overflow_error("mode out of range"))
}

macro_rules! type_tests {
    ($($name:ident, $py:literal, $fmt:expr;)*) => { $(
        fn $name(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            let mode = mode_arg(vm, &args, $py)?;
            let fmt: Option<u32> = $fmt;
            Ok(Value::bool(fmt.is_some_and(|f| mode & S_IFMT == f)))
        }
    )* };
}

type_tests! {
    s_isdir, "S_ISDIR", Some(S_IFDIR);
    s_ischr, "S_ISCHR", Some(S_IFCHR);
    s_isblk, "S_ISBLK", Some(S_IFBLK);
    s_isreg, "S_ISREG", Some(S_IFREG);
    s_isfifo, "S_ISFIFO", Some(S_IFIFO);
    s_islnk, "S_ISLNK", Some(S_IFLNK);
    s_issock, "S_ISSOCK", Some(S_IFSOCK);
    s_isdoor, "S_ISDOOR", None;
    s_isport, "S_ISPORT", None;
    s_iswht, "S_ISWHT", None;
}

fn s_imode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let mode = mode_arg(vm, &args, "S_IMODE")?;
    Ok(Value::Int(i64::from(mode & 0o7777)))
}

fn s_ifmt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let mode = mode_arg(vm, &args, "S_IFMT")?;
    Ok(Value::Int(i64::from(mode & S_IFMT)))
}

/// `filemode(mode)`: `ls -l`'s ten-character form, e.g. `-rwxr-xr-x`.
fn filemode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let mode = mode_arg(vm, &args, "filemode")?;
    let kind = match mode & S_IFMT {
        S_IFREG => '-',
        S_IFDIR => 'd',
        S_IFLNK => 'l',
        S_IFBLK => 'b',
        S_IFCHR => 'c',
        S_IFIFO => 'p',
        S_IFSOCK => 's',
        _ => '?',
    };
    let bit = |b: u32, c: char| if mode & b != 0 { c } else { '-' };
    // The execute position shows a set-id or sticky bit too: lowercase with execute, else
    // uppercase.
    let exec =
        |x: u32, special: u32, lower: char, upper: char| match (mode & special != 0, mode & x != 0)
        {
            (true, true) => lower,
            (true, false) => upper,
            (false, true) => 'x',
            (false, false) => '-',
        };
    let s: String = [
        kind,
        bit(0o400, 'r'),
        bit(0o200, 'w'),
        exec(0o100, S_ISUID, 's', 'S'),
        bit(0o040, 'r'),
        bit(0o020, 'w'),
        exec(0o010, S_ISGID, 's', 'S'),
        bit(0o004, 'r'),
        bit(0o002, 'w'),
        exec(0o001, S_ISVTX, 't', 'T'),
    ]
    .iter()
    .collect();
    Ok(vm.new_str(&s))
}
