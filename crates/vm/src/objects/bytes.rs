//! `bytes`, `bytearray` and `memoryview` (CPython: `Objects/bytesobject.c`,
//! `Objects/bytearrayobject.c`, `Objects/memoryobject.c`).

use crate::Vm;
use crate::object::{ObjRef, Payload};
use crate::value::Value;

impl Vm {
    /// A new bytes object.
    pub fn new_bytes(&mut self, b: Vec<u8>) -> Value {
        Value::Obj(ObjRef::new(
            self.types.bytes.clone(),
            Payload::Bytes(b.into_boxed_slice()),
        ))
    }
}

/// Register the bytes types' methods.
pub fn init(vm: &mut Vm) {
    let _ = vm;
}
