//! Heap objects: a reference-counted header (type, optional instance dict) and a payload.
//!
//! Memory is managed by non-atomic reference counting, as in CPython. `ObjRef` points to an
//! `ObjBox`: an 8-byte header (a 32-bit strong count, a 24-bit weak count, a 5-bit size class
//! and three flag bits) followed by the object, 16 bytes less than `Rc<Object>` with its two
//! word-sized counts and two flag bytes in the object. An object's type is immutable here except through
//! `__class__` assignment, which goes through `set_class`.

use std::cell::{Cell, RefCell};
use std::marker::PhantomData;
use std::ptr::NonNull;
use std::rc::Rc;

use num_bigint::BigInt;

use crate::objects::dict::DictTable;
use crate::objects::set::SetTable;
use crate::objects::str::{BOXED_MAX, BOXED_TEXT_AT, INLINE_CAP, PyStr, TextMeta};
use crate::objects::{exception, function, iter, typeobj};
use crate::value::Value;

/// A counted reference to a heap object.
pub struct ObjRef {
    ptr: NonNull<ObjBox>,
    /// Owns a share of an `ObjBox`; also keeps `ObjRef` `!Send` and `!Sync`, as `Rc` was.
    _owns: PhantomData<ObjBox>,
}

/// The allocation behind `ObjRef` and `WeakObj`.
#[repr(C)]
struct ObjBox {
    /// Strong references. The object is dropped when this reaches zero.
    strong: Cell<u32>,
    /// Weak references, plus one held by all strong ones together (the low 24 bits: the box
    /// is freed when they reach zero), the box's size class (`CLASS_BITS`: 0 but for strs
    /// with their text in the box, see `ObjRef::new_str`), and the `IMMORTAL`, `FINALIZED`
    /// and `WEAKLY_REFERENCED` flags.
    weak: Cell<u32>,
    obj: Object,
}

/// The weak count's bits in `ObjBox::weak`.
const WEAK_MASK: u32 = (1 << 24) - 1;
/// Where the box's size class (`objpool`) is kept in `ObjBox::weak`: the box outlives its
/// object while weak references remain, so the class cannot be read from the object.
const CLASS_SHIFT: u32 = 24;
const CLASS_BITS: u32 = 0b11111 << CLASS_SHIFT;
const _: () = assert!(crate::objpool::CLASSES <= 32);

/// Where a boxed str's text starts in its box: after the header and the object's type and
/// dict, at `BOXED_TEXT_AT` into the `PyStr`, which is the start of the payload (checked in
/// debug builds by `new_str`, and by a test).
const BOXED_TEXT_OFFSET: usize =
    std::mem::offset_of!(ObjBox, obj) + std::mem::offset_of!(Object, payload) + BOXED_TEXT_AT;
/// The longest text kept in a str's own box.
const BOXED_TEXT_MAX: usize = {
    let room = crate::objpool::MAX_BOX - BOXED_TEXT_OFFSET;
    if room < BOXED_MAX { room } else { BOXED_MAX }
};
/// Set when a count overflowed: the counts no longer mean anything, and the object is never
/// dropped nor its box freed (see `count_overflow`).
const IMMORTAL: u32 = 1 << 29;
/// The strong count an immortal object is given back whenever it reaches zero.
const IMMORTAL_STRONG: u32 = 1 << 31;
/// Set once the object's finalizer has been queued (it runs at most once).
const FINALIZED: u32 = 1 << 30;
/// Set once a weak reference to the object was made: its death is then reported to the
/// interpreter (weakref callbacks, `modules/weakref.rs`).
const WEAKLY_REFERENCED: u32 = 1 << 31;

/// A count overflowed (billions of references to one object). `Rc` aborts the process; an
/// embedded interpreter must not, and unwinding from every clone would cost the callers
/// landing pads. So the object becomes immortal, as in CPython 3.12: it is never dropped and
/// its box never freed, which keeps every reference to it valid whatever the counts say.
#[cold]
#[inline(never)]
fn count_overflow(b: &ObjBox) {
    b.weak.set(b.weak.get() | IMMORTAL);
    b.strong.set(IMMORTAL_STRONG);
}

