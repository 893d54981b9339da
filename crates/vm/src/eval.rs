//! The eval loop (CPython: `Python/ceval.c`, 3.11's instruction semantics).
//!
//! One `match` per instruction. Exceptions use the code object's exception table: an error at
//! instruction `i` adds a traceback entry, then the first table row covering `i` unwinds the
//! value stack to the row's depth, optionally pushes `lasti`, pushes the exception and jumps to
//! the handler; with no row, the error leaves the frame. Backward jumps and `RESUME` check the
//! interrupt flag — the one check that serves limits, signals and thread switching.

use krait_bytecode::{BinaryOp, CompareOp, Opcode};

use std::rc::Rc;

use crate::frame::{Code, Exit, Frame, FrameStack, GLOBAL_IN_BUILTINS, GLOBAL_IN_GLOBALS};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::iter::IterState;
use crate::objects::typeobj::dict_find_name;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

macro_rules! pop {
    ($f:expr) => {
        match $f.stack.pop() {
            Some(v) => v,
            None => return Err(stack_underflow()),
        }
    };
}

/// Run queued finalizers (`__del__`, generator close) if an object needing one was freed,
/// with the frame's record at the instruction that freed it (the line a warning shows).
macro_rules! finalize {
    ($vm:expr, $f:expr) => {
        if crate::object::finalizers_pending() {
            if let Some(link) = $vm.frames.last() {
                link.ip.set($f.ip.saturating_sub(1) as u32);
            }
            $vm.run_finalizers();
        }
    };
}

/// A conditional jump: a backward one closes a loop (`while` tests at the bottom, filtered
/// comprehensions), so it counts the loop body at the interrupt check like `JUMP_BACKWARD`.
macro_rules! jump_to {
    ($vm:expr, $f:expr, $arg:expr) => {{
        let target = $arg as usize;
        if target < $f.ip {
            let cost = ($f.ip - target) as i64;
            $f.ip = target;
            $vm.check_interrupt(cost)?;
        } else {
            $f.ip = target;
        }
    }};
}

/// Push a comparison's result, or, when the next instruction is a `POP_JUMP_IF_FALSE` or
/// `POP_JUMP_IF_TRUE` (an `if` or `while` test), run that jump now: the bool is never pushed,
/// popped or dispatched on (CPython 3.11's `COMPARE_OP_*_JUMP` specialisations). A jump into the
/// `POP_JUMP_*` from elsewhere still runs it as its own instruction, and so does every jump in
/// the line-tracing loop (`TRACE`), which looks at each instruction.
macro_rules! push_cond {
    ($vm:expr, $f:expr, $instrs:expr, $trace:expr, $r:expr) => {{
        let r: bool = $r;
        match $instrs.get($f.ip) {
            _ if $trace => push(&mut $f.stack, Value::bool(r)),
            Some(next) if matches!(next.op, Opcode::POP_JUMP_IF_FALSE) => {
                $f.ip += 1;
                if !r {
                    jump_to!($vm, $f, next.arg);
                }
            }
            Some(next) if matches!(next.op, Opcode::POP_JUMP_IF_TRUE) => {
                $f.ip += 1;
                if r {
                    jump_to!($vm, $f, next.arg);
                }
            }
            _ => push(&mut $f.stack, Value::bool(r)),
        }
    }};
}

#[cold]
fn stack_underflow() -> EvalError {
    EvalError::Internal("value stack underflow")
}

/// Why an instruction did not complete.
enum EvalError {
    Py(PyErr),
    Internal(&'static str),
    /// `Vm::trace_lines` changed: `execute_with` resumes in the other variant of the loop.
    Retrace,
}

impl From<PyErr> for EvalError {
    fn from(e: PyErr) -> Self {
        EvalError::Py(e)
    }
}

/// Instructions counted for entering (or resuming) a frame: a function body runs at least a
/// few before its first backward jump or return.
const RESUME_COST: i64 = 8;

impl Vm {
    /// Run `frame` until it returns or yields.
    ///
    /// Python functions that `frame` calls with exactly their positional parameters run in
    /// this same loop (CPython 3.11's inlined calls): their frames are kept on `callees`, the
    /// innermost last, and the Rust stack does not grow with the Python one. An exception
    /// unwinds them one by one, each adding its traceback entry and looking for a handler, as
    /// nested calls of `execute` would.
    pub fn execute(&mut self, frame: &mut Frame) -> PyResult<Exit> {
        let mut callees = self.callee_pool.pop().unwrap_or_default();
        let r = self.execute_with(frame, &mut callees);
        // Finished slots keep their value vectors: the pool stays small (one frame stack per
        // level of native recursion in flight, at most 32 kept).
        if callees.slots() <= 64 && self.callee_pool.len() < 32 {
            self.callee_pool.push(callees);
        }
        r
    }

    fn execute_with(&mut self, frame: &mut Frame, callees: &mut FrameStack) -> PyResult<Exit> {
        loop {
            let step = match self.resume_error.take() {
                Some(e) => Err(EvalError::Py(e)),
                None => self.run_until_error(frame, callees),
            };
            let e = match step {
                Ok(exit) => return Ok(exit),
                // A trace function was set or removed: go on in the other loop.
                Err(EvalError::Retrace) => continue,
                Err(e) => e,
            };
            let mut err = match e {
                EvalError::Py(err) => err,
                EvalError::Retrace => continue,
                EvalError::Internal(msg) => {
                    let t = self.types.system_error.clone();
                    self.new_exception_msg(&t, format!("internal error: {msg}"))
                }
            };
            loop {
                let f: &mut Frame = match callees.last_mut() {
                    Some(b) => b,
                    None => frame,
                };
                let at = f.ip.saturating_sub(1);
                if !self.skip_traceback.get()
                    && matches!(&err.0.payload, Payload::Exception(d) if d.traceback.borrow().is_none())
                {
                    self.set_context(&err);
                }
                self.add_traceback(&err, f, at as u32);
                if self.trace_lines {
                    // `call_exc_trace`: the frame's trace function sees the exception.
                    let _ = self.trace_exception(&err);
                }
                // A tripped limit unwinds through every handler (`except`, `finally`, `with`).
                let handler = match self.limits.tripped {
                    None => f.code.co.handler_for(at as u32).copied(),
                    Some(_) => None,
                };
                if let Some(h) = handler {
                    f.stack.truncate(h.depth as usize);
                    if h.lasti {
                        f.stack.push(Value::Int(at as i64));
                    }
                    f.stack.push(Value::Obj(err.0));
                    f.ip = h.target as usize;
                    break;
                }
                if callees.is_empty() {
                    return Err(err);
                }
                self.leave_frame();
                if self.profiler.is_some()
                    && let Some(done) = callees.last_mut()
                {
                    self.profile_leave_frame(&done.code, None);
                }
                if callees.top_is_gen() {
                    // A generator resumed in this loop: the error leaves it as it would
                    // leave `gen_send_ex`, and goes on in the frame that resumed it.
                    if let Some(e) = self.gen_finish_inline(callees, Some(err.clone())) {
                        err = e;
                    }
                } else {
                    callees.pop();
                }
            }
        }
    }

    fn run_until_error(
        &mut self,
        entry: &mut Frame,
        callees: &mut FrameStack,
    ) -> Result<Exit, EvalError> {
        if self.trace_lines {
            self.run_loop::<true>(entry, callees)
        } else {
            self.run_loop::<false>(entry, callees)
        }
    }

