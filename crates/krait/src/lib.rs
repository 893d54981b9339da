//! Krait: a Python 3 interpreter. This crate is the embedding API: run Python, possibly
//! untrusted, inside a Rust program, under limits. The guide is `docs/embedding.md`; the
//! example below is also `crates/krait/examples/embed.rs`.
//!
//! For running a whole program the way the CLI does, [`run_sandboxed`] runs it against a
//! [`SandboxHost`]: an in-memory file system, only the environment given, a fixed clock unless
//! the embedder supplies one, seeded randomness, and no processes or sockets. With the `host`
//! feature, [`os`] adds what an embedder on a real machine needs to populate a sandbox safely:
//! a read-only, confined view of a host directory ([`os::mount_readonly`]), the real clock
//! read-only and the real standard streams.
//!
//! ```
//! use std::time::Duration;
//! use krait::{Interpreter, Error, LimitExceeded};
//! # #[cfg(not(feature = "counting-allocator"))]
//! # #[global_allocator]
//! # static A: krait::CountingAllocator = krait::CountingAllocator::new();
//!
//! fn main() -> Result<(), Error> {
//!     let mut py = Interpreter::builder()
//!         .sandboxed()                      // SandboxHost: no files, env, network or processes
//!         .max_instructions(5_000_000)      // bytecode instructions per call of run/eval/call
//!         .max_memory(64 * 1024 * 1024)     // bytes live in the interpreter's heap
//!         .timeout(Duration::from_millis(500))
//!         .recursion_limit(200)
//!         .build()?;
//!     py.set_global("items", vec![3_i64, 1, 2])?;
//!     py.add_function("shout", |s: String| -> String { s.to_uppercase() })?;
//!     py.run("result = sorted(items) + [len(shout('hi'))]")?;
//!     let v: Vec<i64> = py.eval("result")?.extract()?;
//!     assert_eq!(v, vec![1, 2, 3, 2]);
//!     match py.run("while True: pass") {
//!         Err(Error::Limit(LimitExceeded::Instructions)) => {}
//!         other => panic!("expected the instruction limit, got {other:?}"),
//!     }
//!     py.run("x = 1")?;                     // still usable after a limit was hit
//!     Ok(())
//! }
//! ```
//!
//! Each [`Interpreter`] runs its Python on a thread of its own (the VM's objects are
//! single-threaded); the `Interpreter` value is a handle to it and can be moved between
//! threads. Calls block until the interpreter answers.

mod error;
mod function;
mod host;
mod object;
#[doc(hidden)]
pub mod watchdog;
mod worker;

use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

pub use error::{Error, LimitExceeded, PyException};
pub use function::{CallArgs, IntoReturn, Module, NativeFunction, WithCallArgs};
pub use host::Output;
pub use krait_vm as vm;
pub use krait_vm::limits::CountingAllocator;
pub use num_bigint::BigInt;
pub use object::{Bytes, FromPython, Handle, IntoArgs, IntoKwargs, IntoPython, Object};

use krait_vm::Value;
use worker::Job;

/// With the `counting-allocator` feature (on by default) Krait counts heap bytes per thread
/// for `max_memory`. Programs with their own global allocator turn the feature off and wrap
/// theirs: `#[global_allocator] static A: krait::CountingAllocator<MyAlloc> =
/// krait::CountingAllocator::wrap(MyAlloc);`.
#[cfg(feature = "counting-allocator")]
#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator::new();

/// Stack of an interpreter's thread (reserved, touched only as deep as Python recurses); the
/// VM refuses to recurse within `STACK_MARGIN` of its end.
const STACK_SIZE: usize = 256 << 20;
const STACK_MARGIN: usize = 32 << 20;

static NEXT_INTERP: AtomicU64 = AtomicU64::new(1);

/// The clock timeouts are measured with. It is the embedder's limit, not something Python
/// can observe, so it is read here rather than through the interpreter's `Host`.
#[allow(clippy::disallowed_methods)]
fn monotonic() -> f64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_secs_f64()
}

