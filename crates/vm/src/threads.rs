//! Python threads: real OS threads that take turns under one interpreter lock (CPython's GIL).
//!
//! # The lock
//! Each interpreter gets a [`Gil`] when its first thread starts (a program that never starts
//! one pays nothing). Only the thread holding it touches the `Vm` or any Python object, so `Rc`
//! stays sound: the mutex handoff orders the memory. The `Vm` is reached by every thread of the
//! interpreter through a raw pointer; the lock is released and re-taken only inside functions
//! that take `&mut Vm`, and the address escapes through `black_box` at each handoff, so the
//! compiler keeps no `Vm` field in a register across a switch.
//!
//! # Switching
//! A thread that waits for the lock longer than the switch interval (`sys.setswitchinterval`,
//! 5 ms) sets `drop_request`. The running thread looks at it in the interrupt check's slow
//! half (`limits.rs`), which runs every few thousand instructions anyway, so the eval loop's
//! fast path does no new work; it then hands the lock over and waits until another thread has
//! taken it (no immediate re-grab). Blocking calls (`lock.acquire`, `time.sleep`) release the
//! lock around the wait ([`Vm::allow_threads`]).
//!
//! # Per-thread state
//! What belongs to one thread (its frame records, the exceptions being handled, the native
//! recursion depth, its stack guard, the current `contextvars` context, its identity, the
//! finalizer queue of `object.rs`, the heap counter's attribution) is saved into a
//! [`ThreadState`] when the thread gives the lock up and put back when it takes it again.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use crate::frame::FrameLink;
use crate::object::ObjRef;
use crate::value::Value;
use crate::{PyErr, Vm};

/// The identity `get_ident` reports for the interpreter's first thread.
pub const MAIN_IDENT: i64 = 1;

/// Stack of a thread started by `_thread.start_new_thread` when `stack_size` was not set:
/// 8 MiB, what CPython's threads get on Linux. Python-to-Python calls take no Rust stack, but
/// each re-entry from Rust into Python (`__repr__`, `__eq__`, `sorted(key=)`, a native
/// wrapper calling its function) takes about 4 KiB (release and dev profiles alike), so the
/// default recursion limit (1000) is reached with room to spare (about 1500 levels fit); past
/// it (a raised limit) the stack guard raises `RecursionError` a quarter of the stack before
/// the end. Every reserved stack counts against an address space limit (`RLIMIT_AS`): at the
/// former 128 MiB, a 6 GiB limit allowed about 40 threads.
pub const DEFAULT_STACK: usize = 8 << 20;

/// The least stack a thread gets whatever `stack_size` asked (CPython accepts 32 KiB): the
/// guard's margin, a quarter of it, must hold the deepest Rust call chain between two guard
/// checks and the raising of `RecursionError`, and code with its own depth limit instead of
/// the guard must fit (marshal's 2000 levels overflow 1 MiB).
const MIN_STACK: usize = 4 << 20;

#[derive(Default)]
struct GilState {
    locked: bool,
    /// Counts every take of the lock (a yielding thread waits until it moves).
    switches: u64,
    waiters: usize,
    /// Threads started and not yet finished.
    running: usize,
    /// The interpreter is gone: nobody may take the lock again.
    dead: bool,
}

/// The interpreter lock.
pub struct Gil {
    state: Mutex<GilState>,
    /// Signalled when the lock is released.
    free: Condvar,
    /// Signalled when a thread took the lock or a thread ended.
    moved: Condvar,
    /// Set by a thread that waited a whole switch interval in vain.
    pub drop_request: AtomicBool,
    /// The switch interval in microseconds.
    interval_us: AtomicU64,
}

impl Gil {
    /// A lock held by the thread that makes it.
    fn new_held() -> Gil {
        Gil {
            state: Mutex::new(GilState {
                locked: true,
                ..GilState::default()
            }),
            free: Condvar::new(),
            moved: Condvar::new(),
            drop_request: AtomicBool::new(false),
            interval_us: AtomicU64::new(5000),
        }
    }

