//! Heap objects: a reference-counted header (type, optional instance dict) and a payload.
//!
//! Memory is managed by non-atomic reference counting (`Rc`), as in CPython; `ObjRef` is a
//! newtype so the representation can change (a custom header for the cycle collector and
//! `__del__` resurrection) without touching the rest of the VM. An object's type is immutable
//! here except through `__class__` assignment, which goes through `set_class`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use num_bigint::BigInt;

use crate::objects::dict::DictTable;
use crate::objects::set::SetTable;
use crate::objects::str::PyStr;
use crate::objects::{exception, function, iter, typeobj};
use crate::value::Value;

/// A counted reference to a heap object.
#[derive(Clone)]
pub struct ObjRef(Rc<Object>);

/// A heap object.
pub struct Object {
    /// The type; `None` only while `type` and `object` are being bootstrapped.
    class: Cell<Option<ObjRef>>,
    /// The instance `__dict__`, for objects that have one.
    pub dict: DictSlot,
    /// What the object holds.
    pub payload: Payload,
    /// Set once the object's finalizer has been queued (it runs at most once).
    finalized: Cell<bool>,
    /// Set once a weak reference to the object was made: its death is then reported to the
    /// interpreter (weakref callbacks, `modules/weakref.rs`).
    weakly_referenced: Cell<bool>,
}

/// What a heap object holds, by builtin kind. Subclass instances carry their base's payload.
pub enum Payload {
    /// A plain `object()` or an instance of a Python class with no builtin base.
    Plain,
    /// An `int` that needs more than 64 bits, or an instance of an `int` subclass.
    Int(BigInt),
    /// An instance of a `float` subclass.
    Float(f64),
    /// A `complex`.
    Complex(f64, f64),
    /// A `bool` subclass never exists; `bool` values are inline.
    Str(PyStr),
    /// `bytes`
    Bytes(Box<[u8]>),
    /// `bytearray` (derefs to `RefCell<Vec<u8>>`; counts buffer exports).
    ByteArray(crate::objects::bytes::ByteArrayData),
    /// `memoryview`
    MemoryView(Box<crate::objects::bytes::memoryview::MemoryViewData>),
    /// `tuple`
    Tuple(crate::objects::tuple::TupleItems),
    /// `list`
    List(RefCell<Vec<Value>>),
    /// `dict`
    Dict(Box<RefCell<DictTable>>),
    /// `set`
    Set(Box<RefCell<SetTable>>),
    /// `frozenset`
    FrozenSet(Box<SetTable>),
    /// `range`
    Range(Box<iter::RangeData>),
    /// `slice`
    Slice(Box<[Value; 3]>),
    /// `type` (and metaclass instances)
    Type(Box<typeobj::TypeData>),
    /// A Python function.
    Function(Box<function::FunctionData>),
    /// A function implemented in Rust (`builtin_function_or_method`, method descriptors).
    Builtin(Box<function::BuiltinData>),
    /// A bound method.
    Method(Box<(Value, Value)>),
    /// A code object.
    Code(Rc<crate::frame::Code>),
    /// A code object of a cached module not decoded yet (see [`crate::codecache::LazyCodeObj`]).
    LazyCode(Box<crate::codecache::LazyCodeObj>),
    /// A module.
    Module(Box<function::ModuleData>),
    /// A closure cell.
    Cell(RefCell<Value>),
    /// An exception instance.
    Exception(Box<exception::ExceptionData>),
    /// A generator, coroutine or async generator.
    Generator(Box<crate::frame::GeneratorData>),
    /// Builtin iterators and other small internal kinds.
    Iter(Box<RefCell<iter::IterState>>),
    /// `property`: fget, fset, fdel, doc, name (from `__set_name__`).
    Property(Box<RefCell<[Value; 5]>>),
    /// `staticmethod` / `classmethod` wrappers (the wrapped callable).
    StaticMethod(RefCell<Value>),
    /// `classmethod`
    ClassMethod(RefCell<Value>),
    /// `super(type, obj)`: the type and the bound object (or type).
    Super(Box<(ObjRef, Value)>),
    /// A getter/setter for a builtin attribute (`getset_descriptor`).
    GetSet(Box<function::GetSetData>),
    /// A slot of `__slots__` (`member_descriptor`): the index into the object's slot storage.
    Member(Box<(Rc<str>, usize)>),
    /// Instance slot storage for classes with `__slots__`.
    Slots(RefCell<Vec<Value>>),
    /// A traceback entry.
    Traceback(Box<exception::TracebackData>),
    /// A frame snapshot (for tracebacks and introspection).
    Frame(Box<crate::frame::FrameInfo>),
    /// `mappingproxy` over a type's namespace.
    MappingProxy(Value),
    /// A standard stream: 0 stdin, 1 stdout, 2 stderr.
    Stream(u8),
    /// A file object of `open()` (`FileIO`, `Buffered*`, `TextIOWrapper`).
    File(Box<crate::builtins::io::FileObj>),
    /// `types.GenericAlias` / `types.UnionType`: origin (or `None`) and the args tuple.
    Alias(Box<(Value, Value)>),
    /// The awaitables of coroutines and async generators (`asend`, `athrow`, `__await__`).
    Awaitable(Box<crate::generator::AwaitableData>),
    /// The state of an instance of a native module's type (`deque`, `weakref`, a lock, ...):
    /// each module downcasts to its own struct (`native::native_ref`).
    Native(Box<dyn std::any::Any>),
}