/// The weak count overflowed: the object becomes immortal (see `count_overflow`). The strong
/// count is left alone: a dead object must stay dead for `WeakObj::upgrade`.
#[cold]
#[inline(never)]
fn weak_count_overflow(b: &ObjBox) {
    b.weak.set(b.weak.get() | IMMORTAL);
}

/// A heap object. The payload is last, so the text of a str in its own box
/// (`ObjRef::new_str`) follows the object.
#[repr(C)]
pub struct Object {
    /// The type; `None` only while `type` and `object` are being bootstrapped.
    class: Cell<Option<ObjRef>>,
    /// The instance `__dict__` once it exists as a dict object. Instances of plain classes
    /// keep their attributes inline until something asks for the dict
    /// ([`crate::instattrs`]); read it through [`Object::materialized_dict`] or
    /// [`Vm::instance_dict`](crate::Vm::instance_dict).
    dict: DictSlot,
    /// What the object holds.
    pub payload: Payload,
}

/// What a heap object holds, by builtin kind. Subclass instances carry their base's payload.
pub enum Payload {
    /// A plain `object()` or an instance of a Python class with no builtin base, with its
    /// inline attributes.
    Plain(crate::instattrs::InlineAttrs),
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
    ByteArray(Box<crate::objects::bytes::ByteArrayData>),
    /// `memoryview`
    MemoryView(Box<crate::objects::bytes::memoryview::MemoryViewData>),
    /// `tuple`
    Tuple(crate::objects::tuple::TupleItems),
    /// `list`
    List(RefCell<crate::objects::list::ListItems>),
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

/// The size and alignment of every object's allocation (the one block size of `objpool`).
pub(crate) const fn box_layout() -> std::alloc::Layout {
    std::alloc::Layout::new::<ObjBox>()
}

impl ObjRef {
    /// A new object of type `class` with `payload` and no instance dict.
    pub fn new(class: ObjRef, payload: Payload) -> ObjRef {
        ObjRef::from_object(
            Object {
                class: Cell::new(Some(class)),
                dict: DictSlot::new(None),
                payload,
            },
            0,
        )
    }

    /// A new str object of type `class` (no instance dict). Text too long to be kept inline
    /// and short enough for the largest box size class is kept in the object's box, right
    /// after the object: one block (40 bytes of header before the text, against CPython's
    /// 49) rather than a box and a block of its own.
    #[inline]
    pub fn new_str(class: ObjRef, s: PyStr) -> ObjRef {
        match s.boxable_len(BOXED_TEXT_MAX) {
            None => ObjRef::new(class, Payload::Str(s)),
            Some(len) => ObjRef::new_str_moved_to_box(class, s, len),
        }
    }

    /// [`ObjRef::new_str`] for a heap string of `len` bytes that fits a box.
    #[inline(never)]
    fn new_str_moved_to_box(class: ObjRef, s: PyStr, len: usize) -> ObjRef {
        // SAFETY: `boxed_header` is given the length `boxable_len` allowed, and the text is
        // copied in whole from `s` before `s` is dropped.
        let o = unsafe {
            ObjRef::new_boxed_str(class, len, s.boxed_header(), |dst| {
                std::ptr::copy_nonoverlapping(s.wtf8().as_ptr(), dst, len)
            })
        };
        drop(s);
        o
    }

    /// A new str object of type `class` whose text (`m`) is written by `fill`, kept in the
    /// object's box when it fits one (see [`ObjRef::new_str`]); `None` when it does not, and
    /// the caller makes a `PyStr` instead.
    ///
    /// # Safety
    /// `fill(dst)` writes exactly `m.len` bytes at `dst`, the WTF-8 text `m` describes.
    #[inline]
    pub(crate) unsafe fn new_str_with(
        class: &ObjRef,
        m: TextMeta,
        fill: impl FnOnce(*mut u8),
    ) -> Option<ObjRef> {
        if m.len <= INLINE_CAP || m.len > BOXED_TEXT_MAX {
            return None;
        }
        // SAFETY: the length fits a box, and `fill` writes the text (the caller's contract).
        unsafe {
            Some(ObjRef::new_boxed_str(
                class.clone(),
                m.len,
                PyStr::boxed_header_for(m),
                fill,
            ))
        }
    }

