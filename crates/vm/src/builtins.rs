//! The `builtins` module (CPython: `Python/bltinmodule.c`).

use krait_bytecode::{BinaryOp, CompareOp};

mod docs;
pub mod io;
pub mod io_std;

use crate::native::pos_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::typeobj::is_subtype;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

/// Fill the `builtins` namespace.
pub fn init(vm: &mut Vm) {
    let b = vm.builtins.clone();
    for (name, t) in vm.types.all() {
        if matches!(
            name,
            "NoneType"
                | "NotImplementedType"
                | "ellipsis"
                | "function"
                | "builtin_function_or_method"
                | "method_descriptor"
                | "classmethod_descriptor"
                | "method"
                | "code"
                | "module"
                | "cell"
                | "generator"
                | "coroutine"
                | "async_generator"
                | "getset_descriptor"
                | "member_descriptor"
                | "traceback"
                | "frame"
                | "mappingproxy"
                | "GenericAlias"
                | "UnionType"
                | "TextIOWrapper"
        ) || name.ends_with("iterator")
            || name.starts_with("async_generator_")
            || name == "coroutine_wrapper"
            || name.starts_with("dict_")
        {
            continue;
        }
        vm.set_dict_str(&b, name, Value::Obj(t));
    }
    // `EnvironmentError` and `IOError` are aliases of OSError.
    let ose = Value::Obj(vm.types.os_error.clone());
    vm.set_dict_str(&b, "EnvironmentError", ose.clone());
    vm.set_dict_str(&b, "IOError", ose);
    vm.set_dict_str(&b, "None", Value::None);
    vm.set_dict_str(&b, "True", Value::bool(true));
    vm.set_dict_str(&b, "False", Value::bool(false));
    let e = vm.ellipsis.clone();
    vm.set_dict_str(&b, "Ellipsis", e);
    let ni = vm.not_implemented.clone();
    vm.set_dict_str(&b, "NotImplemented", ni);
    let debug = vm.config.optimize == 0;
    vm.set_dict_str(&b, "__debug__", Value::bool(debug));
    let n = vm.new_str("builtins");
    vm.set_dict_str(&b, "__name__", n);
    vm.set_dict_str(&b, "__doc__", Value::None);
    let funcs: &[(&'static str, crate::objects::function::NativeFn)] = &[
        ("print", builtin_print),
        ("len", builtin_len),
        ("repr", builtin_repr),
        ("ascii", builtin_ascii),
        ("isinstance", builtin_isinstance),
        ("issubclass", builtin_issubclass),
        ("hasattr", builtin_hasattr),
        ("getattr", builtin_getattr),
        ("setattr", builtin_setattr),
        ("delattr", builtin_delattr),
        ("id", builtin_id),
        ("hash", builtin_hash),
        ("iter", builtin_iter),
        ("next", builtin_next),
        ("callable", builtin_callable),
        ("abs", builtin_abs),
        ("min", builtin_min),
        ("max", builtin_max),
        ("sum", builtin_sum),
        ("all", builtin_all),
        ("any", builtin_any),
        ("sorted", builtin_sorted),
        ("chr", builtin_chr),
        ("ord", builtin_ord),
        ("divmod", builtin_divmod),
        ("pow", builtin_pow),
        ("round", builtin_round),
        ("bin", builtin_bin),
        ("oct", builtin_oct),
        ("hex", builtin_hex),
        ("format", builtin_format),
        ("vars", builtin_vars),
        ("dir", builtin_dir),
        ("globals", builtin_globals),
        ("locals", builtin_locals),
        ("exec", builtin_exec),
        ("eval", builtin_eval),
        ("compile", builtin_compile),
        ("__import__", builtin_import),
        ("__build_class__", builtin_build_class),
        ("input", builtin_input),
        ("open", io::builtin_open),
        ("breakpoint", builtin_breakpoint),
        ("help", builtin_help),
        ("aiter", builtin_aiter),
        ("anext", builtin_anext),
    ];
    let bm = vm.builtins_module.clone();
    vm.add_functions(&bm, funcs);
    let k = Value::Obj(vm.intern("__import__"));
    let builtins = vm.builtins.clone();
    if let Ok(Some(Value::Obj(f))) = vm.dict_get(&builtins, &k) {
        vm.mods.import_func = Some(f);
    }
    add_docs(vm);
    vm.builtin_modules.push(("__future__", future_init));
}

/// Builtins CPython 3.11 defines `METH_FASTCALL` (or calls through a dedicated specialized
/// instruction, like `len` and `isinstance`): warm code calls them without a recursion check.
const FASTCALL_BUILTINS: &[&str] = &[
    "getattr",
    "setattr",
    "hasattr",
    "delattr",
    "isinstance",
    "issubclass",
    "len",
    "iter",
    "next",
    "format",
    "sorted",
    "print",
    "sum",
    "round",
    "pow",
    "divmod",
    "input",
    "compile",
    "__import__",
    "__build_class__",
    "open",
    "anext",
];

/// Give the builtin functions and types their docstrings.
fn add_docs(vm: &mut Vm) {
    let b = vm.builtins.clone();
    for (name, doc) in docs::FUNCTION_DOCS {
        let h = vm.hash_text(name);
        let found = match &b.payload {
            Payload::Dict(t) => crate::objects::typeobj::dict_get_str(&t.borrow(), name, h),
            _ => None,
        };
        let Some(Value::Obj(f)) = found else { continue };
        let Payload::Builtin(data) = &f.payload else {
            continue;
        };
        let with_doc = crate::objects::function::BuiltinData {
            name: data.name,
            func: data.func,
            bound: data.bound.clone(),
            owner: data.owner.clone(),
            doc: Some(doc),
            is_method: data.is_method,
            is_classmethod: data.is_classmethod,
            is_static: data.is_static,
            needs_frame: data.needs_frame,
            fastcall: FASTCALL_BUILTINS.contains(name),
        };
        let v = Value::Obj(ObjRef::new(f.class(), Payload::Builtin(Box::new(with_doc))));
        vm.set_dict_str(&b, name, v);
    }
    let dh = vm.hash_text("__doc__");
    for (name, doc) in docs::TYPE_DOCS {
        let h = vm.hash_text(name);
        let found = match &b.payload {
            Payload::Dict(t) => crate::objects::typeobj::dict_get_str(&t.borrow(), name, h),
            _ => None,
        };
        // A type whose namespace already holds a `__doc__` descriptor keeps it.
        if let Some(Value::Obj(t)) = found
            && let Payload::Type(td) = &t.payload
            && crate::objects::typeobj::dict_get_str(&td.dict.borrow(), "__doc__", dh).is_none()
        {
            let d = vm.new_str(doc);
            vm.set_type_attr(&t, "__doc__", d);
        }
    }
}

/// The `__future__` module: the feature names, so `from __future__ import x` finds them.
fn future_init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let Payload::Module(md) = &m.payload else {
        return Ok(());
    };
    let d = md.dict.clone();
    // (name, optional release, mandatory release or None, compiler flag), as Lib/__future__.py.
    type Release = (i64, i64, i64, &'static str, i64);
    let features: [(&str, Release, Option<Release>, i64); 10] = [
        (
            "nested_scopes",
            (2, 1, 0, "beta", 1),
            Some((2, 2, 0, "alpha", 0)),
            0x0010,
        ),
        (
            "generators",
            (2, 2, 0, "alpha", 1),
            Some((2, 3, 0, "final", 0)),
            0,
        ),
        (
            "division",
            (2, 2, 0, "alpha", 2),
            Some((3, 0, 0, "alpha", 0)),
            0x20000,
        ),
        (
            "absolute_import",
            (2, 5, 0, "alpha", 1),
            Some((3, 0, 0, "alpha", 0)),
            0x40000,
        ),
        (
            "with_statement",
            (2, 5, 0, "alpha", 1),
            Some((2, 6, 0, "alpha", 0)),
            0x80000,
        ),
        (
            "print_function",
            (2, 6, 0, "alpha", 2),
            Some((3, 0, 0, "alpha", 0)),
            0x100000,
        ),
        (
            "unicode_literals",
            (2, 6, 0, "alpha", 2),
            Some((3, 0, 0, "alpha", 0)),
            0x200000,
        ),
        (
            "barry_as_FLUFL",
            (3, 1, 0, "alpha", 2),
            Some((4, 0, 0, "alpha", 0)),
            0x400000,
        ),
        (
            "generator_stop",
            (3, 5, 0, "beta", 1),
            Some((3, 7, 0, "alpha", 0)),
            0x800000,
        ),
        ("annotations", (3, 7, 0, "beta", 1), None, 0x1000000),
    ];
    let ns = Value::Obj(vm.new_dict());
    let module_name = vm.new_str("__future__");
    let k = Value::Obj(vm.intern("__module__"));
    vm.setitem(&ns, k, module_name)?;
    let meta = vm.types.type_.clone();
    let cls = Value::Obj(vm.type_new(&meta, "_Feature", Vec::new(), &ns, &[])?);
    vm.set_dict_str(&d, "_Feature", cls.clone());
    let release = |vm: &mut Vm, r: Release| {
        let level = vm.new_str(r.3);
        vm.new_tuple(vec![
            Value::Int(r.0),
            Value::Int(r.1),
            Value::Int(r.2),
            level,
            Value::Int(r.4),
        ])
    };
    let mut names = Vec::new();
    for (name, optional, mandatory, flag) in features {
        let f = vm.call_pos(&cls, &[])?;
        let opt = release(vm, optional);
        let man = match mandatory {
            Some(r) => release(vm, r),
            None => Value::None,
        };
        for (attr, v) in [
            ("optional", opt),
            ("mandatory", man),
            ("compiler_flag", Value::Int(flag)),
        ] {
            let k = vm.intern(attr);
            vm.setattr(&f, &k, Some(v))?;
        }
        vm.set_dict_str(&d, name, f);
        names.push(vm.new_str(name));
    }
    let all = vm.new_list(names);
    vm.set_dict_str(&d, "all_feature_names", all);
    Ok(())
}

/// Write text to `sys.stdout` (or another file object): `file.write(text)`, straight to
/// the stream for the native text files.
pub fn write_to(vm: &mut Vm, file: &Value, text: &str) -> PyResult<()> {
    if let Some(r) = io_std::native_text_write(vm, file, text) {
        return r;
    }
    let w = vm.getattr_str(file, "write")?;
    let s = vm.new_str(text);
    vm.call_pos(&w, &[s])?;
    Ok(())
}

fn builtin_print(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let mut sep = None;
    let mut end = None;
    let mut file = Value::None;
    let mut flush = false;
    for (k, v) in args.kwargs() {
        match vm.str_text(k).as_str() {
            "sep" => sep = Some(v.clone()),
            "end" => end = Some(v.clone()),
            "file" => file = v.clone(),
            "flush" => flush = vm.is_true(v)?,
            other => {
                return Err(vm.type_error(format!(
                    "'{other}' is an invalid keyword argument for print()"
                )));
            }
        }
    }
    // `sep`/`end`: a str, or None for the default (kept as `None` here).
    let check = |vm: &mut Vm, v: Option<Value>, what: &str| -> PyResult<Option<Value>> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(v) if matches!(v.payload(), Some(Payload::Str(_))) => Ok(Some(v)),
            Some(v) => Err(vm.type_error(format!(
                "{what} must be None or a string, not {}",
                vm.type_name(&v)
            ))),
        }
    };
    let sep = check(vm, sep, "sep")?;
    let end = check(vm, end, "end")?;
    if file.is_none() {
        file = vm.sys_attr("stdout").unwrap_or(Value::None);
        if file.is_none() {
            return Ok(Value::None);
        }
    }
    if io_std::is_native_text(vm, &file) {
        // One write of the whole line, lone surrogates and all (the stream's error handler
        // decides about them).
        let mut out: Vec<u8> = Vec::with_capacity(64);
        let wtf8 = |v: &Option<Value>, default: &[u8], out: &mut Vec<u8>| match v {
            Some(v) => {
                if let Some(Payload::Str(s)) = v.payload() {
                    out.extend_from_slice(s.wtf8());
                }
            }
            None => out.extend_from_slice(default),
        };
        for (i, a) in args.pos().iter().enumerate() {
            if i > 0 {
                wtf8(&sep, b" ", &mut out);
            }
            let s = vm.str(a)?;
            wtf8(&Some(s), b"", &mut out);
        }
        wtf8(&end, b"\n", &mut out);
        io_std::native_write(vm, &file, &out)?;
    } else {
        let sep = sep.unwrap_or_else(|| vm.new_str(" "));
        let end = end.unwrap_or_else(|| vm.new_str("\n"));
        let w = vm.getattr_str(&file, "write")?;
        for (i, a) in args.pos().iter().enumerate() {
            if i > 0 {
                vm.call_pos(&w, std::slice::from_ref(&sep))?;
            }
            let s = vm.str(a)?;
            vm.call_pos(&w, &[s])?;
        }
        vm.call_pos(&w, &[end])?;
    }
    if flush {
        if let Some(r) = io_std::native_flush(vm, &file) {
            r?;
        } else {
            let f = vm.getattr_str(&file, "flush")?;
            vm.call_pos(&f, &[])?;
        }
    }
    Ok(Value::None)
}

