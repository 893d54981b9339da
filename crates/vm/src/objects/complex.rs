//! `complex` methods (CPython: `Objects/complexobject.c`): arithmetic with ints and floats
//! promoted to complex, Smith's division (`_Py_c_quot`), powers by repeated squaring for
//! small integral exponents (`c_powi`) and by polar form otherwise (`_Py_c_pow`).

use krait_bytecode::CompareOp;

use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::number::{float_eq_int, float_ref, int_ref};
use crate::value::Value;
use crate::{PyResult, Vm};

type C = (f64, f64);

/// The complex value of a complex object.
pub fn complex_ref(v: &Value) -> Option<C> {
    match v.payload() {
        Some(Payload::Complex(re, im)) => Some((*re, *im)),
        _ => None,
    }
}

fn check_self(vm: &mut Vm, this: &Value, name: &str) -> PyResult<C> {
    complex_ref(this)
        .ok_or_else(|| crate::objects::number::descriptor_error(vm, name, "complex", this))
}

fn self_complex(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<C> {
    let this = crate::objects::number::noargs(vm, args, "complex", name)?;
    check_self(vm, this, name)
}

/// A complex, float or int operand as a complex; `None` for other types.
fn operand(vm: &mut Vm, v: &Value) -> PyResult<Option<C>> {
    if let Some(c) = complex_ref(v) {
        return Ok(Some(c));
    }
    Ok(vm.float_operand(v)?.map(|f| (f, 0.0)))
}

fn prod(a: C, b: C) -> C {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// `a / b` (`_Py_c_quot`); `None` when `b` is zero.
pub(crate) fn quot(a: C, b: C) -> Option<C> {
    let (abs_br, abs_bi) = (b.0.abs(), b.1.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

fn powu(x: C, n: u64) -> C {
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask: u64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = prod(r, p);
        }
        mask <<= 1;
        p = prod(p, p);
    }
    r
}

/// `a ** b` on complex numbers (CPython's `complex_pow`).
pub fn complex_pow(vm: &mut Vm, a: C, b: C) -> PyResult<Value> {
    let r = if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        if n >= 0 {
            Some(powu(a, n as u64))
        } else {
            quot((1.0, 0.0), powu(a, n.unsigned_abs()))
        }
    } else if b == (0.0, 0.0) {
        Some((1.0, 0.0))
    } else if a == (0.0, 0.0) {
        if b.1 != 0.0 || b.0 < 0.0 {
            None
        } else {
            Some((0.0, 0.0))
        }
    } else {
        let vabs = a.0.hypot(a.1);
        let mut len = vabs.powf(b.0);
        let at = a.1.atan2(a.0);
        let mut phase = at * b.0;
        if b.1 != 0.0 {
            len /= (at * b.1).exp();
            phase += b.1 * vabs.ln();
        }
        Some((len * phase.cos(), len * phase.sin()))
    };
    match r {
        None => Err(vm.zero_division("0.0 to a negative or complex power")),
        Some(r) if r.0.is_infinite() || r.1.is_infinite() => {
            Err(vm.overflow_error("complex exponentiation"))
        }
        Some(r) => Ok(vm.new_complex(r.0, r.1)),
    }
}

#[derive(Clone, Copy)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

fn binop(vm: &mut Vm, a: &Value, b: &Value, op: Op) -> PyResult<Value> {
    let Some(x) = operand(vm, a)? else {
        return Ok(vm.not_implemented.clone());
    };
    let Some(y) = operand(vm, b)? else {
        return Ok(vm.not_implemented.clone());
    };
    let r = match op {
        Op::Add => (x.0 + y.0, x.1 + y.1),
        Op::Sub => (x.0 - y.0, x.1 - y.1),
        Op::Mul => prod(x, y),
        Op::Div => match quot(x, y) {
            Some(r) => r,
            None => return Err(vm.zero_division("complex division by zero")),
        },
        Op::Pow => return complex_pow(vm, x, y),
    };
    Ok(vm.new_complex(r.0, r.1))
}

macro_rules! complex_binops {
    ($($name:ident, $rname:ident, $py:literal, $rpy:literal, $op:ident;)*) => { $(
        fn $name(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            let (this, rest) = crate::native::method_args(vm, &args, $py, 1, 1)?;
            check_self(vm, this, $py)?;
            binop(vm, this, &rest[0], Op::$op)
        }
        fn $rname(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            let (this, rest) = crate::native::method_args(vm, &args, $rpy, 1, 1)?;
            check_self(vm, this, $rpy)?;
            binop(vm, &rest[0], this, Op::$op)
        }
    )* };
}

complex_binops! {
    complex_add, complex_radd, "__add__", "__radd__", Add;
    complex_sub, complex_rsub, "__sub__", "__rsub__", Sub;
    complex_mul, complex_rmul, "__mul__", "__rmul__", Mul;
    complex_truediv, complex_rtruediv, "__truediv__", "__rtruediv__", Div;
}

fn pow_args(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<(Value, Value)> {
    let (this, rest) = crate::native::method_args(vm, args, name, 1, 2)?;
    check_self(vm, this, name)?;
    if rest.get(1).is_some_and(|m| !m.is_none()) {
        return Err(vm.value_error("complex modulo"));
    }
    Ok((this.clone(), rest[0].clone()))
}

fn complex_powm(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = pow_args(vm, &args, "__pow__")?;
    binop(vm, &a, &b, Op::Pow)
}

fn complex_rpow(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = pow_args(vm, &args, "__rpow__")?;
    binop(vm, &b, &a, Op::Pow)
}

fn equal(vm: &mut Vm, x: C, other: &Value) -> Option<bool> {
    if let Some(y) = complex_ref(other) {
        return Some(x == y);
    }
    if let Some(f) = float_ref(other) {
        return Some(x.1 == 0.0 && x.0 == f);
    }
    let _ = vm;
    int_ref(other).map(|i| x.1 == 0.0 && float_eq_int(x.0, i))
}

fn richcompare(vm: &mut Vm, args: Args<'_>, op: CompareOp) -> PyResult<Value> {
    let name = if op == CompareOp::Eq {
        "__eq__"
    } else {
        "__ne__"
    };
    let (this, rest) = crate::native::method_args(vm, &args, name, 1, 1)?;
    let x = check_self(vm, this, name)?;
    Ok(match equal(vm, x, &rest[0]) {
        Some(e) => Value::bool(e == (op == CompareOp::Eq)),
        None => vm.not_implemented.clone(),
    })
}

fn complex_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    richcompare(vm, args, CompareOp::Eq)
}

fn complex_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    richcompare(vm, args, CompareOp::Ne)
}

