//! Frames: the state of one running code object, and what generators keep between
//! resumptions (CPython: `Include/internal/pycore_frame.h`, `Objects/genobject.c`).

use std::rc::Rc;
use std::sync::Arc;

use krait_bytecode::CodeObject;

use crate::object::ObjRef;
use crate::value::Value;

/// A code object as the VM runs it: constants converted to values, names interned.
pub struct Code {
    /// The compiled code.
    pub co: Arc<CodeObject>,
    /// `co_consts` as values.
    pub consts: Box<[Value]>,
    /// `co_names` as interned str objects.
    pub names: Box<[ObjRef]>,
    /// `co_localsplus` names as interned str objects.
    pub local_names: Box<[ObjRef]>,
    /// `RESUME`s and backward jumps run so far, saturating: CPython 3.11 specializes a code
    /// object after [`Code::WARMUP`] of them, and specialized calls of `METH_FASTCALL` builtins
    /// skip the recursion check, which decides which `RecursionError` message appears.
    pub warmup: std::cell::Cell<u8>,
    /// `co_name`, `co_qualname` and the docstring as values, shared by every function made
    /// from this code (as CPython's functions share the code object's strings).
    pub fn_strings: [Value; 3],
    /// The argument count a call binds by position alone (no `*args`, `**kwargs` or
    /// keyword-only parameters, not a generator or coroutine), or `u32::MAX`: calls of
    /// exactly this many positional arguments take the eval loop's direct path.
    pub simple_argc: u32,
    /// `LOAD_GLOBAL`'s inline cache, one slot per entry of `names` (all loads of one name in
    /// a code object share it).
    pub global_cache: Box<[GlobalCache]>,
    /// The attribute caches of `LOAD_ATTR` and `LOAD_METHOD`, one slot per entry of `names`.
    pub attr_cache: Box<[crate::inline_cache::AttrCache]>,
    /// The attribute caches of `STORE_ATTR` (what a store decides differs from a load).
    pub store_cache: Box<[crate::inline_cache::AttrCache]>,
}

/// Where a global name was last found (CPython 3.11's `LOAD_GLOBAL_MODULE`/`_BUILTIN`
/// specialisations). A hit is validated without hashing: the entry at `index` must still hold
/// the very name object (dict keys are unique, so its value is the name's value); for a builtin,
/// the globals dict must also be the same dict, unchanged in its keys since the name was found
/// missing there.
#[derive(Default)]
pub struct GlobalCache {
    /// `GLOBAL_EMPTY`, `GLOBAL_IN_GLOBALS` or `GLOBAL_IN_BUILTINS`.
    pub kind: std::cell::Cell<u8>,
    /// The entry index in the dict where the name was found.
    pub index: std::cell::Cell<u32>,
    /// For a builtin: the globals dict's keys version when the name was missing from it.
    pub version: std::cell::Cell<u64>,
    /// For a builtin: the globals dict, kept alive so its address identifies it.
    pub globals: std::cell::RefCell<Option<ObjRef>>,
}

/// An empty [`GlobalCache`].
pub const GLOBAL_EMPTY: u8 = 0;
/// The name was found in the globals dict.
pub const GLOBAL_IN_GLOBALS: u8 = 1;
/// The name was found in the builtins dict.
pub const GLOBAL_IN_BUILTINS: u8 = 2;

impl Code {
    /// `QUICKENING_WARMUP_DELAY`.
    pub const WARMUP: u8 = 8;

    /// Count a `RESUME` or backward jump.
    #[inline]
    pub fn tick_warmup(&self) {
        let w = self.warmup.get();
        if w < Self::WARMUP {
            self.warmup.set(w + 1);
        }
    }

    /// Whether this code has been quickened (its calls are specialized).
    #[inline]
    pub fn is_warm(&self) -> bool {
        self.warmup.get() >= Self::WARMUP
    }
}

/// One activation of a code object.
pub struct Frame {
    /// What runs.
    pub code: Rc<Code>,
    /// The function being run (closure cells, `__class__` for `super()`), if any.
    pub func: Option<ObjRef>,
    /// The module namespace (a dict).
    pub globals: ObjRef,
    /// The builtins namespace (a dict).
    pub builtins: ObjRef,
    /// The locals mapping of module and class bodies (`LOAD_NAME`), `None` in functions.
    pub locals: Option<Value>,
    /// Fast locals: parameters, locals, cells, free variables (`localsplus`).
    pub fast: Vec<Value>,
    /// The value stack.
    pub stack: Vec<Value>,
    /// Index of the next instruction.
    pub ip: usize,
    /// Names set by `KW_NAMES` for the next call.
    pub kwnames: Option<Value>,
    /// The dict `locals()` returns in a function frame: made on first use and refreshed from
    /// the fast locals each time, so repeated calls return the same dict (CPython's
    /// `f_locals`).
    pub locals_dict: Option<ObjRef>,
}

/// What the eval loop reports when a frame stops running.
pub enum Exit {
    /// `return value`
    Return(Value),
    /// `yield value` (generators only): the frame can be resumed.
    Yield(Value),
}

/// A lightweight record of a running frame, kept on `Vm::frames` for `sys._getframe`,
/// tracebacks and `super()`.
#[derive(Clone)]
pub struct FrameLink {
    /// The code.
    pub code: Rc<Code>,
    /// The module namespace.
    pub globals: ObjRef,
    /// The frame object made for it, if one was needed.
    pub frame_obj: Option<ObjRef>,
    /// The instruction being run, recorded at `CALL` so natives (warnings) can find the line.
    pub ip: std::cell::Cell<u32>,
}

/// A frame object's snapshot (`f_code`, `f_globals`, `f_lineno`, `f_back`).
pub struct FrameInfo {
    /// The code object (a `code` instance).
    pub code: Rc<Code>,
    /// `f_globals`
    pub globals: ObjRef,
    /// `f_lineno` at the time of the snapshot.
    pub lineno: std::cell::Cell<u32>,
    /// `f_back`
    pub back: Option<ObjRef>,
    /// The frame's fast locals when the snapshot was taken: a traceback keeps them alive, as a
    /// CPython frame object does, until the exception is gone.
    pub locals: Vec<Value>,
}

/// Generator, coroutine and async-generator state.
pub struct GeneratorData {
    /// The suspended frame; `None` once finished.
    pub frame: std::cell::RefCell<Option<Box<Frame>>>,
    /// Whether it is running right now (`gi_running`).
    pub running: std::cell::Cell<bool>,
    /// Whether it has started (`gi_suspended` / `GEN_CREATED`).
    pub started: std::cell::Cell<bool>,
    /// `__name__`
    pub name: std::cell::RefCell<Value>,
    /// `__qualname__`
    pub qualname: std::cell::RefCell<Value>,
    /// The code (for `gi_code`).
    pub code: Rc<Code>,
    /// The exceptions this generator is handling while suspended (`gi_exc_state`).
    pub exc_state: std::cell::RefCell<Vec<Value>>,
    /// Async generators: `ag_running_async` and `ag_closed`.
    pub async_flags: std::cell::Cell<(bool, bool)>,
}