    /// A box of the size class for `len` bytes of text, holding a str of type `class` with
    /// the boxed header `head`, and the text written by `fill` where the header says it is.
    ///
    /// # Safety
    /// `head` is a boxed header for `len` bytes (at most `BOXED_TEXT_MAX`), and `fill(dst)`
    /// writes those `len` bytes at `dst`.
    unsafe fn new_boxed_str(
        class: ObjRef,
        len: usize,
        head: PyStr,
        fill: impl FnOnce(*mut u8),
    ) -> ObjRef {
        let k = crate::objpool::class_for(BOXED_TEXT_OFFSET + len);
        let p = crate::objpool::alloc_box_class(k).cast::<ObjBox>();
        // SAFETY: the block has room for an `ObjBox` (every class is at least class 0's
        // size) and `BOXED_TEXT_OFFSET + len` bytes, and is written whole before use: the
        // object, then the text where the boxed header says it is.
        unsafe {
            p.as_ptr().write(ObjBox {
                strong: Cell::new(1),
                weak: Cell::new(1 | ((k as u32) << CLASS_SHIFT)),
                obj: Object {
                    class: Cell::new(Some(class)),
                    dict: DictSlot::new(None),
                    payload: Payload::Str(head),
                },
            });
            if cfg!(debug_assertions)
                && let Payload::Str(head) = &(*p.as_ptr()).obj.payload
            {
                let at = std::ptr::from_ref(head) as usize - p.as_ptr() as usize;
                assert_eq!(at + BOXED_TEXT_AT, BOXED_TEXT_OFFSET);
            }
            fill(p.as_ptr().cast::<u8>().add(BOXED_TEXT_OFFSET));
        }
        ObjRef {
            ptr: p,
            _owns: PhantomData,
        }
    }

    /// A new box holding `obj`, with one strong reference and the header `flags`.
    #[inline]
    fn from_object(obj: Object, flags: u32) -> ObjRef {
        let p = crate::objpool::alloc_box().cast::<ObjBox>();
        // SAFETY: the pool's block has `ObjBox`'s layout and is written whole before use.
        let ptr = unsafe {
            p.as_ptr().write(ObjBox {
                strong: Cell::new(1),
                weak: Cell::new(1 | flags),
                obj,
            });
            p
        };
        ObjRef {
            ptr,
            _owns: PhantomData,
        }
    }

    #[inline(always)]
    fn inner(&self) -> &ObjBox {
        // SAFETY: `ptr` came from the pool in `from_object`, and the box is freed only
        // once no `ObjRef` (this one included) and no `WeakObj` points to it.
        unsafe { self.ptr.as_ref() }
    }

    /// An object whose type is set later (`type` and `object` during bootstrap).
    pub(crate) fn new_unclassed(payload: Payload) -> ObjRef {
        ObjRef::from_object(
            Object {
                class: Cell::new(None),
                dict: DictSlot::new(None),
                payload,
            },
            0,
        )
    }

    /// A new object with an instance dict.
    pub fn with_dict(class: ObjRef, payload: Payload, dict: ObjRef) -> ObjRef {
        ObjRef::from_object(
            Object {
                class: Cell::new(Some(class)),
                dict: DictSlot::new(Some(dict)),
                payload,
            },
            0,
        )
    }

    /// Whether two references point to the same object.
    #[inline]
    pub fn ptr_eq(a: &ObjRef, b: &ObjRef) -> bool {
        a.ptr == b.ptr
    }

    /// Give up this reference as a plain word (for tables that store values packed, see
    /// `objects/dict.rs`): the strong count keeps the share until [`ObjRef::from_raw`].
    #[inline(always)]
    pub fn into_raw(self) -> u64 {
        let p = self.ptr.as_ptr() as usize as u64;
        std::mem::forget(self);
        p
    }

    /// The word [`ObjRef::into_raw`] would give, without giving anything up (to compare with
    /// packed parts).
    #[inline(always)]
    pub fn as_raw(&self) -> u64 {
        self.ptr.as_ptr() as usize as u64
    }

