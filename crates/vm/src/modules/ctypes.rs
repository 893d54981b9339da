//! `_ctypes` (CPython: `Modules/_ctypes/*.c`): C data types, shared libraries and foreign calls.
//!
//! The type machinery (the metaclasses, `Structure` layout, conversions, `CFuncPtr`) is Python
//! code, `ctypes_prelude.py`, run in the module's namespace at import. It stands on the
//! primitives here:
//!
//! - `_k_Base`, the base of every C data object: its memory is a heap buffer owned by the VM
//!   (`Box<[Cell<u8>]>`, never moved while the object lives except by `resize`, as in
//!   CPython), a window into another object's buffer or into a `bytearray` (`from_buffer`,
//!   which holds an export on it so it cannot resize), or foreign memory at an address
//!   (`from_address`, a pointer's target).
//! - everything that touches memory by raw address, loads libraries or calls a C function goes
//!   through the `Host`'s [`FfiHost`](crate::host::FfiHost); a host without one (the sandbox)
//!   refuses `import _ctypes` itself, so a sandboxed program has no ctypes power at all.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::host::FfiArg;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

const PRELUDE: &str = include_str!("ctypes_prelude.py");

type Own = Rc<RefCell<Box<[Cell<u8>]>>>;

/// Where a C data object's bytes live.
enum Mem {
    /// Not given memory yet (a `_k_Base` made but not initialised).
    Unset,
    /// A buffer the VM owns (shared by the object and its views), from `off`.
    Own(Own),
    /// A `bytearray`'s storage (`from_buffer`): one export held until this object dies.
    Bytes(ObjRef),
    /// Foreign memory: everything goes through the host.
    Foreign,
}

/// The state of a C data object.
struct CMem {
    mem: RefCell<Mem>,
    /// Offset into the owner's buffer, or the address for foreign memory.
    off: Cell<usize>,
    size: Cell<usize>,
    /// The prelude's per-object state (`_k_extra`): a list, made on first use.
    extra: RefCell<Value>,
}

impl Drop for CMem {
    fn drop(&mut self) {
        if let Mem::Bytes(b) = &*self.mem.borrow()
            && let Payload::ByteArray(b) = &b.payload
        {
            b.exports.set(b.exports.get().saturating_sub(1));
        }
    }
}

/// The bytes of a C data object in VM memory, for `bytes(obj)` (foreign memory: `None`).
pub(crate) fn native_buffer(n: &dyn std::any::Any) -> Option<Vec<u8>> {
    let c = n.downcast_ref::<CMem>()?;
    let (off, size) = (c.off.get(), c.size.get());
    match &*c.mem.borrow() {
        Mem::Own(o) => {
            let b = o.borrow();
            Some(b.get(off..off + size)?.iter().map(Cell::get).collect())
        }
        Mem::Bytes(b) => match &b.payload {
            Payload::ByteArray(d) => Some(d.data.borrow().get(off..off + size)?.to_vec()),
            _ => None,
        },
        _ => None,
    }
}

