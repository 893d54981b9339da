//! The `sys` module, standard streams and warnings output (CPython: `Python/sysmodule.c`).

use crate::native::pos_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::typeobj::Layout;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

mod stdlib_names;
mod unraisable;
pub(crate) mod warnings;

/// Fill the `sys` module.
pub fn init(vm: &mut Vm) {
    let sys = vm.sys.clone();
    let Payload::Module(m) = &sys.payload else {
        return;
    };
    let d = m.dict.clone();
    let s = |vm: &mut Vm, k: &str, v: Value| vm.set_dict_str(&d, k, v);
    let name = vm.new_str("sys");
    s(vm, "__name__", name);
    s(vm, "__doc__", Value::None);
    let argv: Vec<Value> = vm
        .config
        .argv
        .clone()
        .iter()
        .map(|a| vm.new_str(a))
        .collect();
    let argv = vm.new_list(argv);
    s(vm, "argv", argv);
    let orig = if vm.config.orig_argv.is_empty() {
        vm.config.argv.clone()
    } else {
        vm.config.orig_argv.clone()
    };
    let orig_argv: Vec<Value> = orig.iter().map(|a| vm.new_str(a)).collect();
    let orig_argv = vm.new_list(orig_argv);
    s(vm, "orig_argv", orig_argv);
    let warnoptions: Vec<Value> = vm
        .config
        .warnoptions
        .clone()
        .iter()
        .map(|o| vm.new_str(o))
        .collect();
    let warnoptions = vm.new_list(warnoptions);
    s(vm, "warnoptions", warnoptions);
    let xoptions = vm.new_dict();
    for o in vm.config.xoptions.clone() {
        let (k, v) = match o.split_once('=') {
            Some((k, v)) => (vm.new_str(k), vm.new_str(v)),
            None => (vm.new_str(&o), Value::bool(true)),
        };
        let _ = vm.dict_set(&xoptions, k, v);
    }
    s(vm, "_xoptions", Value::Obj(xoptions));
    let stdlib = vm.config.stdlib.clone();
    let path: Vec<Value> = vm
        .config
        .path
        .clone()
        .iter()
        .chain((!stdlib.is_empty()).then_some(&stdlib))
        .map(|a| vm.new_str(a))
        .collect();
    let path = vm.new_list(path);
    s(vm, "path", path);
    let modules = Value::Obj(vm.modules.clone());
    s(vm, "modules", modules);
    s(vm, "maxsize", Value::Int(i64::MAX));
    s(vm, "maxunicode", Value::Int(0x10FFFF));
    let v = vm.new_str("3.11.7 (main, Krait) [Rust]");
    s(vm, "version", v);
    let fin = vm.new_str("final");
    let vi = struct_seq(
        vm,
        "version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
        vec![
            Value::Int(3),
            Value::Int(11),
            Value::Int(7),
            fin,
            Value::Int(0),
        ],
    );
    refuse_new(vm, &vi);
    s(vm, "version_info", vi.clone());
    let cfg = (
        vm.config.optimize,
        vm.config.dont_write_bytecode,
        vm.config.hash_seed,
        vm.config.inspect,
        vm.config.isolated,
        vm.config.ignore_environment,
        vm.config.no_site,
        vm.config.no_user_site,
    );
    let b = |x: bool| Value::Int(i64::from(x));
    let flags = struct_seq(
        vm,
        "flags",
        &[
            "debug",
            "inspect",
            "interactive",
            "optimize",
            "dont_write_bytecode",
            "no_user_site",
            "no_site",
            "ignore_environment",
            "verbose",
            "bytes_warning",
            "quiet",
            "hash_randomization",
            "isolated",
            "dev_mode",
            "utf8_mode",
            "warn_default_encoding",
            "safe_path",
            "int_max_str_digits",
        ],
        vec![
            Value::Int(0),
            b(cfg.3),
            b(cfg.3),
            Value::Int(i64::from(cfg.0)),
            b(cfg.1),
            b(cfg.7 || cfg.4),
            b(cfg.6),
            b(cfg.5 || cfg.4),
            Value::Int(0),
            Value::Int(0),
            Value::Int(0),
            b(cfg.2 != Some(0)),
            b(cfg.4),
            Value::bool(false),
            Value::Int(0),
            Value::Int(0),
            Value::bool(cfg.4),
            Value::Int(-1),
        ],
    );
    refuse_new(vm, &flags);
    s(vm, "flags", flags);
    let int_info = struct_seq(
        vm,
        "int_info",
        &[
            "bits_per_digit",
            "sizeof_digit",
            "default_max_str_digits",
            "str_digits_check_threshold",
        ],
        vec![
            Value::Int(30),
            Value::Int(4),
            Value::Int(4300),
            Value::Int(640),
        ],
    );
    s(vm, "int_info", int_info);
    let rounds = Value::Int(1);
    let float_info = struct_seq(
        vm,
        "float_info",
        &[
            "max",
            "max_exp",
            "max_10_exp",
            "min",
            "min_exp",
            "min_10_exp",
            "dig",
            "mant_dig",
            "epsilon",
            "radix",
            "rounds",
        ],
        vec![
            Value::float(f64::MAX),
            Value::Int(1024),
            Value::Int(308),
            Value::float(f64::MIN_POSITIVE),
            Value::Int(-1021),
            Value::Int(-307),
            Value::Int(15),
            Value::Int(53),
            Value::float(f64::EPSILON),
            Value::Int(2),
            rounds,
        ],
    );
    s(vm, "float_info", float_info);
    let alg = vm.new_str("siphash13");
    let hash_info = struct_seq(
        vm,
        "hash_info",
        &[
            "width",
            "modulus",
            "inf",
            "nan",
            "imag",
            "algorithm",
            "hash_bits",
            "seed_bits",
            "cutoff",
        ],
        vec![
            Value::Int(64),
            Value::Int((1 << 61) - 1),
            Value::Int(314159),
            Value::Int(0),
            Value::Int(1000003),
            alg,
            Value::Int(64),
            Value::Int(128),
            Value::Int(0),
        ],
    );
    s(vm, "hash_info", hash_info);
    let imp = namespace(vm);
    let idict = imp.as_obj().and_then(|o| vm.instance_dict(o));
    if let Some(id) = idict {
        let n = vm.new_str("krait");
        vm.set_dict_str(&id, "name", n);
        let t = vm.new_str("krait-311");
        vm.set_dict_str(&id, "cache_tag", t);
        vm.set_dict_str(&id, "version", vi);
        vm.set_dict_str(&id, "hexversion", Value::Int(0x030B07F0));
        // `sysconfig` finds `_sysconfigdata_<abiflags>_<platform>_<multiarch>` by it.
        let multiarch = vm.new_str(if cfg!(target_arch = "aarch64") {
            "aarch64-linux-gnu"
        } else {
            "x86_64-linux-gnu"
        });
        vm.set_dict_str(&id, "_multiarch", multiarch);
    }
    s(vm, "implementation", imp);
    s(vm, "hexversion", Value::Int(0x030B07F0));
    s(vm, "api_version", Value::Int(1013));
    let c = vm.new_str(
        "Copyright (c) 2001-2023 Python Software Foundation.\nAll Rights Reserved.\n\nCopyright (c) 2000 BeOpen.com.\nAll Rights Reserved.\n\nCopyright (c) 1995-2001 Corporation for National Research Initiatives.\nAll Rights Reserved.\n\nCopyright (c) 1991-1995 Stichting Mathematisch Centrum, Amsterdam.\nAll Rights Reserved.",
    );
    s(vm, "copyright", c);
    let p = vm.new_str(if cfg!(target_os = "linux") {
        "linux"
    } else if cfg!(target_os = "macos") {
        "darwin"
    } else {
        "unknown"
    });
    s(vm, "platform", p);
    let bo = vm.new_str(if cfg!(target_endian = "little") {
        "little"
    } else {
        "big"
    });
    s(vm, "byteorder", bo);
    let exe = vm.config.executable.clone();
    let ex = vm.new_str(&exe);
    s(vm, "executable", ex);
    let pre = vm.new_str(&stdlib_prefix(&stdlib));
    s(vm, "prefix", pre.clone());
    // `sys._stdlib_dir`: where `os` and the rest of CPython's `Lib/` come from.
    let sd = if stdlib.is_empty() {
        Value::None
    } else {
        vm.new_str(stdlib.trim_end_matches('/'))
    };
    s(vm, "_stdlib_dir", sd);
    let names: Vec<Value> = stdlib_names::STDLIB_MODULE_NAMES
        .iter()
        .map(|n| vm.new_str(n))
        .collect();
    if let Ok(fs) = vm.new_frozenset_from(names) {
        s(vm, "stdlib_module_names", fs);
    }
    // Threads are the OS's (pthreads); a lock is a mutex with a condition variable. The
    // library's version is not asked for (CPython: `confstr`), so it is None.
    let tname = vm.new_str("pthread");
    let lock = vm.new_str("mutex+cond");
    let ti = struct_seq(
        vm,
        "thread_info",
        &["name", "lock", "version"],
        vec![tname, lock, Value::None],
    );
    let tt = vm.type_of(&ti);
    vm.add_methods(
        &tt,
        crate::methods![
            staticmethod "__new__" => struct_seq_new, "";
        ],
    );
    s(vm, "thread_info", ti);
    let platlibdir = vm.new_str("lib");
    s(vm, "platlibdir", platlibdir);
    let abiflags = vm.new_str("");
    s(vm, "abiflags", abiflags);
    // CPython's three finders; `path_hooks` and `path_importer_cache` join `sys` when first
    // looked up (`finders.rs`).
    let meta_path = crate::finders::init_meta_path(vm);
    s(vm, "meta_path", meta_path);
    let prefix = match vm.config.pycache_prefix.clone() {
        Some(p) => vm.new_str(&p),
        None => Value::None,
    };
    s(vm, "pycache_prefix", prefix);
    s(vm, "exec_prefix", pre.clone());
    s(vm, "base_prefix", pre.clone());
    s(vm, "base_exec_prefix", pre);
    let dwb = vm.config.dont_write_bytecode;
    s(vm, "dont_write_bytecode", Value::bool(dwb));
    let frs = vm.new_str("short");
    s(vm, "float_repr_style", frs);
    let ps1 = vm.new_str(">>> ");
    s(vm, "ps1", ps1);
    let ps2 = vm.new_str("... ");
    s(vm, "ps2", ps2);
    let [stdin, stdout, stderr] = crate::builtins::io_std::make_std_streams(vm);
    s(vm, "stdin", stdin.clone());
    s(vm, "stdout", stdout.clone());
    s(vm, "stderr", stderr.clone());
    s(vm, "__stdin__", stdin);
    s(vm, "__stdout__", stdout);
    s(vm, "__stderr__", stderr);
    let funcs: &[(&'static str, crate::objects::function::NativeFn)] = &[
        ("exit", sys_exit),
        ("getrecursionlimit", sys_getrecursionlimit),
        ("getswitchinterval", sys_getswitchinterval),
        ("setswitchinterval", sys_setswitchinterval),
        ("setrecursionlimit", sys_setrecursionlimit),
        ("exc_info", sys_exc_info),
        ("call_tracing", sys_call_tracing),
        ("exception", sys_exception),
        ("intern", sys_intern),
        ("getsizeof", sys_getsizeof),
        ("getrefcount", sys_getrefcount),
        ("getdefaultencoding", sys_getdefaultencoding),
        ("getfilesystemencoding", sys_getfilesystemencoding),
        ("getfilesystemencodeerrors", sys_getfilesystemencodeerrors),
        ("get_int_max_str_digits", sys_get_int_max_str_digits),
        ("set_int_max_str_digits", sys_set_int_max_str_digits),
        ("displayhook", sys_displayhook),
        ("excepthook", sys_excepthook),
        ("_getframe", sys_getframe),
        ("audit", sys_audit),
        ("is_finalizing", sys_is_finalizing),
        ("get_asyncgen_hooks", sys_get_asyncgen_hooks),
        (
            "get_coroutine_origin_tracking_depth",
            sys_get_coroutine_origin_tracking_depth,
        ),
        (
            "set_coroutine_origin_tracking_depth",
            sys_set_coroutine_origin_tracking_depth,
        ),
        ("set_asyncgen_hooks", sys_set_asyncgen_hooks),
        ("gettrace", sys_gettrace),
        ("settrace", sys_settrace),
        ("getprofile", sys_getprofile),
        ("setprofile", sys_setprofile),
    ];
    vm.add_functions(&sys, funcs);
    unraisable::init(vm, &sys);
    // The originals, for restoring (`doctest` puts `sys.__displayhook__` back).
    if let Payload::Module(md) = &sys.payload {
        let d = md.dict.clone();
        for (orig, name) in [
            ("__displayhook__", "displayhook"),
            ("__excepthook__", "excepthook"),
        ] {
            let k = vm.intern(name);
            if let Some(f) = vm.dict_get_str_obj(&d, &k) {
                vm.set_dict_str(&d, orig, f);
            }
        }
    }
    warnings::register(vm);
    let sysv = Value::Obj(sys.clone());
    let k = vm.new_str("sys");
    let _ = vm.dict_set(&vm.modules.clone(), k, sysv);
    let bm = Value::Obj(vm.builtins_module.clone());
    let k = vm.new_str("builtins");
    let _ = vm.dict_set(&vm.modules.clone(), k, bm);
}

/// `sys.builtin_module_names`: a sorted tuple of the modules made in Rust (`os` looks for
/// `posix` here), set once every module is registered.
pub fn set_builtin_module_names(vm: &mut Vm) {
    let mut names: Vec<&str> = vm
        .builtin_modules
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| !crate::import::LIB_STAND_INS.contains(n))
        .collect();
    names.extend(["builtins", "sys"]);
    names.sort_unstable();
    names.dedup();
    let items: Vec<Value> = names.iter().map(|n| vm.new_str(n)).collect();
    let t = vm.new_tuple(items);
    let sys = vm.sys.clone();
    crate::modules::set_attr(vm, &sys, "builtin_module_names", t);
}

