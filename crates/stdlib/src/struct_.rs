//! `_struct`: packing values into bytes by format strings (CPython: `Modules/_struct.c`).
//! Native mode (`@`, the default) uses the sizes and alignment of x86-64/aarch64 Linux;
//! `=`, `<`, `>` and `!` use the standard sizes without alignment. Range and type errors carry
//! CPython's messages, which differ by code (`byte format requires ...`, `'i' format requires
//! ...`, `argument out of range`).

use std::cell::RefCell;
use std::rc::Rc;

use krait_vm::native::{as_pystr, bind_args, method_args, native_ref, pos_args};
use krait_vm::object::{ObjRef, Payload};
use krait_vm::objects::bytes::buffer_arg;
use krait_vm::objects::bytes::memoryview::with_writable;
use krait_vm::objects::function::{Args, MethodDef, MethodKind, NativeFn};
use krait_vm::value::Value;
use krait_vm::{PyErr, PyResult, Vm};
use num_bigint::BigInt;
use num_traits::ToPrimitive;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    Native,
    Little,
    Big,
}

/// One code with its repeat count and where it goes.
#[derive(Clone, Copy)]
struct Item {
    code: u8,
    count: usize,
    offset: usize,
    size: usize,
}

/// A parsed format.
struct Layout {
    items: Vec<Item>,
    order: Order,
    native: bool,
    size: usize,
    /// How many values `pack` takes.
    nvalues: usize,
}

/// A compiled `Struct`. `__new__` makes an empty one and `__init__` (re)compiles it, as in
/// CPython; a failed `__init__` keeps the old layout but takes the new format, as CPython's does.
struct StructObj {
    format: RefCell<Value>,
    layout: RefCell<Rc<Layout>>,
}

impl StructObj {
    fn layout(&self) -> Rc<Layout> {
        self.layout.borrow().clone()
    }
}

fn code_size(code: u8, native: bool) -> Option<usize> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => {
            if native {
                8
            } else {
                4
            }
        }
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => 8,
        _ => return None,
    })
}

fn struct_error(vm: &mut Vm, msg: impl Into<String>) -> PyErr {
    match vm.mods.ext_types.get("struct.error").cloned() {
        Some(t) => vm.new_exception_msg(&t, msg),
        None => vm.value_error(msg),
    }
}

/// `prepare_s`: the layout of a format. Sizes are bounded by `Py_ssize_t` as in CPython.
fn parse(vm: &mut Vm, fmt: &[u8]) -> PyResult<Layout> {
    if fmt.contains(&0) {
        return Err(struct_error(vm, "embedded null character"));
    }
    const MAX: usize = isize::MAX as usize;
    let (order, native, rest) = match fmt.first() {
        Some(b'@') => (Order::Native, true, &fmt[1..]),
        Some(b'=') => (Order::Native, false, &fmt[1..]),
        Some(b'<') => (Order::Little, false, &fmt[1..]),
        Some(b'>') | Some(b'!') => (Order::Big, false, &fmt[1..]),
        _ => (Order::Native, true, fmt),
    };
    let mut items = Vec::new();
    let mut size = 0usize;
    let mut nvalues = 0usize;
    let mut i = 0;
    while i < rest.len() {
        let c = rest[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count = 1usize;
        if c.is_ascii_digit() {
            let mut n: usize = 0;
            while i < rest.len() && rest[i].is_ascii_digit() {
                n = n
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(usize::from(rest[i] - b'0')))
                    .filter(|n| *n <= MAX)
                    .ok_or_else(|| struct_error(vm, "total struct size too long"))?;
                i += 1;
            }
            if i >= rest.len() {
                return Err(struct_error(
                    vm,
                    "repeat count given without format specifier",
                ));
            }
            count = n;
        }
        let code = rest[i];
        i += 1;
        let Some(isize) = code_size(code, native) else {
            return Err(struct_error(vm, "bad char in struct format"));
        };
        if native {
            let align = isize;
            if align > 1 {
                size = size.div_ceil(align) * align;
            }
        }
        let total = if matches!(code, b's' | b'p') {
            count
        } else {
            isize
                .checked_mul(count)
                .filter(|n| *n <= MAX)
                .ok_or_else(|| struct_error(vm, "total struct size too long"))?
        };
        items.push(Item {
            code,
            count,
            offset: size,
            size: isize,
        });
        size = size
            .checked_add(total)
            .filter(|n| *n <= MAX)
            .ok_or_else(|| struct_error(vm, "total struct size too long"))?;
        nvalues += match code {
            b'x' => 0,
            b's' | b'p' => 1,
            _ => count,
        };
    }
    Ok(Layout {
        items,
        order,
        native,
        size,
        nvalues,
    })
}

