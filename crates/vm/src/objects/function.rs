//! Functions, builtin functions, modules and getset descriptors
//! (CPython: `Objects/funcobject.c`, `Objects/methodobject.c`, `Objects/moduleobject.c`,
//! `Objects/descrobject.c`).

use std::cell::RefCell;
use std::rc::Rc;

use crate::frame::Code;

use crate::object::ObjRef;
use crate::value::Value;
use crate::{PyResult, Vm};

/// A Python function (`function`).
pub struct FunctionData {
    /// The code to run.
    pub code: RefCell<Rc<Code>>,
    /// The `code` object `__code__` returns (the same object each time).
    pub code_obj: RefCell<Value>,
    /// The module namespace it was defined in (`__globals__`).
    pub globals: ObjRef,
    /// The builtins namespace its frames use (from `globals['__builtins__']` at creation).
    pub builtins: ObjRef,
    /// `__name__`
    pub name: RefCell<Value>,
    /// `__qualname__`
    pub qualname: RefCell<Value>,
    /// `__defaults__`: a tuple or `None`.
    pub defaults: RefCell<Value>,
    /// `__kwdefaults__`: a dict or `None`.
    pub kwdefaults: RefCell<Value>,
    /// `__closure__`: the cells, one per free variable.
    pub closure: Option<Box<[ObjRef]>>,
    /// `__doc__`
    pub doc: RefCell<Value>,
    /// `__annotations__`: a dict, made on first access when `None`.
    pub annotations: RefCell<Value>,
    /// `__module__`
    pub module: RefCell<Value>,
}

/// Arguments to a native function: positional values followed by keyword values, with the
/// keyword names (str objects) for the tail, as CPython's vectorcall passes them.
#[derive(Copy, Clone)]
pub struct Args<'a> {
    /// Positional arguments, then the values of keyword arguments.
    pub values: &'a [Value],
    /// Names of the keyword arguments (the last `kwnames.len()` of `values`).
    pub kwnames: &'a [Value],
}

impl<'a> Args<'a> {
    /// Positional-only arguments.
    pub fn positional(values: &'a [Value]) -> Args<'a> {
        Args {
            values,
            kwnames: &[],
        }
    }

    /// The positional arguments.
    #[inline]
    pub fn pos(&self) -> &'a [Value] {
        &self.values[..self.values.len() - self.kwnames.len()]
    }

    /// The keyword arguments as (name, value) pairs.
    pub fn kwargs(&self) -> impl Iterator<Item = (&'a Value, &'a Value)> {
        let start = self.values.len() - self.kwnames.len();
        self.kwnames.iter().zip(&self.values[start..])
    }

    /// Whether there are keyword arguments.
    pub fn has_kwargs(&self) -> bool {
        !self.kwnames.is_empty()
    }
}

