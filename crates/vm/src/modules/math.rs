//! The `math` module (CPython: `Modules/mathmodule.c`).
//!
//! The libm functions come from Rust's `f64` methods, which call the platform's C library as
//! CPython does. Errors follow `math_1`: a NaN result from a non-NaN argument is
//! `ValueError: math domain error`; an infinite result from a finite argument is
//! `OverflowError: math range error` for functions that can overflow, else a domain error.

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::number::{float_ref, frexp, int_ref, ldexp};
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

/// Fill the `math` module.
pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("sqrt", math_sqrt),
            ("exp", math_exp),
            ("exp2", math_exp2),
            ("expm1", math_expm1),
            ("log", math_log),
            ("log2", math_log2),
            ("log10", math_log10),
            ("log1p", math_log1p),
            ("sin", math_sin),
            ("cos", math_cos),
            ("tan", math_tan),
            ("asin", math_asin),
            ("acos", math_acos),
            ("atan", math_atan),
            ("sinh", math_sinh),
            ("cosh", math_cosh),
            ("tanh", math_tanh),
            ("asinh", math_asinh),
            ("acosh", math_acosh),
            ("atanh", math_atanh),
            ("cbrt", math_cbrt),
            ("erf", math_erf),
            ("erfc", math_erfc),
            ("fabs", math_fabs),
            ("atan2", math_atan2),
            ("pow", math_pow),
            ("fmod", math_fmod),
            ("copysign", math_copysign),
            ("floor", math_floor),
            ("ceil", math_ceil),
            ("trunc", math_trunc),
            ("degrees", math_degrees),
            ("radians", math_radians),
            ("isnan", math_isnan),
            ("isinf", math_isinf),
            ("isfinite", math_isfinite),
            ("isclose", math_isclose),
            ("modf", math_modf),
            ("frexp", math_frexp),
            ("ldexp", math_ldexp),
            ("hypot", math_hypot),
            ("dist", math_dist),
            ("fsum", math_fsum),
            ("prod", math_prod),
            ("factorial", math_factorial),
            ("gcd", math_gcd),
            ("lcm", math_lcm),
            ("isqrt", math_isqrt),
            ("comb", math_comb),
            ("perm", math_perm),
            ("nextafter", math_nextafter),
            ("ulp", math_ulp),
        ],
    );
    let Payload::Module(md) = &m.payload else {
        return Ok(());
    };
    let d = md.dict.clone();
    vm.set_dict_str(&d, "pi", Value::float(std::f64::consts::PI));
    vm.set_dict_str(&d, "e", Value::float(std::f64::consts::E));
    vm.set_dict_str(&d, "tau", Value::float(std::f64::consts::TAU));
    vm.set_dict_str(&d, "inf", Value::float(f64::INFINITY));
    vm.set_dict_str(&d, "nan", Value::float(f64::NAN));
    Ok(())
}

fn domain_error(vm: &mut Vm) -> PyErr {
    vm.value_error("math domain error")
}

fn range_error(vm: &mut Vm) -> PyErr {
    vm.overflow_error("math range error")
}

/// `PyFloat_AsDouble`: a float, an int, or an object with `__float__` or `__index__`.
pub(crate) fn to_f64(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    if let Some(f) = float_ref(v) {
        return Ok(f);
    }
    if let Some(i) = int_ref(v) {
        return vm.int_to_f64(i);
    }
    if let Some(r) = vm.call_special(v, "__float__", &[])? {
        return match float_ref(&r) {
            Some(f) => Ok(f),
            None => Err(vm.type_error(format!(
                "{}.__float__ returned non-float (type {})",
                vm.type_name(v),
                vm.type_name(&r)
            ))),
        };
    }
    if vm.lookup_special_str(v, "__index__").is_some() {
        let r = vm.index_value(v)?;
        if let Some(i) = int_ref(&r) {
            return vm.int_to_f64(i);
        }
    }
    Err(vm.type_error(format!("must be real number, not {}", vm.type_name(v))))
}

