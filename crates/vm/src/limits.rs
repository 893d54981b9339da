//! Resource limits for untrusted code: an instruction budget, a wall-clock deadline, a heap
//! cap and a host-side cancel, all enforced at one place, the eval loop's interrupt check.
//!
//! # The tick counter
//! `LimitState::ticks` counts down the work left until the next *slow check*. The eval loop
//! subtracts an instruction estimate at `RESUME` and `JUMP_BACKWARD`, and long native loops
//! (iteration, sorting, repetition) subtract their own work through [`Vm::tick`]; when the
//! counter goes negative the slow check ([`Vm::limits_slow_check`], `#[cold]`) adds the work to
//! the instruction count and looks at the clock, the heap and the cancel flag. Anything that
//! must stop the interpreter promptly (the allocator crossing the heap cap, an
//! `InterruptHandle`, SIGINT) makes the counter negative, so the fast path stays one
//! load, one subtract, one store and one compare.
//!
//! # Heap accounting
//! [`CountingAllocator`] counts the bytes live on each thread. An interpreter attributes to
//! itself what its thread allocates and frees between [`Vm::limits_enter`] and
//! [`Vm::limits_exit`] (every call into it), so several interpreters, each driven from its
//! own thread, are accounted separately. Sites that allocate sizes computed from user numbers
//! (repetition, big-int powers and shifts) ask [`Vm::check_alloc`] first, so a single huge
//! request fails cleanly instead of reaching the system allocator.
//!
//! # Unwinding
//! When a limit trips, `tripped` is set and an exception is raised; while it is set the eval
//! loop enters no exception handler (`except`, `finally`, `with` cleanup) and no finalizer
//! runs, so Python code cannot catch or outlive the limit. Every later check raises again.
//! `limits_exit` clears it: the interpreter is usable for the next call.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use crate::{PyErr, PyResult, Vm};

/// Which limit ended a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitKind {
    /// The instruction budget.
    Instructions,
    /// The wall-clock timeout.
    Time,
    /// The heap cap.
    Memory,
    /// A host-side cancel (`InterruptHandle`).
    Cancelled,
}

/// Work units between two slow checks when no instruction budget is closer.
const PERIOD: i64 = 1 << 14;
/// A counter value below this was forced negative from outside (allocator, cancel).
pub const FORCED: i64 = i64::MIN / 4;

/// The limits an interpreter runs under, and their running state.
pub struct LimitState {
    /// Work left until the next slow check; forced negative to stop the loop promptly.
    pub ticks: Arc<AtomicI64>,
    /// What `ticks` was set to at the last slow check.
    armed: i64,
    /// Set by a host-side cancel.
    pub cancel: Arc<AtomicBool>,
    /// Instruction budget per call into the interpreter.
    pub max_instructions: Option<u64>,
    /// Timeout per call into the interpreter, in seconds.
    pub timeout: Option<f64>,
    /// Heap cap in bytes.
    pub max_memory: Option<usize>,
    /// The clock the timeout is measured with (seconds, monotonic). The embedder supplies it:
    /// the VM itself reads no clock outside its `Host`.
    pub clock: Option<fn() -> f64>,
    /// Work counted in the current call.
    pub used: u64,
    deadline: Option<f64>,
    /// Bytes live in this interpreter's heap when the current call began.
    mem_live: isize,
    /// The thread's allocation counter when the current call began.
    mem_base: isize,
    /// Nesting of `limits_enter`.
    depth: u32,
    saved: (isize, *const AtomicI64),
    /// The limit that ended the current call, while it unwinds.
    pub tripped: Option<LimitKind>,
    /// The limit that ended the last call (kept after `limits_exit`, for reporting).
    pub last_tripped: Option<LimitKind>,
    /// Work counted in the last finished call.
    pub last_used: u64,
}

impl Default for LimitState {
    fn default() -> Self {
        LimitState {
            ticks: Arc::new(AtomicI64::new(PERIOD)),
            armed: PERIOD,
            cancel: Arc::default(),
            max_instructions: None,
            timeout: None,
            max_memory: None,
            clock: None,
            used: 0,
            deadline: None,
            mem_live: 0,
            mem_base: 0,
            depth: 0,
            saved: (isize::MAX, std::ptr::null()),
            tripped: None,
            last_tripped: None,
            last_used: 0,
        }
    }
}

impl LimitState {
    /// Bytes live in this interpreter's heap now (meaningful between enter and exit).
    pub fn memory_in_use(&self) -> isize {
        if self.depth > 0 {
            self.mem_live + (thread_allocated() - self.mem_base)
        } else {
            self.mem_live
        }
    }