/// A native function's body.
pub type NativeFn = fn(&mut Vm, Args<'_>) -> PyResult<Value>;

/// A function implemented in Rust, possibly bound to `self`.
pub struct BuiltinData {
    /// `__name__`
    pub name: &'static str,
    /// The body; for methods it receives `self` as the first positional argument.
    pub func: NativeFn,
    /// The bound receiver (methods) or the module (module functions, `__self__`).
    pub bound: Option<Value>,
    /// For method descriptors: the type that defines the method (for `__qualname__`, repr and
    /// the receiver type check).
    pub owner: Option<ObjRef>,
    /// `__doc__`
    pub doc: Option<&'static str>,
    /// Whether this is a method descriptor (binds on attribute access) rather than a
    /// function stored as a plain value.
    pub is_method: bool,
    /// A classmethod-style descriptor: binds to the class (`dict.fromkeys`).
    pub is_classmethod: bool,
    /// A staticmethod-style builtin (`str.maketrans`).
    pub is_static: bool,
    /// Whether the eval loop must publish the caller's locals first (`locals()`, `exec`).
    pub needs_frame: bool,
    /// A `METH_FASTCALL` builtin in CPython: called from a function's (warm, specialized) code
    /// it does not count against the recursion limit.
    pub fastcall: bool,
}

impl BuiltinData {
    /// CPython's `m_self`: the bound receiver or module, or for a static method the type that
    /// defines it (`str.maketrans.__self__ is str`); `None` for a plain function.
    pub fn self_value(&self) -> Value {
        match (&self.bound, &self.owner) {
            (Some(b), _) => b.clone(),
            (None, Some(o)) if self.is_static => Value::Obj(o.clone()),
            _ => Value::None,
        }
    }
}

/// A module object.
pub struct ModuleData {
    /// The namespace (`__dict__`).
    pub dict: ObjRef,
}

/// A builtin attribute with a Rust getter and optional setter.
pub struct GetSetData {
    /// Attribute name.
    pub name: &'static str,
    /// Reads the attribute from the instance.
    pub get: fn(&mut Vm, &Value) -> PyResult<Value>,
    /// Writes it (`None` value means delete); read-only when absent.
    pub set: Option<fn(&mut Vm, &Value, Option<Value>) -> PyResult<()>>,
    /// The type the attribute belongs to.
    pub owner: ObjRef,
}

/// A method table row: one builtin method with its Python-visible name and doc.
pub struct MethodDef {
    /// Name.
    pub name: &'static str,
    /// Body (receives `self` first).
    pub func: NativeFn,
    /// How it binds.
    pub kind: MethodKind,
    /// Docstring (first line is the signature, as CPython's `__text_signature__` convention).
    pub doc: &'static str,
}

/// How a builtin method binds.
#[derive(Copy, Clone, PartialEq, Eq)]
pub enum MethodKind {
    /// An instance method.
    Instance,
    /// A classmethod (`dict.fromkeys`).
    Class,
    /// A staticmethod (`str.maketrans`).
    Static,
}

/// Declare a method table: `methods![ ("name", func, "doc"), (class "fromkeys", func, "doc") ]`.
#[macro_export]
macro_rules! methods {
    ($( $kind:ident $name:literal => $func:expr, $doc:literal; )*) => {
        &[ $( $crate::objects::function::MethodDef {
            name: $name,
            func: $func,
            kind: $crate::methods!(@kind $kind),
            doc: $doc,
        }, )* ]
    };
    (@kind method) => { $crate::objects::function::MethodKind::Instance };
    (@kind classmethod) => { $crate::objects::function::MethodKind::Class };
    (@kind staticmethod) => { $crate::objects::function::MethodKind::Static };
}

/// Register the function, method, module, code and cell types' attributes.
pub fn init(vm: &mut Vm) {
    let f = vm.types.function.clone();
    vm.add_methods(
        &f,
        crate::methods![
            method "__repr__" => func_repr, "";
            method "__get__" => func_get, "";
            method "__call__" => call_self, "";
        ],
    );
    vm.add_getset(&f, "__name__", func_name, Some(func_set_name));
    vm.add_getset(&f, "__qualname__", func_qualname, Some(func_set_qualname));
    vm.add_getset(&f, "__doc__", func_doc, Some(func_set_doc));
    vm.add_getset(&f, "__module__", func_module, Some(func_set_module));
    vm.add_getset(&f, "__defaults__", func_defaults, Some(func_set_defaults));
    vm.add_getset(
        &f,
        "__kwdefaults__",
        func_kwdefaults,
        Some(func_set_kwdefaults),
    );
    vm.add_getset(&f, "__globals__", func_globals, None);
    vm.add_getset(&f, "__closure__", func_closure, None);
    vm.add_getset(&f, "__code__", func_code, Some(func_set_code));
    vm.add_getset(
        &f,
        "__annotations__",
        func_annotations,
        Some(func_set_annotations),
    );
    vm.add_getset(
        &f,
        "__dict__",
        crate::objects::object::instance_dict_get,
        Some(crate::objects::object::instance_dict_set),
    );
    let m = vm.types.method.clone();
    vm.add_methods(&m, crate::methods![ method "__repr__" => method_repr, ""; method "__call__" => call_self, ""; ]);
    vm.add_methods(
        &m,
        crate::methods![
            method "__eq__" => method_eq, "Return self==value.";
            method "__ne__" => method_ne, "Return self!=value.";
            method "__hash__" => method_hash, "Return hash(self).";
            method "__reduce__" => method_reduce, "";
        ],
    );
    vm.add_getset(&m, "__func__", method_func, None);
    vm.add_methods(
        &m,
        crate::methods![ method "__getattr__" => method_getattr, ""; ],
    );
    vm.add_getset(&m, "__self__", method_self, None);
    vm.add_getset(&m, "__doc__", method_doc, None);
    vm.add_methods(
        &m,
        crate::methods![ staticmethod "__new__" => method_new, ""; ],
    );
    let b = vm.types.builtin_function.clone();
    vm.add_methods(
        &b,
        crate::methods![ method "__repr__" => builtin_repr, ""; method "__call__" => call_self, ""; ],
    );
    vm.add_getset(&b, "__name__", builtin_name, None);
    vm.add_getset(&b, "__qualname__", builtin_qualname, None);
    vm.add_getset(&b, "__self__", builtin_self, None);
    vm.add_getset(&b, "__doc__", builtin_doc, None);
    vm.add_getset(&b, "__module__", builtin_module, None);
    vm.add_getset(&b, "__text_signature__", builtin_text_signature, None);
    let md = vm.types.method_descriptor.clone();
    vm.add_methods(
        &md,
        crate::methods![
            method "__repr__" => descr_repr, "";
            method "__reduce__" => descr_reduce, "";
        ],
    );
    vm.add_methods(
        &b,
        crate::methods![
            method "__eq__" => builtin_eq, "Return self==value.";
            method "__ne__" => builtin_ne, "Return self!=value.";
            method "__hash__" => builtin_hash, "Return hash(self).";
        ],
    );
    let gs = vm.types.getset_descriptor.clone();
    vm.add_methods(
        &gs,
        crate::methods![
            method "__repr__" => getset_repr, "";
            method "__get__" => getset_get, "Return an attribute of instance, which is of type owner.";
            method "__set__" => getset_set, "Set an attribute of instance to value.";
            method "__delete__" => getset_delete, "Delete an attribute of instance.";
        ],
    );
    vm.add_getset(&gs, "__name__", getset_name, None);
    vm.add_getset(&gs, "__qualname__", getset_qualname, None);
    vm.add_getset(&gs, "__objclass__", getset_objclass, None);
    let cmd = vm.types.classmethod_descriptor.clone();
    vm.add_methods(
        &cmd,
        crate::methods![ method "__repr__" => descr_repr, ""; ],
    );
    for d in [md, cmd] {
        vm.add_getset(&d, "__name__", builtin_name, None);
        vm.add_getset(&d, "__qualname__", builtin_qualname, None);
        vm.add_getset(&d, "__doc__", builtin_doc, None);
        vm.add_getset(&d, "__objclass__", descr_objclass, None);
        vm.add_getset(&d, "__text_signature__", builtin_text_signature, None);
    }
    let module = vm.types.module.clone();
    vm.add_methods(
        &module,
        crate::methods![
            staticmethod "__new__" => module_new, "";
            method "__init__" => module_init, "";
            method "__repr__" => module_repr, "";
        ],
    );
    vm.add_getset(&module, "__dict__", module_dict, None);
    let cell = vm.types.cell.clone();
    vm.add_getset(&cell, "cell_contents", cell_contents, None);
}

/// `module.__new__(cls, *args, **kwargs)`: an empty module; `__init__` names it.
fn module_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "module")?;
    let dict = vm.new_dict();
    let m = vm.new_object(
        &cls,
        crate::object::Payload::Module(Box::new(ModuleData { dict })),
    );
    Ok(Value::Obj(m))
}

