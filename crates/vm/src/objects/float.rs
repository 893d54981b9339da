//! `float` methods (CPython: `Objects/floatobject.c`).
//!
//! Operands may be floats or ints (converted exactly, or `OverflowError` when too large);
//! comparisons between floats and ints are exact, as in `float_richcompare`.

use krait_bytecode::CompareOp;

use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::number::{cmp_float_int, float_ref, int_ref};
use crate::value::Value;
use crate::{PyResult, Vm};

/// `self` of a float method.
fn check_self(vm: &mut Vm, this: &Value, name: &str) -> PyResult<f64> {
    float_ref(this).ok_or_else(|| crate::objects::number::descriptor_error(vm, name, "float", this))
}

fn self_float(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<f64> {
    let this = crate::objects::number::noargs(vm, args, "float", name)?;
    check_self(vm, this, name)
}

fn operands<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<(f64, &'a Value)> {
    let (this, rest) = crate::native::method_args(vm, args, name, 1, 1)?;
    let x = check_self(vm, this, name)?;
    Ok((x, &rest[0]))
}

/// CPython's `float_divmod`: (floor quotient, remainder with the divisor's sign).
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

/// CPython's `float_rem`.
pub fn float_mod(x: f64, y: f64) -> f64 {
    let mut m = x % y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    m
}

fn is_odd_integer(y: f64) -> bool {
    y.is_finite() && y % 2.0 != 0.0 && y.fract() == 0.0
}

/// `x ** y` on floats (CPython's `float_pow`): a negative base with a fractional exponent
/// gives a complex result.
pub fn float_pow(vm: &mut Vm, x: f64, y: f64) -> PyResult<Value> {
    if y == 0.0 {
        return Ok(Value::float(1.0));
    }
    if x.is_nan() {
        return Ok(Value::float(x));
    }
    if y.is_nan() {
        return Ok(Value::float(if x == 1.0 { 1.0 } else { y }));
    }
    if y.is_infinite() {
        let ax = x.abs();
        return Ok(Value::float(if ax == 1.0 {
            1.0
        } else if (y > 0.0) == (ax > 1.0) {
            y.abs()
        } else {
            0.0
        }));
    }
    if x.is_infinite() {
        let odd = is_odd_integer(y);
        return Ok(Value::float(if x > 0.0 {
            if y > 0.0 { x } else { 0.0 }
        } else if y > 0.0 {
            if odd { x } else { -x }
        } else if odd {
            -0.0
        } else {
            0.0
        }));
    }
    if x == 0.0 {
        if y < 0.0 {
            return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
        }
        return Ok(Value::float(if is_odd_integer(y) { x } else { 0.0 }));
    }
    let mut base = x;
    let mut negate = false;
    if base < 0.0 {
        if y != y.floor() {
            return crate::objects::complex::complex_pow(vm, (x, 0.0), (y, 0.0));
        }
        base = -base;
        negate = is_odd_integer(y);
    }
    if base == 1.0 {
        return Ok(Value::float(if negate { -1.0 } else { 1.0 }));
    }
    let r = base.powf(y);
    if r.is_infinite() {
        return Err(vm.range_error());
    }
    Ok(Value::float(if negate { -r } else { r }))
}

#[derive(Clone, Copy)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    DivMod,
    Pow,
}

fn binop(vm: &mut Vm, a: &Value, b: &Value, op: Op) -> PyResult<Value> {
    let Some(x) = vm.float_operand(a)? else {
        return Ok(vm.not_implemented.clone());
    };
    let Some(y) = vm.float_operand(b)? else {
        return Ok(vm.not_implemented.clone());
    };
    Ok(Value::float(match op {
        Op::Add => x + y,
        Op::Sub => x - y,
        Op::Mul => x * y,
        Op::Div => {
            if y == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            x / y
        }
        Op::FloorDiv => {
            if y == 0.0 {
                return Err(vm.zero_division("float floor division by zero"));
            }
            float_divmod(x, y).0
        }
        Op::Mod => {
            if y == 0.0 {
                return Err(vm.zero_division("float modulo"));
            }
            float_mod(x, y)
        }
        Op::DivMod => {
            if y == 0.0 {
                return Err(vm.zero_division("float divmod()"));
            }
            let (d, m) = float_divmod(x, y);
            return Ok(vm.new_pair(Value::float(d), Value::float(m)));
        }
        Op::Pow => return float_pow(vm, x, y),
    }))
}

