//! `sys.settrace` and `sys.setprofile` with Python functions (CPython: `Python/ceval.c`'s
//! `call_trace`, `maybe_call_line_trace`, `Python/sysmodule.c`'s `trace_trampoline`).
//!
//! The hooks ride on the profiler's: while a function is set, `Vm::profiler` holds a marker
//! (unless `_lsprof` already holds its profiler), so the call paths that test it for
//! `_lsprof` report calls and returns here, and nothing else costs anything when no hook is
//! set. Line events need a look at every instruction: the eval loop has a tracing variant
//! (`eval.rs`), chosen while `Vm::trace_lines` is set.
//!
//! Each traced frame gets one frame object, kept while it runs, so `f_trace`, `f_lineno` and
//! `f_locals` are the running frame's; frames entered before the function was set are not
//! traced (CPython traces them only if their `f_trace` is set by hand, which Krait's
//! snapshot frames cannot offer).

use std::rc::Rc;

use crate::frame::{Code, Frame, FrameInfo};
use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

/// The functions set and the frames being traced.
#[derive(Default)]
pub struct TraceState {
    /// `sys.settrace`'s function.
    pub trace: Option<Value>,
    /// `sys.setprofile`'s function.
    pub profile: Option<Value>,
    /// The traced frames, innermost last.
    pub frames: Vec<TraceFrame>,
    /// A hook is running: no events (CPython's `tstate->tracing`).
    pub busy: bool,
    /// The object put in `Vm::profiler` as the marker.
    pub marker: Option<ObjRef>,
}

/// One traced frame.
pub struct TraceFrame {
    /// `Vm::frames.len()` while it runs.
    pub depth: usize,
    /// Its frame object.
    pub obj: ObjRef,
    /// `f_trace`: the local trace function.
    pub f_trace: Option<Value>,
    /// The last instruction seen (line events), `None` before the first.
    pub last_ip: Option<usize>,
    /// Instructions up to this index (the first `RESUME`) are never line-traced.
    pub first_traceable: usize,
    /// `f_locals`, refreshed at each event of a function frame.
    pub locals: Option<Value>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Trace,
    Profile,
}

impl Vm {
    /// Install or remove `sys.settrace`'s / `sys.setprofile`'s function.
    pub fn set_trace_hook(&mut self, profile: bool, func: Option<Value>) {
        let st = self.tracing.get_or_insert_with(Default::default);
        if profile {
            st.profile = func;
        } else {
            st.trace = func;
        }
        let active = st.trace.is_some() || st.profile.is_some();
        self.trace_lines = st.trace.is_some();
        if active {
            if self.profiler.is_none() {
                let marker = self.tracing.as_mut().and_then(|s| s.marker.clone());
                let marker = match marker {
                    Some(m) => m,
                    None => {
                        let m = ObjRef::new(self.types.object.clone(), Payload::plain());
                        if let Some(s) = self.tracing.as_mut() {
                            s.marker = Some(m.clone());
                        }
                        m
                    }
                };
                self.profiler = Some(marker);
            }
        } else {
            let is_marker = matches!((&self.profiler, self.tracing.as_ref().and_then(|s| s.marker.as_ref())),
                (Some(p), Some(m)) if ObjRef::ptr_eq(p, m));
            if is_marker {
                self.profiler = None;
            }
            self.tracing = None;
        }
    }

    /// The profiler field's value when it is the trace marker (taken out, at a thread switch).
    pub(crate) fn take_trace_marker(&mut self) -> Option<ObjRef> {
        let m = self.tracing.as_ref().and_then(|s| s.marker.as_ref())?;
        if self.profiler.as_ref().is_some_and(|p| ObjRef::ptr_eq(p, m)) {
            return self.profiler.take();
        }
        None
    }

    /// `sys.gettrace()` / `sys.getprofile()`.
    pub fn trace_hook(&self, profile: bool) -> Value {
        let f = self.tracing.as_ref().and_then(|s| {
            if profile {
                s.profile.clone()
            } else {
                s.trace.clone()
            }
        });
        f.unwrap_or(Value::None)
    }

    /// Whether the profiler field holds only the trace marker (no `_lsprof` profiler).
    fn lsprof_active(&self) -> bool {
        match (
            &self.profiler,
            self.tracing.as_ref().and_then(|s| s.marker.as_ref()),
        ) {
            (Some(p), Some(m)) => !ObjRef::ptr_eq(p, m),
            (Some(_), None) => true,
            _ => false,
        }
    }