impl ObjRef {
    /// A new object of type `class` with `payload` and no instance dict.
    pub fn new(class: ObjRef, payload: Payload) -> ObjRef {
        ObjRef(Rc::new(Object {
            class: Cell::new(Some(class)),
            dict: DictSlot::new(None),
            payload,
            finalized: Cell::new(false),
            weakly_referenced: Cell::new(false),
        }))
    }

    /// An object whose type is set later (`type` and `object` during bootstrap).
    pub(crate) fn new_unclassed(payload: Payload) -> ObjRef {
        ObjRef(Rc::new(Object {
            class: Cell::new(None),
            dict: DictSlot::new(None),
            payload,
            finalized: Cell::new(false),
            weakly_referenced: Cell::new(false),
        }))
    }

    /// A new object with an instance dict.
    pub fn with_dict(class: ObjRef, payload: Payload, dict: ObjRef) -> ObjRef {
        ObjRef(Rc::new(Object {
            class: Cell::new(Some(class)),
            dict: DictSlot::new(Some(dict)),
            payload,
            finalized: Cell::new(false),
            weakly_referenced: Cell::new(false),
        }))
    }

    /// Whether two references point to the same object.
    #[inline]
    pub fn ptr_eq(a: &ObjRef, b: &ObjRef) -> bool {
        Rc::ptr_eq(&a.0, &b.0)
    }

    /// The object's address, its identity.
    pub fn addr(&self) -> usize {
        Rc::as_ptr(&self.0) as *const () as usize
    }

    /// The object's type.
    #[inline]
    pub fn class(&self) -> ObjRef {
        let c = self.0.class.take();
        let r = match &c {
            Some(c) => c.clone(),
            None => self.clone(),
        };
        self.0.class.set(c);
        r
    }

    /// Run `f` with the object's type.
    #[inline]
    pub fn with_class<R>(&self, f: impl FnOnce(&ObjRef) -> R) -> R {
        f(&self.class())
    }

    /// Replace the object's type (`obj.__class__ = C`, after the caller checked layouts).
    pub fn set_class(&self, class: ObjRef) {
        drop(self.0.class.replace(Some(class)));
    }

    /// The object itself, mutably, when this is its only reference.
    pub fn get_mut(&mut self) -> Option<&mut Object> {
        Rc::get_mut(&mut self.0)
    }

    /// A weak reference to this object.
    pub fn downgrade(&self) -> WeakObj {
        WeakObj(Rc::downgrade(&self.0))
    }