/// `module(name, doc=None)` (CPython's `module___init___impl`).
fn module_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let a = crate::native::bind_args(vm, &rest, "module", &["name", "doc"], 1)?;
    if !matches!(a[0].payload(), Some(crate::object::Payload::Str(_))) {
        let t = vm.type_name(&a[0]);
        return Err(vm.type_error(format!(
            "module.__init__() argument 'name' must be str, not {t}"
        )));
    }
    let Some(crate::object::Payload::Module(md)) = this.payload() else {
        return Err(vm.type_error("descriptor '__init__' requires a 'module' object"));
    };
    let dict = md.dict.clone();
    let doc = if a[1].is_null() {
        Value::None
    } else {
        a[1].clone()
    };
    vm.set_dict_str(&dict, "__name__", a[0].clone());
    vm.set_dict_str(&dict, "__doc__", doc);
    vm.set_dict_str(&dict, "__package__", Value::None);
    vm.set_dict_str(&dict, "__loader__", Value::None);
    vm.set_dict_str(&dict, "__spec__", Value::None);
    Ok(Value::None)
}

fn text(vm: &mut Vm, v: &Value) -> String {
    vm.str_text(v)
}

fn fdata<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a FunctionData> {
    match v.payload() {
        Some(crate::object::Payload::Function(f)) => Ok(f),
        _ => Err(vm.type_error("expected a function")),
    }
}