fn format_bytes(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(s) = as_pystr(v) {
        return Ok(s.wtf8().to_vec());
    }
    match v.payload() {
        Some(Payload::Bytes(b)) => Ok(b.to_vec()),
        _ => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!(
                "Struct() argument 1 must be a str or bytes object, not {tn}"
            )))
        }
    }
}

fn layout_of(vm: &mut Vm, fmt: &Value) -> PyResult<Rc<Layout>> {
    if let Some(s) = native_ref::<StructObj>(fmt) {
        return Ok(s.layout());
    }
    let b = format_bytes(vm, fmt)?;
    Ok(Rc::new(parse(vm, &b)?))
}

// ----- packing -----

fn put(out: &mut [u8], at: usize, bytes: &[u8]) {
    if let Some(slot) = out.get_mut(at..at + bytes.len()) {
        slot.copy_from_slice(bytes);
    }
}

fn int_bytes(v: i128, size: usize, order: Order) -> Vec<u8> {
    let le = v.to_le_bytes();
    let mut b = le[..size].to_vec();
    if order == Order::Big {
        b.reverse();
    }
    b
}

/// The integer to pack, with CPython's messages.
fn int_value(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if krait_vm::objects::number::int_ref(v).is_none()
        && vm.lookup_special_str(v, "__index__").is_none()
    {
        return Err(struct_error(vm, "required argument is not an integer"));
    }
    let i = vm.index_value(v)?;
    match krait_vm::objects::number::int_ref(&i) {
        Some(r) => Ok(r.to_big()),
        None => Err(struct_error(vm, "required argument is not an integer")),
    }
}

fn pack_int(vm: &mut Vm, code: u8, size: usize, native: bool, v: &Value) -> PyResult<i128> {
    let n = int_value(vm, v)?;
    let unsigned = code.is_ascii_uppercase() || code == b'N' || code == b'P';
    let Some(n) = n
        .to_i128()
        .filter(|x| i64::try_from(*x).is_ok() || (unsigned && u64::try_from(*x).is_ok()))
    else {
        return Err(struct_error(vm, "argument out of range"));
    };
    let bits = size * 8;
    let (lo, hi): (i128, i128) = if unsigned {
        (0, (1i128 << bits) - 1)
    } else {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    };
    if n < lo || n > hi {
        let msg = match code {
            b'b' => String::from("byte format requires -128 <= number <= 127"),
            b'B' => String::from("ubyte format requires 0 <= number <= 255"),
            b'h' => String::from("short format requires -32768 <= number <= 32767"),
            b'H' => String::from("ushort format requires 0 <= number <= 65535"),
            _ if unsigned && n < 0 => String::from("argument out of range"),
            _ if size == 8 => String::from("argument out of range"),
            _ => format!(
                "'{}' format requires {lo} <= number <= {hi}",
                char::from(code)
            ),
        };
        let _ = native;
        return Err(struct_error(vm, msg));
    }
    Ok(n)
}