fn builtin_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "len", 1, 1)?;
    let n = vm.len(&a[0])?;
    Ok(Value::Int(n as i64))
}

fn builtin_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "repr", 1, 1)?;
    vm.repr(&a[0])
}

fn builtin_ascii(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "ascii", 1, 1)?;
    vm.ascii(&a[0])
}

impl Vm {
    /// `isinstance(obj, cls)` with `__instancecheck__` and tuples.
    pub fn isinstance(&mut self, obj: &Value, cls: &Value) -> PyResult<bool> {
        if let Value::Obj(c) = cls
            && let Payload::Type(_) = &c.payload
        {
            if is_subtype(&self.type_of(obj), c) {
                return Ok(true);
            }
            if c.class_is(&self.types.type_) {
                // Plain classes: also honour a differing __class__.
                let k = self.intern("__class__");
                if let Some(Value::Obj(oc)) = self.getattr_opt(obj, &k)?
                    && matches!(oc.payload, Payload::Type(_))
                {
                    return Ok(is_subtype(&oc, c));
                }
                return Ok(false);
            }
        }
        if let Some(Payload::Tuple(t)) = cls.payload() {
            for c in t.iter() {
                if self.stack_exhausted() {
                    return Err(self
                        .recursion_error("maximum recursion depth exceeded in __instancecheck__"));
                }
                if self.isinstance(obj, c)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if let Some(f) = self.lookup_special_str(cls, "__instancecheck__") {
            let r = self.call_method_value(&f, cls, std::slice::from_ref(obj))?;
            return self.is_true(&r);
        }
        Err(self.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
    }

    /// `issubclass(sub, cls)`.
    pub fn issubclass(&mut self, sub: &Value, cls: &Value) -> PyResult<bool> {
        if let (Value::Obj(s), Value::Obj(c)) = (sub, cls)
            && let (Payload::Type(_), Payload::Type(_)) = (&s.payload, &c.payload)
            && c.class_is(&self.types.type_)
        {
            return Ok(is_subtype(s, c));
        }
        if let Some(Payload::Tuple(t)) = cls.payload() {
            for c in t.iter() {
                if self.issubclass(sub, c)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if let Some(f) = self.lookup_special_str(cls, "__subclasscheck__") {
            if !matches!(sub.payload(), Some(Payload::Type(_)))
                && matches!(cls.payload(), Some(Payload::Type(_)))
            {
                return Err(self.type_error("issubclass() arg 1 must be a class"));
            }
            let r = self.call_method_value(&f, cls, std::slice::from_ref(sub))?;
            return self.is_true(&r);
        }
        if !matches!(sub.payload(), Some(Payload::Type(_))) {
            return Err(self.type_error("issubclass() arg 1 must be a class"));
        }
        Err(self.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"))
    }

    /// CPython's symtable starts at three times the current depth against three times the
    /// limit and a statement nests a few levels deep: compiling at the last levels fails.
    pub fn compile_recursion_check(&mut self) -> PyResult<()> {
        const SCALE: usize = 3;
        const MIN_NESTING: usize = 4;
        if self.recursion_depth() * SCALE + MIN_NESTING > self.recursion_limit * SCALE {
            return Err(self.recursion_error("maximum recursion depth exceeded during compilation"));
        }
        Ok(())
    }

    /// `RecursionError(msg)`
    pub fn recursion_error(&mut self, msg: &str) -> PyErr {
        let t = self.types.recursion_error.clone();
        self.new_exception_msg(&t, msg)
    }
}

fn builtin_isinstance(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "isinstance", 2, 2)?;
    Ok(Value::bool(vm.isinstance(&a[0], &a[1])?))
}

fn builtin_issubclass(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "issubclass", 2, 2)?;
    Ok(Value::bool(vm.issubclass(&a[0], &a[1])?))
}

fn attr_name(vm: &mut Vm, v: &Value) -> PyResult<ObjRef> {
    match v {
        Value::Obj(o) if matches!(o.payload, Payload::Str(_)) => Ok(o.clone()),
        _ => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!("attribute name must be string, not '{t}'")))
        }
    }
}

fn builtin_hasattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "hasattr", 2, 2)?;
    let name = attr_name(vm, &a[1])?;
    // `_PyObject_LookupAttr`: any AttributeError (also one raised by a property) is "no".
    match vm.getattr(&a[0], &name) {
        Ok(_) => Ok(Value::bool(true)),
        Err(e) if vm.err_matches(&e, &vm.types.attribute_error.clone()) => Ok(Value::bool(false)),
        Err(e) => Err(e),
    }
}