/// Stops a running interpreter from another thread: the current call (and only it) ends
/// with [`Error::Interrupted`], and Python code cannot catch that.
#[derive(Clone)]
pub struct InterruptHandle {
    cancel: Arc<AtomicBool>,
    ticks: Arc<AtomicI64>,
}

impl InterruptHandle {
    /// Stop the call running now (no effect when the interpreter is idle).
    pub fn interrupt(&self) {
        self.cancel.store(true, Ordering::Relaxed);
        self.ticks.store(i64::MIN / 2, Ordering::Relaxed);
    }
}

/// Settings for a new [`Interpreter`].
pub struct Builder {
    sandboxed: bool,
    max_instructions: Option<u64>,
    max_memory: Option<usize>,
    timeout: Option<Duration>,
    recursion_limit: Option<usize>,
    stdout: Output,
    stderr: Output,
    stdin: Option<Vec<u8>>,
    argv: Vec<String>,
    hash_seed: Option<u32>,
    lend_stdlib: bool,
}

impl Builder {
    /// Run on `SandboxHost`: no files, environment, network, processes or clock. Without
    /// the crate's `host` feature every interpreter is sandboxed.
    pub fn sandboxed(mut self) -> Builder {
        self.sandboxed = true;
        self
    }

    /// Stop each call of `run`/`eval`/`call` after about `n` bytecode instructions (see
    /// `docs/embedding.md` for how they are counted).
    pub fn max_instructions(mut self, n: u64) -> Builder {
        self.max_instructions = Some(n);
        self
    }

    /// Cap the bytes live in the interpreter's heap (needs [`CountingAllocator`] as the
    /// global allocator, which the default `counting-allocator` feature installs).
    pub fn max_memory(mut self, bytes: usize) -> Builder {
        self.max_memory = Some(bytes);
        self
    }

    /// Stop each call after this much wall-clock time.
    pub fn timeout(mut self, t: Duration) -> Builder {
        self.timeout = Some(t);
        self
    }

    /// `sys.setrecursionlimit(n)`: deeper Python recursion raises `RecursionError`.
    pub fn recursion_limit(mut self, n: usize) -> Builder {
        self.recursion_limit = Some(n);
        self
    }

    /// Where `sys.stdout` goes (default: captured).
    pub fn stdout(mut self, o: Output) -> Builder {
        self.stdout = o;
        self
    }

    /// Where `sys.stderr` goes (default: captured).
    pub fn stderr(mut self, o: Output) -> Builder {
        self.stderr = o;
        self
    }

    /// What `input()` and `sys.stdin` read.
    pub fn stdin(mut self, data: impl Into<Vec<u8>>) -> Builder {
        self.stdin = Some(data.into());
        self
    }

    /// `sys.argv`
    pub fn argv(mut self, argv: Vec<String>) -> Builder {
        self.argv = argv;
        self
    }

    /// In a sandbox, lend CPython's standard library (`Lib/`, found when Krait was built)
    /// read-only, so `import json` works, as `krait --sandbox` does. Outside a sandbox the
    /// library is always on `sys.path`. Needs the `host` feature; otherwise ignored.
    pub fn lend_stdlib(mut self) -> Builder {
        self.lend_stdlib = true;
        self
    }

    /// `PYTHONHASHSEED` (default 0, so runs are reproducible).
    pub fn hash_seed(mut self, seed: u32) -> Builder {
        self.hash_seed = Some(seed);
        self
    }