fn func_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__repr__", 0, 0)?;
    let q = fdata(vm, this)?.qualname.borrow().clone();
    let q = text(vm, &q);
    Ok(vm.new_string(format!("<function {q} at {:#x}>", this.identity())))
}

fn func_get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "__get__", 1, 2)?;
    if rest[0].is_none() {
        return Ok(this.clone());
    }
    Ok(vm.new_method(this.clone(), rest[0].clone()))
}

macro_rules! func_field {
    ($get:ident, $set:ident, $field:ident) => {
        fn $get(vm: &mut Vm, this: &Value) -> PyResult<Value> {
            Ok(fdata(vm, this)?.$field.borrow().clone())
        }
        fn $set(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
            *fdata(vm, this)?.$field.borrow_mut() = v.unwrap_or(Value::None);
            Ok(())
        }
    };
}

/// `func_set_name` / `func_set_qualname`: only a str may be stored (and never deleted).
macro_rules! func_str_field {
    ($get:ident, $set:ident, $field:ident, $what:literal) => {
        fn $get(vm: &mut Vm, this: &Value) -> PyResult<Value> {
            Ok(fdata(vm, this)?.$field.borrow().clone())
        }
        fn $set(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
            match v {
                Some(v) if matches!(v.payload(), Some(crate::object::Payload::Str(_))) => {
                    *fdata(vm, this)?.$field.borrow_mut() = v;
                    Ok(())
                }
                _ => Err(vm.type_error(concat!($what, " must be set to a string object"))),
            }
        }
    };
}

func_str_field!(func_name, func_set_name, name, "__name__");
func_str_field!(func_qualname, func_set_qualname, qualname, "__qualname__");
func_field!(func_doc, func_set_doc, doc);
func_field!(func_module, func_set_module, module);

fn func_defaults(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(fdata(vm, this)?.defaults.borrow().clone())
}

fn func_set_defaults(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let v = v.unwrap_or(Value::None);
    if !v.is_none() && !matches!(v.payload(), Some(crate::object::Payload::Tuple(_))) {
        return Err(vm.type_error("__defaults__ must be set to a tuple object"));
    }
    *fdata(vm, this)?.defaults.borrow_mut() = v;
    Ok(())
}

fn func_kwdefaults(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(fdata(vm, this)?.kwdefaults.borrow().clone())
}

fn func_set_kwdefaults(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let v = v.unwrap_or(Value::None);
    if !v.is_none() && !matches!(v.payload(), Some(crate::object::Payload::Dict(_))) {
        return Err(vm.type_error("__kwdefaults__ must be set to a dict object"));
    }
    *fdata(vm, this)?.kwdefaults.borrow_mut() = v;
    Ok(())
}

fn func_annotations(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let cur = fdata(vm, this)?.annotations.borrow().clone();
    if cur.is_none() {
        let d = Value::Obj(vm.new_dict());
        *fdata(vm, this)?.annotations.borrow_mut() = d.clone();
        return Ok(d);
    }
    Ok(cur)
}

fn func_set_annotations(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    *fdata(vm, this)?.annotations.borrow_mut() = v.unwrap_or(Value::None);
    Ok(())
}

fn func_globals(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Obj(fdata(vm, this)?.globals.clone()))
}

fn func_closure(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let cells = fdata(vm, this)?.closure.clone();
    Ok(match cells {
        Some(c) => vm.new_tuple(c.iter().map(|o| Value::Obj(o.clone())).collect()),
        None => Value::None,
    })
}

fn func_code(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let fd = fdata(vm, this)?;
    let cached = fd.code_obj.borrow().clone();
    if !cached.is_none() {
        return Ok(cached);
    }
    let code = fd.code.borrow().clone();
    let v = Value::Obj(ObjRef::new(
        vm.types.code.clone(),
        crate::object::Payload::Code(code),
    ));
    *fdata(vm, this)?.code_obj.borrow_mut() = v.clone();
    Ok(v)
}