fn builtin_getattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "getattr", 2, 3)?;
    let name = attr_name(vm, &a[1])?;
    if a.len() == 3 {
        // Any AttributeError (also one a property raises) selects the default.
        return match vm.getattr_opt(&a[0], &name) {
            Ok(v) => Ok(v.unwrap_or_else(|| a[2].clone())),
            Err(e) if vm.err_matches(&e, &vm.types.attribute_error.clone()) => Ok(a[2].clone()),
            Err(e) => Err(e),
        };
    }
    vm.getattr(&a[0], &name)
}

fn builtin_setattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "setattr", 3, 3)?;
    let name = attr_name(vm, &a[1])?;
    vm.setattr(&a[0], &name, Some(a[2].clone()))?;
    Ok(Value::None)
}

fn builtin_delattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "delattr", 2, 2)?;
    let name = attr_name(vm, &a[1])?;
    vm.setattr(&a[0], &name, None)?;
    Ok(Value::None)
}

fn builtin_id(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "id", 1, 1)?;
    Ok(Value::Int(a[0].identity() as i64))
}

fn builtin_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "hash", 1, 1)?;
    Ok(Value::Int(vm.hash(&a[0])?))
}

fn builtin_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "iter", 1, 2)?;
    if a.len() == 2 {
        if !vm.is_callable(&a[0]) {
            return Err(vm.type_error("iter(v, w): v must be callable"));
        }
        let t = vm.types.callable_iterator.clone();
        let st = crate::objects::iter::IterState::Call {
            func: a[0].clone(),
            sentinel: a[1].clone(),
        };
        return Ok(Value::Obj(ObjRef::new(
            t,
            Payload::Iter(Box::new(std::cell::RefCell::new(st))),
        )));
    }
    vm.iter(&a[0])
}

