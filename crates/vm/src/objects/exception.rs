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
        self.fields
            .borrow()
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(Value::None, |(_, v)| v.clone())
    }

    /// A member field's value, `None` when it was never set.
    pub fn field_opt(&self, name: &str) -> Option<Value> {
        self.fields
            .borrow()
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
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

pub mod group;
mod kinds;

use crate::native::method_args;
use crate::object::Payload;
use crate::objects::function::Args;
use crate::{PyResult, Vm};

fn exc_data<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a ExceptionData> {
    match v.payload() {
        Some(Payload::Exception(d)) => Ok(d),
        _ => Err(vm.type_error(format!(
            "descriptor requires a 'BaseException' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

/// Register `BaseException`'s methods and attributes.
pub fn init(vm: &mut Vm) {
    let be = vm.types.base_exception.clone();
    vm.add_methods(
        &be,
        crate::methods![
            staticmethod "__new__" => exc_new, "";
            method "__init__" => exc_init, "";
            method "__str__" => exc_str, "";
            method "__repr__" => exc_repr, "";
            method "with_traceback" => exc_with_traceback, "";
            method "add_note" => exc_add_note, "";
            method "__reduce__" => exc_reduce, "";
            method "__setstate__" => exc_setstate, "";
        ],
    );
    vm.add_getset(&be, "args", exc_get_args, Some(exc_set_args));
    vm.add_getset(&be, "__traceback__", exc_get_tb, Some(exc_set_tb));
    vm.add_getset(&be, "__cause__", exc_get_cause, Some(exc_set_cause));
    vm.add_getset(&be, "__context__", exc_get_context, Some(exc_set_context));
    vm.add_getset(
        &be,
        "__suppress_context__",
        exc_get_suppress,
        Some(exc_set_suppress),
    );
    kinds::init(vm);
    group::init(vm);
    let tb = vm.types.traceback.clone();
    vm.add_methods(
        &tb,
        crate::methods![ staticmethod "__new__" => tb_new, "Create a new traceback object."; ],
    );
    vm.add_getset(&tb, "tb_frame", tb_frame, None);
    vm.add_getset(&tb, "tb_next", tb_next, Some(tb_set_next));
    vm.add_getset(&tb, "tb_lasti", tb_lasti, None);
    vm.add_getset(&tb, "tb_lineno", tb_lineno, None);
    let fr = vm.types.frame.clone();
    vm.add_getset(&fr, "f_code", f_code, None);
    vm.add_getset(&fr, "f_lineno", f_lineno, None);
    vm.add_getset(&fr, "f_lasti", f_lasti, None);
    vm.add_getset(&fr, "f_globals", f_globals, None);
    vm.add_getset(&fr, "f_back", f_back, None);
    vm.add_getset(&fr, "f_trace", f_trace, Some(f_set_trace));
    vm.add_getset(&fr, "f_locals", f_locals, None);
    vm.add_getset(&fr, "f_trace_lines", f_trace_lines, Some(f_set_ignored));
    vm.add_getset(&fr, "f_trace_opcodes", f_trace_opcodes, Some(f_set_ignored));
    vm.add_methods(
        &fr,
        crate::methods![
            method "clear" => frame_clear, "";
        ],
    );
    vm.add_getset(
        &be,
        "__dict__",
        crate::objects::object::instance_dict_get,
        Some(crate::objects::object::instance_dict_set),
    );
}

fn exc_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = args.values.first() else {
        return Err(vm.type_error("BaseException.__new__(): not enough arguments"));
    };
    let cls = &crate::native::type_arg(vm, &Value::Obj(cls.clone()), "BaseException.__new__")?;
    let a = vm.new_tuple(args.pos()[1..].to_vec());
    let data = ExceptionData::new(a);
    let cls = cls.clone();
    let o = vm.new_object(&cls, Payload::Exception(Box::new(data)));
    if o.materialized_dict().is_none() {
        let d = vm.new_dict();
        drop(o.set_instance_dict(Some(d)));
    }
    Ok(Value::Obj(o))
}

fn exc_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first() else {
        return Err(vm.type_error("BaseException.__init__(): not enough arguments"));
    };
    if args.has_kwargs() {
        let tn = vm.type_name(this);
        return Err(vm.type_error(format!("{tn}() takes no keyword arguments")));
    }
    let a = vm.new_tuple(args.values[1..].to_vec());
    *exc_data(vm, this)?.args.borrow_mut() = a;
    Ok(Value::None)
}

fn exc_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__str__", 0, 0)?;
    let a = exc_data(vm, this)?.args.borrow().clone();
    match a.payload() {
        Some(Payload::Tuple(t)) if t.is_empty() => Ok(vm.new_str("")),
        Some(Payload::Tuple(t)) if t.len() == 1 => {
            let v = t[0].clone();
            vm.str(&v)
        }
        _ => vm.str(&a),
    }
}

fn exc_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let a = exc_data(vm, this)?.args.borrow().clone();
    let name = crate::objects::typeobj::type_data(&vm.type_of(this))
        .name
        .borrow()
        .clone();
    let inner = match a.payload() {
        Some(Payload::Tuple(t)) if t.len() == 1 => {
            let v = t[0].clone();
            vm.repr_string(&v)?
        }
        _ => {
            let r = vm.repr_string(&a)?;
            return Ok(vm.new_string(format!("{name}{r}")));
        }
    };
    Ok(vm.new_string(format!("{name}({inner})")))
}

/// `BaseException.__reduce__`: `(type, args)`, plus the instance dict when it is not empty.
fn exc_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__reduce__", 0, 0)?;
    let t = Value::Obj(vm.type_of(this));
    let a = exc_data(vm, this)?.args.borrow().clone();
    let dict = this.as_obj().and_then(|o| vm.instance_dict(o));
    match dict {
        Some(d) if matches!(&d.payload, Payload::Dict(t) if t.borrow().len() != 0) => {
            Ok(vm.new_tuple(vec![t, a, Value::Obj(d)]))
        }
        _ => Ok(vm.new_pair(t, a)),
    }
}

/// `BaseException.__setstate__`: copy the items of a dict into the instance.
fn exc_setstate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__setstate__", 1, 1)?;
    let state = rest[0].clone();
    if state.is_none() {
        return Ok(Value::None);
    }
    if !matches!(state.payload(), Some(Payload::Dict(_))) {
        return Err(vm.type_error("state is not a dictionary"));
    }
    let keys = vm.iterate(&state)?;
    for k in keys {
        let v = vm.getitem(&state, &k)?;
        let Value::Obj(name) = &k else {
            continue;
        };
        vm.setattr(this, name, Some(v))?;
    }
    Ok(Value::None)
}