// The C library's error functions, which CPython 3.11 calls (`math_1(erf)`): Rust's `f64`
// has none, and another implementation would differ in the last bits.
unsafe extern "C" {
    fn erf(x: f64) -> f64;
    fn erfc(x: f64) -> f64;
}

fn c_erf(x: f64) -> f64 {
    // SAFETY: `erf` is a pure libm function of one double, defined for every input.
    unsafe { erf(x) }
}

fn c_erfc(x: f64) -> f64 {
    // SAFETY: `erfc` is a pure libm function of one double, defined for every input.
    unsafe { erfc(x) }
}

/// CPython's `math_1`.
fn math_1(
    vm: &mut Vm,
    args: &Args<'_>,
    name: &str,
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, args, name, 1, 1)?;
    let x = to_f64(vm, &a[0])?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_error(vm)
        } else {
            domain_error(vm)
        });
    }
    Ok(Value::float(r))
}

macro_rules! unary {
    ($($name:ident, $py:literal, $f:expr, $ovf:expr;)*) => { $(
        fn $name(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            math_1(vm, &args, $py, $f, $ovf)
        }
    )* };
}

unary! {
    math_sqrt, "sqrt", f64::sqrt, false;
    math_exp, "exp", f64::exp, true;
    math_exp2, "exp2", f64::exp2, true;
    math_expm1, "expm1", f64::exp_m1, true;
    math_sin, "sin", f64::sin, false;
    math_cos, "cos", f64::cos, false;
    math_tan, "tan", f64::tan, false;
    math_asin, "asin", f64::asin, false;
    math_acos, "acos", f64::acos, false;
    math_atan, "atan", f64::atan, false;
    math_sinh, "sinh", f64::sinh, true;
    math_cosh, "cosh", f64::cosh, true;
    math_tanh, "tanh", f64::tanh, false;
    math_asinh, "asinh", f64::asinh, false;
    math_acosh, "acosh", f64::acosh, false;
    math_atanh, "atanh", atanh, false;
    math_cbrt, "cbrt", f64::cbrt, false;
    math_erf, "erf", c_erf, false;
    math_erfc, "erfc", c_erfc, false;
    math_fabs, "fabs", f64::abs, false;
    math_degrees, "degrees", |x| x * (180.0 / std::f64::consts::PI), true;
    math_radians, "radians", |x| x * (std::f64::consts::PI / 180.0), false;
    math_log1p, "log1p", log1p, false;
}

fn atanh(x: f64) -> f64 {
    if x.abs() >= 1.0 { f64::NAN } else { x.atanh() }
}

fn log1p(x: f64) -> f64 {
    if x <= -1.0 { f64::NAN } else { x.ln_1p() }
}

/// `log(x)` for a float or an int of any size (CPython's `loghelper`).
fn log_of(vm: &mut Vm, v: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(i) = int_ref(v) {
        if i.is_negative() || i.is_zero() {
            return Err(domain_error(vm));
        }
        if let Some(x) = i.to_f64() {
            return Ok(f(x));
        }
        // Too large for a float: x == m * 2**e with m in [0.5, 1).
        let b = i.to_big();
        let e = b.bits() as i64;
        let top = (b >> ((e - 60) as u64)).to_f64().unwrap_or(1.0);
        let m = ldexp(top, -60);
        return Ok(f(m) + f(2.0) * (e as f64));
    }
    let x = to_f64(vm, v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain_error(vm));
    }
    Ok(f(x))
}

fn math_log(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "log", 1, 2)?;
    let num = log_of(vm, &a[0], f64::ln)?;
    if let Some(base) = a.get(1) {
        let den = log_of(vm, base, f64::ln)?;
        if den == 0.0 {
            return Err(vm.zero_division("float division by zero"));
        }
        return Ok(Value::float(num / den));
    }
    Ok(Value::float(num))
}

fn math_log2(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "log2", 1, 1)?;
    Ok(Value::float(log_of(vm, &a[0], f64::log2)?))
}

