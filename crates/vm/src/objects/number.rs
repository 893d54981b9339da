//! `int`, `float`, `complex` and `bool` (CPython: `Objects/longobject.c`,
//! `Objects/floatobject.c`, `Objects/complexobject.c`, `Objects/boolobject.c`).

use std::cmp::Ordering;

use krait_bytecode::BinaryOp;
use krait_common::exc::ExceptionKind;
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, ToPrimitive, Zero};

use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

/// `a op b` on two inline ints when the result is an int that needs no allocation or error;
/// `None` to take a wider path.
#[inline(always)]
pub fn int_arith(a: i64, b: i64, op: BinaryOp) -> Option<i64> {
    match op {
        BinaryOp::Add => a.checked_add(b),
        BinaryOp::Subtract => a.checked_sub(b),
        BinaryOp::Multiply => a.checked_mul(b),
        BinaryOp::FloorDivide if b != 0 => {
            let q = a.checked_div(b)?;
            Some(if (a % b != 0) && ((a < 0) != (b < 0)) {
                q - 1
            } else {
                q
            })
        }
        BinaryOp::Remainder if b != 0 => {
            let r = a.checked_rem(b)?;
            Some(if r != 0 && ((r < 0) != (b < 0)) {
                r + b
            } else {
                r
            })
        }
        BinaryOp::And => Some(a & b),
        BinaryOp::Or => Some(a | b),
        BinaryOp::Xor => Some(a ^ b),
        BinaryOp::Lshift if (0..63).contains(&b) => {
            let r = a.checked_shl(b as u32)?;
            if r >> b == a { Some(r) } else { None }
        }
        BinaryOp::Rshift if b >= 0 => Some(if b >= 64 {
            if a < 0 { -1 } else { 0 }
        } else {
            a >> b
        }),
        BinaryOp::Power if (0..64).contains(&b) => a.checked_pow(b as u32),
        _ => None,
    }
}

/// `a op b` on two inline ints when the result needs no allocation or error; `None` to take
/// the general path.
#[inline]
pub fn int_fast(a: i64, b: i64, op: BinaryOp) -> Option<Value> {
    if let Some(r) = int_arith(a, b, op) {
        return Some(Value::Int(r));
    }
    match op {
        BinaryOp::TrueDivide
            if b != 0 && a.unsigned_abs() < (1 << 53) && b.unsigned_abs() < (1 << 53) =>
        {
            Some(Value::float(a as f64 / b as f64))
        }
        _ => None,
    }
}

/// `a op b` on two floats when no error is possible; `None` to take the general path.
#[inline(always)]
pub fn float_arith(a: f64, b: f64, op: BinaryOp) -> Option<f64> {
    match op {
        BinaryOp::Add => Some(a + b),
        BinaryOp::Subtract => Some(a - b),
        BinaryOp::Multiply => Some(a * b),
        BinaryOp::TrueDivide if b != 0.0 => Some(a / b),
        // A positive finite base: no sign, zero or infinity cases (`float_pow`), and an
        // overflow (an infinite result) is left to the full path, which raises.
        BinaryOp::Power if a > 0.0 && a.is_finite() && b.is_finite() => {
            Some(a.powf(b)).filter(|r| r.is_finite())
        }
        _ => None,
    }
}

/// [`float_arith`] as a value.
#[inline]
pub fn float_fast(a: f64, b: f64, op: BinaryOp) -> Option<Value> {
    float_arith(a, b, op).map(Value::float)
}

impl Vm {
    /// A new complex number.
    pub fn new_complex(&mut self, re: f64, im: f64) -> Value {
        Value::Obj(ObjRef::new(
            self.types.complex.clone(),
            Payload::Complex(re, im),
        ))
    }

    /// `operator.index(v)` as an int value.
    pub fn index_value(&mut self, v: &Value) -> PyResult<Value> {
        match v {
            Value::Int(_) => Ok(v.clone()),
            Value::Bool(b) => Ok(Value::Int(i64::from(b.get()))),
            Value::Obj(o) if matches!(o.payload, Payload::Int(_)) => Ok(v.clone()),
            _ => match self.call_special(v, "__index__", &[])? {
                Some(r @ (Value::Int(_) | Value::Bool(_))) => Ok(r),
                Some(r) if matches!(r.payload(), Some(Payload::Int(_))) => Ok(r),
                Some(r) => Err(self.type_error(format!(
                    "__index__ returned non-int (type {})",
                    self.type_name(&r)
                ))),
                None => Err(self.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    self.type_name(v)
                ))),
            },
        }
    }

    /// The exact value of an int as a `BigInt`.
    pub fn to_bigint(&mut self, v: &Value) -> PyResult<BigInt> {
        match v {
            Value::Int(i) => Ok(BigInt::from(*i)),
            Value::Bool(b) => Ok(BigInt::from(i64::from(b.get()))),
            Value::Obj(o) => match &o.payload {
                Payload::Int(b) => Ok(b.clone()),
                _ => Err(self.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    self.type_name(v)
                ))),
            },
            _ => Err(self.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                self.type_name(v)
            ))),
        }
    }
}

