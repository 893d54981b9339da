//! Raising, matching and chaining exceptions, `with` entry, and printing tracebacks
//! (CPython: `Python/ceval.c: do_raise`, `Python/errors.c`, `Python/traceback.c`,
//! `Python/pythonrun.c: print_exception_recursive`).

use std::cell::{Cell, RefCell};

use crate::frame::{Frame, FrameInfo};
use crate::object::{ObjRef, Payload};
use crate::objects::exception::TracebackData;
use crate::objects::typeobj::{is_subtype, type_data};
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
            back: None,
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
        // Break a cycle: if err appears in the context chain of handled, cut it there.
        let mut o = handled.clone();
        while let Payload::Exception(d) = &o.payload {
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
                }
                _ => break,
            }
        }
        if let Payload::Exception(d) = &err.0.payload {
            *d.context.borrow_mut() = Value::Obj(handled);
        }
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

    /// The text of `str(exc)` for printing; falls back like CPython when `__str__` fails.
    fn exception_str(&mut self, exc: &Value) -> String {
        match self.str(exc) {
            Ok(s) => self.str_text(&s),
            Err(_) => String::from("<exception str() failed>"),
        }
    }

    /// The last line of a traceback: `module.Name: message`.
    pub fn format_exception_only(&mut self, exc: &Value) -> String {
        let t = self.type_of(exc);
        let module = self.type_module_name(&t);
        let qual = type_data(&t).qualname.borrow().clone();
        let name = if module == "builtins" || module == "__main__" {
            qual
        } else {
            format!("{module}.{qual}")
        };
        let msg = self.exception_str(exc);
        let mut out = if msg.is_empty() {
            format!("{name}\n")
        } else {
            format!("{name}: {msg}\n")
        };
        if let Some(Payload::Exception(d)) = exc.payload()
            && let Ok(Some(notes)) = self.notes_of(exc)
        {
            let _ = d;
            out.push_str(&notes);
        }
        out
    }

    fn notes_of(&mut self, exc: &Value) -> PyResult<Option<String>> {
        let key = self.intern("__notes__");
        let Some(notes) = self.getattr_opt(exc, &key)? else {
            return Ok(None);
        };
        let mut out = String::new();
        match notes.payload() {
            Some(Payload::List(_) | Payload::Tuple(_)) => {
                for n in self.iterate(&notes)? {
                    let s = if matches!(n.payload(), Some(Payload::Str(_))) {
                        self.str_text(&n)
                    } else {
                        self.exception_str(&n)
                    };
                    out.push_str(&s);
                    out.push('\n');
                }
            }
            _ => {
                let r = self
                    .repr_string(&notes)
                    .unwrap_or_else(|_| String::from("<__notes__ repr() failed>"));
                out.push_str(&r);
                out.push('\n');
            }
        }
        Ok(Some(out))
    }

    /// The traceback entries of `exc`, outermost first, formatted as CPython prints them.
    pub fn format_traceback(&mut self, tb: &Value) -> String {
        let mut out = String::new();
        let mut cur = tb.clone();
        let mut last: Option<(String, u32, String)> = None;
        let mut repeat = 0usize;
        while let Some(Payload::Traceback(t)) = cur.payload() {
            let Payload::Frame(fi) = &t.frame.payload else {
                break;
            };
            let co = &fi.code.co;
            let key = (co.filename.clone(), t.lineno, co.name.clone());
            if last.as_ref() == Some(&key) {
                repeat += 1;
            } else {
                if repeat > 3 {
                    let n = repeat - 3;
                    out.push_str(&format!(
                        "  [Previous line repeated {} more time{}]\n",
                        n,
                        if n == 1 { "" } else { "s" }
                    ));
                }
                repeat = 1;
                last = Some(key);
            }
            if repeat <= 3 {
                out.push_str(&format!(
                    "  File \"{}\", line {}, in {}\n",
                    co.filename, t.lineno, co.name
                ));
                let pos = co
                    .positions
                    .get(t.lasti as usize)
                    .copied()
                    .unwrap_or_default();
                if let Some(src) = self.source_line(&co.filename, t.lineno) {
                    crate::traceback::push_source_line(&mut out, &src, pos, t.lineno);
                }
            }
            let next = t.next.borrow().clone();
            cur = next;
        }
        if repeat > 3 {
            let n = repeat - 3;
            out.push_str(&format!(
                "  [Previous line repeated {} more time{}]\n",
                n,
                if n == 1 { "" } else { "s" }
            ));
        }
        out
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
        let mut seen: Vec<usize> = Vec::new();
        self.format_exception_rec(exc, &mut seen)
    }

    fn format_exception_rec(&mut self, exc: &Value, seen: &mut Vec<usize>) -> String {
        let mut out = String::new();
        seen.push(exc.identity());
        if let Some(Payload::Exception(d)) = exc.payload() {
            let cause = d.cause.borrow().clone();
            let context = d.context.borrow().clone();
            if !cause.is_none() && !seen.contains(&cause.identity()) {
                out.push_str(&self.format_exception_rec(&cause, seen));
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            } else if cause.is_none()
                && !d.suppress_context.get()
                && !context.is_none()
                && !seen.contains(&context.identity())
            {
                out.push_str(&self.format_exception_rec(&context, seen));
                out.push_str(
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                );
            }
            let tb = d.traceback.borrow().clone();
            if !tb.is_none() {
                out.push_str("Traceback (most recent call last):\n");
                out.push_str(&self.format_traceback(&tb));
            }
        }
        out.push_str(&self.format_exception_only(exc));
        out
    }
}