fn not_implemented(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(vm.not_implemented.clone())
}

fn complex_neg(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let c = self_complex(vm, &args, "__neg__")?;
    Ok(vm.new_complex(-c.0, -c.1))
}

fn complex_pos(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let c = self_complex(vm, &args, "__pos__")?;
    Ok(vm.new_complex(c.0, c.1))
}

fn complex_conjugate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let c = self_complex(vm, &args, "conjugate")?;
    Ok(vm.new_complex(c.0, -c.1))
}

fn complex_complex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__complex__", 0, 0)?;
    let c = check_self(vm, this, "__complex__")?;
    if let Value::Obj(o) = this
        && o.class_is(&vm.types.complex)
    {
        return Ok(this.clone());
    }
    Ok(vm.new_complex(c.0, c.1))
}

/// `abs(complex)` (CPython's `_Py_c_abs`).
fn complex_abs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (re, im) = self_complex(vm, &args, "__abs__")?;
    if re.is_infinite() || im.is_infinite() {
        return Ok(Value::float(f64::INFINITY));
    }
    if re.is_nan() || im.is_nan() {
        return Ok(Value::float(f64::NAN));
    }
    let r = re.hypot(im);
    if r.is_infinite() {
        return Err(vm.overflow_error("absolute value too large"));
    }
    Ok(Value::float(r))
}

fn complex_bool(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let c = self_complex(vm, &args, "__bool__")?;
    Ok(Value::bool(c.0 != 0.0 || c.1 != 0.0))
}

