//! `int` and `bool` methods (CPython: `Objects/longobject.c`, `Objects/boolobject.c`).
//!
//! Operands arrive as `Value::Int`, `Value::Bool` or a heap `Payload::Int` (a big int or an
//! instance of an `int` subclass); [`int_ref`] views all three alike. Small operands take the
//! allocation-free [`int_fast`] path, everything else goes through `BigInt`, and every result
//! is normalised with `Value::from_bigint`. Results of arithmetic on subclass instances are
//! plain ints, as in CPython.

use krait_bytecode::{BinaryOp, CompareOp};
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Pow, Signed, ToPrimitive, Zero};

use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::number::{IntRef, float_ref, int_fast, int_ref};
use crate::value::Value;
use crate::{PyResult, Vm};

/// Results above this many bits raise `MemoryError` instead of being computed.
const MAX_RESULT_BITS: u64 = 1 << 28;

/// `a op b` on two ints.
pub fn int_binary(vm: &mut Vm, a: IntRef<'_>, b: IntRef<'_>, op: BinaryOp) -> PyResult<Value> {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b)
        && let Some(r) = int_fast(x, y, op)
    {
        return Ok(r);
    }
    let r = match op {
        BinaryOp::Add => a.to_big() + b.to_big(),
        BinaryOp::Subtract => a.to_big() - b.to_big(),
        BinaryOp::Multiply => {
            let (x, y) = (a.to_big(), b.to_big());
            vm.check_alloc(((x.bits() + y.bits()) / 8) as usize)?;
            crate::objects::bigsteps::mul(vm, &x, &y)?
        }
        BinaryOp::FloorDivide => {
            if b.is_zero() {
                return Err(vm.zero_division("integer division or modulo by zero"));
            }
            crate::objects::bigsteps::div_mod_floor(vm, &a.to_big(), &b.to_big())?.0
        }
        BinaryOp::Remainder => {
            if b.is_zero() {
                return Err(vm.zero_division("integer modulo by zero"));
            }
            crate::objects::bigsteps::div_mod_floor(vm, &a.to_big(), &b.to_big())?.1
        }
        BinaryOp::TrueDivide => return int_truediv(vm, a, b),
        BinaryOp::Power => return int_pow(vm, a, b),
        BinaryOp::Lshift => {
            if b.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            if a.is_zero() {
                return Ok(Value::Int(0));
            }
            let Some(n) = b.to_i64() else {
                return Err(vm.overflow_error("too many digits in integer"));
            };
            vm.check_alloc(((a.to_big().bits() + n as u64) / 8) as usize)?;
            if n as u64 > MAX_RESULT_BITS {
                return Err(vm.memory_error());
            }
            a.to_big() << (n as u64)
        }
        BinaryOp::Rshift => {
            if b.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            match b.to_i64() {
                Some(n) if n < (1 << 40) => a.to_big() >> (n as u64),
                _ => BigInt::from(if a.is_negative() { -1 } else { 0 }),
            }
        }
        BinaryOp::And => a.to_big() & b.to_big(),
        BinaryOp::Or => a.to_big() | b.to_big(),
        BinaryOp::Xor => a.to_big() ^ b.to_big(),
        _ => return Ok(vm.not_implemented.clone()),
    };
    Ok(Value::from_bigint(r, vm))
}

fn int_truediv(vm: &mut Vm, a: IntRef<'_>, b: IntRef<'_>) -> PyResult<Value> {
    if b.is_zero() {
        return Err(vm.zero_division("division by zero"));
    }
    let (x, y) = (a.to_big(), b.to_big());
    let m = crate::objects::number::ratio_to_f64(x.magnitude(), y.magnitude());
    if m.is_infinite() {
        return Err(vm.overflow_error("integer division result too large for a float"));
    }
    let neg = (x.sign() == Sign::Minus) != (y.sign() == Sign::Minus);
    Ok(Value::float(if neg { -m } else { m }))
}

fn int_pow(vm: &mut Vm, a: IntRef<'_>, b: IntRef<'_>) -> PyResult<Value> {
    if b.is_negative() {
        let x = vm.int_to_f64(a)?;
        let y = vm.int_to_f64(b)?;
        return crate::objects::float::float_pow(vm, x, y);
    }
    let base = a.to_big();
    if base.is_zero() {
        return Ok(Value::Int(i64::from(b.is_zero())));
    }
    if base.is_one() {
        return Ok(Value::Int(1));
    }
    let odd = match b {
        IntRef::Small(e) => e & 1 == 1,
        IntRef::Big(e) => e.is_odd(),
    };
    if base == BigInt::from(-1) {
        return Ok(Value::Int(if odd { -1 } else { 1 }));
    }
    let Some(e) = b.to_i64() else {
        return Err(vm.memory_error());
    };
    // The result has about `e * log2|base|` bits (`(bits - 1) * e` would under-count
    // `10**10**8` by a sixth, letting it past a cap it exceeds).
    let log2 = {
        let bits = base.bits();
        let shift = bits.saturating_sub(53);
        let top = (base.magnitude() >> shift).to_f64().unwrap_or(f64::MAX);
        top.log2() + shift as f64
    };
    let result_bits = (log2 * e as f64).min(u64::MAX as f64) as u64;
    vm.check_alloc((result_bits / 8) as usize)?;
    if (base.bits() - 1).saturating_mul(e as u64) > MAX_RESULT_BITS {
        return Err(vm.memory_error());
    }
    let r = crate::objects::bigsteps::pow(vm, &base, e as u64)?;
    Ok(Value::from_bigint(r, vm))
}

