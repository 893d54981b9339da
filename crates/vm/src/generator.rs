//! Generators, coroutines and async generators (CPython: `Objects/genobject.c`).
//!
//! A generator owns its suspended [`Frame`]. Resuming takes the frame out, pushes the sent
//! value (the result of the `YIELD_VALUE` it stopped at) and runs the eval loop until the
//! next yield or return.

use std::cell::{Cell, RefCell};

use krait_bytecode::CodeFlags;

use crate::frame::{Exit, Frame, GeneratorData};
use crate::object::{ObjRef, Payload};
use crate::objects::function::FunctionData;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

impl Vm {
    /// Wrap a fresh frame of a generator function in a generator, coroutine or async
    /// generator object (`RETURN_GENERATOR`).
    pub fn make_generator(&mut self, mut frame: Frame, fd: &FunctionData) -> Value {
        // Skip RETURN_GENERATOR: the first resumption pushes `None` for the POP_TOP after it.
        frame.ip = 1;
        let flags = frame.code.co.flags;
        let ty = if flags.has(CodeFlags::COROUTINE) {
            self.types.coroutine.clone()
        } else if flags.has(CodeFlags::ASYNC_GENERATOR) {
            self.types.async_generator.clone()
        } else {
            self.types.generator.clone()
        };
        let data = GeneratorData {
            code: frame.code.clone(),
            frame: RefCell::new(Some(Box::new(frame))),
            running: Cell::new(false),
            started: Cell::new(false),
            name: RefCell::new(fd.name.borrow().clone()),
            qualname: RefCell::new(fd.qualname.borrow().clone()),
        };
        Value::Obj(ObjRef::new(ty, Payload::Generator(Box::new(data))))
    }

    /// Resume a generator with `value` (or an exception to raise at the suspension point).
    /// Returns what it yielded or returned.
    pub fn gen_resume(
        &mut self,
        generator: &ObjRef,
        value: Value,
        exc: Option<PyErr>,
    ) -> PyResult<Exit> {
        let Payload::Generator(g) = &generator.payload else {
            return Err(self.type_error("expected a generator"));
        };
        if g.running.get() {
            return Err(self.value_error(format!("{} already executing", self.gen_kind(generator))));
        }
        let Some(mut frame) = g.frame.borrow_mut().take() else {
            if let Some(e) = exc {
                return Err(e);
            }
            if self.gen_kind(generator) == "coroutine" {
                return Err(self.runtime_error("cannot reuse already awaited coroutine"));
            }
            return Ok(Exit::Return(Value::Null));
        };
        if !g.started.get() && !value.is_none() && exc.is_none() {
            *g.frame.borrow_mut() = Some(frame);
            let kind = self.gen_kind(generator);
            return Err(self.type_error(format!(
                "can't send non-None value to a just-started {kind}"
            )));
        }
        g.started.set(true);
        g.running.set(true);
        let result = match self.enter_frame(&frame) {
            Ok(()) => {
                let r = match exc {
                    None => {
                        frame.stack.push(value);
                        self.execute(&mut frame)
                    }
                    Some(e) => self.execute_with_error(&mut frame, e),
                };
                self.frames.pop();
                r
            }
            Err(e) => Err(e),
        };
        g.running.set(false);
        match result {
            Ok(Exit::Yield(v)) => {
                *g.frame.borrow_mut() = Some(frame);
                Ok(Exit::Yield(v))
            }
            Ok(Exit::Return(v)) => Ok(Exit::Return(v)),
            Err(e) => {
                let si = self.types.stop_iteration.clone();
                let sai = self.types.stop_async_iteration.clone();
                let kind = self.gen_kind(generator);
                if self.err_matches(&e, &si)
                    || (kind == "async generator" && self.err_matches(&e, &sai))
                {
                    let what = if self.err_matches(&e, &si) {
                        "StopIteration"
                    } else {
                        "StopAsyncIteration"
                    };
                    let new = self.runtime_error(format!("{kind} raised {what}"));
                    if let Payload::Exception(d) = &new.0.payload {
                        *d.cause.borrow_mut() = Value::Obj(e.0.clone());
                        *d.context.borrow_mut() = Value::Obj(e.0.clone());
                        d.suppress_context.set(true);
                    }
                    return Err(new);
                }
                Err(e)
            }
        }
    }

