//! `mmap` (CPython: `Modules/mmapmodule.c`): memory maps made by the interpreter's `Host`
//! (`OsHost` maps the file; every other host refuses with `PermissionError`). The object keeps
//! a duplicate of the file's descriptor for `size()` and `resize()`, as CPython does.

use std::cell::{Cell, RefCell};

use crate::host::MappedRegion;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

const ACCESS_DEFAULT: i64 = 0;
const ACCESS_READ: i64 = 1;
const ACCESS_WRITE: i64 = 2;
const ACCESS_COPY: i64 = 3;
const PROT_READ: i64 = 1;
const PROT_WRITE: i64 = 2;
const MAP_SHARED: i64 = 1;
const MAP_PRIVATE: i64 = 2;
const MAP_ANONYMOUS: i64 = 0x20;

struct Mmap {
    region: RefCell<Option<Box<dyn MappedRegion>>>,
    pos: Cell<usize>,
    access: i64,
    /// A duplicate of the mapped file's descriptor (-1 for anonymous memory).
    fd: Cell<i32>,
    offset: i64,
}

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let t = super::new_type(vm, "mmap", "mmap", true);
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => mmap_new, "";
            method "close" => mmap_close, "";
            method "__enter__" => mmap_enter, "";
            method "__exit__" => mmap_exit, "";
            method "__len__" => mmap_len, "";
            method "__getitem__" => mmap_getitem, "";
            method "__setitem__" => mmap_setitem, "";
            method "read" => mmap_read, "";
            method "read_byte" => mmap_read_byte, "";
            method "readline" => mmap_readline, "";
            method "write" => mmap_write, "";
            method "write_byte" => mmap_write_byte, "";
            method "seek" => mmap_seek, "";
            method "tell" => mmap_tell, "";
            method "size" => mmap_size, "";
            method "find" => mmap_find, "";
            method "rfind" => mmap_rfind, "";
            method "flush" => mmap_flush, "";
            method "resize" => mmap_resize, "";
            method "move" => mmap_move, "";
        ],
    );
    vm.add_getset(&t, "closed", mmap_closed, None);
    super::set_attr(vm, m, "mmap", Value::Obj(t));
    let err = Value::Obj(vm.types.os_error.clone());
    super::set_attr(vm, m, "error", err);
    let page = vm.host.page_size() as i64;
    for (n, v) in [
        ("ACCESS_DEFAULT", ACCESS_DEFAULT),
        ("ACCESS_READ", ACCESS_READ),
        ("ACCESS_WRITE", ACCESS_WRITE),
        ("ACCESS_COPY", ACCESS_COPY),
        ("PROT_READ", PROT_READ),
        ("PROT_WRITE", PROT_WRITE),
        ("PROT_EXEC", 4),
        ("MAP_SHARED", MAP_SHARED),
        ("MAP_PRIVATE", MAP_PRIVATE),
        ("MAP_ANON", MAP_ANONYMOUS),
        ("MAP_ANONYMOUS", MAP_ANONYMOUS),
        ("PAGESIZE", page),
        ("ALLOCATIONGRANULARITY", page),
    ] {
        super::set_attr(vm, m, n, Value::Int(v));
    }
    Ok(())
}

/// The bytes of an mmap object (its buffer), for `bytes(m)` and other buffer consumers.
pub(crate) fn native_buffer(n: &dyn std::any::Any) -> Option<Vec<u8>> {
    let m = n.downcast_ref::<Mmap>()?;
    let r = m.region.try_borrow().ok()?;
    Some(r.as_ref()?.bytes().to_vec())
}

fn this<'a>(vm: &mut Vm, args: &'a Args<'_>) -> PyResult<&'a Mmap> {
    match args
        .values
        .first()
        .and_then(crate::native::native_ref::<Mmap>)
    {
        Some(m) => Ok(m),
        None => Err(vm.type_error("descriptor requires a 'mmap.mmap' object")),
    }
}

fn closed_err(vm: &mut Vm) -> PyErr {
    vm.value_error("mmap closed or invalid")
}

/// Run `f` on the open mapping's bytes.
fn with_bytes<R>(vm: &mut Vm, m: &Mmap, f: impl FnOnce(&[u8]) -> R) -> PyResult<R> {
    let r = m.region.borrow();
    match r.as_ref() {
        Some(r) => Ok(f(r.bytes())),
        None => Err(closed_err(vm)),
    }
}