fn exc_with_traceback(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "with_traceback", 1, 1)?;
    exc_set_tb(vm, this, Some(rest[0].clone()))?;
    Ok(this.clone())
}

fn exc_add_note(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "add_note", 1, 1)?;
    if !matches!(rest[0].payload(), Some(Payload::Str(_))) {
        return Err(vm.type_error(format!(
            "note must be a str, not '{}'",
            vm.type_name(&rest[0])
        )));
    }
    let k = vm.intern("__notes__");
    let notes = match vm.getattr_opt(this, &k)? {
        Some(n) => n,
        None => {
            let l = vm.new_list(Vec::new());
            vm.setattr(this, &k, Some(l.clone()))?;
            l
        }
    };
    match notes.payload() {
        Some(Payload::List(l)) => l.borrow_mut().push(rest[0].clone()),
        _ => return Err(vm.type_error("Cannot add note: __notes__ is not a list")),
    }
    Ok(Value::None)
}

fn exc_get_args(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(exc_data(vm, this)?.args.borrow().clone())
}

fn exc_set_args(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let Some(v) = v else {
        return Err(vm.type_error("args may not be deleted"));
    };
    let items = vm.iterate(&v)?;
    let t = vm.new_tuple(items);
    *exc_data(vm, this)?.args.borrow_mut() = t;
    Ok(())
}

fn exc_get_tb(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(exc_data(vm, this)?.traceback.borrow().clone())
}

fn exc_set_tb(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let Some(v) = v else {
        return Err(vm.type_error("__traceback__ may not be deleted"));
    };
    if !v.is_none() && !matches!(v.payload(), Some(Payload::Traceback(_))) {
        return Err(vm.type_error("__traceback__ must be a traceback or None"));
    }
    *exc_data(vm, this)?.traceback.borrow_mut() = v;
    Ok(())
}

