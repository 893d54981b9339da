//! The registry of built-in modules that `import` creates on first use, and the per-interpreter
//! state they keep.

mod abc;
pub(crate) mod array;
pub(crate) mod ast;
mod ast_nodes;
mod atexit;
mod bisect;
mod cmath;
mod codecs;
mod collections;
mod contextvars;
mod ctypes;
mod datetime;
mod errno;
mod faulthandler;
mod functools;
mod locale;
mod opcode;
pub(crate) use locale::c_langinfo;
mod gc;
mod heapq;
mod imp;
mod itertools;
mod json;
mod lsprof;
mod marshal;
pub(crate) mod math;
pub(crate) mod mmap;
mod multiproc;
mod operator;
pub(crate) mod pickle;
mod posix;
mod process;
mod queue;
pub(crate) mod signal;
mod stat;
mod statistics;
mod string;
mod symtable;
mod testinternalcapi;
mod thread;
mod time;
mod tracemalloc;
mod unix;
mod unix_consts;
mod weakref;

use std::collections::HashMap;

use crate::Vm;
use crate::object::{ObjRef, Payload, WeakObj};
use crate::objects::typeobj::{BuiltinKind, Layout, TypeData, type_data};
use crate::value::Value;

pub(crate) use codecs::codec_lookup;
pub(crate) use thread::release_sentinel;
pub(crate) use weakref::weakref_callbacks;

/// What the native modules remember between calls, per interpreter.
#[derive(Default)]
pub struct ModState {
    /// The interpreter's own `builtins.__import__`: `import` statements call a replacement
    /// the program put in its builtins instead (`import.rs`).
    pub(crate) import_func: Option<ObjRef>,
    /// Whether the missing-standard-library hint was already given (`import.rs`).
    pub stdlib_hint_given: bool,
    /// Weak references by their referent's address (`weakref.rs`).
    pub(crate) weakrefs: HashMap<usize, Vec<WeakObj>>,
    /// The `_weakref` types, once made.
    pub(crate) weak_types: Option<weakref::WeakTypes>,
    /// `_abc._abc_data`, once made, and the ABC invalidation counter (`get_cache_token`).
    pub(crate) abc_data_type: Option<ObjRef>,
    pub(crate) abc_counter: u64,
    /// `faulthandler`'s settings and watchdog, and the watchdog job type.
    pub(crate) faulthandler: faulthandler::FaultState,
    pub(crate) watchdog_type: Option<ObjRef>,
    /// `functools.partial` and `functools.KeyWrapper`, once made.
    pub(crate) functools_types: Option<(ObjRef, ObjRef)>,
    /// `_queue.SimpleQueue` and `_queue.Empty`, once made.
    pub(crate) queue_types: Option<(ObjRef, ObjRef)>,
    /// The namespace of `_pickle`'s run of `pickle.py`, whose `_dumps`, `_loads`, ... its
    /// module functions call (`pickle.rs`).
    pub(crate) pickle_impl: Option<ObjRef>,
    /// `_thread.LockType`, once made.
    pub(crate) lock_type: Option<ObjRef>,
    /// `_thread._ExceptHookArgs`, once made.
    pub(crate) except_hook_args: Option<ObjRef>,
    /// `gc.isenabled()` / `gc.get_threshold()` as last set.
    pub(crate) gc_enabled: Option<bool>,
    pub(crate) gc_threshold: Option<(i64, i64, i64)>,
    /// The `itertools` types, in `itertools::TYPES` order.
    pub(crate) itertools_types: Option<Vec<ObjRef>>,
    /// `collections.deque` and its iterator type.
    pub(crate) deque_types: Option<(ObjRef, ObjRef)>,
    /// `_codecs`: search functions, found codecs by normalised name, error handlers by name.
    pub(crate) codec_search: Vec<Value>,
    pub(crate) codec_cache: HashMap<String, Value>,
    pub(crate) codec_errors: HashMap<String, Value>,
    /// `_contextvars`: its types and the current context.
    pub(crate) ctx_types: Option<contextvars::CtxTypes>,
    pub(crate) context: Option<Value>,
    /// `_signal`: the handler of each signal number, and `set_wakeup_fd`'s descriptor.
    pub(crate) signal_handlers: Vec<Value>,
    pub(crate) wakeup_fd: i64,
    /// Caught signals whose handlers did not run yet (a handler before them raised).
    pub(crate) pending_signals: u64,
    /// Types made by native modules outside this crate (`krait-stdlib`), by a name they choose.
    pub ext_types: HashMap<&'static str, ObjRef>,
    /// Values and numbers those modules keep per interpreter, by a name they choose.
    pub ext_values: HashMap<&'static str, Value>,
    pub ext_ints: HashMap<&'static str, i64>,
    /// `atexit` functions: the callable, its positional and keyword arguments.
    pub(crate) atexit: Vec<(Value, Value, Value)>,
    /// The stock import finders and hooks, and the path entries searched (`finders.rs`).
    pub(crate) imports: crate::finders::ImportState,
    /// `_tracemalloc`'s state.
    pub(crate) tracemalloc: tracemalloc::Tracing,
    /// `_ast`: its classes by name and the shared operator/context instances.
    pub(crate) ast: Option<std::rc::Rc<ast::AstState>>,
}