/// `pow(a, b, m)` on ints.
fn int_pow_mod(vm: &mut Vm, a: IntRef<'_>, b: IntRef<'_>, m: IntRef<'_>) -> PyResult<Value> {
    if m.is_zero() {
        return Err(vm.value_error("pow() 3rd argument cannot be 0"));
    }
    let m = m.to_big();
    let neg_mod = m.sign() == Sign::Minus;
    let am = m.abs();
    let mut base = crate::objects::bigsteps::div_mod_floor(vm, &a.to_big(), &am)?.1;
    let mut e = b.to_big();
    if e.sign() == Sign::Minus {
        match mod_inverse(&base, &am) {
            Some(inv) => base = inv,
            None => {
                return Err(vm.value_error("base is not invertible for the given modulus"));
            }
        }
        e = -e;
    }
    let mut r = crate::objects::bigsteps::modpow(vm, &base, &e, &am)?;
    if neg_mod && !r.is_zero() {
        r -= &am;
    }
    Ok(Value::from_bigint(r, vm))
}

/// The inverse of `a` modulo `m` (`m > 0`, `0 <= a < m`).
fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut old_r, mut r) = (a.clone(), m.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    while !r.is_zero() {
        let q = old_r.div_floor(&r);
        let nr = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, nr);
        let ns = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, ns);
    }
    if old_r.is_one() {
        Some(old_s.mod_floor(m))
    } else {
        None
    }
}

/// `a op b` when both are ints, else `NotImplemented`.
fn binop_values(vm: &mut Vm, a: &Value, b: &Value, op: BinaryOp) -> PyResult<Value> {
    match (int_ref(a), int_ref(b)) {
        (Some(x), Some(y)) => int_binary(vm, x, y, op),
        _ => Ok(vm.not_implemented.clone()),
    }
}

/// `self` and the other operand of a binary dunder; `self` must be an int.
fn operands<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<(&'a Value, &'a Value)> {
    let (this, rest) = crate::native::method_args(vm, args, name, 1, 1)?;
    check_self(vm, this, name)?;
    Ok((this, &rest[0]))
}

fn check_self<'a>(vm: &mut Vm, this: &'a Value, name: &str) -> PyResult<IntRef<'a>> {
    int_ref(this).ok_or_else(|| crate::objects::number::descriptor_error(vm, name, "int", this))
}

fn self_int<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<IntRef<'a>> {
    let this = crate::objects::number::noargs(vm, args, "int", name)?;
    check_self(vm, this, name)
}

macro_rules! int_binops {
    ($($name:ident, $rname:ident, $py:literal, $rpy:literal, $op:ident;)*) => { $(
        fn $name(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            let (a, b) = operands(vm, &args, $py)?;
            binop_values(vm, a, b, BinaryOp::$op)
        }
        fn $rname(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            let (a, b) = operands(vm, &args, $rpy)?;
            binop_values(vm, b, a, BinaryOp::$op)
        }
    )* };
}

int_binops! {
    int_add, int_radd, "__add__", "__radd__", Add;
    int_sub, int_rsub, "__sub__", "__rsub__", Subtract;
    int_mul, int_rmul, "__mul__", "__rmul__", Multiply;
    int_truediv_m, int_rtruediv, "__truediv__", "__rtruediv__", TrueDivide;
    int_floordiv, int_rfloordiv, "__floordiv__", "__rfloordiv__", FloorDivide;
    int_mod, int_rmod, "__mod__", "__rmod__", Remainder;
    int_lshift, int_rlshift, "__lshift__", "__rlshift__", Lshift;
    int_rshift, int_rrshift, "__rshift__", "__rrshift__", Rshift;
    int_and, int_rand, "__and__", "__rand__", And;
    int_or, int_ror, "__or__", "__ror__", Or;
    int_xor, int_rxor, "__xor__", "__rxor__", Xor;
}

fn divmod_values(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let (Some(x), Some(y)) = (int_ref(a), int_ref(b)) else {
        return Ok(vm.not_implemented.clone());
    };
    if y.is_zero() {
        return Err(vm.zero_division("integer division or modulo by zero"));
    }
    if let (IntRef::Small(p), IntRef::Small(q)) = (x, y)
        && let (Some(d), Some(m)) = (
            int_fast(p, q, BinaryOp::FloorDivide),
            int_fast(p, q, BinaryOp::Remainder),
        )
    {
        return Ok(vm.new_pair(d, m));
    }
    let (d, m) = crate::objects::bigsteps::div_mod_floor(vm, &x.to_big(), &y.to_big())?;
    let d = Value::from_bigint(d, vm);
    let m = Value::from_bigint(m, vm);
    Ok(vm.new_pair(d, m))
}