fn float_value(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    if let Some(f) = krait_vm::objects::number::float_ref(v) {
        return Ok(f);
    }
    if let Some(i) = krait_vm::objects::number::int_ref(v) {
        return vm.int_to_f64(i);
    }
    if vm.lookup_special_str(v, "__float__").is_some()
        || vm.lookup_special_str(v, "__index__").is_some()
    {
        let f = vm.call_pos(&Value::Obj(vm.types.float.clone()), std::slice::from_ref(v))?;
        if let Some(f) = krait_vm::objects::number::float_ref(&f) {
            return Ok(f);
        }
    }
    Err(struct_error(vm, "required argument is not a float"))
}

/// IEEE half precision with round-half-even (`PyFloat_Pack2`).
fn f16_bits(x: f64) -> Option<u16> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    if x.is_infinite() {
        return Some(sign | 0x7c00);
    }
    let a = x.abs();
    if a == 0.0 {
        return Some(sign);
    }
    // a = f * 2^e with 1 <= f < 2.
    let mut e = a.log2().floor() as i32;
    let mut f = a / 2f64.powi(e);
    if f >= 2.0 {
        f /= 2.0;
        e += 1;
    } else if f < 1.0 {
        f *= 2.0;
        e -= 1;
    }
    if e >= 16 {
        return None;
    }
    let mut exp: i32;
    if e < -25 {
        f = 0.0;
        exp = 0;
    } else if e < -14 {
        f *= 2f64.powi(14 + e);
        exp = 0;
    } else {
        exp = e + 15;
        f -= 1.0;
    }
    f *= 1024.0;
    let mut bits = f as u32;
    let rest = f - f64::from(bits);
    if rest > 0.5 || (rest == 0.5 && bits % 2 == 1) {
        bits += 1;
        if bits == 1024 {
            bits = 0;
            exp += 1;
            if exp == 31 {
                return None;
            }
        }
    }
    Some(sign | ((exp as u16) << 10) | bits as u16)
}

fn f16_value(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = i32::from((h >> 10) & 0x1f);
    let f = f64::from(h & 0x3ff);
    if e == 0x1f {
        return if f == 0.0 {
            sign * f64::INFINITY
        } else {
            f64::NAN.copysign(sign)
        };
    }
    if e == 0 {
        return sign * f * 2f64.powi(-24);
    }
    sign * (1.0 + f / 1024.0) * 2f64.powi(e - 15)
}

