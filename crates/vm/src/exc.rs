//! Raising, matching and chaining exceptions, `with` entry, and printing tracebacks
//! (CPython: `Python/ceval.c: do_raise`, `Python/errors.c`, `Python/traceback.c`,
//! `Python/pythonrun.c: print_exception_recursive`).

use std::cell::{Cell, RefCell};

use crate::frame::{Frame, FrameInfo};
use crate::object::{ObjRef, Payload};
use crate::objects::exception::TracebackData;
use crate::objects::typeobj::is_subtype;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

impl Vm {
    /// Record that `err` passed through `frame` at instruction `at` (`PyTraceBack_Here`),
    /// unless it is being re-raised in this frame (then the entry already exists).
    pub fn add_traceback(&mut self, err: &PyErr, frame: &Frame, at: u32) {
        if self.skip_traceback.replace(false) {
            return;
        }
        let Payload::Exception(data) = &err.0.payload else {
            return;
        };
        let lineno = frame
            .code
            .co
            .positions
            .get(at as usize)
            .map_or(0, |p| p.line);
        let info = FrameInfo {
            code: frame.code.clone(),
            globals: frame.globals.clone(),
            lineno: Cell::new(lineno),
            lasti: Cell::new(at as i32),
            back: None,
            locals: frame.fast.clone(),
        };
        let frame_obj = ObjRef::new(self.types.frame.clone(), Payload::Frame(Box::new(info)));
        let next = data.traceback.borrow().clone();
        let tb = TracebackData {
            frame: frame_obj,
            lasti: at,
            lineno,
            next: RefCell::new(next),
        };
        let tb = Value::Obj(ObjRef::new(
            self.types.traceback.clone(),
            Payload::Traceback(Box::new(tb)),
        ));
        *data.traceback.borrow_mut() = tb;
    }

    /// Mark `err` as re-raised (`RERAISE`, bare `raise`): the current frame adds no entry.
    pub fn reraised(&mut self, err: PyErr) -> PyErr {
        self.skip_traceback.set(true);
        err
    }

    /// Bare `raise`: the exception being handled.
    pub fn reraise_current(&mut self) -> PyResult<PyErr> {
        match self.handled.last().cloned() {
            Some(Value::Obj(o)) if matches!(o.payload, Payload::Exception(_)) => {
                Ok(self.reraised(PyErr(o)))
            }
            _ => Err(self.runtime_error("No active exception to reraise")),
        }
    }

    /// Turn the operand of `raise` into an exception instance (instantiating classes).
    pub fn exception_instance(&mut self, exc: &Value, for_cause: bool) -> PyResult<ObjRef> {
        if let Value::Obj(o) = exc {
            if let Payload::Type(_) = &o.payload
                && is_subtype(o, &self.types.base_exception)
            {
                let inst = self.call_pos(exc, &[])?;
                return match inst {
                    Value::Obj(i) if matches!(i.payload, Payload::Exception(_)) => Ok(i),
                    other => {
                        let r = self.repr_string(exc)?;
                        let tn = self.type_name(&other);
                        Err(self.type_error(format!("calling {r} should have returned an instance of BaseException, not {tn}")))
                    }
                };
            }
            if let Payload::Exception(_) = &o.payload {
                return Ok(o.clone());
            }
        }
        Err(self.type_error(if for_cause {
            "exception causes must derive from BaseException"
        } else {
            "exceptions must derive from BaseException"
        }))
    }

    /// `raise exc [from cause]`.
    pub fn make_raise(&mut self, exc: &Value, cause: Option<Value>) -> PyResult<PyErr> {
        let inst = self.exception_instance(exc, false)?;
        if let Some(cause) = cause {
            let c = if cause.is_none() {
                Value::None
            } else {
                Value::Obj(self.exception_instance(&cause, true)?)
            };
            if let Payload::Exception(d) = &inst.payload {
                *d.cause.borrow_mut() = c;
                d.suppress_context.set(true);
            }
        }
        let err = PyErr(inst);
        self.set_context(&err);
        Ok(err)
    }