    /// Take back a reference given up by [`ObjRef::into_raw`].
    ///
    /// # Safety
    /// `raw` came from `into_raw`, and the share it carries is taken back at most once.
    #[inline(always)]
    pub unsafe fn from_raw(raw: u64) -> ObjRef {
        // SAFETY: `raw` is the non-null address of a live box whose strong count includes the
        // share given up by `into_raw` (guaranteed by the caller).
        let ptr = unsafe { NonNull::new_unchecked(raw as usize as *mut ObjBox) };
        ObjRef {
            ptr,
            _owns: PhantomData,
        }
    }

    /// The object's address, its identity.
    pub fn addr(&self) -> usize {
        std::ptr::from_ref::<Object>(self) as usize
    }

    /// The object's type.
    #[inline]
    pub fn class(&self) -> ObjRef {
        let c = self.class.take();
        let r = match &c {
            Some(c) => c.clone(),
            None => self.clone(),
        };
        self.class.set(c);
        r
    }

    /// Whether the object's type is `t`, without touching reference counts.
    #[inline]
    pub fn class_is(&self, t: &ObjRef) -> bool {
        // SAFETY: the cell is only ever replaced by `class` (take, then set back) and
        // `set_class`, neither of which runs while this shared borrow lives: it ends before
        // the function returns and nothing is called in between.
        match unsafe { &*self.class.as_ptr() } {
            Some(c) => ObjRef::ptr_eq(c, t),
            None => ObjRef::ptr_eq(self, t),
        }
    }

    /// Run `f` with the object's type, lent without touching reference counts (`class()`
    /// clones it, and its drop is an out-of-line call). The type is taken out of its cell
    /// while `f` runs, so `f` is for looking at the type, not at this object's `__class__`.
    #[inline]
    pub fn with_class<R>(&self, f: impl FnOnce(&ObjRef) -> R) -> R {
        let c = self.class.take();
        let r = match &c {
            Some(c) => f(c),
            None => f(self),
        };
        self.class.set(c);
        r
    }

    /// The address of the object's type (its identity), without touching reference counts.
    #[inline]
    pub fn class_addr(&self) -> usize {
        // SAFETY: as in `class_is`: the shared borrow ends before anything else runs.
        match unsafe { &*self.class.as_ptr() } {
            Some(c) => c.addr(),
            None => self.addr(),
        }
    }

    /// Replace the object's type (`obj.__class__ = C`, after the caller checked layouts).
    pub fn set_class(&self, class: ObjRef) {
        drop(self.class.replace(Some(class)));
    }

    /// The object itself, mutably, when this is its only reference.
    pub fn get_mut(&mut self) -> Option<&mut Object> {
        let b = self.inner();
        if b.strong.get() == 1 && b.weak.get() & (WEAK_MASK | IMMORTAL) == 1 {
            // SAFETY: this is the only reference to the box, strong or weak, and `&mut self`
            // borrows it exclusively for the returned lifetime.
            Some(unsafe { &mut (*self.ptr.as_ptr()).obj })
        } else {
            None
        }
    }

    /// A weak reference to this object.
    pub fn downgrade(&self) -> WeakObj {
        let b = self.inner();
        add_weak(b);
        WeakObj { ptr: self.ptr }
    }

    /// Mark the object as weakly referenced, so its death is queued for the interpreter.
    pub fn set_weakly_referenced(&self) {
        let b = self.inner();
        b.weak.set(b.weak.get() | WEAKLY_REFERENCED);
    }

    /// Number of strong references (for `sys.getrefcount`).
    pub fn strong_count(&self) -> usize {
        self.inner().strong.get() as usize
    }