fn math_log10(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "log10", 1, 1)?;
    Ok(Value::float(log_of(vm, &a[0], f64::log10)?))
}

fn two_floats(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<(f64, f64)> {
    let a = crate::native::pos_args(vm, args, name, 2, 2)?;
    let x = to_f64(vm, &a[0])?;
    let y = to_f64(vm, &a[1])?;
    Ok((x, y))
}

fn math_atan2(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (y, x) = two_floats(vm, &args, "atan2")?;
    Ok(Value::float(y.atan2(x)))
}

fn math_copysign(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (x, y) = two_floats(vm, &args, "copysign")?;
    Ok(Value::float(x.copysign(y)))
}

fn math_fmod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (x, y) = two_floats(vm, &args, "fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    Ok(Value::float(r))
}

fn math_pow(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (x, y) = two_floats(vm, &args, "pow")?;
    let r = if !x.is_finite() || !y.is_finite() {
        if x.is_nan() {
            if y == 0.0 { 1.0 } else { x }
        } else if y.is_nan() {
            if x == 1.0 { 1.0 } else { y }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if x > 0.0 {
                if y > 0.0 { x } else { 0.0 }
            } else if y > 0.0 {
                if odd_y { x } else { x.abs() }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if (y > 0.0 && x.abs() > 1.0) || (y < 0.0 && x.abs() < 1.0) {
            y.abs()
        } else {
            0.0
        }
    } else {
        let r = x.powf(y);
        if r.is_nan() {
            return Err(domain_error(vm));
        }
        if r.is_infinite() {
            return Err(if x == 0.0 {
                domain_error(vm)
            } else {
                range_error(vm)
            });
        }
        r
    };
    Ok(Value::float(r))
}

/// `floor`/`ceil`: ints unchanged, floats rounded, others through `__floor__`/`__ceil__`.
fn floor_ceil(vm: &mut Vm, args: &Args<'_>, name: &str, up: bool) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, args, name, 1, 1)?;
    let v = &a[0];
    if let Value::Float(f) = v {
        let r = if up { f.get().ceil() } else { f.get().floor() };
        return to_int(vm, r);
    }
    if let Some(i) = int_ref(v)
        && !matches!(v, Value::Obj(_))
    {
        return Ok(crate::objects::int::plain(vm, i));
    }
    let dunder = if up { "__ceil__" } else { "__floor__" };
    if let Some(r) = vm.call_special(v, dunder, &[])? {
        return Ok(r);
    }
    let f = to_f64(vm, v)?;
    to_int(vm, if up { f.ceil() } else { f.floor() })
}

fn to_int(vm: &mut Vm, f: f64) -> PyResult<Value> {
    let b = crate::objects::int::float_to_bigint(vm, f)?;
    Ok(Value::from_bigint(b, vm))
}

fn math_floor(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    floor_ceil(vm, &args, "floor", false)
}

fn math_ceil(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    floor_ceil(vm, &args, "ceil", true)
}

fn math_trunc(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "trunc", 1, 1)?;
    let v = &a[0];
    if let Value::Float(f) = v {
        return to_int(vm, f.get());
    }
    match vm.call_special(v, "__trunc__", &[])? {
        Some(r) => Ok(r),
        None => Err(vm.type_error(format!(
            "type {} doesn't define __trunc__ method",
            vm.type_name(v)
        ))),
    }
}

fn math_isnan(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "isnan", 1, 1)?;
    Ok(Value::bool(to_f64(vm, &a[0])?.is_nan()))
}

fn math_isinf(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "isinf", 1, 1)?;
    Ok(Value::bool(to_f64(vm, &a[0])?.is_infinite()))
}

fn math_isfinite(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "isfinite", 1, 1)?;
    Ok(Value::bool(to_f64(vm, &a[0])?.is_finite()))
}