fn int_divmod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = operands(vm, &args, "__divmod__")?;
    divmod_values(vm, a, b)
}

fn int_rdivmod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = operands(vm, &args, "__rdivmod__")?;
    divmod_values(vm, b, a)
}

fn pow_values(vm: &mut Vm, a: &Value, b: &Value, m: Option<&Value>) -> PyResult<Value> {
    let (Some(x), Some(y)) = (int_ref(a), int_ref(b)) else {
        if m.is_some_and(|m| !m.is_none()) && (float_ref(a).is_some() || float_ref(b).is_some()) {
            return Err(
                vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
            );
        }
        return Ok(vm.not_implemented.clone());
    };
    match m {
        None | Some(Value::None) => int_binary(vm, x, y, BinaryOp::Power),
        Some(m) => match int_ref(m) {
            Some(z) => int_pow_mod(vm, x, y, z),
            None => Ok(vm.not_implemented.clone()),
        },
    }
}

fn int_pow_m(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "__pow__", 1, 2)?;
    check_self(vm, this, "__pow__")?;
    pow_values(vm, this, &rest[0], rest.get(1))
}

fn int_rpow(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "__rpow__", 1, 2)?;
    check_self(vm, this, "__rpow__")?;
    pow_values(vm, &rest[0], this, rest.get(1))
}

// ----- comparison -----

fn compare_values(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> Value {
    let (Some(x), Some(y)) = (int_ref(a), int_ref(b)) else {
        return vm.not_implemented.clone();
    };
    let ord = match (x, y) {
        (IntRef::Small(p), IntRef::Small(q)) => p.cmp(&q),
        _ => x.to_big().cmp(&y.to_big()),
    };
    Value::bool(crate::ops::cmp_ord(ord, op))
}

macro_rules! int_cmps {
    ($($name:ident, $py:literal, $op:ident;)*) => { $(
        fn $name(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            let (a, b) = operands(vm, &args, $py)?;
            Ok(compare_values(vm, a, b, CompareOp::$op))
        }
    )* };
}

int_cmps! {
    int_eq, "__eq__", Eq;
    int_ne, "__ne__", Ne;
    int_lt, "__lt__", Lt;
    int_le, "__le__", Le;
    int_gt, "__gt__", Gt;
    int_ge, "__ge__", Ge;
}

// ----- unary and conversions -----

/// The exact-`int` value of an int.
pub fn plain(vm: &Vm, i: IntRef<'_>) -> Value {
    match i {
        IntRef::Small(n) => Value::Int(n),
        IntRef::Big(b) => Value::from_bigint(b.clone(), vm),
    }
}

fn int_neg(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "__neg__")?;
    Ok(match i {
        IntRef::Small(n) if n != i64::MIN => Value::Int(-n),
        _ => Value::from_bigint(-i.to_big(), vm),
    })
}

fn int_pos(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "__pos__")?;
    Ok(plain(vm, i))
}

fn int_abs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "__abs__")?;
    Ok(match i {
        IntRef::Small(n) if n != i64::MIN => Value::Int(n.abs()),
        _ => Value::from_bigint(i.to_big().abs(), vm),
    })
}

fn int_invert(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "__invert__")?;
    Ok(match i {
        IntRef::Small(n) => Value::Int(!n),
        _ => Value::from_bigint(-i.to_big() - 1, vm),
    })
}

fn int_bool(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "__bool__")?;
    Ok(Value::bool(!i.is_zero()))
}

fn int_int(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "__int__")?;
    Ok(plain(vm, i))
}

fn int_float(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "__float__")?;
    Ok(Value::float(vm.int_to_f64(i)?))
}

fn int_round(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "__round__", 0, 1)?;
    let i = check_self(vm, this, "__round__")?;
    let nd = match rest.first() {
        None | Some(Value::None) => return Ok(plain(vm, i)),
        Some(v) => v,
    };
    let nd = vm.index_value(nd)?;
    let nd = int_ref(&nd).map_or(IntRef::Small(0), |x| match x {
        IntRef::Small(n) => IntRef::Small(n),
        IntRef::Big(b) => IntRef::Small(if b.sign() == Sign::Minus {
            i64::MIN
        } else {
            i64::MAX
        }),
    });
    let IntRef::Small(nd) = nd else {
        return Ok(plain(vm, i));
    };
    if nd >= 0 {
        return Ok(plain(vm, i));
    }
    let x = i.to_big();
    // More digits dropped than the number has: the result is 0.
    let max_digits = (x.bits() as i64) * 3 / 10 + 2;
    if nd.unsigned_abs() as i64 > max_digits {
        return Ok(Value::Int(0));
    }
    let p = Pow::pow(&BigInt::from(10), nd.unsigned_abs());
    let (q, r) = x.div_mod_floor(&p);
    let r2 = r * 2;
    let q = if r2 > p || (r2 == p && q.is_odd()) {
        q + 1
    } else {
        q
    };
    Ok(Value::from_bigint(q * p, vm))
}

fn int_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "__hash__")?;
    Ok(Value::Int(match i {
        IntRef::Small(n) => krait_common::hash::hash_i64(n),
        IntRef::Big(b) => krait_common::hash::hash_bigint(b),
    }))
}

