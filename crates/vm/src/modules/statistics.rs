//! The `_statistics` module (CPython: `Modules/_statisticsmodule.c`): the accelerated inverse
//! of the normal distribution's CDF that `statistics.NormalDist.inv_cdf` uses when present.

use crate::object::ObjRef;
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(m, &[("_normal_dist_inv_cdf", normal_dist_inv_cdf)]);
    let doc = vm.new_str("Accelerators for the statistics module.\n");
    super::set_attr(vm, m, "__doc__", doc);
    Ok(())
}

/// `p0 + p1*r + ... + p7*r**7` by Horner's rule, highest coefficient first as written.
fn poly(c: &[f64; 8], r: f64) -> f64 {
    c[1..].iter().fold(c[0], |acc, &k| acc * r + k)
}

// The coefficients are quoted with all the digits the paper gives.
#[allow(clippy::excessive_precision)]
/// Wichura's algorithm AS241 (1988), "The Percentage Points of the Normal Distribution":
/// rational approximations on the central region and on the two tails; `None` where the
/// inverse is undefined.
fn inv_cdf(p: f64, mu: f64, sigma: f64) -> Option<f64> {
    if p <= 0.0 || p >= 1.0 || sigma <= 0.0 {
        return None;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        let num = poly(
            &[
                2.5090809287301226727e3,
                3.3430575583588128105e4,
                6.7265770927008700853e4,
                4.5921953931549871457e4,
                1.3731693765509461125e4,
                1.9715909503065514427e3,
                1.3314166789178437745e2,
                3.3871328727963666080e0,
            ],
            r,
        ) * q;
        let den = poly(
            &[
                5.2264952788528545610e3,
                2.8729085735721942674e4,
                3.9307895800092710610e4,
                2.1213794301586595867e4,
                5.3941960214247511077e3,
                6.8718700749205790830e2,
                4.2313330701600911252e1,
                1.0,
            ],
            r,
        );
        if den == 0.0 {
            return None;
        }
        return Some(mu + (num / den) * sigma);
    }
    let r = if q <= 0.0 { p } else { 1.0 - p };
    let r = (-r.ln()).sqrt();
    let (num, den) = if r <= 5.0 {
        let r = r - 1.6;
        (
            poly(
                &[
                    7.74545014278341407640e-4,
                    2.27238449892691845833e-2,
                    2.41780725177450611770e-1,
                    1.27045825245236838258e0,
                    3.64784832476320460504e0,
                    5.76949722146069140550e0,
                    4.63033784615654529590e0,
                    1.42343711074968357734e0,
                ],
                r,
            ),
            poly(
                &[
                    1.05075007164441684324e-9,
                    5.47593808499534494600e-4,
                    1.51986665636164571966e-2,
                    1.48103976427480074590e-1,
                    6.89767334985100004550e-1,
                    1.67638483018380384940e0,
                    2.05319162663775882187e0,
                    1.0,
                ],
                r,
            ),
        )
    } else {
        let r = r - 5.0;
        (
            poly(
                &[
                    2.01033439929228813265e-7,
                    2.71155556874348757815e-5,
                    1.24266094738807843860e-3,
                    2.65321895265761230930e-2,
                    2.96560571828504891230e-1,
                    1.78482653991729133580e0,
                    5.46378491116411436990e0,
                    6.65790464350110377720e0,
                ],
                r,
            ),
            poly(
                &[
                    2.04426310338993978564e-15,
                    1.42151175831644588870e-7,
                    1.84631831751005468180e-5,
                    7.86869131145613259100e-4,
                    1.48753612908506148525e-2,
                    1.36929880922735805310e-1,
                    5.99832206555887937690e-1,
                    1.0,
                ],
                r,
            ),
        )
    };
    if den == 0.0 {
        return None;
    }
    let x = num / den;
    let x = if q < 0.0 { -x } else { x };
    Some(mu + x * sigma)
}

/// `_normal_dist_inv_cdf(p, mu, sigma, /)`.
fn normal_dist_inv_cdf(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::no_kwargs(vm, &args, "_statistics._normal_dist_inv_cdf")?;
    let n = args.values.len();
    if n != 3 {
        return Err(crate::native::arity_error(
            vm,
            "_normal_dist_inv_cdf",
            3,
            3,
            n,
        ));
    }
    let mut v = [0.0; 3];
    for (slot, a) in v.iter_mut().zip(args.values) {
        *slot = super::math::to_f64(vm, a)?;
    }
    match inv_cdf(v[0], v[1], v[2]) {
        Some(x) => Ok(Value::float(x)),
        None => Err(vm.value_error("inv_cdf undefined for these parameters")),
    }
}