    /// A frame was entered (its record is on `Vm::frames`): the `call` events, then
    /// `_lsprof`'s.
    #[cold]
    #[inline(never)]
    pub(crate) fn profile_enter_frame(&mut self, frame: &Frame) -> PyResult<()> {
        if self.tracing.is_some() {
            self.trace_call(frame)?;
        }
        if self.lsprof_active() {
            self.profile_enter(&frame.code);
        }
        Ok(())
    }

    /// A Python frame leaves (returns, yields or unwinds; its record is already popped):
    /// the `return` events (`ret` is `None` when an exception leaves), then `_lsprof`'s.
    #[cold]
    #[inline(never)]
    pub(crate) fn profile_leave_frame(&mut self, code: &Rc<Code>, ret: Option<&Value>) {
        if self.tracing.is_some() {
            self.trace_return(ret);
        }
        if self.lsprof_active() {
            self.profile_leave(code);
        }
    }

    /// A builtin is about to be called (`c_call`); whether its end is to be reported.
    #[cold]
    #[inline(never)]
    pub(crate) fn profile_c_call(&mut self, callable: &Value, args: &[Value]) -> bool {
        let mut reported = false;
        if self
            .tracing
            .as_ref()
            .is_some_and(|s| s.profile.is_some() && !s.busy)
            && matches!(callable.payload(), Some(Payload::Builtin(_)))
        {
            let _ = self.c_event("c_call", callable);
            reported = true;
        }
        if self.lsprof_active() {
            reported |= self.profile_c_enter(callable, args);
        }
        reported
    }

    /// The builtin returned (`c_return`) or raised (`c_exception`).
    #[cold]
    #[inline(never)]
    pub(crate) fn profile_c_return(&mut self, callable: &Value, failed: bool) {
        if self
            .tracing
            .as_ref()
            .is_some_and(|s| s.profile.is_some() && !s.busy)
            && matches!(callable.payload(), Some(Payload::Builtin(_)))
        {
            let _ = self.c_event(if failed { "c_exception" } else { "c_return" }, callable);
        }
        if self.lsprof_active() {
            self.profile_c_leave(callable);
        }
    }

    fn c_event(&mut self, what: &str, callable: &Value) -> PyResult<()> {
        let Some(frame) = self.current_trace_frame_obj() else {
            return Ok(());
        };
        self.run_hook(Kind::Profile, None, &frame, what, callable.clone())
            .map(|_| ())
    }

    /// The frame object of the innermost running frame: its traced one, else a snapshot.
    fn current_trace_frame_obj(&mut self) -> Option<Value> {
        let depth = self.frames.len();
        if let Some(tf) = self.tracing.as_ref().and_then(|s| s.frames.last())
            && tf.depth == depth
        {
            return Some(Value::Obj(tf.obj.clone()));
        }
        if depth == 0 {
            return None;
        }
        Some(self.snapshot_frame(depth - 1))
    }

    /// A frame object for `Vm::frames[top]`, with `f_back` the traced object of the frame
    /// below when there is one, else snapshots down the stack.
    fn snapshot_frame(&mut self, top: usize) -> Value {
        let mut back: Option<ObjRef> = None;
        let traced: Vec<(usize, ObjRef)> = self
            .tracing
            .as_ref()
            .map(|s| s.frames.iter().map(|t| (t.depth, t.obj.clone())).collect())
            .unwrap_or_default();
        for (i, link) in self.frames[..=top].iter().enumerate() {
            if let Some((_, o)) = traced.iter().find(|(d, _)| *d == i + 1) {
                back = Some(o.clone());
                continue;
            }
            back = Some(crate::sysmodule::frame_object_for(self, link, back.take()));
        }
        back.map_or(Value::None, Value::Obj)
    }