/// `sys.prefix` for a standard library at `stdlib`: `<prefix>/lib/python3.11` is CPython's
/// layout (so `site` finds `<prefix>/lib/python3.11/site-packages`); a bare `Lib/` (a source
/// checkout) has its parent as prefix.
fn stdlib_prefix(stdlib: &str) -> String {
    let trimmed = stdlib.trim_end_matches('/');
    if trimmed.is_empty() {
        return String::from("/usr/local");
    }
    let parent = |p: &str| -> String {
        match p.rfind('/') {
            Some(0) => String::from("/"),
            Some(i) => p[..i].to_string(),
            None => String::from("."),
        }
    };
    match trimmed.strip_suffix("/lib/python3.11") {
        Some(pre) if !pre.is_empty() => pre.to_string(),
        Some(_) => String::from("/"),
        None => parent(trimmed),
    }
}

/// Whether calling type `t` from bytecode goes through `_PyObject_MakeTpCall` (and so counts
/// against the recursion limit) in CPython 3.11: classes always do; builtin types with a
/// `tp_vectorcall` never do, and warm code reaches the others through specialized
/// instructions (`PRECALL_NO_KW_STR_1`, `PRECALL_BUILTIN_CLASS`, ...).
pub fn type_call_counts(t: &Value, warm: bool) -> bool {
    let Some(Payload::Type(td)) = t.payload() else {
        return false;
    };
    if !td.builtin {
        return true;
    }
    if warm {
        return false;
    }
    !matches!(
        td.name.borrow().as_str(),
        "bool"
            | "float"
            | "list"
            | "tuple"
            | "dict"
            | "set"
            | "frozenset"
            | "range"
            | "type"
            | "enumerate"
            | "reversed"
            | "map"
            | "filter"
            | "zip"
    )
}