/// Run `f` on the open mapping's bytes, writable (refused for `ACCESS_READ`).
fn with_bytes_mut<R>(vm: &mut Vm, m: &Mmap, f: impl FnOnce(&mut [u8]) -> R) -> PyResult<R> {
    if m.region.borrow().is_none() {
        return Err(closed_err(vm));
    }
    if m.access == ACCESS_READ {
        return Err(vm.type_error("mmap can't modify a readonly memory map."));
    }
    let mut r = m.region.borrow_mut();
    match r.as_mut() {
        Some(r) => Ok(f(r.bytes_mut())),
        None => Err(closed_err(vm)),
    }
}

/// Run `f` on the bytes of `obj` if it is an open, writable mmap (its `PyBUF_WRITABLE` export),
/// `None` otherwise.
pub(crate) fn with_writable<R>(obj: &Value, f: impl FnOnce(&mut [u8]) -> R) -> Option<R> {
    let m = crate::native::native_ref::<Mmap>(obj)?;
    if m.access == ACCESS_READ {
        return None;
    }
    let mut r = m.region.try_borrow_mut().ok()?;
    Some(f(r.as_mut()?.bytes_mut()))
}

fn len_of(vm: &mut Vm, m: &Mmap) -> PyResult<usize> {
    with_bytes(vm, m, <[u8]>::len)
}

fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    vm.index_to_i64(v)
}

/// `mmap(fileno, length, flags=MAP_SHARED, prot=PROT_WRITE|PROT_READ, access=ACCESS_DEFAULT,
/// offset=0)`
fn mmap_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "mmap")?;
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let names = ["fileno", "length", "flags", "prot", "access", "offset"];
    let a = crate::native::bind_args(vm, &rest, "mmap", &names, 2)?;
    let opt = |vm: &mut Vm, v: &Value, d: i64| -> PyResult<i64> {
        if v.is_null() {
            Ok(d)
        } else {
            vm.index_to_i64(v)
        }
    };
    let fd = int_arg(vm, &a[0])?;
    let length = int_arg(vm, &a[1])?;
    let mut flags = opt(vm, &a[2], MAP_SHARED)?;
    let mut prot = opt(vm, &a[3], PROT_WRITE | PROT_READ)?;
    let access = opt(vm, &a[4], ACCESS_DEFAULT)?;
    let offset = opt(vm, &a[5], 0)?;
    if length < 0 {
        return Err(vm.overflow_error("memory mapped length must be positive"));
    }
    if offset < 0 {
        return Err(vm.overflow_error("memory mapped offset must be positive"));
    }
    if access != ACCESS_DEFAULT
        && ((!a[2].is_null() && flags != MAP_SHARED)
            || (!a[3].is_null() && prot != PROT_WRITE | PROT_READ))
    {
        return Err(vm.value_error("mmap can't specify both access and flags, prot."));
    }
    match access {
        ACCESS_READ => {
            flags = MAP_SHARED;
            prot = PROT_READ;
        }
        ACCESS_WRITE => {
            flags = MAP_SHARED;
            prot = PROT_READ | PROT_WRITE;
        }
        ACCESS_COPY => {
            flags = MAP_PRIVATE;
            prot = PROT_READ | PROT_WRITE;
        }
        ACCESS_DEFAULT => {
            // A read-only mapping is made read-only for writes too.
            if prot & PROT_READ != 0 && prot & PROT_WRITE != 0 {
            } else if prot & PROT_WRITE != 0 {
                prot |= PROT_READ;
            }
        }
        _ => return Err(vm.value_error("mmap invalid access parameter.")),
    }
    let access = if access == ACCESS_DEFAULT && prot & PROT_WRITE == 0 {
        ACCESS_READ
    } else if access == ACCESS_DEFAULT {
        ACCESS_DEFAULT
    } else {
        access
    };
    let anonymous = fd == -1;
    let mut map_size = length as usize;
    let mut dupfd = -1;
    if anonymous {
        flags |= MAP_ANONYMOUS;
        if length == 0 {
            return Err(vm.value_error("cannot mmap an empty file"));
        }
    } else {
        let fd32 = i32::try_from(fd).map_err(|_| vm.overflow_error("fd out of range"))?;
        let st = vm.host.fstat(fd32).map_err(|e| vm.os_error_io(&e, None))?;
        if st.mode & crate::host::mode::S_IFMT == crate::host::mode::S_IFREG {
            let size = st.size as i64;
            if length == 0 {
                if size == 0 {
                    return Err(vm.value_error("cannot mmap an empty file"));
                }
                if offset >= size {
                    return Err(vm.value_error("mmap offset is greater than file size"));
                }
                map_size = (size - offset) as usize;
            } else if offset > size || size - offset < length {
                return Err(vm.value_error("mmap length is greater than file size"));
            }
        }
        dupfd = vm.host.dup(fd32).map_err(|e| vm.os_error_io(&e, None))?;
    }
    let page = vm.host.page_size() as i64;
    if offset % page != 0 {
        if dupfd >= 0 {
            let _ = vm.host.close(dupfd);
        }
        return Err(vm.os_error_errno(22, None, None));
    }
    let mapfd = if anonymous { -1 } else { fd as i32 };
    let region = match vm
        .host
        .mmap(mapfd, map_size, prot as i32, flags as i32, offset)
    {
        Ok(r) => r,
        Err(e) => {
            if dupfd >= 0 {
                let _ = vm.host.close(dupfd);
            }
            return Err(vm.os_error_io(&e, None));
        }
    };
    let m = Mmap {
        region: RefCell::new(Some(region)),
        pos: Cell::new(0),
        access,
        fd: Cell::new(dupfd),
        offset,
    };
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Native(Box::new(m))),
    ))
}

