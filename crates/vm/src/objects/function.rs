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
    /// The module namespace it was defined in (`__globals__`).
    pub globals: ObjRef,
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
        Args { values, kwnames: &[] }
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