impl ModState {
    /// The values the native modules keep (roots of `gc.get_objects`).
    pub(crate) fn roots(&self, visit: &mut dyn FnMut(&Value)) {
        let obj = |o: &ObjRef| Value::Obj(o.clone());
        self.codec_search.iter().for_each(&mut *visit);
        self.codec_cache.values().for_each(&mut *visit);
        self.codec_errors.values().for_each(&mut *visit);
        self.signal_handlers.iter().for_each(&mut *visit);
        self.ext_values.values().for_each(&mut *visit);
        self.ext_types.values().for_each(|t| visit(&obj(t)));
        if let Some(c) = &self.context {
            visit(c);
        }
        self.imports.roots(visit);
        if let Some(a) = &self.ast {
            a.singletons.values().for_each(&mut *visit);
        }
        for (f, a, k) in &self.atexit {
            visit(f);
            visit(a);
            visit(k);
        }
        for t in self
            .lock_type
            .iter()
            .chain(self.except_hook_args.iter())
            .chain(self.pickle_impl.iter())
            .chain(self.itertools_types.iter().flatten())
        {
            visit(&obj(t));
        }
        if let Some((a, b)) = &self.deque_types {
            visit(&obj(a));
            visit(&obj(b));
        }
    }
}

/// The values held by the state of a native module's object (`Payload::Native`), for
/// `gc.get_referents`: deques and itertools objects; other native kinds are not traversed yet.
/// The bytes of a native object that exports a buffer (an `mmap`), for `bytes(x)` and the
/// other buffer consumers.
pub(crate) fn native_buffer(n: &dyn std::any::Any) -> Option<Vec<u8>> {
    mmap::native_buffer(n)
        .or_else(|| array::native_buffer(n))
        .or_else(|| ctypes::native_buffer(n))
        .or_else(|| pickle::native_buffer(n))
}

/// The bytes of a ctypes object held in VM memory (a writable `memoryview` of it), `None` for
/// other objects and foreign memory.
pub(crate) fn ctypes_buffer(n: &dyn std::any::Any) -> Option<Vec<u8>> {
    ctypes::native_buffer(n)
}

/// Write into a ctypes object's VM memory at `at` (a writable `memoryview` of it).
pub(crate) fn ctypes_write(n: &dyn std::any::Any, at: usize, data: &[u8]) -> bool {
    ctypes::native_write(n, at, data)
}

pub(crate) fn native_referents(n: &dyn std::any::Any, visit: &mut dyn FnMut(&Value)) {
    collections::native_referents(n, visit);
    itertools::native_referents(n, visit);
    queue::native_referents(n, visit);
    functools::native_referents(n, visit);
    pickle::native_referents(n, visit);
}