    /// The eval loop; `TRACE` is its line-tracing variant (`trace.rs`), which looks at every
    /// instruction before running it.
    fn run_loop<const TRACE: bool>(
        &mut self,
        entry: &mut Frame,
        callees: &mut FrameStack,
    ) -> Result<Exit, EvalError> {
        let entry: *mut Frame = entry;
        let mut fp: *mut Frame = match callees.last_mut() {
            Some(b) => b,
            None => entry,
        };
        // SAFETY: `fp` points at the entry frame (borrowed for this call) or at the last
        // callee in `callees`, and is re-pointed after every push to or pop from `callees`
        // (which may move its elements). Nothing else reaches these frames while the loop
        // runs: natives get values, never the frame, and a nested `execute` has its own
        // `callees`.
        let mut f: &mut Frame = unsafe { &mut *fp };
        // SAFETY: the code is kept alive by the frame `f`, and `code` is re-pointed whenever
        // `f` changes.
        let mut code: &Code = unsafe { &*Rc::as_ptr(&f.code) };
        let mut instrs: &[krait_bytecode::Instruction] = &code.co.instructions;
        // Run `$frame` from here on: the frame, its code and its instructions are re-pointed
        // together (after every push to or pop from `callees`).
        macro_rules! switch_to {
            ($frame:expr) => {{
                fp = $frame;
                // SAFETY: as above: `fp` is the new innermost frame, alive until it leaves.
                f = unsafe { &mut *fp };
                // SAFETY: `f` keeps its code alive.
                code = unsafe { &*Rc::as_ptr(&f.code) };
                instrs = &code.co.instructions;
            }};
        }
        // Back to the innermost frame left (a caller or a resumer) after one was popped.
        macro_rules! switch_to_innermost {
            () => {
                switch_to!(match callees.last_mut() {
                    Some(b) => b,
                    None => entry,
                })
            };
        }
        loop {
            if TRACE {
                if !self.trace_lines {
                    return Err(EvalError::Retrace);
                }
                self.trace_instruction(f)?;
            }
            let Some(ins) = instrs.get(f.ip) else {
                return Err(EvalError::Internal("ran off the end of the code"));
            };
            f.ip += 1;
            let arg = ins.arg;
            match ins.op {
                Opcode::NOP => {}
                Opcode::RESUME => {
                    finalize!(self, f);
                    code.tick_warmup();
                    self.check_interrupt(RESUME_COST)?;
                }
                Opcode::POP_TOP => {
                    drop(pop!(f));
                    finalize!(self, f);
                }
                Opcode::PUSH_NULL => push(&mut f.stack, Value::Null),
                Opcode::COPY => {
                    let n = f.stack.len();
                    let v = f
                        .stack
                        .get(n.wrapping_sub(arg as usize))
                        .cloned()
                        .ok_or_else(stack_underflow)?;
                    push(&mut f.stack, v);
                }
                Opcode::SWAP => {
                    let n = f.stack.len();
                    if (arg as usize) > n || arg == 0 {
                        return Err(stack_underflow());
                    }
                    f.stack.swap(n - 1, n - arg as usize);
                }
                Opcode::LOAD_CONST => {
                    let v = code
                        .consts
                        .get(arg as usize)
                        .cloned()
                        .ok_or(EvalError::Internal("bad constant"))?;
                    push(&mut f.stack, v);
                }
                Opcode::LOAD_FAST => {
                    let v = &f.fast[arg as usize];
                    if v.is_null() {
                        return Err(self.unbound_local(&code.co.localsplus[arg as usize]).into());
                    }
                    push(&mut f.stack, v.clone());
                }
                Opcode::STORE_FAST => {
                    let v = pop!(f);
                    f.fast[arg as usize] = v;
                    finalize!(self, f);
                }
                Opcode::DELETE_FAST => {
                    if f.fast[arg as usize].is_null() {
                        return Err(self.unbound_local(&code.co.localsplus[arg as usize]).into());
                    }
                    f.fast[arg as usize] = Value::Null;
                    finalize!(self, f);
                }
                Opcode::MAKE_CELL => {
                    let v = std::mem::replace(&mut f.fast[arg as usize], Value::Null);
                    f.fast[arg as usize] = Value::Obj(self.new_cell(v));
                }
                Opcode::COPY_FREE_VARS => {
                    // The function is held by one more reference while its cells are copied
                    // (the frame's `func` field and its `fast` slots are borrowed apart).
                    let func = f.func.clone();
                    if let Some(Payload::Function(fd)) = func.as_ref().map(|o| &o.payload)
                        && let Some(cells) = &fd.closure
                    {
                        let start = f.fast.len().saturating_sub(arg as usize);
                        for (slot, c) in f.fast[start..].iter_mut().zip(cells.iter()) {
                            *slot = Value::Obj(c.clone());
                        }
                    }
                }
                Opcode::LOAD_CLOSURE => push(&mut f.stack, f.fast[arg as usize].clone()),
                Opcode::LOAD_DEREF => {
                    let v = self.cell_get(&f.fast[arg as usize]);
                    if v.is_null() {
                        return Err(self.unbound_deref(f, arg as usize).into());
                    }
                    push(&mut f.stack, v);
                }
                Opcode::LOAD_CLASSDEREF => {
                    let name = code.local_names[arg as usize].clone();
                    let found = match &f.locals {
                        Some(l) => self.mapping_get(l, &Value::Obj(name))?,
                        None => None,
                    };
                    let v = match found {
                        Some(v) => v,
                        None => {
                            let v = self.cell_get(&f.fast[arg as usize]);
                            if v.is_null() {
                                return Err(self.unbound_deref(f, arg as usize).into());
                            }
                            v
                        }
                    };
                    push(&mut f.stack, v);
                }
                Opcode::STORE_DEREF => {
                    let v = pop!(f);
                    self.cell_set(&f.fast[arg as usize], v);
                }
                Opcode::DELETE_DEREF => {
                    if self.cell_get(&f.fast[arg as usize]).is_null() {
                        return Err(self.unbound_deref(f, arg as usize).into());
                    }
                    self.cell_set(&f.fast[arg as usize], Value::Null);
                }
                Opcode::LOAD_NAME => {
                    let name = code.names[arg as usize].clone();
                    let v = self.load_name(f, &name)?;
                    push(&mut f.stack, v);
                }
                Opcode::STORE_NAME => {
                    let v = pop!(f);
                    let name = Value::Obj(code.names[arg as usize].clone());
                    match &f.locals {
                        Some(l) => {
                            let l = l.clone();
                            self.setitem(&l, name, v)?
                        }
                        None => return Err(EvalError::Internal("STORE_NAME without locals")),
                    }
                    finalize!(self, f);
                }
                Opcode::DELETE_NAME => {
                    let name = code.names[arg as usize].clone();
                    let l = f
                        .locals
                        .clone()
                        .ok_or(EvalError::Internal("DELETE_NAME without locals"))?;
                    if let Err(e) = self.delitem(&l, Value::Obj(name.clone())) {
                        if self.err_matches(&e, &self.types.key_error.clone()) {
                            return Err(self.name_error(&name, None).into());
                        }
                        return Err(e.into());
                    }
                    finalize!(self, f);
                }
                Opcode::LOAD_GLOBAL => {
                    if arg & 1 == 1 {
                        push(&mut f.stack, Value::Null);
                    }
                    let v = self.load_global_cached(f, code, (arg >> 1) as usize)?;
                    push(&mut f.stack, v);
                }
                Opcode::STORE_GLOBAL => {
                    let v = pop!(f);
                    let g = Value::Obj(f.globals.clone());
                    self.setitem(&g, Value::Obj(code.names[arg as usize].clone()), v)?;
                    finalize!(self, f);
                }
                Opcode::DELETE_GLOBAL => {
                    let name = code.names[arg as usize].clone();
                    let g = Value::Obj(f.globals.clone());
                    if self.delitem(&g, Value::Obj(name.clone())).is_err() {
                        return Err(self.name_error(&name, None).into());
                    }
                    finalize!(self, f);
                }
                Opcode::LOAD_ATTR => {
                    let obj = pop!(f);
                    let v = self.load_attr_cached(code, arg as usize, &obj)?;
                    push(&mut f.stack, v);
                }
                Opcode::STORE_ATTR => {
                    let obj = pop!(f);
                    let v = pop!(f);
                    self.store_attr_cached(code, arg as usize, &obj, v)?;
                    drop(obj);
                    finalize!(self, f);
                }
                Opcode::DELETE_ATTR => {
                    let obj = pop!(f);
                    self.setattr(&obj, &code.names[arg as usize], None)?;
                    drop(obj);
                    finalize!(self, f);
                }
                Opcode::LOAD_METHOD => {
                    let obj = pop!(f);
                    match self.load_method_cached(code, arg as usize, &obj)? {
                        (meth, true) => {
                            push(&mut f.stack, meth);
                            push(&mut f.stack, obj);
                        }
                        (attr, false) => {
                            push(&mut f.stack, Value::Null);
                            push(&mut f.stack, attr);
                        }
                    }
                }
                Opcode::KW_NAMES => f.kwnames = Some(code.consts[arg as usize].clone()),
                Opcode::CALL => {
                    finalize!(self, f);
                    if let Some(link) = self.frames.last() {
                        link.ip.set(f.ip.saturating_sub(1) as u32);
                    }
                    let argc = arg as usize;
                    let n = f.stack.len();
                    if n < argc + 2 {
                        return Err(stack_underflow());
                    }
                    // Tested before it is taken: without keywords (nearly every call) nothing
                    // is moved and nothing is left to drop at the end of the arm.
                    let kwnames = if f.kwnames.is_some() {
                        f.kwnames.take()
                    } else {
                        None
                    };
                    let kw: &[Value] = match kwnames.as_ref().and_then(|k| k.payload()) {
                        Some(Payload::Tuple(t)) => t,
                        _ => &[],
                    };
                    let base = n - argc - 2;
                    let ci = if f.stack[base].is_null() {
                        base + 1
                    } else {
                        base
                    };
                    let first = ci + 1;
                    // A Python function called with exactly its positional parameters (missing
                    // trailing ones come from `__defaults__`: CPython's CALL_PY_WITH_DEFAULTS)
                    // runs inline: its frame is built in the next slot of `callees`.
                    let inline = match &f.stack[ci] {
                        Value::Obj(func) if kw.is_empty() => match &func.payload {
                            Payload::Function(fd) => {
                                let callee = fd.code.borrow().clone();
                                let given = n - first;
                                let want = callee.simple_argc as usize;
                                let ok = (given == want
                                    || (given < want
                                        && matches!(&*fd.defaults.borrow(), Value::Obj(d)
                                            if matches!(&d.payload, Payload::Tuple(t) if t.len() >= want - given))))
                                    && callee.co.localsplus.len() >= want;
                                ok.then_some(callee)
                            }
                            _ => None,
                        },
                        _ => None,
                    };
                    if let Some(callee) = inline {
                        self.check_frame_depth()?;
                        let given = n - first;
                        let want = callee.simple_argc as usize;
                        let sp = f.stack.as_ptr();
                        // SAFETY: the callable and the `given` arguments above it move out of
                        // the caller's stack (into the new frame's `func` and first fast
                        // slots); below the callable is `Null` or nothing, so the stack's
                        // length drops to `base` without dropping anything twice. The stack's
                        // buffer is not touched again before the values are read (pushing a
                        // frame moves frame records, never their value buffers).
                        let nf = unsafe {
                            f.stack.set_len(base);
                            let Value::Obj(func) = std::ptr::read(sp.add(ci)) else {
                                std::hint::unreachable_unchecked()
                            };
                            let Payload::Function(fd) = &func.payload else {
                                std::hint::unreachable_unchecked()
                            };
                            // SAFETY: `fd` is `func`'s data, alive while the frame owns
                            // `func`; `given <= want <= localsplus.len()`.
                            let fd: *const crate::objects::function::FunctionData = &**fd;
                            callees.push(callee, func, &*fd, sp.add(first), given)
                        };
                        if given < want {
                            fill_defaults(nf, given, want);
                        }
                        self.push_frame_link(nf);
                        if self.profiler.is_some()
                            && let Err(e) = self.profile_enter_frame(nf)
                        {
                            self.leave_frame();
                            callees.pop();
                            return Err(e.into());
                        }
                        switch_to!(nf);
                        if !TRACE && self.trace_lines {
                            // `sys.settrace` ran: the callee runs traced.
                            return Err(EvalError::Retrace);
                        }
                        continue;
                    }
                    // A builtin that takes its arguments as they lie on the stack (a function
                    // such as `len`, or a method descriptor with `self` first: `l.append(x)`
                    // after a cached `LOAD_METHOD`) is called right here, as `Vm::call` would,
                    // without a reference of its own to the callable (the stack keeps it alive).
                    if let Value::Obj(o) = &f.stack[ci]
                        && let Payload::Builtin(b) = &o.payload
                        && !b.needs_frame
                        && (b.bound.is_none() || !(b.is_method || b.is_classmethod || b.is_static))
                        && !(b.is_method && first == n)
                        && self.profiler.is_none()
                    {
                        let func = b.func;
                        // `cfunction_enter_call`, as below.
                        let counted = !(b.fastcall && code.is_warm());
                        let args = Args {
                            values: &f.stack[first..],
                            kwnames: kw,
                        };
                        let result = if counted {
                            self.with_recursion_check(" while calling a Python object", |vm| {
                                func(vm, args)
                            })
                        } else {
                            func(self, args)
                        };
                        let result = self.after_native(result);
                        truncate_small(&mut f.stack, base);
                        push(&mut f.stack, result?);
                        continue;
                    }
                    let callable = f.stack[ci].clone();
                    let profiled = self.profiler.is_some()
                        && self.profile_c_call(&callable, &f.stack[first..]);
                    let result = match callable.payload() {
                        Some(Payload::Builtin(b)) if b.needs_frame => {
                            let snapshot = self.locals_snapshot(f)?;
                            self.frame_locals.push(Some(snapshot));
                            let r = self.call(
                                &callable,
                                Args {
                                    values: &f.stack[first..],
                                    kwnames: kw,
                                },
                            );
                            self.frame_locals.pop();
                            r
                        }
                        Some(Payload::Type(_))
                            if argc == 0
                                && matches!(&callable, Value::Obj(o) if ObjRef::ptr_eq(o, &self.types.super_)) =>
                        {
                            self.super_zero_arg(f)
                        }
                        // `cfunction_enter_call`: a builtin counts against the recursion limit,
                        // except a `METH_FASTCALL` one that a function's specialized call skips.
                        Some(Payload::Builtin(b)) if !(b.fastcall && code.is_warm()) => {
                            let args = Args {
                                values: &f.stack[first..],
                                kwnames: kw,
                            };
                            self.with_recursion_check(" while calling a Python object", |vm| {
                                vm.call(&callable, args)
                            })
                        }
                        // `_PyObject_MakeTpCall` checks the recursion limit for a class called
                        // through `tp_call` (not specialized in 3.11).
                        Some(Payload::Type(_))
                            if crate::sysmodule::type_call_counts(&callable, code.is_warm()) =>
                        {
                            let args = Args {
                                values: &f.stack[first..],
                                kwnames: kw,
                            };
                            self.with_recursion_check(" while calling a Python object", |vm| {
                                vm.call(&callable, args)
                            })
                        }
                        _ => self.call(
                            &callable,
                            Args {
                                values: &f.stack[first..],
                                kwnames: kw,
                            },
                        ),
                    };
                    if profiled {
                        self.profile_c_return(&callable, result.is_err());
                    }
                    truncate_small(&mut f.stack, base);
                    push(&mut f.stack, result?);
                }
                Opcode::CALL_FUNCTION_EX => {
                    finalize!(self, f);
                    // The line the callee sees for this frame (warnings' stack levels).
                    if let Some(link) = self.frames.last() {
                        link.ip.set(f.ip.saturating_sub(1) as u32);
                    }
                    let kwargs = if arg & 1 == 1 { Some(pop!(f)) } else { None };
                    let args = pop!(f);
                    let func = pop!(f);
                    let null = pop!(f);
                    let _ = null;
                    let profiled = self.profiler.is_some() && {
                        let first: Vec<Value> = match args.payload() {
                            Some(Payload::Tuple(t)) => t.iter().take(1).cloned().collect(),
                            _ => Vec::new(),
                        };
                        self.profile_c_call(&func, &first)
                    };
                    let result = self.call_ex(&func, &args, kwargs.as_ref());
                    if profiled {
                        self.profile_c_return(&func, result.is_err());
                    }
                    let result = result?;
                    push(&mut f.stack, result);
                }
                Opcode::MAKE_FUNCTION => {
                    let code_obj = pop!(f);
                    let closure = if arg & 8 != 0 { Some(pop!(f)) } else { None };
                    let annotations = if arg & 4 != 0 { Some(pop!(f)) } else { None };
                    let kwdefaults = if arg & 2 != 0 { Some(pop!(f)) } else { None };
                    let defaults = if arg & 1 != 0 { Some(pop!(f)) } else { None };
                    let func = self.make_function(
                        f,
                        code_obj,
                        defaults,
                        kwdefaults,
                        annotations,
                        closure,
                    )?;
                    push(&mut f.stack, func);
                }
                Opcode::RETURN_VALUE => {
                    let v = pop!(f);
                    if callees.is_empty() {
                        return Ok(Exit::Return(v));
                    }
                    // An inlined callee returns into its caller's loop.
                    self.leave_frame();
                    if self.profiler.is_some() {
                        self.profile_leave_frame(&f.code, Some(&v));
                    }
                    if callees.top_is_gen() {
                        self.gen_finish_inline(callees, None);
                        switch_to_innermost!();
                        // The generator resumed by the caller's `FOR_ITER` or `SEND` is
                        // exhausted: that instruction ends as on an exhausted iterator.
                        let Some(resumer) = instrs.get(f.ip.wrapping_sub(1)) else {
                            return Err(EvalError::Internal("generator returned nowhere"));
                        };
                        drop(pop!(f));
                        if resumer.op == Opcode::SEND {
                            push(&mut f.stack, v);
                        } else {
                            drop(v);
                        }
                        f.ip = resumer.arg as usize;
                        finalize!(self, f);
                        continue;
                    }
                    callees.pop();
                    switch_to_innermost!();
                    push(&mut f.stack, v);
                }
                Opcode::UNARY_POSITIVE | Opcode::UNARY_NEGATIVE | Opcode::UNARY_INVERT => {
                    let v = pop!(f);
                    let r = self.unary_op(ins.op, &v)?;
                    push(&mut f.stack, r);
                }
                Opcode::UNARY_NOT => {
                    let v = pop!(f);
                    let b = self.is_true(&v)?;
                    push(&mut f.stack, Value::bool(!b));
                }
                Opcode::BINARY_OP => {
                    let op = BinaryOp::from_u32(arg).ok_or(EvalError::Internal("bad binary op"))?;
                    // Numbers in place: the result overwrites the left operand's slot, built
                    // right there (no temporary, no reference counts).
                    let n = f.stack.len();
                    if n >= 2 {
                        use crate::objects::number::{float_arith, int_arith};
                        let base = op.base();
                        let (x, y) = (&f.stack[n - 2], &f.stack[n - 1]);
                        // Each arm stores its own variant: a merged `Option<Value>` would be
                        // built in a temporary and copied, which stalls (see `push`).
                        match (x, y) {
                            (Value::Int(x), Value::Int(y)) => {
                                if let Some(r) = int_arith(*x, *y, base) {
                                    forget_scalar_top(&mut f.stack);
                                    f.stack[n - 2] = Value::Int(r);
                                    continue;
                                }
                                if let Some(r) = crate::objects::number::int_fast(*x, *y, base) {
                                    forget_scalar_top(&mut f.stack);
                                    f.stack[n - 2] = r;
                                    continue;
                                }
                            }
                            (Value::Float(x), Value::Float(y)) => {
                                if let Some(r) = float_arith(x.get(), y.get(), base) {
                                    forget_scalar_top(&mut f.stack);
                                    f.stack[n - 2] = Value::float(r);
                                    continue;
                                }
                            }
                            (Value::Float(x), Value::Int(y)) if y.unsigned_abs() < (1 << 53) => {
                                if let Some(r) = float_arith(x.get(), *y as f64, base) {
                                    forget_scalar_top(&mut f.stack);
                                    f.stack[n - 2] = Value::float(r);
                                    continue;
                                }
                            }
                            (Value::Int(x), Value::Float(y)) if x.unsigned_abs() < (1 << 53) => {
                                if let Some(r) = float_arith(*x as f64, y.get(), base) {
                                    forget_scalar_top(&mut f.stack);
                                    f.stack[n - 2] = Value::float(r);
                                    continue;
                                }
                            }
                            _ => {}
                        }
                    }
                    let b = pop!(f);
                    let a = pop!(f);
                    let a = if op == BinaryOp::InplaceAdd {
                        match self.str_concat_in_place(f, a, &b) {
                            Ok(r) => {
                                push(&mut f.stack, r);
                                continue;
                            }
                            Err(a) => a,
                        }
                    } else {
                        a
                    };
                    let r = self.binary_op(&a, &b, op)?;
                    push(&mut f.stack, r);
                }
                Opcode::COMPARE_OP => {
                    let b = pop!(f);
                    let a = pop!(f);
                    let op =
                        CompareOp::from_u32(arg).ok_or(EvalError::Internal("bad compare op"))?;
                    match (&a, &b) {
                        (Value::Int(x), Value::Int(y)) => {
                            push_cond!(self, f, instrs, TRACE, crate::ops::cmp_ord(x.cmp(y), op));
                            continue;
                        }
                        (Value::Float(x), Value::Float(y)) => {
                            push_cond!(
                                self,
                                f,
                                instrs,
                                TRACE,
                                crate::ops::cmp_float(x.get(), y.get(), op)
                            );
                            continue;
                        }
                        (Value::Obj(x), Value::Obj(y)) => {
                            // Exact strs: WTF-8 byte order is code-point order.
                            if let (Payload::Str(sx), Payload::Str(sy)) = (&x.payload, &y.payload)
                                && x.class_is(&self.types.str)
                                && y.class_is(&self.types.str)
                            {
                                let r = match op {
                                    CompareOp::Eq => ObjRef::ptr_eq(x, y) || sx.wtf8() == sy.wtf8(),
                                    CompareOp::Ne => {
                                        !ObjRef::ptr_eq(x, y) && sx.wtf8() != sy.wtf8()
                                    }
                                    _ => crate::ops::cmp_ord(sx.wtf8().cmp(sy.wtf8()), op),
                                };
                                push_cond!(self, f, instrs, TRACE, r);
                                continue;
                            }
                        }
                        _ => {}
                    }
                    let r = self.compare(&a, &b, op)?;
                    push(&mut f.stack, r);
                }
                Opcode::IS_OP => {
                    let b = pop!(f);
                    let a = pop!(f);
                    push_cond!(self, f, instrs, TRACE, a.is(&b) != (arg == 1));
                }
                Opcode::CONTAINS_OP => {
                    let container = pop!(f);
                    let item = pop!(f);
                    let r = self.contains(&container, &item)?;
                    push_cond!(self, f, instrs, TRACE, r != (arg == 1));
                }
                Opcode::BINARY_SUBSCR => {
                    let key = pop!(f);
                    let obj = pop!(f);
                    if let (Value::Obj(o), Value::Int(i)) = (&obj, &key)
                        && let Some(v) = self.exact_seq_item(o, *i)
                    {
                        push(&mut f.stack, v);
                        continue;
                    }
                    let r = self.getitem(&obj, &key)?;
                    push(&mut f.stack, r);
                }
                Opcode::STORE_SUBSCR => {
                    let key = pop!(f);
                    let obj = pop!(f);
                    let v = pop!(f);
                    if let (Value::Obj(o), Value::Int(i)) = (&obj, &key)
                        && let Payload::List(l) = &o.payload
                        && o.class_is(&self.types.list)
                    {
                        let mut l = l.borrow_mut();
                        let n = l.len() as i64;
                        let idx = if *i < 0 { *i + n } else { *i };
                        if (0..n).contains(&idx) {
                            let old = l.replace(idx as usize, v);
                            drop(l);
                            drop(old);
                            finalize!(self, f);
                            continue;
                        }
                        drop(l);
                        self.setitem(&obj, key, v)?;
                        finalize!(self, f);
                        continue;
                    }
                    self.setitem(&obj, key, v)?;
                    drop(obj);
                    finalize!(self, f);
                }
                Opcode::DELETE_SUBSCR => {
                    let key = pop!(f);
                    let obj = pop!(f);
                    self.delitem(&obj, key)?;
                    drop(obj);
                    finalize!(self, f);
                }
                Opcode::GET_ITER => {
                    let v = pop!(f);
                    let it = self.iter(&v)?;
                    push(&mut f.stack, it);
                }
                Opcode::GET_YIELD_FROM_ITER => {
                    let v = pop!(f);
                    let it = match &v {
                        Value::Obj(o) if o.class_is(&self.types.generator) => v,
                        Value::Obj(o) if o.class_is(&self.types.coroutine) => {
                            let flags = code.co.flags.0;
                            let ok = krait_bytecode::CodeFlags::COROUTINE
                                | krait_bytecode::CodeFlags::ITERABLE_COROUTINE;
                            if flags & ok == 0 {
                                return Err(self
                                    .type_error("cannot 'yield from' a coroutine object in a non-coroutine generator")
                                    .into());
                            }
                            v
                        }
                        _ => self.iter(&v)?,
                    };
                    push(&mut f.stack, it);
                }
                Opcode::FOR_ITER => {
                    // A small range steps in place: no reference-count traffic, no dispatch.
                    let stepped = match f.stack.last() {
                        Some(Value::Obj(o)) => match &o.payload {
                            Payload::Iter(state) => match &mut *state.borrow_mut() {
                                IterState::Range { next, stop, step }
                                    if *step > 0 && *next < *stop =>
                                {
                                    let v = *next;
                                    *next = next.checked_add(*step).unwrap_or(*stop);
                                    Some(v)
                                }
                                _ => None,
                            },
                            _ => None,
                        },
                        _ => None,
                    };
                    if let Some(v) = stepped {
                        push(&mut f.stack, Value::Int(v));
                        continue;
                    }
                    // A sequence iterator steps by index (`iter_next`'s `Seq` arm, with
                    // its end left to the full path so the iterator is marked done there).
                    let item = match f.stack.last() {
                        Some(Value::Obj(o)) => match &o.payload {
                            Payload::Iter(state) => match &mut *state.borrow_mut() {
                                IterState::Seq { seq, index } => {
                                    let v = crate::objects::iterators::seq_item(seq, *index);
                                    if v.is_some() {
                                        *index += 1;
                                    }
                                    v
                                }
                                _ => None,
                            },
                            _ => None,
                        },
                        _ => None,
                    };
                    if let Some(v) = item {
                        push(&mut f.stack, v);
                        continue;
                    }
                    // A generator runs its frame in this loop (`FOR_ITER_GEN`).
                    if let Some(Value::Obj(o)) = f.stack.last()
                        && o.class_is(&self.types.generator)
                    {
                        self.tick(1)?;
                        if let Some(nf) = self.gen_push_inline(o, None, callees)? {
                            switch_to!(nf);
                            if !TRACE && self.trace_lines {
                                return Err(EvalError::Retrace);
                            }
                            continue;
                        }
                        let o = o.clone();
                        match crate::generator::gen_next(self, &o)? {
                            Some(v) => push(&mut f.stack, v),
                            None => {
                                f.stack.pop();
                                f.ip = arg as usize;
                            }
                        }
                        continue;
                    }
                    let it = f.stack.last().cloned().ok_or_else(stack_underflow)?;
                    match self.next(&it)? {
                        Some(v) => push(&mut f.stack, v),
                        None => {
                            f.stack.pop();
                            f.ip = arg as usize;
                        }
                    }
                }
                Opcode::JUMP_FORWARD | Opcode::JUMP_BACKWARD_NO_INTERRUPT => f.ip = arg as usize,
                Opcode::JUMP_BACKWARD => {
                    finalize!(self, f);
                    // The loop body's length stands for the instructions one iteration ran.
                    let cost = f.ip.saturating_sub(arg as usize) as i64;
                    f.ip = arg as usize;
                    code.tick_warmup();
                    self.check_interrupt(cost)?;
                }
                Opcode::POP_JUMP_IF_TRUE => {
                    let v = pop!(f);
                    if self.is_true(&v)? {
                        jump_to!(self, f, arg);
                    }
                }
                Opcode::POP_JUMP_IF_FALSE => {
                    let v = pop!(f);
                    if let Value::Bool(b) = v {
                        if !b.get() {
                            jump_to!(self, f, arg);
                        }
                        continue;
                    }
                    if !self.is_true(&v)? {
                        jump_to!(self, f, arg);
                    }
                }
                Opcode::POP_JUMP_IF_NONE => {
                    if pop!(f).is_none() {
                        jump_to!(self, f, arg);
                    }
                }
                Opcode::POP_JUMP_IF_NOT_NONE => {
                    if !pop!(f).is_none() {
                        jump_to!(self, f, arg);
                    }
                }
                Opcode::JUMP_IF_TRUE_OR_POP => {
                    let v = f.stack.last().cloned().ok_or_else(stack_underflow)?;
                    if self.is_true(&v)? {
                        f.ip = arg as usize;
                    } else {
                        f.stack.pop();
                    }
                }
                Opcode::JUMP_IF_FALSE_OR_POP => {
                    let v = f.stack.last().cloned().ok_or_else(stack_underflow)?;
                    if !self.is_true(&v)? {
                        f.ip = arg as usize;
                    } else {
                        f.stack.pop();
                    }
                }
                Opcode::BUILD_TUPLE => {
                    // A pair is stored in the tuple object itself: no vector in between.
                    if arg == 2 && f.stack.len() >= 2 {
                        let b = f.stack.pop().unwrap_or(Value::None);
                        let a = f.stack.pop().unwrap_or(Value::None);
                        push(&mut f.stack, self.new_pair(a, b));
                    } else {
                        let items = split_top(f, arg)?;
                        push(&mut f.stack, self.new_tuple(items));
                    }
                }
                Opcode::BUILD_LIST => {
                    let n = arg as usize;
                    let Some(at) = f.stack.len().checked_sub(n) else {
                        return Err(stack_underflow());
                    };
                    let items: crate::objects::list::ListItems = f.stack.drain(at..).collect();
                    push(&mut f.stack, self.new_list(items));
                }
                Opcode::BUILD_SET => {
                    let items = split_top(f, arg)?;
                    let s = self.new_set_from(items)?;
                    push(&mut f.stack, s);
                }
                Opcode::BUILD_MAP => {
                    let items = split_top(f, arg * 2)?;
                    let d = self.new_dict();
                    let dv = Value::Obj(d);
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        self.setitem(&dv, k, v)?;
                    }
                    push(&mut f.stack, dv);
                }
                Opcode::BUILD_CONST_KEY_MAP => {
                    let keys = pop!(f);
                    let values = split_top(f, arg)?;
                    let d = Value::Obj(self.new_dict());
                    let keys = self.seq_to_vec(&keys)?;
                    for (k, v) in keys.into_iter().zip(values) {
                        self.setitem(&d, k, v)?;
                    }
                    push(&mut f.stack, d);
                }
                Opcode::BUILD_STRING => {
                    let parts = split_top(f, arg)?;
                    let s = self.concat_strs(&parts)?;
                    push(&mut f.stack, s);
                }
                Opcode::BUILD_SLICE => {
                    // `s[i:j]` of an exact str or list with int or `None` bounds: the slice
                    // is taken here, with no slice object made (3.12's `BINARY_SLICE`).
                    if !TRACE
                        && arg == 2
                        && let Some(next) = instrs.get(f.ip)
                        && next.op == Opcode::BINARY_SUBSCR
                        && let Some(r) = self.slice_now(&f.stack)
                    {
                        f.ip += 1;
                        let base = f.stack.len() - 3;
                        truncate_small(&mut f.stack, base);
                        push(&mut f.stack, r);
                        continue;
                    }
                    let step = if arg == 3 { pop!(f) } else { Value::None };
                    let stop = pop!(f);
                    let start = pop!(f);
                    push(&mut f.stack, self.new_slice(start, stop, step));
                }
                Opcode::LIST_APPEND => {
                    let v = pop!(f);
                    let list = peek(f, arg)?;
                    if let Some(Payload::List(l)) = list.payload() {
                        l.borrow_mut().push(v);
                    }
                }
                Opcode::SET_ADD => {
                    let v = pop!(f);
                    let set = peek(f, arg)?;
                    self.set_add(&set, v)?;
                }
                Opcode::MAP_ADD => {
                    let v = pop!(f);
                    let k = pop!(f);
                    let d = peek(f, arg)?;
                    self.setitem(&d, k, v)?;
                }
                Opcode::LIST_EXTEND => {
                    let it = pop!(f);
                    let list = peek(f, arg)?;
                    self.list_extend(&list, &it)?;
                }
                Opcode::SET_UPDATE => {
                    let it = pop!(f);
                    let set = peek(f, arg)?;
                    crate::objects::setmethods::update_with(self, &set, &it)?;
                }
                Opcode::DICT_UPDATE => {
                    let m = pop!(f);
                    let d = peek(f, arg)?;
                    self.dict_update(&d, &m, false)?;
                }
                Opcode::DICT_MERGE => {
                    let m = pop!(f);
                    let d = peek(f, arg)?;
                    let func = f
                        .stack
                        .get(f.stack.len().wrapping_sub(arg as usize + 2))
                        .cloned();
                    self.dict_merge_kwargs(&d, &m, func.as_ref())?;
                }
                Opcode::LIST_TO_TUPLE => {
                    let l = pop!(f);
                    let items = match l.payload() {
                        Some(Payload::List(l)) => l.borrow().to_vec(),
                        _ => return Err(EvalError::Internal("LIST_TO_TUPLE on non-list")),
                    };
                    push(&mut f.stack, self.new_tuple(items));
                }
                Opcode::UNPACK_SEQUENCE => {
                    let seq = pop!(f);
                    // An exact tuple or list of the right length spreads straight onto the
                    // stack (CPython's UNPACK_SEQUENCE_TUPLE/LIST); anything else iterates.
                    if let Value::Obj(o) = &seq {
                        let pushed = match &o.payload {
                            Payload::Tuple(t)
                                if t.len() == arg as usize && o.class_is(&self.types.tuple) =>
                            {
                                f.stack.extend(t.iter().rev().cloned());
                                true
                            }
                            Payload::List(l)
                                if o.class_is(&self.types.list)
                                    && l.borrow().len() == arg as usize =>
                            {
                                f.stack.extend(l.borrow().iter().rev());
                                true
                            }
                            _ => false,
                        };
                        if pushed {
                            continue;
                        }
                    }
                    let items = self.unpack(&seq, arg as usize, None)?;
                    f.stack.extend(items.into_iter().rev());
                }
                Opcode::UNPACK_EX => {
                    let seq = pop!(f);
                    let before = (arg & 0xff) as usize;
                    let after = (arg >> 8) as usize;
                    let items = self.unpack(&seq, before, Some(after))?;
                    f.stack.extend(items.into_iter().rev());
                }
                Opcode::FORMAT_VALUE => {
                    let spec = if arg & 4 != 0 { Some(pop!(f)) } else { None };
                    let v = pop!(f);
                    let v = match arg & 3 {
                        1 => self.str(&v)?,
                        2 => self.repr(&v)?,
                        3 => self.ascii(&v)?,
                        _ => v,
                    };
                    let r = self.format(&v, spec.as_ref())?;
                    push(&mut f.stack, r);
                }
                Opcode::LOAD_BUILD_CLASS => {
                    let name = self.intern("__build_class__");
                    let v = self.load_builtin(f, &name)?;
                    push(&mut f.stack, v);
                }
                Opcode::LOAD_ASSERTION_ERROR => {
                    push(&mut f.stack, Value::Obj(self.types.assertion_error.clone()))
                }
                Opcode::SETUP_ANNOTATIONS => {
                    let l = f
                        .locals
                        .clone()
                        .ok_or(EvalError::Internal("SETUP_ANNOTATIONS without locals"))?;
                    let key = Value::Obj(self.intern("__annotations__"));
                    if self.mapping_get(&l, &key)?.is_none() {
                        let d = Value::Obj(self.new_dict());
                        self.setitem(&l, key, d)?;
                    }
                }
                Opcode::IMPORT_NAME => {
                    let fromlist = pop!(f);
                    let level = pop!(f);
                    let name = code.names[arg as usize].clone();
                    let m = self.import_name(f, &name, &fromlist, &level)?;
                    push(&mut f.stack, m);
                }
                Opcode::IMPORT_FROM => {
                    let m = f.stack.last().cloned().ok_or_else(stack_underflow)?;
                    let v = self.import_from(&m, &code.names[arg as usize])?;
                    push(&mut f.stack, v);
                }
                Opcode::IMPORT_STAR => {
                    let m = pop!(f);
                    self.import_star(f, &m)?;
                }
                Opcode::PRINT_EXPR => {
                    let v = pop!(f);
                    self.display_hook(&v)?;
                }
                Opcode::RAISE_VARARGS => {
                    let err = match arg {
                        0 => self.reraise_current()?,
                        1 => {
                            let exc = pop!(f);
                            self.make_raise(&exc, None)?
                        }
                        _ => {
                            let cause = pop!(f);
                            let exc = pop!(f);
                            self.make_raise(&exc, Some(cause))?
                        }
                    };
                    return Err(EvalError::Py(err));
                }
                Opcode::RERAISE => {
                    let exc = pop!(f);
                    if arg != 0 {
                        // The saved lasti: tracebacks keep the original position.
                        pop!(f);
                    }
                    match exc {
                        Value::Obj(o) if matches!(o.payload, Payload::Exception(_)) => {
                            return Err(EvalError::Py(self.reraised(PyErr(o))));
                        }
                        _ => return Err(EvalError::Internal("RERAISE of a non-exception")),
                    }
                }
                Opcode::PUSH_EXC_INFO => {
                    let exc = pop!(f);
                    let prev = self.handled.last().cloned().unwrap_or(Value::None);
                    push(&mut f.stack, prev);
                    self.handled.push(exc.clone());
                    push(&mut f.stack, exc);
                }
                Opcode::POP_EXCEPT => {
                    pop!(f);
                    self.handled.pop();
                }
                Opcode::CHECK_EXC_MATCH => {
                    let ty = pop!(f);
                    let exc = f.stack.last().cloned().ok_or_else(stack_underflow)?;
                    let r = self.exception_matches(&exc, &ty)?;
                    push(&mut f.stack, Value::bool(r));
                }
                Opcode::CHECK_EG_MATCH => {
                    let ty = pop!(f);
                    let eg = pop!(f);
                    let (rest, matched) = self.exception_group_match(&eg, &ty)?;
                    push(&mut f.stack, rest);
                    push(&mut f.stack, matched);
                }
                Opcode::PREP_RERAISE_STAR => {
                    let list = pop!(f);
                    let orig = pop!(f);
                    let r = self.prep_reraise_star(&orig, &list)?;
                    push(&mut f.stack, r);
                }
                Opcode::BEFORE_WITH => {
                    let mgr = pop!(f);
                    let (exit, entered) = self.before_with(&mgr)?;
                    push(&mut f.stack, exit);
                    push(&mut f.stack, entered);
                }
                Opcode::WITH_EXCEPT_START => {
                    let n = f.stack.len();
                    if n < 4 {
                        return Err(stack_underflow());
                    }
                    let exc = f.stack[n - 1].clone();
                    let exit = f.stack[n - 4].clone();
                    let ty = self.type_of(&exc);
                    let tb = match exc.payload() {
                        Some(Payload::Exception(d)) => d.traceback.borrow().clone(),
                        _ => Value::None,
                    };
                    let r = self.call(&exit, Args::positional(&[Value::Obj(ty), exc, tb]))?;
                    push(&mut f.stack, r);
                }
                Opcode::GET_LEN => {
                    let v = f.stack.last().cloned().ok_or_else(stack_underflow)?;
                    let n = self.len(&v)?;
                    push(&mut f.stack, Value::Int(n as i64));
                }
                Opcode::MATCH_MAPPING => {
                    let v = f.stack.last().cloned().ok_or_else(stack_underflow)?;
                    let r = self.is_mapping_for_match(&v);
                    push(&mut f.stack, Value::bool(r));
                }
                Opcode::MATCH_SEQUENCE => {
                    let v = f.stack.last().cloned().ok_or_else(stack_underflow)?;
                    let r = self.is_sequence_for_match(&v);
                    push(&mut f.stack, Value::bool(r));
                }
                Opcode::MATCH_KEYS => {
                    let n = f.stack.len();
                    if n < 2 {
                        return Err(stack_underflow());
                    }
                    let keys = f.stack[n - 1].clone();
                    let subject = f.stack[n - 2].clone();
                    let r = self.match_keys(&subject, &keys)?;
                    push(&mut f.stack, r);
                }
                Opcode::MATCH_CLASS => {
                    let names = pop!(f);
                    let cls = pop!(f);
                    let subject = pop!(f);
                    let r = self.match_class(&subject, &cls, arg as usize, &names)?;
                    push(&mut f.stack, r);
                }
                Opcode::RETURN_GENERATOR => {
                    return Err(EvalError::Internal(
                        "RETURN_GENERATOR outside generator creation",
                    ));
                }
                Opcode::YIELD_VALUE => {
                    let v = pop!(f);
                    if callees.is_empty() {
                        return Ok(Exit::Yield(v));
                    }
                    // A generator resumed in this loop yields to the `FOR_ITER` or `SEND`
                    // that resumed it, which pushes the value.
                    self.leave_frame();
                    if self.profiler.is_some() {
                        self.profile_leave_frame(&f.code, Some(&v));
                    }
                    if !self.gen_yield_inline(callees) {
                        return Err(EvalError::Internal("yield in an inlined function"));
                    }
                    switch_to_innermost!();
                    push(&mut f.stack, v);
                }
                Opcode::SEND => {
                    // A generator or coroutine runs its frame in this loop (`SEND_GEN`).
                    let n = f.stack.len();
                    let sub = match f.stack.get(n.wrapping_sub(2)) {
                        Some(Value::Obj(o))
                            if matches!(o.payload, Payload::Generator(_))
                                && (o.class_is(&self.types.generator)
                                    || o.class_is(&self.types.coroutine)) =>
                        {
                            Some(o.clone())
                        }
                        _ => None,
                    };
                    if let Some(sub) = sub
                        && let Some(nf) = self.gen_push_inline(&sub, Some(&mut f.stack), callees)?
                    {
                        switch_to!(nf);
                        if !TRACE && self.trace_lines {
                            return Err(EvalError::Retrace);
                        }
                        continue;
                    }
                    let v = pop!(f);
                    let sub = f.stack.last().cloned().ok_or_else(stack_underflow)?;
                    match self.send(&sub, v)? {
                        Exit::Yield(y) => push(&mut f.stack, y),
                        Exit::Return(r) => {
                            f.stack.pop();
                            push(&mut f.stack, r);
                            f.ip = arg as usize;
                        }
                    }
                }
                Opcode::GET_AWAITABLE => {
                    let v = pop!(f);
                    let a = self.get_awaitable(&v, arg)?;
                    push(&mut f.stack, a);
                }
                Opcode::GET_AITER => {
                    let v = pop!(f);
                    let a = self.get_aiter(&v)?;
                    push(&mut f.stack, a);
                }
                Opcode::GET_ANEXT => {
                    let v = f.stack.last().cloned().ok_or_else(stack_underflow)?;
                    let a = self.get_anext(&v)?;
                    push(&mut f.stack, a);
                }
                Opcode::END_ASYNC_FOR => {
                    let exc = pop!(f);
                    pop!(f);
                    let stop = self.types.stop_async_iteration.clone();
                    if !self.isinstance_exact_or_sub(&exc, &stop) {
                        if let Value::Obj(o) = exc {
                            return Err(EvalError::Py(self.reraised(PyErr(o))));
                        }
                        return Err(EvalError::Internal("END_ASYNC_FOR without exception"));
                    }
                }
                Opcode::BEFORE_ASYNC_WITH => {
                    let mgr = pop!(f);
                    let (exit, entered) = self.before_async_with(&mgr)?;
                    push(&mut f.stack, exit);
                    push(&mut f.stack, entered);
                }
                Opcode::ASYNC_GEN_WRAP => {
                    let v = pop!(f);
                    push(&mut f.stack, self.async_gen_wrap(v));
                }
            }
        }
    }

