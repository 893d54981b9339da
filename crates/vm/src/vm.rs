//! The interpreter state. Everything an interpreter owns hangs off [`Vm`]: its types, modules,
//! interned strings and host. There is no global state, so several interpreters can live side
//! by side in one process.

use std::collections::HashMap;
use std::rc::Rc;

use krait_common::hash::HashSecret;

use crate::frame::FrameLink;
use crate::host::Host;
use crate::object::{ObjRef, Payload};
use crate::objects::dict::DictTable;
use crate::objects::exception::ExceptionData;
use crate::objects::str::PyStr;
use crate::objects::typeobj::{BuiltinKind, Layout, TypeData, c3_mro, type_data};
use crate::types::Types;
use crate::value::Value;

/// A Python exception in flight: the exception instance.
#[derive(Clone)]
pub struct PyErr(pub ObjRef);

/// The result of anything that can raise.
pub type PyResult<T = Value> = Result<T, PyErr>;

/// Settings fixed when the interpreter is built.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// `sys.argv`
    pub argv: Vec<String>,
    /// `-O` level (0, 1, 2).
    pub optimize: u8,
    /// Extra entries at the front of `sys.path` (`PYTHONPATH`, the script's folder).
    pub path: Vec<String>,
    /// `PYTHONHASHSEED`: `None` for a random seed.
    pub hash_seed: Option<u32>,
    /// `-u`: unbuffered stdout.
    pub unbuffered: bool,
    /// `-I`, `-E`, `-S`, `-B` and friends, for `sys.flags`.
    pub isolated: bool,
    /// `-E`
    pub ignore_environment: bool,
    /// `-S`
    pub no_site: bool,
    /// `-B`
    pub dont_write_bytecode: bool,
    /// `-i`
    pub inspect: bool,
}