    /// Start the interpreter.
    pub fn build(self) -> Result<Interpreter, Error> {
        if self.max_memory.is_some() && !krait_vm::limits::counting_allocator_installed() {
            return Err(Error::Config(String::from(
                "max_memory needs krait::CountingAllocator as the global allocator \
                 (the `counting-allocator` feature installs it)",
            )));
        }
        let (tx, rx) = mpsc::channel::<Job>();
        let (ready_tx, ready_rx) = mpsc::sync_channel(1);
        let stdout_buf = Arc::new(Mutex::new(Vec::new()));
        let stderr_buf = Arc::new(Mutex::new(Vec::new()));
        let id = NEXT_INTERP.fetch_add(1, Ordering::Relaxed);
        let (out, err) = (stdout_buf.clone(), stderr_buf.clone());
        let self_tx = tx.clone();
        let thread = std::thread::Builder::new()
            .name(format!("krait-{id}"))
            .stack_size(STACK_SIZE)
            .spawn(move || {
                let here = 0u8;
                let top = &here as *const u8 as usize;
                worker::set_self(id, self_tx);
                let before = krait_vm::limits::thread_allocated();
                let has_timeout = self.timeout.is_some();
                let mut vm = self.make_vm(out, err);
                // Without the watchdog (no thread) the timeout still holds, checked at the
                // eval loop's slow checks only.
                if has_timeout && let Ok(w) = watchdog::Watchdog::spawn(vm.limits.ticks.clone()) {
                    worker::set_watchdog(w);
                }
                vm.limits
                    .add_memory(krait_vm::limits::thread_allocated() - before);
                vm.stack_limit = top.saturating_sub(STACK_SIZE - STACK_MARGIN);
                let handle = InterruptHandle {
                    cancel: vm.limits.cancel.clone(),
                    ticks: vm.limits.ticks.clone(),
                };
                if ready_tx.send(handle).is_err() {
                    return;
                }
                while let Ok(job) = rx.recv() {
                    job(&mut vm);
                    if worker::stopping() {
                        break;
                    }
                }
                // Handles still alive in Rust refer to nothing from here on.
                worker::clear();
            })
            .map_err(|e| Error::Config(format!("cannot start the interpreter thread: {e}")))?;
        let interrupt = ready_rx
            .recv()
            .map_err(|_| Error::Internal(String::from("the interpreter did not start")))?;
        Ok(Interpreter {
            tx: Some(tx),
            thread: Some(thread),
            interrupt,
            stdout: stdout_buf,
            stderr: stderr_buf,
        })
    }

    fn make_vm(self, out: Arc<Mutex<Vec<u8>>>, err: Arc<Mutex<Vec<u8>>>) -> Vm {
        let config = Config {
            argv: if self.argv.is_empty() {
                vec![String::new()]
            } else {
                self.argv
            },
            hash_seed: Some(self.hash_seed.unwrap_or(0)),
            isolated: true,
            ignore_environment: true,
            no_site: true,
            dont_write_bytecode: true,
            stdlib: if !self.sandboxed || self.lend_stdlib {
                String::from(env!("KRAIT_BUILD_STDLIB"))
            } else {
                String::new()
            },
            ..Config::default()
        };
        let own_stdin = self.stdin.is_some();
        let stdio = host::EmbedStdio {
            stdout: host::Sink::new(self.stdout, &out),
            stderr: host::Sink::new(self.stderr, &err),
            stdin: self.stdin.unwrap_or_default(),
            pos: 0,
        };
        let host: Box<dyn krait_vm::host::Host> = if self.sandboxed {
            #[allow(unused_mut)]
            let mut host = SandboxHost::new().with_stdio(Box::new(stdio));
            #[cfg(feature = "host")]
            if !config.stdlib.is_empty() {
                // If it cannot be lent, imports fail later with the usual message.
                let _ = os::mount_readonly(&mut host, &config.stdlib);
            }
            Box::new(host)
        } else {
            Box::new(host::EmbedHost {
                inner: os_host(),
                stdio,
                own_stdin,
            })
        };
        let mut vm = Vm::new(host, config);
        krait_stdlib::register(&mut vm);
        if let Some(n) = self.recursion_limit {
            vm.recursion_limit = n;
        }
        vm.limits.max_instructions = self.max_instructions;
        vm.limits.max_memory = self.max_memory;
        vm.limits.timeout = self.timeout.map(|t| t.as_secs_f64());
        vm.limits.clock = Some(monotonic);
        // A `__main__` module for `run`/`eval` to share.
        let main = vm.new_module("__main__");
        if let krait_vm::object::Payload::Module(m) = &main.payload {
            let g = m.dict.clone();
            let b = Value::Obj(vm.builtins_module.clone());
            vm.set_dict_str(&g, "__builtins__", b);
            let key = vm.new_str("__main__");
            let modules = vm.modules.clone();
            let _ = vm.dict_set(&modules, key, Value::Obj(main.clone()));
            vm.main_globals = Some(g);
        }
        vm
    }
}