    /// Count `bytes` as part of this interpreter's heap (what it allocated while being built).
    pub fn add_memory(&mut self, bytes: isize) {
        self.mem_live += bytes;
    }
}

impl Vm {
    /// Begin a call into the interpreter: reset the budget and deadline, start attributing the
    /// thread's allocations to this interpreter. Pair with [`Vm::limits_exit`].
    pub fn limits_enter(&mut self) {
        let l = &mut self.limits;
        l.depth += 1;
        if l.depth > 1 {
            return;
        }
        l.used = 0;
        l.tripped = None;
        l.last_tripped = None;
        l.cancel.store(false, Ordering::Relaxed);
        l.deadline = match (l.timeout, l.clock) {
            (Some(t), Some(clock)) => Some(clock() + t),
            _ => None,
        };
        l.mem_base = thread_allocated();
        let trip_at = match l.max_memory {
            Some(cap) => l
                .mem_base
                .saturating_add((cap as isize).saturating_sub(l.mem_live)),
            None => isize::MAX,
        };
        l.saved = (
            TRIP_AT.with(|t| t.replace(trip_at)),
            TICKS.with(|t| t.replace(Arc::as_ptr(&l.ticks))),
        );
        self.arm_ticks();
    }

    /// End a call into the interpreter (see [`Vm::limits_enter`]); returns the limit that
    /// ended it, if one did.
    pub fn limits_exit(&mut self) -> Option<LimitKind> {
        if self.limits.depth == 0 {
            return None;
        }
        if self.limits.depth == 1 && self.limits.tripped.is_some() && self.threads.count > 0 {
            // Every thread of the interpreter stops with the call that tripped the limit.
            self.wait_threads_stopped();
        }
        let l = &mut self.limits;
        l.depth -= 1;
        if l.depth > 0 {
            return l.tripped;
        }
        let grown = thread_allocated() - l.mem_base;
        l.mem_live += grown;
        TRIP_AT.with(|t| t.set(l.saved.0));
        TICKS.with(|t| t.set(l.saved.1));
        let mut tripped = l.tripped.take();
        // A call that grew the heap past the cap in its last steps, with no check after
        // (`x = l + l` as the last statement), does not end successfully over the cap.
        if tripped.is_none()
            && grown > 0
            && let Some(cap) = l.max_memory
            && l.mem_live > cap as isize
        {
            tripped = Some(LimitKind::Memory);
        }
        l.last_tripped = tripped;
        let t = l.ticks.load(Ordering::Relaxed);
        if t > FORCED / 2 {
            l.used += (l.armed - t.max(0)).max(0) as u64;
        }
        l.last_used = l.used;
        l.ticks.store(PERIOD, Ordering::Relaxed);
        l.armed = PERIOD;
        tripped
    }

    /// The running thread gives the interpreter up (`threads.rs`): count what its OS thread
    /// allocated and stop attributing that thread's allocations here. Returns the thread's
    /// allocation counter, which [`Vm::limits_resume`] takes back.
    pub(crate) fn limits_suspend(&mut self) -> isize {
        let now = thread_allocated();
        if self.limits.depth > 0 {
            self.limits.mem_live += now - self.limits.mem_base;
            TRIP_AT.with(|t| t.set(isize::MAX));
            TICKS.with(|t| t.set(std::ptr::null()));
        }
        now
    }

    /// A thread takes the interpreter (back): attribute its OS thread's allocations since
    /// `mark` (what it allocated while it waited, e.g. a read buffer, counts too).
    pub(crate) fn limits_resume(&mut self, mark: isize) {
        let l = &mut self.limits;
        if l.depth == 0 {
            return;
        }
        l.mem_base = mark;
        let trip_at = match l.max_memory {
            Some(cap) => mark.saturating_add((cap as isize).saturating_sub(l.mem_live)),
            None => isize::MAX,
        };
        TRIP_AT.with(|t| t.set(trip_at));
        TICKS.with(|t| t.set(Arc::as_ptr(&l.ticks)));
        if thread_allocated() > trip_at {
            l.ticks.store(FORCED, Ordering::Relaxed);
        }
    }

    /// Run the slow check now (a thread that waited with the interpreter lock released).
    pub fn check_now(&mut self) -> PyResult<()> {
        let t = self.limits.ticks.load(Ordering::Relaxed);
        self.limits_slow_check(t)
    }

