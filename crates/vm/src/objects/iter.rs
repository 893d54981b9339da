//! `range` data and the state of the builtin iterators (CPython: `Objects/rangeobject.c`,
//! `Objects/iterobject.c`, `Objects/enumobject.c`, `Python/bltinmodule.c` for map/filter/zip).

use num_bigint::BigInt;

use crate::object::ObjRef;
use crate::value::Value;

/// A `range`: exact bounds, plus an `i64` copy when they fit (the common, fast case).
pub struct RangeData {
    /// `start`
    pub start: BigInt,
    /// `stop`
    pub stop: BigInt,
    /// `step` (never zero)
    pub step: BigInt,
    /// The same three when all fit in `i64`.
    pub small: Option<(i64, i64, i64)>,
}

/// What a builtin iterator object is iterating over.
pub enum IterState {
    /// Over a list, tuple, str, bytes, bytearray by index (`list_iterator`, ...).
    Seq { seq: Value, index: usize },
    /// Over a str by byte offset (`str_ascii_iterator` / `str_iterator`).
    Str { s: ObjRef, byte_pos: usize },
    /// Reversed over a sequence (`list_reverseiterator`, `reversed`).
    Reversed { seq: Value, remaining: usize },
    /// Over a small range.
    Range { next: i64, stop: i64, step: i64 },
    /// Over a range with big bounds.
    BigRange {
        next: BigInt,
        stop: BigInt,
        step: BigInt,
    },
    /// Over a dict's keys, values or items, failing if the dict changes size.
    Dict {
        dict: ObjRef,
        pos: usize,
        len: usize,
        left: usize,
        kind: DictIterKind,
    },
    /// Backwards over a dict (`reversed(d)`, `reversed(d.keys())`): `pos` is one past the
    /// next entry to look at.
    DictRev {
        dict: ObjRef,
        pos: usize,
        len: usize,
        left: usize,
        kind: DictIterKind,
    },
    /// Not an iterator: a `dict_keys`/`dict_values`/`dict_items` view of a dict.
    DictView { dict: ObjRef, kind: DictIterKind },
    /// Over a set, failing if it changes size.
    Set { set: ObjRef, pos: usize, len: usize },
    /// The `__getitem__` protocol (`iterator`).
    GetItem { obj: Value, index: i64 },
    /// `iter(callable, sentinel)`
    Call { func: Value, sentinel: Value },
    /// `enumerate`
    Enumerate { it: Value, count: Value },
    /// `zip`
    Zip { iters: Vec<Value>, strict: bool },
    /// `map`
    Map { func: Value, iters: Vec<Value> },
    /// `filter`
    Filter { func: Value, it: Value },
    /// Exhausted: every further `next` raises `StopIteration`.
    Done,
}

/// Which view a dict iterator yields.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum DictIterKind {
    /// Keys.
    Keys,
    /// Values.
    Values,
    /// `(key, value)` tuples.
    Items,
}
