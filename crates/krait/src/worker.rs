//! The interpreter's own thread. A `Vm` is single-threaded (`Rc` objects), so each
//! `Interpreter` keeps its `Vm` on a thread of its own and sends it jobs: the `Interpreter`
//! itself is then `Send`, the Python stack gets a thread stack sized for it whatever thread
//! the embedder calls from, and the thread's allocation counter is exactly the
//! interpreter's heap (see `krait_vm::limits`).
//!
//! Per-interpreter state that native trampolines need (registered closures, live handles)
//! lives in thread-locals of that thread, so it is per interpreter too.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc;

use krait_vm::object::{ObjRef, Payload};
use krait_vm::objects::function::{Args, BuiltinData};
use krait_vm::{PyErr, PyResult, Value, Vm};

use crate::error::{Error, LimitExceeded, PyException};
use crate::function::{Body, CallArgs};
use crate::object::{Handle, Object};

/// A job for the interpreter thread.
pub(crate) type Job = Box<dyn FnOnce(&mut Vm) + Send>;

/// Deepest container nesting converted to Rust (a self-containing list is refused).
const MAX_DEPTH: usize = 200;

/// The link from a [`Handle`] back to its interpreter: dropping the last clone frees the
/// object on the interpreter's thread.
pub(crate) struct HandleRef {
    pub(crate) id: u64,
    pub(crate) interp: u64,
    pub(crate) tx: mpsc::Sender<Job>,
}

impl Drop for HandleRef {
    fn drop(&mut self) {
        let id = self.id;
        // If the interpreter is gone, so is the object.
        let _ = self.tx.send(Box::new(move |_vm| {
            HANDLES.with(|h| h.borrow_mut().remove(&id));
        }));
    }
}