/// Register the built-in modules.
pub fn register(vm: &mut Vm) {
    let mods: &[(&'static str, fn(&mut Vm, &ObjRef) -> crate::PyResult<()>)] = &[
        ("math", math::init),
        ("cmath", cmath::init),
        ("_lsprof", lsprof::init),
        ("_tracemalloc", tracemalloc::init),
        ("posix", posix::init),
        ("_posixsubprocess", process::init_posixsubprocess),
        ("mmap", mmap::init),
        ("_ctypes", ctypes::init),
        ("_weakref", weakref::init),
        ("_abc", abc::init),
        ("faulthandler", faulthandler::init),
        ("_queue", queue::init),
        ("_functools", functools::init),
        ("_thread", thread::init),
        ("_string", string::init),
        ("errno", errno::init),
        ("_opcode", opcode::init),
        ("_locale", locale::init),
        ("gc", gc::init),
        ("atexit", atexit::init),
        ("time", time::init),
        ("_io", crate::builtins::io::init_module),
        ("itertools", itertools::init),
        ("_collections", collections::init),
        ("_codecs", codecs::init),
        ("_ast", ast::init),
        ("_symtable", symtable::init),
        ("_testinternalcapi", testinternalcapi::init),
        ("_imp", imp::init),
        ("marshal", marshal::init),
        ("_contextvars", contextvars::init),
        ("_signal", signal::init),
        ("_operator", operator::init),
        ("array", array::init),
        ("_bisect", bisect::init),
        ("_heapq", heapq::init),
        ("_datetime", datetime::init),
        ("_stat", stat::init),
        ("_statistics", statistics::init),
        ("_json", json::init),
        ("_pickle", pickle::init),
        ("pwd", unix::init_pwd),
        ("grp", unix::init_grp),
        ("resource", unix::init_resource),
        ("fcntl", unix::init_fcntl),
        ("termios", unix::init_termios),
        ("_multiprocessing", multiproc::init_multiprocessing),
        ("_posixshmem", multiproc::init_posixshmem),
    ];
    vm.builtin_modules.extend_from_slice(mods);
    crate::sysmodule::set_builtin_module_names(vm);
}

/// A builtin type `module.name` for a native module (instances are `Payload::Native`);
/// `subclassable` as CPython's `Py_TPFLAGS_BASETYPE`.
pub fn new_type(vm: &mut Vm, module: &str, name: &str, subclassable: bool) -> ObjRef {
    let object = vm.types.object.clone();
    let mut data = TypeData::new(
        name,
        vec![object.clone()],
        Layout::Builtin(BuiltinKind::Other),
        true,
    );
    data.base_type = subclassable;
    let t = ObjRef::new(vm.types.type_.clone(), Payload::Type(Box::new(data)));
    *type_data(&t).mro.borrow_mut() = vec![t.clone(), object];
    let m = vm.new_str(module);
    vm.set_type_attr(&t, "__module__", m);
    t
}

/// The exception class `module.name` (deriving from `base`) of a native module, registered in
/// `ext_types` under `key`. A module imported afresh (`import_fresh_module`) gets the class
/// already registered: the native functions raise the class found under `key`, so a second
/// class would leave the first module's `error` no longer matching what it raises.
pub fn module_exception(
    vm: &mut Vm,
    key: &'static str,
    module: &str,
    name: &str,
    base: ObjRef,
) -> crate::PyResult<ObjRef> {
    if let Some(t) = vm.mods.ext_types.get(key) {
        return Ok(t.clone());
    }
    let ns = vm.new_dict();
    let modname = vm.new_str(module);
    vm.set_dict_str(&ns, "__module__", modname);
    let meta = vm.types.type_.clone();
    let t = vm.type_new(&meta, name, vec![base], &Value::Obj(ns), &[])?;
    vm.mods.ext_types.insert(key, t.clone());
    Ok(t)
}

/// A type's C-level `tp_name`: `list` for the builtins, `module.Name` for the others.
pub(crate) fn tp_name(vm: &mut Vm, t: &ObjRef) -> String {
    let name = vm.type_name_of(t);
    let module = vm
        .type_lookup_str(t, "__module__")
        .filter(|m| matches!(m.payload(), Some(Payload::Str(_))))
        .map(|m| vm.str_text(&m));
    match module {
        Some(m) if m != "builtins" => format!("{m}.{name}"),
        _ => name,
    }
}

/// Set `name` in a module's namespace.
pub fn set_attr(vm: &mut Vm, m: &ObjRef, name: &str, v: Value) {
    if let Payload::Module(md) = &m.payload {
        let d = md.dict.clone();
        vm.set_dict_str(&d, name, v);
    }
}