macro_rules! float_binops {
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

float_binops! {
    float_add, float_radd, "__add__", "__radd__", Add;
    float_sub, float_rsub, "__sub__", "__rsub__", Sub;
    float_mul, float_rmul, "__mul__", "__rmul__", Mul;
    float_truediv, float_rtruediv, "__truediv__", "__rtruediv__", Div;
    float_floordiv, float_rfloordiv, "__floordiv__", "__rfloordiv__", FloorDiv;
    float_modm, float_rmod, "__mod__", "__rmod__", Mod;
    float_divmodm, float_rdivmod, "__divmod__", "__rdivmod__", DivMod;
}

fn pow_args(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<(Value, Value)> {
    let (this, rest) = crate::native::method_args(vm, args, name, 1, 2)?;
    check_self(vm, this, name)?;
    if rest.get(1).is_some_and(|m| !m.is_none()) {
        return Err(
            vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
        );
    }
    Ok((this.clone(), rest[0].clone()))
}

fn float_powm(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = pow_args(vm, &args, "__pow__")?;
    binop(vm, &a, &b, Op::Pow)
}

fn float_rpow(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = pow_args(vm, &args, "__rpow__")?;
    binop(vm, &b, &a, Op::Pow)
}

// ----- comparison -----

fn compare(vm: &mut Vm, x: f64, other: &Value, op: CompareOp) -> Value {
    if let Some(y) = float_ref(other) {
        return Value::bool(crate::ops::cmp_float(x, y, op));
    }
    match int_ref(other) {
        Some(i) => Value::bool(match cmp_float_int(x, i) {
            Some(o) => crate::ops::cmp_ord(o, op),
            None => op == CompareOp::Ne,
        }),
        None => vm.not_implemented.clone(),
    }
}

macro_rules! float_cmps {
    ($($name:ident, $py:literal, $op:ident;)*) => { $(
        fn $name(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            let (x, b) = operands(vm, &args, $py)?;
            Ok(compare(vm, x, b, CompareOp::$op))
        }
    )* };
}

float_cmps! {
    float_eq, "__eq__", Eq;
    float_ne, "__ne__", Ne;
    float_lt, "__lt__", Lt;
    float_le, "__le__", Le;
    float_gt, "__gt__", Gt;
    float_ge, "__ge__", Ge;
}

// ----- unary and conversions -----

fn float_neg(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::float(-self_float(vm, &args, "__neg__")?))
}

fn float_pos(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::float(self_float(vm, &args, "__pos__")?))
}

fn float_abs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::float(self_float(vm, &args, "__abs__")?.abs()))
}

fn float_bool(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::bool(self_float(vm, &args, "__bool__")? != 0.0))
}

fn float_float(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::float(self_float(vm, &args, "__float__")?))
}

fn to_int(vm: &mut Vm, f: f64) -> PyResult<Value> {
    if f.abs() < 9.2e18 {
        return Ok(Value::Int(f as i64));
    }
    let b = crate::objects::int::float_to_bigint(vm, f)?;
    Ok(Value::from_bigint(b, vm))
}

fn float_trunc(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let f = self_float(vm, &args, "__trunc__")?;
    to_int(vm, f)
}

fn float_floor(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let f = self_float(vm, &args, "__floor__")?;
    to_int(vm, f.floor())
}

fn float_ceil(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let f = self_float(vm, &args, "__ceil__")?;
    to_int(vm, f.ceil())
}

fn float_round(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "__round__", 0, 1)?;
    let x = check_self(vm, this, "__round__")?;
    match rest.first() {
        None | Some(Value::None) => to_int(vm, x.round_ties_even()),
        Some(nd) => {
            let nd = vm.index_value(nd)?;
            let n = match int_ref(&nd) {
                Some(i) => i
                    .to_i64()
                    .unwrap_or(if i.is_negative() { i64::MIN } else { i64::MAX }),
                None => 0,
            };
            if !x.is_finite() || x == 0.0 {
                return Ok(Value::float(x));
            }
            // Past these bounds rounding is the identity or gives a signed zero.
            if n > 400 {
                return Ok(Value::float(x));
            }
            if n < -400 {
                return Ok(Value::float(0.0f64.copysign(x)));
            }
            let r = krait_common::float_format::round_float(x, n as i32);
            if r.is_infinite() {
                return Err(vm.overflow_error("rounded value too large to represent"));
            }
            Ok(Value::float(r))
        }
    }
}