/// The `ValueError` of `sys.set_int_max_str_digits` for int→str.
fn str_limit_error(vm: &mut Vm) -> crate::PyErr {
    let limit = vm.int_max_str_digits;
    vm.value_error(format!(
        "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
    ))
}

/// `str(int)` with the digit limit.
pub fn int_to_decimal(vm: &mut Vm, i: IntRef<'_>) -> PyResult<String> {
    match i {
        IntRef::Small(n) => Ok(n.to_string()),
        IntRef::Big(b) => {
            let limit = vm.int_max_str_digits as u64;
            if limit > 0 && b.bits() * 3 / 10 > limit + 1 {
                return Err(str_limit_error(vm));
            }
            let s = crate::objects::bigsteps::to_decimal(vm, b)?;
            let digits = s.len() - usize::from(s.starts_with('-'));
            if limit > 0 && digits as u64 > limit {
                return Err(str_limit_error(vm));
            }
            Ok(s)
        }
    }
}

/// The decimal digits of `n`, written at the end of `buf` (20 digits hold any `u64`).
pub(crate) fn decimal_digits(buf: &mut [u8; 20], mut n: u64) -> &[u8] {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[at..]
}

/// `abs(v)` in decimal for `%d`/`%i`/`%u`: under the digit limit and the interpreter's limits.
pub fn abs_decimal(vm: &mut Vm, v: &BigInt) -> PyResult<String> {
    let mag = v.abs();
    match num_traits::ToPrimitive::to_i64(&mag) {
        Some(n) => Ok(n.to_string()),
        None => int_to_decimal(vm, IntRef::Big(&mag)),
    }
}

fn int_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "__repr__")?;
    let s = int_to_decimal(vm, i)?;
    Ok(vm.new_string(s))
}

fn int_format(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "__format__", 1, 1)?;
    let i = check_self(vm, this, "__format__")?;
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
    if let IntRef::Big(b) = i {
        let ty = spec.chars().last().unwrap_or('d');
        if !matches!(
            ty,
            'b' | 'o' | 'x' | 'X' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%'
        ) {
            let limit = vm.int_max_str_digits as u64;
            if limit > 0 && b.bits() * 3 / 10 > limit + 1 {
                return Err(str_limit_error(vm));
            }
        }
    }
    let p = crate::objects::strmethods::parse_spec(vm, &spec, 'd', &tn)?;
    if let IntRef::Small(n) = i
        && let Some(v) = format_small_decimal(vm, n, &p)
    {
        return Ok(v);
    }
    // A huge int's decimal digits are made in interruptible steps, as str() makes them.
    let decimal = match i {
        IntRef::Big(b) if matches!(p.ty, None | Some('d' | 'n')) => Some(
            crate::objects::bigsteps::to_decimal(vm, &BigInt::from(b.magnitude().clone()))?,
        ),
        _ => None,
    };
    let parsed = krait_common::format_spec::format_int_digits(&i.to_big(), decimal, &p, &tn);
    match parsed {
        Ok(s) => Ok(vm.new_string(s)),
        // Also maps an impossible width to MemoryError.
        Err(e) => Err(crate::objects::strmethods::format_error(vm, e)),
    }
}

/// `format(n, spec)` for a plain decimal spec (fill, alignment, sign, width; no grouping,
/// type `d` or none), written into the scratch buffer with the digits made on the stack;
/// `None` for any other spec (`format_int_digits` handles it, errors included).
fn format_small_decimal(
    vm: &Vm,
    n: i64,
    p: &krait_common::format_spec::FormatSpec,
) -> Option<Value> {
    use krait_common::format_spec::{Align, SignOption};
    if !matches!(p.ty, None | Some('d'))
        || p.grouping.is_some()
        || p.precision.is_some()
        || p.alternate
        || p.no_neg_0
    {
        return None;
    }
    let sign = match (n < 0, p.sign) {
        (true, _) => Some(b'-'),
        (false, Some(SignOption::Plus)) => Some(b'+'),
        (false, Some(SignOption::Space)) => Some(b' '),
        _ => None,
    };
    let mut buf = [0u8; 20];
    let digits = decimal_digits(&mut buf, n.unsigned_abs());
    let content = usize::from(sign.is_some()) + digits.len();
    let padding = p.width.unwrap_or(0).saturating_sub(content);
    if padding > 1 << 20 {
        return None;
    }
    // `calc_number_widths`: numbers align right by default, after the sign under `0`.
    let align = p.align.unwrap_or(if p.zero_pad {
        Align::AfterSign
    } else {
        Align::Right
    });
    let (left, middle) = match align {
        Align::Left => (0, 0),
        Align::Right => (padding, 0),
        Align::Center => (padding / 2, 0),
        Align::AfterSign => (0, padding),
    };
    let fill = p.fill.unwrap_or(if p.zero_pad { '0' } else { ' ' });
    let mut fill_buf = [0u8; 4];
    let fill = fill.encode_utf8(&mut fill_buf).as_bytes();
    let mut out = vm.str_scratch(content + padding * fill.len());
    let pad = |out: &mut Vec<u8>, k: usize| {
        for _ in 0..k {
            out.extend_from_slice(fill);
        }
    };
    pad(&mut out, left);
    out.extend(sign);
    pad(&mut out, middle);
    out.extend_from_slice(digits);
    pad(&mut out, padding - left - middle);
    let m = crate::objects::str::TextMeta::counted(out.len(), content + padding, false);
    Some(vm.new_str_scratch(out, Some(m)))
}