fn pack_into_vec(vm: &mut Vm, l: &Layout, values: &[Value], out: &mut [u8]) -> PyResult<()> {
    check_count(vm, l, values, "pack")?;
    let mut vi = 0;
    let order = if l.order == Order::Native {
        if cfg!(target_endian = "big") {
            Order::Big
        } else {
            Order::Little
        }
    } else {
        l.order
    };
    for item in &l.items {
        match item.code {
            b'x' => {}
            b's' | b'p' => {
                let v = &values[vi];
                vi += 1;
                let data = match v.payload() {
                    Some(Payload::Bytes(b)) => b.to_vec(),
                    Some(Payload::ByteArray(b)) => b.borrow().clone(),
                    _ => {
                        let c = char::from(item.code);
                        return Err(struct_error(
                            vm,
                            format!("argument for '{c}' must be a bytes object"),
                        ));
                    }
                };
                let n = item.count;
                if item.code == b's' {
                    let k = data.len().min(n);
                    put(out, item.offset, &data[..k]);
                } else if n > 0 {
                    // Up to count-1 bytes are stored; the length byte saturates at 255.
                    let k = data.len().min(n - 1);
                    put(out, item.offset, &[k.min(255) as u8]);
                    put(out, item.offset + 1, &data[..k]);
                }
            }
            code => {
                for j in 0..item.count {
                    let v = &values[vi];
                    vi += 1;
                    let at = item.offset + j * item.size;
                    let bytes: Vec<u8> = match code {
                        b'c' => match v.payload() {
                            Some(Payload::Bytes(b)) if b.len() == 1 => b.to_vec(),
                            Some(Payload::ByteArray(b)) if b.borrow().len() == 1 => {
                                b.borrow().clone()
                            }
                            _ => {
                                return Err(struct_error(
                                    vm,
                                    "char format requires a bytes object of length 1",
                                ));
                            }
                        },
                        b'?' => vec![u8::from(vm.is_true(v)?)],
                        b'e' => {
                            let x = float_value(vm, v)?;
                            let Some(h) = f16_bits(x) else {
                                return Err(
                                    vm.overflow_error("float too large to pack with e format")
                                );
                            };
                            if order == Order::Big {
                                h.to_be_bytes().to_vec()
                            } else {
                                h.to_le_bytes().to_vec()
                            }
                        }
                        b'f' => {
                            let x = float_value(vm, v)?;
                            let y = x as f32;
                            if !l.native && y.is_infinite() && !x.is_infinite() {
                                return Err(
                                    vm.overflow_error("float too large to pack with f format")
                                );
                            }
                            if order == Order::Big {
                                y.to_be_bytes().to_vec()
                            } else {
                                y.to_le_bytes().to_vec()
                            }
                        }
                        b'd' => {
                            let x = float_value(vm, v)?;
                            if order == Order::Big {
                                x.to_be_bytes().to_vec()
                            } else {
                                x.to_le_bytes().to_vec()
                            }
                        }
                        _ => {
                            let n = pack_int(vm, code, item.size, l.native, v)?;
                            int_bytes(n, item.size, order)
                        }
                    };
                    put(out, at, &bytes);
                }
            }
        }
    }
    Ok(())
}

fn unpack_slice(vm: &mut Vm, l: &Layout, data: &[u8]) -> PyResult<Value> {
    let order = if l.order == Order::Native {
        if cfg!(target_endian = "big") {
            Order::Big
        } else {
            Order::Little
        }
    } else {
        l.order
    };
    let mut out = Vec::with_capacity(l.nvalues);
    for item in &l.items {
        match item.code {
            b'x' => {}
            b's' => {
                let b = data[item.offset..item.offset + item.count].to_vec();
                out.push(vm.new_bytes(b));
            }
            b'p' => {
                if item.count == 0 {
                    out.push(vm.new_bytes(Vec::new()));
                    continue;
                }
                let n = usize::from(data[item.offset]).min(item.count - 1);
                let b = data[item.offset + 1..item.offset + 1 + n].to_vec();
                out.push(vm.new_bytes(b));
            }
            code => {
                for j in 0..item.count {
                    let at = item.offset + j * item.size;
                    let mut raw = data[at..at + item.size].to_vec();
                    if order == Order::Big {
                        raw.reverse();
                    }
                    let v = match code {
                        b'c' => vm.new_bytes(vec![data[at]]),
                        b'?' => Value::bool(data[at] != 0),
                        b'e' => Value::float(f16_value(u16::from_le_bytes([raw[0], raw[1]]))),
                        b'f' => Value::float(f64::from(f32::from_le_bytes([
                            raw[0], raw[1], raw[2], raw[3],
                        ]))),
                        b'd' => {
                            let mut w = [0u8; 8];
                            w.copy_from_slice(&raw);
                            Value::float(f64::from_le_bytes(w))
                        }
                        _ => {
                            let unsigned =
                                code.is_ascii_uppercase() || code == b'N' || code == b'P';
                            let mut w = [0u8; 16];
                            w[..item.size].copy_from_slice(&raw);
                            if !unsigned && raw[item.size - 1] & 0x80 != 0 {
                                for b in &mut w[item.size..] {
                                    *b = 0xff;
                                }
                            }
                            let n = i128::from_le_bytes(w);
                            match i64::try_from(n) {
                                Ok(i) => Value::Int(i),
                                Err(_) => Value::from_bigint(BigInt::from(n), vm),
                            }
                        }
                    };
                    out.push(v);
                }
            }
        }
    }
    Ok(vm.new_tuple(out))
}

