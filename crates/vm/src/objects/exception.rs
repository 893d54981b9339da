//! Exception instances and traceback entries (CPython: `Objects/exceptions.c`,
//! `Python/traceback.c`).

use std::cell::{Cell, RefCell};

use crate::object::ObjRef;
use crate::value::Value;

/// The state every `BaseException` instance carries.
pub struct ExceptionData {
    /// `args`: always a tuple.
    pub args: RefCell<Value>,
    /// `__traceback__`: a traceback object or `None`.
    pub traceback: RefCell<Value>,
    /// `__cause__`
    pub cause: RefCell<Value>,
    /// `__context__`
    pub context: RefCell<Value>,
    /// `__suppress_context__`
    pub suppress_context: Cell<bool>,
    /// Attributes that particular exception types define as members (`SyntaxError.lineno`,
    /// `OSError.errno`, `StopIteration.value`, `SystemExit.code`, `NameError.name`, ...).
    pub fields: RefCell<Vec<(&'static str, Value)>>,
}

impl ExceptionData {
    /// Fresh state with the given args tuple.
    pub fn new(args: Value) -> ExceptionData {
        ExceptionData {
            args: RefCell::new(args),
            traceback: RefCell::new(Value::None),
            cause: RefCell::new(Value::None),
            context: RefCell::new(Value::None),
            suppress_context: Cell::new(false),
            fields: RefCell::new(Vec::new()),
        }
    }

    /// A member field's value, `None` when unset.
    pub fn field(&self, name: &str) -> Value {
        self.fields.borrow().iter().find(|(n, _)| *n == name).map_or(Value::None, |(_, v)| v.clone())
    }

    /// Set a member field.
    pub fn set_field(&self, name: &'static str, value: Value) {
        let mut f = self.fields.borrow_mut();
        match f.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => f.push((name, value)),
        }
    }
}

/// One traceback entry (`tb_frame`, `tb_lasti`, `tb_lineno`, `tb_next`).
pub struct TracebackData {
    /// The frame object.
    pub frame: ObjRef,
    /// The instruction that raised.
    pub lasti: u32,
    /// The line of that instruction.
    pub lineno: u32,
    /// The next (inner) entry or `None`.
    pub next: RefCell<Value>,
}