fn int_getnewargs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "__getnewargs__")?;
    let v = plain(vm, i);
    Ok(vm.new_tuple(vec![v]))
}

fn int_bit_length(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "bit_length")?;
    Ok(Value::Int(match i {
        IntRef::Small(n) => i64::from(64 - n.unsigned_abs().leading_zeros()),
        IntRef::Big(b) => b.bits() as i64,
    }))
}

fn int_bit_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "bit_count")?;
    Ok(Value::Int(match i {
        IntRef::Small(n) => i64::from(n.unsigned_abs().count_ones()),
        IntRef::Big(b) => b.magnitude().count_ones() as i64,
    }))
}

fn int_as_integer_ratio(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "as_integer_ratio")?;
    let v = plain(vm, i);
    Ok(vm.new_pair(v, Value::Int(1)))
}

fn int_self_getter(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let i = check_self(vm, this, "real")?;
    Ok(plain(vm, i))
}

fn int_zero_getter(_vm: &mut Vm, _this: &Value) -> PyResult<Value> {
    Ok(Value::Int(0))
}

fn int_one_getter(_vm: &mut Vm, _this: &Value) -> PyResult<Value> {
    Ok(Value::Int(1))
}

/// Bind a builtin's arguments by position and keyword (Argument Clinic's rules): `names`
/// are the parameters, the first `npos` may be positional, the first `required` are required.
pub fn bind_args(
    vm: &mut Vm,
    args: &Args<'_>,
    fname: &str,
    names: &[&str],
    npos: usize,
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let pos = args.pos();
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    if pos.len() > npos {
        return Err(vm.type_error(if npos == required {
            format!(
                "{fname}() takes exactly {npos} positional argument{} ({} given)",
                if npos == 1 { "" } else { "s" },
                pos.len()
            )
        } else {
            format!(
                "{fname}() takes at most {npos} positional argument{} ({} given)",
                if npos == 1 { "" } else { "s" },
                pos.len()
            )
        }));
    }
    for (slot, v) in out.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        let name = vm.str_text(k);
        match names.iter().position(|n| *n == name) {
            Some(idx) if out[idx].is_some() => {
                return Err(vm.type_error(format!(
                    "argument for {fname}() given by name ('{name}') and position ({})",
                    idx + 1
                )));
            }
            Some(idx) => out[idx] = Some(v.clone()),
            None => {
                return Err(vm.type_error(format!(
                    "'{name}' is an invalid keyword argument for {fname}()"
                )));
            }
        }
    }
    for (idx, slot) in out.iter().enumerate().take(required) {
        if slot.is_none() {
            return Err(vm.type_error(format!(
                "{fname}() missing required argument '{}' (pos {})",
                names[idx],
                idx + 1
            )));
        }
    }
    Ok(out)
}

fn byteorder_arg(vm: &mut Vm, v: Option<&Value>, fname: &str) -> PyResult<bool> {
    let Some(v) = v else {
        return Ok(false);
    };
    let Some(Payload::Str(s)) = v.payload() else {
        return Err(vm.type_error(format!(
            "{fname}() argument 'byteorder' must be str, not {}",
            vm.type_name(v)
        )));
    };
    match &*s.as_str() {
        "little" => Ok(true),
        "big" => Ok(false),
        _ => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
    }
}