// ----- the module -----

pub(crate) fn register(vm: &mut Vm) {
    vm.builtin_modules.push(("_struct", init));
}

fn def(name: &'static str, func: NativeFn, kind: MethodKind) -> MethodDef {
    MethodDef {
        name,
        func,
        kind,
        doc: "",
    }
}

fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let exc = vm.types.exception.clone();
    let error = krait_vm::modules::module_exception(vm, "struct.error", "struct", "error", exc)?;
    krait_vm::modules::set_attr(vm, m, "error", Value::Obj(error));
    let st = krait_vm::modules::new_type(vm, "_struct", "Struct", true);
    let i = MethodKind::Instance;
    vm.add_methods(
        &st,
        &[
            def("__new__", struct_new, MethodKind::Static),
            def("__init__", struct_init, i),
            def("pack", s_pack, i),
            def("pack_into", s_pack_into, i),
            def("unpack", s_unpack, i),
            def("unpack_from", s_unpack_from, i),
            def("iter_unpack", s_iter_unpack, i),
        ],
    );
    vm.add_getset(&st, "format", s_format, None);
    vm.add_getset(&st, "size", s_size, None);
    krait_vm::modules::set_attr(vm, m, "Struct", Value::Obj(st));
    vm.add_functions(
        m,
        &[
            ("pack", pack),
            ("pack_into", pack_into),
            ("unpack", unpack),
            ("unpack_from", unpack_from),
            ("iter_unpack", iter_unpack),
            ("calcsize", calcsize),
            ("_clearcache", clearcache),
        ],
    );
    Ok(())
}

/// `s_new`: an empty Struct, whatever the arguments; `__init__` compiles the format.
fn struct_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = krait_vm::native::new_cls(vm, &args, "Struct")?;
    let empty = Layout {
        items: Vec::new(),
        order: Order::Native,
        native: true,
        size: 0,
        nvalues: 0,
    };
    let s = StructObj {
        format: RefCell::new(Value::None),
        layout: RefCell::new(Rc::new(empty)),
    };
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Native(Box::new(s))),
    ))
}

/// `Struct.__init__(format)`.
fn struct_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first().cloned() else {
        return Err(vm.type_error("descriptor '__init__' needs an argument"));
    };
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &rest, "Struct", &["format"], 1)?;
    let fb = format_bytes(vm, &a[0])?;
    let format = match as_pystr(&a[0]) {
        Some(_) => a[0].clone(),
        None => vm.new_string(String::from_utf8_lossy(&fb).into_owned()),
    };
    let s = sobj(vm, &this)?;
    *s.format.borrow_mut() = format;
    let layout = Rc::new(parse(vm, &fb)?);
    *s.layout.borrow_mut() = layout;
    Ok(Value::None)
}

fn sobj<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a StructObj> {
    match native_ref::<StructObj>(v) {
        Some(s) => Ok(s),
        None => Err(vm.type_error("descriptor requires a '_struct.Struct' object")),
    }
}

/// `NAME expected N items for packing (got M)`.
fn check_count(vm: &mut Vm, l: &Layout, values: &[Value], name: &str) -> PyResult<()> {
    if values.len() != l.nvalues {
        return Err(struct_error(
            vm,
            format!(
                "{name} expected {} items for packing (got {})",
                l.nvalues,
                values.len()
            ),
        ));
    }
    Ok(())
}

fn do_pack(vm: &mut Vm, l: &Layout, values: &[Value]) -> PyResult<Value> {
    let mut out = vec![0u8; l.size];
    pack_into_vec(vm, l, values, &mut out)?;
    Ok(vm.new_bytes(out))
}

fn do_unpack(vm: &mut Vm, l: &Layout, buf: &Value) -> PyResult<Value> {
    let data = buffer_arg(vm, buf)?;
    if data.len() != l.size {
        return Err(struct_error(
            vm,
            format!("unpack requires a buffer of {} bytes", l.size),
        ));
    }
    unpack_slice(vm, l, &data)
}