/// A `PyStructSequence`: a tuple subclass `sys.<name>` whose fields are also attributes
/// (CPython: `Objects/structseq.c`).
fn struct_seq(vm: &mut Vm, name: &str, fields: &[&str], values: Vec<Value>) -> Value {
    let t = struct_seq_type(vm, "sys", name, fields);
    Value::Obj(vm.new_object(&t, Payload::Tuple(values.into())))
}

/// `sys.flags` and `sys.version_info` have no constructor (CPython clears their `tp_new`).
fn refuse_new(vm: &mut Vm, v: &Value) {
    let t = vm.type_of(v);
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => no_instances, "";
        ],
    );
}

fn no_instances(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "structseq")?;
    let name = crate::modules::tp_name(vm, &cls);
    Err(vm.type_error(format!("cannot create '{name}' instances")))
}

/// A struct sequence type `module.name`: a tuple subclass whose fields are also attributes,
/// with `structseq_repr`. Instances are made by the native code that owns the type, unless
/// it adds [`struct_seq_new`] as `__new__`.
pub(crate) fn struct_seq_type(vm: &mut Vm, module: &str, name: &str, fields: &[&str]) -> ObjRef {
    let tuple = vm.types.tuple.clone();
    let t = vm.make_type(
        name,
        Some(&tuple),
        Layout::Builtin(crate::objects::typeobj::BuiltinKind::Tuple),
    );
    let m = vm.new_str(module);
    vm.set_type_attr(&t, "__module__", m);
    for (i, f) in fields.iter().enumerate() {
        let d = Value::Obj(ObjRef::new(
            vm.types.member_descriptor.clone(),
            Payload::Member(Box::new((std::rc::Rc::from(*f), i))),
        ));
        vm.set_type_attr(&t, f, d);
    }
    let n = Value::Int(fields.len() as i64);
    vm.set_type_attr(&t, "n_fields", n.clone());
    vm.set_type_attr(&t, "n_sequence_fields", n);
    vm.set_type_attr(&t, "n_unnamed_fields", Value::Int(0));
    vm.add_methods(
        &t,
        crate::methods![
            method "__repr__" => struct_seq_repr, "Return repr(self).";
        ],
    );
    t
}