thread_local! {
    /// Objects held by handles, by id.
    static HANDLES: RefCell<HashMap<u64, Value>> = RefCell::new(HashMap::new());
    /// Registered Rust functions, by index.
    static FUNCTIONS: RefCell<Vec<std::rc::Rc<Body>>> = const { RefCell::new(Vec::new()) };
    /// This thread's interpreter: its id and the sender handles use to reach it.
    static SELF: RefCell<Option<(u64, mpsc::Sender<Job>)>> = const { RefCell::new(None) };
    static NEXT_HANDLE: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

thread_local! {
    static STOP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The timeout's watchdog (when the interpreter has a timeout).
    static WATCHDOG: RefCell<Option<crate::watchdog::Watchdog>> = const { RefCell::new(None) };
}

pub(crate) fn set_watchdog(w: crate::watchdog::Watchdog) {
    WATCHDOG.with(|x| *x.borrow_mut() = Some(w));
}

pub(crate) fn stop() {
    STOP.with(|s| s.set(true));
}

pub(crate) fn stopping() -> bool {
    STOP.with(std::cell::Cell::get)
}

/// Forget this thread's handles, functions and sender (the interpreter is ending).
pub(crate) fn clear() {
    WATCHDOG.with(|w| *w.borrow_mut() = None);
    HANDLES.with(|h| h.borrow_mut().clear());
    FUNCTIONS.with(|f| f.borrow_mut().clear());
    SELF.with(|s| *s.borrow_mut() = None);
}

pub(crate) fn set_self(interp: u64, tx: mpsc::Sender<Job>) {
    SELF.with(|s| *s.borrow_mut() = Some((interp, tx)));
}

pub(crate) fn new_handle(vm: &Vm, v: Value) -> Result<Object, Error> {
    let Some((interp, tx)) = SELF.with(|s| s.borrow().clone()) else {
        return Err(Error::Internal("no interpreter on this thread".into()));
    };
    let id = NEXT_HANDLE.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    let type_name = vm.type_name(&v);
    HANDLES.with(|h| h.borrow_mut().insert(id, v));
    Ok(Object::Handle(Handle {
        inner: Arc::new(HandleRef { id, interp, tx }),
        type_name,
    }))
}

/// The object behind a handle of this interpreter.
pub(crate) fn handle_value(h: &Handle) -> Result<Value, Error> {
    let here = SELF.with(|s| s.borrow().as_ref().map(|x| x.0));
    if here != Some(h.inner.interp) {
        return Err(Error::conversion(
            "a handle of another interpreter",
            "a Python object of this one",
        ));
    }
    HANDLES
        .with(|m| m.borrow().get(&h.inner.id).cloned())
        .ok_or_else(|| Error::Internal("stale handle".into()))
}

fn is_exact(o: &ObjRef, t: &ObjRef) -> bool {
    o.class_is(t)
}

/// Copy a Python value out (plain data by value, anything else as a handle).
pub(crate) fn to_object(vm: &mut Vm, v: &Value) -> Result<Object, Error> {
    to_object_depth(vm, v, 0)
}

fn to_object_depth(vm: &mut Vm, v: &Value, depth: usize) -> Result<Object, Error> {
    if depth > MAX_DEPTH {
        return Err(Error::conversion(
            "a Python container nested too deeply (or containing itself)",
            "a Rust value",
        ));
    }
    let o = match v {
        Value::None | Value::Null => return Ok(Object::None),
        Value::Bool(b) => return Ok(Object::Bool(b.get())),
        Value::Int(i) => return Ok(Object::Int(*i)),
        Value::Float(f) => return Ok(Object::Float(f.get())),
        Value::Obj(o) => o,
    };
    let t = &vm.types;
    let items = |vm: &mut Vm, items: Vec<Value>| -> Result<Vec<Object>, Error> {
        items
            .iter()
            .map(|x| to_object_depth(vm, x, depth + 1))
            .collect()
    };
    match &o.payload {
        Payload::Int(b) if is_exact(o, &t.int) => Ok(Object::BigInt(b.clone())),
        Payload::Str(s) if is_exact(o, &t.str) => Ok(Object::Str(s.as_str().into_owned())),
        Payload::Bytes(b) if is_exact(o, &t.bytes) => Ok(Object::Bytes(b.to_vec())),
        Payload::ByteArray(b) if is_exact(o, &t.bytearray) => Ok(Object::Bytes(b.borrow().clone())),
        Payload::List(l) if is_exact(o, &t.list) => {
            let l = l.borrow().to_vec();
            items(vm, l).map(Object::List)
        }
        Payload::Tuple(x) if is_exact(o, &t.tuple) => {
            let x = x.to_vec();
            items(vm, x).map(Object::Tuple)
        }
        Payload::Dict(_) if is_exact(o, &t.dict) => {
            let pairs = vm.dict_items(v).map_err(|e| py_error(vm, e))?;
            let mut out = Vec::with_capacity(pairs.len());
            for (k, x) in pairs {
                out.push((
                    to_object_depth(vm, &k, depth + 1)?,
                    to_object_depth(vm, &x, depth + 1)?,
                ));
            }
            Ok(Object::Dict(out))
        }
        _ => new_handle(vm, v.clone()),
    }
}

/// Make a Python value from a Rust one.
pub(crate) fn from_object(vm: &mut Vm, o: Object) -> Result<Value, Error> {
    Ok(match o {
        Object::None => Value::None,
        Object::Bool(b) => Value::bool(b),
        Object::Int(i) => Value::Int(i),
        Object::BigInt(b) => Value::from_bigint(b, vm),
        Object::Float(f) => Value::float(f),
        Object::Str(s) => vm.new_string(s),
        Object::Bytes(b) => vm.new_bytes(b),
        Object::List(v) => {
            let v = v
                .into_iter()
                .map(|x| from_object(vm, x))
                .collect::<Result<Vec<_>, _>>()?;
            vm.new_list(v)
        }
        Object::Tuple(v) => {
            let v = v
                .into_iter()
                .map(|x| from_object(vm, x))
                .collect::<Result<_, _>>()?;
            vm.new_tuple(v)
        }
        Object::Dict(pairs) => {
            let d = vm.new_dict();
            for (k, x) in pairs {
                let k = from_object(vm, k)?;
                let x = from_object(vm, x)?;
                vm.dict_set(&d, k, x).map_err(|e| py_error(vm, e))?;
            }
            Value::Obj(d)
        }
        Object::Handle(h) => handle_value(&h)?,
    })
}

/// A Python exception as an [`Error`] (or the limit that is unwinding).
pub(crate) fn py_error(vm: &mut Vm, e: PyErr) -> Error {
    if let Some(kind) = vm.limits.tripped {
        return limit_error(kind);
    }
    let exc = Value::Obj(e.0.clone());
    let type_name = vm.type_name(&exc);
    let message = match vm.str(&exc) {
        Ok(s) => vm.str_text(&s),
        Err(_) => String::new(),
    };
    let traceback = vm.format_exception(&exc);
    Error::Python(PyException {
        type_name,
        message,
        traceback,
    })
}

pub(crate) fn limit_error(kind: krait_vm::limits::LimitKind) -> Error {
    use krait_vm::limits::LimitKind;
    match kind {
        LimitKind::Instructions => Error::Limit(LimitExceeded::Instructions),
        LimitKind::Time => Error::Limit(LimitExceeded::Time),
        LimitKind::Memory => Error::Limit(LimitExceeded::Memory),
        LimitKind::Cancelled => Error::Interrupted,
    }
}

/// An [`Error`] from Rust code as the Python exception to raise.
fn to_py_err(vm: &mut Vm, e: Error) -> PyErr {
    use krait_vm::limits::LimitKind;
    let (ty, msg) = match e {
        Error::Python(p) => (p.type_name, p.message),
        Error::Limit(LimitExceeded::Instructions) => return vm.trip(LimitKind::Instructions),
        Error::Limit(LimitExceeded::Time) => return vm.trip(LimitKind::Time),
        Error::Limit(LimitExceeded::Memory) => return vm.trip(LimitKind::Memory),
        Error::Interrupted => return vm.trip(LimitKind::Cancelled),
        Error::Conversion { from, to } => (
            "TypeError".to_string(),
            format!("cannot convert {from} to {to}"),
        ),
        other => ("RuntimeError".to_string(), other.to_string()),
    };
    let builtins = vm.builtins.clone();
    let base = vm.types.base_exception.clone();
    let key = vm.intern(&ty);
    let t = match vm.dict_get_str_obj(&builtins, &key) {
        Some(Value::Obj(t))
            if matches!(t.payload, Payload::Type(_))
                && krait_vm::objects::typeobj::is_subtype(&t, &base) =>
        {
            t
        }
        _ => vm.types.runtime_error.clone(),
    };
    vm.new_exception_msg(&t, msg)
}

/// Run `f` as one call into the interpreter, under its limits.
pub(crate) fn guarded<R>(
    vm: &mut Vm,
    f: impl FnOnce(&mut Vm) -> Result<R, Error>,
) -> Result<R, Error> {
    let timeout = vm.limits.timeout;
    if let Some(t) = timeout {
        WATCHDOG.with(|w| w.borrow().as_ref().map(|w| w.arm(t)));
    }
    vm.limits_enter();
    let r = f(vm);
    // Objects the call freed run their finalizers now (skipped if a limit tripped).
    vm.run_finalizers();
    vm.flush_stdout();
    vm.flush_stderr();
    let tripped = vm.limits_exit();
    if timeout.is_some() {
        WATCHDOG.with(|w| w.borrow().as_ref().map(|w| w.disarm()));
    }
    match tripped {
        Some(kind) => Err(limit_error(kind)),
        None => r,
    }
}

/// Register a Rust function as a builtin function object named `name`.
pub(crate) fn make_function(vm: &mut Vm, name: &str, body: Body, module: &str) -> Value {
    let index = FUNCTIONS.with(|f| {
        let mut f = f.borrow_mut();
        f.push(std::rc::Rc::new(body));
        f.len() - 1
    });
    // The function's receiver is a private module carrying the closure's index (the
    // `__self__` CPython shows for module functions is a module too).
    let holder = vm.new_module(module);
    if let Payload::Module(m) = &holder.payload {
        let d = m.dict.clone();
        vm.set_dict_str(&d, "__krait_function__", Value::Int(index as i64));
    }
    // `BuiltinData` names are `&'static str`: one small leak per registered function.
    let name: &'static str = Box::leak(name.to_string().into_boxed_str());
    let data = BuiltinData {
        name,
        func: trampoline,
        bound: Some(Value::Obj(holder)),
        owner: None,
        doc: None,
        is_method: true,
        is_classmethod: false,
        is_static: false,
        needs_frame: false,
        fastcall: false,
    };
    Value::Obj(ObjRef::new(
        vm.types.builtin_function.clone(),
        Payload::Builtin(Box::new(data)),
    ))
}

fn trampoline(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some((holder, rest)) = args.values.split_first() else {
        return Err(vm.runtime_error("registered function called without its receiver"));
    };
    let index = match holder.payload() {
        Some(Payload::Module(m)) => {
            let d = m.dict.clone();
            let k = vm.intern("__krait_function__");
            vm.dict_get_str_obj(&d, &k)
        }
        _ => None,
    };
    let body = match index {
        Some(Value::Int(i)) => FUNCTIONS.with(|f| f.borrow().get(i as usize).cloned()),
        _ => None,
    };
    let Some(body) = body else {
        return Err(vm.runtime_error("registered function not found"));
    };
    let npos = rest.len() - args.kwnames.len().min(rest.len());
    let mut call = CallArgs::default();
    for v in &rest[..npos] {
        let o = to_object(vm, v).map_err(|e| to_py_err(vm, e))?;
        call.args.push(o);
    }
    for (k, v) in args.kwnames.iter().zip(&rest[npos..]) {
        let name = vm.str_text(k);
        let o = to_object(vm, v).map_err(|e| to_py_err(vm, e))?;
        call.kwargs.push((name, o));
    }
    match body(call) {
        Ok(o) => from_object(vm, o).map_err(|e| to_py_err(vm, e)),
        Err(e) => Err(to_py_err(vm, e)),
    }
}