fn builtin_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "next", 1, 2)?;
    let it = &a[0];
    let is_iter = matches!(it.payload(), Some(Payload::Iter(_)))
        || matches!(it, Value::Obj(o) if o.class_is(&vm.types.generator))
        || vm.lookup_special_str(it, "__next__").is_some();
    if !is_iter {
        return Err(vm.type_error(format!("'{}' object is not an iterator", vm.type_name(it))));
    }
    if let Some(Payload::Iter(_)) = it.payload() {
        return match vm.next(it)? {
            Some(v) => Ok(v),
            None => match a.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(vm.stop_iteration(None)),
            },
        };
    }
    let r = match it.payload() {
        Some(Payload::Generator(_)) => {
            let o = it
                .as_obj()
                .cloned()
                .unwrap_or_else(|| vm.types.object.clone());
            match vm.gen_resume(&o, Value::None, None) {
                Ok(crate::frame::Exit::Yield(v)) => Ok(v),
                Ok(crate::frame::Exit::Return(v)) => {
                    Err(vm.stop_iteration(if v.is_null() || v.is_none() {
                        None
                    } else {
                        Some(v)
                    }))
                }
                Err(e) => Err(e),
            }
        }
        _ => vm
            .call_special(it, "__next__", &[])
            .map(|v| v.unwrap_or(Value::None)),
    };
    match r {
        Err(e) if a.len() == 2 && vm.err_matches(&e, &vm.types.stop_iteration.clone()) => {
            Ok(a[1].clone())
        }
        other => other,
    }
}

impl Vm {
    /// `callable(v)`.
    pub fn is_callable(&mut self, v: &Value) -> bool {
        match v.payload() {
            Some(
                Payload::Function(_) | Payload::Builtin(_) | Payload::Method(_) | Payload::Type(_),
            ) => true,
            _ => self.lookup_special_str(v, "__call__").is_some(),
        }
    }

    /// The value of `sys.<name>`, if set.
    pub fn sys_attr(&mut self, name: &str) -> Option<Value> {
        let Payload::Module(m) = &self.sys.payload else {
            return None;
        };
        let d = m.dict.clone();
        let k = self.intern(name);
        self.dict_get_str_obj(&d, &k)
    }
}

fn builtin_callable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "callable", 1, 1)?;
    Ok(Value::bool(vm.is_callable(&a[0])))
}

fn builtin_abs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "abs", 1, 1)?;
    match &a[0] {
        Value::Int(i) if *i != i64::MIN => return Ok(Value::Int(i.abs())),
        Value::Float(f) => return Ok(Value::float(f.get().abs())),
        _ => {}
    }
    match vm.call_special(&a[0], "__abs__", &[])? {
        Some(v) => Ok(v),
        None => Err(vm.type_error(format!(
            "bad operand type for abs(): '{}'",
            vm.type_name(&a[0])
        ))),
    }
}

fn min_max(vm: &mut Vm, args: Args<'_>, is_max: bool) -> PyResult<Value> {
    // `min(a, b)` / `max(a, b)` of two small ints or two floats: the first wins ties, as
    // below (only a strictly better later item replaces it).
    if let [a, b] = args.values
        && !args.has_kwargs()
    {
        let second = match (a, b) {
            (Value::Int(x), Value::Int(y)) => Some(if is_max { y > x } else { y < x }),
            (Value::Float(x), Value::Float(y)) => Some(if is_max {
                y.get() > x.get()
            } else {
                y.get() < x.get()
            }),
            _ => None,
        };
        if let Some(second) = second {
            return Ok(if second { b.clone() } else { a.clone() });
        }
    }
    let name = if is_max { "max" } else { "min" };
    let mut key = None;
    let mut default = None;
    // `PyArg_ParseTupleAndKeywords(..., "|$OO:max", ...)` counts keywords first.
    let nkw = args.kwargs().count();
    if nkw > 2 {
        return Err(vm.type_error(format!(
            "{name}() takes at most 2 keyword arguments ({nkw} given)"
        )));
    }
    for (k, v) in args.kwargs() {
        match vm.str_text(k).as_str() {
            "key" => key = Some(v.clone()).filter(|k| !k.is_none()),
            "default" => default = Some(v.clone()),
            other => {
                return Err(vm.type_error(format!(
                    "'{other}' is an invalid keyword argument for {name}()"
                )));
            }
        }
    }
    let pos = args.pos();
    // One iterable is streamed (it may be endless: only the best item is kept).
    let mut rest: std::slice::Iter<'_, Value> = [].iter();
    let it = match pos.len() {
        0 => return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => Some(vm.iter(&pos[0])?),
        _ => {
            if default.is_some() {
                return Err(vm.type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            rest = pos.iter();
            None
        }
    };
    let mut best: Option<(Value, Value)> = None;
    loop {
        let next = match &it {
            Some(i) => vm.next(i)?,
            None => rest.next().cloned(),
        };
        let Some(item) = next else { break };
        let k = match &key {
            Some(f) => vm.call_pos(f, std::slice::from_ref(&item))?,
            None => item.clone(),
        };
        best = Some(match best {
            None => (k, item),
            Some((bk, bv)) => {
                let better =
                    vm.compare_bool(&k, &bk, if is_max { CompareOp::Gt } else { CompareOp::Lt })?;
                if better { (k, item) } else { (bk, bv) }
            }
        });
    }
    match best {
        Some((_, v)) => Ok(v),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        },
    }
}

fn builtin_min(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    min_max(vm, args, false)
}

fn builtin_max(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    min_max(vm, args, true)
}

fn builtin_sum(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    let mut start = Value::Int(0);
    for (k, v) in args.kwargs() {
        if vm.str_text(k) == "start" {
            start = v.clone();
        } else {
            return Err(vm.type_error(format!(
                "sum() got an unexpected keyword argument '{}'",
                vm.str_text(k)
            )));
        }
    }
    if pos.is_empty() || pos.len() > 2 {
        return Err(vm.type_error(format!(
            "sum() takes at most 2 arguments ({} given)",
            pos.len()
        )));
    }
    if pos.len() == 2 {
        start = pos[1].clone();
    }
    match start.payload() {
        Some(Payload::Str(_)) => {
            return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
        }
        Some(Payload::Bytes(_)) => {
            return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]"));
        }
        Some(Payload::ByteArray(_)) => {
            return Err(vm.type_error("sum() can't sum bytearray [use b''.join(seq) instead]"));
        }
        _ => {}
    }
    let it = vm.iter(&pos[0])?;
    let mut acc = start;
    // Floats are summed with compensation like CPython's fast path.
    while let Some(v) = vm.next(&it)? {
        acc = vm.binary_op(&acc, &v, BinaryOp::Add)?;
    }
    Ok(acc)
}