    fn trace_call(&mut self, frame: &Frame) -> PyResult<()> {
        let Some(st) = self.tracing.as_ref() else {
            return Ok(());
        };
        if st.busy {
            return Ok(());
        }
        let depth = self.frames.len();
        if depth == 0 {
            return Ok(());
        }
        let back = if depth >= 2 {
            match self.snapshot_frame(depth - 2) {
                Value::Obj(o) => Some(o),
                _ => None,
            }
        } else {
            None
        };
        let resumed = frame.ip > 0;
        let lineno = if resumed {
            line_at(&frame.code, frame.ip - 1)
        } else {
            frame.code.co.first_line
        };
        let info = FrameInfo {
            code: frame.code.clone(),
            globals: frame.globals.clone(),
            lineno: std::cell::Cell::new(lineno),
            lasti: std::cell::Cell::new(if resumed { frame.ip as i32 - 1 } else { -1 }),
            back,
            locals: Vec::new(),
        };
        let obj = ObjRef::new(self.types.frame.clone(), Payload::Frame(Box::new(info)));
        let first_traceable = frame
            .code
            .co
            .instructions
            .iter()
            .position(|i| i.op == krait_bytecode::Opcode::RESUME)
            .unwrap_or(0);
        let locals = self.frame_locals_value(frame);
        if let Some(st) = self.tracing.as_mut() {
            st.frames.push(TraceFrame {
                depth,
                obj: obj.clone(),
                f_trace: None,
                last_ip: if resumed { Some(frame.ip - 1) } else { None },
                first_traceable,
                locals: Some(locals),
            });
        }
        let fv = Value::Obj(obj);
        let (has_trace, has_profile) = match self.tracing.as_ref() {
            Some(s) => (s.trace.is_some(), s.profile.is_some()),
            None => (false, false),
        };
        if has_trace {
            let global = self.tracing.as_ref().and_then(|s| s.trace.clone());
            if let Some(g) = global {
                let r = self.run_hook(Kind::Trace, Some(g), &fv, "call", Value::None)?;
                if let Some(r) = r
                    && !r.is_none()
                    && let Some(tf) = self.top_trace_frame(depth)
                {
                    tf.f_trace = Some(r);
                }
            }
        }
        if has_profile {
            self.run_hook(Kind::Profile, None, &fv, "call", Value::None)?;
        }
        Ok(())
    }

    fn top_trace_frame(&mut self, depth: usize) -> Option<&mut TraceFrame> {
        self.tracing
            .as_mut()
            .and_then(|s| s.frames.last_mut())
            .filter(|t| t.depth == depth)
    }

    fn trace_return(&mut self, ret: Option<&Value>) {
        let depth = self.frames.len() + 1;
        let Some(st) = self.tracing.as_mut() else {
            return;
        };
        if st.frames.last().is_none_or(|t| t.depth != depth) {
            return;
        }
        let Some(tf) = st.frames.pop() else {
            return;
        };
        if st.busy {
            return;
        }
        let has_profile = st.profile.is_some();
        let fv = Value::Obj(tf.obj.clone());
        let arg = ret.cloned().unwrap_or(Value::None);
        if let Some(local) = tf.f_trace.clone() {
            // The frame is off the traced stack now; put it back for the hook's `f_trace`.
            if let Some(st) = self.tracing.as_mut() {
                st.frames.push(tf);
            }
            let _ = self.run_hook(Kind::Trace, Some(local), &fv, "return", arg.clone());
            if let Some(st) = self.tracing.as_mut()
                && st.frames.last().is_some_and(|t| t.depth == depth)
            {
                st.frames.pop();
            }
        }
        if has_profile {
            let _ = self.run_hook(Kind::Profile, None, &fv, "return", arg);
        }
    }

    /// An exception is raised in (or passes through) the innermost frame: its `exception`
    /// event.
    #[cold]
    #[inline(never)]
    pub(crate) fn trace_exception(&mut self, err: &PyErr) -> PyResult<()> {
        let depth = self.frames.len();
        let Some(st) = self.tracing.as_ref() else {
            return Ok(());
        };
        if st.busy {
            return Ok(());
        }
        let Some(tf) = st.frames.last().filter(|t| t.depth == depth) else {
            return Ok(());
        };
        let Some(local) = tf.f_trace.clone() else {
            return Ok(());
        };
        let fv = Value::Obj(tf.obj.clone());
        let exc = Value::Obj(err.0.clone());
        let ty = Value::Obj(self.type_of(&exc));
        let tb = match &err.0.payload {
            Payload::Exception(d) => d.traceback.borrow().clone(),
            _ => Value::None,
        };
        let arg = self.new_tuple(vec![ty, exc, tb]);
        self.run_hook(Kind::Trace, Some(local), &fv, "exception", arg)
            .map(|_| ())
    }