/// `structseq_new` for a type whose every field is a sequence field: `T(sequence)` takes an
/// iterable of exactly `n_fields` items (CPython 3.11: `Objects/structseq.c`).
pub(crate) fn struct_seq_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "structseq")?;
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let a = crate::native::bind_args(vm, &rest, "structseq", &["sequence", "dict"], 1)?;
    let name = crate::modules::tp_name(vm, &cls);
    let items = match vm.seq_to_vec(&a[0]) {
        Ok(v) => v,
        Err(e) if vm.err_matches(&e, &vm.types.type_error.clone()) => {
            return Err(vm.type_error("constructor requires a sequence"));
        }
        Err(e) => return Err(e),
    };
    let n = match vm.type_lookup_str(&cls, "n_fields") {
        Some(Value::Int(n)) => usize::try_from(n).unwrap_or(0),
        _ => 0,
    };
    if items.len() != n {
        return Err(vm.type_error(format!(
            "{name}() takes a {n}-sequence ({}-sequence given)",
            items.len()
        )));
    }
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Tuple(items.into())),
    ))
}

/// `structseq_repr`: `sys.version_info(major=3, ...)`, field names from the type's members.
fn struct_seq_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__repr__", 0, 0)?;
    let Some(Payload::Tuple(items)) = this.payload() else {
        return Err(vm.type_error("descriptor '__repr__' requires a struct sequence"));
    };
    let items = items.to_vec();
    let t = vm.type_of(this);
    let mut names: Vec<(usize, std::rc::Rc<str>)> = Vec::new();
    for e in crate::objects::typeobj::type_data(&t).dict.borrow().iter() {
        if let Some(Payload::Member(m)) = e.value.payload() {
            names.push((m.1, m.0.clone()));
        }
    }
    names.sort();
    let module = vm.type_module_name(&t);
    let tn = crate::objects::typeobj::type_data(&t).name.borrow().clone();
    let mut out = if module == "builtins" {
        format!("{tn}(")
    } else {
        format!("{module}.{tn}(")
    };
    for (i, (idx, n)) in names.iter().enumerate() {
        let Some(v) = items.get(*idx) else { continue };
        if i > 0 {
            out.push_str(", ");
        }
        let r = vm.repr_string(v)?;
        out.push_str(&format!("{n}={r}"));
    }
    out.push(')');
    Ok(vm.new_string(out))
}