fn builtin_all(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "all", 1, 1)?;
    let it = vm.iter(&a[0])?;
    while let Some(v) = vm.next(&it)? {
        if !vm.is_true(&v)? {
            return Ok(Value::bool(false));
        }
    }
    Ok(Value::bool(true))
}

fn builtin_any(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "any", 1, 1)?;
    let it = vm.iter(&a[0])?;
    while let Some(v) = vm.next(&it)? {
        if vm.is_true(&v)? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

fn builtin_sorted(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() != 1 {
        return Err(vm.type_error(format!("sorted expected 1 argument, got {}", pos.len())));
    }
    let items = vm.iterate(&pos[0])?;
    let list = vm.new_list(items);
    let sort = vm.getattr_str(&list, "sort")?;
    let kw: Vec<Value> = args.kwnames.to_vec();
    let vals: Vec<Value> = args.kwargs().map(|(_, v)| v.clone()).collect();
    // CPython calls the bound `list.sort`, a counted builtin call.
    vm.with_recursion_check(" while calling a Python object", |vm| {
        vm.call(
            &sort,
            Args {
                values: &vals,
                kwnames: &kw,
            },
        )
    })?;
    Ok(list)
}

fn builtin_chr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "chr", 1, 1)?;
    let i = match &a[0] {
        Value::Int(i) => *i,
        Value::Bool(b) => i64::from(b.get()),
        Value::Float(_) => {
            return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
        }
        other => match vm.index_to_i64(other) {
            Ok(i) => i,
            Err(e) => {
                if vm.err_matches(&e, &vm.types.overflow_error.clone()) {
                    return Err(vm.overflow_error("Python int too large to convert to C int"));
                }
                return Err(e);
            }
        },
    };
    if !(0..=0x10FFFF).contains(&i) {
        if i > i64::from(i32::MAX) || i < i64::from(i32::MIN) {
            return Err(vm.overflow_error("Python int too large to convert to C int"));
        }
        return Err(vm.value_error("chr() arg not in range(0x110000)"));
    }
    if let Ok(b) = u8::try_from(i) {
        return Ok(Value::Obj(vm.latin1_char(b)));
    }
    Ok(vm.new_pystr(crate::objects::str::PyStr::from_code_points([i as u32])))
}

fn builtin_ord(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "ord", 1, 1)?;
    match a[0].payload() {
        Some(Payload::Str(s)) => {
            if s.len() != 1 {
                return Err(vm.type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.len()
                )));
            }
            Ok(Value::Int(i64::from(s.char_at(0).unwrap_or(0))))
        }
        Some(Payload::Bytes(b)) => {
            if b.len() != 1 {
                return Err(vm.type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    b.len()
                )));
            }
            Ok(Value::Int(i64::from(b[0])))
        }
        Some(Payload::ByteArray(b)) => {
            let b = b.borrow();
            if b.len() != 1 {
                let n = b.len();
                drop(b);
                return Err(vm.type_error(format!(
                    "ord() expected a character, but string of length {n} found"
                )));
            }
            Ok(Value::Int(i64::from(b[0])))
        }
        _ => Err(vm.type_error(format!(
            "ord() expected string of length 1, but {} found",
            vm.type_name(&a[0])
        ))),
    }
}

fn builtin_divmod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "divmod", 2, 2)?;
    let r = vm.binary_op1(&a[0], &a[1], "__divmod__", "__rdivmod__")?;
    if r.is(&vm.not_implemented) {
        return Err(vm.type_error(format!(
            "unsupported operand type(s) for divmod(): '{}' and '{}'",
            vm.type_name(&a[0]),
            vm.type_name(&a[1])
        )));
    }
    Ok(r)
}

fn builtin_pow(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    let mut vals: Vec<Value> = pos.to_vec();
    for (k, v) in args.kwargs() {
        match vm.str_text(k).as_str() {
            "base" if vals.is_empty() => vals.push(v.clone()),
            "exp" if vals.len() == 1 => vals.push(v.clone()),
            "mod" if vals.len() == 2 => vals.push(v.clone()),
            other => {
                return Err(vm.type_error(format!(
                    "pow() got an unexpected keyword argument '{other}'"
                )));
            }
        }
    }
    if vals.len() < 2 || vals.len() > 3 {
        return Err(vm.type_error(format!(
            "pow() missing required argument '{}' (pos {})",
            if vals.is_empty() { "base" } else { "exp" },
            vals.len() + 1
        )));
    }
    if vals.len() == 3 && !vals[2].is_none() {
        let m = vals[2].clone();
        let mut r = match vm.lookup_special_str(&vals[0], "__pow__") {
            Some(f) => vm.call_method_value(&f, &vals[0], &[vals[1].clone(), m])?,
            None => vm.not_implemented.clone(),
        };
        if r.is(&vm.not_implemented)
            && !ObjRef::ptr_eq(&vm.type_of(&vals[0]), &vm.type_of(&vals[1]))
            && let Some(f) = vm.lookup_special_str(&vals[1], "__rpow__")
            // Only a builtin slot takes the modulus: a Python class's slot_nb_power refuses
            // three-argument pow through __rpow__.
            && matches!(f.payload(), Some(Payload::Builtin(_)))
        {
            r = vm.call_method_value(&f, &vals[1], &[vals[0].clone(), vals[2].clone()])?;
        }
        if r.is(&vm.not_implemented) {
            // `ternary_op` tries the modulus's slot last: float's and complex's refuse a modulus.
            let t = [&vals[0], &vals[1], &vals[2]].map(|v| vm.type_of(v));
            let num = |vm: &Vm, t: &ObjRef| {
                is_subtype(t, &vm.types.int)
                    || is_subtype(t, &vm.types.float)
                    || is_subtype(t, &vm.types.complex)
            };
            if num(vm, &t[0]) && num(vm, &t[1]) {
                if is_subtype(&t[2], &vm.types.float)
                    && !is_subtype(&t[0], &vm.types.complex)
                    && !is_subtype(&t[1], &vm.types.complex)
                {
                    return Err(vm.type_error(
                        "pow() 3rd argument not allowed unless all arguments are integers",
                    ));
                }
                if is_subtype(&t[2], &vm.types.complex) {
                    return Err(vm.value_error("complex modulo"));
                }
            }
            return Err(vm.type_error(format!(
                "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
                vm.type_name(&vals[0]),
                vm.type_name(&vals[1]),
                vm.type_name(&vals[2])
            )));
        }
        return Ok(r);
    }
    vm.binary_op(&vals[0], &vals[1], BinaryOp::Power)
}