fn math_isclose(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::objects::int::bind_args(
        vm,
        &args,
        "isclose",
        &["a", "b", "rel_tol", "abs_tol"],
        2,
        2,
    )?;
    let x = to_f64(vm, a[0].as_ref().unwrap_or(&Value::None))?;
    let y = to_f64(vm, a[1].as_ref().unwrap_or(&Value::None))?;
    let rel = match &a[2] {
        Some(v) => to_f64(vm, v)?,
        None => 1e-9,
    };
    let abs = match &a[3] {
        Some(v) => to_f64(vm, v)?,
        None => 0.0,
    };
    if rel < 0.0 || abs < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::bool(false));
    }
    let diff = (y - x).abs();
    Ok(Value::bool(
        diff <= (rel * y).abs() || diff <= (rel * x).abs() || diff <= abs,
    ))
}

fn math_modf(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "modf", 1, 1)?;
    let x = to_f64(vm, &a[0])?;
    let (frac, int) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else {
        (x.fract(), x.trunc())
    };
    Ok(vm.new_pair(Value::float(frac), Value::float(int)))
}

fn math_frexp(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "frexp", 1, 1)?;
    let x = to_f64(vm, &a[0])?;
    let (m, e) = frexp(x);
    Ok(vm.new_pair(Value::float(m), Value::Int(e)))
}

fn math_ldexp(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "ldexp", 2, 2)?;
    let x = to_f64(vm, &a[0])?;
    let Some(i) = int_ref(&a[1]) else {
        return Err(vm.type_error("Expected an int as second argument to ldexp."));
    };
    let e = i
        .to_i64()
        .unwrap_or(if i.is_negative() { i64::MIN } else { i64::MAX });
    let r = ldexp(x, e);
    if r.is_infinite() && x.is_finite() {
        return Err(range_error(vm));
    }
    Ok(Value::float(r))
}

fn dl_mul(x: f64, y: f64) -> (f64, f64) {
    let hi = x * y;
    (hi, x.mul_add(y, -hi))
}

fn dl_fast_sum(a: f64, b: f64) -> (f64, f64) {
    let hi = a + b;
    (hi, (a - hi) + b)
}

/// CPython's `vector_norm`: an accurately rounded Euclidean norm.
fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    if max_e < -1023 {
        for x in vec.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = ldexp(1.0, -max_e);
    let (mut csum, mut frac1, mut frac2) = (1.0, 0.0, 0.0);
    for &x in vec.iter() {
        let x = x * scale;
        let pr = dl_mul(x, x);
        let sm = dl_fast_sum(csum, pr.0);
        csum = sm.0;
        frac1 += pr.1;
        frac2 += sm.1;
    }
    let h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let pr = dl_mul(-h, h);
    let sm = dl_fast_sum(csum, pr.0);
    csum = sm.0;
    frac1 += pr.1;
    frac2 += sm.1;
    let x = csum - 1.0 + (frac1 + frac2);
    (h + x / (2.0 * h)) / scale
}

fn norm_of(mut v: Vec<f64>) -> f64 {
    let mut max = 0.0f64;
    let mut found_nan = false;
    for x in v.iter_mut() {
        *x = x.abs();
        found_nan |= x.is_nan();
        if *x > max {
            max = *x;
        }
    }
    vector_norm(&mut v, max, found_nan)
}

fn math_hypot(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::no_kwargs(vm, &args, "hypot")?;
    let mut v = Vec::with_capacity(args.values.len());
    for a in args.values {
        v.push(to_f64(vm, a)?);
    }
    Ok(Value::float(norm_of(v)))
}

fn math_dist(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "dist", 2, 2)?;
    let seq = |vm: &mut Vm, v: &Value| -> PyResult<Vec<Value>> {
        match v.payload() {
            Some(Payload::Tuple(t)) => Ok(t.to_vec()),
            Some(Payload::List(l)) => Ok(l.borrow().to_vec()),
            _ => Err(vm.type_error(format!(
                "dist(): argument must be tuple, not {}",
                vm.type_name(v)
            ))),
        }
    };
    let p = seq(vm, &a[0])?;
    let q = seq(vm, &a[1])?;
    if p.len() != q.len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let mut diffs = Vec::with_capacity(p.len());
    for (x, y) in p.iter().zip(&q) {
        let x = to_f64(vm, x)?;
        let y = to_f64(vm, y)?;
        diffs.push(x - y);
    }
    Ok(Value::float(norm_of(diffs)))
}