    /// A host call under PEP 475: when a signal interrupts it (`EINTR`), the Python signal
    /// handlers run now (CPython's `PyErr_CheckSignals` in `_Py_read`/`_Py_write`); their
    /// exception ends the call, else it is made again. Other errors are the caller's to turn
    /// into its own exception.
    pub fn retry_eintr<T>(
        &mut self,
        mut call: impl FnMut(&mut Vm) -> std::io::Result<T>,
    ) -> PyResult<std::io::Result<T>> {
        loop {
            match call(self) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => self.check_now()?,
                r => return Ok(r),
            }
        }
    }

    /// Set the counter to the work allowed until the next slow check.
    fn arm_ticks(&mut self) {
        let l = &mut self.limits;
        let mut n = PERIOD;
        if let Some(max) = l.max_instructions {
            let left = max.saturating_sub(l.used).min(PERIOD as u64) as i64;
            n = n.min(left);
        }
        l.armed = n;
        l.ticks.store(n, Ordering::Relaxed);
    }

    /// Count `cost` units of work; stop here if a limit or an interrupt is due. The eval loop
    /// and long native operations call this.
    #[inline]
    pub fn tick(&mut self, cost: i64) -> PyResult<()> {
        let t = self.limits.ticks.load(Ordering::Relaxed) - cost;
        self.limits.ticks.store(t, Ordering::Relaxed);
        if t < 0 {
            return self.limits_slow_check(t);
        }
        Ok(())
    }

    /// Count `cost` units of work where no exception can be raised: the next check sees them.
    #[inline]
    pub fn charge(&mut self, cost: i64) {
        let t = self.limits.ticks.load(Ordering::Relaxed);
        if t > FORCED / 2 {
            self.limits
                .ticks
                .store(t.saturating_sub(cost), Ordering::Relaxed);
        }
    }

    /// The slow half of [`Vm::tick`]: count the work done, look at the clock, the heap, the
    /// cancel flag and SIGINT's flag.
    #[cold]
    #[inline(never)]
    pub fn limits_slow_check(&mut self, t: i64) -> PyResult<()> {
        let consumed = if t < FORCED / 2 {
            0
        } else {
            self.limits.armed.saturating_sub(t).max(0)
        };
        self.limits.used = self.limits.used.saturating_add(consumed as u64);
        if let Some(kind) = self.limits.tripped {
            self.limits.ticks.store(-1, Ordering::Relaxed);
            self.limits.armed = 0;
            return Err(self.limit_error(kind));
        }
        self.arm_ticks();
        if self.limits.cancel.load(Ordering::Relaxed) {
            return Err(self.trip(LimitKind::Cancelled));
        }
        if let Some(max) = self.limits.max_instructions
            && self.limits.used >= max
        {
            return Err(self.trip(LimitKind::Instructions));
        }
        if let (Some(deadline), Some(clock)) = (self.limits.deadline, self.limits.clock)
            && clock() >= deadline
        {
            return Err(self.trip(LimitKind::Time));
        }
        if let Some(cap) = self.limits.max_memory
            && self.limits.memory_in_use() > cap as isize
        {
            return Err(self.trip(LimitKind::Memory));
        }
        // Signals are delivered to the main thread only, as in CPython; another thread keeps
        // the check due, so the main thread sees it at its first tick.
        if self.interrupt.load(Ordering::Relaxed) {
            if self.thread.main {
                self.interrupt.store(false, Ordering::Relaxed);
                return crate::modules::signal::run_sigint(self);
            }
            self.limits.ticks.store(-1, Ordering::Relaxed);
            self.limits.armed = 0;
        }
        if self.thread.main {
            crate::modules::signal::run_pending(self)?;
        }
        if self.threads_active() {
            self.maybe_switch();
            // Another thread may have tripped a limit meanwhile.
            if let Some(kind) = self.limits.tripped {
                return Err(self.limit_error(kind));
            }
        }
        Ok(())
    }

    /// End a native call: if the allocator crossed the heap cap or the host cancelled during
    /// it (the counter was forced negative), the limit ends the run here, before the caller
    /// can keep what the call built, rather than at the next backward jump.
    #[inline(always)]
    pub fn after_native<T>(&mut self, r: PyResult<T>) -> PyResult<T> {
        let t = self.limits.ticks.load(Ordering::Relaxed);
        if t < FORCED / 2 {
            self.limits_slow_check(t)?;
        }
        r
    }

    /// Refuse an allocation of about `bytes` that would take the heap past its cap (call
    /// before allocating sizes computed from user numbers).
    #[inline]
    pub fn check_alloc(&mut self, bytes: usize) -> PyResult<()> {
        if let Some(cap) = self.limits.max_memory
            && self
                .limits
                .memory_in_use()
                .saturating_add(bytes.min(isize::MAX as usize) as isize)
                > cap as isize
        {
            return Err(self.trip(LimitKind::Memory));
        }
        Ok(())
    }

    /// Whether a limit is unwinding the stack (no handler or finalizer may run).
    #[inline]
    pub fn limit_tripped(&self) -> bool {
        self.limits.tripped.is_some()
    }

    /// Mark the current call as ended by `kind` and make the exception that unwinds it.
    #[cold]
    pub fn trip(&mut self, kind: LimitKind) -> PyErr {
        self.limits.tripped = Some(kind);
        self.limits.ticks.store(-1, Ordering::Relaxed);
        self.limits.armed = 0;
        self.limit_error(kind)
    }

    fn limit_error(&mut self, kind: LimitKind) -> PyErr {
        let msg = match kind {
            LimitKind::Instructions => "instruction limit exceeded",
            LimitKind::Time => "time limit exceeded",
            LimitKind::Memory => "memory limit exceeded",
            LimitKind::Cancelled => "interrupted by the host",
        };
        let t = self.types.base_exception.clone();
        let m = self.new_str(msg);
        self.new_exception(&t, vec![m])
    }
}