fn builtin_round(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let mut vals: Vec<Value> = args.pos().to_vec();
    for (k, v) in args.kwargs() {
        match vm.str_text(k).as_str() {
            "number" if vals.is_empty() => vals.push(v.clone()),
            "ndigits" if vals.len() == 1 => vals.push(v.clone()),
            other => {
                return Err(vm.type_error(format!(
                    "round() got an unexpected keyword argument '{other}'"
                )));
            }
        }
    }
    if vals.is_empty() {
        return Err(vm.type_error("round() missing required argument 'number' (pos 1)"));
    }
    if vals.len() > 2 {
        return Err(vm.type_error(format!(
            "round() takes at most 2 arguments ({} given)",
            vals.len()
        )));
    }
    let extra: Vec<Value> = if vals.len() == 2 && !vals[1].is_none() {
        vec![vals[1].clone()]
    } else {
        vec![]
    };
    match vm.call_special(&vals[0], "__round__", &extra)? {
        Some(r) => Ok(r),
        None => Err(vm.type_error(format!(
            "type {} doesn't define __round__ method",
            vm.type_name(&vals[0])
        ))),
    }
}

fn radix(vm: &mut Vm, args: Args<'_>, name: &str, base: u32, prefix: &str) -> PyResult<Value> {
    let a = pos_args(vm, &args, name, 1, 1)?;
    let v = vm.index_value(&a[0])?;
    let big = vm.to_bigint(&v)?;
    let digits = krait_common::int_format::int_to_radix(
        &num_bigint::BigInt::from(big.magnitude().clone()),
        base,
        false,
    );
    let sign = if big.sign() == num_bigint::Sign::Minus {
        "-"
    } else {
        ""
    };
    Ok(vm.new_string(format!("{sign}{prefix}{digits}")))
}

fn builtin_bin(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    radix(vm, args, "bin", 2, "0b")
}

fn builtin_oct(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    radix(vm, args, "oct", 8, "0o")
}

fn builtin_hex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    radix(vm, args, "hex", 16, "0x")
}

fn builtin_format(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "format", 1, 2)?;
    if let Some(spec) = a.get(1)
        && !matches!(spec.payload(), Some(Payload::Str(_)))
    {
        return Err(vm.type_error(format!(
            "format() argument 2 must be str, not {}",
            vm.type_name(spec)
        )));
    }
    vm.format(&a[0], a.get(1))
}

fn builtin_vars(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "vars", 0, 1)?;
    if a.is_empty() {
        return vm.current_locals();
    }
    let k = vm.intern("__dict__");
    match vm.getattr_opt(&a[0], &k)? {
        Some(d) => Ok(d),
        None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
    }
}

fn builtin_dir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "dir", 0, 1)?;
    let names = if a.is_empty() {
        // `_dir_locals`: `PyMapping_Keys(locals)`, so a mapping given to `exec` works too.
        let l = vm.current_locals()?;
        let keys: Vec<Value> = if matches!(l.payload(), Some(Payload::Dict(_))) {
            vm.dict_items(&l)?.into_iter().map(|(k, _)| k).collect()
        } else {
            let keys = vm.getattr_str(&l, "keys")?;
            let keys = vm.call_pos(&keys, &[])?;
            vm.iterate(&keys)?
        };
        vm.new_list(keys)
    } else {
        match vm.call_special(&a[0], "__dir__", &[])? {
            Some(v) => {
                let items = vm.iterate(&v)?;
                vm.new_list(items)
            }
            None => return Err(vm.type_error("object does not provide __dir__")),
        }
    };
    let sort = vm.getattr_str(&names, "sort")?;
    vm.call_pos(&sort, &[])?;
    Ok(names)
}

fn builtin_globals(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "globals", 0, 0)?;
    match vm.frames.last() {
        Some(f) => Ok(Value::Obj(ObjRef::clone(&f.globals))),
        None => Ok(Value::Obj(vm.new_dict())),
    }
}

fn builtin_locals(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "locals", 0, 0)?;
    vm.current_locals()
}

impl Vm {
    /// The locals mapping of the innermost running frame (snapshot for function frames).
    pub fn current_locals(&mut self) -> PyResult<Value> {
        match self.frame_locals.last() {
            Some(Some(l)) => Ok(l.clone()),
            _ => match self.frames.last() {
                Some(f) => Ok(Value::Obj(ObjRef::clone(&f.globals))),
                None => Ok(Value::Obj(self.new_dict())),
            },
        }
    }
}

/// The source argument of `exec`, `eval` and `compile` (CPython's `_Py_SourceAsString`): a
/// str, or bytes or another buffer decoded as a source file is; none may hold a NUL. `exec` and
/// `eval` also take a code object; `compile` names what it takes instead.
fn source_arg(
    vm: &mut Vm,
    v: &Value,
    func: &str,
    filename: &str,
) -> PyResult<Result<String, std::rc::Rc<crate::frame::Code>>> {
    let null_bytes = |vm: &mut Vm| {
        let t = Value::Obj(vm.types.syntax_error.clone());
        let msg = vm.new_str("source code string cannot contain null bytes");
        let e = vm.call_pos(&t, &[msg])?;
        match e {
            Value::Obj(o) => Err(PyErr(o)),
            _ => Err(vm.type_error("SyntaxError() did not make an exception")),
        }
    };
    match v.payload() {
        Some(Payload::Str(s)) => {
            let s = s.as_str().into_owned();
            if s.contains('\0') {
                return null_bytes(vm);
            }
            return Ok(Ok(s));
        }
        Some(Payload::Code(c)) if func != "compile" => return Ok(Err(c.clone())),
        Some(Payload::LazyCode(l)) if func != "compile" => return Ok(Err(vm.lazy_code(l)?)),
        _ => {}
    }
    let Some(b) = crate::objects::bytes::bytes_of(v) else {
        let what = if func == "compile" { "AST" } else { "code" };
        return Err(vm.type_error(format!(
            "{func}() arg 1 must be a string, bytes or {what} object"
        )));
    };
    if b.contains(&0) {
        return null_bytes(vm);
    }
    Ok(Ok(vm.decode_source(&b, filename)?))
}