/// An int operand borrowed from a value: `bool`, inline `int`, or a heap int (big, or an
/// instance of an `int` subclass).
#[derive(Clone, Copy)]
pub enum IntRef<'a> {
    /// Fits in 64 bits.
    Small(i64),
    /// A heap int.
    Big(&'a BigInt),
}

impl IntRef<'_> {
    /// The exact value.
    pub fn to_big(self) -> BigInt {
        match self {
            IntRef::Small(i) => BigInt::from(i),
            IntRef::Big(b) => b.clone(),
        }
    }

    /// The value when it fits in 64 bits.
    pub fn to_i64(self) -> Option<i64> {
        match self {
            IntRef::Small(i) => Some(i),
            IntRef::Big(b) => b.to_i64(),
        }
    }

    /// Whether the value is negative.
    pub fn is_negative(self) -> bool {
        match self {
            IntRef::Small(i) => i < 0,
            IntRef::Big(b) => b.sign() == Sign::Minus,
        }
    }

    /// Whether the value is zero.
    pub fn is_zero(self) -> bool {
        match self {
            IntRef::Small(i) => i == 0,
            IntRef::Big(b) => b.is_zero(),
        }
    }

    /// The correctly rounded float value; `None` when it is too large for a float.
    pub fn to_f64(self) -> Option<f64> {
        match self {
            IntRef::Small(i) => Some(i as f64),
            IntRef::Big(b) => {
                let m = ratio_to_f64(b.magnitude(), &BigUint::one());
                if m.is_infinite() {
                    None
                } else if b.sign() == Sign::Minus {
                    Some(-m)
                } else {
                    Some(m)
                }
            }
        }
    }
}

/// The int inside a value, if it is an int (bools included).
#[inline]
pub fn int_ref(v: &Value) -> Option<IntRef<'_>> {
    match v {
        Value::Int(i) => Some(IntRef::Small(*i)),
        Value::Bool(b) => Some(IntRef::Small(i64::from(b.get()))),
        Value::Obj(o) => match &o.payload {
            Payload::Int(b) => Some(match b.to_i64() {
                Some(i) => IntRef::Small(i),
                None => IntRef::Big(b),
            }),
            _ => None,
        },
        _ => None,
    }
}

/// The float inside a value, if it is a float (or a float subclass instance).
#[inline]
pub fn float_ref(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(f.get()),
        Value::Obj(o) => match &o.payload {
            Payload::Float(f) => Some(*f),
            _ => None,
        },
        _ => None,
    }
}

/// `n / d` (both non-negative, `d > 0`) correctly rounded to a float, subnormals included;
/// infinity when it is too large.
pub fn ratio_to_f64(n: &BigUint, d: &BigUint) -> f64 {
    if n.is_zero() {
        return 0.0;
    }
    // The quotient lies in [2^(e-1), 2^(e+1)).
    let e = n.bits() as i64 - d.bits() as i64;
    if e > 1025 {
        return f64::INFINITY;
    }
    if e < -1080 {
        return 0.0;
    }
    // Keep at least 55 significant bits (two more than a double holds), but no bits below
    // 2^-1076 (two below the smallest subnormal); fold the remainder into a sticky bit.
    let lsb = (e - 56).max(-1076);
    let (q, r) = if lsb >= 0 {
        n.div_rem(&(d << (lsb as u64)))
    } else {
        (n << ((-lsb) as u64)).div_rem(d)
    };
    let q = q.to_u64().unwrap_or(u64::MAX) | u64::from(!r.is_zero());
    // `q` has at most 58 bits; the conversion rounds once, the scaling is exact except for
    // the final step into the subnormal range, which also rounds once from an exact value.
    ldexp(q as f64, lsb)
}

/// `x * 2**exp` with one rounding (C's `ldexp`).
pub fn ldexp(x: f64, exp: i64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let (m, e) = frexp(x);
    let target = e.saturating_add(exp);
    if target > 1024 {
        return f64::INFINITY.copysign(x);
    }
    if target >= -1021 {
        return ldexp_normal(m, target);
    }
    if target < -1075 {
        return 0.0f64.copysign(x);
    }
    // Subnormal result: `m * 2^-1021` is exact, then one multiplication by a power of two
    // rounds once.
    let y = ldexp_normal(m, -1021);
    y * f64::from_bits(((1023 + target + 1021) as u64) << 52)
}