fn int_to_bytes(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some((this, _)) = args.values.split_first() else {
        return Err(vm.type_error("descriptor 'to_bytes' needs an argument"));
    };
    let i = check_self(vm, this, "to_bytes")?;
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let a = bind_args(
        vm,
        &rest,
        "to_bytes",
        &["length", "byteorder", "signed"],
        2,
        0,
    )?;
    let length = match &a[0] {
        Some(v) => vm.index_to_i64(v)?,
        None => 1,
    };
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let little = byteorder_arg(vm, a[1].as_ref(), "to_bytes")?;
    let signed = match &a[2] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    let x = i.to_big();
    if !signed && x.sign() == Sign::Minus {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = if signed {
        x.to_signed_bytes_le()
    } else {
        x.to_bytes_le().1
    };
    // CPython gives b'' for 0 and, signed, for -1 at length 0 (no sign bit to check).
    if x.is_zero() || (signed && length == 0 && x == BigInt::from(-1)) {
        bytes.clear();
    }
    if bytes.len() as u64 > length as u64 {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let fill = if x.sign() == Sign::Minus { 0xff } else { 0 };
    vm.check_alloc(length as usize)?;
    bytes.resize(length as usize, fill);
    if !little {
        bytes.reverse();
    }
    Ok(vm.new_bytes(bytes))
}

fn int_from_bytes(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some((cls, _)) = args.values.split_first() else {
        return Err(vm.type_error("descriptor 'from_bytes' needs an argument"));
    };
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let a = bind_args(
        vm,
        &rest,
        "from_bytes",
        &["bytes", "byteorder", "signed"],
        2,
        1,
    )?;
    let little = byteorder_arg(vm, a[1].as_ref(), "from_bytes")?;
    let signed = match &a[2] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    let src = a[0].clone().unwrap_or(Value::None);
    let mut data: Vec<u8> = match src.payload() {
        Some(Payload::Bytes(b)) => b.to_vec(),
        Some(Payload::ByteArray(b)) => b.borrow().clone(),
        Some(Payload::Str(_)) => {
            return Err(vm.type_error("cannot convert 'str' object to bytes"));
        }
        _ if int_ref(&src).is_some() => {
            return Err(vm.type_error(format!(
                "cannot convert '{}' object to bytes",
                vm.type_name(&src)
            )));
        }
        _ => {
            let bt = Value::Obj(vm.types.bytes.clone());
            let b = vm.call_pos(&bt, std::slice::from_ref(&src))?;
            match b.payload() {
                Some(Payload::Bytes(b)) => b.to_vec(),
                _ => Vec::new(),
            }
        }
    };
    if !little {
        data.reverse();
    }
    let x = if signed {
        BigInt::from_signed_bytes_le(&data)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &data)
    };
    let v = Value::from_bigint(x, vm);
    match cls {
        Value::Obj(c) if ObjRef::ptr_eq(c, &vm.types.int) => Ok(v),
        _ => vm.call_pos(cls, &[v]),
    }
}

// ----- construction -----

/// `int(s, base)` for str/bytes/bytearray `v`; `None` if `v` is none of them.
fn int_from_text(vm: &mut Vm, v: &Value, base: u32) -> PyResult<Option<BigInt>> {
    let text: String = match v.payload() {
        Some(Payload::Str(s)) => {
            if s.has_surrogates() {
                String::from("\0")
            } else {
                let t = s.as_str();
                krait_common::float_format::transform_decimal_and_space(&t).into_owned()
            }
        }
        Some(Payload::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
        Some(Payload::ByteArray(b)) => String::from_utf8_lossy(&b.borrow()).into_owned(),
        _ => return Ok(None),
    };
    // The text as the error message shows it (`%R` of the argument): made only on error,
    // since a str's repr may run a subclass's `__repr__`.
    let shown = |vm: &mut Vm| -> PyResult<String> {
        match v.payload() {
            Some(Payload::Bytes(b)) => Ok(krait_common::repr::bytes_repr(b)),
            Some(Payload::ByteArray(b)) => Ok(krait_common::repr::bytes_repr(&b.borrow())),
            _ => vm.repr_string(v),
        }
    };
    let (negative, digits, radix) = match krait_common::int_format::parse_int_digits(&text, base) {
        Ok(p) => p,
        Err(e) => {
            let shown = shown(vm)?;
            return Err(vm.value_error(e.message(&shown)));
        }
    };
    // The digit limit is checked before converting (the conversion is quadratic).
    let limit = vm.int_max_str_digits;
    if limit > 0 && !radix.is_power_of_two() && digits.len() > limit {
        let n = digits.len();
        return Err(vm.value_error(format!(
            "Exceeds the limit ({limit} digits) for integer string conversion: value has {n} digits; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    let magnitude = if radix == 10 {
        crate::objects::bigsteps::parse_decimal(vm, &digits)?
    } else {
        match num_bigint::BigUint::parse_bytes(&digits, radix) {
            Some(m) => m,
            None => {
                let e = krait_common::int_format::ParseIntError::InvalidLiteral { base };
                let shown = shown(vm)?;
                return Err(vm.value_error(e.message(&shown)));
            }
        }
    };
    let sign = if negative { Sign::Minus } else { Sign::Plus };
    Ok(Some(BigInt::from_biguint(sign, magnitude)))
}

/// The exact value of a finite float truncated to an int, with CPython's errors.
pub fn float_to_bigint(vm: &mut Vm, f: f64) -> PyResult<BigInt> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    Ok(crate::objects::number::bigint_from_integral_f64(f.trunc()))
}

/// `[+-]digits` with 1 to 18 ASCII digits and nothing else (no spaces, no underscores):
/// the common `int(text)` whose value always fits an `i64`.
fn small_decimal(b: &[u8]) -> Option<i64> {
    let (neg, digits) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    let mut n: i64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        n = n * 10 + i64::from(d - b'0');
    }
    Some(if neg { -n } else { n })
}

/// `int(x)` for one argument (CPython's `PyNumber_Long`).
pub fn int_from_value(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if let Some(i) = int_ref(v)
        && !matches!(v, Value::Obj(_))
    {
        return Ok(plain(vm, i));
    }
    // An exact str has no `__int__`/`__index__`/`__trunc__`: parse it straight away.
    if let Value::Obj(o) = v
        && let Payload::Str(s) = &o.payload
        && o.class_is(&vm.types.str)
    {
        if let Some(i) = small_decimal(s.wtf8()) {
            return Ok(Value::Int(i));
        }
        if let Some(b) = int_from_text(vm, v, 10)? {
            return Ok(Value::from_bigint(b, vm));
        }
    }
    if let Some(f) = float_ref(v)
        && matches!(v, Value::Float(_))
    {
        let b = float_to_bigint(vm, f)?;
        return Ok(Value::from_bigint(b, vm));
    }
    if let Some(r) = vm.call_special(v, "__int__", &[])? {
        return match int_ref(&r) {
            Some(i) => Ok(plain(vm, i)),
            None => Err(vm.type_error(format!(
                "__int__ returned non-int (type {})",
                vm.type_name(&r)
            ))),
        };
    }
    if vm.lookup_special_str(v, "__index__").is_some() {
        let r = vm.index_value(v)?;
        if let Some(i) = int_ref(&r) {
            return Ok(plain(vm, i));
        }
    }
    if let Some(r) = vm.call_special(v, "__trunc__", &[])? {
        if let Some(i) = int_ref(&r) {
            return Ok(plain(vm, i));
        }
        if vm.lookup_special_str(&r, "__index__").is_none() {
            return Err(vm.type_error(format!(
                "__trunc__ returned non-Integral (type {})",
                vm.type_name(&r)
            )));
        }
        let r = vm.index_value(&r)?;
        if let Some(i) = int_ref(&r) {
            return Ok(plain(vm, i));
        }
    }
    if let Some(b) = int_from_text(vm, v, 10)? {
        return Ok(Value::from_bigint(b, vm));
    }
    Err(vm.type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        vm.type_name(v)
    )))
}

fn int_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some((cls, _)) = args.values.split_first() else {
        return Err(vm.type_error("int.__new__(): not enough arguments"));
    };
    let cls = crate::native::type_arg(vm, cls, "int.__new__")?;
    let int = vm.types.int.clone();
    crate::objects::number::check_new_subtype(vm, &cls, &int, "int")?;
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let pos = rest.pos();
    // Argument Clinic checks the total count before the keyword names.
    if rest.values.len() > 2 {
        return Err(vm.type_error(format!(
            "int() takes at most 2 arguments ({} given)",
            rest.values.len()
        )));
    }
    let mut x = pos.first().cloned();
    let mut base = pos.get(1).cloned();
    for (k, v) in rest.kwargs() {
        let name = vm.str_text(k);
        match name.as_str() {
            "base" if base.is_none() => base = Some(v.clone()),
            "base" => {
                return Err(
                    vm.type_error("argument for int() given by name ('base') and position (2)")
                );
            }
            _ => {
                return Err(
                    vm.type_error(format!("'{name}' is an invalid keyword argument for int()"))
                );
            }
        }
    }
    let v = match (x.take(), base) {
        (None, None) => Value::Int(0),
        (None, Some(_)) => {
            return Err(vm.type_error("int() missing string argument"));
        }
        (Some(x), None) => int_from_value(vm, &x)?,
        (Some(x), Some(b)) => {
            let b = vm.index_value(&b)?;
            let b = match int_ref(&b).and_then(IntRef::to_i64) {
                Some(b) if b == 0 || (2..=36).contains(&b) => b as u32,
                _ => return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0")),
            };
            match int_from_text(vm, &x, b)? {
                Some(r) => Value::from_bigint(r, vm),
                None => {
                    return Err(vm.type_error("int() can't convert non-string with explicit base"));
                }
            }
        }
    };
    if ObjRef::ptr_eq(&cls, &vm.types.int) {
        return Ok(v);
    }
    let b = int_ref(&v).map(IntRef::to_big).unwrap_or_default();
    Ok(vm.int_of_class(&cls, b))
}