#[cfg(feature = "host")]
fn os_host() -> Box<dyn krait_vm::host::Host> {
    Box::new(krait_vm::host::OsHost::default())
}

#[cfg(not(feature = "host"))]
fn os_host() -> Box<dyn krait_vm::host::Host> {
    Box::new(SandboxHost::new())
}

/// A Python interpreter. See the crate documentation for an example.
pub struct Interpreter {
    tx: Option<mpsc::Sender<Job>>,
    thread: Option<std::thread::JoinHandle<()>>,
    interrupt: InterruptHandle,
    stdout: Arc<Mutex<Vec<u8>>>,
    stderr: Arc<Mutex<Vec<u8>>>,
}

impl Interpreter {
    /// Settings for a new interpreter.
    pub fn builder() -> Builder {
        Builder {
            sandboxed: false,
            max_instructions: None,
            max_memory: None,
            timeout: None,
            recursion_limit: None,
            stdout: Output::Capture,
            stderr: Output::Capture,
            stdin: None,
            argv: Vec::new(),
            hash_seed: None,
            lend_stdlib: false,
        }
    }

    /// An interpreter with the default settings (OS host, no limits, output captured).
    pub fn new() -> Result<Interpreter, Error> {
        Interpreter::builder().build()
    }

    /// Run `f` on the interpreter's thread and wait for its result.
    fn exec<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Vm) -> Result<R, Error> + Send + 'static,
    ) -> Result<R, Error> {
        let (rtx, rrx) = mpsc::sync_channel(1);
        let job: Job = Box::new(move |vm| {
            let mark = vm.call_depth_mark();
            let r =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| worker::guarded(vm, f)));
            if r.is_err() {
                vm.unwind_to(mark);
            }
            let r = r.unwrap_or_else(|p| {
                let msg = p
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                Err(Error::Internal(format!("the interpreter panicked: {msg}")))
            });
            let _ = rtx.send(r);
        });
        let dead = || Error::Internal(String::from("the interpreter thread has ended"));
        self.tx
            .as_ref()
            .ok_or_else(dead)?
            .send(job)
            .map_err(|_| dead())?;
        rrx.recv().map_err(|_| dead())?
    }

    /// Run `source` as statements in the `__main__` namespace.
    pub fn run(&mut self, source: &str) -> Result<(), Error> {
        let source = source.to_string();
        self.exec(move |vm| {
            let globals = main_globals(vm)?;
            let co = vm
                .compile_source(&source, "<string>", krait_compiler::Mode::Exec)
                .map_err(|e| worker::py_error(vm, e))?;
            vm.run_code(co, globals, None)
                .map_err(|e| worker::py_error(vm, e))?;
            Ok(())
        })
    }

    /// Evaluate the expression `source` in the `__main__` namespace.
    pub fn eval(&mut self, source: &str) -> Result<Object, Error> {
        let source = source.to_string();
        self.exec(move |vm| {
            let v = eval_value(vm, &source)?;
            worker::to_object(vm, &v)
        })
    }

    /// Evaluate `source` and keep the result as a [`Handle`] (even a plain list or dict, so
    /// Rust and Python share it).
    pub fn eval_handle(&mut self, source: &str) -> Result<Handle, Error> {
        let source = source.to_string();
        self.exec(move |vm| {
            let v = eval_value(vm, &source)?;
            worker::new_handle(vm, v)?.extract()
        })
    }

    /// Call the global function `name` with positional `args`.
    pub fn call(&mut self, name: &str, args: impl IntoArgs) -> Result<Object, Error> {
        let args = args.into_args()?;
        let name = name.to_string();
        self.exec(move |vm| {
            let f = lookup_global(vm, &name)?;
            call_value(vm, &f, args)
        })
    }

    /// Call the object behind `handle` with positional `args`.
    pub fn call_handle(&mut self, handle: &Handle, args: impl IntoArgs) -> Result<Object, Error> {
        let args = args.into_args()?;
        let h = handle.clone();
        self.exec(move |vm| {
            let f = worker::handle_value(&h)?;
            call_value(vm, &f, args)
        })
    }

    /// Call the method `name` of `target` (a handle, or any value) with positional `args`.
    pub fn call_method(
        &mut self,
        target: impl IntoPython,
        name: &str,
        args: impl IntoArgs,
    ) -> Result<Object, Error> {
        let target = target.into_python()?;
        let args = args.into_args()?;
        let name = name.to_string();
        self.exec(move |vm| {
            let t = worker::from_object(vm, target)?;
            let m = vm
                .getattr_str(&t, &name)
                .map_err(|e| worker::py_error(vm, e))?;
            call_value(vm, &m, args)
        })
    }

    /// Call the global function `name` with positional `args` and keyword `kwargs`
    /// (`[("key", value), ...]`, a `Vec` of pairs or a map).
    pub fn call_kw(
        &mut self,
        name: &str,
        args: impl IntoArgs,
        kwargs: impl IntoKwargs,
    ) -> Result<Object, Error> {
        let args = args.into_args()?;
        let kwargs = kwargs.into_kwargs()?;
        let name = name.to_string();
        self.exec(move |vm| {
            let f = lookup_global(vm, &name)?;
            call_value_kw(vm, &f, args, kwargs)
        })
    }

    /// Call the object behind `handle` with positional `args` and keyword `kwargs`.
    pub fn call_handle_kw(
        &mut self,
        handle: &Handle,
        args: impl IntoArgs,
        kwargs: impl IntoKwargs,
    ) -> Result<Object, Error> {
        let args = args.into_args()?;
        let kwargs = kwargs.into_kwargs()?;
        let h = handle.clone();
        self.exec(move |vm| {
            let f = worker::handle_value(&h)?;
            call_value_kw(vm, &f, args, kwargs)
        })
    }

    /// Call the method `name` of `target` with positional `args` and keyword `kwargs`.
    pub fn call_method_kw(
        &mut self,
        target: impl IntoPython,
        name: &str,
        args: impl IntoArgs,
        kwargs: impl IntoKwargs,
    ) -> Result<Object, Error> {
        let target = target.into_python()?;
        let args = args.into_args()?;
        let kwargs = kwargs.into_kwargs()?;
        let name = name.to_string();
        self.exec(move |vm| {
            let t = worker::from_object(vm, target)?;
            let m = vm
                .getattr_str(&t, &name)
                .map_err(|e| worker::py_error(vm, e))?;
            call_value_kw(vm, &m, args, kwargs)
        })
    }

    /// Bind the global `name` in `__main__`.
    pub fn set_global(&mut self, name: &str, value: impl IntoPython) -> Result<(), Error> {
        let value = value.into_python()?;
        let name = name.to_string();
        self.exec(move |vm| {
            let globals = main_globals(vm)?;
            let v = worker::from_object(vm, value)?;
            let k = Value::Obj(vm.intern(&name));
            vm.dict_set(&globals, k, v)
                .map_err(|e| worker::py_error(vm, e))
        })
    }

    /// The global `name` of `__main__`.
    pub fn get(&mut self, name: &str) -> Result<Object, Error> {
        let name = name.to_string();
        self.exec(move |vm| {
            let v = lookup_global(vm, &name)?;
            worker::to_object(vm, &v)
        })
    }

    /// Make a Rust closure callable from Python as the global function `name`.
    pub fn add_function<M>(&mut self, name: &str, f: impl NativeFunction<M>) -> Result<(), Error> {
        let name = name.to_string();
        let body = f.into_body(name.clone());
        self.exec(move |vm| {
            let globals = main_globals(vm)?;
            let func = worker::make_function(vm, &name, body, "__main__");
            let k = Value::Obj(vm.intern(&name));
            vm.dict_set(&globals, k, func)
                .map_err(|e| worker::py_error(vm, e))
        })
    }

    /// Make a native module importable (`import name`).
    pub fn add_module(&mut self, module: Module) -> Result<(), Error> {
        self.exec(move |vm| {
            let m = vm.new_module(&module.name);
            let krait_vm::object::Payload::Module(md) = &m.payload else {
                return Err(Error::Internal(String::from("new_module made no module")));
            };
            let dict = md.dict.clone();
            for (name, body) in module.functions {
                let f = worker::make_function(vm, &name, body, &module.name);
                vm.set_dict_str(&dict, &name, f);
            }
            for (name, value) in module.constants {
                let v = worker::from_object(vm, value?)?;
                vm.set_dict_str(&dict, &name, v);
            }
            let key = vm.new_str(&module.name);
            let modules = vm.modules.clone();
            vm.dict_set(&modules, key, Value::Obj(m.clone()))
                .map_err(|e| worker::py_error(vm, e))
        })
    }

    /// A handle that stops this interpreter's current call from any thread.
    pub fn interrupt_handle(&self) -> InterruptHandle {
        self.interrupt.clone()
    }

    /// Everything captured from stdout since the last call (with [`Output::Capture`]).
    pub fn take_stdout(&mut self) -> String {
        let bytes = take(&self.stdout);
        self.credit(&bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// Everything captured from stderr since the last call (with [`Output::Capture`]).
    pub fn take_stderr(&mut self) -> String {
        let bytes = take(&self.stderr);
        self.credit(&bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// The capture buffer grew on the interpreter's thread, so it counts against its heap cap
    /// (a program cannot print its way past `max_memory`); taken out here, it is freed on this
    /// thread: give the interpreter its bytes back.
    fn credit(&self, taken: &Vec<u8>) {
        let bytes = taken.capacity() as isize;
        if bytes > 0
            && let Some(tx) = &self.tx
        {
            let _ = tx.send(Box::new(move |vm: &mut Vm| vm.limits.add_memory(-bytes)));
        }
    }

    /// Instructions (and native work units) the last call of `run`/`eval`/`call` counted
    /// against `max_instructions`.
    pub fn instructions_used(&mut self) -> Result<u64, Error> {
        let (tx, rx) = mpsc::sync_channel(1);
        let job: Job = Box::new(move |vm| {
            let _ = tx.send(vm.limits.last_used);
        });
        let dead = || Error::Internal(String::from("the interpreter thread has ended"));
        self.tx
            .as_ref()
            .ok_or_else(dead)?
            .send(job)
            .map_err(|_| dead())?;
        rx.recv().map_err(|_| dead())
    }

    /// Remove every name the program bound in `__main__` (what a program that hit the memory
    /// cap still references stays alive until then).
    pub fn clear_globals(&mut self) -> Result<(), Error> {
        self.exec(|vm| {
            let globals = main_globals(vm)?;
            let keep = ["__builtins__", "__name__"];
            let keys: Vec<Value> = match &globals.payload {
                krait_vm::object::Payload::Dict(t) => {
                    t.borrow().iter().map(|e| e.key.clone()).collect()
                }
                _ => Vec::new(),
            };
            for k in keys {
                if !keep.contains(&vm.str_text(&k).as_str()) {
                    let _ = vm.dict_del(&globals, &k);
                }
            }
            Ok(())
        })
    }

    /// Bytes live in the interpreter's heap, as counted for `max_memory`.
    pub fn memory_in_use(&mut self) -> Result<usize, Error> {
        self.exec(|vm| Ok(vm.limits.memory_in_use().max(0) as usize))
    }
}

impl Drop for Interpreter {
    fn drop(&mut self) {
        // The thread holds a sender itself (for handles), so it is told to stop; the VM is
        // dropped there.
        if let Some(tx) = self.tx.take() {
            let _ = tx.send(Box::new(|_vm| worker::stop()));
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn take(buf: &Arc<Mutex<Vec<u8>>>) -> Vec<u8> {
    match buf.lock() {
        Ok(mut b) => std::mem::take(&mut *b),
        Err(_) => Vec::new(),
    }
}

fn main_globals(vm: &mut Vm) -> Result<krait_vm::object::ObjRef, Error> {
    vm.main_globals
        .clone()
        .ok_or_else(|| Error::Internal(String::from("no __main__ namespace")))
}

fn eval_value(vm: &mut Vm, source: &str) -> Result<Value, Error> {
    let globals = main_globals(vm)?;
    let co = vm
        .compile_source(source, "<string>", krait_compiler::Mode::Eval)
        .map_err(|e| worker::py_error(vm, e))?;
    vm.run_code(co, globals, None)
        .map_err(|e| worker::py_error(vm, e))
}

fn lookup_global(vm: &mut Vm, name: &str) -> Result<Value, Error> {
    let globals = main_globals(vm)?;
    let k = vm.intern(name);
    match vm.dict_get_str_obj(&globals, &k) {
        Some(v) => Ok(v),
        None => {
            let t = vm.types.name_error.clone();
            let e = vm.new_exception_msg(&t, format!("name '{name}' is not defined"));
            Err(worker::py_error(vm, e))
        }
    }
}

fn call_value(vm: &mut Vm, f: &Value, args: Vec<Object>) -> Result<Object, Error> {
    let args = args
        .into_iter()
        .map(|a| worker::from_object(vm, a))
        .collect::<Result<Vec<_>, _>>()?;
    let r = vm.call_pos(f, &args).map_err(|e| worker::py_error(vm, e))?;
    worker::to_object(vm, &r)
}

fn call_value_kw(
    vm: &mut Vm,
    f: &Value,
    args: Vec<Object>,
    kwargs: Vec<(String, Object)>,
) -> Result<Object, Error> {
    let mut values = args
        .into_iter()
        .map(|a| worker::from_object(vm, a))
        .collect::<Result<Vec<_>, _>>()?;
    let mut names = Vec::with_capacity(kwargs.len());
    for (k, v) in kwargs {
        names.push(Value::Obj(vm.intern(&k)));
        values.push(worker::from_object(vm, v)?);
    }
    let r = vm
        .call(
            f,
            krait_vm::objects::function::Args {
                values: &values,
                kwnames: &names,
            },
        )
        .map_err(|e| worker::py_error(vm, e))?;
    worker::to_object(vm, &r)
}

// ----- Whole programs in a sandbox (the host-isolation issue) -----

pub use krait_vm::host::{
    Clock, FileStat, Host, MemStdio, MountSource, SandboxHost, SandboxStdio, TimeSource,
};
pub use krait_vm::{Config, Vm};

/// Run `source` (named `filename` in tracebacks) as `__main__` in a fresh interpreter over
/// `host`; the exit status.
pub fn run_sandboxed(host: SandboxHost, config: Config, source: &str, filename: &str) -> i32 {
    let mut vm = Vm::new(Box::new(host), config);
    krait_stdlib::register(&mut vm);
    vm.run_main(source, filename)
}

/// Run `source` in a sandbox with the given files, environment and stdin; returns
/// `(status, stdout, stderr)`. The files are `(path, contents)`; directories are made as
/// needed.
pub fn run_in_memory(
    source: &str,
    files: &[(&str, &[u8])],
    env: &[(&str, &str)],
    stdin: &[u8],
) -> (i32, Vec<u8>, Vec<u8>) {
    let stdio = MemStdio::with_stdin(stdin);
    let mut host = SandboxHost::new()
        .with_stdio(Box::new(stdio.clone()))
        .with_env(
            env.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        );
    for (path, data) in files {
        if let Err(e) = host.add_file(path, data.to_vec(), 0o644) {
            let msg = format!("cannot add {path} to the sandbox: {e}\n");
            return (1, Vec::new(), msg.into_bytes());
        }
    }
    let config = Config {
        argv: vec![String::from("<sandbox>")],
        hash_seed: Some(0),
        ..Config::default()
    };
    let status = run_sandboxed(host, config, source, "<sandbox>");
    let out = stdio.stdout.borrow().clone();
    let err = stdio.stderr.borrow().clone();
    (status, out, err)
}

/// Sandbox helpers that read the real machine (only with the `host` feature).
#[cfg(feature = "host")]
pub mod os {
    use std::io;

    use krait_host_env as env;

    use super::{FileStat, MountSource, SandboxHost, SandboxStdio, TimeSource};

    /// The real clock, read-only (the sandbox cannot set it); `sleep` really waits.
    pub struct RealClock;

    impl TimeSource for RealClock {
        fn time(&mut self) -> f64 {
            env::clock::time()
        }
        fn monotonic(&mut self) -> f64 {
            env::clock::monotonic()
        }
        fn sleep(&mut self, secs: f64) {
            env::clock::sleep(secs);
        }
    }

    /// The process's real standard streams.
    pub struct RealStdio;

    impl SandboxStdio for RealStdio {
        fn write_stdout(&mut self, data: &[u8]) -> io::Result<()> {
            env::stdio::write_stdout(data)
        }
        fn write_stderr(&mut self, data: &[u8]) -> io::Result<()> {
            env::stdio::write_stderr(data)
        }
        fn flush(&mut self) -> io::Result<()> {
            env::stdio::flush()
        }
        fn read_stdin_line(&mut self) -> io::Result<Vec<u8>> {
            env::stdio::read_stdin_line()
        }
        fn read_stdin_all(&mut self) -> io::Result<Vec<u8>> {
            env::stdio::read_stdin_all()
        }
        fn read_stdin(&mut self, n: usize) -> io::Result<Vec<u8>> {
            env::stdio::read_stdin(n)
        }
    }

    /// Lend the sandbox the host directory `dir`, read-only and read lazily, at the same
    /// path if it is absolute, else at its resolved absolute path; returns that path.
    ///
    /// Confinement ([`HostDir`]): `dir` is resolved with `realpath` once; every later request
    /// names a path below it built from listed names, is resolved with `realpath` again and
    /// refused unless it stays under the resolved `dir`; symlinks that leave it are not
    /// listed. Only reads are ever made.
    pub fn mount_readonly(host: &mut SandboxHost, dir: &str) -> io::Result<String> {
        let root = env::fs::realpath(dir)?;
        let at = if dir.starts_with('/') {
            dir.trim_end_matches('/').to_string()
        } else {
            root.clone()
        };
        host.mount(&at, Box::new(HostDir { root }))?;
        Ok(at)
    }

    /// A host directory as a sandbox [`MountSource`], confined to `root`.
    pub struct HostDir {
        root: String,
    }

    impl HostDir {
        fn inside(&self, path: &str) -> bool {
            path == self.root || path.starts_with(&format!("{}/", self.root.trim_end_matches('/')))
        }

        /// The real path of `rel` below the root, if it stays there.
        fn confine(&self, rel: &str) -> io::Result<String> {
            if rel
                .split('/')
                .any(|c| c == ".." || c == "." || (c.is_empty() && !rel.is_empty()))
            {
                return Err(io::Error::from_raw_os_error(2));
            }
            let path = if rel.is_empty() {
                self.root.clone()
            } else {
                format!("{}/{rel}", self.root.trim_end_matches('/'))
            };
            let real = env::fs::realpath(&path)?;
            if !self.inside(&real) {
                return Err(io::Error::from_raw_os_error(2));
            }
            Ok(real)
        }
    }

    fn file_stat(m: env::fs::Metadata) -> FileStat {
        FileStat {
            is_dir: m.mode & 0o170000 == 0o040000,
            size: m.size,
            mtime: m.mtime_ns as f64 / 1e9,
            mode: m.mode,
            ino: m.ino,
            dev: m.dev,
            nlink: m.nlink,
            uid: m.uid,
            gid: m.gid,
            atime_ns: m.atime_ns,
            mtime_ns: m.mtime_ns,
            ctime_ns: m.ctime_ns,
            blksize: m.blksize,
            blocks: m.blocks,
            rdev: m.rdev,
        }
    }

    impl MountSource for HostDir {
        fn listdir(&mut self, rel: &str) -> io::Result<Vec<(String, FileStat)>> {
            let dir = self.confine(rel)?;
            let mut out = Vec::new();
            for e in env::fs::listdir(&dir)? {
                let path = format!("{}/{}", dir.trim_end_matches('/'), e.name);
                let real = match env::fs::realpath(&path) {
                    Ok(r) if self.inside(&r) => r,
                    _ => continue,
                };
                if let Ok(m) = env::fs::stat(&real) {
                    out.push((e.name, file_stat(m)));
                }
            }
            Ok(out)
        }

        fn read(&mut self, rel: &str) -> io::Result<Vec<u8>> {
            let real = self.confine(rel)?;
            env::fs::read(&real)
        }
    }
}