/// A `types.SimpleNamespace`-like object (`sys.implementation`): attributes in a dict,
/// shown as `namespace(a=1, ...)`.
fn namespace(vm: &mut Vm) -> Value {
    let obj = vm.types.object.clone();
    let mut data = crate::objects::typeobj::TypeData::new(
        "SimpleNamespace",
        vec![obj.clone()],
        Layout::Object,
        false,
    );
    data.builtin = true;
    let t = ObjRef::new(vm.types.type_.clone(), Payload::Type(Box::new(data)));
    *crate::objects::typeobj::type_data(&t).mro.borrow_mut() = vec![t.clone(), obj];
    let m = vm.new_str("types");
    vm.set_type_attr(&t, "__module__", m);
    vm.add_methods(
        &t,
        crate::methods![
            method "__init__" => namespace_init, "";
            method "__repr__" => namespace_repr, "Return repr(self).";
            method "__eq__" => namespace_eq, "";
            method "__reduce__" => namespace_reduce, "";
        ],
    );
    let hash = Value::None;
    vm.set_type_attr(&t, "__hash__", hash);
    vm.add_getset(
        &t,
        "__dict__",
        crate::objects::object::instance_dict_get,
        Some(crate::objects::object::instance_dict_set),
    );
    Value::Obj(vm.new_object(&t, Payload::plain()))
}

/// `SimpleNamespace(**kwargs)`: the keywords become attributes.
fn namespace_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first() else {
        return Err(vm.type_error("descriptor '__init__' needs an argument"));
    };
    if args.pos().len() > 1 {
        return Err(vm.type_error("no positional arguments expected"));
    }
    let d = this.as_obj().and_then(|o| vm.instance_dict(o));
    if let Some(d) = d {
        for (k, v) in args.kwargs() {
            let key = vm.str_text(k);
            vm.set_dict_str(&d, &key, v.clone());
        }
    }
    Ok(Value::None)
}

/// Namespaces are equal when both are namespaces with equal attribute dicts.
fn namespace_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = crate::native::method_args(vm, &args, "__eq__", 1, 1)?;
    let ty = vm.type_of(this);
    let other = &rest[0];
    if !vm.isinstance_exact_or_sub(other, &ty)
        && !vm.isinstance_exact_or_sub(this, &vm.type_of(other))
    {
        return Ok(vm.not_implemented.clone());
    }
    let da = this.as_obj().and_then(|o| vm.instance_dict(o));
    let db = other.as_obj().and_then(|o| vm.instance_dict(o));
    match (da, db) {
        (Some(a), Some(b)) => {
            let r = vm.eq(&Value::Obj(a), &Value::Obj(b))?;
            Ok(Value::bool(r))
        }
        _ => Ok(vm.not_implemented.clone()),
    }
}

/// `(type(self), (), self.__dict__)`, so copy and pickle rebuild it.
fn namespace_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__reduce__", 0, 0)?;
    let ty = Value::Obj(vm.type_of(this));
    let d = match this.as_obj().and_then(|o| vm.instance_dict(o)) {
        Some(d) => Value::Obj(d),
        None => Value::Obj(vm.new_dict()),
    };
    let empty = vm.new_tuple(Vec::new());
    Ok(vm.new_tuple(vec![ty, empty, d]))
}

fn namespace_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__repr__", 0, 0)?;
    let mut out = String::from("namespace(");
    let d = this.as_obj().and_then(|o| vm.instance_dict(o));
    if let Some(d) = d {
        let items = vm.dict_items(&Value::Obj(d))?;
        for (i, (k, v)) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let r = vm.repr_string(v)?;
            out.push_str(&format!("{}={r}", vm.str_text(k)));
        }
    }
    out.push(')');
    Ok(vm.new_string(out))
}

fn sys_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "exit", 0, 1)?;
    let t = vm.types.system_exit.clone();
    // `PyErr_SetObject`: None means no arguments, a tuple is the argument list.
    let items = match a.first() {
        None | Some(Value::None) => Vec::new(),
        Some(v) => match v.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => vec![v.clone()],
        },
    };
    Err(vm.new_exception(&t, items))
}

/// `sys._getframe(depth=0)`: a snapshot of the running frame `depth` levels up, with its
/// `f_back` chain.
fn sys_getframe(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "_getframe", 0, 1)?;
    let depth = match a.first() {
        Some(v) => vm.index_to_i64(v)?,
        None => 0,
    };
    let n = vm.frames.len();
    let Some(top) = usize::try_from(depth)
        .ok()
        .filter(|d| *d < n)
        .map(|d| n - 1 - d)
    else {
        return Err(vm.value_error("call stack is not deep enough"));
    };
    let mut back: Option<ObjRef> = None;
    for link in vm.frames[..=top].iter() {
        back = Some(frame_object_for(vm, link, back.take()));
    }
    Ok(back.map_or(Value::None, Value::Obj))
}

/// A frame object snapshotting a running frame's record (`f_code`, `f_globals`, the line of
/// the instruction it is at) whose `f_back` is `back`.
pub(crate) fn frame_object_for(
    vm: &Vm,
    link: &crate::frame::FrameLink,
    back: Option<ObjRef>,
) -> ObjRef {
    let lineno = link
        .code
        .co
        .positions
        .get(link.ip.get() as usize)
        .map_or(link.code.co.first_line, |p| p.line);
    let info = crate::frame::FrameInfo {
        code: std::rc::Rc::clone(&link.code),
        globals: ObjRef::clone(&link.globals),
        lineno: std::cell::Cell::new(lineno),
        lasti: std::cell::Cell::new(link.ip.get() as i32),
        back,
        locals: Vec::new(),
    };
    ObjRef::new(vm.types.frame.clone(), Payload::Frame(Box::new(info)))
}

