//! `list`, `tuple`, `dict`, `set`, `frozenset`, `range`, `slice` and the iterator types
//! (CPython: `Objects/listobject.c`, `Objects/tupleobject.c`, `Objects/dictobject.c`,
//! `Objects/setobject.c`, `Objects/rangeobject.c`, `Objects/sliceobject.c`).

use crate::Vm;
use crate::object::{ObjRef, Payload};
use crate::value::Value;

impl Vm {
    /// A new slice object.
    pub fn new_slice(&mut self, start: Value, stop: Value, step: Value) -> Value {
        Value::Obj(ObjRef::new(
            self.types.slice.clone(),
            Payload::Slice(Box::new([start, stop, step])),
        ))
    }
}

/// Register the container types' methods.
pub fn init(vm: &mut Vm) {
    let _ = vm;
}