/// Write `data` at `at` into a C data object's bytes in VM memory (a writable `memoryview`
/// of it: `readinto`, slice assignment); `false` when out of range or foreign memory.
pub(crate) fn native_write(n: &dyn std::any::Any, at: usize, data: &[u8]) -> bool {
    let Some(c) = n.downcast_ref::<CMem>() else {
        return false;
    };
    let (off, size) = (c.off.get(), c.size.get());
    if at.checked_add(data.len()).is_none_or(|end| end > size) {
        return false;
    }
    let start = off + at;
    match &*c.mem.borrow() {
        Mem::Own(o) => match o.borrow().get(start..start + data.len()) {
            Some(dst) => {
                for (d, b) in dst.iter().zip(data) {
                    d.set(*b);
                }
                true
            }
            None => false,
        },
        Mem::Bytes(b) => match &b.payload {
            Payload::ByteArray(d) => match d.data.borrow_mut().get_mut(start..start + data.len()) {
                Some(dst) => {
                    dst.copy_from_slice(data);
                    true
                }
                None => false,
            },
            _ => false,
        },
        _ => false,
    }
}

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    if vm.host.ffi().is_none() {
        // The sandbox: no foreign memory, libraries or calls, so no `_ctypes` at all.
        let ty = vm.types.module_not_found_error.clone();
        let msg = "No module named '_ctypes' (this host grants no foreign-function interface: \
                   ctypes cannot load C code)";
        return Err(vm.module_not_found(&ty, msg.into(), "_ctypes"));
    }
    let t = super::new_type(vm, "_ctypes", "_CData", true);
    vm.mods.ext_types.insert("_ctypes._CData", t.clone());
    super::set_attr(vm, m, "_CData", Value::Obj(t));
    vm.add_functions(
        m,
        &[
            ("_k_new", base_new),
            ("_k_settype", k_settype),
            ("_k_own", k_own),
            ("_k_alloc", k_alloc),
            ("_k_view", k_view),
            ("_k_foreign", k_foreign),
            ("_k_frombuf", k_frombuf),
            ("_k_addr", k_addr),
            ("_k_extra", k_extra),
            ("_k_size", k_size),
            ("_k_get", k_get),
            ("_k_put", k_put),
            ("_k_resize", k_resize),
            ("_k_read", k_read),
            ("_k_write", k_write),
            ("_k_strlen", k_strlen),
            ("_k_call", k_call),
            ("dlopen", dlopen),
            ("dlsym", dlsym),
            ("dlclose", dlclose),
        ],
    );
    let d = match &m.payload {
        Payload::Module(md) => md.dict.clone(),
        _ => return Err(vm.runtime_error("not a module")),
    };
    let bm = Value::Obj(vm.builtins_module.clone());
    vm.set_dict_str(&d, "__builtins__", bm);
    let co = vm.compile_builtin_source(PRELUDE, "<_ctypes>", "_krait_ctypes")?;
    vm.run_code(co, d, None)?;
    Ok(())
}

fn arg(args: &Args<'_>, i: usize) -> Value {
    args.values.get(i).cloned().unwrap_or(Value::None)
}

fn usize_arg(vm: &mut Vm, args: &Args<'_>, i: usize) -> PyResult<usize> {
    let v = vm.index_to_i64(&arg(args, i))?;
    usize::try_from(v).map_err(|_| vm.value_error("negative size or address"))
}

fn cmem<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a CMem> {
    match crate::native::native_ref::<CMem>(v) {
        Some(c) => Ok(c),
        None => Err(vm.type_error("expected a ctypes instance")),
    }
}

fn host_err(vm: &mut Vm, e: &std::io::Error) -> PyErr {
    if e.raw_os_error() == Some(14) {
        return vm.value_error("NULL pointer access");
    }
    vm.os_error_io(e, None)
}

fn no_ffi(vm: &mut Vm) -> PyErr {
    vm.runtime_error("foreign memory access refused by this host")
}

/// `_k_settype(name, value)`: the prelude defines `_CData`'s methods (the type is native so
/// that every C data object has the native memory).
fn k_settype(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(t) = vm.mods.ext_types.get("_ctypes._CData").cloned() else {
        return Err(vm.runtime_error("_ctypes is not initialised"));
    };
    let name = vm.str_text(&arg(&args, 0));
    vm.set_type_attr(&t, &name, arg(&args, 1));
    Ok(Value::None)
}

/// `_k_own(cls, name)`: `name` in the type's own namespace, or `None` (what `cls.__dict__.get`
/// would give; read directly so a metaclass mixin's `__dict__` descriptor cannot hide it).
fn k_own(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (t, n) = (arg(&args, 0), arg(&args, 1));
    let Some(Payload::Type(td)) = t.payload() else {
        return Ok(Value::None);
    };
    let name = vm.str_text(&n);
    let h = vm.hash_text(&name);
    let found = crate::objects::typeobj::dict_get_str(&td.dict.borrow(), &name, h);
    Ok(found.unwrap_or(Value::None))
}

/// `_k_new(cls)`: a C data object with no memory yet.
fn base_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "_CData")?;
    let c = CMem {
        mem: RefCell::new(Mem::Unset),
        off: Cell::new(0),
        size: Cell::new(0),
        extra: RefCell::new(Value::None),
    };
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Native(Box::new(c))),
    ))
}

/// `_k_alloc(obj, size)`: give `obj` a fresh zeroed buffer.
fn k_alloc(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let o = arg(&args, 0);
    let n = usize_arg(vm, &args, 1)?;
    if n > isize::MAX as usize / 2 {
        return Err(vm.memory_error());
    }
    let c = cmem(vm, &o)?;
    let b: Box<[Cell<u8>]> = (0..n).map(|_| Cell::new(0)).collect();
    *c.mem.borrow_mut() = Mem::Own(Rc::new(RefCell::new(b)));
    c.off.set(0);
    c.size.set(n);
    Ok(Value::None)
}