    /// The locals of a frame as a mapping: the namespace of module and class bodies, a fresh
    /// dict of the bound fast locals (and cell contents) in functions.
    fn locals_snapshot(&mut self, f: &mut Frame) -> PyResult<Value> {
        if let Some(l) = &f.locals {
            return Ok(l.clone());
        }
        let d = match &f.locals_dict {
            Some(d) => d.clone(),
            None => {
                let d = self.new_dict();
                f.locals_dict = Some(d.clone());
                d
            }
        };
        for (i, name) in f.code.local_names.iter().enumerate() {
            let kind = f.code.co.localsplus_kinds[i];
            let mut v = f.fast[i].clone();
            if kind.has(krait_bytecode::LocalKind::CELL)
                || kind.has(krait_bytecode::LocalKind::FREE)
            {
                v = self.cell_get(&v);
            }
            if !v.is_null() {
                self.dict_set(&d, Value::Obj(name.clone()), v)?;
            } else {
                self.dict_del(&d, &Value::Obj(name.clone()))?;
            }
        }
        Ok(Value::Obj(d))
    }

    /// `s += t` for a local `s` that holds the only other reference: drop the local's
    /// reference first (the `STORE_FAST` that follows rebinds it anyway) and append in place,
    /// as CPython's `unicode_concatenate` does, so building a string in a loop is linear.
    fn str_concat_in_place(&mut self, f: &mut Frame, a: Value, b: &Value) -> Result<Value, Value> {
        let (Value::Obj(ao), Value::Obj(bo)) = (&a, b) else {
            return Err(a);
        };
        let str_t = &self.types.str;
        if !matches!(ao.payload, Payload::Str(_))
            || !ao.class_is(str_t)
            || !matches!(bo.payload, Payload::Str(_))
            || !bo.class_is(str_t)
        {
            return Err(a);
        }
        let Some(next) = f.code.co.instructions.get(f.ip) else {
            return Err(a);
        };
        if next.op != Opcode::STORE_FAST {
            return Err(a);
        }
        let idx = next.arg as usize;
        match f.fast.get_mut(idx) {
            Some(slot) if slot.is(&a) => *slot = Value::Null,
            _ => return Err(a),
        }
        let mut a = a;
        let appended = match &mut a {
            Value::Obj(o) => match o.get_mut() {
                Some(obj) => match (&mut obj.payload, &bo.payload) {
                    (Payload::Str(s), Payload::Str(t)) => {
                        s.push_str(t);
                        true
                    }
                    _ => false,
                },
                None => false,
            },
            _ => false,
        };
        if appended {
            Ok(a)
        } else {
            // Someone else holds it: put the local back and take the normal path.
            if let Some(slot) = f.fast.get_mut(idx) {
                *slot = a.clone();
            }
            Err(a)
        }
    }