// ----- bool -----

fn bool_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let rest = &args.values[1.min(args.values.len())..];
    if args.has_kwargs() {
        return Err(vm.type_error("bool() takes no keyword arguments"));
    }
    match rest {
        [] => Ok(Value::bool(false)),
        [x] => Ok(Value::bool(vm.is_true(x)?)),
        _ => Err(vm.type_error(format!(
            "bool expected at most 1 argument, got {}",
            rest.len()
        ))),
    }
}

fn bool_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__repr__", 0, 0)?;
    match this {
        Value::Bool(b) => Ok(vm.new_str(if b.get() { "True" } else { "False" })),
        _ => Err(vm.type_error(format!(
            "descriptor '__repr__' requires a 'bool' object but received a '{}'",
            vm.type_name(this)
        ))),
    }
}

macro_rules! bool_binops {
    ($($name:ident, $rname:ident, $py:literal, $op:ident;)*) => { $(
        fn $name(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            let (a, b) = operands(vm, &args, $py)?;
            bool_bitop(vm, a, b, BinaryOp::$op)
        }
        fn $rname(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            let (a, b) = operands(vm, &args, $py)?;
            bool_bitop(vm, b, a, BinaryOp::$op)
        }
    )* };
}

fn bool_bitop(vm: &mut Vm, a: &Value, b: &Value, op: BinaryOp) -> PyResult<Value> {
    if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
        return Ok(Value::bool(match op {
            BinaryOp::And => x.get() & y.get(),
            BinaryOp::Or => x.get() | y.get(),
            _ => x.get() ^ y.get(),
        }));
    }
    binop_values(vm, a, b, op)
}

