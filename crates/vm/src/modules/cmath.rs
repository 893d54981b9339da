//! The `cmath` module (CPython: `Modules/cmathmodule.c`): the elementary functions on complex
//! numbers, with C99 Annex G's special values for infinities, NaNs and signed zeros.
//!
//! Each `c_*` function returns its result and the `errno` CPython's code would leave behind:
//! `Dom` where Annex G asks for the divide-by-zero or invalid signal (`ValueError: math domain
//! error`), `Range` on overflow (`OverflowError: math range error`). The formulas, their order
//! of operations and the libm functions they call are CPython's, so the results agree to the
//! last bit with CPython's on the same C library.

use std::f64::consts::{E, LN_2, LN_10, PI};

use crate::native::{arity_error, no_kwargs};
use crate::object::ObjRef;
use crate::objects::complex::{complex_ref, quot as c_quot, try_complex_special};
use crate::objects::function::Args;
use crate::objects::number::ldexp;
use crate::value::Value;
use crate::{PyResult, Vm};

type C = (f64, f64);

/// What CPython's `errno` says after a computation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Errno {
    Ok,
    Dom,
    Range,
}

use Errno::{Dom, Ok as Fine, Range};

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("acos", cmath_acos),
            ("acosh", cmath_acosh),
            ("asin", cmath_asin),
            ("asinh", cmath_asinh),
            ("atan", cmath_atan),
            ("atanh", cmath_atanh),
            ("cos", cmath_cos),
            ("cosh", cmath_cosh),
            ("exp", cmath_exp),
            ("isclose", cmath_isclose),
            ("isfinite", cmath_isfinite),
            ("isinf", cmath_isinf),
            ("isnan", cmath_isnan),
            ("log", cmath_log),
            ("log10", cmath_log10),
            ("phase", cmath_phase),
            ("polar", cmath_polar),
            ("rect", cmath_rect),
            ("sin", cmath_sin),
            ("sinh", cmath_sinh),
            ("sqrt", cmath_sqrt),
            ("tan", cmath_tan),
            ("tanh", cmath_tanh),
        ],
    );
    let doc =
        vm.new_str("This module provides access to mathematical functions for complex\nnumbers.");
    super::set_attr(vm, m, "__doc__", doc);
    let consts = [
        ("pi", Value::float(PI)),
        ("e", Value::float(E)),
        ("tau", Value::float(std::f64::consts::TAU)),
        ("inf", Value::float(f64::INFINITY)),
        ("nan", Value::float(f64::NAN)),
    ];
    for (name, v) in consts {
        super::set_attr(vm, m, name, v);
    }
    let infj = vm.new_complex(0.0, f64::INFINITY);
    super::set_attr(vm, m, "infj", infj);
    let nanj = vm.new_complex(0.0, f64::NAN);
    super::set_attr(vm, m, "nanj", nanj);
    Ok(())
}

// The C library's `asinh`, which CPython calls: Rust's `f64::asinh` is a formula of its own
// that differs from glibc's in the last bits.
unsafe extern "C" {
    fn asinh(x: f64) -> f64;
}

fn c_asinh_real(x: f64) -> f64 {
    // SAFETY: `asinh` is a pure libm function of one double, defined for every input.
    unsafe { asinh(x) }
}

/// CPython's `m_log1p`: `log1p` that keeps the sign of a zero.
fn log1p(x: f64) -> f64 {
    if x == 0.0 { x } else { x.ln_1p() }
}

/// Beyond this the formulas rescale to avoid spurious overflow (`CM_LARGE_DOUBLE`).
const LARGE: f64 = f64::MAX / 4.0;
const DBL_MIN: f64 = f64::MIN_POSITIVE;
const MANT_DIG: i64 = f64::MANTISSA_DIGITS as i64;
/// `CM_SCALE_UP`, an odd power of two that makes a subnormal normal, and `CM_SCALE_DOWN`.
const SCALE_UP: i64 = 2 * (MANT_DIG / 2) + 1;
const SCALE_DOWN: i64 = -(SCALE_UP + 1) / 2;

fn sqrt_large() -> f64 {
    LARGE.sqrt()
}

fn log_large() -> f64 {
    LARGE.ln()
}

// ---- special values -------------------------------------------------------------------------