    /// `obj[start:stop]` for the top three values, when `obj` is an exact str or list and
    /// both bounds are ints or `None`: what `BINARY_SUBSCR` of the slice would give.
    #[inline(never)]
    fn slice_now(&mut self, stack: &[Value]) -> Option<Value> {
        let [obj, start, stop] = stack.last_chunk::<3>()?;
        let bound = |v: &Value| match v {
            Value::Int(i) => Some(Some(*i as isize)),
            Value::None => Some(None),
            _ => None,
        };
        let (start, stop) = (bound(start)?, bound(stop)?);
        let Value::Obj(o) = obj else {
            return None;
        };
        match &o.payload {
            Payload::Str(s) if o.class_is(&self.types.str) => Some(
                crate::objects::strmethods::exact_str_slice(self, obj, s, start, stop),
            ),
            Payload::List(l) if o.class_is(&self.types.list) => {
                let items = {
                    let l = l.borrow();
                    let (start, _, _, n) =
                        crate::objects::slicing::adjust_indices(l.len(), start, stop, 1);
                    crate::objects::list::slice_list(&l, start, 1, n)
                };
                Some(self.new_list(items))
            }
            _ => None,
        }
    }

    /// `o[i]` for an exact list or tuple and an in-range index, without a method call.
    #[inline]
    fn exact_seq_item(&self, o: &ObjRef, i: i64) -> Option<Value> {
        match &o.payload {
            Payload::List(l) if o.class_is(&self.types.list) => {
                let l = l.borrow();
                let idx = if i < 0 { i + l.len() as i64 } else { i };
                if idx < 0 { None } else { l.get(idx as usize) }
            }
            Payload::Tuple(t) if o.class_is(&self.types.tuple) => {
                let idx = if i < 0 { i + t.len() as i64 } else { i };
                if idx < 0 {
                    None
                } else {
                    t.get(idx as usize).cloned()
                }
            }
            _ => None,
        }
    }