    fn lock(&self) -> MutexGuard<'_, GilState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Take the lock, asking the holder to drop it if it keeps it a whole interval.
    fn take<'a>(&'a self, mut s: MutexGuard<'a, GilState>) -> MutexGuard<'a, GilState> {
        s.waiters += 1;
        loop {
            if !s.locked && !s.dead {
                break;
            }
            if s.dead {
                s = self.free.wait(s).unwrap_or_else(PoisonError::into_inner);
                continue;
            }
            let before = s.switches;
            let interval = Duration::from_micros(self.interval_us.load(Ordering::Relaxed));
            let (g, r) = self
                .free
                .wait_timeout(s, interval)
                .unwrap_or_else(PoisonError::into_inner);
            s = g;
            if r.timed_out() && s.locked && s.switches == before {
                self.drop_request.store(true, Ordering::Relaxed);
            }
        }
        s.waiters -= 1;
        s.locked = true;
        s.switches = s.switches.wrapping_add(1);
        self.drop_request.store(false, Ordering::Relaxed);
        self.moved.notify_all();
        s
    }

    fn acquire(&self) {
        let s = self.lock();
        drop(self.take(s));
    }

    fn release(&self) {
        let mut s = self.lock();
        s.locked = false;
        drop(s);
        self.free.notify_one();
    }

    /// Hand the lock to a waiting thread, then queue for it again.
    fn yield_now(&self) {
        let mut s = self.lock();
        s.locked = false;
        let n = s.switches;
        self.free.notify_one();
        while s.waiters > 0 && s.switches == n && !s.dead {
            s = self.moved.wait(s).unwrap_or_else(PoisonError::into_inner);
        }
        drop(self.take(s));
    }

    /// Wait (lock released by the caller) until a thread ends or takes the lock, or `d`
    /// passes.
    fn wait_thread_end(&self, d: Duration) {
        let s = self.lock();
        if s.running == 0 {
            return;
        }
        let _ = self.moved.wait_timeout(s, d);
    }

    fn thread_started(&self) {
        self.lock().running += 1;
    }

    fn thread_ended(&self) {
        let mut s = self.lock();
        s.running = s.running.saturating_sub(1);
        drop(s);
        self.moved.notify_all();
    }

    /// The interpreter is being dropped: threads still waiting for the lock wait forever
    /// (CPython's daemon threads at exit), and never touch the freed interpreter.
    fn kill(&self) {
        self.lock().dead = true;
    }
}

/// What the interpreter knows about the thread running it.
pub struct ThreadInfo {
    /// `_thread.get_ident()`
    pub ident: i64,
    /// Whether this is the interpreter's first thread (signals are delivered to it).
    pub main: bool,
    /// `_thread._set_sentinel` locks, released when the thread ends.
    pub sentinels: Vec<Value>,
    /// `sys.set_coroutine_origin_tracking_depth` (per thread, as in CPython).
    pub coro_origin_depth: i32,
}

impl Default for ThreadInfo {
    fn default() -> Self {
        ThreadInfo {
            ident: MAIN_IDENT,
            main: true,
            sentinels: Vec::new(),
            coro_origin_depth: 0,
        }
    }
}

/// A suspended thread's share of the `Vm`.
pub struct ThreadState {
    frames: Vec<FrameLink>,
    handled: Vec<Value>,
    native_depth: usize,
    stack_limit: usize,
    skip_traceback: bool,
    resume_error: Option<PyErr>,
    frame_locals: Vec<Option<Value>>,
    repr_guard: Vec<usize>,
    context: Option<Value>,
    info: ThreadInfo,
    alloc_mark: isize,
    /// `sys.settrace` / `sys.setprofile` are per thread (`trace.rs`).
    tracing: Option<Box<crate::trace::TraceState>>,
    trace_lines: bool,
    trace_marker: Option<ObjRef>,
}

impl ThreadState {
    fn fresh(ident: i64, stack_limit: usize) -> ThreadState {
        ThreadState {
            frames: Vec::new(),
            handled: Vec::new(),
            native_depth: 0,
            stack_limit,
            skip_traceback: false,
            resume_error: None,
            frame_locals: Vec::new(),
            repr_guard: Vec::new(),
            context: None,
            info: ThreadInfo {
                ident,
                main: false,
                sentinels: Vec::new(),
                coro_origin_depth: 0,
            },
            alloc_mark: crate::limits::thread_allocated(),
            tracing: None,
            trace_lines: false,
            trace_marker: None,
        }
    }
}

