//! Values crossing the boundary: [`Object`], an owned copy of a Python value (or a handle to
//! one), and the [`IntoPython`] / [`FromPython`] conversions between it and Rust types.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::error::Error;
use crate::worker::HandleRef;

/// A Python value as Rust sees it. Plain data (None, bool, int, float, str, bytes, list,
/// tuple, dict) is copied out of the interpreter; every other object (functions, class
/// instances, modules, sets, ...) is a [`Handle`] that keeps it alive.
#[derive(Clone, Debug, PartialEq)]
pub enum Object {
    /// `None`
    None,
    /// `bool`
    Bool(bool),
    /// An `int` that fits 64 bits.
    Int(i64),
    /// A bigger `int`.
    BigInt(BigInt),
    /// `float`
    Float(f64),
    /// `str` (lone surrogates replaced by U+FFFD).
    Str(String),
    /// `bytes` or `bytearray`
    Bytes(Vec<u8>),
    /// `list`
    List(Vec<Object>),
    /// `tuple`
    Tuple(Vec<Object>),
    /// `dict`, in insertion order.
    Dict(Vec<(Object, Object)>),
    /// Any other object.
    Handle(Handle),
}

/// An opaque reference to a Python object inside one interpreter: it keeps the object alive
/// until the last clone is dropped. Call it or its methods with [`crate::Interpreter::call_handle`]
/// and [`crate::Interpreter::call_method`].
#[derive(Clone)]
pub struct Handle {
    pub(crate) inner: Arc<HandleRef>,
    /// The object's type name.
    pub type_name: String,
}

impl std::fmt::Debug for Handle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} object #{}>", self.type_name, self.inner.id)
    }
}

impl PartialEq for Handle {
    fn eq(&self, other: &Handle) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
            || (self.inner.interp == other.inner.interp && self.inner.id == other.inner.id)
    }
}

impl Object {
    /// The Python type name of this value (for messages).
    pub fn type_name(&self) -> &str {
        match self {
            Object::None => "NoneType",
            Object::Bool(_) => "bool",
            Object::Int(_) | Object::BigInt(_) => "int",
            Object::Float(_) => "float",
            Object::Str(_) => "str",
            Object::Bytes(_) => "bytes",
            Object::List(_) => "list",
            Object::Tuple(_) => "tuple",
            Object::Dict(_) => "dict",
            Object::Handle(h) => &h.type_name,
        }
    }

    /// Convert to a Rust value.
    pub fn extract<T: FromPython>(self) -> Result<T, Error> {
        T::from_python(self)
    }

    fn mismatch<T>(&self, to: &str) -> Result<T, Error> {
        Err(Error::conversion(
            format!("Python {}", self.type_name()),
            to,
        ))
    }
}

/// Rust values that can become Python values.
pub trait IntoPython {
    /// The Python value.
    fn into_python(self) -> Result<Object, Error>;
}

/// Rust values that can be made from Python values; a wrong type is an
/// [`Error::Conversion`] naming both types.
pub trait FromPython: Sized {
    /// The Rust value.
    fn from_python(o: Object) -> Result<Self, Error>;
}

impl IntoPython for Object {
    fn into_python(self) -> Result<Object, Error> {
        Ok(self)
    }
}

impl FromPython for Object {
    fn from_python(o: Object) -> Result<Self, Error> {
        Ok(o)
    }
}

impl IntoPython for Handle {
    fn into_python(self) -> Result<Object, Error> {
        Ok(Object::Handle(self))
    }
}

impl FromPython for Handle {
    fn from_python(o: Object) -> Result<Self, Error> {
        match o {
            Object::Handle(h) => Ok(h),
            other => {
                other.mismatch("krait::Handle (use Interpreter::eval_handle for plain values)")
            }
        }
    }
}

impl IntoPython for () {
    fn into_python(self) -> Result<Object, Error> {
        Ok(Object::None)
    }
}

impl FromPython for () {
    fn from_python(o: Object) -> Result<Self, Error> {
        match o {
            Object::None => Ok(()),
            other => other.mismatch("()"),
        }
    }
}

impl IntoPython for bool {
    fn into_python(self) -> Result<Object, Error> {
        Ok(Object::Bool(self))
    }
}

impl FromPython for bool {
    fn from_python(o: Object) -> Result<Self, Error> {
        match o {
            Object::Bool(b) => Ok(b),
            other => other.mismatch("bool"),
        }
    }
}

macro_rules! int_conversions {
    ($($t:ty),*) => {$(
        impl IntoPython for $t {
            fn into_python(self) -> Result<Object, Error> {
                Ok(match i64::try_from(self) {
                    Ok(i) => Object::Int(i),
                    Err(_) => Object::BigInt(BigInt::from(self)),
                })
            }
        }

        impl FromPython for $t {
            fn from_python(o: Object) -> Result<Self, Error> {
                let r = match &o {
                    Object::Int(i) => <$t>::try_from(*i).ok(),
                    Object::Bool(b) => Some(<$t>::from(*b)),
                    Object::BigInt(b) => <$t>::try_from(b.clone()).ok(),
                    _ => return o.mismatch(stringify!($t)),
                };
                r.ok_or_else(|| Error::conversion(
                    "Python int (out of range)",
                    stringify!($t),
                ))
            }
        }
    )*};
}