    /// The interrupt check (limits, signals, host cancel; see `limits.rs`): count `cost`
    /// instructions against the tick counter, and look at everything else only when it runs
    /// out, in the cold `limits_slow_check`.
    #[inline(always)]
    pub fn check_interrupt(&mut self, cost: i64) -> PyResult<()> {
        self.tick(cost)
    }

    fn unbound_local(&mut self, name: &str) -> PyErr {
        let t = self.types.unbound_local_error.clone();
        self.new_exception_msg(
            &t,
            format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }

    fn unbound_deref(&mut self, f: &Frame, idx: usize) -> PyErr {
        let name = f.code.co.localsplus[idx].clone();
        let is_free = f.code.co.localsplus_kinds[idx].has(krait_bytecode::LocalKind::FREE);
        if is_free {
            let t = self.types.name_error.clone();
            self.new_exception_msg(&t, format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"))
        } else {
            self.unbound_local(&name)
        }
    }

    /// A new closure cell holding `v` (`Null` for empty).
    pub fn new_cell(&self, v: Value) -> ObjRef {
        ObjRef::new(
            self.types.cell.clone(),
            Payload::Cell(std::cell::RefCell::new(v)),
        )
    }

    fn cell_get(&self, cell: &Value) -> Value {
        match cell.payload() {
            Some(Payload::Cell(c)) => c.borrow().clone(),
            _ => Value::Null,
        }
    }

    fn cell_set(&self, cell: &Value, v: Value) {
        if let Some(Payload::Cell(c)) = cell.payload() {
            *c.borrow_mut() = v;
        }
    }

    fn load_name(&mut self, f: &Frame, name: &ObjRef) -> PyResult<Value> {
        if let Some(l) = &f.locals {
            let l = l.clone();
            if let Some(v) = self.mapping_get(&l, &Value::Obj(name.clone()))? {
                return Ok(v);
            }
        }
        self.load_global(f, name)
    }

    fn load_global(&mut self, f: &Frame, name: &ObjRef) -> PyResult<Value> {
        if let Some(v) = self.dict_get_str_obj(&f.globals, name) {
            return Ok(v);
        }
        self.load_builtin(f, name)
    }

    /// `LOAD_GLOBAL` through the code object's cache (see [`crate::frame::GlobalCache`]).
    #[inline]
    fn load_global_cached(&mut self, f: &Frame, code: &Code, ni: usize) -> PyResult<Value> {
        let (Some(slot), Some(name)) = (code.caches().global.get(ni), code.names.get(ni)) else {
            return Err(self.system_error_msg("bad global name index"));
        };
        if let (Payload::Dict(g), Payload::Dict(b)) = (&f.globals.payload, &f.builtins.payload) {
            match slot.kind.get() {
                GLOBAL_IN_GLOBALS => {
                    if let Some(v) = g.borrow().value_if_key_is(slot.index.get() as usize, name) {
                        return Ok(v.clone());
                    }
                }
                GLOBAL_IN_BUILTINS => {
                    let same_globals = matches!(&*slot.globals.borrow(),
                        Some(d) if ObjRef::ptr_eq(d, &f.globals));
                    if same_globals
                        && g.borrow().version == slot.version.get()
                        && let Some(v) = b.borrow().value_if_key_is(slot.index.get() as usize, name)
                    {
                        return Ok(v.clone());
                    }
                }
                _ => {}
            }
            // Miss: look the name up and remember where it was found.
            if let Payload::Str(ns) = &name.payload {
                let h = self.str_hash(ns);
                let gt = g.borrow();
                if let Some(i) = dict_find_name(&gt, name, ns.wtf8(), h) {
                    slot.kind.set(GLOBAL_IN_GLOBALS);
                    slot.index.set(i as u32);
                    return gt
                        .value_at(i)
                        .map(|v| v.clone())
                        .ok_or_else(|| self.system_error_msg("bad dict entry"));
                }
                let version = gt.version;
                drop(gt);
                let bt = b.borrow();
                if let Some(i) = dict_find_name(&bt, name, ns.wtf8(), h) {
                    slot.kind.set(GLOBAL_IN_BUILTINS);
                    slot.index.set(i as u32);
                    slot.version.set(version);
                    *slot.globals.borrow_mut() = Some(f.globals.clone());
                    return bt
                        .value_at(i)
                        .map(|v| v.clone())
                        .ok_or_else(|| self.system_error_msg("bad dict entry"));
                }
            }
        }
        let name = name.clone();
        self.load_global(f, &name)
    }

    fn load_builtin(&mut self, f: &Frame, name: &ObjRef) -> PyResult<Value> {
        if let Some(v) = self.dict_get_str_obj(&f.builtins, name) {
            return Ok(v);
        }
        Err(self.name_error(name, Some(f)))
    }
}

/// Push onto a value stack. The capacity check comes first and its cold path does not take
/// the value, so the value goes from registers straight into its slot: a value spilled to a
/// temporary by two narrow stores and reloaded with one 16-byte load stalls on store
/// forwarding, which cost more than the rest of a simple instruction.
#[inline(always)]
fn push(stack: &mut Vec<Value>, v: Value) {
    if stack.len() == stack.capacity() {
        grow_one(stack);
    }
    let n = stack.len();
    // SAFETY: the capacity exceeds `n` (checked and grown above), so index `n` is allocated and
    // unused; after the write the first `n + 1` elements are initialised.
    unsafe {
        stack.as_mut_ptr().add(n).write(v);
        stack.set_len(n + 1);
    }
}

/// Fill parameters `given..want` of a frame just pushed from its function's `__defaults__`
/// (the call passed fewer positional arguments than the function has parameters).
#[inline(never)]
fn fill_defaults(f: &mut Frame, given: usize, want: usize) {
    if let Some(Payload::Function(fd)) = f.func.as_ref().map(|o| &o.payload)
        && let Value::Obj(d) = &*fd.defaults.borrow()
        && let Payload::Tuple(t) = &d.payload
    {
        let from = t.len() - (want - given);
        for (slot, v) in f.fast[given..want].iter_mut().zip(&t[from..]) {
            *slot = v.clone();
        }
    }
}

/// Drop the top of the stack, known to be an int or a float: it owns nothing, so no drop
/// code runs (`truncate` would call the out-of-line slice drop).
#[inline(always)]
fn forget_scalar_top(stack: &mut Vec<Value>) {
    debug_assert!(matches!(
        stack.last(),
        Some(Value::Int(_) | Value::Float(_))
    ));
    std::mem::forget(stack.pop());
}

/// Drop values down to `len`: the few a call leaves (callable, `self` or `NULL`) are dropped
/// inline, one by one, instead of by the out-of-line slice drop `truncate` calls.
#[inline(always)]
fn truncate_small(stack: &mut Vec<Value>, len: usize) {
    while stack.len() > len {
        drop(stack.pop());
    }
}

#[cold]
#[inline(never)]
fn grow_one(stack: &mut Vec<Value>) {
    stack.reserve(1);
}

/// Pop the top `n` values, in stack order.
fn split_top(f: &mut Frame, n: u32) -> Result<Vec<Value>, EvalError> {
    let n = n as usize;
    if f.stack.len() < n {
        return Err(stack_underflow());
    }
    let at = f.stack.len() - n;
    Ok(f.stack.split_off(at))
}

/// The value `n` items below the top (after the caller popped its operands).
fn peek(f: &Frame, n: u32) -> Result<Value, EvalError> {
    let len = f.stack.len();
    f.stack
        .get(len.wrapping_sub(n as usize))
        .cloned()
        .ok_or_else(stack_underflow)
}