fn exc_get_cause(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(exc_data(vm, this)?.cause.borrow().clone())
}

fn exc_set_cause(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let Some(v) = v else {
        return Err(vm.type_error("__cause__ may not be deleted"));
    };
    if !v.is_none() && !matches!(v.payload(), Some(Payload::Exception(_))) {
        return Err(vm.type_error("exception cause must be None or derive from BaseException"));
    }
    let d = exc_data(vm, this)?;
    *d.cause.borrow_mut() = v;
    d.suppress_context.set(true);
    Ok(())
}

fn exc_get_context(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(exc_data(vm, this)?.context.borrow().clone())
}

fn exc_set_context(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let Some(v) = v else {
        return Err(vm.type_error("__context__ may not be deleted"));
    };
    if !v.is_none() && !matches!(v.payload(), Some(Payload::Exception(_))) {
        return Err(vm.type_error("exception context must be None or derive from BaseException"));
    }
    *exc_data(vm, this)?.context.borrow_mut() = v;
    Ok(())
}

fn exc_get_suppress(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::bool(exc_data(vm, this)?.suppress_context.get()))
}

fn exc_set_suppress(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let b = match v {
        Some(v) => vm.is_true(&v)?,
        None => return Err(vm.type_error("__suppress_context__ may not be deleted")),
    };
    exc_data(vm, this)?.suppress_context.set(b);
    Ok(())
}

fn tb_data<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a TracebackData> {
    match v.payload() {
        Some(Payload::Traceback(t)) => Ok(t),
        _ => Err(vm.type_error("descriptor requires a 'traceback' object")),
    }
}

/// `TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno)` (CPython's `tb_new_impl`).
fn tb_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(cls) = args.values.first().cloned() else {
        return Err(vm.type_error("traceback.__new__(): not enough arguments"));
    };
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let names = ["tb_next", "tb_frame", "tb_lasti", "tb_lineno"];
    let given = rest.values.len();
    if given > names.len() {
        return Err(vm.type_error(format!(
            "TracebackType() takes at most 4 arguments ({given} given)"
        )));
    }
    let a = crate::native::bind_args(vm, &rest, "TracebackType", &names, 4)?;
    if !a[0].is_none() && !matches!(a[0].payload(), Some(Payload::Traceback(_))) {
        return Err(vm.type_error(format!(
            "expected traceback object or None, got '{}'",
            vm.type_name(&a[0])
        )));
    }
    let frame = match &a[1] {
        Value::Obj(o) if matches!(o.payload, Payload::Frame(_)) => o.clone(),
        other => {
            return Err(vm.type_error(format!(
                "TracebackType() argument 'tb_frame' must be frame, not {}",
                vm.type_name(other)
            )));
        }
    };
    let int_arg = |vm: &mut Vm, v: &Value| -> PyResult<i64> {
        if matches!(v, Value::Float(_)) {
            return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
        }
        vm.index_to_i64(v)
    };
    let lasti = int_arg(vm, &a[2])?;
    let lineno = int_arg(vm, &a[3])?;
    // `tb_lasti` counts bytes of 2-byte code units; Krait keeps the instruction index.
    let lasti = u32::try_from(lasti / 2).map_err(|_| vm.value_error("tb_lasti out of range"))?;
    let lineno = u32::try_from(lineno).map_err(|_| vm.value_error("tb_lineno out of range"))?;
    let tb = TracebackData {
        frame,
        lasti,
        lineno,
        next: RefCell::new(a[0].clone()),
    };
    let cls = crate::native::type_arg(vm, &cls, "traceback.__new__")?;
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Traceback(Box::new(tb))),
    ))
}

fn tb_frame(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Obj(tb_data(vm, this)?.frame.clone()))
}

fn tb_next(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(tb_data(vm, this)?.next.borrow().clone())
}