/// `m * 2**e` for `0.5 <= |m| < 1` and a normal result.
fn ldexp_normal(m: f64, e: i64) -> f64 {
    let bits = m.to_bits();
    let cur = ((bits >> 52) & 0x7ff) as i64; // 1022 for m in [0.5, 1)
    let new = cur + e;
    f64::from_bits((bits & !(0x7ff << 52)) | ((new as u64) << 52))
}

/// C's `frexp`: `x == m * 2**e` with `0.5 <= |m| < 1` (or `m == x` for 0, inf, nan).
pub fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    if biased == 0 {
        // Subnormal: normalise by 2^54 first.
        let (m, e) = frexp(x * f64::from_bits((1023 + 54) << 52));
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, biased - 1022)
}

/// The exact integer value of a finite integral float.
pub fn bigint_from_integral_f64(f: f64) -> BigInt {
    if f.abs() < 9.2e18 {
        return BigInt::from(f as i64);
    }
    let bits = f.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let mant = (bits & ((1 << 52) - 1)) | (1 << 52);
    let shift = biased - 1075;
    let mag = BigInt::from(mant) << (shift.max(0) as u64);
    if f < 0.0 { -mag } else { mag }
}

/// Compare a float with an int exactly; `None` when the float is NaN.
pub fn cmp_float_int(f: f64, i: IntRef<'_>) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    if let IntRef::Small(n) = i
        && n.unsigned_abs() <= 1 << 53
    {
        return f.partial_cmp(&(n as f64));
    }
    let t = f.trunc();
    let tb = bigint_from_integral_f64(t);
    Some(match tb.cmp(&i.to_big()) {
        Ordering::Equal => {
            let frac = f - t;
            if frac > 0.0 {
                Ordering::Greater
            } else if frac < 0.0 {
                Ordering::Less
            } else {
                Ordering::Equal
            }
        }
        o => o,
    })
}

/// Whether a float equals an int exactly.
pub fn float_eq_int(f: f64, i: IntRef<'_>) -> bool {
    cmp_float_int(f, i) == Some(Ordering::Equal)
}

/// The `self` of a builtin method that takes no arguments, with CPython's `METH_NOARGS`
/// messages (`int.bit_length() takes no arguments (1 given)`).
pub fn noargs<'a>(
    vm: &mut Vm,
    args: &crate::objects::function::Args<'a>,
    ty: &str,
    name: &str,
) -> PyResult<&'a Value> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{ty}.{name}() takes no keyword arguments")));
    }
    match args.values {
        [this] => Ok(this),
        [] => Err(vm.type_error(format!("unbound method {ty}.{name}() needs an argument"))),
        _ => Err(vm.type_error(format!(
            "{ty}.{name}() takes no arguments ({} given)",
            args.values.len() - 1
        ))),
    }
}

/// CPython's message for a method descriptor applied to the wrong type.
pub fn descriptor_error(vm: &mut Vm, name: &str, ty: &str, this: &Value) -> PyErr {
    vm.type_error(format!(
        "descriptor '{name}' for '{ty}' objects doesn't apply to a '{}' object",
        vm.type_name(this)
    ))
}

/// `TypeError: int.__new__(str): str is not a subtype of int` when `cls` is not a subtype.
pub fn check_new_subtype(vm: &mut Vm, cls: &ObjRef, base: &ObjRef, what: &str) -> PyResult<()> {
    if crate::objects::typeobj::is_subtype(cls, base) {
        return Ok(());
    }
    let n = crate::objects::typeobj::type_data(cls)
        .name
        .borrow()
        .clone();
    Err(vm.type_error(format!(
        "{what}.__new__({n}): {n} is not a subtype of {what}"
    )))
}

impl Vm {
    /// The float value of an int, with CPython's `OverflowError` when it is too large.
    pub fn int_to_f64(&mut self, i: IntRef<'_>) -> PyResult<f64> {
        i.to_f64()
            .ok_or_else(|| self.overflow_error("int too large to convert to float"))
    }

    /// A float or int operand as a float; `None` when `v` is neither (`NotImplemented`).
    pub fn float_operand(&mut self, v: &Value) -> PyResult<Option<f64>> {
        if let Some(f) = float_ref(v) {
            return Ok(Some(f));
        }
        match int_ref(v) {
            Some(i) => self.int_to_f64(i).map(Some),
            None => Ok(None),
        }
    }

    /// `OverflowError: (34, 'Numerical result out of range')`, as C's `ERANGE` reads.
    pub fn range_error(&mut self) -> PyErr {
        let t = self.types.overflow_error.clone();
        let msg = self.new_str("Numerical result out of range");
        self.new_exception(&t, vec![Value::Int(34), msg])
    }

