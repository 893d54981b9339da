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
use crate::objects::str::{INLINE_CAP, PyStr, TextMeta};
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
    /// `sys.orig_argv`: the command line the process was started with (the interpreter's
    /// own options included); empty means `sys.argv`.
    pub orig_argv: Vec<String>,
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
    /// `-s`, `PYTHONNOUSERSITE` (and `-I`): no user site directory.
    pub no_user_site: bool,
    /// `-B`
    pub dont_write_bytecode: bool,
    /// `-X pycache_prefix=PATH` or `PYTHONPYCACHEPREFIX`: cached code goes in a tree of its
    /// own under this folder instead of `__pycache__` beside each source.
    pub pycache_prefix: Option<String>,
    /// `-i`
    pub inspect: bool,
    /// `sys.executable`: the interpreter's own path (empty when embedded).
    pub executable: String,
    /// CPython 3.11's `Lib/` folder, put on `sys.path` after `path` (empty: none found).
    pub stdlib: String,
    /// `sys.warnoptions`: the `PYTHONWARNINGS` entries, then each `-W` option, in order.
    pub warnoptions: Vec<String>,
    /// The `-X` options (`sys._xoptions`: `name=value`, or `name` alone for `True`).
    pub xoptions: Vec<String>,
    /// `-X no_debug_ranges` or `PYTHONNODEBUGRANGES`: code objects show no column ranges
    /// (`co_positions()` gives `None` columns, tracebacks print no carets).
    pub no_debug_ranges: bool,
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
    interned: HashMap<Rc<str>, ObjRef, crate::fasthash::FastBuild>,
    /// The one-character strings U+0000..U+00FF, filled on first use from `interned` (CPython's
    /// latin-1 singletons): iterating or indexing a string allocates nothing per character.
    latin1: Box<[Option<ObjRef>]>,
    /// The string hash key.
    pub hash_secret: HashSecret,
    /// Where host operations go.
    pub host: Box<dyn Host>,
    /// Settings.
    pub config: Config,
    /// `sys.getrecursionlimit()`
    pub recursion_limit: usize,
    /// Native levels counted against the recursion limit besides Python frames (CPython's
    /// `_Py_EnterRecursiveCall` sites: builtin calls, `repr`, `str`, rich comparison).
    pub native_depth: usize,
    /// Python frames currently running, innermost last.
    pub frames: Vec<FrameLink>,
    /// The enabled `_lsprof.Profiler`, told of every call and return (`modules/lsprof.rs`).
    pub profiler: Option<ObjRef>,
    /// `sys.settrace` / `sys.setprofile` functions and the frames they trace (`trace.rs`).
    pub tracing: Option<Box<crate::trace::TraceState>>,
    /// A trace function is set: the eval loop runs its line-tracing variant.
    pub trace_lines: bool,
    /// The exceptions being handled (`sys.exc_info()`), innermost last.
    pub handled: Vec<Value>,
    /// `NotImplemented`
    pub not_implemented: Value,
    /// `Ellipsis`
    pub ellipsis: Value,
    /// `()`: CPython keeps one empty tuple, so `() is tuple()`.
    pub empty_tuple: Value,
    /// `open()`'s file types (made on first use) and the files still open.
    pub io: crate::builtins::io::IoState,
    /// The `_warnings` state (filters, once registry, default action), made on first use.
    pub(crate) warnings: Option<Box<crate::sysmodule::warnings::WarnState>>,
    /// Buffered stdout bytes not yet handed to the host.
    pub stdout_buf: Vec<u8>,
    /// Lowest address the Rust stack may reach before Python recursion is refused.
    pub stack_limit: usize,
    /// Set from outside (signals, limits) to make the eval loop stop and look.
    pub interrupt: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// The `builtins` module object.
    pub builtins_module: ObjRef,
    /// Set by a re-raise so the current frame adds no traceback entry.
    pub skip_traceback: std::cell::Cell<bool>,
    /// An exception to raise when a generator frame resumes (`throw`).
    pub resume_error: Option<PyErr>,
    /// Source text of compiled files, for traceback lines.
    pub sources: HashMap<String, Rc<str>>,
    /// Modules whose code came from the compiled-code cache (`codecache.rs`).
    pub stats_cache_hits: u64,
    /// Cache files this interpreter started writing (also makes temporary names unique).
    pub cache_writes: u64,
    /// The locals mapping of the frame calling a frame-aware builtin (`locals()`, `exec`).
    pub frame_locals: Vec<Option<Value>>,
    /// `sys.get_int_max_str_digits()`
    pub int_max_str_digits: usize,
    /// State of the native standard-library modules (`modules.rs`).
    pub mods: crate::modules::ModState,
    /// Built-in modules importable by name, made on first import.
    pub builtin_modules: Vec<(&'static str, fn(&mut Vm, &ObjRef) -> PyResult<()>)>,
    /// The `__main__` namespace, once a program runs.
    pub main_globals: Option<ObjRef>,
    /// Containers whose repr is being computed (CPython's `Py_ReprEnter`), by address.
    pub repr_guard: Vec<usize>,
    /// Value vectors of finished frames, reused by new frames.
    pub value_pool: Vec<(Vec<Value>, Vec<Value>)>,
    /// The buffer str builders write text of unknown length into (`Vm::str_scratch`).
    str_scratch: std::cell::Cell<Vec<u8>>,
    /// The code of a function made from a lazy code object until its first call
    /// ([`Vm::function_code`]); it takes no call's fast path and never runs.
    pub lazy_placeholder: Rc<crate::frame::Code>,
    /// Empty vectors for `execute`'s inlined callee frames, reused across calls.
    pub callee_pool: Vec<crate::frame::FrameStack>,
    /// Hashes of the names in `names::DUNDERS`.
    pub dunder_hashes: Vec<i64>,
    /// Serial number for NaNs made by `float()`: each gets its own payload bits, so two NaNs
    /// made separately are not the same object (`float('nan') is float('nan')` is False, and
    /// containers' identity shortcut does not make them equal), while one NaN stays itself.
    pub nan_serial: u64,
    /// Moves whenever a type namespace changes or a type is made (see `attrcache`).
    pub type_epoch: std::cell::Cell<u64>,
    /// The type attribute lookup cache.
    pub attr_cache: crate::attrcache::AttrCache,
    /// Set when the program ended by an uncaught KeyboardInterrupt: the CLI then exits by
    /// SIGINT, as CPython does.
    pub exit_by_sigint: bool,
    /// Set once the interpreter clears `__main__` at exit (`sys.is_finalizing()`).
    pub finalizing: bool,
    /// The `SourceFileLoader` class, once made.
    /// The module spec and loader classes (`modspec.rs`), made on first use.
    pub spec_types: Option<Box<crate::modspec::SpecTypes>>,
    /// The real name of the module `-m` runs as `__main__` (`import.rs`).
    pub main_spec: Option<String>,
    /// Resource limits and their running state (`limits.rs`).
    pub limits: crate::limits::LimitState,
    /// The thread running the interpreter now (`threads.rs`).
    pub thread: crate::threads::ThreadInfo,
    /// The interpreter's threads and their lock.
    pub threads: crate::threads::Threads,
    /// `sys.getswitchinterval()`, in microseconds.
    pub switch_interval_us: u64,
}