fn complex_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__hash__", 0, 0)?;
    let c = check_self(vm, this, "__hash__")?;
    let h = match krait_common::hash::hash_complex(c.0, c.1) {
        Some(h) => h,
        None => {
            // A NaN part hashes by identity, as `_Py_HashDouble` does.
            let part = |x: f64| {
                krait_common::hash::hash_float(x).unwrap_or_else(|| crate::ops::hash_identity(this))
            };
            let h = part(c.0).wrapping_add(part(c.1).wrapping_mul(1_000_003));
            if h == -1 { -2 } else { h }
        }
    };
    Ok(Value::Int(h))
}

fn complex_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let c = self_complex(vm, &args, "__repr__")?;
    Ok(vm.new_string(krait_common::repr::complex_repr(c.0, c.1)))
}

fn complex_format(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "__format__", 1, 1)?;
    let c = check_self(vm, this, "__format__")?;
    let Some(Payload::Str(spec)) = rest[0].payload() else {
        return Err(vm.type_error(format!(
            "__format__() argument must be str, not {}",
            vm.type_name(&rest[0])
        )));
    };
    if spec.is_empty() {
        return vm.str(this);
    }
    let spec = spec.as_str().into_owned();
    let tn = vm.type_name(this);
    let p = crate::objects::strmethods::parse_spec(vm, &spec, '\0', &tn)?;
    let r = krait_common::format_spec::format_complex(c.0, c.1, &p, &tn);
    match r {
        Ok(s) => Ok(vm.new_string(s)),
        // Also maps an impossible width to MemoryError.
        Err(e) => Err(crate::objects::strmethods::format_error(vm, e)),
    }
}

fn complex_getnewargs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let c = self_complex(vm, &args, "__getnewargs__")?;
    Ok(vm.new_pair(Value::float(c.0), Value::float(c.1)))
}

fn complex_real(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::float(check_self(vm, this, "real")?.0))
}

fn complex_imag(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::float(check_self(vm, this, "imag")?.1))
}

fn readonly(vm: &mut Vm, _this: &Value, _v: Option<Value>) -> PyResult<()> {
    Err(vm.attribute_error("readonly attribute"))
}

// ----- construction -----