thread_local! {
    /// Bytes allocated minus bytes freed on this thread, through [`CountingAllocator`].
    static ALLOCATED: Cell<isize> = const { Cell::new(0) };
    /// Crossing this makes the running interpreter's tick counter negative.
    static TRIP_AT: Cell<isize> = const { Cell::new(isize::MAX) };
    /// The tick counter of the interpreter running on this thread (null when none).
    static TICKS: Cell<*const AtomicI64> = const { Cell::new(std::ptr::null()) };
    /// The highest `ALLOCATED` reached since the last [`reset_thread_peak`] (`tracemalloc`).
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

static INSTALLED: AtomicBool = AtomicBool::new(false);

/// Bytes live on this thread, as counted by [`CountingAllocator`].
pub fn thread_allocated() -> isize {
    ALLOCATED.try_with(Cell::get).unwrap_or(0)
}

/// Whether [`CountingAllocator`] is the process's global allocator (it has seen an
/// allocation).
pub fn counting_allocator_installed() -> bool {
    INSTALLED.load(Ordering::Relaxed)
}

/// Count `delta` bytes as made (positive) or freed (negative) on this thread; also used by
/// `objpool`, whose boxes are counted one by one rather than as the chunks it allocates.
#[inline]
pub(crate) fn count(delta: isize) {
    let _ = ALLOCATED.try_with(|c| {
        let v = c.get().wrapping_add(delta);
        c.set(v);
        if delta > 0 {
            if v > TRIP_AT.try_with(Cell::get).unwrap_or(isize::MAX) {
                over_cap();
            }
            let _ = PEAK.try_with(|p| {
                if v > p.get() {
                    p.set(v);
                }
            });
        }
    });
}

/// The most bytes live on this thread since the last [`reset_thread_peak`].
pub fn thread_peak() -> isize {
    PEAK.try_with(Cell::get).unwrap_or(0)
}

/// Start measuring [`thread_peak`] again from the bytes live now.
pub fn reset_thread_peak() {
    let now = thread_allocated();
    let _ = PEAK.try_with(|p| p.set(now));
}

#[cold]
fn over_cap() {
    let _ = TICKS.try_with(|t| {
        let p = t.get();
        if !p.is_null() {
            // SAFETY: `limits_enter` stores a pointer into the running interpreter's
            // `Arc<AtomicI64>`, which that interpreter keeps alive, and `limits_exit` clears it
            // before the interpreter can be dropped; both happen on this thread.
            unsafe { (*p).store(FORCED, Ordering::Relaxed) };
        }
    });
}

/// A global allocator that counts the bytes live on each thread, for the heap cap. Wraps
/// another allocator (`std::alloc::System` by default). Install it in the program:
/// `#[global_allocator] static A: CountingAllocator = CountingAllocator::new();`
pub struct CountingAllocator<A = std::alloc::System>(A);

impl CountingAllocator<std::alloc::System> {
    /// Counting over the system allocator.
    pub const fn new() -> Self {
        CountingAllocator(std::alloc::System)
    }
}

impl<A> CountingAllocator<A> {
    /// Counting over `inner`.
    pub const fn wrap(inner: A) -> Self {
        CountingAllocator(inner)
    }
}

// SAFETY: every call forwards to the inner allocator unchanged; the counting touches only
// const-initialised thread-locals without destructors (no allocation, no re-entry).
unsafe impl<A: GlobalAlloc> GlobalAlloc for CountingAllocator<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { self.0.alloc(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
            if !INSTALLED.load(Ordering::Relaxed) {
                INSTALLED.store(true, Ordering::Relaxed);
            }
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { self.0.alloc_zeroed(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { self.0.dealloc(ptr, layout) };
        count(-(layout.size() as isize));
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { self.0.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        p
    }
}