    /// Mark the object as weakly referenced, so its death is queued for the interpreter.
    pub fn set_weakly_referenced(&self) {
        self.0.weakly_referenced.set(true);
    }

    /// Number of strong references (for `sys.getrefcount`).
    pub fn strong_count(&self) -> usize {
        Rc::strong_count(&self.0)
    }
}

impl std::ops::Deref for ObjRef {
    type Target = Object;
    #[inline]
    fn deref(&self) -> &Object {
        &self.0
    }
}

/// A weak reference to a heap object (type subclass lists).
#[derive(Clone)]
pub struct WeakObj(std::rc::Weak<Object>);

impl WeakObj {
    /// The object, if it is still alive.
    pub fn upgrade(&self) -> Option<ObjRef> {
        self.0.upgrade().map(ObjRef)
    }
}

/// An object's hash cache, for types that cache (str).
pub type HashCache = Cell<i64>;

thread_local! {
    /// Objects whose last reference went away while they need a finalizer (`__del__`, or a
    /// suspended generator to close). `Drop` cannot reach the interpreter, so it moves the
    /// object's contents into a fresh object queued here; the eval loop runs the finalizers
    /// at its next check (`Vm::run_finalizers`). Resurrection keeps the fresh object.
    static PENDING: RefCell<Vec<ObjRef>> = const { RefCell::new(Vec::new()) };
    static HAS_PENDING: Cell<bool> = const { Cell::new(false) };
    /// Addresses of weakly referenced objects that died: their weak references' callbacks run
    /// at the next check, before finalizers.
    static DEAD_WEAK: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// The addresses of weakly referenced objects that died since the last call.
pub fn take_dead_weakly_referenced() -> Vec<usize> {
    DEAD_WEAK
        .try_with(|q| std::mem::take(&mut *q.borrow_mut()))
        .unwrap_or_default()
}

/// Take this OS thread's finalizer queues (a Python thread gives the interpreter up).
pub(crate) fn take_finalizer_queues() -> (Vec<ObjRef>, Vec<usize>) {
    let p = PENDING
        .try_with(|q| std::mem::take(&mut *q.borrow_mut()))
        .unwrap_or_default();
    let d = take_dead_weakly_referenced();
    let _ = HAS_PENDING.try_with(|c| c.set(false));
    (p, d)
}

/// Queue finalizers handed over from another thread (a Python thread takes the interpreter).
pub(crate) fn put_finalizer_queues(p: Vec<ObjRef>, d: Vec<usize>) {
    if p.is_empty() && d.is_empty() {
        return;
    }
    let _ = PENDING.try_with(|q| q.borrow_mut().extend(p));
    let _ = DEAD_WEAK.try_with(|q| q.borrow_mut().extend(d));
    let _ = HAS_PENDING.try_with(|c| c.set(true));
}

/// Whether finalizers are waiting to run.
#[inline]
pub fn finalizers_pending() -> bool {
    HAS_PENDING.try_with(|c| c.get()).unwrap_or(false)
}

/// The next object waiting for its finalizer.
pub fn next_pending_finalizer() -> Option<ObjRef> {
    let next = PENDING.try_with(|q| q.borrow_mut().pop()).ok().flatten();
    let dead_weak = DEAD_WEAK
        .try_with(|q| !q.borrow().is_empty())
        .unwrap_or(false);
    if next.is_none() && !dead_weak {
        let _ = HAS_PENDING.try_with(|c| c.set(false));
    }
    next
}

impl Drop for Object {
    fn drop(&mut self) {
        if self.weakly_referenced.get() {
            let addr = self as *const Object as *const () as usize;
            if DEAD_WEAK.try_with(|q| q.borrow_mut().push(addr)).is_ok() {
                let _ = HAS_PENDING.try_with(|c| c.set(true));
            }
        }
        if self.finalized.get() {
            return;
        }
        let wants = match &self.payload {
            // Async generators are finalised through event-loop hooks, not here.
            Payload::Generator(g) => {
                g.started.get()
                    && g.frame.borrow().is_some()
                    && !g
                        .code
                        .co
                        .flags
                        .has(krait_bytecode::CodeFlags::ASYNC_GENERATOR)
            }
            _ => match self.class.get_mut() {
                Some(c) => match &c.payload {
                    Payload::Type(td) => td.has_del.get(),
                    _ => false,
                },
                None => false,
            },
        };
        if !wants {
            return;
        }
        let revived = Object {
            class: Cell::new(self.class.take()),
            dict: DictSlot::new(self.dict.take()),
            payload: std::mem::replace(&mut self.payload, Payload::Plain),
            finalized: Cell::new(true),
            weakly_referenced: Cell::new(false),
        };
        let queued = PENDING.try_with(|q| q.borrow_mut().push(ObjRef(Rc::new(revived))));
        if queued.is_ok() {
            let _ = HAS_PENDING.try_with(|c| c.set(true));
        }
    }
}

// Every heap object pays for the widest payload: keep large variants boxed so this holds.
const _: () = assert!(std::mem::size_of::<Payload>() <= 48);
const _: () = assert!(std::mem::size_of::<Object>() <= 72);

/// An object's instance-dict pointer: a `Cell`, 8 bytes where a `RefCell` took 16 (every heap
/// object has one). `borrow` hands out a counted reference to the dict; `borrow_mut` moves
/// the pointer out for the guard's lifetime and back when the guard drops. Code that would
/// have hit a `RefCell` borrow conflict reads `None` meanwhile instead; nothing reads an
/// object's dict slot while it holds the slot mutably.
pub struct DictSlot(Cell<Option<ObjRef>>);

impl DictSlot {
    /// A slot holding `d`.
    pub fn new(d: Option<ObjRef>) -> DictSlot {
        DictSlot(Cell::new(d))
    }

    /// The dict, with its own reference.
    #[inline]
    pub fn get(&self) -> Option<ObjRef> {
        let d = self.0.take();
        let r = d.clone();
        self.0.set(d);
        r
    }

    /// The dict (a reference-holding guard, for `&*slot.borrow()`).
    #[inline]
    pub fn borrow(&self) -> DictRef {
        DictRef(self.get())
    }

    /// The slot, mutably, until the guard drops.
    #[inline]
    pub fn borrow_mut(&self) -> DictMut<'_> {
        DictMut {
            slot: &self.0,
            value: self.0.take(),
        }
    }

    /// Put `d` in the slot, returning what was there.
    pub fn replace(&self, d: Option<ObjRef>) -> Option<ObjRef> {
        self.0.replace(d)
    }

    /// Empty the slot, returning what was there.
    pub fn take(&self) -> Option<ObjRef> {
        self.0.take()
    }

    /// Whether the object has a dict.
    pub fn is_some(&self) -> bool {
        self.borrow().is_some()
    }
}

/// See [`DictSlot::borrow`].
pub struct DictRef(Option<ObjRef>);

impl std::ops::Deref for DictRef {
    type Target = Option<ObjRef>;
    #[inline]
    fn deref(&self) -> &Option<ObjRef> {
        &self.0
    }
}

/// See [`DictSlot::borrow_mut`].
pub struct DictMut<'a> {
    slot: &'a Cell<Option<ObjRef>>,
    value: Option<ObjRef>,
}

impl std::ops::Deref for DictMut<'_> {
    type Target = Option<ObjRef>;
    #[inline]
    fn deref(&self) -> &Option<ObjRef> {
        &self.value
    }
}

impl std::ops::DerefMut for DictMut<'_> {
    #[inline]
    fn deref_mut(&mut self) -> &mut Option<ObjRef> {
        &mut self.value
    }
}

impl Drop for DictMut<'_> {
    fn drop(&mut self) {
        drop(self.slot.replace(self.value.take()));
    }
}