fn float_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__hash__", 0, 0)?;
    let f = check_self(vm, this, "__hash__")?;
    Ok(Value::Int(
        krait_common::hash::hash_float(f).unwrap_or_else(|| crate::ops::hash_identity(this)),
    ))
}

fn float_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let f = self_float(vm, &args, "__repr__")?;
    Ok(vm.new_string(krait_common::repr::float_repr(f)))
}

fn float_format(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "__format__", 1, 1)?;
    let x = check_self(vm, this, "__format__")?;
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
    let r = krait_common::format_spec::format_float(x, &p, &tn);
    match r {
        Ok(s) => Ok(vm.new_string(s)),
        // Also maps an impossible width to MemoryError.
        Err(e) => Err(crate::objects::strmethods::format_error(vm, e)),
    }
}

fn float_getnewargs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let f = self_float(vm, &args, "__getnewargs__")?;
    Ok(vm.new_tuple(vec![Value::float(f)]))
}

fn float_is_integer(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let f = self_float(vm, &args, "is_integer")?;
    Ok(Value::bool(f.is_finite() && f.fract() == 0.0))
}

fn float_as_integer_ratio(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let f = self_float(vm, &args, "as_integer_ratio")?;
    match krait_common::float_format::float_as_integer_ratio(f) {
        Ok((n, d)) => {
            let n = Value::from_bigint(n, vm);
            let d = Value::from_bigint(d, vm);
            Ok(vm.new_pair(n, d))
        }
        Err(e) => {
            let msg = e.to_string();
            Err(vm.common_error(e.kind(), msg))
        }
    }
}

fn float_hex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let f = self_float(vm, &args, "hex")?;
    Ok(vm.new_string(krait_common::float_format::float_to_hex(f)))
}

fn float_fromhex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = crate::native::method_args(vm, &args, "fromhex", 1, 1)?;
    let Some(Payload::Str(s)) = rest[0].payload() else {
        return Err(vm.type_error(format!(
            "fromhex() argument must be str, not {}",
            vm.type_name(&rest[0])
        )));
    };
    let text = s.as_str().into_owned();
    let f = match krait_common::float_format::float_from_hex(&text) {
        Ok(f) => f,
        Err(e) => {
            let msg = e.to_string();
            return Err(vm.common_error(e.kind(), msg));
        }
    };
    match cls {
        Value::Obj(c) if ObjRef::ptr_eq(c, &vm.types.float) => Ok(Value::float(f)),
        _ => vm.call_pos(cls, &[Value::float(f)]),
    }
}

fn float_self_getter(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::float(check_self(vm, this, "real")?))
}

fn float_zero_getter(_vm: &mut Vm, _this: &Value) -> PyResult<Value> {
    Ok(Value::float(0.0))
}

fn float_getformat(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, rest) = crate::native::method_args(vm, &args, "__getformat__", 1, 1)?;
    let t = vm.str_text(&rest[0]);
    match t.as_str() {
        "double" | "float" => Ok(vm.new_str("IEEE, little-endian")),
        _ => Err(vm.value_error("__getformat__() argument 1 must be 'double' or 'float'")),
    }
}

// ----- construction -----

/// `float(x)` for one argument (CPython's `PyNumber_Float`).
pub fn float_from_value(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    if let Value::Float(f) = v {
        return Ok(f.get());
    }
    if let Some(i) = int_ref(v)
        && !matches!(v, Value::Obj(_))
    {
        return vm.int_to_f64(i);
    }
    let text: Option<(String, String)> = match v.payload() {
        Some(Payload::Str(s)) => {
            let t = s.as_str().into_owned();
            let t = krait_common::float_format::transform_decimal_and_space(&t).into_owned();
            let t = if s.has_surrogates() {
                String::from("\0")
            } else {
                t
            };
            Some((t, vm.repr_string(v)?))
        }
        Some(Payload::Bytes(b)) => Some((
            String::from_utf8_lossy(b).into_owned(),
            krait_common::repr::bytes_repr(b),
        )),
        Some(Payload::ByteArray(b)) => {
            let b = b.borrow();
            Some((
                String::from_utf8_lossy(&b).into_owned(),
                format!("bytearray({})", krait_common::repr::bytes_repr(&b)),
            ))
        }
        _ => None,
    };
    if let Some((t, shown)) = text {
        return krait_common::float_format::parse_float(&t)
            .ok_or_else(|| vm.value_error(format!("could not convert string to float: {shown}")));
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
    if let Some(f) = float_ref(v) {
        return Ok(f);
    }
    if vm.lookup_special_str(v, "__index__").is_some() {
        let r = vm.index_value(v)?;
        if let Some(i) = int_ref(&r) {
            return vm.int_to_f64(i);
        }
    }
    Err(vm.type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        vm.type_name(v)
    )))
}