/// `func.__code__ = code` (CPython's `func_set_code`): the free variables must match the
/// closure.
fn func_set_code(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let code = match v.as_ref().and_then(|v| vm.code_payload(v)) {
        Some(c) => c?,
        None => return Err(vm.type_error("__code__ must be set to a code object")),
    };
    let fd = fdata(vm, this)?;
    let nfree = code
        .co
        .localsplus_kinds
        .iter()
        .filter(|k| k.has(krait_bytecode::LocalKind::FREE))
        .count();
    let nclosure = fd.closure.as_ref().map_or(0, |c| c.len());
    if nfree != nclosure {
        let name = vm.str_text(&fd.name.borrow().clone());
        return Err(vm.value_error(format!(
            "{name}() requires a code object with {nclosure} free vars, not {nfree}"
        )));
    }
    *fd.code.borrow_mut() = code;
    *fd.code_obj.borrow_mut() = v.unwrap_or(Value::None);
    Ok(())
}

fn method_parts(vm: &mut Vm, this: &Value) -> PyResult<(Value, Value)> {
    match this.payload() {
        Some(crate::object::Payload::Method(m)) => Ok((m.0.clone(), m.1.clone())),
        _ => Err(vm.type_error("expected a method")),
    }
}

fn method_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__repr__", 0, 0)?;
    let (f, s) = method_parts(vm, this)?;
    let k = vm.intern("__qualname__");
    let q = match vm.getattr_opt(&f, &k)? {
        Some(q) => text(vm, &q),
        None => String::from("?"),
    };
    let r = vm.repr_string(&s)?;
    Ok(vm.new_string(format!("<bound method {q} of {r}>")))
}

fn method_func(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(method_parts(vm, this)?.0)
}

/// `types.MethodType(func, obj)`, with `method_new`'s checks and messages.
fn method_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("method() takes no keyword arguments"));
    }
    let rest = args.pos().get(1..).unwrap_or(&[]);
    if rest.len() != 2 {
        return Err(vm.type_error(format!("method expected 2 arguments, got {}", rest.len())));
    }
    if !vm.is_callable(&rest[0]) {
        return Err(vm.type_error("first argument must be callable"));
    }
    if rest[1].is_none() {
        return Err(vm.type_error("instance must not be None"));
    }
    Ok(vm.new_method(rest[0].clone(), rest[1].clone()))
}

/// `method.__doc__` is the function's (without it, `object.__doc__` answered: `unittest`
/// printed it as every test's description).
fn method_doc(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let f = method_parts(vm, this)?.0;
    vm.getattr_str(&f, "__doc__")
}

fn method_self(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(method_parts(vm, this)?.1)
}

fn bdata<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a BuiltinData> {
    match v.payload() {
        Some(crate::object::Payload::Builtin(b)) => Ok(b),
        _ => Err(vm.type_error("expected a builtin function")),
    }
}

fn builtin_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__repr__", 0, 0)?;
    let b = bdata(vm, this)?;
    let name = b.name;
    match (&b.bound, &b.owner) {
        (Some(recv), _) if !matches!(recv.payload(), Some(crate::object::Payload::Module(_))) => {
            let recv = recv.clone();
            let tn = vm.type_name(&recv);
            // A bound slot wrapper is a `method-wrapper`.
            let text = if b.is_method && is_slot_name(name) {
                format!(
                    "<method-wrapper '{name}' of {tn} object at {:#x}>",
                    recv.identity()
                )
            } else {
                format!(
                    "<built-in method {name} of {tn} object at {:#x}>",
                    recv.identity()
                )
            };
            Ok(vm.new_string(text))
        }
        // `__new__` is a builtin bound to its type (`tp_new_wrapper`).
        (None, Some(owner)) if b.is_static => {
            let at = Value::Obj(owner.clone()).identity();
            Ok(vm.new_string(format!(
                "<built-in method {name} of type object at {at:#x}>"
            )))
        }
        _ => Ok(vm.new_string(format!("<built-in function {name}>"))),
    }
}

fn descr_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__repr__", 0, 0)?;
    let b = bdata(vm, this)?;
    let name = b.name;
    let owner = match b.owner.clone() {
        Some(o) => crate::modules::tp_name(vm, &o),
        None => String::new(),
    };
    let kind = if is_slot_name(name) {
        "slot wrapper"
    } else {
        "method"
    };
    Ok(vm.new_string(format!("<{kind} '{name}' of '{owner}' objects>")))
}