fn mmap_close(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    m.region.borrow_mut().take();
    let fd = m.fd.replace(-1);
    if fd >= 0 {
        let _ = vm.host.close(fd);
    }
    Ok(Value::None)
}

fn mmap_closed(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match crate::native::native_ref::<Mmap>(v) {
        Some(m) => Ok(Value::bool(m.region.borrow().is_none())),
        None => Err(vm.type_error("descriptor requires a 'mmap.mmap' object")),
    }
}

fn mmap_enter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    len_of(vm, m)?;
    Ok(args.values[0].clone())
}

fn mmap_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let first = Args {
        values: args.values.get(..1).unwrap_or(&[]),
        kwnames: &[],
    };
    mmap_close(vm, first)
}

fn mmap_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    Ok(Value::Int(len_of(vm, m)? as i64))
}

fn index_in(vm: &mut Vm, v: &Value, len: usize) -> PyResult<usize> {
    let i = vm.index_to_i64(v)?;
    let i = if i < 0 { i + len as i64 } else { i };
    if i < 0 || i >= len as i64 {
        return Err(vm.index_error("mmap index out of range"));
    }
    Ok(i as usize)
}

fn mmap_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let key = args.values.get(1).cloned().unwrap_or(Value::None);
    let len = len_of(vm, m)?;
    if let Some(Payload::Slice(_)) = key.payload() {
        let (start, _, step, n) = crate::objects::slicing::slice_indices(vm, &key, len)?;
        // `__index__` of the bounds may have resized the map: index with `get`.
        let out = with_bytes(vm, m, |b| {
            (0..n)
                .map(|k| b.get((start + step * k as isize) as usize).copied())
                .collect::<Option<Vec<u8>>>()
        })?;
        return match out {
            Some(out) => Ok(vm.new_bytes(out)),
            None => Err(vm.index_error("mmap index out of range")),
        };
    }
    if vm.lookup_special_str(&key, "__index__").is_none() && !matches!(key, Value::Int(_)) {
        return Err(vm.type_error("mmap indices must be integers"));
    }
    let i = index_in(vm, &key, len)?;
    match with_bytes(vm, m, |b| b.get(i).copied())? {
        Some(b) => Ok(Value::Int(i64::from(b))),
        None => Err(vm.index_error("mmap index out of range")),
    }
}