/// The longest float literal at the start of `s` (sign, digits with underscores, point,
/// exponent, or `inf`/`infinity`/`nan`), parsed; `None` when there is none.
fn scan_float(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = 0;
    if matches!(s.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let rest = &s[i..];
    let lower: Vec<u8> = rest.iter().take(8).map(u8::to_ascii_lowercase).collect();
    for word in [&b"infinity"[..], b"inf", b"nan"] {
        if lower.starts_with(word) {
            let end = i + word.len();
            let text = std::str::from_utf8(&s[..end]).ok()?;
            return krait_common::float_format::parse_float(text).map(|f| (f, end));
        }
    }
    let start_digits = i;
    let mut digits = 0;
    while i < s.len() && (s[i].is_ascii_digit() || s[i] == b'_') {
        digits += usize::from(s[i] != b'_');
        i += 1;
    }
    if i < s.len() && s[i] == b'.' {
        i += 1;
        while i < s.len() && (s[i].is_ascii_digit() || s[i] == b'_') {
            digits += usize::from(s[i] != b'_');
            i += 1;
        }
    }
    if digits == 0 || i == start_digits {
        return None;
    }
    if i < s.len() && (s[i] == b'e' || s[i] == b'E') {
        let mut j = i + 1;
        if j < s.len() && (s[j] == b'+' || s[j] == b'-') {
            j += 1;
        }
        if j < s.len() && s[j].is_ascii_digit() {
            while j < s.len() && (s[j].is_ascii_digit() || s[j] == b'_') {
                j += 1;
            }
            i = j;
        }
    }
    let text = std::str::from_utf8(&s[..i]).ok()?;
    krait_common::float_format::parse_float(text).map(|f| (f, i))
}

/// `complex(str)` (CPython's `complex_from_string_inner`).
fn parse_complex(text: &str) -> Option<C> {
    let is_space = |c: char| c.is_whitespace();
    let mut s = text.trim_matches(is_space);
    if let Some(inner) = s.strip_prefix('(') {
        s = inner.strip_suffix(')')?.trim_matches(is_space);
    }
    let b = s.as_bytes();
    let is_j = |c: Option<&u8>| matches!(c, Some(b'j' | b'J'));
    let (re, im, end) = match scan_float(b) {
        Some((x, n)) => match b.get(n) {
            Some(b'+' | b'-') => match scan_float(&b[n..]) {
                Some((y, m)) if is_j(b.get(n + m)) => (x, y, n + m + 1),
                Some(_) => return None,
                None if is_j(b.get(n + 1)) => (x, if b[n] == b'-' { -1.0 } else { 1.0 }, n + 2),
                None => return None,
            },
            Some(b'j' | b'J') => (0.0, x, n + 1),
            _ => (x, 0.0, n),
        },
        None => match b {
            [b'+', b'j' | b'J', ..] => (0.0, 1.0, 2),
            [b'-', b'j' | b'J', ..] => (0.0, -1.0, 2),
            [b'j' | b'J', ..] => (0.0, 1.0, 1),
            _ => return None,
        },
    };
    (end == b.len()).then_some((re, im))
}

/// `x.__complex__()` if the type has one (a strict subclass of complex as its result is
/// deprecated, as in CPython).
pub(crate) fn try_complex_special(vm: &mut Vm, v: &Value) -> PyResult<Option<C>> {
    match vm.call_special(v, "__complex__", &[])? {
        Some(r) => match complex_ref(&r) {
            Some(c) => {
                let t = vm.type_of(&r);
                if !ObjRef::ptr_eq(&t, &vm.types.complex) {
                    let msg = format!(
                        "__complex__ returned non-complex (type {}).  The ability to return an \
                         instance of a strict subclass of complex is deprecated, and may be \
                         removed in a future version of Python.",
                        vm.type_name(&r)
                    );
                    let w = vm.types.deprecation_warning.clone();
                    vm.warn(&w, &msg)?;
                }
                Ok(Some(c))
            }
            None => Err(vm.type_error(format!(
                "__complex__ returned non-complex (type {})",
                vm.type_name(&r)
            ))),
        },
        None => Ok(None),
    }
}

fn is_number(vm: &mut Vm, v: &Value) -> bool {
    complex_ref(v).is_some()
        || float_ref(v).is_some()
        || int_ref(v).is_some()
        || vm.lookup_special_str(v, "__float__").is_some()
        || vm.lookup_special_str(v, "__index__").is_some()
        || vm.lookup_special_str(v, "__complex__").is_some()
}

fn complex_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some((cls, _)) = args.values.split_first() else {
        return Err(vm.type_error("complex.__new__(): not enough arguments"));
    };
    let cls = crate::native::type_arg(vm, cls, "complex.__new__")?;
    let complex = vm.types.complex.clone();
    crate::objects::number::check_new_subtype(vm, &cls, &complex, "complex")?;
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let a = crate::objects::int::bind_args(vm, &rest, "complex", &["real", "imag"], 2, 0)?;
    let exact = ObjRef::ptr_eq(&cls, &vm.types.complex);
    let (r, i) = (a[0].clone(), a[1].clone());
    let Some(r) = r else {
        let im = match &i {
            Some(i) => imag_part(vm, i)?,
            None => (0.0, false, 0.0),
        };
        return Ok(make(vm, &cls, 0.0 - im.2, im.0));
    };
    if let Some(Payload::Str(s)) = r.payload() {
        if i.is_some() {
            return Err(vm.type_error("complex() can't take second arg if first is a string"));
        }
        let t = s.as_str().into_owned();
        let t = krait_common::float_format::transform_decimal_and_space(&t).into_owned();
        return match parse_complex(&t) {
            Some((re, im)) if !s.has_surrogates() => Ok(make(vm, &cls, re, im)),
            _ => Err(vm.value_error("complex() arg is a malformed string")),
        };
    }
    if let Some(iv) = &i
        && matches!(iv.payload(), Some(Payload::Str(_)))
    {
        return Err(vm.type_error("complex() second arg can't be a string"));
    }
    // The real part.
    let (cr, cr_is_complex) = match try_complex_special(vm, &r)? {
        Some(c) => (c, true),
        None => {
            if !is_number(vm, &r) {
                return Err(vm.type_error(format!(
                    "complex() first argument must be a string or a number, not '{}'",
                    vm.type_name(&r)
                )));
            }
            match complex_ref(&r) {
                Some(c) => {
                    if exact
                        && i.is_none()
                        && matches!(&r, Value::Obj(o) if o.class_is(&vm.types.complex))
                    {
                        return Ok(r);
                    }
                    (c, true)
                }
                None => (
                    (crate::objects::float::float_from_value(vm, &r)?, 0.0),
                    false,
                ),
            }
        }
    };
    let (ci_real, ci_is_complex, ci_imag) = match &i {
        None => (cr.1, false, 0.0),
        Some(iv) => imag_part(vm, iv)?,
    };
    let mut re = cr.0;
    let mut im = ci_real;
    if ci_is_complex {
        re -= ci_imag;
    }
    if cr_is_complex && i.is_some() {
        im += cr.1;
    }
    Ok(make(vm, &cls, re, im))
}

