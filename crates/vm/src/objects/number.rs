//! `int`, `float`, `complex` and `bool` (CPython: `Objects/longobject.c`,
//! `Objects/floatobject.c`, `Objects/complexobject.c`, `Objects/boolobject.c`).

use krait_bytecode::BinaryOp;
use num_bigint::BigInt;

use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::{PyResult, Vm};

/// `a op b` on two inline ints when the result needs no allocation or error; `None` to take
/// the general path.
#[inline]
pub fn int_fast(a: i64, b: i64, op: BinaryOp) -> Option<Value> {
    match op {
        BinaryOp::Add => a.checked_add(b).map(Value::Int),
        BinaryOp::Subtract => a.checked_sub(b).map(Value::Int),
        BinaryOp::Multiply => a.checked_mul(b).map(Value::Int),
        BinaryOp::FloorDivide if b != 0 => {
            let q = a.checked_div(b)?;
            Some(Value::Int(if (a % b != 0) && ((a < 0) != (b < 0)) {
                q - 1
            } else {
                q
            }))
        }
        BinaryOp::Remainder if b != 0 => {
            let r = a.checked_rem(b)?;
            Some(Value::Int(if r != 0 && ((r < 0) != (b < 0)) {
                r + b
            } else {
                r
            }))
        }
        BinaryOp::And => Some(Value::Int(a & b)),
        BinaryOp::Or => Some(Value::Int(a | b)),
        BinaryOp::Xor => Some(Value::Int(a ^ b)),
        BinaryOp::Lshift if (0..63).contains(&b) => {
            let r = a.checked_shl(b as u32)?;
            if r >> b == a {
                Some(Value::Int(r))
            } else {
                None
            }
        }
        BinaryOp::Rshift if b >= 0 => Some(Value::Int(if b >= 64 {
            if a < 0 { -1 } else { 0 }
        } else {
            a >> b
        })),
        BinaryOp::TrueDivide if b != 0 => {
            if a.unsigned_abs() < (1 << 53) && b.unsigned_abs() < (1 << 53) {
                Some(Value::Float(a as f64 / b as f64))
            } else {
                None
            }
        }
        BinaryOp::Power if (0..64).contains(&b) => {
            let r = a.checked_pow(b as u32)?;
            Some(Value::Int(r))
        }
        _ => None,
    }
}

/// `a op b` on two floats when no error is possible; `None` to take the general path.
#[inline]
pub fn float_fast(a: f64, b: f64, op: BinaryOp) -> Option<Value> {
    match op {
        BinaryOp::Add => Some(Value::Float(a + b)),
        BinaryOp::Subtract => Some(Value::Float(a - b)),
        BinaryOp::Multiply => Some(Value::Float(a * b)),
        BinaryOp::TrueDivide if b != 0.0 => Some(Value::Float(a / b)),
        _ => None,
    }
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
            Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
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
            Value::Bool(b) => Ok(BigInt::from(i64::from(*b))),
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

/// Register the numeric types' methods.
pub fn init(vm: &mut Vm) {
    let _ = vm;
}
