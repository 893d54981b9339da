//! The value representation: a 16-byte tagged enum.
//!
//! `None`, booleans, 64-bit ints and floats live inline and never allocate; everything else is
//! an [`ObjRef`] to a reference-counted heap object. Ints that do not fit in 64 bits are heap
//! objects (`Payload::Int`), and every arithmetic result that fits is normalised back to
//! `Value::Int`, so an int has exactly one representation and identity tests stay cheap.
//! See `docs/architecture.md` ("Values") for the measurement behind this choice.

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::object::{ObjRef, Payload};

/// A Python value.
pub enum Value {
    /// The VM's internal "no value" marker: an unbound local, the `NULL` of the call
    /// protocol. Never visible to Python code.
    Null,
    /// `None`
    None,
    /// `True` / `False` (see [`BoolWord`]).
    Bool(BoolWord),
    /// An `int` that fits in 64 bits (exact type `int`).
    Int(i64),
    /// A `float` (exact type `float`), as its bits (see [`FloatBits`]).
    Float(FloatBits),
    /// Any other object.
    Obj(ObjRef),
}

const _: () = assert!(std::mem::size_of::<Value>() == 16);
const _: () = assert!(std::mem::size_of::<Option<Value>>() == 16);

/// A float payload kept as its IEEE bits. With every payload an 8-byte integer or pointer at
/// the same offset, `Value` is a scalar pair to the code generator: it lives in two registers
/// and moves as two 8-byte words. With an `f64` (or a one-byte `bool`) among the payloads it
/// is an in-memory aggregate, built by narrow stores and moved by one 16-byte load, which
/// stalls on store forwarding wherever a value is made and then pushed or returned.
#[derive(Clone, Copy, Debug)]
pub struct FloatBits(u64);

impl FloatBits {
    /// The float.
    #[inline(always)]
    pub fn get(self) -> f64 {
        f64::from_bits(self.0)
    }

    /// The bits.
    #[inline(always)]
    pub fn to_bits(self) -> u64 {
        self.0
    }
}

/// A bool payload as a machine word, for the same reason as [`FloatBits`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct BoolWord(u64);

impl BoolWord {
    /// The bool.
    #[inline(always)]
    pub fn get(self) -> bool {
        self.0 != 0
    }
}

impl Clone for Value {
    /// A bitwise copy plus a reference-count increment for objects. The derived clone rebuilds
    /// the value variant by variant (a one-byte tag store and a payload store), and the 16-byte
    /// load that then moves it onto the value stack cannot be forwarded from those two narrower
    /// stores: a stall of a dozen cycles on every `LOAD_FAST`. Copying the bits avoids it.
    #[inline(always)]
    fn clone(&self) -> Value {
        if let Value::Obj(o) = self {
            std::mem::forget(o.clone());
        }
        // SAFETY: `self` is a valid `Value`; the copy is a second owner only for the `Obj`
        // variant, whose strong count was incremented above (the forgotten clone), and every
        // other variant is plain data with no ownership.
        unsafe { std::ptr::read(self) }
    }
}

impl Value {
    /// A float value.
    #[inline(always)]
    pub fn float(f: f64) -> Value {
        Value::Float(FloatBits(f.to_bits()))
    }

    /// A bool value.
    #[inline(always)]
    pub fn bool(b: bool) -> Value {
        Value::Bool(BoolWord(u64::from(b)))
    }

    /// The float, if this is an inline float.
    #[inline(always)]
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Float(f) => Some(f.get()),
            _ => None,
        }
    }

    /// Whether this is the internal `NULL` marker.
    #[inline]
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Whether this is `None`.
    #[inline]
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// The heap object, if this value is one.
    #[inline]
    pub fn as_obj(&self) -> Option<&ObjRef> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }

    /// The payload of a heap object, if this value is one.
    #[inline]
    pub fn payload(&self) -> Option<&Payload> {
        match self {
            Value::Obj(o) => Some(&o.payload),
            _ => None,
        }
    }

    /// `a is b`.
    #[inline]
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) | (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a.get() == b.get(),
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Obj(a), Value::Obj(b)) => ObjRef::ptr_eq(a, b),
            _ => false,
        }
    }

    /// An int value from a big integer, normalised to the inline form when it fits.
    pub fn from_bigint(i: BigInt, vm: &crate::Vm) -> Value {
        match i.to_i64() {
            Some(small) => Value::Int(small),
            None => Value::Obj(ObjRef::new(vm.types.int.clone(), Payload::Int(i))),
        }
    }

    /// A stable number identifying this value for `id()` and default reprs.
    pub fn identity(&self) -> usize {
        match self {
            Value::Obj(o) => o.addr(),
            // Inline values have no address; derive something stable and distinct per value.
            Value::Null => 0,
            Value::None => 0x10,
            Value::Bool(b) => 0x20 + usize::from(b.get()) * 0x10,
            Value::Int(i) => (*i as usize).wrapping_mul(32).wrapping_add(0x1000_0000),
            Value::Float(f) => (f.get().to_bits() as usize) | 1,
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::float(f)
    }
}

impl From<ObjRef> for Value {
    fn from(o: ObjRef) -> Value {
        Value::Obj(o)
    }
}

impl From<&ObjRef> for Value {
    fn from(o: &ObjRef) -> Value {
        Value::Obj(o.clone())
    }
}

impl Value {
    /// The tag of an object in packed parts (see [`Slot`](crate::objects::dict::Slot)).
    const OBJ_TAG: u8 = 5;

    /// The packed parts of `Value::Obj(o)`, without giving up a reference (to compare with
    /// stored parts).
    #[inline(always)]
    pub(crate) fn obj_parts(o: &ObjRef) -> (u8, u64) {
        (Value::OBJ_TAG, o.as_raw())
    }
}

impl crate::objects::dict::Slot for Value {
    #[inline(always)]
    fn into_parts(self) -> (u8, u64) {
        match self {
            Value::Null => (0, 0),
            Value::None => (1, 0),
            Value::Bool(b) => (2, b.0),
            Value::Int(i) => (3, i as u64),
            Value::Float(f) => (4, f.0),
            Value::Obj(o) => (Value::OBJ_TAG, o.into_raw()),
        }
    }

    #[inline(always)]
    unsafe fn from_parts(tag: u8, bits: u64) -> Value {
        match tag {
            0 => Value::Null,
            1 => Value::None,
            2 => Value::Bool(BoolWord(bits)),
            3 => Value::Int(bits as i64),
            4 => Value::Float(FloatBits(bits)),
            // SAFETY: tag 5 is only made by `into_parts` of an object, whose reference the
            // caller hands back exactly once (the trait's contract).
            _ => Value::Obj(unsafe { ObjRef::from_raw(bits) }),
        }
    }
}