fn mmap_setitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let key = args.values.get(1).cloned().unwrap_or(Value::None);
    let val = args.values.get(2).cloned().unwrap_or(Value::None);
    let len = len_of(vm, m)?;
    if let Some(Payload::Slice(_)) = key.payload() {
        let (start, _, step, n) = crate::objects::slicing::slice_indices(vm, &key, len)?;
        let data = crate::objects::bytes::buffer_arg(vm, &val)?;
        if data.len() != n {
            return Err(vm.index_error("mmap slice assignment is wrong size"));
        }
        let ok = with_bytes_mut(vm, m, |b| {
            for (k, byte) in data.iter().enumerate() {
                match b.get_mut((start + step * k as isize) as usize) {
                    Some(slot) => *slot = *byte,
                    None => return false,
                }
            }
            true
        })?;
        if !ok {
            return Err(vm.index_error("mmap index out of range"));
        }
        return Ok(Value::None);
    }
    let i = index_in(vm, &key, len)?;
    let v = vm.index_to_i64(&val)?;
    let Ok(byte) = u8::try_from(v) else {
        return Err(vm.value_error("mmap item value must be in range(0, 256)"));
    };
    let ok = with_bytes_mut(vm, m, |b| b.get_mut(i).map(|slot| *slot = byte))?;
    if ok.is_none() {
        return Err(vm.index_error("mmap index out of range"));
    }
    Ok(Value::None)
}

fn mmap_read(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let n = match args.values.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(vm.index_to_i64(v)?),
    };
    let pos = m.pos.get();
    let out = with_bytes(vm, m, |b| {
        let rest = b.get(pos..).unwrap_or_default();
        let take = match n {
            Some(n) if n >= 0 => (n as usize).min(rest.len()),
            _ => rest.len(),
        };
        rest[..take].to_vec()
    })?;
    m.pos.set(pos + out.len());
    Ok(vm.new_bytes(out))
}

fn mmap_read_byte(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let pos = m.pos.get();
    match with_bytes(vm, m, |b| b.get(pos).copied())? {
        Some(b) => {
            m.pos.set(pos + 1);
            Ok(Value::Int(i64::from(b)))
        }
        None => Err(vm.value_error("read byte out of range")),
    }
}

fn mmap_readline(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let pos = m.pos.get();
    let out = with_bytes(vm, m, |b| {
        let rest = b.get(pos..).unwrap_or_default();
        let end = rest
            .iter()
            .position(|&c| c == b'\n')
            .map_or(rest.len(), |i| i + 1);
        rest[..end].to_vec()
    })?;
    m.pos.set(pos + out.len());
    Ok(vm.new_bytes(out))
}

fn mmap_write(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let data = crate::objects::bytes::buffer_arg(vm, args.values.get(1).unwrap_or(&Value::None))?;
    let pos = m.pos.get();
    let len = len_of(vm, m)?;
    if pos > len || len - pos < data.len() {
        return Err(vm.value_error("data out of range"));
    }
    with_bytes_mut(vm, m, |b| {
        if let Some(dst) = b.get_mut(pos..pos + data.len()) {
            dst.copy_from_slice(&data);
        }
    })?;
    m.pos.set(pos + data.len());
    Ok(Value::Int(data.len() as i64))
}

fn mmap_write_byte(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let v = vm.index_to_i64(args.values.get(1).unwrap_or(&Value::None))?;
    let Ok(byte) = u8::try_from(v) else {
        return Err(vm.overflow_error("unsigned byte integer is greater than maximum"));
    };
    let pos = m.pos.get();
    if pos >= len_of(vm, m)? {
        return Err(vm.value_error("write byte out of range"));
    }
    with_bytes_mut(vm, m, |b| {
        if let Some(slot) = b.get_mut(pos) {
            *slot = byte;
        }
    })?;
    m.pos.set(pos + 1);
    Ok(Value::None)
}

fn mmap_seek(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let dist = vm.index_to_i64(args.values.get(1).unwrap_or(&Value::None))?;
    let how = match args.values.get(2) {
        Some(v) => vm.index_to_i64(v)?,
        None => 0,
    };
    let len = len_of(vm, m)? as i64;
    let base = match how {
        0 => 0,
        1 => m.pos.get() as i64,
        2 => len,
        _ => return Err(vm.value_error("unknown seek type")),
    };
    let to = base.checked_add(dist).filter(|t| (0..=len).contains(t));
    match to {
        Some(t) => {
            m.pos.set(t as usize);
            Ok(Value::None)
        }
        None => Err(vm.value_error("seek out of range")),
    }
}

fn mmap_tell(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    len_of(vm, m)?;
    Ok(Value::Int(m.pos.get() as i64))
}