    /// The tracing eval loop is about to run instruction `ip` of `frame`: a `line` event when
    /// it starts a line or jumps back (`maybe_call_line_trace`).
    #[cold]
    #[inline(never)]
    pub(crate) fn trace_instruction(&mut self, frame: &Frame) -> PyResult<()> {
        let depth = self.frames.len();
        let ip = frame.ip;
        let Some(st) = self.tracing.as_mut() else {
            return Ok(());
        };
        if st.busy {
            return Ok(());
        }
        let Some(tf) = st.frames.last_mut().filter(|t| t.depth == depth) else {
            return Ok(());
        };
        let prev = tf.last_ip.replace(ip);
        if ip <= tf.first_traceable {
            return Ok(());
        }
        let Some(local) = tf.f_trace.clone() else {
            return Ok(());
        };
        let code = &frame.code;
        let line = line_at(code, ip);
        if line == 0 {
            return Ok(());
        }
        let lastline = match prev {
            Some(p) if p > tf.first_traceable => line_at(code, p),
            _ => 0,
        };
        let backward = prev.is_some_and(|p| ip < p)
            && prev
                .and_then(|p| code.co.instructions.get(p))
                .is_none_or(|i| i.op != krait_bytecode::Opcode::SEND);
        if line == lastline && !backward {
            return Ok(());
        }
        let fv = Value::Obj(tf.obj.clone());
        if let Payload::Frame(fi) = &tf.obj.payload {
            fi.lineno.set(line);
            fi.lasti.set(ip as i32);
        }
        let locals = self.frame_locals_value(frame);
        if let Some(tf) = self.top_trace_frame(depth) {
            tf.locals = Some(locals);
        }
        self.run_hook(Kind::Trace, Some(local), &fv, "line", Value::None)
            .map(|_| ())
    }

    /// `f_locals` of a running frame: its locals mapping, or a dict of its fast locals.
    fn frame_locals_value(&mut self, frame: &Frame) -> Value {
        if let Some(l) = &frame.locals {
            return l.clone();
        }
        let d = self.new_dict();
        let names: Vec<ObjRef> = frame.code.local_names.to_vec();
        for (name, v) in names.iter().zip(frame.fast.iter()) {
            let v = match v {
                Value::Obj(o) if matches!(o.payload, Payload::Cell(_)) => match &o.payload {
                    Payload::Cell(c) => c.borrow().clone(),
                    _ => continue,
                },
                v => v.clone(),
            };
            if v.is_null() {
                continue;
            }
            let _ = self.dict_set(&d, Value::Obj(name.clone()), v);
        }
        Value::Obj(d)
    }

    /// Call a hook; the trace function's answer. An error ends tracing (or profiling), as
    /// `trace_trampoline` does, and is returned.
    fn run_hook(
        &mut self,
        kind: Kind,
        func: Option<Value>,
        frame: &Value,
        what: &str,
        arg: Value,
    ) -> PyResult<Option<Value>> {
        let func = match func {
            Some(f) => f,
            None => match self.tracing.as_ref().and_then(|s| s.profile.clone()) {
                Some(f) => f,
                None => return Ok(None),
            },
        };
        if let Some(st) = self.tracing.as_mut() {
            st.busy = true;
        }
        let w = self.new_str(what);
        let r = self.call_pos(&func, &[frame.clone(), w, arg]);
        if let Some(st) = self.tracing.as_mut() {
            st.busy = false;
        }
        match r {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                self.set_trace_hook(kind == Kind::Profile, None);
                Err(e)
            }
        }
    }

    /// `frame.f_trace` of a frame object.
    pub fn frame_f_trace(&self, obj: &ObjRef) -> Value {
        self.tracing
            .as_ref()
            .and_then(|s| s.frames.iter().rev().find(|t| ObjRef::ptr_eq(&t.obj, obj)))
            .and_then(|t| t.f_trace.clone())
            .unwrap_or(Value::None)
    }

    /// Set `frame.f_trace`; only a traced frame keeps it.
    pub fn set_frame_f_trace(&mut self, obj: &ObjRef, v: Option<Value>) {
        if let Some(t) = self.tracing.as_mut().and_then(|s| {
            s.frames
                .iter_mut()
                .rev()
                .find(|t| ObjRef::ptr_eq(&t.obj, obj))
        }) {
            t.f_trace = v.filter(|v| !v.is_none());
        }
    }

    /// `frame.f_locals` of a traced frame, as of its last event.
    pub fn traced_frame_locals(&self, obj: &ObjRef) -> Option<Value> {
        self.tracing
            .as_ref()
            .and_then(|s| s.frames.iter().rev().find(|t| ObjRef::ptr_eq(&t.obj, obj)))
            .and_then(|t| t.locals.clone())
    }
}

fn line_at(code: &Code, ip: usize) -> u32 {
    code.co.positions.get(ip).map_or(0, |p| p.line)
}