/// A negative `offset` counts from the end of a `len`-byte buffer; the `need` bytes from it
/// must fit (`s_pack_into` and `s_unpack_from`, with their messages).
fn offset_in(vm: &mut Vm, o: i64, len: usize, need: usize, pack: bool) -> PyResult<usize> {
    let (blen, need_i) = (len as i64, need as i64);
    let mut o = o;
    if o < 0 {
        if o + need_i > 0 {
            return Err(struct_error(
                vm,
                if pack {
                    format!("no space to pack {need} bytes at offset {o}")
                } else {
                    format!("not enough data to unpack {need} bytes at offset {o}")
                },
            ));
        }
        if o + blen < 0 {
            return Err(struct_error(
                vm,
                format!("offset {o} out of range for {len}-byte buffer"),
            ));
        }
        o += blen;
    }
    if blen - o < need_i {
        let (what, verb) = if pack {
            ("pack_into", "packing")
        } else {
            ("unpack_from", "unpacking")
        };
        return Err(struct_error(
            vm,
            format!(
                "{what} requires a buffer of at least {} bytes for {verb} {need} bytes at offset {o} (actual buffer size is {len})",
                need as u64 + o as u64
            ),
        ));
    }
    Ok(o as usize)
}

fn do_unpack_from(vm: &mut Vm, l: &Layout, buf: &Value, off: &Value) -> PyResult<Value> {
    let data = buffer_arg(vm, buf)?;
    let o = if off.is_null() {
        0
    } else {
        vm.index_to_i64(off)?
    };
    let o = offset_in(vm, o, data.len(), l.size, false)?;
    unpack_slice(vm, l, &data[o..o + l.size])
}

/// `s_pack_into`: `args` are the buffer, the offset and the values.
fn do_pack_into(vm: &mut Vm, l: &Layout, args: &[Value]) -> PyResult<Value> {
    match args.len() {
        0 => return Err(struct_error(vm, "pack_into expected buffer argument")),
        1 => return Err(struct_error(vm, "pack_into expected offset argument")),
        _ => check_count(vm, l, &args[2..], "pack_into")?,
    }
    let (buf, off) = (&args[0], &args[1]);
    let refuse = |vm: &mut Vm| {
        let tn = vm.type_name(buf);
        vm.type_error(format!(
            "argument must be read-write bytes-like object, not {tn}"
        ))
    };
    // `PyArg_Parse(buffer, "w*")`: a view with gaps is refused with the same TypeError.
    let len = match with_writable(vm, buf, |b| b.len()) {
        Ok(Some(len)) => len,
        Ok(None) => return Err(refuse(vm)),
        Err(e) if vm.err_matches(&e, &vm.types.buffer_error.clone()) => return Err(refuse(vm)),
        Err(e) => return Err(e),
    };
    // `PyNumber_AsSsize_t(offset, PyExc_IndexError)`.
    let o = match vm.index_to_i64(off) {
        Err(e) if vm.err_matches(&e, &vm.types.overflow_error.clone()) => {
            let tn = vm.type_name(off);
            return Err(vm.index_error(format!("cannot fit '{tn}' into an index-sized integer")));
        }
        r => r?,
    };
    let o = offset_in(vm, o, len, l.size, true)?;
    let mut out = vec![0u8; l.size];
    pack_into_vec(vm, l, &args[2..], &mut out)?;
    // Packing ran Python code (`__index__`, `__float__`): the buffer may have shrunk since.
    with_writable(vm, buf, |b| {
        if let Some(slot) = b.get_mut(o..o + out.len()) {
            slot.copy_from_slice(&out);
        }
    })?;
    Ok(Value::None)
}