/// CPython's `special_type`: the row/column of a double in the special-value tables.
fn special_type(d: f64) -> usize {
    let pos = d.is_sign_positive();
    if d.is_finite() {
        match (d != 0.0, pos) {
            (true, false) => 1,  // negative finite
            (false, false) => 2, // -0.0
            (false, true) => 3,  // +0.0
            (true, true) => 4,   // positive finite
        }
    } else if d.is_nan() {
        6
    } else if pos {
        5
    } else {
        0
    }
}

const P: f64 = PI;
const P14: f64 = 0.25 * PI;
const P12: f64 = 0.5 * PI;
const P34: f64 = 0.75 * PI;
const INF: f64 = f64::INFINITY;
const N: f64 = f64::NAN;
/// A placeholder for the finite cases the tables are never consulted for.
const U: f64 = -9.542_631_940_771_103e33;

type Table = [[C; 7]; 7];

#[rustfmt::skip]
const ACOS_SV: Table = [
    [(P34,INF), (P,INF),  (P,INF),   (P,-INF),   (P,-INF),  (P34,-INF), (N,INF)],
    [(P12,INF), (U,U),    (U,U),     (U,U),      (U,U),     (P12,-INF), (N,N)],
    [(P12,INF), (U,U),    (P12,0.),  (P12,-0.),  (U,U),     (P12,-INF), (P12,N)],
    [(P12,INF), (U,U),    (P12,0.),  (P12,-0.),  (U,U),     (P12,-INF), (P12,N)],
    [(P12,INF), (U,U),    (U,U),     (U,U),      (U,U),     (P12,-INF), (N,N)],
    [(P14,INF), (0.,INF), (0.,INF),  (0.,-INF),  (0.,-INF), (P14,-INF), (N,INF)],
    [(N,INF),   (N,N),    (N,N),     (N,N),      (N,N),     (N,-INF),   (N,N)],
];