/// `fsum`: Shewchuk's exact summation with CPython's final rounding fix-up (`math_fsum`).
fn math_fsum(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "fsum", 1, 1)?;
    let it = vm.iter(&a[0])?;
    let mut partials: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    while let Some(item) = vm.next(&it)? {
        let mut x = to_f64(vm, &item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return Err(vm.overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return Ok(Value::float(special_sum));
    }
    let mut hi = 0.0;
    let mut n = partials.len();
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::float(hi))
}

fn math_prod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::objects::int::bind_args(vm, &args, "prod", &["iterable", "start"], 1, 1)?;
    let it = vm.iter(a[0].as_ref().unwrap_or(&Value::None))?;
    let mut acc = a[1].clone().unwrap_or(Value::Int(1));
    while let Some(v) = vm.next(&it)? {
        acc = vm.binary_op(&acc, &v, krait_bytecode::BinaryOp::Multiply)?;
    }
    Ok(acc)
}

/// An integer argument (`__index__`).
fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    let i = vm.index_value(v)?;
    vm.to_bigint(&i)
}

/// The product of the integers in `lo..hi`, by binary splitting.
/// The product `lo * (lo+1) * ... * (hi-1)` by binary splitting; each multiplication counts
/// against the interpreter's limits (in proportion to its size), so a huge factorial stops
/// at the next step once a limit is due.
fn range_product(vm: &mut Vm, lo: u64, hi: u64) -> PyResult<BigInt> {
    if hi <= lo {
        return Ok(BigInt::one());
    }
    if hi - lo <= 16 {
        let mut p = BigInt::from(lo);
        for k in lo + 1..hi {
            p *= k;
        }
        vm.tick(1)?;
        return Ok(p);
    }
    let mid = lo + (hi - lo) / 2;
    let a = range_product(vm, lo, mid)?;
    let b = range_product(vm, mid, hi)?;
    // The big products (the last ones of `factorial(2 * 10**6)` take seconds) are charged
    // by their cost and cut into blocks with a check between.
    crate::objects::bigsteps::mul(vm, &a, &b)
}

fn math_factorial(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "factorial", 1, 1)?;
    let n = int_arg(vm, &a[0])?;
    if n.sign() == Sign::Minus {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_u64().filter(|n| *n <= i64::MAX as u64) else {
        return Err(vm.overflow_error("factorial() argument should not exceed 9223372036854775807"));
    };
    // n! has about n·log2(n) bits, and the last multiplication holds it and both halves:
    // refuse up front what the heap cap cannot hold.
    vm.check_alloc((n.saturating_mul(u64::from(64 - n.leading_zeros())) / 4) as usize)?;
    if n > 20_000_000 {
        return Err(vm.memory_error());
    }
    let p = range_product(vm, 1, n + 1)?;
    Ok(Value::from_bigint(p, vm))
}

fn math_gcd(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::no_kwargs(vm, &args, "gcd")?;
    let mut g = BigInt::zero();
    for v in args.values {
        let x = int_arg(vm, v)?;
        g = g.gcd(&x);
    }
    Ok(Value::from_bigint(g, vm))
}

fn math_lcm(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::no_kwargs(vm, &args, "lcm")?;
    let mut l = BigInt::one();
    for v in args.values {
        let x = int_arg(vm, v)?;
        l = if l.is_zero() || x.is_zero() {
            BigInt::zero()
        } else {
            l.lcm(&x)
        };
    }
    Ok(Value::from_bigint(l.abs(), vm))
}