    /// An exact float value (or an instance of a float subclass `cls`).
    pub fn float_of_class(&mut self, cls: &ObjRef, f: f64) -> Value {
        if ObjRef::ptr_eq(cls, &self.types.float) {
            Value::float(f)
        } else {
            Value::Obj(self.new_object(cls, Payload::Float(f)))
        }
    }

    /// An int value of class `cls` (exact `int` normalises; subclasses keep a heap payload).
    pub fn int_of_class(&mut self, cls: &ObjRef, i: BigInt) -> Value {
        if ObjRef::ptr_eq(cls, &self.types.int) {
            Value::from_bigint(i, self)
        } else {
            Value::Obj(self.new_object(cls, Payload::Int(i)))
        }
    }

    /// Raise the exception a `krait_common` error kind names.
    pub fn common_error(&mut self, kind: ExceptionKind, msg: impl Into<String>) -> PyErr {
        match kind {
            ExceptionKind::ValueError => self.value_error(msg),
            ExceptionKind::OverflowError => self.overflow_error(msg),
            ExceptionKind::TypeError => self.type_error(msg),
        }
    }
}

/// Register the numeric types' methods.
pub fn init(vm: &mut Vm) {
    super::int::init(vm);
    super::float::init(vm);
    super::complex::init(vm);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(s: &str) -> BigUint {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn ratio_rounds_correctly() {
        let one = BigUint::one();
        assert_eq!(ratio_to_f64(&big("1"), &big("3")), 1.0 / 3.0);
        assert_eq!(ratio_to_f64(&big("2"), &big("3")), 2.0 / 3.0);
        let p = |e: u32| BigUint::one() << e;
        // 2^53 + 1 is a tie between 2^53 and 2^53 + 2: ties to even.
        assert_eq!(ratio_to_f64(&(p(53) + 1u32), &one), 9007199254740992.0);
        assert_eq!(ratio_to_f64(&(p(53) + 3u32), &one), 9007199254740996.0);
        // Just above the tie rounds up (the sticky bit).
        assert_eq!(
            ratio_to_f64(&((p(53) + 1u32) * p(100) + 1u32), &p(100)),
            9007199254740994.0
        );
        assert_eq!(ratio_to_f64(&one, &p(1074)), 5e-324);
        assert_eq!(ratio_to_f64(&one, &p(1075)), 0.0);
        assert_eq!(ratio_to_f64(&(p(1) + 1u32), &p(1076)), 5e-324);
        assert_eq!(ratio_to_f64(&p(1023), &one), 2f64.powi(1023));
        assert!(ratio_to_f64(&p(1024), &one).is_infinite());
        // f64::MAX plus just under half an ulp stays finite.
        assert_eq!(ratio_to_f64(&(p(1024) - p(970) - 1u32), &one), f64::MAX);
        assert_eq!(ratio_to_f64(&one, &big("10000000000000000000000")), 1e-22);
    }

    #[test]
    fn ldexp_and_frexp() {
        assert_eq!(frexp(8.0), (0.5, 4));
        assert_eq!(frexp(5e-324), (0.5, -1073));
        assert_eq!(ldexp(1.0, -1074), 5e-324);
        assert_eq!(ldexp(1.0, -1075), 0.0);
        assert_eq!(ldexp(3.0, -1075), 1e-323);
        assert_eq!(ldexp(1.0, 1023), 2f64.powi(1023));
        assert!(ldexp(1.0, 1024).is_infinite());
        assert_eq!(ldexp(0.75, i64::MIN), 0.0);
        for x in [1.5, -3.25, 1e-310, 6.02e23] {
            let (m, e) = frexp(x);
            assert_eq!(ldexp(m, e), x);
        }
    }

    #[test]
    fn float_int_comparison_is_exact() {
        let n = BigInt::from(1u64 << 53) + 1;
        assert_eq!(
            cmp_float_int(9007199254740992.0, IntRef::Big(&n)),
            Some(Ordering::Less)
        );
        assert_eq!(
            cmp_float_int(0.5, IntRef::Small(0)),
            Some(Ordering::Greater)
        );
        assert_eq!(cmp_float_int(-0.5, IntRef::Small(0)), Some(Ordering::Less));
        assert_eq!(cmp_float_int(f64::NAN, IntRef::Small(0)), None);
        let huge = BigInt::from(10).pow(400u32);
        assert_eq!(
            cmp_float_int(f64::INFINITY, IntRef::Big(&huge)),
            Some(Ordering::Greater)
        );
        assert_eq!(
            cmp_float_int(1e300, IntRef::Big(&huge)),
            Some(Ordering::Less)
        );
    }
}