// CPython 3.11's table: acosh(+-0 + nanj) is nan+nanj (later versions give nan+pi/2j).
#[rustfmt::skip]
const ACOSH_SV: Table = [
    [(INF,-P34), (INF,-P),  (INF,-P),  (INF,P),  (INF,P),  (INF,P34), (INF,N)],
    [(INF,-P12), (U,U),     (U,U),     (U,U),    (U,U),    (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (0.,-P12), (0.,P12), (U,U),    (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (0.,-P12), (0.,P12), (U,U),    (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (U,U),     (U,U),    (U,U),    (INF,P12), (N,N)],
    [(INF,-P14), (INF,-0.), (INF,-0.), (INF,0.), (INF,0.), (INF,P14), (INF,N)],
    [(INF,N),    (N,N),     (N,N),     (N,N),    (N,N),    (INF,N),   (N,N)],
];

#[rustfmt::skip]
const ASINH_SV: Table = [
    [(-INF,-P14), (-INF,-0.), (-INF,-0.), (-INF,0.), (-INF,0.), (-INF,P14), (-INF,N)],
    [(-INF,-P12), (U,U),      (U,U),      (U,U),     (U,U),     (-INF,P12), (N,N)],
    [(-INF,-P12), (U,U),      (-0.,-0.),  (-0.,0.),  (U,U),     (-INF,P12), (N,N)],
    [(INF,-P12),  (U,U),      (0.,-0.),   (0.,0.),   (U,U),     (INF,P12),  (N,N)],
    [(INF,-P12),  (U,U),      (U,U),      (U,U),     (U,U),     (INF,P12),  (N,N)],
    [(INF,-P14),  (INF,-0.),  (INF,-0.),  (INF,0.),  (INF,0.),  (INF,P14),  (INF,N)],
    [(INF,N),     (N,N),      (N,-0.),    (N,0.),    (N,N),     (INF,N),    (N,N)],
];

#[rustfmt::skip]
const ATANH_SV: Table = [
    [(-0.,-P12), (-0.,-P12), (-0.,-P12), (-0.,P12), (-0.,P12), (-0.,P12), (-0.,N)],
    [(-0.,-P12), (U,U),      (U,U),      (U,U),     (U,U),     (-0.,P12), (N,N)],
    [(-0.,-P12), (U,U),      (-0.,-0.),  (-0.,0.),  (U,U),     (-0.,P12), (-0.,N)],
    [(0.,-P12),  (U,U),      (0.,-0.),   (0.,0.),   (U,U),     (0.,P12),  (0.,N)],
    [(0.,-P12),  (U,U),      (U,U),      (U,U),     (U,U),     (0.,P12),  (N,N)],
    [(0.,-P12),  (0.,-P12),  (0.,-P12),  (0.,P12),  (0.,P12),  (0.,P12),  (0.,N)],
    [(0.,-P12),  (N,N),      (N,N),      (N,N),     (N,N),     (0.,P12),  (N,N)],
];

#[rustfmt::skip]
const COSH_SV: Table = [
    [(INF,N), (U,U), (INF,0.),  (INF,-0.), (U,U), (INF,N), (INF,N)],
    [(N,N),   (U,U), (U,U),     (U,U),     (U,U), (N,N),   (N,N)],
    [(N,0.),  (U,U), (1.,0.),   (1.,-0.),  (U,U), (N,0.),  (N,0.)],
    [(N,0.),  (U,U), (1.,-0.),  (1.,0.),   (U,U), (N,0.),  (N,0.)],
    [(N,N),   (U,U), (U,U),     (U,U),     (U,U), (N,N),   (N,N)],
    [(INF,N), (U,U), (INF,-0.), (INF,0.),  (U,U), (INF,N), (INF,N)],
    [(N,N),   (N,N), (N,0.),    (N,0.),    (N,N), (N,N),   (N,N)],
];

#[rustfmt::skip]
const EXP_SV: Table = [
    [(0.,0.), (U,U), (0.,-0.),  (0.,0.),  (U,U), (0.,0.), (0.,0.)],
    [(N,N),   (U,U), (U,U),     (U,U),    (U,U), (N,N),   (N,N)],
    [(N,N),   (U,U), (1.,-0.),  (1.,0.),  (U,U), (N,N),   (N,N)],
    [(N,N),   (U,U), (1.,-0.),  (1.,0.),  (U,U), (N,N),   (N,N)],
    [(N,N),   (U,U), (U,U),     (U,U),    (U,U), (N,N),   (N,N)],
    [(INF,N), (U,U), (INF,-0.), (INF,0.), (U,U), (INF,N), (INF,N)],
    [(N,N),   (N,N), (N,-0.),   (N,0.),   (N,N), (N,N),   (N,N)],
];

#[rustfmt::skip]
const LOG_SV: Table = [
    [(INF,-P34), (INF,-P),  (INF,-P),   (INF,P),   (INF,P),  (INF,P34), (INF,N)],
    [(INF,-P12), (U,U),     (U,U),      (U,U),     (U,U),    (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (-INF,-P),  (-INF,P),  (U,U),    (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (-INF,-0.), (-INF,0.), (U,U),    (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (U,U),      (U,U),     (U,U),    (INF,P12), (N,N)],
    [(INF,-P14), (INF,-0.), (INF,-0.),  (INF,0.),  (INF,0.), (INF,P14), (INF,N)],
    [(INF,N),    (N,N),     (N,N),      (N,N),     (N,N),    (INF,N),   (N,N)],
];

#[rustfmt::skip]
const SINH_SV: Table = [
    [(INF,N), (U,U), (-INF,-0.), (-INF,0.), (U,U), (INF,N), (INF,N)],
    [(N,N),   (U,U), (U,U),      (U,U),     (U,U), (N,N),   (N,N)],
    [(0.,N),  (U,U), (-0.,-0.),  (-0.,0.),  (U,U), (0.,N),  (0.,N)],
    [(0.,N),  (U,U), (0.,-0.),   (0.,0.),   (U,U), (0.,N),  (0.,N)],
    [(N,N),   (U,U), (U,U),      (U,U),     (U,U), (N,N),   (N,N)],
    [(INF,N), (U,U), (INF,-0.),  (INF,0.),  (U,U), (INF,N), (INF,N)],
    [(N,N),   (N,N), (N,-0.),    (N,0.),    (N,N), (N,N),   (N,N)],
];

#[rustfmt::skip]
const SQRT_SV: Table = [
    [(INF,-INF), (0.,-INF), (0.,-INF), (0.,INF), (0.,INF), (INF,INF), (N,INF)],
    [(INF,-INF), (U,U),     (U,U),     (U,U),    (U,U),    (INF,INF), (N,N)],
    [(INF,-INF), (U,U),     (0.,-0.),  (0.,0.),  (U,U),    (INF,INF), (N,N)],
    [(INF,-INF), (U,U),     (0.,-0.),  (0.,0.),  (U,U),    (INF,INF), (N,N)],
    [(INF,-INF), (U,U),     (U,U),     (U,U),    (U,U),    (INF,INF), (N,N)],
    [(INF,-INF), (INF,-0.), (INF,-0.), (INF,0.), (INF,0.), (INF,INF), (INF,N)],
    [(INF,-INF), (N,N),     (N,N),     (N,N),    (N,N),    (INF,INF), (N,N)],
];

// CPython 3.11's table: a zero real part with an infinite or NaN imaginary part gives NaN+NaNj
// (later versions keep the zero's sign there).
#[rustfmt::skip]
const TANH_SV: Table = [
    [(-1.,0.), (U,U), (-1.,-0.), (-1.,0.), (U,U), (-1.,0.), (-1.,0.)],
    [(N,N),    (U,U), (U,U),     (U,U),    (U,U), (N,N),    (N,N)],
    [(N,N),    (U,U), (-0.,-0.), (-0.,0.), (U,U), (N,N),    (N,N)],
    [(N,N),    (U,U), (0.,-0.),  (0.,0.),  (U,U), (N,N),    (N,N)],
    [(N,N),    (U,U), (U,U),     (U,U),    (U,U), (N,N),    (N,N)],
    [(1.,0.),  (U,U), (1.,-0.),  (1.,0.),  (U,U), (1.,0.),  (1.,0.)],
    [(N,N),    (N,N), (N,-0.),   (N,0.),   (N,N), (N,N),    (N,N)],
];

#[rustfmt::skip]
const RECT_SV: Table = [
    [(INF,N), (U,U), (-INF,0.), (-INF,-0.), (U,U), (INF,N), (INF,N)],
    [(N,N),   (U,U), (U,U),     (U,U),      (U,U), (N,N),   (N,N)],
    [(0.,0.), (U,U), (-0.,0.),  (-0.,-0.),  (U,U), (0.,0.), (0.,0.)],
    [(0.,0.), (U,U), (0.,-0.),  (0.,0.),    (U,U), (0.,0.), (0.,0.)],
    [(N,N),   (U,U), (U,U),     (U,U),      (U,U), (N,N),   (N,N)],
    [(INF,N), (U,U), (INF,-0.), (INF,0.),   (U,U), (INF,N), (INF,N)],
    [(N,N),   (N,N), (N,0.),    (N,0.),     (N,N), (N,N),   (N,N)],
];

fn lookup(table: &Table, re: f64, im: f64) -> C {
    table[special_type(re)][special_type(im)]
}

/// `SPECIAL_VALUE`: the table's entry when either part is not finite.
fn special(z: C, table: &Table) -> Option<(C, Errno)> {
    (!z.0.is_finite() || !z.1.is_finite()).then(|| (lookup(table, z.0, z.1), Fine))
}

/// `r` with the parts swapped around as `-i * r` (for the identities `f(z) = -i g(iz)`).
fn times_minus_i(r: (C, Errno)) -> (C, Errno) {
    let ((re, im), e) = r;
    ((im, -re), e)
}

// ---- the functions --------------------------------------------------------------------------

fn c_acos(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &ACOS_SV) {
        return r;
    }
    let r = if z.0.abs() > LARGE || z.1.abs() > LARGE {
        (
            z.1.abs().atan2(z.0),
            -(((z.0 / 2.0).hypot(z.1 / 2.0)).ln() + LN_2 * 2.0).copysign(z.1),
        )
    } else {
        let s1 = c_sqrt((1.0 - z.0, -z.1)).0;
        let s2 = c_sqrt((1.0 + z.0, z.1)).0;
        (
            2.0 * s1.0.atan2(s2.0),
            c_asinh_real(s2.0 * s1.1 - s2.1 * s1.0),
        )
    };
    (r, Fine)
}

fn c_acosh(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &ACOSH_SV) {
        return r;
    }
    let r = if z.0.abs() > LARGE || z.1.abs() > LARGE {
        (
            ((z.0 / 2.0).hypot(z.1 / 2.0)).ln() + LN_2 * 2.0,
            z.1.atan2(z.0),
        )
    } else {
        let s1 = c_sqrt((z.0 - 1.0, z.1)).0;
        let s2 = c_sqrt((z.0 + 1.0, z.1)).0;
        (
            c_asinh_real(s1.0 * s2.0 + s1.1 * s2.1),
            2.0 * s1.1.atan2(s2.0),
        )
    };
    (r, Fine)
}

fn c_asin(z: C) -> (C, Errno) {
    times_minus_i(c_asinh((-z.1, z.0)))
}

fn c_asinh(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &ASINH_SV) {
        return r;
    }
    let r = if z.0.abs() > LARGE || z.1.abs() > LARGE {
        let l = ((z.0 / 2.0).hypot(z.1 / 2.0)).ln() + LN_2 * 2.0;
        let re = if z.1 >= 0.0 {
            l.copysign(z.0)
        } else {
            -l.copysign(-z.0)
        };
        (re, z.1.atan2(z.0.abs()))
    } else {
        let s1 = c_sqrt((1.0 + z.1, -z.0)).0;
        let s2 = c_sqrt((1.0 - z.1, z.0)).0;
        (
            c_asinh_real(s1.0 * s2.1 - s2.0 * s1.1),
            z.1.atan2(s1.0 * s2.0 - s1.1 * s2.1),
        )
    };
    (r, Fine)
}

fn c_atan(z: C) -> (C, Errno) {
    times_minus_i(c_atanh((-z.1, z.0)))
}

fn c_atanh(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &ATANH_SV) {
        return r;
    }
    // atanh(z) = -atanh(-z): reduce to a non-negative real part.
    if z.0 < 0.0 {
        let ((re, im), e) = c_atanh((-z.0, -z.1));
        return ((-re, -im), e);
    }
    let ay = z.1.abs();
    if z.0 > sqrt_large() || ay > sqrt_large() {
        // |z| large: atanh(z) ~ 1/z +/- i*pi/2.
        let h = (z.0 / 2.0).hypot(z.1 / 2.0);
        ((z.0 / 4.0 / h / h, (PI / 2.0).copysign(z.1)), Fine)
    } else if z.0 == 1.0 && ay < DBL_MIN.sqrt() {
        if ay == 0.0 {
            ((INF, z.1), Dom)
        } else {
            (
                (
                    -(ay.sqrt() / ay.hypot(2.0).sqrt()).ln(),
                    (2.0f64.atan2(-ay) / 2.0).copysign(z.1),
                ),
                Fine,
            )
        }
    } else {
        let one_minus = 1.0 - z.0;
        (
            (
                log1p(4.0 * z.0 / (one_minus * one_minus + ay * ay)) / 4.0,
                -(-2.0 * z.1).atan2(one_minus * (1.0 + z.0) - ay * ay) / 2.0,
            ),
            Fine,
        )
    }
}

fn c_cos(z: C) -> (C, Errno) {
    c_cosh((-z.1, z.0))
}

/// The result of `exp`, `cosh` and `sinh` for an infinite real part and a finite nonzero
/// imaginary part, whose signs come from `cos(im)` and `sin(im)`.
fn inf_parts(im: f64) -> (f64, f64) {
    (INF.copysign(im.cos()), INF.copysign(im.sin()))
}

fn c_cosh(z: C) -> (C, Errno) {
    if !z.0.is_finite() || !z.1.is_finite() {
        let r = if z.0.is_infinite() && z.1.is_finite() && z.1 != 0.0 {
            let (c, s) = inf_parts(z.1);
            if z.0 > 0.0 { (c, s) } else { (c, -s) }
        } else {
            lookup(&COSH_SV, z.0, z.1)
        };
        let e = if z.1.is_infinite() && !z.0.is_nan() {
            Dom
        } else {
            Fine
        };
        return (r, e);
    }
    let r = if z.0.abs() > log_large() {
        // cosh(re) overflows where cosh(z) may not.
        let xm1 = z.0 - 1.0f64.copysign(z.0);
        (z.1.cos() * xm1.cosh() * E, z.1.sin() * xm1.sinh() * E)
    } else {
        (z.1.cos() * z.0.cosh(), z.1.sin() * z.0.sinh())
    };
    (r, overflow_check(r))
}

fn overflow_check(r: C) -> Errno {
    if r.0.is_infinite() || r.1.is_infinite() {
        Range
    } else {
        Fine
    }
}

fn c_exp(z: C) -> (C, Errno) {
    if !z.0.is_finite() || !z.1.is_finite() {
        let r = if z.0.is_infinite() && z.1.is_finite() && z.1 != 0.0 {
            if z.0 > 0.0 {
                inf_parts(z.1)
            } else {
                (0.0f64.copysign(z.1.cos()), 0.0f64.copysign(z.1.sin()))
            }
        } else {
            lookup(&EXP_SV, z.0, z.1)
        };
        let e = if z.1.is_infinite() && (z.0.is_finite() || (z.0.is_infinite() && z.0 > 0.0)) {
            Dom
        } else {
            Fine
        };
        return (r, e);
    }
    let r = if z.0 > log_large() {
        let l = (z.0 - 1.0).exp();
        (l * z.1.cos() * E, l * z.1.sin() * E)
    } else {
        let l = z.0.exp();
        (l * z.1.cos(), l * z.1.sin())
    };
    (r, overflow_check(r))
}

fn c_log(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &LOG_SV) {
        return r;
    }
    let (ax, ay) = (z.0.abs(), z.1.abs());
    let re = if ax > LARGE || ay > LARGE {
        ((ax / 2.0).hypot(ay / 2.0)).ln() + LN_2
    } else if ax < DBL_MIN && ay < DBL_MIN {
        if ax > 0.0 || ay > 0.0 {
            // hypot(ax, ay) would be subnormal: rescale.
            (ldexp(ax, MANT_DIG).hypot(ldexp(ay, MANT_DIG))).ln() - MANT_DIG as f64 * LN_2
        } else {
            return ((-INF, z.1.atan2(z.0)), Dom);
        }
    } else {
        let h = ax.hypot(ay);
        if (0.71..=1.73).contains(&h) {
            let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
            log1p((am - 1.0) * (am + 1.0) + an * an) / 2.0
        } else {
            h.ln()
        }
    };
    ((re, z.1.atan2(z.0)), Fine)
}

fn c_log10(z: C) -> (C, Errno) {
    let ((re, im), e) = c_log(z);
    ((re / LN_10, im / LN_10), e)
}

fn c_sin(z: C) -> (C, Errno) {
    times_minus_i(c_sinh((-z.1, z.0)))
}

fn c_sinh(z: C) -> (C, Errno) {
    if !z.0.is_finite() || !z.1.is_finite() {
        let r = if z.0.is_infinite() && z.1.is_finite() && z.1 != 0.0 {
            let (c, s) = inf_parts(z.1);
            if z.0 > 0.0 { (c, s) } else { (-c, s) }
        } else {
            lookup(&SINH_SV, z.0, z.1)
        };
        let e = if z.1.is_infinite() && !z.0.is_nan() {
            Dom
        } else {
            Fine
        };
        return (r, e);
    }
    let r = if z.0.abs() > log_large() {
        let xm1 = z.0 - 1.0f64.copysign(z.0);
        (z.1.cos() * xm1.sinh() * E, z.1.sin() * xm1.cosh() * E)
    } else {
        (z.1.cos() * z.0.sinh(), z.1.sin() * z.0.cosh())
    };
    (r, overflow_check(r))
}

fn c_sqrt(z: C) -> (C, Errno) {
    if let Some(r) = special(z, &SQRT_SV) {
        return r;
    }
    if z.0 == 0.0 && z.1 == 0.0 {
        return ((0.0, z.1), Fine);
    }
    let (ax, ay) = (z.0.abs(), z.1.abs());
    let s = if ax < DBL_MIN && ay < DBL_MIN {
        // hypot(ax, ay) would be subnormal: rescale.
        let ax = ldexp(ax, SCALE_UP);
        ldexp((ax + ax.hypot(ldexp(ay, SCALE_UP))).sqrt(), SCALE_DOWN)
    } else {
        let ax = ax / 8.0;
        2.0 * (ax + ax.hypot(ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    let r = if z.0 >= 0.0 {
        (s, d.copysign(z.1))
    } else {
        (d, s.copysign(z.1))
    };
    (r, Fine)
}

fn c_tan(z: C) -> (C, Errno) {
    times_minus_i(c_tanh((-z.1, z.0)))
}

fn c_tanh(z: C) -> (C, Errno) {
    if !z.0.is_finite() || !z.1.is_finite() {
        let r = if z.0.is_infinite() && z.1.is_finite() && z.1 != 0.0 {
            let im = 0.0f64.copysign(2.0 * z.1.sin() * z.1.cos());
            (if z.0 > 0.0 { 1.0 } else { -1.0 }, im)
        } else {
            lookup(&TANH_SV, z.0, z.1)
        };
        let e = if z.1.is_infinite() && z.0.is_finite() {
            Dom
        } else {
            Fine
        };
        return (r, e);
    }
    let r = if z.0.abs() > log_large() {
        // 2*re would overflow: 1 - tanh(re)^2 ~ 4 exp(-2|re|).
        (
            1.0f64.copysign(z.0),
            4.0 * z.1.sin() * z.1.cos() * (-2.0 * z.0.abs()).exp(),
        )
    } else {
        let tx = z.0.tanh();
        let ty = z.1.tan();
        let cx = 1.0 / z.0.cosh();
        let txty = tx * ty;
        let denom = 1.0 + txty * txty;
        (tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)
    };
    (r, Fine)
}

/// `_Py_c_abs`: an infinite part wins over a NaN; overflow is a range error.
fn c_abs(z: C) -> (f64, Errno) {
    if !z.0.is_finite() || !z.1.is_finite() {
        if z.0.is_infinite() {
            return (z.0.abs(), Fine);
        }
        if z.1.is_infinite() {
            return (z.1.abs(), Fine);
        }
        return (f64::NAN, Fine);
    }
    let r = z.0.hypot(z.1);
    (r, if r.is_finite() { Fine } else { Range })
}

fn c_rect(r: f64, phi: f64) -> (C, Errno) {
    if !r.is_finite() || !phi.is_finite() {
        let z = if r.is_infinite() && phi.is_finite() && phi != 0.0 {
            let (c, s) = inf_parts(phi);
            if r > 0.0 { (c, s) } else { (-c, -s) }
        } else {
            lookup(&RECT_SV, r, phi)
        };
        let e = if r != 0.0 && !r.is_nan() && phi.is_infinite() {
            Dom
        } else {
            Fine
        };
        return (z, e);
    }
    if phi == 0.0 {
        return ((r, r * phi), Fine);
    }
    ((r * phi.cos(), r * phi.sin()), Fine)
}

// ---- the Python-level glue ------------------------------------------------------------------

/// `PyComplex_AsCComplex`: a complex (or subclass) as is, else `__complex__`, else a real
/// number through `__float__`/`__index__` with a zero imaginary part.
pub(crate) fn to_complex(vm: &mut Vm, v: &Value) -> PyResult<C> {
    if let Some(c) = complex_ref(v) {
        return Ok(c);
    }
    if let Some(c) = try_complex_special(vm, v)? {
        return Ok(c);
    }
    Ok((super::math::to_f64(vm, v)?, 0.0))
}

fn math_error(vm: &mut Vm, e: Errno) -> crate::PyErr {
    if e == Range {
        vm.overflow_error("math range error")
    } else {
        vm.value_error("math domain error")
    }
}

/// The single argument of `cmath.name(z)`, with METH_O's messages.
fn one_arg<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<&'a Value> {
    let a = crate::native::pos_args(vm, args, &format!("cmath.{name}"), 1, 1)?;
    Ok(&a[0])
}

fn complex_result(vm: &mut Vm, r: (C, Errno)) -> PyResult<Value> {
    match r {
        ((re, im), Fine) => Ok(vm.new_complex(re, im)),
        (_, e) => Err(math_error(vm, e)),
    }
}

macro_rules! complex_fns {
    ($($name:ident, $py:literal, $f:ident;)*) => { $(
        fn $name(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            let z = one_arg(vm, &args, $py)?;
            let z = to_complex(vm, z)?;
            complex_result(vm, $f(z))
        }
    )* };
}

complex_fns! {
    cmath_acos, "acos", c_acos;
    cmath_acosh, "acosh", c_acosh;
    cmath_asin, "asin", c_asin;
    cmath_asinh, "asinh", c_asinh;
    cmath_atan, "atan", c_atan;
    cmath_atanh, "atanh", c_atanh;
    cmath_cos, "cos", c_cos;
    cmath_cosh, "cosh", c_cosh;
    cmath_exp, "exp", c_exp;
    cmath_log10, "log10", c_log10;
    cmath_sin, "sin", c_sin;
    cmath_sinh, "sinh", c_sinh;
    cmath_sqrt, "sqrt", c_sqrt;
    cmath_tan, "tan", c_tan;
    cmath_tanh, "tanh", c_tanh;
}

/// Positional arguments for `log`/`rect`: Argument Clinic names the function without its
/// module in arity errors but with it for keywords.
fn positional<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    no_kwargs(vm, args, &format!("cmath.{name}"))?;
    let n = args.values.len();
    if n < min || n > max {
        return Err(arity_error(vm, name, min, max, n));
    }
    Ok(args.values)
}

/// `log(z[, base])`.
fn cmath_log(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = positional(vm, &args, "log", 1, 2)?;
    let x = to_complex(vm, &a[0])?;
    let (mut r, mut e) = c_log(x);
    if let Some(base) = a.get(1) {
        let y = to_complex(vm, base)?;
        let (ly, ey) = c_log(y);
        e = ey;
        r = match c_quot(r, ly) {
            Some(q) => q,
            None => {
                e = Dom;
                (0.0, 0.0)
            }
        };
    }
    complex_result(vm, (r, e))
}

/// `phase(z)`: CPython checks `errno` after `atan2`, which glibc sets to `ERANGE` when the
/// angle underflows to zero (a nonzero `y`, a finite `x`), so that is an `OverflowError`.
fn cmath_phase(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let z = one_arg(vm, &args, "phase")?;
    let z = to_complex(vm, z)?;
    let phi = z.1.atan2(z.0);
    if phi == 0.0 && z.1 != 0.0 && z.0.is_finite() {
        return Err(math_error(vm, Range));
    }
    Ok(Value::float(phi))
}

fn cmath_polar(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let z = one_arg(vm, &args, "polar")?;
    let z = to_complex(vm, z)?;
    let phi = z.1.atan2(z.0);
    let (r, e) = c_abs(z);
    if e != Fine {
        return Err(math_error(vm, e));
    }
    Ok(vm.new_tuple(vec![Value::float(r), Value::float(phi)]))
}

fn cmath_rect(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = positional(vm, &args, "rect", 2, 2)?;
    let r = super::math::to_f64(vm, &a[0])?;
    let phi = super::math::to_f64(vm, &a[1])?;
    complex_result(vm, c_rect(r, phi))
}

fn cmath_isfinite(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let z = one_arg(vm, &args, "isfinite")?;
    let z = to_complex(vm, z)?;
    Ok(Value::bool(z.0.is_finite() && z.1.is_finite()))
}

fn cmath_isnan(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let z = one_arg(vm, &args, "isnan")?;
    let z = to_complex(vm, z)?;
    Ok(Value::bool(z.0.is_nan() || z.1.is_nan()))
}

fn cmath_isinf(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let z = one_arg(vm, &args, "isinf")?;
    let z = to_complex(vm, z)?;
    Ok(Value::bool(z.0.is_infinite() || z.1.is_infinite()))
}

/// `isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`.
fn cmath_isclose(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let n = args.pos().len();
    if n > 2 {
        return Err(vm.type_error(format!(
            "isclose() takes exactly 2 positional arguments ({n} given)"
        )));
    }
    let a = crate::native::bind_args(vm, &args, "isclose", &["a", "b", "rel_tol", "abs_tol"], 2)?;
    let x = to_complex(vm, &a[0])?;
    let y = to_complex(vm, &a[1])?;
    let rel = if a[2].is_null() {
        1e-9
    } else {
        super::math::to_f64(vm, &a[2])?
    };
    let abs = if a[3].is_null() {
        0.0
    } else {
        super::math::to_f64(vm, &a[3])?
    };
    if rel < 0.0 || abs < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x.0 == y.0 && x.1 == y.1 {
        return Ok(Value::bool(true));
    }
    if x.0.is_infinite() || x.1.is_infinite() || y.0.is_infinite() || y.1.is_infinite() {
        return Ok(Value::bool(false));
    }
    let diff = c_abs((x.0 - y.0, x.1 - y.1)).0;
    let close = diff <= rel * c_abs(y).0 || diff <= rel * c_abs(x).0 || diff <= abs;
    Ok(Value::bool(close))
}