/// `meth_richcompare`: two builtins are equal when they wrap the same C function and have
/// the identical `__self__`.
fn builtin_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "__eq__", 1, 1)?;
    let (Some(crate::object::Payload::Builtin(a)), Some(crate::object::Payload::Builtin(b))) =
        (this.payload(), rest[0].payload())
    else {
        return Ok(vm.not_implemented.clone());
    };
    let same_fn = a.func as usize == b.func as usize && a.name == b.name;
    Ok(Value::bool(same_fn && a.self_value().is(&b.self_value())))
}

fn builtin_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(match builtin_eq(vm, args)? {
        Value::Bool(b) => Value::bool(!b.get()),
        other => other,
    })
}

/// `meth_hash`: the identity of `__self__` mixed with the C function's address.
fn builtin_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__hash__", 0, 0)?;
    let b = bdata(vm, this)?;
    let x = crate::ops::hash_identity(&b.self_value());
    let y = ((b.func as usize) >> 4 | (b.func as usize) << (usize::BITS - 4)) as i64;
    let h = x ^ y;
    Ok(Value::Int(if h == -1 { -2 } else { h }))
}

fn gsdata<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a GetSetData> {
    match v.payload() {
        Some(crate::object::Payload::GetSet(g)) => Ok(g),
        _ => Err(vm.type_error("expected a getset_descriptor")),
    }
}

/// `getset_repr`: `<attribute 'real' of 'int' objects>`.
fn getset_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__repr__", 0, 0)?;
    let g = gsdata(vm, this)?;
    let (name, owner) = (g.name, g.owner.clone());
    let tn = crate::modules::tp_name(vm, &owner);
    Ok(vm.new_string(format!("<attribute '{name}' of '{tn}' objects>")))
}

/// `descr_check`: the instance must be an instance of the descriptor's type.
fn getset_check(vm: &mut Vm, g: &GetSetData, obj: &Value) -> PyResult<()> {
    let t = vm.type_of(obj);
    if crate::objects::typeobj::is_subtype(&t, &g.owner) {
        return Ok(());
    }
    let tn = crate::modules::tp_name(vm, &g.owner);
    let on = vm.type_name(obj);
    Err(vm.type_error(format!(
        "descriptor '{}' for '{tn}' objects doesn't apply to a '{on}' object",
        g.name
    )))
}

fn getset_get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "__get__", 1, 2)?;
    let obj = rest[0].clone();
    if obj.is_none() {
        return Ok(this.clone());
    }
    let g = gsdata(vm, this)?;
    getset_check(vm, g, &obj)?;
    (g.get)(vm, &obj)
}

fn getset_store(vm: &mut Vm, this: &Value, obj: &Value, value: Option<Value>) -> PyResult<Value> {
    let g = gsdata(vm, this)?;
    getset_check(vm, g, obj)?;
    match g.set {
        Some(set) => {
            set(vm, obj, value)?;
            Ok(Value::None)
        }
        None => {
            let tn = crate::modules::tp_name(vm, &g.owner);
            Err(vm.attribute_error(format!(
                "attribute '{}' of '{tn}' objects is not writable",
                g.name
            )))
        }
    }
}

fn getset_set(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "__set__", 2, 2)?;
    getset_store(vm, this, &rest[0], Some(rest[1].clone()))
}

fn getset_delete(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "__delete__", 1, 1)?;
    getset_store(vm, this, &rest[0], None)
}

fn getset_name(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let n = gsdata(vm, this)?.name;
    Ok(vm.new_str(n))
}

fn getset_qualname(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let g = gsdata(vm, this)?;
    let q = crate::objects::typeobj::type_data(&g.owner)
        .qualname
        .borrow()
        .clone();
    Ok(vm.new_string(format!("{q}.{}", g.name)))
}

fn getset_objclass(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Obj(gsdata(vm, this)?.owner.clone()))
}

/// `descr_reduce` (method and slot-wrapper descriptors): `getattr(objclass, name)`.
fn descr_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__reduce__", 0, 0)?;
    let b = bdata(vm, this)?;
    let (name, owner) = (b.name, b.owner.clone());
    let owner = owner.map_or(Value::None, Value::Obj);
    let getattr = vm.getattr_str(&Value::Obj(vm.builtins_module.clone()), "getattr")?;
    let n = vm.new_str(name);
    let pair = vm.new_pair(owner, n);
    Ok(vm.new_pair(getattr, pair))
}

