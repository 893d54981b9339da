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
    /// The inline caches of the name-indexed instructions, made when the code first needs
    /// one: most functions of an imported module never run, and the caches of all of them
    /// cost more than their bytecode.
    pub caches: std::cell::OnceCell<NameCaches>,
}

/// A code object's inline caches, one slot per entry of `names` (all uses of one name in a
/// code object share its slot).
pub struct NameCaches {
    /// `LOAD_GLOBAL`'s.
    pub global: Box<[GlobalCache]>,
    /// `LOAD_ATTR`'s and `LOAD_METHOD`'s.
    pub attr: Box<[crate::inline_cache::AttrCache]>,
    /// `STORE_ATTR`'s (what a store decides differs from a load).
    pub store: Box<[crate::inline_cache::AttrCache]>,
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

    /// The inline caches, made on first use.
    #[inline]
    pub fn caches(&self) -> &NameCaches {
        self.caches.get_or_init(|| {
            let n = self.names.len();
            NameCaches {
                global: (0..n).map(|_| GlobalCache::default()).collect(),
                attr: (0..n).map(|_| Default::default()).collect(),
                store: (0..n).map(|_| Default::default()).collect(),
            }
        })
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
///
/// `code` and `globals` are the frame's own references, copied without a count: a record
/// lives exactly as long as its frame runs (`Vm::enter_frame` to `Vm::leave_frame`), and a
/// running frame never replaces its code or globals, so they outlive the record. Clone them
/// (`Rc::clone(&link.code)`) to keep them longer.
pub struct FrameLink {
    /// The code.
    pub code: std::mem::ManuallyDrop<Rc<Code>>,
    /// The module namespace.
    pub globals: std::mem::ManuallyDrop<ObjRef>,
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
    /// `f_lasti`: the index of the instruction the frame was at (-1 before its first).
    pub lasti: std::cell::Cell<i32>,
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
    /// Coroutines: `cr_origin`, the `(filename, lineno, name)` of the frames that created it,
    /// innermost first, when `sys.set_coroutine_origin_tracking_depth` was above 0; else None.
    pub origin: Value,
}

/// The frames of the Python calls one `execute` runs inline (CPython 3.11's frames pushed on
/// the thread's data stack), innermost last.
///
/// A frame is built in its slot and finished there: nothing the size of a [`Frame`] is moved
/// on a call or a return. A finished slot keeps its two value vectors (emptied, capacity
/// kept), so the next call at that depth reuses them without a pool. As CPython's
/// `_PyInterpreterFrame` borrows `f_globals` and `f_builtins` from its function, these frames
/// hold `globals` and `builtins` as uncounted copies of their function's (`func`, which the
/// frame owns, keeps both alive, and a function's namespaces never change).
///
/// A generator's frame runs on this stack too (CPython 3.12's `FOR_ITER_GEN` / `SEND_GEN`)
/// without leaving its box: [`FrameStack::push_gen`] takes the box from the generator and
/// [`FrameStack::pop_gen`] gives it back. Such a frame is innermost when no slot frame was
/// pushed after it; its `globals` and `builtins` are counted, as in every generator frame.
///
/// Invariant: `slots[..live]` are whole frames; in `slots[live..]` only `fast` and `stack`
/// (both empty) are valid, every other field has been dropped or forgotten. `gens` lists the
/// running generator frames, innermost last, each after the first `below` slot frames;
/// `gen_below` is the last one's `below` (`usize::MAX` when there is none), so that the
/// tests on every call and return are one compare.
pub struct FrameStack {
    slots: Vec<std::mem::ManuallyDrop<Frame>>,
    live: usize,
    gens: Vec<GenRun>,
    gen_below: usize,
}

impl Default for FrameStack {
    fn default() -> Self {
        FrameStack {
            slots: Vec::new(),
            live: 0,
            gens: Vec::new(),
            gen_below: usize::MAX,
        }
    }
}

/// A generator frame running on a [`FrameStack`].
struct GenRun {
    /// The slot frames running below it (`live` when it was pushed).
    below: usize,
    /// The frame, from `Box::into_raw` (the eval loop reaches it by pointer while it runs).
    frame: *mut Frame,
    /// The generator, an uncounted copy: the instruction that resumed it keeps it on its
    /// frame's value stack until the generator's frame has left (yielded, returned or
    /// unwound, each of which pops it before touching the resumer's stack).
    generator: std::mem::ManuallyDrop<ObjRef>,
    /// `Vm::handled.len()` before the generator's own handled exceptions were pushed.
    handled_base: usize,
}

/// What [`FrameStack::pop_gen`] gives back.
pub struct GenLeft {
    /// The generator (uncounted, see `GenRun::generator`: alive while the resumer's stack
    /// holds it).
    pub generator: std::mem::ManuallyDrop<ObjRef>,
    /// `Vm::handled.len()` when it was resumed.
    pub handled_base: usize,
    /// Its frame.
    pub frame: Box<Frame>,
}

/// Value vectors larger than this are freed when their frame finishes instead of kept.
const KEEP_CAPACITY: usize = 256;

impl FrameStack {
    /// Running frames.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.live + self.gens.len()
    }

    /// Whether no frame is running.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        // With no slot frame, a generator frame runs exactly when the last is at 0.
        self.live == 0 && self.gen_below != 0
    }