fn do_iter_unpack(vm: &mut Vm, l: &Layout, buf: &Value) -> PyResult<Value> {
    let data = buffer_arg(vm, buf)?;
    if l.size == 0 {
        return Err(struct_error(
            vm,
            "cannot iteratively unpack with a struct of length 0",
        ));
    }
    if data.len() % l.size != 0 {
        return Err(struct_error(
            vm,
            format!(
                "iterative unpacking requires a buffer of a multiple of {} bytes",
                l.size
            ),
        ));
    }
    let mut items = Vec::new();
    for chunk in data.chunks(l.size) {
        items.push(unpack_slice(vm, l, chunk)?);
    }
    let list = vm.new_list(items);
    vm.iter(&list)
}

fn s_pack(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some((this, rest)) = args.values.split_first() else {
        return Err(vm.type_error("descriptor 'pack' needs an argument"));
    };
    let l = sobj(vm, this)?.layout();
    do_pack(vm, &l, rest)
}

fn s_pack_into(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    krait_vm::native::no_kwargs(vm, &args, "pack_into")?;
    let Some((this, rest)) = args.values.split_first() else {
        return Err(vm.type_error("descriptor 'pack_into' needs an argument"));
    };
    let l = sobj(vm, this)?.layout();
    do_pack_into(vm, &l, rest)
}

fn s_unpack(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "unpack", 1, 1)?;
    let l = sobj(vm, this)?.layout();
    do_unpack(vm, &l, &rest[0])
}

fn s_unpack_from(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first().cloned() else {
        return Err(vm.type_error("descriptor 'unpack_from' needs an argument"));
    };
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &rest, "unpack_from", &["buffer", "offset"], 1)?;
    let l = sobj(vm, &this)?.layout();
    do_unpack_from(vm, &l, &a[0], &a[1])
}

fn s_iter_unpack(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "iter_unpack", 1, 1)?;
    let l = sobj(vm, this)?.layout();
    do_iter_unpack(vm, &l, &rest[0])
}

fn s_format(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(sobj(vm, this)?.format.borrow().clone())
}

fn s_size(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(sobj(vm, this)?.layout().size as i64))
}

fn pack(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some((fmt, rest)) = args.values.split_first() else {
        return Err(vm.type_error("missing format argument"));
    };
    let l = layout_of(vm, fmt)?;
    do_pack(vm, &l, rest)
}

fn pack_into(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    krait_vm::native::no_kwargs(vm, &args, "pack_into")?;
    let Some((fmt, rest)) = args.values.split_first() else {
        return Err(vm.type_error("missing format argument"));
    };
    let l = layout_of(vm, fmt)?;
    do_pack_into(vm, &l, rest)
}

fn unpack(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "unpack", 2, 2)?;
    let l = layout_of(vm, &a[0])?;
    do_unpack(vm, &l, &a[1])
}

fn unpack_from(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, &args, "unpack_from", &["format", "buffer", "offset"], 2)?;
    let l = layout_of(vm, &a[0])?;
    do_unpack_from(vm, &l, &a[1], &a[2])
}

fn iter_unpack(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "iter_unpack", 2, 2)?;
    let l = layout_of(vm, &a[0])?;
    do_iter_unpack(vm, &l, &a[1])
}

fn calcsize(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "calcsize", 1, 1)?;
    let l = layout_of(vm, &a[0])?;
    Ok(Value::Int(l.size as i64))
}

fn clearcache(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::None)
}

#[cfg(test)]
mod tests {
    use super::{f16_bits, f16_value};

    #[test]
    fn half_floats_round_trip() {
        assert_eq!(f16_bits(1.5), Some(0x3e00));
        assert_eq!(f16_bits(65504.0), Some(0x7bff));
        assert_eq!(f16_bits(65520.0), None);
        assert_eq!(f16_bits(1e-8), Some(0));
        assert_eq!(f16_value(0x3e00), 1.5);
        assert_eq!(f16_value(0x0001), 2f64.powi(-24));
    }
}