/// Whether a special method is one CPython implements through a type slot (its descriptor
/// is a `wrapper_descriptor`, shown as "slot wrapper").
pub(crate) fn is_slot_name(name: &str) -> bool {
    name.starts_with("__")
        && name.ends_with("__")
        && !matches!(
            name,
            "__format__"
                | "__dir__"
                | "__sizeof__"
                | "__reduce__"
                | "__reduce_ex__"
                | "__getnewargs__"
                | "__getnewargs_ex__"
                | "__getstate__"
                | "__init_subclass__"
                | "__subclasshook__"
                | "__class_getitem__"
                | "__round__"
                | "__trunc__"
                | "__floor__"
                | "__ceil__"
                | "__reversed__"
                | "__length_hint__"
                | "__instancecheck__"
                | "__subclasscheck__"
                | "__subclasses__"
                | "__prepare__"
                | "__mro_entries__"
                | "__set_name__"
                | "__enter__"
                | "__exit__"
                | "__copy__"
                | "__deepcopy__"
                | "__bytes__"
                | "__complex__"
                | "__missing__"
                | "__fspath__"
                | "__getformat__"
                | "__setformat__"
        )
}

fn builtin_name(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let n = bdata(vm, this)?.name;
    Ok(vm.new_str(n))
}

/// `meth_get__qualname__` / `descr_get_qualname`: `type.name` unless bound to a module.
fn builtin_qualname(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let b = bdata(vm, this)?;
    let name = b.name;
    let owner = match (&b.bound, &b.owner) {
        (Some(Value::Obj(o)), _) if matches!(o.payload, crate::object::Payload::Module(_)) => None,
        (Some(Value::Obj(o)), _) if matches!(o.payload, crate::object::Payload::Type(_)) => {
            Some(o.clone())
        }
        (Some(recv), _) => Some(vm.type_of(recv)),
        (None, Some(o)) => Some(o.clone()),
        (None, None) => None,
    };
    match owner {
        Some(t) => {
            let q = crate::objects::typeobj::type_data(&t)
                .qualname
                .borrow()
                .clone();
            Ok(vm.new_string(format!("{q}.{name}")))
        }
        None => Ok(vm.new_str(name)),
    }
}

fn builtin_doc(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    match bdata(vm, this)?.doc {
        Some(d) if !d.is_empty() => Ok(vm.new_str(d)),
        _ => Ok(Value::None),
    }
}

fn builtin_text_signature(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    bdata(vm, this)?;
    Ok(Value::None)
}

/// `m_module`: the defining module's name for module functions, None for methods.
fn builtin_module(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    match &bdata(vm, this)?.bound {
        Some(Value::Obj(o)) if matches!(o.payload, crate::object::Payload::Module(_)) => {
            let m = Value::Obj(o.clone());
            let k = vm.intern("__name__");
            Ok(vm.getattr_opt(&m, &k)?.unwrap_or(Value::None))
        }
        _ => Ok(Value::None),
    }
}

fn descr_objclass(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(bdata(vm, this)?
        .owner
        .clone()
        .map_or(Value::None, Value::Obj))
}

/// `method_richcompare`: equal when the functions are equal and the receivers identical.
fn method_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "__eq__", 1, 1)?;
    let other = &rest[0];
    if !matches!(other.payload(), Some(crate::object::Payload::Method(_))) {
        return Ok(vm.not_implemented.clone());
    }
    let (f1, s1) = method_parts(vm, this)?;
    let (f2, s2) = method_parts(vm, other)?;
    Ok(Value::bool(s1.is(&s2) && vm.eq(&f1, &f2)?))
}

fn method_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let r = method_eq(vm, args)?;
    Ok(match r {
        Value::Bool(b) => Value::bool(!b.get()),
        other => other,
    })
}

/// `meth_hash`: the receiver's identity mixed with the function's hash.
fn method_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__hash__", 0, 0)?;
    let (f, s) = method_parts(vm, this)?;
    let x = crate::ops::hash_identity(&s);
    let y = vm.hash(&f)?;
    let h = x ^ y;
    Ok(Value::Int(if h == -1 { -2 } else { h }))
}

/// `method.__reduce__`: `getattr(self.__self__, self.__func__.__name__)`.
fn method_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__reduce__", 0, 0)?;
    let (f, s) = method_parts(vm, this)?;
    let name = vm.getattr_str(&f, "__name__")?;
    let getattr = vm.getattr_str(&Value::Obj(vm.builtins_module.clone()), "getattr")?;
    let pair = vm.new_pair(s, name);
    Ok(vm.new_pair(getattr, pair))
}