fn sys_getrecursionlimit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "getrecursionlimit", 0, 0)?;
    Ok(Value::Int(vm.recursion_limit as i64))
}

fn sys_getswitchinterval(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "getswitchinterval", 0, 0)?;
    Ok(Value::float(vm.switch_interval_us as f64 / 1e6))
}

/// `sys.setswitchinterval(secs)`: how long a thread waits for the interpreter lock before it
/// asks the running thread to hand it over (`threads.rs`).
fn sys_setswitchinterval(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "setswitchinterval", 1, 1)?;
    let secs = crate::modules::math::to_f64(vm, &a[0])?;
    if secs <= 0.0 {
        return Err(vm.value_error("switch interval must be strictly positive"));
    }
    vm.set_switch_interval(secs);
    Ok(Value::None)
}

fn sys_setrecursionlimit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "setrecursionlimit", 1, 1)?;
    if matches!(a[0], Value::Float(_)) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = vm.index_to_i64(&a[0])?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    let depth = vm.recursion_depth();
    if (n as usize) <= depth {
        return Err(vm.recursion_error(&format!(
            "cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"
        )));
    }
    vm.recursion_limit = n.min(i64::from(i32::MAX)) as usize;
    Ok(Value::None)
}

/// `sys.call_tracing(func, args)`: `func(*args)` (CPython runs it with tracing on even
/// inside a trace function; Krait's hooks are not suspended around the call either).
fn sys_call_tracing(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "call_tracing", 2, 2)?;
    let items = match a[1].payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => {
            return Err(vm.type_error(format!(
                "call_tracing() argument 2 must be tuple, not {}",
                vm.type_name(&a[1])
            )));
        }
    };
    vm.call_pos(&a[0], &items)
}

fn sys_exc_info(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "exc_info", 0, 0)?;
    match vm.handled.last().cloned() {
        Some(e) if !e.is_none() => {
            let t = Value::Obj(vm.type_of(&e));
            let tb = match e.payload() {
                Some(Payload::Exception(d)) => d.traceback.borrow().clone(),
                _ => Value::None,
            };
            Ok(vm.new_tuple(vec![t, e, tb]))
        }
        _ => Ok(vm.new_tuple(vec![Value::None, Value::None, Value::None])),
    }
}

fn sys_exception(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "exception", 0, 0)?;
    Ok(vm.handled.last().cloned().unwrap_or(Value::None))
}

/// `sys.is_finalizing()`: true once the interpreter started clearing `__main__` at exit
/// (after the atexit callbacks, as CPython's `_PyRuntimeState_SetFinalizing`).
fn sys_is_finalizing(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::pos_args(vm, &args, "is_finalizing", 0, 0)?;
    Ok(Value::bool(vm.finalizing))
}

/// `sys.get_coroutine_origin_tracking_depth()`: the depth last set in this thread; coroutines
/// made while it is above 0 record that many creating frames in `cr_origin`.
fn sys_get_coroutine_origin_tracking_depth(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "get_coroutine_origin_tracking_depth", 0, 0)?;
    Ok(Value::Int(i64::from(vm.thread.coro_origin_depth)))
}

/// `sys.set_coroutine_origin_tracking_depth(depth)`.
fn sys_set_coroutine_origin_tracking_depth(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::bind_args(
        vm,
        &args,
        "set_coroutine_origin_tracking_depth",
        &["depth"],
        1,
    )?;
    let n = crate::objects::range::index_big(vm, &a[0])?;
    let depth = i32::try_from(&n)
        .map_err(|_| vm.overflow_error("Python int too large to convert to C int"))?;
    if depth < 0 {
        return Err(vm.value_error("depth must be >= 0"));
    }
    vm.thread.coro_origin_depth = depth;
    Ok(Value::None)
}

/// `sys.get_asyncgen_hooks()`: the hooks last set (recorded only: Krait's async generators
/// do not call them yet).
fn sys_get_asyncgen_hooks(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::pos_args(vm, &args, "get_asyncgen_hooks", 0, 0)?;
    let get = |vm: &Vm, k: &str| vm.mods.ext_values.get(k).cloned().unwrap_or(Value::None);
    let first = get(vm, "sys.asyncgen_firstiter");
    let fin = get(vm, "sys.asyncgen_finalizer");
    let v = struct_seq(
        vm,
        "asyncgen_hooks",
        &["firstiter", "finalizer"],
        vec![first, fin],
    );
    // CPython names this type without a module (`asyncgen_hooks(firstiter=None, ...)`).
    let t = vm.type_of(&v);
    let m = vm.new_str("builtins");
    vm.set_type_attr(&t, "__module__", m);
    Ok(v)
}