int_conversions!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);

impl IntoPython for BigInt {
    fn into_python(self) -> Result<Object, Error> {
        Ok(match self.to_i64() {
            Some(i) => Object::Int(i),
            None => Object::BigInt(self),
        })
    }
}

impl FromPython for BigInt {
    fn from_python(o: Object) -> Result<Self, Error> {
        match o {
            Object::Int(i) => Ok(BigInt::from(i)),
            Object::Bool(b) => Ok(BigInt::from(u8::from(b))),
            Object::BigInt(b) => Ok(b),
            other => other.mismatch("BigInt"),
        }
    }
}

impl IntoPython for f64 {
    fn into_python(self) -> Result<Object, Error> {
        Ok(Object::Float(self))
    }
}

impl FromPython for f64 {
    /// Accepts floats and ints (as Python's `float()` of an int would, exact up to 2^53).
    fn from_python(o: Object) -> Result<Self, Error> {
        match o {
            Object::Float(f) => Ok(f),
            Object::Int(i) => Ok(i as f64),
            Object::Bool(b) => Ok(f64::from(u8::from(b))),
            Object::BigInt(b) => b
                .to_f64()
                .filter(|f| f.is_finite())
                .ok_or_else(|| Error::conversion("Python int (too large)", "f64")),
            other => other.mismatch("f64"),
        }
    }
}

impl IntoPython for f32 {
    fn into_python(self) -> Result<Object, Error> {
        Ok(Object::Float(f64::from(self)))
    }
}

impl FromPython for f32 {
    fn from_python(o: Object) -> Result<Self, Error> {
        f64::from_python(o).map(|f| f as f32)
    }
}

impl IntoPython for String {
    fn into_python(self) -> Result<Object, Error> {
        Ok(Object::Str(self))
    }
}

impl IntoPython for &str {
    fn into_python(self) -> Result<Object, Error> {
        Ok(Object::Str(self.to_string()))
    }
}

impl IntoPython for &String {
    fn into_python(self) -> Result<Object, Error> {
        Ok(Object::Str(self.clone()))
    }
}

impl FromPython for String {
    fn from_python(o: Object) -> Result<Self, Error> {
        match o {
            Object::Str(s) => Ok(s),
            other => other.mismatch("String"),
        }
    }
}

/// `bytes`: a `Vec<u8>` would be a list of ints, so bytes travel as this wrapper (or as
/// `&[u8]` into Python).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Bytes(pub Vec<u8>);

impl IntoPython for Bytes {
    fn into_python(self) -> Result<Object, Error> {
        Ok(Object::Bytes(self.0))
    }
}

impl IntoPython for &[u8] {
    fn into_python(self) -> Result<Object, Error> {
        Ok(Object::Bytes(self.to_vec()))
    }
}

impl FromPython for Bytes {
    fn from_python(o: Object) -> Result<Self, Error> {
        match o {
            Object::Bytes(b) => Ok(Bytes(b)),
            other => other.mismatch("krait::Bytes"),
        }
    }
}

impl<T: IntoPython> IntoPython for Option<T> {
    fn into_python(self) -> Result<Object, Error> {
        match self {
            Some(v) => v.into_python(),
            None => Ok(Object::None),
        }
    }
}

impl<T: FromPython> FromPython for Option<T> {
    fn from_python(o: Object) -> Result<Self, Error> {
        match o {
            Object::None => Ok(None),
            other => T::from_python(other).map(Some),
        }
    }
}

impl<T: IntoPython> IntoPython for Vec<T> {
    fn into_python(self) -> Result<Object, Error> {
        self.into_iter()
            .map(T::into_python)
            .collect::<Result<_, _>>()
            .map(Object::List)
    }
}

impl<T: FromPython> FromPython for Vec<T> {
    /// From a list or a tuple (or bytes: a `Vec<u8>` from `bytes`).
    fn from_python(o: Object) -> Result<Self, Error> {
        match o {
            Object::List(v) | Object::Tuple(v) => v.into_iter().map(T::from_python).collect(),
            Object::Bytes(b) => b
                .into_iter()
                .map(|x| T::from_python(Object::Int(i64::from(x))))
                .collect(),
            other => other.mismatch("Vec"),
        }
    }
}

impl<K: IntoPython, V: IntoPython> IntoPython for HashMap<K, V> {
    fn into_python(self) -> Result<Object, Error> {
        self.into_iter()
            .map(|(k, v)| Ok((k.into_python()?, v.into_python()?)))
            .collect::<Result<_, _>>()
            .map(Object::Dict)
    }
}

impl<K: FromPython + Eq + Hash, V: FromPython> FromPython for HashMap<K, V> {
    fn from_python(o: Object) -> Result<Self, Error> {
        match o {
            Object::Dict(items) => items
                .into_iter()
                .map(|(k, v)| Ok((K::from_python(k)?, V::from_python(v)?)))
                .collect(),
            other => other.mismatch("HashMap"),
        }
    }
}