/// One interpreter.
pub struct Vm {
    /// The builtin types.
    pub types: Types,
    /// The `builtins` module's namespace.
    pub builtins: ObjRef,
    /// `sys.modules`
    pub modules: ObjRef,
    /// The `sys` module.
    pub sys: ObjRef,
    /// Interned strings by text.
    interned: HashMap<Rc<str>, ObjRef>,
    /// The string hash key.
    pub hash_secret: HashSecret,
    /// Where host operations go.
    pub host: Box<dyn Host>,
    /// Settings.
    pub config: Config,
    /// `sys.getrecursionlimit()`
    pub recursion_limit: usize,
    /// Python frames currently running, innermost last.
    pub frames: Vec<FrameLink>,
    /// The exceptions being handled (`sys.exc_info()`), innermost last.
    pub handled: Vec<Value>,
    /// `NotImplemented`
    pub not_implemented: Value,
    /// `Ellipsis`
    pub ellipsis: Value,
    /// Buffered stdout bytes not yet handed to the host.
    pub stdout_buf: Vec<u8>,
    /// Lowest address the Rust stack may reach before Python recursion is refused.
    pub stack_limit: usize,
    /// Set from outside (signals, limits) to make the eval loop stop and look.
    pub interrupt: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Vm {
    /// Build an interpreter around `host`.
    pub fn new(host: Box<dyn Host>, config: Config) -> Vm {
        let types = Types::bootstrap();
        let hash_secret = match config.hash_seed {
            Some(seed) => HashSecret::from_seed(seed),
            None => HashSecret::from_seed(0),
        };
        let dict_t = types.dict.clone();
        let new_dict = || ObjRef::new(dict_t.clone(), Payload::Dict(std::cell::RefCell::new(DictTable::new())));
        let builtins = new_dict();
        let modules = new_dict();
        let sys_dict = new_dict();
        let sys = ObjRef::new(types.module.clone(), Payload::Module(Box::new(crate::objects::function::ModuleData { dict: sys_dict })));
        let not_implemented = Value::Obj(ObjRef::new(types.not_implemented_type.clone(), Payload::Plain));
        let ellipsis = Value::Obj(ObjRef::new(types.ellipsis_type.clone(), Payload::Plain));
        let mut vm = Vm {
            types,
            builtins,
            modules,
            sys,
            interned: HashMap::new(),
            hash_secret,
            host,
            config,
            recursion_limit: 1000,
            frames: Vec::new(),
            handled: Vec::new(),
            not_implemented,
            ellipsis,
            stdout_buf: Vec::new(),
            stack_limit: 0,
            interrupt: Default::default(),
        };
        if vm.config.hash_seed.is_none() {
            let bytes = vm.host.urandom(16).unwrap_or_default();
            let mut key = [0u8; 16];
            for (k, b) in key.iter_mut().zip(bytes) {
                *k = b;
            }
            vm.hash_secret = HashSecret::from_bytes(key);
        }
        crate::types::init_types(&mut vm);
        crate::builtins::init(&mut vm);
        crate::sysmodule::init(&mut vm);
        vm
    }

    // ----- strings -----

    /// A new str object.
    pub fn new_str(&self, s: &str) -> Value {
        Value::Obj(ObjRef::new(self.types.str.clone(), Payload::Str(PyStr::new(s))))
    }

    /// A new str object from owned text.
    pub fn new_string(&self, s: String) -> Value {
        Value::Obj(ObjRef::new(self.types.str.clone(), Payload::Str(PyStr::from_string(s))))
    }

    /// A new str object from a `PyStr`.
    pub fn new_pystr(&self, s: PyStr) -> Value {
        Value::Obj(ObjRef::new(self.types.str.clone(), Payload::Str(s)))
    }

    /// The interned str object for `s` (names, attribute keys).
    pub fn intern(&mut self, s: &str) -> ObjRef {
        if let Some(o) = self.interned.get(s) {
            return o.clone();
        }
        let o = ObjRef::new(self.types.str.clone(), Payload::Str(PyStr::new(s)));
        self.str_hash_of(&o);
        self.interned.insert(Rc::from(s), o.clone());
        o
    }

    /// The hash of a str payload (cached in the string).
    pub fn str_hash(&self, s: &PyStr) -> i64 {
        let h = s.cached_hash();
        if h != -1 {
            return h;
        }
        let h = match s.to_str() {
            Some(t) => self.hash_secret.hash_str_utf8(t),
            None => self.hash_secret.hash_code_points(&s.code_points()),
        };
        s.set_hash(h);
        h
    }

    fn str_hash_of(&self, o: &ObjRef) -> i64 {
        match &o.payload {
            Payload::Str(s) => self.str_hash(s),
            _ => 0,
        }
    }

    /// The hash Python would give the text `s` (for name lookups by `&str`).
    pub fn hash_text(&self, s: &str) -> i64 {
        if s.is_empty() { 0 } else { self.hash_secret.hash_str_utf8(s) }
    }

    // ----- containers -----

    /// A new tuple.
    pub fn new_tuple(&self, items: Vec<Value>) -> Value {
        Value::Obj(ObjRef::new(self.types.tuple.clone(), Payload::Tuple(items.into_boxed_slice())))
    }

    /// A new list.
    pub fn new_list(&self, items: Vec<Value>) -> Value {
        Value::Obj(ObjRef::new(self.types.list.clone(), Payload::List(std::cell::RefCell::new(items))))
    }

    /// A new empty dict.
    pub fn new_dict(&self) -> ObjRef {
        ObjRef::new(self.types.dict.clone(), Payload::Dict(std::cell::RefCell::new(DictTable::new())))
    }

    // ----- exceptions -----

    /// A new exception of type `ty` with one string argument.
    pub fn new_exception_msg(&mut self, ty: &ObjRef, msg: impl Into<String>) -> PyErr {
        let msg = self.new_string(msg.into());
        self.new_exception(ty, vec![msg])
    }

    /// A new exception of type `ty` with the given args.
    pub fn new_exception(&mut self, ty: &ObjRef, args: Vec<Value>) -> PyErr {
        let args = self.new_tuple(args);
        PyErr(self.new_exception_obj(ty, args))
    }

    /// A new exception instance object (not yet raised).
    pub fn new_exception_obj(&mut self, ty: &ObjRef, args: Value) -> ObjRef {
        let data = ExceptionData::new(args);
        let dict = self.new_dict();
        ObjRef::with_dict(ty.clone(), Payload::Exception(Box::new(data)), dict)
    }

    /// `TypeError(msg)`
    pub fn type_error(&mut self, msg: impl Into<String>) -> PyErr {
        let t = self.types.type_error.clone();
        self.new_exception_msg(&t, msg)
    }

    /// `ValueError(msg)`
    pub fn value_error(&mut self, msg: impl Into<String>) -> PyErr {
        let t = self.types.value_error.clone();
        self.new_exception_msg(&t, msg)
    }

    /// `IndexError(msg)`
    pub fn index_error(&mut self, msg: impl Into<String>) -> PyErr {
        let t = self.types.index_error.clone();
        self.new_exception_msg(&t, msg)
    }

    /// `KeyError(key)`
    pub fn key_error(&mut self, key: Value) -> PyErr {
        let t = self.types.key_error.clone();
        self.new_exception(&t, vec![key])
    }

    /// `AttributeError(msg)`
    pub fn attribute_error(&mut self, msg: impl Into<String>) -> PyErr {
        let t = self.types.attribute_error.clone();
        self.new_exception_msg(&t, msg)
    }

    /// `OverflowError(msg)`
    pub fn overflow_error(&mut self, msg: impl Into<String>) -> PyErr {
        let t = self.types.overflow_error.clone();
        self.new_exception_msg(&t, msg)
    }

    /// `ZeroDivisionError(msg)`
    pub fn zero_division(&mut self, msg: impl Into<String>) -> PyErr {
        let t = self.types.zero_division_error.clone();
        self.new_exception_msg(&t, msg)
    }

    /// `RuntimeError(msg)`
    pub fn runtime_error(&mut self, msg: impl Into<String>) -> PyErr {
        let t = self.types.runtime_error.clone();
        self.new_exception_msg(&t, msg)
    }

    /// `MemoryError()`
    pub fn memory_error(&mut self) -> PyErr {
        let t = self.types.memory_error.clone();
        self.new_exception(&t, vec![])
    }

    /// `StopIteration(value)` (no args when `value` is `None`... CPython keeps the arg).
    pub fn stop_iteration(&mut self, value: Option<Value>) -> PyErr {
        let t = self.types.stop_iteration.clone();
        let args = value.into_iter().collect();
        self.new_exception(&t, args)
    }

    /// Whether `err` is an instance of exception type `ty`.
    pub fn err_matches(&self, err: &PyErr, ty: &ObjRef) -> bool {
        crate::objects::typeobj::is_subtype(&err.0.class(), ty)
    }

    // ----- types -----

    /// Create a builtin type named `name` with one base.
    pub fn make_type(&mut self, name: &str, base: Option<&ObjRef>, layout: Layout) -> ObjRef {
        let bases: Vec<ObjRef> = base.into_iter().cloned().collect();
        let data = TypeData::new(name, bases.clone(), layout, true);
        let t = ObjRef::new(self.types.type_.clone(), Payload::Type(Box::new(data)));
        let mro = c3_mro(&t, &bases).unwrap_or_else(|_| vec![t.clone()]);
        *type_data(&t).mro.borrow_mut() = mro;
        t
    }

    /// The type of a value.
    #[inline]
    pub fn type_of(&self, v: &Value) -> ObjRef {
        match v {
            Value::Obj(o) => o.class(),
            Value::Int(_) => self.types.int.clone(),
            Value::Float(_) => self.types.float.clone(),
            Value::Bool(_) => self.types.bool_.clone(),
            Value::None | Value::Null => self.types.none_type.clone(),
        }
    }

    /// The `__name__` of a value's type, for messages.
    pub fn type_name(&self, v: &Value) -> String {
        match v {
            Value::Int(_) => "int".into(),
            Value::Float(_) => "float".into(),
            Value::Bool(_) => "bool".into(),
            Value::None | Value::Null => "NoneType".into(),
            Value::Obj(o) => o.with_class(|c| type_data(c).name.borrow().clone()),
        }
    }

    /// The builtin layout of a value's type.
    pub fn builtin_kind(&self, v: &Value) -> Option<BuiltinKind> {
        match v {
            Value::Obj(o) => match o.with_class(|c| type_data(c).layout) {
                Layout::Builtin(k) => Some(k),
                Layout::Object => None,
            },
            Value::Int(_) | Value::Bool(_) => Some(BuiltinKind::Int),
            Value::Float(_) => Some(BuiltinKind::Float),
            _ => None,
        }
    }

    /// Whether the value's type is `ty` or a subclass of it.
    pub fn isinstance_exact_or_sub(&self, v: &Value, ty: &ObjRef) -> bool {
        crate::objects::typeobj::is_subtype(&self.type_of(v), ty)
    }
}