    /// Slots allocated (running and finished).
    pub fn slots(&self) -> usize {
        self.slots.len()
    }

    /// The innermost running frame.
    #[inline(always)]
    pub fn last_mut(&mut self) -> Option<&mut Frame> {
        if self.gen_below == self.live
            && let Some(g) = self.gens.last()
        {
            // SAFETY: a running generator frame's box is owned by this stack until `pop_gen`.
            return Some(unsafe { &mut *g.frame });
        }
        match self.live.checked_sub(1) {
            Some(i) => self.slots.get_mut(i).map(|f| &mut **f),
            None => None,
        }
    }

    /// Start a frame running `code` for the function `func`, whose data is `fd`: its first
    /// fast locals take the `argc` values at `args` (moved: the caller must forget them), the
    /// others hold `Null`; its value stack is empty with room for `code`'s deepest stack.
    ///
    /// # Safety
    /// `fd` is `func`'s function data; `args` points at `argc` initialised values, which are
    /// not in this stack's frames' vectors; `argc <= code.co.localsplus.len()`.
    #[inline(always)]
    pub unsafe fn push(
        &mut self,
        code: Rc<Code>,
        func: ObjRef,
        fd: &crate::objects::function::FunctionData,
        args: *const Value,
        argc: usize,
    ) -> &mut Frame {
        if self.live == self.slots.len() {
            self.slots.push(std::mem::ManuallyDrop::new(Frame {
                code: code.clone(),
                func: None,
                globals: fd.globals.clone(),
                builtins: fd.builtins.clone(),
                locals: None,
                fast: Vec::new(),
                stack: Vec::new(),
                ip: 0,
                kwnames: None,
                locals_dict: None,
            }));
            // Made whole above only to be valid; finished like any other slot.
            let f: *mut Frame = &mut *self.slots[self.live];
            // SAFETY: the slot was just made whole; its references are dropped once here.
            unsafe {
                std::ptr::drop_in_place(std::ptr::addr_of_mut!((*f).code));
                std::ptr::drop_in_place(std::ptr::addr_of_mut!((*f).globals));
                std::ptr::drop_in_place(std::ptr::addr_of_mut!((*f).builtins));
            }
        }
        let nlocals = code.co.localsplus.len();
        let max_stack = code.co.max_stack as usize;
        // SAFETY: `live < slots.len()` (made so above), so the index is in bounds.
        let slot: *mut Frame = unsafe { &mut **self.slots.as_mut_ptr().add(self.live) };
        self.live += 1;
        // SAFETY: `slot` is a finished slot (index `live` before the increment): its fields
        // other than `fast` and `stack` hold nothing, so they are written without dropping;
        // `fast` and `stack` are valid and empty. `globals` and `builtins` are uncounted
        // copies (see the type's doc), never dropped by `pop`. The arguments are moved into
        // `fast[..argc]` and `Null` written above them, within the reserved capacity.
        unsafe {
            std::ptr::addr_of_mut!((*slot).code).write(code);
            std::ptr::addr_of_mut!((*slot).globals).write(std::ptr::read(&fd.globals));
            std::ptr::addr_of_mut!((*slot).builtins).write(std::ptr::read(&fd.builtins));
            std::ptr::addr_of_mut!((*slot).func).write(Some(func));
            std::ptr::addr_of_mut!((*slot).locals).write(None);
            std::ptr::addr_of_mut!((*slot).kwnames).write(None);
            std::ptr::addr_of_mut!((*slot).locals_dict).write(None);
            let f = &mut *slot;
            f.ip = 0;
            // Both vectors are empty: one test for the usual case of a slot that has run
            // this code (or one as big) before.
            if f.fast.capacity() < nlocals || f.stack.capacity() < max_stack {
                grow(f, nlocals, max_stack);
            }
            let p = f.fast.as_mut_ptr();
            std::ptr::copy_nonoverlapping(args, p, argc);
            for i in argc..nlocals {
                p.add(i).write(Value::Null);
            }
            f.fast.set_len(nlocals);
            f
        }
    }

    /// Whether the innermost running frame is a generator's (pushed by [`FrameStack::push_gen`]).
    #[inline(always)]
    pub fn top_is_gen(&self) -> bool {
        self.gen_below == self.live
    }