/// `_k_view(obj, base, offset, size)`: `obj` is `size` bytes of `base`'s memory at `offset`.
fn k_view(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (o, b) = (arg(&args, 0), arg(&args, 1));
    let off = usize_arg(vm, &args, 2)?;
    let n = usize_arg(vm, &args, 3)?;
    let base = cmem(vm, &b)?;
    let c = cmem(vm, &o)?;
    let m = match &*base.mem.borrow() {
        Mem::Unset => return Err(vm.value_error("base has no memory")),
        Mem::Own(r) => Mem::Own(r.clone()),
        Mem::Bytes(r) => {
            if let Payload::ByteArray(d) = &r.payload {
                d.exports.set(d.exports.get() + 1);
            }
            Mem::Bytes(r.clone())
        }
        Mem::Foreign => Mem::Foreign,
    };
    *c.mem.borrow_mut() = m;
    c.off.set(base.off.get().wrapping_add(off));
    c.size.set(n);
    Ok(Value::None)
}

/// `_k_foreign(obj, address, size)`: `obj` is the foreign memory at `address`.
fn k_foreign(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let o = arg(&args, 0);
    let addr = usize_arg(vm, &args, 1)?;
    let n = usize_arg(vm, &args, 2)?;
    let c = cmem(vm, &o)?;
    *c.mem.borrow_mut() = Mem::Foreign;
    c.off.set(addr);
    c.size.set(n);
    Ok(Value::None)
}

/// `_k_frombuf(obj, bytearray, offset, size)`: share a bytearray's storage (one export held).
fn k_frombuf(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (o, b) = (arg(&args, 0), arg(&args, 1));
    let off = usize_arg(vm, &args, 2)?;
    let n = usize_arg(vm, &args, 3)?;
    let Value::Obj(bo) = &b else {
        return Err(vm.type_error("expected a bytearray"));
    };
    let Payload::ByteArray(d) = &bo.payload else {
        return Err(vm.type_error("expected a bytearray"));
    };
    if off.checked_add(n).is_none_or(|e| e > d.data.borrow().len()) {
        return Err(vm.value_error("buffer too small"));
    }
    d.exports.set(d.exports.get() + 1);
    let c = cmem(vm, &o)?;
    *c.mem.borrow_mut() = Mem::Bytes(bo.clone());
    c.off.set(off);
    c.size.set(n);
    Ok(Value::None)
}

fn addr_of(c: &CMem) -> usize {
    match &*c.mem.borrow() {
        Mem::Unset => 0,
        Mem::Own(o) => (o.borrow().as_ptr() as usize).wrapping_add(c.off.get()),
        Mem::Bytes(b) => match &b.payload {
            Payload::ByteArray(d) => (d.data.borrow().as_ptr() as usize).wrapping_add(c.off.get()),
            _ => 0,
        },
        Mem::Foreign => c.off.get(),
    }
}

/// `_k_addr(obj)`: the address of `obj`'s memory.
fn k_addr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let o = arg(&args, 0);
    let c = cmem(vm, &o)?;
    Ok(Value::Int(addr_of(c) as i64))
}

/// `_k_extra(obj)`: the prelude's state list of `obj` (`[b_base, objects, index, flag, fn, hidden keep-alive]`).
fn k_extra(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let o = arg(&args, 0);
    let c = cmem(vm, &o)?;
    if matches!(&*c.extra.borrow(), Value::None) {
        let l = vm.new_list(vec![
            Value::None,
            Value::None,
            Value::Int(0),
            Value::None,
            Value::None,
            Value::None,
        ]);
        *c.extra.borrow_mut() = l;
    }
    Ok(c.extra.borrow().clone())
}

/// `_k_size(obj)`: the size of `obj`'s memory.
fn k_size(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let o = arg(&args, 0);
    let c = cmem(vm, &o)?;
    Ok(Value::Int(c.size.get() as i64))
}

fn range_err(vm: &mut Vm) -> PyErr {
    vm.value_error("ctypes: access outside the object's memory")
}