/// The longest text [`Vm::new_str_scratch`] copies out of the scratch buffer (longer text
/// keeps the buffer), and the largest buffer it keeps for the next builder.
const SCRATCH_KEEP: usize = 4096;

/// Stack the parser and compiler may need: the main thread's (crates/krait `STACK_SIZE`).
const COMPILER_STACK: usize = 256 << 20;
/// With less than this left, they get a fresh stack of `COMPILER_STACK`.
const COMPILER_RED_ZONE: usize = 64 << 20;

/// Run the parser or the compiler (which call no Python code). Both recurse on the Rust stack
/// once per nesting level of the source, and so does dropping the syntax tree, with no depth
/// guard (CPython raises RecursionError "during compilation" past about 3000 levels): on a
/// Python thread, whose 8 MiB stack holds far fewer levels than the main thread's 256 MiB, they
/// run on a stack segment of the main thread's size, so source that compiles on the main
/// thread compiles on any thread.
pub(crate) fn on_compiler_stack<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(COMPILER_RED_ZONE, COMPILER_STACK, f)
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
        let new_dict = || {
            ObjRef::new(
                dict_t.clone(),
                Payload::Dict(Box::new(std::cell::RefCell::new(DictTable::new()))),
            )
        };
        let builtins = new_dict();
        let modules = new_dict();
        let sys_dict = new_dict();
        let sys = ObjRef::new(
            types.module.clone(),
            Payload::Module(Box::new(crate::objects::function::ModuleData {
                dict: sys_dict,
            })),
        );
        let builtins_module = ObjRef::new(
            types.module.clone(),
            Payload::Module(Box::new(crate::objects::function::ModuleData {
                dict: builtins.clone(),
            })),
        );
        let not_implemented = Value::Obj(ObjRef::new(
            types.not_implemented_type.clone(),
            Payload::plain(),
        ));
        let ellipsis = Value::Obj(ObjRef::new(types.ellipsis_type.clone(), Payload::plain()));
        let empty_tuple = Value::Obj(ObjRef::new(
            types.tuple.clone(),
            Payload::Tuple(Vec::new().into()),
        ));
        let mut vm = Vm {
            types,
            builtins,
            modules,
            sys,
            interned: HashMap::default(),
            latin1: vec![None; 256].into_boxed_slice(),
            hash_secret,
            host,
            config,
            recursion_limit: 1000,
            native_depth: 0,
            frames: Vec::new(),
            profiler: None,
            tracing: None,
            trace_lines: false,
            handled: Vec::new(),
            not_implemented,
            ellipsis,
            empty_tuple,
            io: crate::builtins::io::IoState::default(),
            warnings: None,
            stdout_buf: Vec::new(),
            stack_limit: 0,
            interrupt: Default::default(),
            builtins_module,
            skip_traceback: std::cell::Cell::new(false),
            resume_error: None,
            sources: HashMap::new(),
            stats_cache_hits: 0,
            cache_writes: 0,
            frame_locals: Vec::new(),
            int_max_str_digits: 4300,
            mods: Default::default(),
            builtin_modules: Vec::new(),
            main_globals: None,
            repr_guard: Vec::new(),
            value_pool: Vec::new(),
            str_scratch: Default::default(),
            lazy_placeholder: crate::codecache::placeholder_code(),
            callee_pool: Vec::new(),
            dunder_hashes: Vec::new(),
            nan_serial: 0,
            type_epoch: std::cell::Cell::new(0),
            attr_cache: Default::default(),
            exit_by_sigint: false,
            finalizing: false,
            spec_types: None,
            main_spec: None,
            limits: Default::default(),
            thread: Default::default(),
            threads: Default::default(),
            switch_interval_us: 5000,
        };
        if vm.config.hash_seed.is_none() {
            let bytes = vm.host.urandom(16).unwrap_or_default();
            let mut key = [0u8; 16];
            for (k, b) in key.iter_mut().zip(bytes) {
                *k = b;
            }
            vm.hash_secret = HashSecret::from_bytes(key);
        }
        // Nothing is interned yet: the table's hashes start from this interpreter's secret.
        let start = vm.hash_secret.hash_bytes(b"krait intern table") as u64;
        vm.interned = HashMap::with_hasher(crate::fasthash::FastBuild::new(start));
        vm.dunder_hashes = crate::names::DUNDERS
            .iter()
            .map(|n| vm.hash_secret.hash_str_utf8(n))
            .collect();
        crate::types::init_types(&mut vm);
        crate::builtins::init(&mut vm);
        crate::sysmodule::init(&mut vm);
        crate::modules::register(&mut vm);
        // `sys.__spec__` and `builtins.__spec__` exist from the start, as in CPython.
        let _ = vm.init_module_specs();
        vm
    }

    /// Compile source text, turning compile errors into `SyntaxError` exceptions.
    pub fn compile_source(
        &mut self,
        source: &str,
        filename: &str,
        mode: krait_compiler::Mode,
    ) -> PyResult<std::sync::Arc<krait_bytecode::CodeObject>> {
        self.compile_source_as(source, filename, mode, None)
    }

    /// `compile()`, `exec()` or `eval()` of a str (`from_str`) or bytes source: as
    /// `compile_source`, with the error line CPython's string tokenizer reports.
    pub(crate) fn compile_string(
        &mut self,
        source: &str,
        filename: &str,
        mode: krait_compiler::Mode,
        from_str: bool,
    ) -> PyResult<std::sync::Arc<krait_bytecode::CodeObject>> {
        self.compile_source_as(source, filename, mode, Some(from_str))
    }

    fn compile_source_as(
        &mut self,
        source: &str,
        filename: &str,
        mode: krait_compiler::Mode,
        string_input: Option<bool>,
    ) -> PyResult<std::sync::Arc<krait_bytecode::CodeObject>> {
        let options = krait_compiler::CompileOptions {
            optimize: self.config.optimize,
            ..Default::default()
        };
        let mut warnings = Vec::new();
        let compiled = on_compiler_stack(|| {
            krait_compiler::compile_with_warnings(source, filename, mode, &options, &mut warnings)
        });
        match compiled {
            Ok(co) => {
                // Before the source is kept: a warning shows the line from the file, as
                // linecache reads it.
                self.compile_warnings(&warnings, filename)?;
                if !filename.starts_with('<') {
                    self.sources
                        .entry(filename.to_string())
                        .or_insert_with(|| Rc::from(source));
                }
                Ok(co)
            }
            Err(mut e) => {
                if let Some(from_str) = string_input {
                    self.string_error_line(&mut e, filename, from_str);
                }
                Err(self.syntax_error_from(&e, filename))
            }
        }
    }

    /// The text and end of an error spanning lines in string input, as CPython's
    /// `_PyPegen_raise_error_known_location` gives them: the first line as the file named
    /// `filename` has it, or (no such file) as the tokenizer's buffers hold it, without its
    /// newline; a str source (the tokenizer knows its encoding) has the end column clamped to
    /// just past that text.
    fn string_error_line(
        &mut self,
        e: &mut krait_compiler::CompileError,
        filename: &str,
        from_str: bool,
    ) {
        if e.end_line <= e.line {
            return;
        }
        let readable = !filename.is_empty() && self.host.read_file(filename).is_ok();
        let Some(text) = e.text.as_mut() else {
            return;
        };
        if !readable {
            text.truncate(text.trim_end_matches(['\n', '\r']).len());
        }
        let max = text.chars().count() as u32 + 1;
        if from_str && e.end_col != krait_compiler::NO_END_COL && e.end_col > max {
            e.end_col = max;
        }
    }

    /// Issue the compiler's `SyntaxWarning`s as CPython's `compiler_warn` does: through the
    /// warning filters, attributed to the file being compiled (its name without `.py` is the
    /// module filters match); a warning made an error becomes the `SyntaxError` at its place.
    pub fn compile_warnings(
        &mut self,
        warnings: &[krait_compiler::CompileError],
        filename: &str,
    ) -> PyResult<()> {
        if warnings.is_empty() {
            return Ok(());
        }
        let cat = self.types.syntax_warning.clone();
        for w in warnings {
            if let Err(e) = self.warn_explicit(&cat, &w.msg, filename, w.line) {
                if self.err_matches(&e, &cat) {
                    // `compiler_error` reads the line from the file (`PyErr_ProgramTextObject`).
                    let mut w = w.clone();
                    w.text = self.source_line(filename, w.line).map(|l| l + "\n");
                    return Err(self.syntax_error_from(&w, filename));
                }
                return Err(e);
            }
        }
        Ok(())
    }

    /// A `SyntaxError` (or subclass) instance for a compile error.
    pub fn syntax_error_from(&mut self, e: &krait_compiler::CompileError, filename: &str) -> PyErr {
        let t = match e.kind {
            krait_compiler::ErrorKind::SyntaxError => self.types.syntax_error.clone(),
            krait_compiler::ErrorKind::IndentationError => self.types.indentation_error.clone(),
            krait_compiler::ErrorKind::TabError => self.types.tab_error.clone(),
            krait_compiler::ErrorKind::RecursionError => {
                let t = self.types.recursion_error.clone();
                let msg = self.new_str(&e.msg);
                return self.new_exception(&t, vec![msg]);
            }
        };
        let msg = self.new_str(&e.msg);
        let fname = self.new_str(filename);
        let text = match &e.text {
            Some(t) => self.new_str(t),
            None => Value::None,
        };
        let end_col = if e.end_col == krait_compiler::NO_END_COL {
            -1
        } else {
            i64::from(e.end_col)
        };
        let details = self.new_tuple(vec![
            fname.clone(),
            Value::Int(i64::from(e.line)),
            Value::Int(i64::from(e.col)),
            text.clone(),
            Value::Int(i64::from(e.end_line)),
            Value::Int(end_col),
        ]);
        let err = self.new_exception(&t, vec![msg.clone(), details]);
        if let Payload::Exception(d) = &err.0.payload {
            d.set_field("msg", msg);
            d.set_field("filename", fname);
            d.set_field("lineno", Value::Int(i64::from(e.line)));
            d.set_field("offset", Value::Int(i64::from(e.col)));
            d.set_field("text", text);
            d.set_field("end_lineno", Value::Int(i64::from(e.end_line)));
            d.set_field("end_offset", Value::Int(end_col));
            d.set_field("print_file_and_line", Value::None);
        }
        err
    }

    /// Run source text as the `__main__` module. Returns the process exit status, having
    /// printed any uncaught exception (CPython's `PyRun_SimpleFile` and `Py_RunMain`).
    pub fn run_main(&mut self, source: &str, filename: &str) -> i32 {
        self.run_main_in_package(source, filename, None)
    }

    /// `run_main` on the script's bytes, decoded as CPython's tokenizer does (BOM, PEP 263
    /// `coding:` line, else strict UTF-8); a bad encoding is reported as the `SyntaxError` it is.
    pub fn run_main_bytes(&mut self, bytes: &[u8], filename: &str) -> i32 {
        let decoded = match self.script_null_byte(bytes, filename) {
            Some(e) => Err(e),
            None => self.decode_source(bytes, filename),
        };
        match decoded {
            Ok(src) => self.run_main(&src, filename),
            Err(e) => {
                let e = self.main_decode_error(bytes, filename, e);
                let status = self.handle_uncaught(e);
                self.run_atexit();
                self.flush_stdout();
                status
            }
        }
    }

    /// CPython's file tokenizer refuses a line holding a NUL byte ("source code cannot contain
    /// null bytes") as it reads it, so that error wins over a decoding error on a later line.
    fn script_null_byte(&mut self, bytes: &[u8], filename: &str) -> Option<PyErr> {
        let nul = bytes.iter().position(|&b| b == 0)?;
        let line_end = bytes[nul..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| nul + p + 1);
        // A decoding error up to and including that line is reported first.
        self.decode_source(&bytes[..line_end], filename).ok()?;
        let line_start = bytes[..nul]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let line = bytes[..nul].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        let e = krait_compiler::CompileError {
            kind: krait_compiler::ErrorKind::SyntaxError,
            msg: String::from("source code cannot contain null bytes"),
            line,
            col: 0,
            end_line: line,
            end_col: 0,
            text: Some(String::from_utf8_lossy(&bytes[line_start..nul]).into_owned()),
        };
        Some(self.syntax_error_from(&e, filename))
    }

    /// CPython reads a script with its file reader, not the compiler's: an unknown `coding:`
    /// and bytes that are not UTF-8 are reported without a location, in that reader's words.
    fn main_decode_error(&mut self, bytes: &[u8], filename: &str, e: PyErr) -> PyErr {
        let ev = Value::Obj(e.0.clone());
        let msg = match self.getattr_str(&ev, "msg") {
            Ok(m) => self.str_text(&m),
            _ => return e,
        };
        let text = if let Some(name) = msg.strip_prefix("unknown encoding: ") {
            format!("encoding problem: {name}")
        } else if msg.starts_with("(unicode error) 'utf-8'") && !bytes.starts_with(b"\xef\xbb\xbf")
        {
            let at = std::str::from_utf8(bytes)
                .err()
                .map_or(0, |u| u.valid_up_to());
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            let byte = bytes.get(at).copied().unwrap_or(0);
            format!(
                "Non-UTF-8 code starting with '\\x{byte:02x}' in file {filename} on line {line}, \
                 but no encoding declared; see https://peps.python.org/pep-0263/ for details"
            )
        } else {
            return e;
        };
        let ty = Value::Obj(self.types.syntax_error.clone());
        let text = self.new_str(&text);
        match self.call_pos(&ty, &[text]) {
            Ok(Value::Obj(o)) => PyErr(o),
            Ok(_) => e,
            Err(e2) => e2,
        }
    }

    /// `run_main` with `__main__.__package__` set (`-m` runs a module of a package).
    pub fn run_main_in_package(
        &mut self,
        source: &str,
        filename: &str,
        package: Option<&str>,
    ) -> i32 {
        let main = self.new_module("__main__");
        let Payload::Module(md) = &main.payload else {
            return 1;
        };
        let globals = md.dict.clone();
        // CPython's `__main__` namespace, in its order.
        let ann = self.new_dict();
        self.set_dict_str(&globals, "__annotations__", Value::Obj(ann));
        let bm = Value::Obj(self.builtins_module.clone());
        self.set_dict_str(&globals, "__builtins__", bm);
        if let Some(p) = package {
            let p = self.new_str(p);
            self.set_dict_str(&globals, "__package__", p);
        }
        if !filename.starts_with('<') {
            let f = self.new_str(filename);
            self.set_dict_str(&globals, "__file__", f);
            self.set_dict_str(&globals, "__cached__", Value::None);
            // A script's `__main__` has no spec, and a loader named `__main__`; a module run
            // by `-m` has the spec and loader of its real name (`runpy._run_module_as_main`).
            match self.main_spec.take() {
                Some(modname) => {
                    if let Ok((spec, loader)) = self.source_spec(&modname, filename, None) {
                        self.set_dict_str(&globals, "__loader__", loader);
                        self.set_dict_str(&globals, "__spec__", spec);
                    }
                }
                None => {
                    if let Ok(loader) = self.source_file_loader("__main__", filename) {
                        self.set_dict_str(&globals, "__loader__", loader);
                    }
                }
            }
        } else if let Ok(t) = self.spec_types() {
            // `-c` and stdin: CPython's `add_main_module` leaves `BuiltinImporter` as the loader.
            self.set_dict_str(&globals, "__loader__", Value::Obj(t.builtin_importer));
        }
        let key = self.new_str("__main__");
        let modules = self.modules.clone();
        let _ = self.dict_set(&modules, key, Value::Obj(main.clone()));
        self.main_globals = Some(globals.clone());
        let result = match self.compile_source(source, filename, krait_compiler::Mode::Exec) {
            Ok(co) => self.run_code(co, globals.clone(), None).map(|_| ()),
            Err(e) => Err(e),
        };
        let mut status = match result {
            Ok(()) => 0,
            Err(e) => self.handle_uncaught(e),
        };
        self.wait_for_thread_shutdown();
        self.run_atexit();
        // CPython's `Py_FinalizeEx`: a failed flush of sys.stdout/stderr makes the status 120.
        if !self.flush_std_files() {
            status = 120;
        }
        self.finalize_main(&globals);
        self.close_open_files();
        self.flush_stdout();
        self.flush_stderr();
        status
    }

    /// At exit, clear `__main__`'s namespace as CPython's module cleanup does (names starting
    /// with one underscore first, then the rest; `__builtins__` stays) and run the finalizers
    /// that frees.
    pub fn finalize_main(&mut self, globals: &ObjRef) {
        self.finalizing = true;
        let keys: Vec<Value> = match &globals.payload {
            Payload::Dict(t) => t.borrow().iter().map(|e| e.key.clone()).collect(),
            _ => return,
        };
        for underscore_pass in [true, false] {
            for k in &keys {
                let name = self.str_text(k);
                if name == "__builtins__"
                    || (name.starts_with('_') && !name.starts_with("__")) != underscore_pass
                {
                    continue;
                }
                let _ = self.dict_set(globals, k.clone(), Value::None);
                self.run_finalizers();
            }
        }
        self.run_finalizers();
    }

    /// Run the finalizers queued by freed objects: `__del__` methods and `close()` of
    /// suspended generators. Errors are reported as CPython reports unraisable exceptions.
    pub fn run_finalizers(&mut self) {
        crate::modules::weakref_callbacks(self);
        while let Some(obj) = crate::object::next_pending_finalizer() {
            if self.limit_tripped() {
                // A limit is unwinding: no Python code runs, and the object is just freed.
                continue;
            }
            let v = Value::Obj(obj);
            let (r, what) = if let Some(Payload::Generator(g)) = v.payload() {
                // `_PyGen_Finalize`: a coroutine that never ran is not closed but reported.
                if !g.started.get() && g.code.co.flags.has(krait_bytecode::CodeFlags::COROUTINE) {
                    self.warn_unawaited_coroutine(&v);
                    continue;
                }
                let r = self
                    .getattr_str(&v, "close")
                    .and_then(|c| self.call_pos(&c, &[]));
                (r, v.clone())
            } else {
                match self.lookup_special_str(&v, "__del__") {
                    Some(f) => (self.call_method_value(&f, &v, &[]), f),
                    None => continue,
                }
            };
            // A limit that trips inside a finalizer ends the run: it is not "ignored".
            if let Err(e) = r
                && !self.limit_tripped()
            {
                self.write_unraisable(e, None, &what);
            }
        }
    }

    /// Report an exception that reached the top level; the exit status it implies.
    pub fn handle_uncaught(&mut self, e: PyErr) -> i32 {
        if self.limit_tripped() {
            // The embedder (or the CLI) reports which limit ended the run.
            return 1;
        }
        let se = self.types.system_exit.clone();
        if self.err_matches(&e, &se) {
            return self.system_exit_status(&e);
        }
        self.print_exception(&e);
        let ki = self.types.keyboard_interrupt.clone();
        if self.err_matches(&e, &ki) {
            self.exit_by_sigint = true;
            return 130;
        }
        1
    }

    /// The exit status of a `SystemExit`, printing its message as CPython does.
    fn system_exit_status(&mut self, e: &PyErr) -> i32 {
        let code = match &e.0.payload {
            Payload::Exception(d) => match d.args.borrow().payload() {
                Some(Payload::Tuple(t)) if t.len() == 1 => t[0].clone(),
                Some(Payload::Tuple(t)) if t.is_empty() => Value::None,
                _ => d.args.borrow().clone(),
            },
            _ => Value::None,
        };
        match &code {
            Value::None => 0,
            Value::Int(i) => *i as i32,
            Value::Bool(b) => i32::from(b.get()),
            _ => {
                self.flush_stdout();
                // `_Py_HandleSystemExit`: `str(code)` through `sys.stderr` (whose error handler
                // shows lone surrogates), then a newline; failures are dropped.
                match self.sys_attr("stderr").filter(|f| !f.is_none()) {
                    Some(f) => {
                        let _ = self.str(&code).and_then(|s| {
                            let w = self.getattr_str(&f, "write")?;
                            self.call_pos(&w, &[s])?;
                            let nl = self.new_str("\n");
                            self.call_pos(&w, &[nl])?;
                            let fl = self.getattr_str(&f, "flush")?;
                            self.call_pos(&fl, &[])
                        });
                    }
                    None => {
                        let text = match self.str(&code) {
                            Ok(s) => self.str_text(&s),
                            Err(_) => String::new(),
                        };
                        self.write_stderr(format!("{text}\n").as_bytes());
                    }
                }
                1
            }
        }
    }

    // ----- strings -----

    /// A new str object.
    pub fn new_str(&self, s: &str) -> Value {
        Value::Obj(ObjRef::new_str(self.types.str.clone(), PyStr::new(s)))
    }

    /// A new str object from owned text.
    pub fn new_string(&self, s: String) -> Value {
        let m = TextMeta::of_str(&s);
        self.new_str_vec(s.into_bytes(), m)
    }

    /// A new str object from a `PyStr`.
    pub fn new_pystr(&self, s: PyStr) -> Value {
        Value::Obj(ObjRef::new_str(self.types.str.clone(), s))
    }

    /// A new str object of the WTF-8 text `bytes` that `m` describes (copied into its box
    /// when it fits one).
    pub(crate) fn new_str_meta(&self, bytes: &[u8], m: TextMeta) -> Value {
        // SAFETY: `bytes` are the `m.len` bytes `m` describes.
        let boxed = unsafe {
            ObjRef::new_str_with(&self.types.str, m, |dst| {
                std::ptr::copy_nonoverlapping(bytes.as_ptr(), dst, bytes.len())
            })
        };
        match boxed {
            Some(o) => Value::Obj(o),
            None => self.new_pystr(PyStr::from_meta(bytes, m)),
        }
    }

    /// A new str object owning the WTF-8 text `bytes` that `m` describes: copied into its
    /// box when it fits one (then the block is freed at once, not first cut to size).
    pub(crate) fn new_str_vec(&self, bytes: Vec<u8>, m: TextMeta) -> Value {
        // SAFETY: `bytes` are the `m.len` bytes `m` describes.
        let boxed = unsafe {
            ObjRef::new_str_with(&self.types.str, m, |dst| {
                std::ptr::copy_nonoverlapping(bytes.as_ptr(), dst, bytes.len())
            })
        };
        match boxed {
            Some(o) => Value::Obj(o),
            None => self.new_pystr(PyStr::from_vec_meta(bytes, m)),
        }
    }

    /// A new str object of the text `m` describes, written by `fill` straight where it is
    /// kept: in the object's box, else in place (short) or in an exact heap block (long).
    ///
    /// # Safety
    /// `fill(dst)` writes exactly `m.len` bytes at `dst`, the WTF-8 text `m` describes; it
    /// is called once.
    pub(crate) unsafe fn new_str_filled(
        &self,
        m: TextMeta,
        mut fill: impl FnMut(*mut u8),
    ) -> Value {
        // SAFETY: the caller's contract.
        if let Some(o) = unsafe { ObjRef::new_str_with(&self.types.str, m, &mut fill) } {
            return Value::Obj(o);
        }
        let s = if m.len <= INLINE_CAP {
            let mut buf = [0u8; INLINE_CAP];
            fill(buf.as_mut_ptr());
            PyStr::from_meta(&buf[..m.len], m)
        } else {
            let mut v = Vec::with_capacity(m.len);
            fill(v.as_mut_ptr());
            // SAFETY: `fill` initialised the `m.len` bytes the vector has room for.
            unsafe { v.set_len(m.len) };
            PyStr::from_vec_meta(v, m)
        };
        self.new_pystr(s)
    }

    /// A cleared buffer with room for `cap` bytes, to build the text of a str whose length
    /// is not known up front; [`Vm::new_str_scratch`] makes the str and takes the buffer
    /// back, so a builder allocates nothing of its own for short and boxed results. (A
    /// builder that runs Python code while it builds may find the buffer taken by an outer
    /// one: it then gets a new one.)
    pub(crate) fn str_scratch(&self, cap: usize) -> Vec<u8> {
        let mut buf = self.str_scratch.take();
        buf.clear();
        buf.reserve(cap);
        buf
    }

    /// A new str object of the WTF-8 text built in `buf` (from [`Vm::str_scratch`]),
    /// described by `m` when the builder knows it (else counted). A long text keeps the
    /// buffer, as a builder's own vector would be kept.
    pub(crate) fn new_str_scratch(&self, buf: Vec<u8>, m: Option<TextMeta>) -> Value {
        let m = m.unwrap_or_else(|| TextMeta::of_wtf8(&buf));
        if buf.len() > SCRATCH_KEEP {
            return self.new_str_vec(buf, m);
        }
        let v = self.new_str_meta(&buf, m);
        if buf.capacity() <= SCRATCH_KEEP {
            self.str_scratch.set(buf);
        }
        v
    }

    /// `str(i)`, written on the stack rather than in a temporary block.
    pub fn new_str_i64(&self, i: i64) -> Value {
        let mut digits = [0u8; 20];
        let d = crate::objects::int::decimal_digits(&mut digits, i.unsigned_abs());
        let mut text = [b'-'; 21];
        let start = usize::from(i >= 0);
        text[1..=d.len()].copy_from_slice(d);
        let text = &text[start..=d.len()];
        self.new_str_meta(text, TextMeta::ascii(text.len()))
    }

    /// A new str object, the concatenation of `parts` (built in its box when it fits one).
    pub fn new_str_concat(&self, parts: &[&PyStr]) -> Value {
        self.new_str_concat_of(parts.iter().copied())
    }

    /// [`Vm::new_str_concat`] of the strs `parts` yields (walked twice: measured, then
    /// copied).
    pub(crate) fn new_str_concat_of<'a>(
        &self,
        parts: impl Iterator<Item = &'a PyStr> + Clone,
    ) -> Value {
        // SAFETY: the parts' bytes, one after the other, are the `m.len` bytes `m` describes
        // (the same iterator, cloned, yields the same strs, which cannot change meanwhile).
        unsafe {
            self.new_str_filled(TextMeta::of_concat(parts.clone()), |mut dst| {
                for p in parts.clone() {
                    let b = p.wtf8();
                    std::ptr::copy_nonoverlapping(b.as_ptr(), dst, b.len());
                    dst = dst.add(b.len());
                }
            })
        }
    }

    /// A new str object holding a copy of `bytes`, a piece of `parent`'s text (built in its
    /// box when it fits one).
    pub fn new_substr(&self, parent: &PyStr, bytes: &[u8]) -> Value {
        self.new_str_meta(bytes, TextMeta::of_slice(parent, bytes))
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

    /// `PyUnicode_InternInPlace`: the interned string equal to `o` (an exact str whose text
    /// is `s`), which becomes `o` itself when none was interned yet.
    pub fn intern_object(&mut self, o: &ObjRef, s: &str) -> ObjRef {
        if let Some(i) = self.interned.get(s) {
            return i.clone();
        }
        self.str_hash_of(o);
        self.interned.insert(Rc::from(s), o.clone());
        o.clone()
    }

    /// The one-character string of code point `cp` (U+0000..U+00FF), the same object every
    /// time (the interned one).
    #[inline]
    /// The depth of the per-call stacks (frame records, native depth, the frame-locals and
    /// handled-exception stacks), to restore with [`Vm::unwind_to`] when a Rust panic
    /// unwound through frames without popping what they pushed.
    pub fn call_depth_mark(&self) -> CallDepthMark {
        CallDepthMark {
            frames: self.frames.len(),
            native_depth: self.native_depth,
            frame_locals: self.frame_locals.len(),
            handled: self.handled.len(),
        }
    }

    /// Drop what frames above `mark` pushed and never popped (after a caught panic): a frame
    /// record borrows its frame's code and globals, which the unwinding freed.
    pub fn unwind_to(&mut self, mark: CallDepthMark) {
        self.frames.truncate(mark.frames);
        self.native_depth = mark.native_depth;
        self.frame_locals.truncate(mark.frame_locals);
        self.handled.truncate(mark.handled);
    }

    pub fn latin1_char(&mut self, cp: u8) -> ObjRef {
        if let Some(Some(o)) = self.latin1.get(usize::from(cp)) {
            return o.clone();
        }
        let mut buf = [0u8; 4];
        let o = self.intern(char::from(cp).encode_utf8(&mut buf));
        if let Some(slot) = self.latin1.get_mut(usize::from(cp)) {
            *slot = Some(o.clone());
        }
        o
    }

    /// Whether `s` is the interned string of its text (see [`Vm::intern`]).
    pub fn is_interned(&self, s: &ObjRef) -> bool {
        let Payload::Str(p) = &s.payload else {
            return false;
        };
        p.to_str()
            .and_then(|t| self.interned.get(t))
            .is_some_and(|o| ObjRef::ptr_eq(o, s))
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

    /// A NaN distinct (by identity) from every NaN made before, keeping the sign of `x`.
    pub fn fresh_nan(&mut self, x: f64) -> f64 {
        self.nan_serial = self.nan_serial.wrapping_add(1);
        let payload = (self.nan_serial % 0x0007_FFFF_FFFF_FFFF) + 1;
        let sign = x.to_bits() & (1 << 63);
        f64::from_bits(sign | 0x7FF8_0000_0000_0000 | payload)
    }

    /// The hash Python would give the text `s` (for name lookups by `&str`).
    pub fn hash_text(&self, s: &str) -> i64 {
        if let Some(i) = crate::names::dunder_index(s)
            && let Some(h) = self.dunder_hashes.get(i)
        {
            return *h;
        }
        if s.is_empty() {
            0
        } else {
            self.hash_secret.hash_str_utf8(s)
        }
    }

    // ----- containers -----

    /// A new 2-tuple.
    #[inline]
    pub fn new_pair(&self, a: Value, b: Value) -> Value {
        Value::Obj(ObjRef::new(
            self.types.tuple.clone(),
            Payload::Tuple(crate::objects::tuple::TupleItems::pair(a, b)),
        ))
    }

    /// A new tuple.
    pub fn new_tuple(&self, items: Vec<Value>) -> Value {
        if items.is_empty() {
            return self.empty_tuple.clone();
        }
        Value::Obj(ObjRef::new(
            self.types.tuple.clone(),
            Payload::Tuple(items.into()),
        ))
    }

    /// A new list.
    pub fn new_list(&self, items: impl Into<crate::objects::list::ListItems>) -> Value {
        Value::Obj(ObjRef::new(
            self.types.list.clone(),
            Payload::List(std::cell::RefCell::new(items.into())),
        ))
    }

    /// A new empty dict.
    pub fn new_dict(&self) -> ObjRef {
        ObjRef::new(
            self.types.dict.clone(),
            Payload::Dict(Box::new(std::cell::RefCell::new(DictTable::new()))),
        )
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

/// See [`Vm::call_depth_mark`].
#[derive(Clone, Copy, Debug)]
pub struct CallDepthMark {
    frames: usize,
    native_depth: usize,
    frame_locals: usize,
    handled: usize,
}