fn float_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some((cls, rest)) = args.values.split_first() else {
        return Err(vm.type_error("float.__new__(): not enough arguments"));
    };
    let cls = crate::native::type_arg(vm, cls, "float.__new__")?;
    let float = vm.types.float.clone();
    crate::objects::number::check_new_subtype(vm, &cls, &float, "float")?;
    if args.has_kwargs() && crate::native::inherits_slot(vm, &cls, &float, "__init__") {
        return Err(vm.type_error("float() takes no keyword arguments"));
    }
    // Keyword arguments a subclass's __init__ takes are not float()'s.
    let rest = &rest[..rest.len() - args.kwnames.len()];
    let f = match rest {
        [] => 0.0,
        [x] => float_from_value(vm, x)?,
        _ => {
            return Err(vm.type_error(format!(
                "float expected at most 1 argument, got {}",
                rest.len()
            )));
        }
    };
    let f = if f.is_nan() { vm.fresh_nan(f) } else { f };
    Ok(vm.float_of_class(&cls, f))
}

/// Register `float`'s methods.
pub fn init(vm: &mut Vm) {
    let t = vm.types.float.clone();
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => float_new, "";
            method "__add__" => float_add, "";
            method "__radd__" => float_radd, "";
            method "__sub__" => float_sub, "";
            method "__rsub__" => float_rsub, "";
            method "__mul__" => float_mul, "";
            method "__rmul__" => float_rmul, "";
            method "__truediv__" => float_truediv, "";
            method "__rtruediv__" => float_rtruediv, "";
            method "__floordiv__" => float_floordiv, "";
            method "__rfloordiv__" => float_rfloordiv, "";
            method "__mod__" => float_modm, "";
            method "__rmod__" => float_rmod, "";
            method "__divmod__" => float_divmodm, "";
            method "__rdivmod__" => float_rdivmod, "";
            method "__pow__" => float_powm, "";
            method "__rpow__" => float_rpow, "";
            method "__eq__" => float_eq, "";
            method "__ne__" => float_ne, "";
            method "__lt__" => float_lt, "";
            method "__le__" => float_le, "";
            method "__gt__" => float_gt, "";
            method "__ge__" => float_ge, "";
            method "__neg__" => float_neg, "";
            method "__pos__" => float_pos, "";
            method "__abs__" => float_abs, "";
            method "__bool__" => float_bool, "";
            method "__int__" => float_trunc, "";
            method "__float__" => float_float, "";
            method "__trunc__" => float_trunc, "";
            method "__floor__" => float_floor, "";
            method "__ceil__" => float_ceil, "";
            method "__round__" => float_round, "";
            method "__hash__" => float_hash, "";
            method "__repr__" => float_repr, "";
            method "__format__" => float_format, "";
            method "__getnewargs__" => float_getnewargs, "";
            method "conjugate" => float_float, "Return self, the complex conjugate of any float.";
            method "is_integer" => float_is_integer, "Return True if the float is an integer.";
            method "as_integer_ratio" => float_as_integer_ratio, "Return integer ratio.";
            method "hex" => float_hex, "Return a hexadecimal representation of a floating-point number.";
            classmethod "fromhex" => float_fromhex, "Create a floating-point number from a hexadecimal string.";
            classmethod "__getformat__" => float_getformat, "";
        ],
    );
    let doc = vm.new_str("Convert a string or number to a floating point number, if possible.");
    vm.set_type_attr(&t, "__doc__", doc);
    vm.add_getset(&t, "real", float_self_getter, None);
    vm.add_getset(&t, "imag", float_zero_getter, None);
}