/// `sys.set_asyncgen_hooks(firstiter=..., finalizer=...)`: each callable or `None`; an
/// argument left out keeps its hook.
fn sys_set_asyncgen_hooks(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::bind_args(
        vm,
        &args,
        "set_asyncgen_hooks",
        &["firstiter", "finalizer"],
        0,
    )?;
    for (v, what) in [(&a[1], "finalizer"), (&a[0], "firstiter")] {
        if v.is_null() {
            continue;
        }
        if !v.is_none() && !vm.is_callable(v) {
            return Err(vm.type_error(format!("callable {what} expected, got {}", vm.type_name(v))));
        }
    }
    for (v, key) in [
        (&a[0], "sys.asyncgen_firstiter"),
        (&a[1], "sys.asyncgen_finalizer"),
    ] {
        if !v.is_null() {
            vm.mods.ext_values.insert(key, v.clone());
        }
    }
    Ok(Value::None)
}

fn sys_intern(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "intern", 1, 1)?;
    if let Value::Obj(o) = &a[0]
        && matches!(o.payload, Payload::Str(_))
        && !ObjRef::ptr_eq(&vm.type_of(&a[0]), &vm.types.str)
    {
        return Err(vm.type_error(format!("can't intern {}", vm.type_name(&a[0]))));
    }
    match a[0].payload() {
        // `PyUnicode_InternInPlace`: the first string interned is the one kept.
        Some(Payload::Str(s)) if s.to_str().is_some() => {
            let t = s.as_str().into_owned();
            match &a[0] {
                Value::Obj(o) => Ok(Value::Obj(vm.intern_object(o, &t))),
                _ => Ok(Value::Obj(vm.intern(&t))),
            }
        }
        Some(Payload::Str(_)) => Ok(a[0].clone()),
        _ => Err(vm.type_error(format!(
            "intern() argument must be str, not {}",
            vm.type_name(&a[0])
        ))),
    }
}

fn sys_getsizeof(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "getsizeof", 1, 2)?;
    match vm.call_special(&a[0], "__sizeof__", &[])? {
        Some(v) => {
            let n = vm.index_to_i64(&v)?;
            Ok(Value::Int(n + 16))
        }
        None => Ok(Value::Int(16)),
    }
}

fn sys_getrefcount(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "getrefcount", 1, 1)?;
    Ok(Value::Int(match &a[0] {
        Value::Obj(o) => o.strong_count() as i64,
        _ => 1 << 30,
    }))
}

fn sys_getdefaultencoding(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "sys.getdefaultencoding", 0, 0)?;
    Ok(vm.new_str("utf-8"))
}

fn sys_getfilesystemencoding(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "sys.getfilesystemencoding", 0, 0)?;
    Ok(vm.new_str("utf-8"))
}

fn sys_getfilesystemencodeerrors(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "getfilesystemencodeerrors", 0, 0)?;
    Ok(vm.new_str("surrogateescape"))
}

fn sys_get_int_max_str_digits(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "get_int_max_str_digits", 0, 0)?;
    Ok(Value::Int(vm.int_max_str_digits as i64))
}

fn sys_set_int_max_str_digits(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let mut v = args.pos().first().cloned();
    for (k, val) in args.kwargs() {
        if vm.str_text(k) == "maxdigits" {
            v = Some(val.clone());
        }
    }
    let Some(v) = v else {
        return Err(
            vm.type_error("set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)")
        );
    };
    let n = vm.index_to_i64(&v)?;
    if n != 0 && n < 640 {
        return Err(vm.value_error("maxdigits must be 0 or larger than 640"));
    }
    vm.int_max_str_digits = n as usize;
    Ok(Value::None)
}

fn sys_displayhook(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "displayhook", 1, 1)?;
    vm.default_display_hook(&a[0])?;
    Ok(Value::None)
}

/// `sys.excepthook(type, value, traceback)`'s default (`PyErr_Display`): the report on
/// `sys.stderr` as it is now (nothing when that is None), then a flush. A traceback given for
/// an exception that has none becomes its `__traceback__`.
fn sys_excepthook(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "excepthook", 3, 3)?;
    if let Some(Payload::Exception(d)) = a[1].payload()
        && d.traceback.borrow().is_none()
        && matches!(a[2].payload(), Some(Payload::Traceback(_)))
    {
        *d.traceback.borrow_mut() = a[2].clone();
    }
    display(vm, &a[1]);
    Ok(Value::None)
}

/// `PyErr_Display`: write the report of `exc` to `sys.stderr` and flush it; errors in doing
/// so are dropped.
fn display(vm: &mut Vm, exc: &Value) {
    let text = vm.format_exception(exc);
    match vm.sys_attr("stderr") {
        Some(f) if f.is_none() => {}
        Some(f) => {
            if crate::builtins::write_to(vm, &f, &text).is_ok() {
                let _ = vm
                    .getattr_str(&f, "flush")
                    .and_then(|m| vm.call_pos(&m, &[]));
            }
        }
        None => {
            vm.write_stderr(text.as_bytes());
            vm.write_stderr(b"lost sys.stderr\n");
        }
    }
}

impl Vm {
    /// Python frames plus counted native levels: what the recursion limit bounds.
    pub fn recursion_depth(&self) -> usize {
        self.frames.len() + self.native_depth
    }