/// `tb_next` setter, refusing loops as CPython does.
fn tb_set_next(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let Some(v) = v else {
        return Err(vm.type_error("can't delete tb_next attribute"));
    };
    if !v.is_none() {
        if !matches!(v.payload(), Some(Payload::Traceback(_))) {
            return Err(vm.type_error(format!(
                "expected traceback object, got '{}'",
                vm.type_name(&v)
            )));
        }
        let mut cur = v.clone();
        while let Some(Payload::Traceback(t)) = cur.payload() {
            if cur.is(this) {
                return Err(vm.value_error("traceback loop detected"));
            }
            let n = t.next.borrow().clone();
            cur = n;
        }
    }
    *tb_data(vm, this)?.next.borrow_mut() = v;
    Ok(())
}

fn tb_lasti(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(i64::from(tb_data(vm, this)?.lasti) * 2))
}

fn tb_lineno(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(i64::from(tb_data(vm, this)?.lineno)))
}

fn frame_info<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a crate::frame::FrameInfo> {
    match v.payload() {
        Some(Payload::Frame(f)) => Ok(f),
        _ => Err(vm.type_error("descriptor requires a 'frame' object")),
    }
}

fn f_code(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let code = frame_info(vm, this)?.code.clone();
    Ok(Value::Obj(ObjRef::new(
        vm.types.code.clone(),
        Payload::Code(code),
    )))
}

fn f_lineno(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(i64::from(frame_info(vm, this)?.lineno.get())))
}

/// `frame.f_lasti`: the byte offset of the instruction (two bytes each), -1 before the first.
fn f_lasti(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let i = frame_info(vm, this)?.lasti.get();
    Ok(Value::Int(if i < 0 { -1 } else { i64::from(i) * 2 }))
}

fn f_globals(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Obj(frame_info(vm, this)?.globals.clone()))
}

/// `frame.clear()`. A Krait frame object is a snapshot taken when the traceback entry was
/// made (or by `sys._getframe`), never the running frame itself, so there is no executing
/// frame to refuse; the snapshot keeps its locals until the frame object goes, which only
/// delays their release (`unittest` and `traceback.clear_frames` call this to break cycles).
fn frame_clear(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "clear", 0, 0)?;
    frame_info(vm, this)?;
    Ok(Value::None)
}

/// `frame.f_trace`: a traced frame's local trace function (`trace.rs`).
fn f_trace(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    frame_info(vm, this)?;
    match this {
        Value::Obj(o) => Ok(vm.frame_f_trace(o)),
        _ => Ok(Value::None),
    }
}

fn f_set_trace(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    frame_info(vm, this)?;
    if let Value::Obj(o) = this {
        vm.set_frame_f_trace(o, v);
    }
    Ok(())
}

fn f_trace_lines(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    frame_info(vm, this)?;
    Ok(Value::bool(true))
}

fn f_trace_opcodes(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    frame_info(vm, this)?;
    Ok(Value::bool(false))
}

fn f_set_ignored(vm: &mut Vm, this: &Value, _v: Option<Value>) -> PyResult<()> {
    frame_info(vm, this)?;
    Ok(())
}

/// `frame.f_locals`: a traced frame's locals as of its last event; for a snapshot, the
/// locals it kept (a module frame's are its globals).
fn f_locals(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    if let Value::Obj(o) = this
        && let Some(l) = vm.traced_frame_locals(o)
    {
        return Ok(l);
    }
    let info = frame_info(vm, this)?;
    let optimized = info.code.co.flags.0 & krait_bytecode::CodeFlags::OPTIMIZED != 0;
    if !optimized {
        return Ok(Value::Obj(info.globals.clone()));
    }
    let pairs: Vec<(ObjRef, Value)> = info
        .code
        .local_names
        .iter()
        .cloned()
        .zip(info.locals.iter().cloned())
        .collect();
    let d = vm.new_dict();
    for (k, v) in pairs {
        let v = match &v {
            Value::Obj(o) if matches!(o.payload, Payload::Cell(_)) => match &o.payload {
                Payload::Cell(c) => c.borrow().clone(),
                _ => continue,
            },
            _ => v,
        };
        if !v.is_null() {
            vm.dict_set(&d, Value::Obj(k), v)?;
        }
    }
    Ok(Value::Obj(d))
}

fn f_back(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(frame_info(vm, this)?
        .back
        .clone()
        .map_or(Value::None, Value::Obj))
}