    /// The last strong reference went away: report the death to weak references, queue the
    /// finalizer, drop the object and free the box unless weak references remain.
    ///
    /// Dropping an object drops what it holds, so a long chain (a list nested a million deep)
    /// would recurse as deep in Rust. Past `DROP_NEST_MAX` nested drops the object is revived
    /// and put on `DROP_LATER` instead; the outermost drop empties that list (CPython's
    /// trashcan), so the stack stays bounded and the order of deaths barely changes.
    #[inline(never)]
    fn drop_slow(&mut self) {
        let b = self.inner();
        if b.weak.get() & IMMORTAL != 0 {
            b.strong.set(IMMORTAL_STRONG);
            return;
        }
        let depth = DROP_DEPTH.with(Cell::get);
        if depth >= DROP_NEST_MAX {
            let ptr = self.ptr;
            let deferred = DROP_LATER.try_with(|q| {
                // SAFETY: the strong count is zero and nothing else can reach the object
                // (`WeakObj::upgrade` refuses a zero count, and no Python code runs during a
                // drop): taking the count back to one makes this the only strong reference.
                unsafe { ptr.as_ref() }.strong.set(1);
                q.borrow_mut().push(ObjRef {
                    ptr,
                    _owns: PhantomData,
                });
            });
            if deferred.is_ok() {
                DROP_DEFERRED.with(|d| d.set(true));
                return;
            }
        }
        DROP_DEPTH.with(|d| d.set(depth + 1));
        // SAFETY: the strong count is zero, so no `ObjRef` reads the object any more and
        // `WeakObj::upgrade` refuses it: this is the only access. The implicit weak reference
        // keeps the box allocated until `release_weak`.
        unsafe { free_object(self.ptr) };
        if depth == 0 && DROP_DEFERRED.with(Cell::get) {
            // Still counted as nested, so the objects dropped here defer their own deep
            // contents to this loop rather than starting loops of their own.
            DROP_DEFERRED.with(|d| d.set(false));
            while let Some(next) = DROP_LATER.try_with(|q| q.borrow_mut().pop()).ok().flatten() {
                drop(next);
            }
        }
        DROP_DEPTH.with(|d| d.set(depth));
    }
}

/// Nested object drops allowed before further ones are deferred (see `ObjRef::drop_slow`).
const DROP_NEST_MAX: u32 = 256;

thread_local! {
    /// How many `ObjRef::drop_slow` calls are running on this thread.
    static DROP_DEPTH: Cell<u32> = const { Cell::new(0) };
    /// Whether `DROP_LATER` may hold objects.
    static DROP_DEFERRED: Cell<bool> = const { Cell::new(false) };
    /// Dead objects whose drop was deferred because drops were nested too deep.
    static DROP_LATER: RefCell<Vec<ObjRef>> = const { RefCell::new(Vec::new()) };
}

/// Report the death of the object at `ptr` to weak references, queue its finalizer, drop it
/// and release the strong references' weak one.
///
/// # Safety
/// The box's strong count is zero and this is the only access to its object.
unsafe fn free_object(ptr: NonNull<ObjBox>) {
    let p = ptr.as_ptr();
    // SAFETY: guaranteed by the caller; the implicit weak reference keeps the box allocated
    // until `release_weak`, which runs after the object was dropped in place.
    unsafe {
        let flags = (*p).weak.get();
        if flags & FINALIZED == 0 && wants_finalizer(&mut (*p).obj) {
            // Resurrect in place, as CPython's `PyObject_CallFinalizerFromDealloc` does: the
            // finalizer sees the object itself (its identity, its weak references); the
            // object dies for good when the finalizer's reference goes.
            (*p).weak.set(flags | FINALIZED);
            (*p).strong.set(1);
            let me = ObjRef {
                ptr,
                _owns: PhantomData,
            };
            match PENDING.try_with(|q| q.borrow_mut().push(me)) {
                Ok(()) => {
                    let _ = HAS_PENDING.try_with(|c| c.set(true));
                    return;
                }
                // The thread is ending: no finalizer runs.
                Err(_) => (*p).strong.set(0),
            }
        }
        if flags & WEAKLY_REFERENCED != 0 {
            let addr = std::ptr::addr_of!((*p).obj) as usize;
            if DEAD_WEAK.try_with(|q| q.borrow_mut().push(addr)).is_ok() {
                let _ = HAS_PENDING.try_with(|c| c.set(true));
            }
        }
        std::ptr::drop_in_place(std::ptr::addr_of_mut!((*p).obj));
        release_weak(ptr);
    }
}

/// Count one more weak reference to `b` (an overflow makes the object immortal).
#[inline]
fn add_weak(b: &ObjBox) {
    let w = b.weak.get();
    if w & WEAK_MASK == WEAK_MASK {
        weak_count_overflow(b);
    } else if w & IMMORTAL == 0 {
        b.weak.set(w + 1);
    }
}

/// Drop the weak reference (explicit or the strong ones' implicit one) to the box at `ptr`,
/// freeing it when it was the last.
///
/// # Safety
/// `ptr` points to a live `ObjBox` whose weak count includes the reference released here;
/// when that count reaches zero the object has already been dropped in place.
#[inline]
unsafe fn release_weak(ptr: NonNull<ObjBox>) {
    let p = ptr.as_ptr();
    // SAFETY: the caller guarantees the box is allocated.
    let w = unsafe { (*p).weak.get() };
    if w & IMMORTAL != 0 {
        return;
    }
    let w = w - 1;
    if w & WEAK_MASK == 0 {
        // SAFETY: no reference of any kind is left and the object was dropped: give back
        // the block `from_object` or `new_str` took from the pool, of the class it noted.
        unsafe {
            crate::objpool::free_box_class(
                ptr.cast::<u8>(),
                ((w & CLASS_BITS) >> CLASS_SHIFT) as usize,
            )
        };
    } else {
        // SAFETY: as above.
        unsafe { (*p).weak.set(w) };
    }
}

impl Clone for ObjRef {
    #[inline]
    fn clone(&self) -> ObjRef {
        let b = self.inner();
        let n = b.strong.get().wrapping_add(1);
        b.strong.set(n);
        if n == 0 {
            count_overflow(b);
        }
        ObjRef {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

impl Drop for ObjRef {
    #[inline]
    fn drop(&mut self) {
        let b = self.inner();
        let n = b.strong.get() - 1;
        b.strong.set(n);
        if n == 0 {
            self.drop_slow();
        }
    }
}

impl Payload {
    /// `Plain` without inline attributes.
    #[inline]
    pub const fn plain() -> Payload {
        Payload::Plain(crate::instattrs::InlineAttrs::none())
    }
}

impl Object {
    /// The instance dict if it exists as a dict object (no inline attributes are moved:
    /// readers of the attributes use [`Vm::instance_dict`](crate::Vm::instance_dict)).
    #[inline]
    pub fn materialized_dict(&self) -> Option<ObjRef> {
        self.dict.get()
    }

    /// Whether the object has an instance dict object, without taking a reference to it.
    #[inline]
    pub fn has_materialized_dict(&self) -> bool {
        self.dict.is_set()
    }

    /// Instance attribute `name` (a str object with text `text` and hash `hash`): from the
    /// inline values, else from the instance dict. Runs no Python code.
    #[inline]
    pub fn instance_attr(&self, name: &ObjRef, text: &[u8], hash: i64) -> Option<Value> {
        if let Payload::Plain(a) = &self.payload
            && let Some(found) = a.get(name, text)
        {
            return found;
        }
        let d = self.dict.get()?;
        let Payload::Dict(t) = &d.payload else {
            return None;
        };
        crate::objects::typeobj::dict_get_name(&t.borrow(), name, text, hash)
    }

    /// Whether the object has a `__dict__` (a dict object or inline attributes).
    pub fn has_instance_dict(&self) -> bool {
        self.dict.is_some() || self.inline_attrs().is_some_and(|a| a.is_active())
    }

    /// The inline attribute store of a `Plain` object.
    #[inline]
    pub fn inline_attrs(&self) -> Option<&crate::instattrs::InlineAttrs> {
        match &self.payload {
            Payload::Plain(a) => Some(a),
            _ => None,
        }
    }

    /// Make `d` the instance dict (`obj.__dict__ = d`); inline attributes are dropped.
    pub fn set_instance_dict(&self, d: Option<ObjRef>) -> Option<ObjRef> {
        let inline = self.inline_attrs().and_then(|a| a.take());
        let old = self.dict.replace(d);
        drop(inline);
        old
    }

    /// Put `d` in the dict slot, returning what was there (inline attributes untouched).
    pub(crate) fn replace_dict_raw(&self, d: Option<ObjRef>) -> Option<ObjRef> {
        self.dict.replace(d)
    }
}

impl std::ops::Deref for ObjRef {
    type Target = Object;
    #[inline]
    fn deref(&self) -> &Object {
        &self.inner().obj
    }
}

/// A weak reference to a heap object (type subclass lists).
pub struct WeakObj {
    ptr: NonNull<ObjBox>,
}

impl WeakObj {
    /// The object, if it is still alive.
    pub fn upgrade(&self) -> Option<ObjRef> {
        // SAFETY: a `WeakObj` keeps its box allocated (it is counted in `weak`).
        let b = unsafe { self.ptr.as_ref() };
        let n = b.strong.get();
        if n == 0 {
            return None;
        }
        b.strong.set(n.wrapping_add(1));
        if n == u32::MAX {
            count_overflow(b);
        }
        Some(ObjRef {
            ptr: self.ptr,
            _owns: PhantomData,
        })
    }
}

impl Clone for WeakObj {
    fn clone(&self) -> WeakObj {
        // SAFETY: a `WeakObj` keeps its box allocated (it is counted in `weak`).
        let b = unsafe { self.ptr.as_ref() };
        add_weak(b);
        WeakObj { ptr: self.ptr }
    }
}

impl Drop for WeakObj {
    fn drop(&mut self) {
        // SAFETY: this `WeakObj` is counted in the box's weak count, and once the strong
        // count reached zero the object was dropped before the implicit weak reference went.
        unsafe { release_weak(self.ptr) };
    }
}

/// An object's hash cache, for types that cache (str).
pub type HashCache = Cell<i64>;

thread_local! {
    /// Objects whose last reference went away while they need a finalizer (`__del__`, or a
    /// suspended generator to close). `Drop` cannot reach the interpreter, so it revives the
    /// object in place (marked finalized) and queues it here; the eval loop runs the
    /// finalizers at its next check (`Vm::run_finalizers`). Resurrection keeps the object.
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

/// Whether `obj`, whose last reference just went, needs a finalizer run by the interpreter
/// (`Drop` cannot reach it): `__del__`, a suspended generator's close, a never-run
/// coroutine's warning.
fn wants_finalizer(obj: &mut Object) -> bool {
    match &obj.payload {
        // Async generators are finalised through event-loop hooks, not here.
        // A coroutine that never ran warns that it was never awaited.
        Payload::Generator(g) => {
            let flags = g.code.co.flags;
            g.frame.borrow().is_some()
                && if g.started.get() {
                    !flags.has(krait_bytecode::CodeFlags::ASYNC_GENERATOR)
                } else {
                    flags.has(krait_bytecode::CodeFlags::COROUTINE)
                }
        }
        _ => match obj.class.get_mut() {
            Some(c) => match &c.payload {
                Payload::Type(td) => td.has_del.get(),
                _ => false,
            },
            None => false,
        },
    }
}

// Every heap object pays for the widest payload: keep large variants boxed so this holds.
// `Payload` is 40 bytes only because `PyStr` (40, its `Repr` tag at offset 0) gives it a
// niche and every other variant fits in the 32 bytes after that tag: a variant above 32
// bytes makes it 48 and every box 72.
const _: () = assert!(std::mem::size_of::<Payload>() <= 40);
const _: () = assert!(std::mem::size_of::<Object>() <= 56);
// The header is 8 bytes: every object is one 64-byte pool box (`objpool.rs`).
const _: () = assert!(std::mem::size_of::<ObjBox>() <= 64);

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

    /// Whether the slot holds a dict.
    #[inline]
    pub fn is_set(&self) -> bool {
        // SAFETY: a read of the cell's content through a shared reference that ends here;
        // nothing can replace the content while it lives (no code runs in between).
        unsafe { (*self.0.as_ptr()).is_some() }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strong_count_overflow_makes_the_object_immortal() {
        let a = ObjRef::new_unclassed(Payload::Float(1.5));
        a.inner().strong.set(u32::MAX);
        let b = a.clone();
        assert!(a.inner().weak.get() & IMMORTAL != 0);
        let mut c = b.clone();
        assert!(c.get_mut().is_none());
        drop(b);
        // Only `a` and `c` are left, but the counts say otherwise: make them agree, then
        // let the count reach zero: the object is revived, not dropped.
        a.inner().strong.set(2);
        drop(c);
        let w = a.downgrade();
        drop(a);
        let again = w.upgrade();
        assert!(again.is_some_and(|o| matches!(o.payload, Payload::Float(_))));
    }

    #[test]
    fn weak_count_overflow_keeps_a_dead_object_dead() {
        let a = ObjRef::new_unclassed(Payload::Float(1.5));
        let w = a.downgrade();
        drop(a);
        assert!(w.upgrade().is_none());
        // SAFETY: `w` keeps the box allocated.
        let b = unsafe { w.ptr.as_ref() };
        b.weak.set(b.weak.get() | WEAK_MASK);
        let w2 = w.clone();
        assert!(b.weak.get() & IMMORTAL != 0);
        assert!(w2.upgrade().is_none());
        drop(w);
        drop(w2);
    }

    /// The str of `text`, its box's size class, and where its text lies in the box.
    fn boxed(text: &str) -> (ObjRef, usize, usize) {
        let class = ObjRef::new_unclassed(Payload::Float(0.0));
        let o = ObjRef::new_str(class, PyStr::new(text));
        let k = ((o.inner().weak.get() & CLASS_BITS) >> CLASS_SHIFT) as usize;
        let Payload::Str(s) = &o.payload else {
            panic!("not a str")
        };
        let at = (s.wtf8().as_ptr() as usize).wrapping_sub(o.ptr.as_ptr() as usize);
        (o, k, at)
    }

    #[test]
    fn str_text_lives_in_a_box_of_its_size() {
        for n in 0..BOXED_TEXT_MAX + 40 {
            for text in ["a".repeat(n), "\u{e9}".repeat(n / 2)] {
                let (o, k, at) = boxed(&text);
                let Payload::Str(s) = &o.payload else {
                    panic!("not a str")
                };
                assert_eq!(s.to_str(), Some(text.as_str()));
                let bytes = text.len();
                let in_box = bytes > crate::objects::str::INLINE_CAP && bytes <= BOXED_TEXT_MAX;
                assert_eq!(k != 0, in_box, "{bytes} bytes");
                if in_box {
                    assert_eq!(at, BOXED_TEXT_OFFSET);
                    assert_eq!(k, crate::objpool::class_for(BOXED_TEXT_OFFSET + bytes));
                    assert!(at + bytes <= crate::objpool::class_size(k));
                    assert!(k == 1 || at + bytes > crate::objpool::class_size(k - 1));
                }
                assert_eq!(s.cached_hash(), -1);
                s.set_hash(0x1234_5678_9abc);
                assert_eq!(s.cached_hash(), 0x1234_5678_9abc);
                assert_eq!(
                    s.to_str(),
                    Some(text.as_str()),
                    "the hash is not in the text"
                );
            }
        }
    }

    #[test]
    fn a_boxed_str_frees_its_box_to_its_class_and_grows_on_the_heap() {
        let text = "x".repeat(100);
        let (o, k, _) = boxed(&text);
        assert!(k > 0);
        let addr = o.ptr.as_ptr() as usize;
        // A weak reference keeps the box past the object; the box goes back to its class
        // when the last one does, and is the next box of that class handed out.
        let w = o.downgrade();
        drop(o);
        assert!(w.upgrade().is_none());
        drop(w);
        let (again, k2, _) = boxed(&text);
        assert_eq!((again.ptr.as_ptr() as usize, k2), (addr, k));
        let mut again = again;
        let Some(obj) = again.get_mut() else {
            panic!("the only reference")
        };
        let Payload::Str(s) = &mut obj.payload else {
            panic!("not a str")
        };
        s.set_hash(7);
        s.push_str(&PyStr::new("yz"));
        assert_eq!(s.to_str(), Some(format!("{text}yz").as_str()));
        assert_eq!(s.cached_hash(), -1);
    }
}