/// The interpreter's threads (a field of `Vm`).
pub struct Threads {
    /// The interpreter lock, made when the first thread starts.
    pub gil: Option<Arc<Gil>>,
    /// Threads started by `start_new_thread` and still running (`_thread._count()`).
    pub count: usize,
    next_ident: i64,
    /// Finalizer queues handed over at a switch (`object.rs` keeps them per OS thread).
    pending: Vec<ObjRef>,
    dead_weak: Vec<usize>,
    /// `_thread.stack_size()`
    pub stack_size: usize,
    /// Modules whose body runs now, and the thread running it (`import.rs`).
    pub importing: Vec<(String, i64)>,
    /// The frame records of threads waiting for the lock, by identity (`faulthandler` dumps
    /// every thread). Each points into the waiting thread's own `ThreadState`, which stays
    /// in place and untouched until that thread holds the lock again and removes its entry.
    parked: Vec<(i64, *const Vec<FrameLink>)>,
    /// The OS handle (`Host::thread_handle`) of each live thread that has one, by identity,
    /// for `signal.pthread_kill`: a started thread adds itself, a thread that starts one adds
    /// itself too (so the first thread is known once there are others).
    pub(crate) handles: Vec<(i64, u64)>,
}

impl Default for Threads {
    fn default() -> Self {
        Threads {
            gil: None,
            count: 0,
            next_ident: MAIN_IDENT + 1,
            pending: Vec::new(),
            dead_weak: Vec::new(),
            stack_size: 0,
            importing: Vec::new(),
            parked: Vec::new(),
            handles: Vec::new(),
        }
    }
}

impl Drop for Threads {
    fn drop(&mut self) {
        if let Some(g) = &self.gil {
            g.kill();
        }
    }
}

/// Makes `vm`'s address escape at a lock handoff: the compiler must assume any `Vm` field
/// changed across it.
#[inline(always)]
fn escape(vm: &mut Vm) {
    std::hint::black_box(vm as *mut Vm);
}

/// What a new thread needs; it is moved to the thread and touched only under the lock.
struct Boot {
    vm: *mut Vm,
    gil: Arc<Gil>,
    func: Value,
    args: Value,
    kwargs: Option<Value>,
    ident: i64,
    stack: usize,
}

// SAFETY: the Python values and the `Vm` pointer in a `Boot` are used by the new thread only
// after it took the interpreter lock (see the module documentation); `Arc<Gil>` is `Send`.
unsafe impl Send for Boot {}

impl Vm {
    /// Whether other threads of this interpreter exist (then the interpreter lock does too).
    #[inline]
    pub fn threads_active(&self) -> bool {
        self.threads.gil.is_some()
    }

    fn save_thread(&mut self) -> ThreadState {
        let alloc_mark = self.limits_suspend();
        let (pending, dead_weak) = crate::object::take_finalizer_queues();
        self.threads.pending.extend(pending);
        self.threads.dead_weak.extend(dead_weak);
        ThreadState {
            frames: std::mem::take(&mut self.frames),
            handled: std::mem::take(&mut self.handled),
            native_depth: self.native_depth,
            stack_limit: self.stack_limit,
            skip_traceback: self.skip_traceback.get(),
            resume_error: self.resume_error.take(),
            frame_locals: std::mem::take(&mut self.frame_locals),
            repr_guard: std::mem::take(&mut self.repr_guard),
            context: self.mods.context.take(),
            info: std::mem::take(&mut self.thread),
            alloc_mark,
            trace_marker: self.take_trace_marker(),
            tracing: self.tracing.take(),
            trace_lines: std::mem::take(&mut self.trace_lines),
        }
    }

    fn restore_thread(&mut self, ts: ThreadState) {
        self.frames = ts.frames;
        self.handled = ts.handled;
        self.native_depth = ts.native_depth;
        self.stack_limit = ts.stack_limit;
        self.skip_traceback.set(ts.skip_traceback);
        self.resume_error = ts.resume_error;
        self.frame_locals = ts.frame_locals;
        self.repr_guard = ts.repr_guard;
        self.mods.context = ts.context;
        self.thread = ts.info;
        self.tracing = ts.tracing;
        self.trace_lines = ts.trace_lines;
        if self.profiler.is_none() {
            self.profiler = ts.trace_marker;
        }
        let pending = std::mem::take(&mut self.threads.pending);
        let dead_weak = std::mem::take(&mut self.threads.dead_weak);
        crate::object::put_finalizer_queues(pending, dead_weak);
        self.limits_resume(ts.alloc_mark);
    }