    /// Chain `err` to the exception being handled (`__context__`), avoiding cycles, as
    /// `_PyErr_SetObject` does.
    pub fn set_context(&mut self, err: &PyErr) {
        let Some(Value::Obj(handled)) = self.handled.last().cloned() else {
            return;
        };
        if ObjRef::ptr_eq(&handled, &err.0) {
            return;
        }
        // Break a cycle: if err appears in the context chain of handled, cut it there. A
        // cycle already in the chain (`e.__context__ = e`) ends the walk: a second pointer
        // moving at half speed meets the first (CPython's `slow_o`).
        let mut o = handled.clone();
        let mut slow = handled.clone();
        let mut toggle = false;
        let mut steps = 0i64;
        while let Payload::Exception(d) = &o.payload {
            steps += 1;
            let next = d.context.borrow().clone();
            match next {
                Value::Obj(n) => {
                    if ObjRef::ptr_eq(&n, &err.0) {
                        if let Payload::Exception(d) = &o.payload {
                            *d.context.borrow_mut() = Value::None;
                        }
                        break;
                    }
                    o = n;
                    if ObjRef::ptr_eq(&o, &slow) {
                        break;
                    }
                    if toggle {
                        let s = match &slow.payload {
                            Payload::Exception(sd) => sd.context.borrow().clone(),
                            _ => Value::None,
                        };
                        match s {
                            Value::Obj(s) => slow = s,
                            _ => break,
                        }
                    }
                    toggle = !toggle;
                }
                _ => break,
            }
        }
        if let Payload::Exception(d) = &err.0.payload {
            *d.context.borrow_mut() = Value::Obj(handled);
        }
        // Long context chains (exception storms) are work the limits must see.
        self.charge(steps);
    }

    /// `except T:` matching, with CPython's check that `T` is an exception class (or tuple).
    pub fn exception_matches(&mut self, exc: &Value, ty: &Value) -> PyResult<bool> {
        let classes = match ty.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => vec![ty.clone()],
        };
        for c in &classes {
            let ok = matches!(c, Value::Obj(o) if matches!(o.payload, Payload::Type(_)) && is_subtype(o, &self.types.base_exception));
            if !ok {
                return Err(self.type_error(
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
        }
        let et = self.type_of(exc);
        Ok(classes
            .iter()
            .any(|c| matches!(c, Value::Obj(o) if is_subtype(&et, o))))
    }

    /// `BEFORE_WITH`: `(bound __exit__, result of __enter__())`.
    pub fn before_with(&mut self, mgr: &Value) -> PyResult<(Value, Value)> {
        let Some(enter) = self.lookup_special_str(mgr, "__enter__") else {
            return Err(self.type_error(format!(
                "'{}' object does not support the context manager protocol",
                self.type_name(mgr)
            )));
        };
        let Some(exit) = self.lookup_special_str(mgr, "__exit__") else {
            return Err(self.type_error(format!(
                "'{}' object does not support the context manager protocol (missed __exit__ method)",
                self.type_name(mgr)
            )));
        };
        let t = Value::Obj(self.type_of(mgr));
        let exit = self.descriptor_get(&exit, mgr, &t)?;
        let entered = self.call_method_value(&enter, mgr, &[])?;
        Ok((exit, entered))
    }

    /// One line of a source file, if it can be found.
    pub fn source_line(&mut self, filename: &str, lineno: u32) -> Option<String> {
        if lineno == 0 {
            return None;
        }
        if !self.sources.contains_key(filename) {
            if filename.starts_with('<') {
                return None;
            }
            let text = self.host.read_file(filename).ok()?;
            let text = String::from_utf8_lossy(&text).into_owned();
            self.sources
                .insert(filename.to_string(), std::rc::Rc::from(text));
        }
        let src = self.sources.get(filename)?;
        src.split('\n')
            .nth(lineno as usize - 1)
            .map(|l| l.trim_end_matches('\r').to_string())
    }

    /// The full report of an uncaught exception, with its chain, as `sys.excepthook` prints.
    pub fn format_exception(&mut self, exc: &Value) -> String {
        crate::traceback::format_exception(self, exc)
    }
}