    /// Run `generator`'s suspended `frame` on this stack, innermost, until
    /// [`FrameStack::pop_gen`] gives it back. `handled_base` is returned by `pop_gen`.
    ///
    /// # Safety
    /// `generator` stays alive until `pop_gen` has given the frame back (the resumer's value
    /// stack holds it).
    #[inline(always)]
    pub unsafe fn push_gen(
        &mut self,
        generator: &ObjRef,
        frame: Box<Frame>,
        handled_base: usize,
    ) -> *mut Frame {
        let frame = Box::into_raw(frame);
        // Capacity first, then the record is written in place (`Vec::push` is an out-of-line
        // call here).
        if self.gens.len() == self.gens.capacity() {
            self.gens.reserve(8);
        }
        let n = self.gens.len();
        // SAFETY: index `n` is allocated (reserved above) and unused; after the write the
        // first `n + 1` elements are initialised. The generator is an uncounted copy, never
        // dropped; the caller keeps the original alive.
        unsafe {
            self.gens.as_mut_ptr().add(n).write(GenRun {
                below: self.live,
                frame,
                generator: std::mem::ManuallyDrop::new(std::ptr::read(generator)),
                handled_base,
            });
            self.gens.set_len(n + 1);
        }
        self.gen_below = self.live;
        frame
    }

    /// Take the innermost frame, a generator's, off this stack; `None` (and nothing changed)
    /// when the innermost frame is not a generator's.
    #[inline(always)]
    pub fn pop_gen(&mut self) -> Option<GenLeft> {
        if !self.top_is_gen() {
            return None;
        }
        let run = self.gens.pop()?;
        self.gen_below = self.gens.last().map_or(usize::MAX, |g| g.below);
        Some(GenLeft {
            generator: run.generator,
            handled_base: run.handled_base,
            // SAFETY: `frame` came from `Box::into_raw` in `push_gen` and is given back once.
            frame: unsafe { Box::from_raw(run.frame) },
        })
    }

    /// Finish the innermost frame: drop its values and references, keep its vectors. Never
    /// for a generator's frame (see [`FrameStack::pop_gen`]).
    #[inline(always)]
    pub fn pop(&mut self) {
        debug_assert!(!self.top_is_gen());
        let Some(i) = self.live.checked_sub(1) else {
            return;
        };
        self.live = i;
        let slot: *mut Frame = &mut *self.slots[i];
        // SAFETY: `slot` was a whole frame (index below the old `live`); each owned field
        // other than the vectors is dropped exactly once here (`globals` and `builtins` are
        // uncounted copies: forgotten), and the slot now counts as finished, so nothing reads
        // those fields again before `push` rewrites them.
        unsafe {
            let f = &mut *slot;
            drop_values(&mut f.fast);
            drop_values(&mut f.stack);
            if f.fast.capacity() > KEEP_CAPACITY || f.stack.capacity() > KEEP_CAPACITY {
                f.fast = Vec::new();
                f.stack = Vec::new();
            }
            std::ptr::drop_in_place(std::ptr::addr_of_mut!((*slot).code));
            std::ptr::drop_in_place(std::ptr::addr_of_mut!((*slot).func));
            std::ptr::drop_in_place(std::ptr::addr_of_mut!((*slot).locals));
            std::ptr::drop_in_place(std::ptr::addr_of_mut!((*slot).kwnames));
            std::ptr::drop_in_place(std::ptr::addr_of_mut!((*slot).locals_dict));
        }
    }
}

/// Make room in a finished slot's empty vectors for a frame's locals and stack.
#[cold]
#[inline(never)]
fn grow(f: &mut Frame, nlocals: usize, max_stack: usize) {
    f.fast.reserve(nlocals);
    f.stack.reserve(max_stack);
}

/// Empty `v`, dropping its values one by one: inlined and cheap for the few values a frame
/// holds (a slice drop is an out-of-line loop).
#[inline(always)]
fn drop_values(v: &mut Vec<Value>) {
    let n = v.len();
    let p = v.as_mut_ptr();
    // SAFETY: the length is zeroed first, so a drop that panics leaks instead of dropping
    // twice; each of the `n` initialised values is dropped once.
    unsafe {
        v.set_len(0);
        for i in 0..n {
            std::ptr::drop_in_place(p.add(i));
        }
    }
}

impl Drop for FrameStack {
    fn drop(&mut self) {
        while self.live > 0 {
            // Only when unwinding a panic: the generator's frame is dropped (it stays marked
            // running).
            if self.pop_gen().is_none() {
                self.pop();
            }
        }
        for slot in &mut self.slots {
            // SAFETY: every slot is finished (popped above): only its vectors are valid.
            unsafe {
                std::ptr::drop_in_place(std::ptr::addr_of_mut!(slot.fast));
                std::ptr::drop_in_place(std::ptr::addr_of_mut!(slot.stack));
            }
        }
    }
}