/// `compile()`'s filename (`PyUnicode_FSDecoder`): str, bytes, another buffer (deprecated) or
/// an `os.PathLike`.
fn compile_filename(vm: &mut Vm, v: &Value) -> PyResult<String> {
    match v.payload() {
        Some(Payload::Str(_)) => return vm.str_string(v),
        Some(Payload::Bytes(b)) => return Ok(String::from_utf8_lossy(b).into_owned()),
        _ => {}
    }
    if let Some(f) = vm.lookup_special_str(v, "__fspath__") {
        let r = vm.call_method_value(&f, v, &[])?;
        return match r.payload() {
            Some(Payload::Str(_) | Payload::Bytes(_)) => compile_filename(vm, &r),
            _ => Err(vm.type_error(format!(
                "expected {}.__fspath__() to return str or bytes, not {}",
                vm.type_name(v),
                vm.type_name(&r)
            ))),
        };
    }
    if let Some(b) = crate::objects::bytes::bytes_of(v) {
        let cat = vm.types.deprecation_warning.clone();
        let msg = format!(
            "path should be string, bytes, or os.PathLike, not {}",
            vm.type_name(v)
        );
        vm.warn(&cat, &msg)?;
        return Ok(String::from_utf8_lossy(&b).into_owned());
    }
    Err(vm.type_error(format!(
        "expected str, bytes or os.PathLike object, not {}",
        vm.type_name(v)
    )))
}

fn exec_eval(vm: &mut Vm, args: Args<'_>, is_eval: bool) -> PyResult<Value> {
    let name = if is_eval { "eval" } else { "exec" };
    let mut vals: Vec<Value> = args.pos().to_vec();
    for (k, v) in args.kwargs() {
        match vm.str_text(k).as_str() {
            "globals" if vals.len() == 1 => vals.push(v.clone()),
            "locals" if vals.len() == 2 => vals.push(v.clone()),
            "closure" if !is_eval => {}
            other => {
                return Err(vm.type_error(format!(
                    "{name}() got an unexpected keyword argument '{other}'"
                )));
            }
        }
    }
    if vals.is_empty() || vals.len() > 3 {
        return Err(vm.type_error(format!(
            "{name} expected at most 3 arguments, got {}",
            vals.len()
        )));
    }
    let globals = match vals.get(1) {
        Some(Value::None) | None => None,
        Some(g) => match g.payload() {
            Some(Payload::Dict(_)) => g.as_obj().cloned(),
            _ => {
                return Err(vm.type_error(if is_eval {
                    "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
                } else {
                    format!("exec() globals must be a dict, not {}", vm.type_name(g))
                }));
            }
        },
    };
    let locals = match vals.get(2) {
        Some(Value::None) | None => None,
        // `PyMapping_Check`: anything with `__getitem__`.
        Some(l) if vm.lookup_special_str(l, "__getitem__").is_none() => {
            return Err(vm.type_error(if is_eval {
                String::from("locals must be a mapping")
            } else {
                format!("locals must be a mapping or None, not {}", vm.type_name(l))
            }));
        }
        Some(l) => Some(l.clone()),
    };
    let (globals, locals) = match globals {
        Some(g) => {
            let l = locals.unwrap_or_else(|| Value::Obj(g.clone()));
            (g, l)
        }
        None => {
            let g = match vm.frames.last() {
                Some(f) => ObjRef::clone(&f.globals),
                None => vm.new_dict(),
            };
            let l = match locals {
                Some(l) => l,
                None => vm.current_locals()?,
            };
            (g, l)
        }
    };
    vm.ensure_builtins(&globals);
    let from_str = matches!(vals[0].payload(), Some(Payload::Str(_)));
    let code = match source_arg(vm, &vals[0], name, "<string>")? {
        Ok(src) => {
            let src = if is_eval {
                src.trim_start_matches([' ', '\t']).to_string()
            } else {
                src
            };
            let mode = if is_eval {
                krait_compiler::Mode::Eval
            } else {
                krait_compiler::Mode::Exec
            };
            vm.compile_recursion_check()?;
            let co = vm.compile_string(&src, "<string>", mode, from_str)?;
            vm.load_code(co)
        }
        Err(code) => code,
    };
    let frame = vm.new_frame(code, globals, Some(locals), None);
    let r = vm.run_frame(frame)?;
    Ok(if is_eval { r } else { Value::None })
}

fn builtin_exec(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    exec_eval(vm, args, false)
}

fn builtin_eval(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    exec_eval(vm, args, true)
}

