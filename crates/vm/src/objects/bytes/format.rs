//! `bytes % args` and `bytearray % args` (PEP 461; CPython: `Objects/bytesobject.c:
//! _PyBytes_FormatEx`).

use num_bigint::{BigInt, Sign};
use num_traits::{FromPrimitive, Signed};

use crate::native::method_args;
use crate::object::Payload;
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

use super::{bytes_of, new_like, this_bytes};

pub(crate) fn bytes_rmod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let _ = method_args(vm, &args, "__rmod__", 1, 1)?;
    Ok(vm.not_implemented.clone())
}

pub(crate) fn bytes_mod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__mod__", 1, 1)?;
    let fmt = this_bytes(vm, this, "__mod__")?;
    let out = format(vm, &fmt, &rest[0])?;
    Ok(new_like(vm, this, out))
}

#[derive(Default)]
struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: usize,
    prec: Option<usize>,
}

/// The `%` operation itself.
pub fn format(vm: &mut Vm, fmt: &[u8], args: &Value) -> PyResult<Vec<u8>> {
    let tuple: Option<Vec<Value>> = match args.payload() {
        Some(Payload::Tuple(t)) => Some(t.to_vec()),
        _ => None,
    };
    let is_mapping = tuple.is_none()
        && !matches!(
            args.payload(),
            Some(Payload::Bytes(_) | Payload::ByteArray(_) | Payload::Str(_))
        )
        && vm.lookup_special_str(args, "__getitem__").is_some();
    let items: Vec<Value> = tuple.clone().unwrap_or_else(|| vec![args.clone()]);
    let mut next_arg = 0usize;
    let mut used_mapping = false;
    let mut out = Vec::with_capacity(fmt.len());
    let mut i = 0;
    let n = fmt.len();
    macro_rules! take_arg {
        () => {{
            if next_arg >= items.len() {
                return Err(vm.type_error("not enough arguments for format string"));
            }
            next_arg += 1;
            items[next_arg - 1].clone()
        }};
    }
    while i < n {
        if fmt[i] != b'%' {
            let st = i;
            while i < n && fmt[i] != b'%' {
                i += 1;
            }
            out.extend_from_slice(&fmt[st..i]);
            continue;
        }
        i += 1;
        let mut key_arg: Option<Value> = None;
        if i < n && fmt[i] == b'(' {
            if !is_mapping {
                return Err(vm.type_error("format requires a mapping"));
            }
            let mut depth = 1;
            i += 1;
            let st = i;
            while i < n && depth > 0 {
                if fmt[i] == b'(' {
                    depth += 1;
                } else if fmt[i] == b')' {
                    depth -= 1;
                }
                i += 1;
            }
            if depth > 0 {
                return Err(vm.value_error("incomplete format key"));
            }
            let key = vm.new_bytes(fmt[st..i - 1].to_vec());
            key_arg = Some(vm.getitem(args, &key)?);
            used_mapping = true;
        }
        let mut spec = Spec::default();
        while i < n {
            match fmt[i] {
                b'-' => spec.left = true,
                b'+' => spec.plus = true,
                b' ' => spec.space = true,
                b'#' => spec.alt = true,
                b'0' => spec.zero = true,
                _ => break,
            }
            i += 1;
        }
        if i < n && fmt[i] == b'*' {
            let w = take_arg!();
            let w = crate::objects::strformat::star_arg(vm, &w)?;
            if w < 0 {
                spec.left = true;
            }
            spec.width = w.unsigned_abs() as usize;
            i += 1;
        } else {
            while i < n && fmt[i].is_ascii_digit() {
                spec.width = spec
                    .width
                    .checked_mul(10)
                    .and_then(|w| w.checked_add(usize::from(fmt[i] - b'0')))
                    .ok_or_else(|| vm.value_error("width too big"))?;
                i += 1;
            }
        }
        if spec.width > krait_common::format_spec::PAD_LIMIT {
            return Err(vm.memory_error());
        }
        vm.check_alloc(spec.width)?;
        if i < n && fmt[i] == b'.' {
            i += 1;
            let mut p = 0usize;
            if i < n && fmt[i] == b'*' {
                let w = take_arg!();
                p = crate::objects::strformat::star_precision(vm, &w)?;
                i += 1;
            } else {
                while i < n && fmt[i].is_ascii_digit() {
                    p = p
                        .checked_mul(10)
                        .and_then(|w| w.checked_add(usize::from(fmt[i] - b'0')))
                        .filter(|w| *w <= i32::MAX as usize)
                        .ok_or_else(|| vm.value_error("prec too big"))?;
                    i += 1;
                }
            }
            spec.prec = Some(p);
            vm.check_alloc(p)?;
        }
        while i < n && matches!(fmt[i], b'h' | b'l' | b'L') {
            i += 1;
        }
        if i >= n {
            return Err(vm.value_error("incomplete format"));
        }
        let c = fmt[i];
        let c_index = i;
        i += 1;
        if c == b'%' {
            out.push(b'%');
            continue;
        }
        let arg = match key_arg.take() {
            Some(a) => a,
            None => take_arg!(),
        };
        let body: Vec<u8> = match c {
            b's' | b'b' => {
                let mut b = bytes_arg(vm, &arg)?;
                if let Some(p) = spec.prec {
                    b.truncate(p);
                }
                b
            }
            b'r' | b'a' => {
                let s = vm.ascii(&arg)?;
                let mut b = vm.str_text(&s).into_bytes();
                if let Some(p) = spec.prec {
                    b.truncate(p);
                }
                b
            }
            b'd' | b'i' | b'u' | b'o' | b'x' | b'X' => {
                let v = int_arg(vm, &arg, c)?;
                crate::objects::strformat::check_int_precision(vm, spec.prec)?;
                let decimal = match c {
                    b'd' | b'i' | b'u' => Some(crate::objects::int::abs_decimal(vm, &v)?),
                    _ => None,
                };
                let s = format_int(&v, c, &spec, decimal);
                out.extend_from_slice(&pad_number(s, &spec));
                continue;
            }
            b'e' | b'E' | b'f' | b'F' | b'g' | b'G' => {
                let x = float_arg(vm, &arg)?;
                let flags = krait_common::float_format::FloatFlags {
                    sign: spec.plus,
                    add_dot_0: false,
                    alt: spec.alt,
                    no_neg_0: false,
                };
                let mut s = krait_common::float_format::format_float(
                    x,
                    c as char,
                    spec.prec.unwrap_or(6),
                    flags,
                );
                if spec.space && !s.starts_with('-') && !s.starts_with('+') {
                    s.insert(0, ' ');
                }
                let num_ok = x.is_finite();
                let mut sp = Spec { ..spec };
                if !num_ok {
                    sp.zero = false;
                }
                out.extend_from_slice(&pad_number(s.into_bytes(), &sp));
                continue;
            }
            b'c' => vec![char_arg(vm, &arg)?],
            _ => {
                let shown = if c.is_ascii_graphic() || c == b' ' {
                    (c as char).to_string()
                } else {
                    "?".into()
                };
                return Err(vm.value_error(format!(
                    "unsupported format character '{shown}' (0x{c:x}) at index {c_index}"
                )));
            }
        };
        // Strings: pad with spaces.
        let pad = spec.width.saturating_sub(body.len());
        if spec.left {
            out.extend_from_slice(&body);
            out.extend(std::iter::repeat_n(b' ', pad));
        } else {
            out.extend(std::iter::repeat_n(b' ', pad));
            out.extend_from_slice(&body);
        }
    }
    if next_arg < items.len() && !(is_mapping || used_mapping) {
        return Err(vm.type_error("not all arguments converted during bytes formatting"));
    }
    Ok(out)
}