    /// `_Py_EnterRecursiveCall(where)`: count one native level, or raise RecursionError with
    /// CPython's message for that site (`where` starts with a space, or is empty).
    ///
    /// Inlined at every counted builtin call: the check is two compares, and the message is
    /// built out of line only when it fails.
    #[inline]
    pub fn enter_recursive_call(&mut self, where_: &str) -> PyResult<()> {
        if self.recursion_depth() >= self.recursion_limit || self.stack_exhausted() {
            return Err(self.recursion_exceeded(where_));
        }
        self.native_depth += 1;
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn recursion_exceeded(&mut self, where_: &str) -> PyErr {
        self.recursion_error(&format!("maximum recursion depth exceeded{where_}"))
    }

    /// `_Py_LeaveRecursiveCall`.
    #[inline]
    pub fn leave_recursive_call(&mut self) {
        self.native_depth = self.native_depth.saturating_sub(1);
    }

    /// Run `f` as one counted native level.
    #[inline(always)]
    pub fn with_recursion_check<T>(
        &mut self,
        where_: &str,
        f: impl FnOnce(&mut Vm) -> PyResult<T>,
    ) -> PyResult<T> {
        self.enter_recursive_call(where_)?;
        let r = f(self);
        self.leave_recursive_call();
        r
    }

    /// Issue a warning from native code, attributed to the innermost Python frame.
    pub fn warn(&mut self, category: &ObjRef, msg: &str) -> PyResult<()> {
        self.warn_at(category, None, msg, 1)
    }

    /// `sys.displayhook`'s default: print `repr(v)` and keep it in `builtins._`.
    pub fn default_display_hook(&mut self, v: &Value) -> PyResult<()> {
        if v.is_none() {
            return Ok(());
        }
        let b = self.builtins.clone();
        self.set_dict_str(&b, "_", Value::None);
        // Through `sys.stdout` as it is now (doctest replaces it to capture the output).
        let out = self.sys_attr("stdout").unwrap_or(Value::None);
        if out.is_none() {
            return Err(self.runtime_error("lost sys.stdout"));
        }
        let r = self.repr_string(v)?;
        crate::builtins::write_to(self, &out, &r)?;
        crate::builtins::write_to(self, &out, "\n")?;
        self.set_dict_str(&b, "_", v.clone());
        Ok(())
    }

    /// `PRINT_EXPR`: call `sys.displayhook`.
    pub fn display_hook(&mut self, v: &Value) -> PyResult<()> {
        match self.sys_attr("displayhook") {
            Some(h) => {
                self.call_pos(&h, std::slice::from_ref(v))?;
                Ok(())
            }
            None => Err(self.runtime_error("lost sys.displayhook")),
        }
    }

    /// Report an uncaught exception (`PyErr_PrintEx`): through `sys.excepthook`, whose own
    /// failure is reported before the original exception.
    pub fn print_exception(&mut self, err: &PyErr) {
        self.flush_stdout();
        let exc = Value::Obj(err.0.clone());
        let hook = self.sys_attr("excepthook").filter(|h| !h.is_none());
        let Some(hook) = hook else {
            self.write_stderr(b"sys.excepthook is missing\n");
            display(self, &exc);
            return;
        };
        let ty = Value::Obj(self.type_of(&exc));
        let tb = match exc.payload() {
            Some(Payload::Exception(d)) => d.traceback.borrow().clone(),
            _ => Value::None,
        };
        if let Err(e) = self.call_pos(&hook, &[ty, exc.clone(), tb]) {
            if self.limit_tripped() {
                return;
            }
            let e = Value::Obj(e.0);
            self.flush_stdout();
            self.write_stderr(b"Error in sys.excepthook:\n");
            display(self, &e);
            self.write_stderr(b"\nOriginal exception was:\n");
            display(self, &exc);
        }
    }
}

/// `sys.audit(event, *args)`: no audit hooks can be installed (`sys.addaudithook` does not
/// exist yet), so, as in CPython without hooks, nothing happens.
/// `sys.gettrace()` / `sys.getprofile()`.
fn sys_gettrace(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::pos_args(vm, &args, "gettrace", 0, 0)?;
    Ok(vm.trace_hook(false))
}

fn sys_getprofile(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::pos_args(vm, &args, "getprofile", 0, 0)?;
    Ok(vm.trace_hook(true))
}

/// `sys.settrace(func)` / `sys.setprofile(func)` (`trace.rs`); `None` removes the function.
fn sys_settrace(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    set_hook(vm, args, "settrace", false)
}

fn sys_setprofile(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    set_hook(vm, args, "setprofile", true)
}

fn set_hook(vm: &mut Vm, args: Args<'_>, name: &str, profile: bool) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, name, 1, 1)?;
    let f = if a[0].is_none() {
        None
    } else {
        Some(a[0].clone())
    };
    if f.is_none() && vm.tracing.is_none() {
        return Ok(Value::None);
    }
    vm.set_trace_hook(profile, f);
    Ok(Value::None)
}

fn sys_audit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::no_kwargs(vm, &args, "audit")?;
    if args.pos().is_empty() {
        return Err(vm.type_error("audit() missing 1 required positional argument: 'event'"));
    }
    Ok(Value::None)
}