    /// "generator", "coroutine" or "async generator".
    pub fn gen_kind(&self, generator: &ObjRef) -> &'static str {
        let t = generator.class();
        if ObjRef::ptr_eq(&t, &self.types.coroutine) {
            "coroutine"
        } else if ObjRef::ptr_eq(&t, &self.types.async_generator) {
            "async generator"
        } else {
            "generator"
        }
    }

    /// `SEND`: resume a sub-iterator of `yield from` / `await` with `value`.
    pub fn send(&mut self, sub: &Value, value: Value) -> PyResult<Exit> {
        if let Value::Obj(o) = sub
            && let Payload::Generator(_) = &o.payload
        {
            return match self.gen_resume(o, value, None)? {
                Exit::Return(v) if v.is_null() => Ok(Exit::Return(Value::None)),
                other => Ok(other),
            };
        }
        let r = if value.is_none() {
            self.next_or_stop(sub)
        } else {
            match self.call_special(sub, "send", std::slice::from_ref(&value)) {
                Ok(Some(v)) => Ok(v),
                Ok(None) => {
                    let m = self.getattr_str(sub, "send")?;
                    self.call_pos(&m, &[value])
                }
                Err(e) => Err(e),
            }
        };
        match r {
            Ok(v) => Ok(Exit::Yield(v)),
            Err(e) => {
                let si = self.types.stop_iteration.clone();
                if self.err_matches(&e, &si) {
                    Ok(Exit::Return(stop_iteration_value(&e)))
                } else {
                    Err(e)
                }
            }
        }
    }

    /// `it.__next__()` letting StopIteration propagate.
    fn next_or_stop(&mut self, it: &Value) -> PyResult<Value> {
        match self.lookup_special_str(it, "__next__") {
            Some(f) => self.call_method_value(&f, it, &[]),
            None => Err(self.type_error(format!(
                "'{}' object is not an iterator",
                self.type_name(it)
            ))),
        }
    }

    /// Resume the frame with an exception raised at its current instruction (`throw`).
    pub fn execute_with_error(&mut self, frame: &mut Frame, err: PyErr) -> PyResult<Exit> {
        self.resume_error = Some(err);
        self.execute(frame)
    }

    /// `GET_AWAITABLE`
    pub fn get_awaitable(&mut self, v: &Value, _where: u32) -> PyResult<Value> {
        if let Value::Obj(o) = v
            && ObjRef::ptr_eq(&o.class(), &self.types.coroutine)
        {
            return Ok(v.clone());
        }
        match self.call_special(v, "__await__", &[])? {
            Some(it) => Ok(it),
            None => Err(self.type_error(format!(
                "object {} can't be used in 'await' expression",
                self.type_name(v)
            ))),
        }
    }

    /// `GET_AITER`
    pub fn get_aiter(&mut self, v: &Value) -> PyResult<Value> {
        match self.call_special(v, "__aiter__", &[])? {
            Some(it) => Ok(it),
            None => Err(self.type_error(format!(
                "'async for' requires an object with __aiter__ method, got {}",
                self.type_name(v)
            ))),
        }
    }

    /// `GET_ANEXT`
    pub fn get_anext(&mut self, v: &Value) -> PyResult<Value> {
        match self.call_special(v, "__anext__", &[])? {
            Some(a) => self.get_awaitable(&a, 0),
            None => Err(self.type_error(format!(
                "'async for' requires an iterator with __anext__ method, got {}",
                self.type_name(v)
            ))),
        }
    }

    /// `BEFORE_ASYNC_WITH`
    pub fn before_async_with(&mut self, mgr: &Value) -> PyResult<(Value, Value)> {
        let Some(enter) = self.lookup_special_str(mgr, "__aenter__") else {
            return Err(self.type_error(format!(
                "'{}' object does not support the asynchronous context manager protocol",
                self.type_name(mgr)
            )));
        };
        let Some(exit) = self.lookup_special_str(mgr, "__aexit__") else {
            return Err(self.type_error(format!(
                "'{}' object does not support the asynchronous context manager protocol (missed __aexit__ method)",
                self.type_name(mgr)
            )));
        };
        let t = Value::Obj(self.type_of(mgr));
        let exit = self.descriptor_get(&exit, mgr, &t)?;
        let entered = self.call_method_value(&enter, mgr, &[])?;
        let awaitable = self.get_awaitable(&entered, 1)?;
        Ok((exit, awaitable))
    }

    /// `ASYNC_GEN_WRAP`: mark a value yielded by an async generator.
    pub fn async_gen_wrap(&mut self, v: Value) -> Value {
        v
    }
}

/// Advance a generator for `next()` / `for`: `None` when it returned.
pub fn gen_next(vm: &mut Vm, generator: &ObjRef) -> PyResult<Option<Value>> {
    if vm.gen_kind(generator) != "generator" {
        return Err(vm.type_error(format!(
            "'{}' object is not an iterator",
            vm.gen_kind(generator)
        )));
    }
    match vm.gen_resume(generator, Value::None, None)? {
        Exit::Yield(v) => Ok(Some(v)),
        Exit::Return(_) => Ok(None),
    }
}

/// The value carried by a StopIteration.
pub fn stop_iteration_value(e: &PyErr) -> Value {
    match &e.0.payload {
        Payload::Exception(d) => match d.args.borrow().payload() {
            Some(Payload::Tuple(t)) => t.first().cloned().unwrap_or(Value::None),
            _ => Value::None,
        },
        _ => Value::None,
    }
}

/// Register the generator types' methods.
pub fn init(vm: &mut Vm) {
    let g = vm.types.generator.clone();
    vm.add_methods(
        &g,
        crate::methods![
            method "__iter__" => gen_iter, "";
            method "__next__" => gen_next_method, "";
            method "send" => gen_send, "";
        ],
    );
}

fn gen_iter(_vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    Ok(args.values[0].clone())
}

fn gen_next_method(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__next__", 0, 0)?;
    let Some(o) = this.as_obj().cloned() else {
        return Err(vm.type_error("expected a generator"));
    };
    match vm.gen_resume(&o, Value::None, None)? {
        Exit::Yield(v) => Ok(v),
        Exit::Return(v) => Err(vm.stop_iteration(if v.is_null() || v.is_none() {
            None
        } else {
            Some(v)
        })),
    }
}

fn gen_send(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "send", 1, 1)?;
    let Some(o) = this.as_obj().cloned() else {
        return Err(vm.type_error("expected a generator"));
    };
    match vm.gen_resume(&o, rest[0].clone(), None)? {
        Exit::Yield(v) => Ok(v),
        Exit::Return(v) => Err(vm.stop_iteration(if v.is_null() || v.is_none() {
            None
        } else {
            Some(v)
        })),
    }
}