/// `_k_get(obj, offset, n)`: `n` bytes of `obj`'s memory at `offset`.
fn k_get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let o = arg(&args, 0);
    let off = usize_arg(vm, &args, 1)?;
    let n = usize_arg(vm, &args, 2)?;
    let c = cmem(vm, &o)?;
    if off.checked_add(n).is_none_or(|e| e > c.size.get()) {
        return Err(range_err(vm));
    }
    let start = c.off.get().wrapping_add(off);
    let out = match &*c.mem.borrow() {
        Mem::Unset => None,
        Mem::Own(r) => r
            .borrow()
            .get(start..start + n)
            .map(|s| s.iter().map(Cell::get).collect::<Vec<u8>>()),
        Mem::Bytes(b) => match &b.payload {
            Payload::ByteArray(d) => d.data.borrow().get(start..start + n).map(<[u8]>::to_vec),
            _ => None,
        },
        Mem::Foreign => {
            let r = match vm.host.ffi() {
                Some(h) => h.read_mem(start, n),
                None => return Err(no_ffi(vm)),
            };
            Some(r.map_err(|e| host_err(vm, &e))?)
        }
    };
    match out {
        Some(b) => Ok(vm.new_bytes(b)),
        None => Err(range_err(vm)),
    }
}

/// `_k_put(obj, offset, data)`: write `data` into `obj`'s memory at `offset`.
fn k_put(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let o = arg(&args, 0);
    let off = usize_arg(vm, &args, 1)?;
    let data = crate::objects::bytes::buffer_arg(vm, &arg(&args, 2))?;
    let c = cmem(vm, &o)?;
    let n = data.len();
    if off.checked_add(n).is_none_or(|e| e > c.size.get()) {
        return Err(range_err(vm));
    }
    let start = c.off.get().wrapping_add(off);
    let ok = match &*c.mem.borrow() {
        Mem::Unset => false,
        Mem::Own(r) => match r.borrow().get(start..start + n) {
            Some(s) => {
                s.iter().zip(&data).for_each(|(d, b)| d.set(*b));
                true
            }
            None => false,
        },
        Mem::Bytes(b) => match &b.payload {
            Payload::ByteArray(d) => match d.data.borrow_mut().get_mut(start..start + n) {
                Some(s) => {
                    s.copy_from_slice(&data);
                    true
                }
                None => false,
            },
            _ => false,
        },
        Mem::Foreign => {
            let r = match vm.host.ffi() {
                Some(h) => h.write_mem(start, &data),
                None => return Err(no_ffi(vm)),
            };
            r.map_err(|e| host_err(vm, &e))?;
            true
        }
    };
    if ok {
        Ok(Value::None)
    } else {
        Err(range_err(vm))
    }
}

/// `_k_resize(obj, size)`: a new, larger buffer for an object that owns its memory.
fn k_resize(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let o = arg(&args, 0);
    let n = usize_arg(vm, &args, 1)?;
    if n > isize::MAX as usize / 2 {
        return Err(vm.memory_error());
    }
    let c = cmem(vm, &o)?;
    let m = c.mem.borrow();
    let Mem::Own(r) = &*m else {
        return Err(vm.value_error("Memory cannot be resized because this object doesn't own it"));
    };
    let old: Vec<u8> = r.borrow().iter().map(Cell::get).collect();
    let b: Box<[Cell<u8>]> = (0..n.max(old.len()))
        .map(|i| Cell::new(old.get(i).copied().unwrap_or(0)))
        .collect();
    *r.borrow_mut() = b;
    drop(m);
    c.size.set(n);
    Ok(Value::None)
}

fn with_ffi<R>(
    vm: &mut Vm,
    f: impl FnOnce(&mut dyn crate::host::FfiHost) -> std::io::Result<R>,
) -> PyResult<R> {
    let r = match vm.host.ffi() {
        Some(h) => f(h),
        None => return Err(no_ffi(vm)),
    };
    r.map_err(|e| host_err(vm, &e))
}

/// `_k_read(address, n)`: `n` bytes of memory at `address`.
fn k_read(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let addr = usize_arg(vm, &args, 0)?;
    let n = usize_arg(vm, &args, 1)?;
    let b = with_ffi(vm, |h| h.read_mem(addr, n))?;
    Ok(vm.new_bytes(b))
}

/// `_k_write(address, data)`: write bytes at `address`.
fn k_write(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let addr = usize_arg(vm, &args, 0)?;
    let data = crate::objects::bytes::buffer_arg(vm, &arg(&args, 1))?;
    with_ffi(vm, |h| h.write_mem(addr, &data))?;
    Ok(Value::None)
}

