//! `str` methods, `%`-formatting and `str.format` (CPython: `Objects/unicodeobject.c`,
//! `Objects/stringlib/`).

use crate::object::Payload;
use crate::objects::str::PyStr;
use crate::value::Value;
use crate::{PyResult, Vm};

impl Vm {
    /// `BUILD_STRING`: concatenate str values.
    pub fn concat_strs(&mut self, parts: &[Value]) -> PyResult<Value> {
        let mut out: Vec<u8> = Vec::new();
        for p in parts {
            match p.payload() {
                Some(Payload::Str(s)) => out.extend_from_slice(s.wtf8()),
                _ => return Err(self.type_error("BUILD_STRING expects str parts")),
            }
        }
        Ok(self.new_pystr(PyStr::from_wtf8(out)))
    }

    /// `format(v, spec)`: `type(v).__format__(v, spec)`.
    pub fn format(&mut self, v: &Value, spec: Option<&Value>) -> PyResult<Value> {
        let empty =
            spec.is_none_or(|s| matches!(s.payload(), Some(Payload::Str(t)) if t.is_empty()));
        if empty {
            if let Some(Payload::Str(_)) = v.payload() {
                return self.str(v);
            }
            if let Value::Int(_) | Value::Float(_) = v {
                return self.str(v);
            }
        }
        let spec = match spec {
            Some(s) => s.clone(),
            None => Value::Obj(self.intern("")),
        };
        match self.call_special(v, "__format__", std::slice::from_ref(&spec))? {
            Some(r) if matches!(r.payload(), Some(Payload::Str(_))) => Ok(r),
            Some(r) => Err(self.type_error(format!(
                "__format__ must return a str, not {}",
                self.type_name(&r)
            ))),
            None => Err(self.type_error(format!(
                "Type {} doesn't define __format__",
                self.type_name(v)
            ))),
        }
    }
}

/// Register `str`'s methods.
pub fn init(vm: &mut Vm) {
    let _ = vm;
}