fn bytes_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(Payload::MemoryView(m)) = v.payload() {
        super::memoryview::check_released(vm, m)?;
    }
    if let Some(b) = bytes_of(v) {
        return Ok(b);
    }
    if let Some(f) = vm.lookup_special_str(v, "__bytes__") {
        let r = vm.call_method_value(&f, v, &[])?;
        return match r.payload() {
            Some(Payload::Bytes(b)) => Ok(b.to_vec()),
            _ => Err(vm.type_error(format!(
                "__bytes__ returned non-bytes (type {})",
                vm.type_name(&r)
            ))),
        };
    }
    Err(vm.type_error(format!(
        "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
        vm.type_name(v)
    )))
}

fn to_bigint(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(i64::from(b.get()))),
        _ => match v.payload() {
            Some(Payload::Int(b)) => Some(b.clone()),
            _ => None,
        },
    }
}

fn int_arg(vm: &mut Vm, v: &Value, c: u8) -> PyResult<BigInt> {
    if let Some(b) = to_bigint(v) {
        return Ok(b);
    }
    let decimal = matches!(c, b'd' | b'i' | b'u');
    if vm.lookup_special_str(v, "__index__").is_some() {
        let r = vm.index_value(v)?;
        if let Some(b) = to_bigint(&r) {
            return Ok(b);
        }
    }
    if decimal {
        if let Value::Float(f) = v {
            return float_to_int(vm, f.get());
        }
        if let Some(Payload::Float(f)) = v.payload() {
            return float_to_int(vm, *f);
        }
        if vm.lookup_special_str(v, "__int__").is_some()
            || vm.lookup_special_str(v, "__float__").is_some()
        {
            let int_t = Value::Obj(vm.types.int.clone());
            let r = vm.call_pos(&int_t, std::slice::from_ref(v))?;
            if let Some(b) = to_bigint(&r) {
                return Ok(b);
            }
        }
        return Err(vm.type_error(format!(
            "%{} format: a real number is required, not {}",
            c as char,
            vm.type_name(v)
        )));
    }
    Err(vm.type_error(format!(
        "%{} format: an integer is required, not {}",
        c as char,
        vm.type_name(v)
    )))
}