fn math_isqrt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "isqrt", 1, 1)?;
    let n = int_arg(vm, &a[0])?;
    if n.sign() == Sign::Minus {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    // `num-bigint`'s square root is one uninterruptible call (13 s on an 8-million-bit int):
    // huge arguments take the stepped path.
    if n.bits() <= 1 << 16 {
        return Ok(Value::from_bigint(n.sqrt(), vm));
    }
    let r = isqrt_stepped(vm, &n)?;
    Ok(Value::from_bigint(r, vm))
}

/// `isqrt(n)` for `n > 0` by Newton steps at doubling precision: step `k` refines the top
/// `d` bits of the root from the top `d/2`, so the work is dominated by the last division.
/// The divisions and the final square count against the interpreter's limits.
fn isqrt_stepped(vm: &mut Vm, n: &BigInt) -> PyResult<BigInt> {
    let c = (n.bits() - 1) / 2;
    let mut a = BigInt::one();
    let mut d: u64 = 0;
    for s in (0..(64 - c.leading_zeros())).rev() {
        let e = d;
        d = c >> s;
        let num: BigInt = n >> (2 * c - e - d + 1);
        let (q, _) = crate::objects::bigsteps::div_mod_floor(vm, &num, &a)?;
        a = (a << (d - e - 1)) + q;
    }
    let sq = crate::objects::bigsteps::mul(vm, &a, &a)?;
    if &sq > n {
        a -= 1;
    }
    Ok(a)
}

fn comb_perm(vm: &mut Vm, n: &Value, k: &Value, comb: bool) -> PyResult<Value> {
    let n = int_arg(vm, n)?;
    let k = int_arg(vm, k)?;
    if n.sign() == Sign::Minus {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.sign() == Sign::Minus {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = if comb {
        std::cmp::min(k.clone(), &n - &k)
    } else {
        k
    };
    let Some(kk) = k.to_u64().filter(|k| *k <= i64::MAX as u64) else {
        return Err(vm.overflow_error(format!(
            "{} must not exceed 9223372036854775807",
            if comb { "min(n - k, k)" } else { "k" }
        )));
    };
    // The result has at most k·log2(n) bits (and a binomial at most n bits): refuse up
    // front what the heap cap cannot hold.
    let mut bits = kk.saturating_mul(n.bits());
    if comb {
        bits = bits.min(n.bits().saturating_add(n.to_u64().unwrap_or(u64::MAX)));
    }
    vm.check_alloc((bits / 8) as usize)?;
    if kk > 20_000_000 {
        return Err(vm.memory_error());
    }
    let mut r = BigInt::one();
    for i in 0..kk {
        // Each step multiplies (and divides) the whole partial result by a small number: it
        // is charged by the result's size, so `comb(2 * 10**6, 10**6)` stops at a limit.
        vm.tick(1 + (r.bits() / 512) as i64)?;
        r *= &n - BigInt::from(i);
        if comb {
            r /= BigInt::from(i + 1);
        }
    }
    Ok(Value::from_bigint(r, vm))
}

fn math_comb(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "comb", 2, 2)?;
    comb_perm(vm, &a[0], &a[1], true)
}

fn math_perm(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "perm", 1, 2)?;
    match a.get(1) {
        None | Some(Value::None) => {
            let n = a[0].clone();
            let f = vm.new_native("factorial", math_factorial);
            vm.call_pos(&f, &[n])
        }
        Some(k) => comb_perm(vm, &a[0], k, false),
    }
}

fn math_nextafter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (x, y) = two_floats(vm, &args, "nextafter")?;
    Ok(Value::float(next_after(x, y)))
}

fn next_after(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    let up = (y > x) == (x > 0.0);
    f64::from_bits(if up { bits + 1 } else { bits - 1 })
}

fn math_ulp(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "ulp", 1, 1)?;
    let x = to_f64(vm, &a[0])?.abs();
    if x.is_nan() || x.is_infinite() {
        return Ok(Value::float(x));
    }
    let x2 = next_after(x, f64::INFINITY);
    if x2.is_infinite() {
        return Ok(Value::float(x - next_after(x, -f64::INFINITY)));
    }
    Ok(Value::float(x2 - x))
}