    /// Run `f` (a host call that may block) with the interpreter lock released, so other
    /// threads run meanwhile. `f` must not touch Python objects (they are `!Send`, so it
    /// cannot capture them).
    #[inline(never)]
    pub fn allow_threads<R: Send>(&mut self, f: impl FnOnce() -> R + Send) -> R {
        let Some(gil) = self.threads.gil.clone() else {
            return f();
        };
        let ts = self.save_thread();
        self.park(&ts);
        escape(self);
        gil.release();
        let r = f();
        gil.acquire();
        escape(self);
        self.unpark(&ts);
        self.restore_thread(ts);
        r
    }

    fn park(&mut self, ts: &ThreadState) {
        self.threads.parked.push((ts.info.ident, &ts.frames));
    }

    fn unpark(&mut self, ts: &ThreadState) {
        let me: *const Vec<FrameLink> = &ts.frames;
        self.threads.parked.retain(|(_, p)| !std::ptr::eq(*p, me));
    }

    /// Every thread's frame records with its identity, the current thread first; `f` sees
    /// them while the lock is held, so no waiting thread can change them.
    pub fn with_all_frames<R>(&self, f: impl FnOnce(&[(i64, &[FrameLink])]) -> R) -> R {
        let mut all: Vec<(i64, &[FrameLink])> = vec![(self.thread.ident, &self.frames)];
        for (ident, p) in &self.threads.parked {
            // SAFETY: an entry lives from `park` to `unpark`, during which its thread waits
            // for the lock this thread holds and its `ThreadState` neither moves nor changes.
            all.push((*ident, unsafe { &**p }));
        }
        f(&all)
    }

    /// Called from the interrupt check's slow half: hand the lock over if a thread asked.
    #[inline]
    pub(crate) fn maybe_switch(&mut self) {
        if let Some(gil) = &self.threads.gil
            && gil.drop_request.load(Ordering::Relaxed)
        {
            self.switch_threads();
        }
    }

    /// Wait while another thread runs the body of module `name` (a thread importing a
    /// module that this one is importing gets the partial module, as in CPython).
    pub(crate) fn wait_import_elsewhere(&mut self, name: &str) -> crate::PyResult<()> {
        let me = self.thread.ident;
        while self
            .threads
            .importing
            .iter()
            .any(|(n, t)| n == name && *t != me)
        {
            if self.threads.importing.iter().any(|(_, t)| *t == me) {
                // This thread is itself mid-import: waiting could deadlock (CPython detects
                // the cycle and hands out the partial module).
                break;
            }
            let Some(gil) = self.threads.gil.clone() else {
                break;
            };
            self.allow_threads(move || gil.wait_thread_end(Duration::from_millis(1)));
            self.check_now()?;
        }
        Ok(())
    }

    /// Let a waiting thread run (`time.sleep(0)`), if other threads exist.
    pub fn yield_thread(&mut self) {
        if self.threads_active() {
            self.switch_threads();
        }
    }

    #[cold]
    #[inline(never)]
    fn switch_threads(&mut self) {
        let Some(gil) = self.threads.gil.clone() else {
            return;
        };
        let ts = self.save_thread();
        self.park(&ts);
        escape(self);
        gil.yield_now();
        escape(self);
        self.unpark(&ts);
        self.restore_thread(ts);
    }

    /// `sys.setswitchinterval`
    pub fn set_switch_interval(&mut self, secs: f64) {
        // Whole microseconds, as CPython keeps it (1e-7 reads back as 0.0).
        let us = (secs * 1e6) as u64;
        self.switch_interval_us = us;
        if let Some(g) = &self.threads.gil {
            g.interval_us.store(us.max(1), Ordering::Relaxed);
        }
    }

    /// Start a thread running `func(*args, **kwargs)`; returns its identity.
    pub fn start_thread(
        &mut self,
        func: Value,
        args: Value,
        kwargs: Option<Value>,
    ) -> Result<i64, String> {
        let gil = match &self.threads.gil {
            Some(g) => g.clone(),
            None => {
                let g = Arc::new(Gil::new_held());
                g.interval_us
                    .store(self.switch_interval_us.max(1), Ordering::Relaxed);
                self.threads.gil = Some(g.clone());
                g
            }
        };
        let ident = self.threads.next_ident;
        self.threads.next_ident += 1;
        crate::modules::signal::note_thread_handle(self);
        let stack = match self.threads.stack_size {
            0 => DEFAULT_STACK,
            n => n.max(MIN_STACK),
        };
        let boot = Boot {
            vm: self as *mut Vm,
            gil: gil.clone(),
            func,
            args,
            kwargs,
            ident,
            stack,
        };
        gil.thread_started();
        self.threads.count += 1;
        let spawned = std::thread::Builder::new()
            .name(format!("krait-py-{ident}"))
            .stack_size(stack)
            .spawn(move || thread_main(boot));
        match spawned {
            Ok(_) => Ok(ident),
            Err(e) => {
                self.threads.count -= 1;
                gil.thread_ended();
                Err(e.to_string())
            }
        }
    }