fn mmap_size(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let len = len_of(vm, m)?;
    let fd = m.fd.get();
    if fd < 0 {
        return Ok(Value::Int(len as i64));
    }
    let st = vm.host.fstat(fd).map_err(|e| vm.os_error_io(&e, None))?;
    Ok(Value::Int(st.size as i64))
}

fn find_common(vm: &mut Vm, args: &Args<'_>, reverse: bool) -> PyResult<Value> {
    let m = this(vm, args)?;
    let sub = crate::objects::bytes::buffer_arg(vm, args.values.get(1).unwrap_or(&Value::None))?;
    let len = len_of(vm, m)?;
    let bound = |vm: &mut Vm, v: Option<&Value>, d: usize| -> PyResult<usize> {
        match v {
            None | Some(Value::None) => Ok(d),
            Some(v) => {
                let i = vm.index_to_i64(v)?;
                let i = if i < 0 { i + len as i64 } else { i };
                Ok(i.clamp(0, len as i64) as usize)
            }
        }
    };
    let start = bound(vm, args.values.get(2), m.pos.get())?;
    let end = bound(vm, args.values.get(3), len)?;
    let found = with_bytes(vm, m, |b| {
        if start > end || end - start < sub.len() {
            return None;
        }
        let hay = b.get(start..end)?;
        let mut hits = (0..=hay.len() - sub.len()).filter(|&i| hay[i..i + sub.len()] == sub[..]);
        let hit = if reverse {
            hits.next_back()
        } else {
            hits.next()
        };
        hit.map(|i| i + start)
    })?;
    Ok(Value::Int(found.map_or(-1, |i| i as i64)))
}

fn mmap_find(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    find_common(vm, &args, false)
}

fn mmap_rfind(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    find_common(vm, &args, true)
}

fn mmap_flush(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let len = len_of(vm, m)?;
    let offset = match args.values.get(1) {
        Some(v) => vm.index_to_i64(v)?,
        None => 0,
    };
    let size = match args.values.get(2) {
        Some(v) => vm.index_to_i64(v)?,
        None => len as i64 - offset,
    };
    if size < 0 || offset < 0 || (len as i64) - offset < size {
        return Err(vm.value_error("flush values out of range"));
    }
    if m.access == ACCESS_READ || m.access == ACCESS_COPY {
        return Ok(Value::None);
    }
    let r = match m.region.borrow_mut().as_mut() {
        Some(r) => r.flush(offset as usize, size as usize),
        None => return Err(closed_err(vm)),
    };
    r.map(|()| Value::None)
        .map_err(|e| vm.os_error_io(&e, None))
}

fn mmap_resize(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    len_of(vm, m)?;
    let n = vm.index_to_i64(args.values.get(1).unwrap_or(&Value::None))?;
    if m.access != ACCESS_WRITE && m.access != ACCESS_DEFAULT {
        return Err(vm.type_error("mmap can't resize a readonly or copy-on-write memory map."));
    }
    if n <= 0 {
        return Err(vm.value_error("new size out of range"));
    }
    let fd = m.fd.get();
    if fd >= 0 {
        let total = m.offset.saturating_add(n) as u64;
        vm.host
            .truncate(fd, total)
            .map_err(|e| vm.os_error_io(&e, None))?;
    }
    let r = match m.region.borrow_mut().as_mut() {
        Some(r) => r.resize(n as usize),
        None => return Err(closed_err(vm)),
    };
    r.map_err(|e| vm.os_error_io(&e, None))?;
    if m.pos.get() > n as usize {
        m.pos.set(n as usize);
    }
    Ok(Value::None)
}

fn mmap_move(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = this(vm, &args)?;
    let a = crate::native::pos_args(vm, &args, "move", 4, 4)?;
    let dest = vm.index_to_i64(&a[1])?;
    let src = vm.index_to_i64(&a[2])?;
    let cnt = vm.index_to_i64(&a[3])?;
    let len = len_of(vm, m)? as i64;
    let ok = |x: i64| x >= 0 && cnt >= 0 && x <= len && len - x >= cnt;
    if !ok(dest) || !ok(src) {
        return Err(vm.value_error("source, destination, or count out of range"));
    }
    let (d, s, c) = (dest as usize, src as usize, cnt as usize);
    with_bytes_mut(vm, m, |b| {
        if s + c <= b.len() && d + c <= b.len() {
            b.copy_within(s..s + c, d);
        }
    })?;
    Ok(Value::None)
}