/// `_k_strlen(address, unit)`: the length of a NUL-terminated string of `unit`-byte chars.
fn k_strlen(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let addr = usize_arg(vm, &args, 0)?;
    let unit = usize_arg(vm, &args, 1)?.clamp(1, 4);
    let n = with_ffi(vm, |h| h.strlen(addr, unit))?;
    Ok(Value::Int(n as i64))
}

/// `_k_call(address, args, ret_sse, errno)`: `args` a list of `(is_sse, bits)`; returns
/// `(rax, xmm0, errno)` as signed 64-bit ints.
fn k_call(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let func = usize_arg(vm, &args, 0)?;
    let items = vm.iterate(&arg(&args, 1))?;
    let mut a = Vec::with_capacity(items.len());
    for it in items {
        let pair = vm.iterate(&it)?;
        let (Some(k), Some(v)) = (pair.first(), pair.get(1)) else {
            return Err(vm.type_error("bad argument record"));
        };
        let sse = vm.is_true(k)?;
        let bits = vm.index_to_i64(v)? as u64;
        a.push(if sse {
            FfiArg::Sse(bits)
        } else {
            FfiArg::Int(bits)
        });
    }
    let ret_sse = vm.is_true(&arg(&args, 2))?;
    let e = arg(&args, 3);
    let errno_in = if matches!(e, Value::None) {
        None
    } else {
        Some(vm.index_to_i64(&e)? as i32)
    };
    let r = match vm.host.ffi() {
        Some(h) => h.call(func, &a, ret_sse, errno_in),
        None => return Err(no_ffi(vm)),
    };
    let (rax, xmm, errno) = match r {
        Ok(r) => r,
        Err(e) if e.raw_os_error() == Some(7) => {
            return Err(vm.type_error("too many arguments for a foreign call (at most 30 words)"));
        }
        Err(e) if e.raw_os_error() == Some(38) => {
            return Err(
                vm.not_implemented_error("foreign calls are only implemented on x86-64 Linux")
            );
        }
        Err(e) => return Err(host_err(vm, &e)),
    };
    Ok(vm.new_tuple(vec![
        Value::Int(rax as i64),
        Value::Int(xmm as i64),
        Value::Int(i64::from(errno)),
    ]))
}

fn name_bytes(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(Payload::Str(s)) = v.payload() {
        return crate::objects::codecs::encode(vm, s, "utf-8", "surrogateescape");
    }
    crate::objects::bytes::buffer_arg(vm, v)
}

fn dl_error(vm: &mut Vm, msg: String) -> PyErr {
    let ty = vm.types.os_error.clone();
    vm.new_exception_msg(&ty, msg)
}

/// `dlopen(name, flag=RTLD_NOW|RTLD_LOCAL)`: a library handle.
fn dlopen(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::bind_args(vm, &args, "dlopen", &["name", "flag"], 1)?;
    let name = if matches!(a[0], Value::None) {
        None
    } else {
        Some(name_bytes(vm, &a[0])?)
    };
    let mode = if a[1].is_null() {
        2
    } else {
        vm.index_to_i64(&a[1])? as i32
    } | 2; // RTLD_NOW, always (as CPython)
    let r = match vm.host.ffi() {
        Some(h) => h.dlopen(name.as_deref(), mode),
        None => return Err(no_ffi(vm)),
    };
    match r {
        Ok(h) => Ok(Value::Int(h as i64)),
        Err(m) => Err(dl_error(vm, m)),
    }
}

/// `dlsym(handle, name)`: a symbol's address.
fn dlsym(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let h = vm.index_to_i64(&arg(&args, 0))? as usize;
    let name = name_bytes(vm, &arg(&args, 1))?;
    let r = match vm.host.ffi() {
        Some(f) => f.dlsym(h, &name),
        None => return Err(no_ffi(vm)),
    };
    match r {
        Ok(p) => Ok(Value::Int(p as i64)),
        Err(m) => Err(dl_error(vm, m)),
    }
}

/// `dlclose(handle)`
fn dlclose(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let h = vm.index_to_i64(&arg(&args, 0))? as usize;
    let r = match vm.host.ffi() {
        Some(f) => f.dlclose(h),
        None => return Err(no_ffi(vm)),
    };
    match r {
        Ok(()) => Ok(Value::None),
        Err(m) => Err(dl_error(vm, m)),
    }
}