/// The second argument of `complex()`: (real, is complex, imag).
fn imag_part(vm: &mut Vm, v: &Value) -> PyResult<(f64, bool, f64)> {
    if let Some(c) = complex_ref(v) {
        return Ok((c.0, true, c.1));
    }
    if !(float_ref(v).is_some()
        || int_ref(v).is_some()
        || vm.lookup_special_str(v, "__float__").is_some()
        || vm.lookup_special_str(v, "__index__").is_some())
    {
        return Err(vm.type_error(format!(
            "complex() second argument must be a number, not '{}'",
            vm.type_name(v)
        )));
    }
    Ok((crate::objects::float::float_from_value(vm, v)?, false, 0.0))
}

fn make(vm: &mut Vm, cls: &ObjRef, re: f64, im: f64) -> Value {
    if ObjRef::ptr_eq(cls, &vm.types.complex) {
        vm.new_complex(re, im)
    } else {
        Value::Obj(vm.new_object(cls, Payload::Complex(re, im)))
    }
}

/// Register `complex`'s methods.
pub fn init(vm: &mut Vm) {
    let t = vm.types.complex.clone();
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => complex_new, "";
            method "__add__" => complex_add, "";
            method "__radd__" => complex_radd, "";
            method "__sub__" => complex_sub, "";
            method "__rsub__" => complex_rsub, "";
            method "__mul__" => complex_mul, "";
            method "__rmul__" => complex_rmul, "";
            method "__truediv__" => complex_truediv, "";
            method "__rtruediv__" => complex_rtruediv, "";
            method "__pow__" => complex_powm, "";
            method "__rpow__" => complex_rpow, "";
            method "__eq__" => complex_eq, "";
            method "__ne__" => complex_ne, "";
            method "__lt__" => not_implemented, "";
            method "__le__" => not_implemented, "";
            method "__gt__" => not_implemented, "";
            method "__ge__" => not_implemented, "";
            method "__neg__" => complex_neg, "";
            method "__pos__" => complex_pos, "";
            method "__abs__" => complex_abs, "";
            method "__bool__" => complex_bool, "";
            method "__hash__" => complex_hash, "";
            method "__repr__" => complex_repr, "";
            method "__format__" => complex_format, "";
            method "__getnewargs__" => complex_getnewargs, "";
            method "__complex__" => complex_complex, "";
            method "conjugate" => complex_conjugate, "Return the complex conjugate of its argument.";
        ],
    );
    let doc = vm.new_str("Create a complex number from a real part and an optional imaginary part.\n\nThis is equivalent to (real + imag*1j) where imag defaults to 0.");
    vm.set_type_attr(&t, "__doc__", doc);
    // `real` and `imag` are read-only members in CPython, hence the message.
    vm.add_getset(&t, "real", complex_real, Some(readonly));
    vm.add_getset(&t, "imag", complex_imag, Some(readonly));
}