/// `__self__`: the receiver or the module; `None` for a static method (`PyCFunction_GET_SELF`
/// hides the type it keeps for `__reduce__`).
fn builtin_self(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let b = bdata(vm, this)?;
    if b.is_static && b.bound.is_none() {
        return Ok(Value::None);
    }
    Ok(b.self_value())
}

fn module_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__repr__", 0, 0)?;
    let this = this.clone();
    // `_bootstrap._module_repr`: a module with a spec shows what the spec says
    // (`_module_repr_from_spec`).
    let ks = vm.intern("__spec__");
    if let Some(spec) = vm.getattr_opt(&this, &ks)?
        && vm.is_true(&spec)?
    {
        let name = vm.getattr_str(&spec, "name")?;
        let name = if name.is_none() {
            String::from("'?'")
        } else {
            vm.repr_string(&name)?
        };
        let origin = vm.getattr_str(&spec, "origin")?;
        if origin.is_none() {
            let loader = vm.getattr_str(&spec, "loader")?;
            if loader.is_none() {
                return Ok(vm.new_string(format!("<module {name}>")));
            }
            let r = vm.repr_string(&loader)?;
            return Ok(vm.new_string(format!("<module {name} ({r})>")));
        }
        let located = vm.getattr_str(&spec, "has_location")?;
        if vm.is_true(&located)? {
            let o = vm.repr_string(&origin)?;
            return Ok(vm.new_string(format!("<module {name} from {o}>")));
        }
        let o = vm.str_string(&origin)?;
        return Ok(vm.new_string(format!("<module {name} ({o})>")));
    }
    let kl = vm.intern("__loader__");
    let loader = vm.getattr_opt(&this, &kl)?.unwrap_or(Value::None);
    let k = vm.intern("__name__");
    let name = match vm.getattr_opt(&this, &k)? {
        Some(n) => vm.repr_string(&n)?,
        None => String::from("'?'"),
    };
    // Then the loader's `module_repr`, if it has one (`BuiltinImporter`'s says built-in).
    if let Value::Obj(l) = &loader
        && vm
            .spec_types
            .as_ref()
            .is_some_and(|t| ObjRef::ptr_eq(l, &t.builtin_importer))
    {
        return Ok(vm.new_string(format!("<module {name} (built-in)>")));
    }
    let km = vm.intern("module_repr");
    if !loader.is_none()
        && let Some(f) = vm.getattr_opt(&loader, &km)?
        && let Ok(r) = vm.call_pos(&f, std::slice::from_ref(&this))
    {
        return Ok(r);
    }
    let kf = vm.intern("__file__");
    match vm.getattr_opt(&this, &kf)? {
        Some(f) => {
            let f = vm.repr_string(&f)?;
            Ok(vm.new_string(format!("<module {name} from {f}>")))
        }
        None if loader.is_none() => Ok(vm.new_string(format!("<module {name}>"))),
        None => {
            let r = vm.repr_string(&loader)?;
            Ok(vm.new_string(format!("<module {name} ({r})>")))
        }
    }
}

fn module_dict(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    match this.payload() {
        Some(crate::object::Payload::Module(m)) => Ok(Value::Obj(m.dict.clone())),
        _ => Err(vm.type_error("expected a module")),
    }
}

fn cell_contents(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    match this.payload() {
        Some(crate::object::Payload::Cell(c)) => {
            let v = c.borrow().clone();
            if v.is_null() {
                return Err(vm.value_error("Cell is empty"));
            }
            Ok(v)
        }
        _ => Err(vm.type_error("expected a cell")),
    }
}

/// `f.__call__(*args, **kwargs)` for functions, methods and builtins.
fn call_self(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first() else {
        return Err(vm.type_error("descriptor '__call__' needs an argument"));
    };
    let this = this.clone();
    vm.call(
        &this,
        Args {
            values: &args.values[1..],
            kwnames: args.kwnames,
        },
    )
}

/// Attributes a bound method does not have itself come from its function (`__name__`,
/// `__doc__`, `__qualname__`, ...), as `method_getattro` does.
fn method_getattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "__getattr__", 1, 1)?;
    let (f, _) = method_parts(vm, this)?;
    let Value::Obj(name) = &rest[0] else {
        return Err(vm.type_error("attribute name must be string"));
    };
    let name = name.clone();
    vm.getattr(&f, &name)
}