bool_binops! {
    bool_and, bool_rand, "__and__", And;
    bool_or, bool_ror, "__or__", Or;
    bool_xor, bool_rxor, "__xor__", Xor;
}

const INT_DOC: &str = "int([x]) -> integer\nint(x, base=10) -> integer\n\nConvert a number or string to an integer, or return 0 if no arguments\nare given.  If x is a number, return x.__int__().  For floating point\nnumbers, this truncates towards zero.\n\nIf x is not a number or if base is given, then x must be a string,\nbytes, or bytearray instance representing an integer literal in the\ngiven base.  The literal can be preceded by '+' or '-' and be surrounded\nby whitespace.  The base defaults to 10.  Valid bases are 0 and 2-36.\nBase 0 means to interpret the base from the string as an integer literal.\n>>> int('0b100', base=0)\n4";

const BOOL_DOC: &str = "bool(x) -> bool\n\nReturns True when the argument x is true, False otherwise.\nThe builtins True and False are the only two instances of the class bool.\nThe class bool is a subclass of the class int, and cannot be subclassed.";

/// Register `int`'s and `bool`'s methods.
pub fn init(vm: &mut Vm) {
    let int = vm.types.int.clone();
    vm.add_methods(
        &int,
        crate::methods![
            staticmethod "__new__" => int_new, "";
            method "__add__" => int_add, "";
            method "__radd__" => int_radd, "";
            method "__sub__" => int_sub, "";
            method "__rsub__" => int_rsub, "";
            method "__mul__" => int_mul, "";
            method "__rmul__" => int_rmul, "";
            method "__truediv__" => int_truediv_m, "";
            method "__rtruediv__" => int_rtruediv, "";
            method "__floordiv__" => int_floordiv, "";
            method "__rfloordiv__" => int_rfloordiv, "";
            method "__mod__" => int_mod, "";
            method "__rmod__" => int_rmod, "";
            method "__divmod__" => int_divmod, "";
            method "__rdivmod__" => int_rdivmod, "";
            method "__pow__" => int_pow_m, "";
            method "__rpow__" => int_rpow, "";
            method "__lshift__" => int_lshift, "";
            method "__rlshift__" => int_rlshift, "";
            method "__rshift__" => int_rshift, "";
            method "__rrshift__" => int_rrshift, "";
            method "__and__" => int_and, "";
            method "__rand__" => int_rand, "";
            method "__or__" => int_or, "";
            method "__ror__" => int_ror, "";
            method "__xor__" => int_xor, "";
            method "__rxor__" => int_rxor, "";
            method "__eq__" => int_eq, "";
            method "__ne__" => int_ne, "";
            method "__lt__" => int_lt, "";
            method "__le__" => int_le, "";
            method "__gt__" => int_gt, "";
            method "__ge__" => int_ge, "";
            method "__neg__" => int_neg, "";
            method "__pos__" => int_pos, "";
            method "__abs__" => int_abs, "";
            method "__invert__" => int_invert, "";
            method "__bool__" => int_bool, "";
            method "__int__" => int_int, "";
            method "__index__" => int_int, "";
            method "__float__" => int_float, "";
            method "__trunc__" => int_int, "";
            method "__floor__" => int_int, "";
            method "__ceil__" => int_int, "";
            method "__round__" => int_round, "";
            method "__hash__" => int_hash, "";
            method "__repr__" => int_repr, "";
            method "__format__" => int_format, "";
            method "__getnewargs__" => int_getnewargs, "";
            method "conjugate" => int_int, "Returns self, the complex conjugate of any int.";
            method "bit_length" => int_bit_length, "Number of bits necessary to represent self in binary.";
            method "bit_count" => int_bit_count, "Number of ones in the binary representation of the absolute value of self.";
            method "to_bytes" => int_to_bytes, "Return an array of bytes representing an integer.";
            classmethod "from_bytes" => int_from_bytes, "Return the integer represented by the given array of bytes.";
            method "as_integer_ratio" => int_as_integer_ratio, "Return integer ratio.";
        ],
    );
    let doc = vm.new_str(INT_DOC);
    vm.set_type_attr(&int, "__doc__", doc);
    vm.add_getset(&int, "real", int_self_getter, None);
    vm.add_getset(&int, "numerator", int_self_getter, None);
    vm.add_getset(&int, "imag", int_zero_getter, None);
    vm.add_getset(&int, "denominator", int_one_getter, None);

    let b = vm.types.bool_.clone();
    let doc = vm.new_str(BOOL_DOC);
    vm.set_type_attr(&b, "__doc__", doc);
    vm.add_methods(
        &b,
        crate::methods![
            staticmethod "__new__" => bool_new, "";
            method "__repr__" => bool_repr, "";
            method "__and__" => bool_and, "";
            method "__rand__" => bool_rand, "";
            method "__or__" => bool_or, "";
            method "__ror__" => bool_ror, "";
            method "__xor__" => bool_xor, "";
            method "__rxor__" => bool_rxor, "";
        ],
    );
}
