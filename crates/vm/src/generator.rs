//! Generators, coroutines and async generators (CPython: `Objects/genobject.c`).
//!
//! A generator owns its suspended [`Frame`]. Resuming takes the frame out, pushes the sent
//! value (the result of the `YIELD_VALUE` it stopped at) and runs the eval loop until the
//! next yield or return.

use std::cell::{Cell, RefCell};

use krait_bytecode::{CodeFlags, Opcode};

use crate::frame::{Exit, Frame, FrameStack, GeneratorData};
use crate::object::{ObjRef, Payload};
use crate::objects::function::FunctionData;
use crate::objects::typeobj::is_subtype;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

impl Vm {
    /// Wrap a fresh frame of a generator function in a generator, coroutine or async
    /// generator object (`RETURN_GENERATOR`).
    pub fn make_generator(&mut self, mut frame: Frame, fd: &FunctionData) -> Value {
        // Run the prologue (cells and free variables), then skip RETURN_GENERATOR: the first
        // resumption pushes `None` for the POP_TOP after it.
        let code = frame.code.clone();
        for (i, ins) in code.co.instructions.iter().enumerate() {
            match ins.op {
                Opcode::RETURN_GENERATOR => {
                    frame.ip = i + 1;
                    break;
                }
                Opcode::MAKE_CELL => {
                    let slot = ins.arg as usize;
                    if let Some(v) = frame.fast.get_mut(slot) {
                        let inner = std::mem::replace(v, Value::Null);
                        *v = Value::Obj(self.new_cell(inner));
                    }
                }
                Opcode::COPY_FREE_VARS => {
                    let closure = match frame.func.as_ref().map(|o| &o.payload) {
                        Some(Payload::Function(fd)) => fd.closure.clone(),
                        _ => None,
                    };
                    if let Some(cells) = closure {
                        let n = ins.arg as usize;
                        let start = frame.fast.len().saturating_sub(n);
                        for (j, c) in cells.iter().enumerate().take(n) {
                            if let Some(slot) = frame.fast.get_mut(start + j) {
                                *slot = Value::Obj(c.clone());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let flags = frame.code.co.flags;
        let mut origin = Value::None;
        let ty = if flags.has(CodeFlags::COROUTINE) {
            // `_Py_MakeCoro`: the cost of origin tracking is this test while it is off.
            if self.thread.coro_origin_depth > 0 {
                origin = self.coro_origin(self.thread.coro_origin_depth as usize);
            }
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
            exc_state: RefCell::new(Vec::new()),
            async_flags: Cell::new((false, false)),
            origin,
        };
        Value::Obj(ObjRef::new(ty, Payload::Generator(Box::new(data))))
    }

    /// `compute_cr_origin`: `(co_filename, line, co_name)` of the innermost `depth` running
    /// frames (the coroutine's creator first); fewer when the stack is shallower.
    #[cold]
    fn coro_origin(&mut self, depth: usize) -> Value {
        let mut items = Vec::new();
        for i in (0..self.frames.len()).rev().take(depth) {
            let link = &self.frames[i];
            let co = &link.code.co;
            let line = co
                .positions
                .get(link.ip.get() as usize)
                .map_or(co.first_line, |p| p.line);
            let (file, name) = (co.filename.clone(), co.name.clone());
            let file = self.new_string(file);
            let name = self.new_string(name);
            items.push(self.new_tuple(vec![file, Value::Int(i64::from(line)), name]));
        }
        self.new_tuple(items)
    }

    /// A coroutine freed before it ever ran (`_PyErr_WarnUnawaitedCoroutine`): a
    /// `RuntimeWarning` through `warnings._warn_unawaited_coroutine` (which shows `cr_origin`),
    /// or, when that is missing or fails with something else, the plain message.
    pub(crate) fn warn_unawaited_coroutine(&mut self, coro: &Value) {
        let mut warned = false;
        let f = match self.import_dotted("warnings") {
            Ok(m) => self.getattr_str(&m, "_warn_unawaited_coroutine").ok(),
            Err(_) => None,
        };
        if let Some(f) = f {
            match self.call_pos(&f, std::slice::from_ref(coro)) {
                Ok(_) => warned = true,
                Err(e) => {
                    let rw = self.types.runtime_warning.clone();
                    warned = self.err_matches(&e, &rw);
                    self.write_unraisable(e, None, coro);
                }
            }
        }
        if !warned {
            let qualname = match coro.payload() {
                Some(Payload::Generator(g)) => g.qualname.borrow().clone(),
                _ => Value::None,
            };
            let text = match self.str(&qualname) {
                Ok(s) => self.str_text(&s),
                Err(_) => String::new(),
            };
            let rw = self.types.runtime_warning.clone();
            let msg = format!("coroutine '{text}' was never awaited");
            if let Err(e) = self.warn_at(&rw, None, &msg, 1) {
                self.write_unraisable(e, None, coro);
            }
        }
    }

    /// Resume a generator with `value` (or an exception to raise at the suspension point).
    /// Returns what it yielded or returned.
    pub fn gen_resume(
        &mut self,
        generator: &ObjRef,
        value: Value,
        exc: Option<PyErr>,
    ) -> PyResult<Exit> {
        self.gen_send_ex(generator, value, exc, false)
    }

    /// `gen_send_ex`: resume with a value or an exception; `closing` is set by `close()`
    /// (an exhausted coroutine then stays silent).
    pub fn gen_send_ex(
        &mut self,
        generator: &ObjRef,
        value: Value,
        exc: Option<PyErr>,
        closing: bool,
    ) -> PyResult<Exit> {
        let Payload::Generator(g) = &generator.payload else {
            return Err(self.type_error("expected a generator"));
        };
        if g.running.get() {
            return Err(self.value_error(format!("{} already executing", self.gen_kind(generator))));
        }
        let Some(mut frame) = g.frame.borrow_mut().take() else {
            if self.gen_kind(generator) == "coroutine" && !closing {
                return Err(self.runtime_error("cannot reuse already awaited coroutine"));
            }
            if let Some(e) = exc {
                return Err(e);
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
        let base = self.enter_gen_exc_state(g);
        let result = match self.enter_frame(&frame) {
            Ok(()) => {
                let r = match exc {
                    None => {
                        push_sent(&mut frame, value);
                        self.execute(&mut frame)
                    }
                    Some(e) => self.execute_with_error(&mut frame, e),
                };
                self.leave_frame();
                if self.profiler.is_some() {
                    let ret = match &r {
                        Ok(Exit::Return(v) | Exit::Yield(v)) => Some(v),
                        Err(_) => None,
                    };
                    self.profile_leave_frame(&frame.code, ret);
                }
                r
            }
            Err(e) => Err(e),
        };
        g.running.set(false);
        if self.handled.len() > base {
            let mine = self.handled.split_off(base);
            if matches!(result, Ok(Exit::Yield(_))) {
                *g.exc_state.borrow_mut() = mine;
            }
        }
        match result {
            Ok(Exit::Yield(v)) => {
                *g.frame.borrow_mut() = Some(frame);
                Ok(Exit::Yield(v))
            }
            Ok(Exit::Return(v)) => Ok(Exit::Return(v)),
            Err(e) => Err(self.gen_raised(generator, e)),
        }
    }

    /// An exception leaving a generator's frame: StopIteration (and StopAsyncIteration from
    /// an async generator) becomes RuntimeError (PEP 479, `gen_send_ex2`).
    pub(crate) fn gen_raised(&mut self, generator: &ObjRef, e: PyErr) -> PyErr {
        let si = self.types.stop_iteration.clone();
        let sai = self.types.stop_async_iteration.clone();
        let kind = self.gen_kind(generator);
        if self.err_matches(&e, &si) || (kind == "async generator" && self.err_matches(&e, &sai)) {
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
            return new;
        }
        e
    }

    /// `FOR_ITER` / `SEND` over a generator or coroutine without a nested `execute` (CPython
    /// 3.12's `FOR_ITER_GEN`, `SEND_GEN`): its frame goes on `callees`, innermost,
    /// with the sent value (`None` for `FOR_ITER`; for `SEND`, the top of `sent`, popped) as
    /// the result of the yield it stopped at, and the eval loop goes on in it. The same
    /// bookkeeping as [`Vm::gen_send_ex`]: `gi_running`, the generator's handled exceptions
    /// on top of the caller's, the frame record and the recursion check.
    ///
    /// `generator` must stay on the resumer's value stack until the frame has left (see
    /// [`FrameStack::push_gen`]).
    ///
    /// `Ok(None)`, with nothing changed, when the general path must run instead: the
    /// generator is running or finished, a non-None value goes to a just-started one, or a
    /// profiler or trace function wants the call events.
    ///
    /// Out of line, as is [`Vm::gen_yield_inline`]: inlined (fat LTO) they made the eval loop
    /// keep its frame pointer on the stack, a spill and reload on every instruction of every
    /// frame (dispatch 13 -> 16 instructions; fib +3%, the generator benchmark itself +1%).
    #[inline(never)]
    pub(crate) fn gen_push_inline(
        &mut self,
        generator: &ObjRef,
        sent: Option<&mut Vec<Value>>,
        callees: &mut FrameStack,
    ) -> PyResult<Option<*mut Frame>> {
        let Payload::Generator(g) = &generator.payload else {
            return Ok(None);
        };
        if g.running.get() || self.profiler.is_some() {
            return Ok(None);
        }
        let mut slot = g.frame.borrow_mut();
        if slot.is_none() {
            return Ok(None);
        }
        let value = match sent {
            None => Value::None,
            Some(stack) => {
                if !g.started.get() && !stack.last().is_some_and(Value::is_none) {
                    return Ok(None);
                }
                stack.pop().unwrap_or(Value::None)
            }
        };
        let Some(mut frame) = slot.take() else {
            return Ok(None);
        };
        drop(slot);
        g.started.set(true);
        if let Err(e) = self.check_frame_depth() {
            // As `gen_send_ex` when `enter_frame` refuses: the generator is finished.
            g.exc_state.borrow_mut().clear();
            drop(frame);
            return Err(e);
        }
        g.running.set(true);
        let base = self.enter_gen_exc_state(g);
        self.push_frame_link(&frame);
        push_sent(&mut frame, value);
        // SAFETY: the resumer (`FOR_ITER`, `SEND`) keeps `generator` on its stack.
        Ok(Some(unsafe { callees.push_gen(generator, frame, base) }))
    }

    /// `YIELD_VALUE` in a generator frame [`Vm::gen_push_inline`] started: the frame goes
    /// back to its generator, suspended (its frame record is already popped).
    #[inline(never)]
    pub(crate) fn gen_yield_inline(&mut self, callees: &mut FrameStack) -> bool {
        let Some(left) = callees.pop_gen() else {
            return false;
        };
        if let Payload::Generator(g) = &left.generator.payload {
            g.running.set(false);
            if self.handled.len() > left.handled_base {
                *g.exc_state.borrow_mut() = self.handled.split_off(left.handled_base);
            }
            *g.frame.borrow_mut() = Some(left.frame);
        }
        true
    }

    /// A generator frame [`Vm::gen_push_inline`] started has returned, or `err` leaves it
    /// (`Some`; returned converted as [`Vm::gen_send_ex`] converts it): the generator is
    /// finished (its frame record is already popped).
    #[cold]
    #[inline(never)]
    pub(crate) fn gen_finish_inline(
        &mut self,
        callees: &mut FrameStack,
        err: Option<PyErr>,
    ) -> Option<PyErr> {
        let left = callees.pop_gen()?;
        if let Payload::Generator(g) = &left.generator.payload {
            g.running.set(false);
        }
        self.handled.truncate(left.handled_base);
        drop(left.frame);
        err.map(|e| self.gen_raised(&left.generator, e))
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
        if let Value::Obj(o) = sub
            && let Payload::Awaitable(_) = &o.payload
        {
            return match awaitable_send(self, o, value) {
                Ok(v) => Ok(Exit::Yield(v)),
                Err(e) => {
                    let si = self.types.stop_iteration.clone();
                    if self.err_matches(&e, &si) {
                        Ok(Exit::Return(stop_iteration_value(&e)))
                    } else {
                        Err(e)
                    }
                }
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

    /// `GET_AWAITABLE` (`_PyCoro_GetAwaitableIter` plus ceval's checks and messages).
    pub fn get_awaitable(&mut self, v: &Value, where_: u32) -> PyResult<Value> {
        if let Value::Obj(o) = v
            && o.class_is(&self.types.coroutine)
        {
            if gen_yf(o).is_some() {
                return Err(self.runtime_error("coroutine is being awaited already"));
            }
            return Ok(v.clone());
        }
        // A generator whose code is marked CO_ITERABLE_COROUTINE (`types.coroutine`) is
        // awaited as it is (CPython's `gen_is_coroutine`).
        if let Value::Obj(o) = v
            && let Payload::Generator(g) = &o.payload
            && o.class_is(&self.types.generator)
            && g.code.co.flags.0 & CodeFlags::ITERABLE_COROUTINE != 0
        {
            return Ok(v.clone());
        }
        let Some(m) = self.lookup_special_str(v, "__await__") else {
            let tn = self.type_name(v);
            return Err(self.type_error(match where_ {
                1 => format!("'async with' received an object from __aenter__ that does not implement __await__: {tn}"),
                2 => format!("'async with' received an object from __aexit__ that does not implement __await__: {tn}"),
                _ => format!("object {tn} can't be used in 'await' expression"),
            }));
        };
        let it = self.call_method_value(&m, v, &[])?;
        if let Value::Obj(o) = &it
            && o.class_is(&self.types.coroutine)
        {
            return Err(self.type_error("__await__() returned a coroutine"));
        }
        if self.lookup_special_str(&it, "__next__").is_none() {
            return Err(self.type_error(format!(
                "__await__() returned non-iterator of type '{}'",
                self.type_name(&it)
            )));
        }
        Ok(it)
    }

    /// `GET_AITER`
    pub fn get_aiter(&mut self, v: &Value) -> PyResult<Value> {
        let it = match self.call_special(v, "__aiter__", &[])? {
            Some(it) => it,
            None => {
                return Err(self.type_error(format!(
                    "'async for' requires an object with __aiter__ method, got {}",
                    self.type_name(v)
                )));
            }
        };
        if self.lookup_special_str(&it, "__anext__").is_none() {
            return Err(self.type_error(format!(
                "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                self.type_name(&it)
            )));
        }
        Ok(it)
    }

    /// `GET_ANEXT`
    pub fn get_anext(&mut self, v: &Value) -> PyResult<Value> {
        let next = match self.call_special(v, "__anext__", &[])? {
            Some(a) => a,
            None => {
                return Err(self.type_error(format!(
                    "'async for' requires an iterator with __anext__ method, got {}",
                    self.type_name(v)
                )));
            }
        };
        if matches!(next.payload(), Some(Payload::Awaitable(_))) {
            return Ok(next);
        }
        match self.get_awaitable(&next, 0) {
            Ok(a) => Ok(a),
            Err(e) => {
                let new = self.type_error(format!(
                    "'async for' received an invalid object from __anext__: {}",
                    self.type_name(&next)
                ));
                if let Payload::Exception(d) = &new.0.payload {
                    *d.cause.borrow_mut() = Value::Obj(e.0.clone());
                    *d.context.borrow_mut() = Value::Obj(e.0.clone());
                    d.suppress_context.set(true);
                }
                Err(new)
            }
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
        let t = self.types.async_generator_wrapped_value.clone();
        Value::Obj(ObjRef::new(
            t,
            Payload::Awaitable(Box::new(AwaitableData {
                kind: AwaitKind::Wrapped,
                generator: None,
                arg: RefCell::new(v),
                state: Cell::new(0),
            })),
        ))
    }
}

/// Advance a generator for `next()` / `for`: `None` when it returned.
/// Push the value a resumed generator receives (the result of its `yield`). The value stack
/// has room: the `YIELD_VALUE` it stopped at popped one (`Vec::push` would be an out-of-line
/// call).
#[inline(always)]
fn push_sent(frame: &mut Frame, value: Value) {
    if frame.stack.len() == frame.stack.capacity() {
        frame.stack.reserve(1);
    }
    let n = frame.stack.len();
    // SAFETY: index `n` is allocated (reserved above) and unused.
    unsafe {
        frame.stack.as_mut_ptr().add(n).write(value);
        frame.stack.set_len(n + 1);
    }
}

impl Vm {
    /// Put the generator's own handled exceptions on top of the caller's while it runs;
    /// returns where they start (to take them back when it stops).
    #[inline(always)]
    fn enter_gen_exc_state(&mut self, g: &GeneratorData) -> usize {
        let base = self.handled.len();
        if !g.exc_state.borrow().is_empty() {
            let saved = std::mem::take(&mut *g.exc_state.borrow_mut());
            self.handled.extend(saved);
        }
        base
    }
}

pub fn gen_next(vm: &mut Vm, generator: &ObjRef) -> PyResult<Option<Value>> {
    if !generator.class_is(&vm.types.generator) && vm.gen_kind(generator) != "generator" {
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

/// What an [`AwaitableData`] object is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum AwaitKind {
    /// `agen.asend(v)` / `agen.__anext__()`
    Asend,
    /// `agen.athrow(...)` (arg: the args tuple) or `agen.aclose()` (arg: `Null`)
    Athrow,
    /// `coro.__await__()`
    CoroWrapper,
    /// A value yielded by an async generator (`ASYNC_GEN_WRAP`).
    Wrapped,
}

/// The state of the awaitables async generators and coroutines hand out
/// (CPython: `PyAsyncGenASend`, `PyAsyncGenAThrow`, `PyCoroWrapper`).
pub struct AwaitableData {
    /// Which awaitable.
    pub kind: AwaitKind,
    /// The generator driven.
    pub generator: Option<ObjRef>,
    /// The value to send first (asend), the throw arguments (athrow), the wrapped value.
    pub arg: RefCell<Value>,
    /// 0 init, 1 iterating, 2 closed.
    pub state: Cell<u8>,
}

const INIT: u8 = 0;
const ITER: u8 = 1;
const CLOSED: u8 = 2;

/// The sub-iterator a suspended generator delegates to (`_PyGen_yf`): the frame stopped
/// before a `RESUME` with operand 2 or 3 (after `yield from` / `await`).
pub fn gen_yf(generator: &ObjRef) -> Option<Value> {
    let Payload::Generator(g) = &generator.payload else {
        return None;
    };
    if !g.started.get() {
        return None;
    }
    let f = g.frame.borrow();
    let f = f.as_ref()?;
    let ins = f.code.co.instructions.get(f.ip)?;
    if ins.op != Opcode::RESUME || ins.arg < 2 {
        return None;
    }
    f.stack.last().cloned()
}

fn gen_data(o: &ObjRef) -> Option<&GeneratorData> {
    match &o.payload {
        Payload::Generator(g) => Some(g),
        _ => None,
    }
}

/// Turn `Exit` of a resumption into `send()`'s result: a yielded value, or StopIteration.
fn exit_to_result(vm: &mut Vm, generator: &ObjRef, r: Exit) -> PyResult<Value> {
    match r {
        Exit::Yield(v) => Ok(v),
        Exit::Return(v) => {
            if vm.gen_kind(generator) == "async generator" {
                let t = vm.types.stop_async_iteration.clone();
                return Err(vm.new_exception(&t, vec![]));
            }
            Err(vm.stop_iteration(if v.is_null() || v.is_none() {
                None
            } else {
                Some(v)
            }))
        }
    }
}

/// `gen_send`: resume with `v`, StopIteration on return.
pub fn gen_send_value(vm: &mut Vm, generator: &ObjRef, v: Value) -> PyResult<Value> {
    let r = vm.gen_send_ex(generator, v, None, false)?;
    exit_to_result(vm, generator, r)
}

/// `gen_close_iter`: close a sub-iterator (`close()` if it has one).
fn close_iter(vm: &mut Vm, yf: &Value) -> PyResult<()> {
    if let Value::Obj(o) = yf
        && matches!(o.payload, Payload::Generator(_))
    {
        return gen_close(vm, o).map(|_| ());
    }
    let key = vm.intern("close");
    if let Some(m) = vm.getattr_opt(yf, &key)? {
        vm.call_pos(&m, &[])?;
    }
    Ok(())
}

/// Make the exception `throw(typ, val, tb)` raises (CPython's checks and messages). The
/// argument checks fail `throw` itself (`Err`); instantiating the class happens when the
/// exception is normalised inside the generator in CPython, so a class that cannot be
/// instantiated gives that failure as the exception thrown in (`Ok`).
fn throw_exception(vm: &mut Vm, typ: &Value, val: &Value, tb: &Value) -> PyResult<PyErr> {
    if !tb.is_none() && !matches!(tb.payload(), Some(Payload::Traceback(_))) {
        return Err(vm.type_error("throw() third argument must be a traceback object"));
    }
    let be = vm.types.base_exception.clone();
    let made = match typ {
        Value::Obj(o) if matches!(o.payload, Payload::Type(_)) && is_subtype(o, &be) => {
            if !val.is_none() && is_subtype(&vm.type_of(val), o) {
                Ok(val.clone())
            } else if val.is_none() {
                vm.call_pos(typ, &[])
            } else if let Some(Payload::Tuple(t)) = val.payload() {
                let items = t.to_vec();
                vm.call_pos(typ, &items)
            } else {
                vm.call_pos(typ, std::slice::from_ref(val))
            }
        }
        Value::Obj(o) if matches!(o.payload, Payload::Exception(_)) => {
            if !val.is_none() {
                return Err(vm.type_error("instance exception may not have a separate value"));
            }
            Ok(typ.clone())
        }
        _ => {
            return Err(vm.type_error(format!(
                "exceptions must be classes or instances deriving from BaseException, not {}",
                vm.type_name(typ)
            )));
        }
    };
    let o = match made {
        Ok(Value::Obj(o)) if matches!(o.payload, Payload::Exception(_)) => o,
        Ok(other) => {
            // A class whose `__new__` returned something else (CPython's normalisation check).
            let r = vm.repr_string(typ)?;
            let tn = vm.type_name(&other);
            return Ok(vm.type_error(format!(
                "calling {r} should have returned an instance of BaseException, not {tn}"
            )));
        }
        Err(e) => return Ok(e),
    };
    if let Payload::Exception(d) = &o.payload
        && !tb.is_none()
    {
        *d.traceback.borrow_mut() = tb.clone();
    }
    Ok(PyErr(o))
}

/// `_gen_throw`: raise an exception at the suspension point, delegating to the
/// sub-iterator of `yield from` / `await` first.
pub fn gen_throw(
    vm: &mut Vm,
    generator: &ObjRef,
    close_on_genexit: bool,
    typ: &Value,
    val: &Value,
    tb: &Value,
) -> PyResult<Exit> {
    let Some(g) = gen_data(generator) else {
        return Err(vm.type_error("expected a generator"));
    };
    if let Some(yf) = gen_yf(generator) {
        let ge = vm.types.generator_exit.clone();
        let is_genexit = match typ {
            Value::Obj(o) if matches!(o.payload, Payload::Type(_)) => is_subtype(o, &ge),
            _ => is_subtype(&vm.type_of(typ), &ge),
        };
        if is_genexit && close_on_genexit {
            g.running.set(true);
            let r = close_iter(vm, &yf);
            g.running.set(false);
            return match r {
                Err(e) => vm.gen_send_ex(generator, Value::None, Some(e), false),
                Ok(()) => {
                    let e = throw_exception(vm, typ, val, tb)?;
                    vm.gen_send_ex(generator, Value::None, Some(e), false)
                }
            };
        }
        g.running.set(true);
        let ret = match &yf {
            Value::Obj(o) if matches!(o.payload, Payload::Generator(_)) => {
                gen_throw(vm, o, close_on_genexit, typ, val, tb).and_then(|r| match r {
                    Exit::Yield(v) => Ok(v),
                    Exit::Return(v) => Err(vm.stop_iteration(if v.is_null() || v.is_none() {
                        None
                    } else {
                        Some(v)
                    })),
                })
            }
            _ => {
                let key = vm.intern("throw");
                match vm.getattr_opt(&yf, &key) {
                    Err(e) => Err(e),
                    Ok(None) => {
                        g.running.set(false);
                        let e = throw_exception(vm, typ, val, tb)?;
                        return vm.gen_send_ex(generator, Value::None, Some(e), false);
                    }
                    Ok(Some(m)) => vm.call_pos(&m, &[typ.clone(), val.clone(), tb.clone()]),
                }
            }
        };
        g.running.set(false);
        return match ret {
            Ok(v) => Ok(Exit::Yield(v)),
            Err(e) => {
                // The sub-iterator finished: leave the SEND loop as SEND would.
                if let Some(f) = g.frame.borrow_mut().as_mut() {
                    f.stack.pop();
                    if let Some(send) = f.code.co.instructions.get(f.ip.wrapping_sub(2)) {
                        f.ip = send.arg as usize;
                    }
                }
                let si = vm.types.stop_iteration.clone();
                if vm.err_matches(&e, &si) {
                    let v = stop_iteration_value(&e);
                    vm.gen_send_ex(generator, v, None, false)
                } else {
                    vm.gen_send_ex(generator, Value::None, Some(e), false)
                }
            }
        };
    }
    let e = throw_exception(vm, typ, val, tb)?;
    vm.gen_send_ex(generator, Value::None, Some(e), false)
}

/// `gen_close`
pub fn gen_close(vm: &mut Vm, generator: &ObjRef) -> PyResult<Value> {
    let Some(g) = gen_data(generator) else {
        return Err(vm.type_error("expected a generator"));
    };
    let mut err = None;
    if let Some(yf) = gen_yf(generator) {
        g.running.set(true);
        if let Err(e) = close_iter(vm, &yf) {
            err = Some(e);
        }
        g.running.set(false);
    }
    let e = match err {
        Some(e) => e,
        None => {
            let t = vm.types.generator_exit.clone();
            vm.new_exception(&t, vec![])
        }
    };
    match vm.gen_send_ex(generator, Value::None, Some(e), true) {
        Ok(Exit::Yield(_)) => {
            let msg = match vm.gen_kind(generator) {
                "coroutine" => "coroutine ignored GeneratorExit",
                "async generator" => "async generator ignored GeneratorExit",
                _ => "generator ignored GeneratorExit",
            };
            Err(vm.runtime_error(msg))
        }
        Ok(Exit::Return(_)) => Ok(Value::None),
        Err(e) => {
            let si = vm.types.stop_iteration.clone();
            let ge = vm.types.generator_exit.clone();
            if vm.err_matches(&e, &si) || vm.err_matches(&e, &ge) {
                Ok(Value::None)
            } else {
                Err(e)
            }
        }
    }
}

/// Register the generator, coroutine and async-generator types' methods and attributes.
pub fn init(vm: &mut Vm) {
    let g = vm.types.generator.clone();
    vm.add_methods(
        &g,
        crate::methods![
            method "__iter__" => gen_iter, "";
            method "__next__" => gen_next_method, "";
            method "send" => gen_send, "";
            method "throw" => gen_throw_method, "";
            method "close" => gen_close_method, "";
            method "__repr__" => gen_repr, "";
        ],
    );
    vm.add_getset(&g, "gi_running", get_running, None);
    vm.add_getset(&g, "gi_frame", get_frame, None);
    vm.add_getset(&g, "gi_code", get_code, None);
    vm.add_getset(&g, "gi_suspended", get_suspended, None);
    vm.add_getset(&g, "gi_yieldfrom", get_yieldfrom, None);
    let c = vm.types.coroutine.clone();
    vm.add_methods(
        &c,
        crate::methods![
            method "send" => gen_send, "";
            method "throw" => gen_throw_method, "";
            method "close" => gen_close_method, "";
            method "__await__" => coro_await, "";
            method "__repr__" => gen_repr, "";
        ],
    );
    vm.add_getset(&c, "cr_running", get_running, None);
    vm.add_getset(&c, "cr_frame", get_frame, None);
    vm.add_getset(&c, "cr_code", get_code, None);
    vm.add_getset(&c, "cr_suspended", get_suspended, None);
    vm.add_getset(&c, "cr_await", get_yieldfrom, None);
    vm.add_getset(&c, "cr_origin", get_origin, None);
    let a = vm.types.async_generator.clone();
    vm.add_methods(
        &a,
        crate::methods![
            method "__aiter__" => gen_iter, "";
            method "__anext__" => agen_anext, "";
            method "asend" => agen_asend, "";
            method "athrow" => agen_athrow, "";
            method "aclose" => agen_aclose, "";
            method "__repr__" => gen_repr, "";
        ],
    );
    vm.add_getset(&a, "ag_running", get_ag_running, None);
    vm.add_getset(&a, "ag_frame", get_frame, None);
    vm.add_getset(&a, "ag_code", get_code, None);
    vm.add_getset(&a, "ag_suspended", get_suspended, None);
    vm.add_getset(&a, "ag_await", get_yieldfrom, None);
    for t in [g, c, a] {
        vm.add_getset(&t, "__name__", get_name, Some(set_name));
        vm.add_getset(&t, "__qualname__", get_qualname, Some(set_qualname));
    }
    for t in [
        vm.types.async_generator_asend.clone(),
        vm.types.async_generator_athrow.clone(),
        vm.types.coroutine_wrapper.clone(),
    ] {
        vm.add_methods(
            &t,
            crate::methods![
                method "__iter__" => gen_iter, "";
                method "__await__" => gen_iter, "";
                method "__next__" => aw_next, "";
                method "send" => aw_send, "";
                method "throw" => aw_throw, "";
                method "close" => aw_close, "";
            ],
        );
    }
}

fn this_gen(vm: &mut Vm, v: &Value) -> PyResult<ObjRef> {
    match v {
        Value::Obj(o) if matches!(o.payload, Payload::Generator(_)) => Ok(o.clone()),
        _ => Err(vm.type_error(format!(
            "descriptor requires a 'generator' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

fn gen_iter(_vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    Ok(args.values[0].clone())
}

fn gen_next_method(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__next__", 0, 0)?;
    let o = this_gen(vm, this)?;
    gen_send_value(vm, &o, Value::None)
}

fn gen_send(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "send", 1, 1)?;
    let o = this_gen(vm, this)?;
    gen_send_value(vm, &o, rest[0].clone())
}

fn gen_throw_method(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "throw", 1, 3)?;
    let o = this_gen(vm, this)?;
    let val = rest.get(1).cloned().unwrap_or(Value::None);
    let tb = rest.get(2).cloned().unwrap_or(Value::None);
    let r = gen_throw(vm, &o, true, &rest[0], &val, &tb)?;
    exit_to_result(vm, &o, r)
}

fn gen_close_method(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "close", 0, 0)?;
    let o = this_gen(vm, this)?;
    gen_close(vm, &o)
}

fn gen_repr(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__repr__", 0, 0)?;
    let o = this_gen(vm, this)?;
    let q = get_qualname(vm, this)?;
    let q = vm.str_text(&q);
    let kind = match vm.gen_kind(&o) {
        "async generator" => "async_generator",
        k => k,
    };
    Ok(vm.new_string(format!("<{kind} object {q} at {:#x}>", this.identity())))
}

fn get_running(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let o = this_gen(vm, this)?;
    Ok(Value::bool(gen_data(&o).is_some_and(|g| g.running.get())))
}

fn get_ag_running(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let o = this_gen(vm, this)?;
    Ok(Value::bool(
        gen_data(&o).is_some_and(|g| g.async_flags.get().0),
    ))
}

fn get_suspended(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let o = this_gen(vm, this)?;
    Ok(Value::bool(gen_data(&o).is_some_and(|g| {
        g.started.get() && !g.running.get() && g.frame.borrow().is_some()
    })))
}

fn get_origin(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let o = this_gen(vm, this)?;
    Ok(gen_data(&o).map_or(Value::None, |g| g.origin.clone()))
}

fn get_yieldfrom(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let o = this_gen(vm, this)?;
    Ok(gen_yf(&o).unwrap_or(Value::None))
}

fn get_code(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let o = this_gen(vm, this)?;
    let Some(g) = gen_data(&o) else {
        return Ok(Value::None);
    };
    Ok(Value::Obj(ObjRef::new(
        vm.types.code.clone(),
        Payload::Code(g.code.clone()),
    )))
}

fn get_frame(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let o = this_gen(vm, this)?;
    let Some(g) = gen_data(&o) else {
        return Ok(Value::None);
    };
    let f = g.frame.borrow();
    let Some(f) = f.as_ref() else {
        return Ok(Value::None);
    };
    let line = f
        .code
        .co
        .positions
        .get(f.ip.saturating_sub(1))
        .map_or(0, |p| p.line);
    let info = crate::frame::FrameInfo {
        code: f.code.clone(),
        globals: f.globals.clone(),
        lineno: Cell::new(line),
        lasti: Cell::new(f.ip as i32 - 1),
        back: None,
        locals: Vec::new(),
    };
    Ok(Value::Obj(ObjRef::new(
        vm.types.frame.clone(),
        Payload::Frame(Box::new(info)),
    )))
}

fn get_name(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let o = this_gen(vm, this)?;
    Ok(gen_data(&o).map_or(Value::None, |g| g.name.borrow().clone()))
}

fn get_qualname(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let o = this_gen(vm, this)?;
    Ok(gen_data(&o).map_or(Value::None, |g| g.qualname.borrow().clone()))
}

fn set_name(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let o = this_gen(vm, this)?;
    match v {
        Some(v) if matches!(v.payload(), Some(Payload::Str(_))) => {
            if let Some(g) = gen_data(&o) {
                *g.name.borrow_mut() = v;
            }
            Ok(())
        }
        _ => Err(vm.type_error("__name__ must be set to a string object")),
    }
}

fn set_qualname(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let o = this_gen(vm, this)?;
    match v {
        Some(v) if matches!(v.payload(), Some(Payload::Str(_))) => {
            if let Some(g) = gen_data(&o) {
                *g.qualname.borrow_mut() = v;
            }
            Ok(())
        }
        _ => Err(vm.type_error("__qualname__ must be set to a string object")),
    }
}

fn new_awaitable(vm: &mut Vm, kind: AwaitKind, generator: &ObjRef, arg: Value) -> Value {
    let t = match kind {
        AwaitKind::Asend => vm.types.async_generator_asend.clone(),
        AwaitKind::Athrow => vm.types.async_generator_athrow.clone(),
        AwaitKind::CoroWrapper => vm.types.coroutine_wrapper.clone(),
        AwaitKind::Wrapped => vm.types.async_generator_wrapped_value.clone(),
    };
    Value::Obj(ObjRef::new(
        t,
        Payload::Awaitable(Box::new(AwaitableData {
            kind,
            generator: Some(generator.clone()),
            arg: RefCell::new(arg),
            state: Cell::new(INIT),
        })),
    ))
}

fn coro_await(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__await__", 0, 0)?;
    let o = this_gen(vm, this)?;
    Ok(new_awaitable(vm, AwaitKind::CoroWrapper, &o, Value::None))
}

fn agen_anext(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__anext__", 0, 0)?;
    let o = this_gen(vm, this)?;
    Ok(new_awaitable(vm, AwaitKind::Asend, &o, Value::None))
}

fn agen_asend(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "asend", 1, 1)?;
    let o = this_gen(vm, this)?;
    Ok(new_awaitable(vm, AwaitKind::Asend, &o, rest[0].clone()))
}

fn agen_athrow(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "athrow", 1, 3)?;
    let o = this_gen(vm, this)?;
    let t = vm.new_tuple(rest.to_vec());
    Ok(new_awaitable(vm, AwaitKind::Athrow, &o, t))
}

fn agen_aclose(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "aclose", 0, 0)?;
    let o = this_gen(vm, this)?;
    Ok(new_awaitable(vm, AwaitKind::Athrow, &o, Value::Null))
}

fn aw_data(vm: &mut Vm, v: &Value) -> PyResult<ObjRef> {
    match v {
        Value::Obj(o) if matches!(o.payload, Payload::Awaitable(_)) => Ok(o.clone()),
        _ => Err(vm.type_error("expected an awaitable")),
    }
}

fn set_async_flags(g: &ObjRef, running: Option<bool>, closed: Option<bool>) {
    if let Some(d) = gen_data(g) {
        let (r, c) = d.async_flags.get();
        d.async_flags
            .set((running.unwrap_or(r), closed.unwrap_or(c)));
    }
}

fn is_wrapped(v: &Value) -> Option<Value> {
    match v.payload() {
        Some(Payload::Awaitable(a)) if a.kind == AwaitKind::Wrapped => Some(a.arg.borrow().clone()),
        _ => None,
    }
}

/// `async_gen_unwrap_value`
fn unwrap_value(vm: &mut Vm, g: &ObjRef, r: PyResult<Value>) -> PyResult<Value> {
    match r {
        Err(e) => {
            let sai = vm.types.stop_async_iteration.clone();
            let ge = vm.types.generator_exit.clone();
            if vm.err_matches(&e, &sai) || vm.err_matches(&e, &ge) {
                set_async_flags(g, None, Some(true));
            }
            set_async_flags(g, Some(false), None);
            Err(e)
        }
        Ok(v) => match is_wrapped(&v) {
            Some(inner) => {
                set_async_flags(g, Some(false), None);
                Err(vm.stop_iteration(Some(inner)))
            }
            None => Ok(v),
        },
    }
}

fn agen_send_result(vm: &mut Vm, g: &ObjRef, v: Value) -> PyResult<Value> {
    gen_send_value(vm, g, v)
}

fn agen_throw_result(vm: &mut Vm, g: &ObjRef, close: bool, a: &[Value]) -> PyResult<Value> {
    let typ = a.first().cloned().unwrap_or(Value::None);
    let val = a.get(1).cloned().unwrap_or(Value::None);
    let tb = a.get(2).cloned().unwrap_or(Value::None);
    let r = gen_throw(vm, g, close, &typ, &val, &tb)?;
    exit_to_result(vm, g, r)
}

/// `send` of the awaitables (`async_gen_asend_send`, `async_gen_athrow_send`, coroutine
/// wrapper).
pub fn awaitable_send(vm: &mut Vm, o: &ObjRef, arg: Value) -> PyResult<Value> {
    let Payload::Awaitable(a) = &o.payload else {
        return Err(vm.type_error("expected an awaitable"));
    };
    let Some(g) = a.generator.clone() else {
        return Err(vm.type_error("cannot send to a wrapped value"));
    };
    match a.kind {
        AwaitKind::CoroWrapper => gen_send_value(vm, &g, arg),
        AwaitKind::Wrapped => Err(vm.type_error("cannot send to a wrapped value")),
        AwaitKind::Asend => {
            if a.state.get() == CLOSED {
                return Err(vm.runtime_error("cannot reuse already awaited __anext__()/asend()"));
            }
            let mut arg = arg;
            if a.state.get() == INIT {
                if gen_data(&g).is_some_and(|d| d.async_flags.get().0) {
                    return Err(
                        vm.runtime_error("anext(): asynchronous generator is already running")
                    );
                }
                if arg.is_none() {
                    arg = a.arg.borrow().clone();
                }
                a.state.set(ITER);
            }
            set_async_flags(&g, Some(true), None);
            let r = agen_send_result(vm, &g, arg);
            let r = unwrap_value(vm, &g, r);
            if r.is_err() {
                a.state.set(CLOSED);
            }
            r
        }
        AwaitKind::Athrow => {
            let aclose = a.arg.borrow().is_null();
            if a.state.get() == CLOSED {
                return Err(vm.runtime_error("cannot reuse already awaited aclose()/athrow()"));
            }
            let finished = gen_data(&g).is_none_or(|d| d.frame.borrow().is_none());
            if finished {
                a.state.set(CLOSED);
                return Err(vm.stop_iteration(None));
            }
            let r = if a.state.get() == INIT {
                let (running, closed) =
                    gen_data(&g).map_or((false, false), |d| d.async_flags.get());
                if running {
                    a.state.set(CLOSED);
                    return Err(vm.runtime_error(if aclose {
                        "aclose(): asynchronous generator is already running"
                    } else {
                        "athrow(): asynchronous generator is already running"
                    }));
                }
                if closed {
                    a.state.set(CLOSED);
                    let t = vm.types.stop_async_iteration.clone();
                    return Err(vm.new_exception(&t, vec![]));
                }
                if !arg.is_none() {
                    return Err(
                        vm.runtime_error("can't send non-None value to a just-started coroutine")
                    );
                }
                a.state.set(ITER);
                set_async_flags(&g, Some(true), None);
                if aclose {
                    set_async_flags(&g, None, Some(true));
                    let ge = Value::Obj(vm.types.generator_exit.clone());
                    agen_throw_result(vm, &g, false, &[ge])
                } else {
                    let items = match a.arg.borrow().payload() {
                        Some(Payload::Tuple(t)) => t.to_vec(),
                        _ => Vec::new(),
                    };
                    let r = agen_throw_result(vm, &g, false, &items);
                    let r = unwrap_value(vm, &g, r);
                    return athrow_finish(vm, a, &g, r, false);
                }
            } else {
                let r = agen_send_result(vm, &g, arg);
                if !aclose {
                    let r = unwrap_value(vm, &g, r);
                    return athrow_finish(vm, a, &g, r, false);
                }
                r
            };
            athrow_finish(vm, a, &g, r, aclose)
        }
    }
}

/// The tail of `async_gen_athrow_send`: `yield_close` / `check_error`.
fn athrow_finish(
    vm: &mut Vm,
    a: &AwaitableData,
    g: &ObjRef,
    r: PyResult<Value>,
    aclose: bool,
) -> PyResult<Value> {
    match r {
        Ok(v) => {
            if aclose && is_wrapped(&v).is_some() {
                set_async_flags(g, Some(false), None);
                a.state.set(CLOSED);
                return Err(vm.runtime_error("async generator ignored GeneratorExit"));
            }
            Ok(v)
        }
        Err(e) => {
            set_async_flags(g, Some(false), None);
            a.state.set(CLOSED);
            let sai = vm.types.stop_async_iteration.clone();
            let ge = vm.types.generator_exit.clone();
            if aclose && (vm.err_matches(&e, &sai) || vm.err_matches(&e, &ge)) {
                return Err(vm.stop_iteration(None));
            }
            Err(e)
        }
    }
}

fn aw_next(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__next__", 0, 0)?;
    let o = aw_data(vm, this)?;
    awaitable_send(vm, &o, Value::None)
}

fn aw_send(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "send", 1, 1)?;
    let o = aw_data(vm, this)?;
    awaitable_send(vm, &o, rest[0].clone())
}

fn aw_throw(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "throw", 1, 3)?;
    let o = aw_data(vm, this)?;
    let Payload::Awaitable(a) = &o.payload else {
        return Err(vm.type_error("expected an awaitable"));
    };
    let Some(g) = a.generator.clone() else {
        return Err(vm.type_error("expected an awaitable"));
    };
    match a.kind {
        AwaitKind::CoroWrapper | AwaitKind::Wrapped => agen_throw_result(vm, &g, true, rest),
        AwaitKind::Asend => {
            if a.state.get() == CLOSED {
                return Err(vm.runtime_error("cannot reuse already awaited __anext__()/asend()"));
            }
            let r = agen_throw_result(vm, &g, true, rest);
            let r = unwrap_value(vm, &g, r);
            if r.is_err() {
                a.state.set(CLOSED);
            }
            r
        }
        AwaitKind::Athrow => {
            if a.state.get() == CLOSED {
                return Err(vm.runtime_error("cannot reuse already awaited aclose()/athrow()"));
            }
            let aclose = a.arg.borrow().is_null();
            let r = agen_throw_result(vm, &g, true, rest);
            if !aclose {
                return unwrap_value(vm, &g, r);
            }
            match r {
                Ok(v) if is_wrapped(&v).is_some() => {
                    set_async_flags(&g, Some(false), None);
                    a.state.set(CLOSED);
                    Err(vm.runtime_error("async generator ignored GeneratorExit"))
                }
                Ok(v) => Ok(v),
                Err(e) => {
                    let sai = vm.types.stop_async_iteration.clone();
                    let ge = vm.types.generator_exit.clone();
                    if vm.err_matches(&e, &sai) || vm.err_matches(&e, &ge) {
                        Err(vm.stop_iteration(None))
                    } else {
                        Err(e)
                    }
                }
            }
        }
    }
}

fn aw_close(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "close", 0, 0)?;
    let o = aw_data(vm, this)?;
    if let Payload::Awaitable(a) = &o.payload {
        if a.kind == AwaitKind::CoroWrapper
            && let Some(g) = &a.generator
        {
            return gen_close(vm, g);
        }
        a.state.set(CLOSED);
    }
    Ok(Value::None)
}