fn float_to_int(vm: &mut Vm, f: f64) -> PyResult<BigInt> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    match BigInt::from_f64(f.trunc()) {
        Some(b) => Ok(b),
        None => Err(vm.overflow_error("cannot convert float infinity to integer")),
    }
}

fn float_arg(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => return Ok(f.get()),
        Value::Int(i) => return Ok(*i as f64),
        Value::Bool(b) => return Ok(f64::from(u8::from(b.get()))),
        _ => {}
    }
    if let Some(Payload::Float(f)) = v.payload() {
        return Ok(*f);
    }
    if let Some(Payload::Int(b)) = v.payload() {
        use num_traits::ToPrimitive;
        return b
            .to_f64()
            .filter(|f| f.is_finite())
            .ok_or_else(|| vm.overflow_error("int too large to convert to float"));
    }
    if vm.lookup_special_str(v, "__float__").is_some()
        || vm.lookup_special_str(v, "__index__").is_some()
    {
        let ft = Value::Obj(vm.types.float.clone());
        let r = vm.call_pos(&ft, std::slice::from_ref(v))?;
        if let Value::Float(f) = r {
            return Ok(f.get());
        }
        if let Some(Payload::Float(f)) = r.payload() {
            return Ok(*f);
        }
    }
    Err(vm.type_error(format!("float argument required, not {}", vm.type_name(v))))
}

fn char_arg(vm: &mut Vm, v: &Value) -> PyResult<u8> {
    match v.payload() {
        Some(Payload::Bytes(b)) if b.len() == 1 => return Ok(b[0]),
        Some(Payload::ByteArray(b)) if b.borrow().len() == 1 => return Ok(b.borrow()[0]),
        _ => {}
    }
    if let Some(i) = to_bigint(v) {
        return match u8::try_from(&i) {
            Ok(c) => Ok(c),
            Err(_) => Err(vm.overflow_error("%c arg not in range(256)")),
        };
    }
    if vm.lookup_special_str(v, "__index__").is_some() {
        let r = vm.index_value(v)?;
        return char_arg(vm, &r);
    }
    Err(vm.type_error("%c requires an integer in range(256) or a single byte"))
}

/// Digits with sign and `#` prefix, before padding: (sign+prefix, digits).
fn format_int(v: &BigInt, c: u8, spec: &Spec, decimal: Option<String>) -> Vec<u8> {
    let neg = v.sign() == Sign::Minus;
    let mag = v.abs();
    let (radix, prefix) = match c {
        b'o' => (8, if spec.alt { "0o" } else { "" }),
        b'x' => (16, if spec.alt { "0x" } else { "" }),
        b'X' => (16, if spec.alt { "0X" } else { "" }),
        _ => (10, ""),
    };
    let mut digits = decimal.unwrap_or_else(|| mag.to_str_radix(radix));
    if c == b'X' {
        digits = digits.to_ascii_uppercase();
    }
    if let Some(p) = spec.prec
        && digits.len() < p
    {
        digits = "0".repeat(p - digits.len()) + &digits;
    }
    let sign = if neg {
        "-"
    } else if spec.plus {
        "+"
    } else if spec.space {
        " "
    } else {
        ""
    };
    format!("{sign}{prefix}{digits}").into_bytes()
}

/// Pad a formatted number to the width: zeros go after the sign and prefix.
fn pad_number(s: Vec<u8>, spec: &Spec) -> Vec<u8> {
    if s.len() >= spec.width {
        return s;
    }
    let pad = spec.width - s.len();
    let mut out = Vec::with_capacity(spec.width);
    if spec.left {
        out.extend_from_slice(&s);
        out.extend(std::iter::repeat_n(b' ', pad));
    } else if spec.zero {
        let mut k = 0;
        if matches!(s.first(), Some(b'-' | b'+' | b' ')) {
            k = 1;
        }
        if s.len() >= k + 2 && s[k] == b'0' && matches!(s[k + 1], b'x' | b'X' | b'o') {
            k += 2;
        }
        out.extend_from_slice(&s[..k]);
        out.extend(std::iter::repeat_n(b'0', pad));
        out.extend_from_slice(&s[k..]);
    } else {
        out.extend(std::iter::repeat_n(b' ', pad));
        out.extend_from_slice(&s);
    }
    out
}