impl<K: IntoPython, V: IntoPython> IntoPython for BTreeMap<K, V> {
    fn into_python(self) -> Result<Object, Error> {
        self.into_iter()
            .map(|(k, v)| Ok((k.into_python()?, v.into_python()?)))
            .collect::<Result<_, _>>()
            .map(Object::Dict)
    }
}

impl<K: FromPython + Ord, V: FromPython> FromPython for BTreeMap<K, V> {
    fn from_python(o: Object) -> Result<Self, Error> {
        match o {
            Object::Dict(items) => items
                .into_iter()
                .map(|(k, v)| Ok((K::from_python(k)?, V::from_python(v)?)))
                .collect(),
            other => other.mismatch("BTreeMap"),
        }
    }
}

macro_rules! tuple_conversions {
    ($n:literal; $($t:ident $v:ident),*) => {
        impl<$($t: IntoPython),*> IntoPython for ($($t,)*) {
            fn into_python(self) -> Result<Object, Error> {
                let ($($v,)*) = self;
                Ok(Object::Tuple(vec![$($v.into_python()?),*]))
            }
        }

        impl<$($t: FromPython),*> FromPython for ($($t,)*) {
            /// From a tuple or list of exactly this length.
            fn from_python(o: Object) -> Result<Self, Error> {
                match o {
                    Object::Tuple(v) | Object::List(v) if v.len() == $n => {
                        let mut it = v.into_iter();
                        Ok(($($t::from_python(it.next().unwrap_or(Object::None))?,)*))
                    }
                    other => other.mismatch(concat!("a tuple of ", $n)),
                }
            }
        }
    };
}

tuple_conversions!(1; A a);
tuple_conversions!(2; A a, B b);
tuple_conversions!(3; A a, B b, C c);
tuple_conversions!(4; A a, B b, C c, D d);
tuple_conversions!(5; A a, B b, C c, D d, E e);
tuple_conversions!(6; A a, B b, C c, D d, E e, F f);

/// Positional arguments for a call: a tuple of convertible values, `()` for none, or a
/// `Vec<Object>`.
pub trait IntoArgs {
    /// The argument values.
    fn into_args(self) -> Result<Vec<Object>, Error>;
}

impl IntoArgs for Vec<Object> {
    fn into_args(self) -> Result<Vec<Object>, Error> {
        Ok(self)
    }
}

impl IntoArgs for () {
    fn into_args(self) -> Result<Vec<Object>, Error> {
        Ok(Vec::new())
    }
}

macro_rules! tuple_args {
    ($($t:ident $v:ident),*) => {
        impl<$($t: IntoPython),*> IntoArgs for ($($t,)*) {
            fn into_args(self) -> Result<Vec<Object>, Error> {
                let ($($v,)*) = self;
                Ok(vec![$($v.into_python()?),*])
            }
        }
    };
}

tuple_args!(A a);
tuple_args!(A a, B b);
tuple_args!(A a, B b, C c);
tuple_args!(A a, B b, C c, D d);
tuple_args!(A a, B b, C c, D d, E e);
tuple_args!(A a, B b, C c, D d, E e, F f);

/// Keyword arguments for a call: any sequence of `(name, value)` pairs — an array
/// `[("sep", "-")]`, a `Vec`, a `HashMap` or a `BTreeMap` — or `()` for none.
pub trait IntoKwargs {
    /// The names and values, in order.
    fn into_kwargs(self) -> Result<Vec<(String, Object)>, Error>;
}

impl IntoKwargs for () {
    fn into_kwargs(self) -> Result<Vec<(String, Object)>, Error> {
        Ok(Vec::new())
    }
}

fn kwargs_of<K: Into<String>, V: IntoPython>(
    pairs: impl IntoIterator<Item = (K, V)>,
) -> Result<Vec<(String, Object)>, Error> {
    pairs
        .into_iter()
        .map(|(k, v)| Ok((k.into(), v.into_python()?)))
        .collect()
}

impl<K: Into<String>, V: IntoPython, const N: usize> IntoKwargs for [(K, V); N] {
    fn into_kwargs(self) -> Result<Vec<(String, Object)>, Error> {
        kwargs_of(self)
    }
}

impl<K: Into<String>, V: IntoPython> IntoKwargs for Vec<(K, V)> {
    fn into_kwargs(self) -> Result<Vec<(String, Object)>, Error> {
        kwargs_of(self)
    }
}

impl<K: Into<String>, V: IntoPython> IntoKwargs for HashMap<K, V> {
    fn into_kwargs(self) -> Result<Vec<(String, Object)>, Error> {
        kwargs_of(self)
    }
}

impl<K: Into<String>, V: IntoPython> IntoKwargs for BTreeMap<K, V> {
    fn into_kwargs(self) -> Result<Vec<(String, Object)>, Error> {
        kwargs_of(self)
    }
}