    /// A limit ended the current call: wait until every other thread of the interpreter has
    /// unwound (each sees the tripped limit at its next check) before the call returns.
    pub(crate) fn wait_threads_stopped(&mut self) {
        let Some(gil) = self.threads.gil.clone() else {
            return;
        };
        while self.threads.count > 0 {
            let g = gil.clone();
            self.allow_threads(move || g.wait_thread_end(Duration::from_millis(50)));
        }
    }

    /// In the child of `fork()`: only the calling thread exists. It becomes the main thread
    /// and gets a fresh lock (the parent's may be mid-handoff).
    pub fn after_fork_child(&mut self) {
        if let Some(old) = self.threads.gil.take() {
            // The old lock's waiters do not exist here; forget it without waking anyone.
            std::mem::forget(old);
            self.threads.count = 0;
            self.thread.main = true;
        }
        self.threads.handles.clear();
    }
}

/// The body of a thread started by `start_new_thread`.
fn thread_main(boot: Boot) {
    let here = 0u8;
    let top = &here as *const u8 as usize;
    let stack_limit = top.saturating_sub(boot.stack - boot.stack / 4);
    let mut ts = Some(ThreadState::fresh(boot.ident, stack_limit));
    let gil = boot.gil.clone();
    gil.acquire();
    // SAFETY: the interpreter outlives every thread that holds its lock: dropping the `Vm`
    // marks the lock dead, and a thread waiting for a dead lock waits forever.
    let vm: &mut Vm = unsafe { &mut *std::hint::black_box(boot.vm) };
    if let Some(ts) = ts.take() {
        vm.restore_thread(ts);
    }
    crate::modules::signal::note_thread_handle(vm);
    run_thread(vm, boot);
    let me = vm.thread.ident;
    vm.threads.handles.retain(|(i, _)| *i != me);
    // Release the sentinels (threading's `join` waits on them), drop everything Python
    // while the lock is held, then let the lock go for good.
    let sentinels = std::mem::take(&mut vm.thread.sentinels);
    for s in &sentinels {
        crate::modules::release_sentinel(vm, s);
    }
    drop(sentinels);
    vm.run_finalizers();
    vm.threads.count = vm.threads.count.saturating_sub(1);
    let state = vm.save_thread();
    drop(state);
    escape(vm);
    gil.thread_ended();
    gil.release();
}

fn run_thread(vm: &mut Vm, boot: Boot) {
    let Boot {
        func, args, kwargs, ..
    } = boot;
    if vm.limit_tripped() {
        return;
    }
    let r = vm.call_ex(&func, &args, kwargs.as_ref());
    if let Err(e) = r {
        if vm.limit_tripped() {
            return;
        }
        let se = vm.types.system_exit.clone();
        if vm.err_matches(&e, &se) {
            return;
        }
        vm.flush_stdout();
        let who = vm.repr_string(&func).unwrap_or_default();
        let text = vm.format_exception(&Value::Obj(e.0));
        vm.write_stderr(
            format!("Exception ignored in thread started by: {who}\n{text}").as_bytes(),
        );
    }
}

impl Vm {
    /// At exit, join the non-daemon threads: `threading._shutdown()` if `threading` was
    /// imported (CPython's `wait_for_thread_shutdown` in `Py_FinalizeEx`).
    pub fn wait_for_thread_shutdown(&mut self) {
        if self.limit_tripped() {
            return;
        }
        let key = self.new_str("threading");
        let modules = self.modules.clone();
        let Ok(Some(m)) = self.dict_get(&modules, &key) else {
            return;
        };
        let r = self
            .getattr_str(&m, "_shutdown")
            .and_then(|f| self.call_pos(&f, &[]));
        if let Err(e) = r
            && !self.limit_tripped()
        {
            self.flush_stdout();
            let who = self.repr_string(&m).unwrap_or_default();
            let text = self.format_exception(&Value::Obj(e.0));
            self.write_stderr(format!("Exception ignored in: {who}\n{text}").as_bytes());
        }
    }
}