fn builtin_compile(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let names = [
        "source",
        "filename",
        "mode",
        "flags",
        "dont_inherit",
        "optimize",
        "_feature_version",
    ];
    let mut vals: Vec<Option<Value>> = vec![None; names.len()];
    for (i, v) in args.pos().iter().enumerate() {
        if i >= names.len() {
            return Err(vm.type_error("compile() takes at most 6 arguments"));
        }
        vals[i] = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        let kn = vm.str_text(k);
        match names.iter().position(|n| *n == kn) {
            Some(i) => vals[i] = Some(v.clone()),
            None => {
                return Err(vm.type_error(format!(
                    "compile() got an unexpected keyword argument '{kn}'"
                )));
            }
        }
    }
    let (Some(src), Some(filename), Some(mode)) =
        (vals[0].clone(), vals[1].clone(), vals[2].clone())
    else {
        return Err(vm.type_error("compile() missing required argument 'source' (pos 1)"));
    };
    let flags = match &vals[3] {
        Some(v) => vm.index_to_i64(v)?,
        None => 0,
    };
    // `PyCF_MASK | PyCF_MASK_OBSOLETE | PyCF_COMPILE_MASK`: the future-feature bits, CO_NESTED,
    // and ONLY_AST, DONT_IMPLY_DEDENT, TYPE_COMMENTS, ALLOW_TOP_LEVEL_AWAIT,
    // ALLOW_INCOMPLETE_INPUT.
    const ALLOWED: i64 = 0x01FE_0000 | 0x10 | 0x400 | 0x200 | 0x1000 | 0x2000 | 0x4000;
    if flags & !ALLOWED != 0 {
        return Err(vm.value_error("compile(): unrecognised flags"));
    }
    let only_ast = flags & 0x400 != 0;
    let mode_s = vm.str_text(&mode);
    let mode = match mode_s.as_str() {
        "exec" => krait_compiler::Mode::Exec,
        "eval" => krait_compiler::Mode::Eval,
        "single" => krait_compiler::Mode::Single,
        "func_type" if !only_ast => {
            return Err(vm.value_error("compile() mode 'func_type' requires flag PyCF_ONLY_AST"));
        }
        "func_type" => krait_compiler::Mode::Exec,
        _ => {
            return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'"));
        }
    };
    if crate::modules::ast::is_ast(vm, &src) {
        if only_ast {
            return Ok(src);
        }
        let filename = compile_filename(vm, &filename)?;
        let co = crate::modules::ast::compile_tree(vm, &src, &filename, mode)?;
        let code = vm.load_code(co);
        return Ok(Value::Obj(ObjRef::new(
            vm.types.code.clone(),
            Payload::Code(code),
        )));
    }
    let filename = compile_filename(vm, &filename)?;
    let from_str = matches!(src.payload(), Some(Payload::Str(_)));
    let src = match source_arg(vm, &src, "compile", &filename)? {
        Ok(s) => s,
        Err(c) => {
            return Ok(Value::Obj(ObjRef::new(
                vm.types.code.clone(),
                Payload::Code(c),
            )));
        }
    };
    if only_ast {
        // The parser and the tree's drop recurse per nesting level, as for compile().
        let tree = crate::vm::on_compiler_stack(|| {
            if mode_s == "func_type" {
                krait_compiler::parse_func_type(&src)
            } else {
                krait_compiler::parse_tree(&src, mode, flags & 0x1000 != 0)
            }
        });
        let tree = tree.map_err(|e| vm.syntax_error_from(&e, &filename))?;
        let st = crate::modules::ast::state(vm)?;
        return crate::modules::ast::tree_to_value(vm, &st, tree);
    }
    vm.compile_recursion_check()?;
    let co = vm.compile_string(&src, &filename, mode, from_str)?;
    let code = vm.load_code(co);
    Ok(Value::Obj(ObjRef::new(
        vm.types.code.clone(),
        Payload::Code(code),
    )))
}

fn builtin_import(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let names = ["name", "globals", "locals", "fromlist", "level"];
    let mut vals: Vec<Value> = vec![
        Value::None,
        Value::None,
        Value::None,
        Value::None,
        Value::Int(0),
    ];
    let pos = args.pos();
    if pos.is_empty() || pos.len() > 5 {
        return Err(vm.type_error("__import__() missing required argument 'name' (pos 1)"));
    }
    for (i, v) in pos.iter().enumerate() {
        vals[i] = v.clone();
    }
    for (k, v) in args.kwargs() {
        let kn = vm.str_text(k);
        match names.iter().position(|n| *n == kn) {
            Some(i) => vals[i] = v.clone(),
            None => {
                return Err(vm.type_error(format!(
                    "__import__() got an unexpected keyword argument '{kn}'"
                )));
            }
        }
    }
    // `PyImport_ImportModuleLevelObject`'s check.
    let name = match &vals[0] {
        Value::Obj(o) if matches!(o.payload, Payload::Str(_)) => o.clone(),
        _ => return Err(vm.type_error("module name must be a string")),
    };
    let globals = match vals[1].as_obj() {
        Some(g) if matches!(g.payload, Payload::Dict(_)) => Some(g.clone()),
        _ => None,
    };
    vm.import_module_level(&name, globals.as_ref(), &vals[3], &vals[4])
}

fn builtin_build_class(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vm.build_class(args)
}

/// `input(prompt)` (CPython's `builtin_input_impl` when not at a terminal): the prompt goes
/// through `sys.stdout`, which is flushed, and the line comes from `sys.stdin.readline()`, so
/// it shares `sys.stdin`'s buffer with the program's own reads.
fn builtin_input(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "input", 0, 1)?;
    let fin = vm.sys_attr("stdin").filter(|v| !v.is_none());
    let Some(fin) = fin else {
        return Err(vm.runtime_error("input(): lost sys.stdin"));
    };
    let fout = vm.sys_attr("stdout").filter(|v| !v.is_none());
    let Some(fout) = fout else {
        return Err(vm.runtime_error("input(): lost sys.stdout"));
    };
    if let Some(ferr) = vm.sys_attr("stderr").filter(|v| !v.is_none())
        && let Ok(f) = vm.getattr_str(&ferr, "flush")
    {
        let _ = vm.call_pos(&f, &[]);
    }
    if let Some(p) = a.first() {
        let s = vm.str(p)?;
        let text = vm.str_text(&s);
        write_to(vm, &fout, &text)?;
    }
    match io_std::native_flush(vm, &fout) {
        Some(r) => r?,
        None => {
            let f = vm.getattr_str(&fout, "flush")?;
            vm.call_pos(&f, &[])?;
        }
    }
    let m = vm.getattr_str(&fin, "readline")?;
    let line = vm.call_pos(&m, &[])?;
    if !matches!(line.payload(), Some(Payload::Str(_))) {
        return Err(vm.type_error("object.readline() returned non-string"));
    }
    let mut s = vm.str_text(&line);
    if s.is_empty() {
        let t = vm.types.eof_error.clone();
        return Err(vm.new_exception_msg(&t, "EOF when reading a line"));
    }
    if s.ends_with('\n') {
        s.pop();
    }
    Ok(vm.new_string(s))
}

fn builtin_breakpoint(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let t = vm.types.runtime_error.clone();
    Err(vm.new_exception_msg(
        &t,
        "breakpoint() is not available: the pdb module is not supported yet",
    ))
}

fn builtin_help(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let t = vm.types.runtime_error.clone();
    Err(vm.new_exception_msg(
        &t,
        "help() is not available: the pydoc module is not supported yet",
    ))
}

fn builtin_aiter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "aiter", 1, 1)?;
    vm.get_aiter(&a[0])
}

fn builtin_anext(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "anext", 1, 2)?;
    match vm.call_special(&a[0], "__anext__", &[])? {
        Some(v) => Ok(v),
        None => Err(vm.type_error(format!(
            "'{}' object is not an async iterator",
            vm.type_name(&a[0])
        ))),
    }
}
