//! Module specs and loaders: `__spec__` and `__loader__` of the modules Krait imports itself,
//! shaped as CPython's (`Lib/importlib/_bootstrap.py`'s `ModuleSpec` and `BuiltinImporter`,
//! `_bootstrap_external.py`'s `SourceFileLoader`, `NamespaceLoader` and `_NamespacePath`),
//! but native, so a plain import never runs importlib's Python code. The classes are made
//! when the interpreter starts (`sys.__spec__` and `builtins.__spec__` need them); a spec
//! costs two small objects.
//!
//! Once a program imports `importlib` (whose `__init__` sets up `_bootstrap` and
//! `_bootstrap_external`, as CPython's `_install` does with the frozen copies),
//! `Vm::adopt_importlib` swaps importlib's own classes in: every spec, loader and namespace
//! path made so far (reached from `sys.modules`) becomes an instance of the Python class (the
//! native objects have the same `__dict__` layout), and later imports make instances of the
//! Python classes directly, still without running their `__init__`. So
//! `isinstance(json.__spec__, importlib.machinery.ModuleSpec)` holds and the whole Python
//! API (`loader_state`, `parent`, `get_code`, `path_stats`, ...) is CPython's own.

use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

/// The classes `sys` and `builtins` need from the start; the loaders of files are made at
/// the first import of one (`FileTypes`), which `-S -c pass` never does.
#[derive(Clone)]
pub struct SpecTypes {
    pub spec: ObjRef,
    pub builtin_importer: ObjRef,
    pub files: Option<FileTypes>,
    /// `PathFinder._get_spec` once importlib's classes are adopted (what a Python
    /// `_NamespacePath` recomputes itself with); `None` while the classes are native.
    pub path_getter: Value,
    /// importlib's `FileFinder`, once adopted.
    pub file_finder: Option<ObjRef>,
}

/// The classes of source modules' and namespace packages' loaders and paths.
#[derive(Clone)]
pub struct FileTypes {
    pub source_loader: ObjRef,
    pub namespace_loader: ObjRef,
    pub namespace_path: ObjRef,
}

/// A plain class (`class Name:` in `module`), made directly rather than through `type()`:
/// startup makes these, and `type_new`'s generality costs more than all the rest.
pub(crate) fn heap_class(vm: &mut Vm, module: &str, name: &str) -> ObjRef {
    use crate::objects::typeobj::{Layout, TypeData, type_data};
    let object = vm.types.object.clone();
    let mut td = TypeData::new(name, vec![object.clone()], Layout::Object, false);
    td.has_dict = true;
    let t = ObjRef::new(vm.types.type_.clone(), Payload::Type(Box::new(td)));
    *type_data(&t).mro.borrow_mut() = vec![t.clone(), object.clone()];
    type_data(&object)
        .subclasses
        .borrow_mut()
        .push(t.downgrade());
    let m = vm.new_str(module);
    vm.set_type_attr(&t, "__module__", m);
    vm.set_type_attr(&t, "__doc__", Value::None);
    vm.add_getset(
        &t,
        "__dict__",
        crate::objects::object::instance_dict_get,
        Some(crate::objects::object::instance_dict_set),
    );
    t
}

fn make_types(vm: &mut Vm) -> PyResult<SpecTypes> {
    let spec = heap_class(vm, "_frozen_importlib", "ModuleSpec");
    vm.add_methods(
        &spec,
        crate::methods![
            method "__init__" => spec_init, "";
            method "__repr__" => spec_repr, "";
            method "__eq__" => spec_eq, "";
        ],
    );
    vm.set_type_attr(&spec, "__hash__", Value::None);
    vm.add_getset(&spec, "cached", spec_cached, Some(spec_set_cached));
    vm.add_getset(&spec, "parent", spec_parent, None);
    vm.add_getset(
        &spec,
        "has_location",
        spec_has_location,
        Some(spec_set_has_location),
    );

    let builtin_importer = heap_class(vm, "_frozen_importlib", "BuiltinImporter");
    vm.add_methods(
        &builtin_importer,
        crate::methods![
            classmethod "find_spec" => builtin_find_spec, "";
            classmethod "create_module" => builtin_create_module, "";
            classmethod "exec_module" => nothing, "";
            classmethod "is_package" => builtin_false, "";
            classmethod "get_code" => nothing, "";
            classmethod "get_source" => nothing, "";
            classmethod "load_module" => builtin_load_module, "";
        ],
    );
    Ok(SpecTypes {
        spec,
        builtin_importer,
        files: None,
        path_getter: Value::None,
        file_finder: None,
    })
}

fn make_file_types(vm: &mut Vm) -> FileTypes {
    let source_loader = heap_class(vm, "_frozen_importlib_external", "SourceFileLoader");
    vm.add_methods(
        &source_loader,
        crate::methods![
            method "__init__" => loader_init, "";
            method "__eq__" => loader_eq, "";
            method "__hash__" => loader_hash, "";
            method "get_filename" => loader_get_filename, "";
            method "get_data" => loader_get_data, "";
            method "get_source" => loader_get_source, "";
            method "get_code" => loader_get_code, "";
            method "is_package" => loader_is_package, "";
            method "create_module" => loader_create_module, "";
            method "exec_module" => loader_exec_module, "";
            method "load_module" => loader_load_module, "";
            method "get_resource_reader" => loader_get_resource_reader, "";
            method "path_stats" => loader_path_stats, "";
        ],
    );

    let namespace_loader = heap_class(vm, "_frozen_importlib_external", "NamespaceLoader");
    vm.add_methods(
        &namespace_loader,
        crate::methods![
            method "is_package" => ns_true, "";
            method "get_source" => ns_source, "";
            method "get_code" => ns_code, "";
            method "create_module" => nothing, "";
            method "exec_module" => nothing, "";
            method "get_resource_reader" => ns_resource_reader, "";
        ],
    );

    let namespace_path = heap_class(vm, "_frozen_importlib_external", "_NamespacePath");
    vm.add_methods(
        &namespace_path,
        crate::methods![
            method "__iter__" => nspath_iter, "";
            method "__getitem__" => nspath_getitem, "";
            method "__setitem__" => nspath_setitem, "";
            method "__len__" => nspath_len, "";
            method "__repr__" => nspath_repr, "";
            method "__contains__" => nspath_contains, "";
            method "append" => nspath_append, "";
        ],
    );
    FileTypes {
        source_loader,
        namespace_loader,
        namespace_path,
    }
}

/// `module.name` when it is a class.
fn class_attr(vm: &mut Vm, module: &Value, name: &str) -> PyResult<Option<ObjRef>> {
    let k = vm.intern(name);
    Ok(match vm.getattr_opt(module, &k)? {
        Some(Value::Obj(o)) if matches!(o.payload, Payload::Type(_)) => Some(o),
        _ => None,
    })
}

impl Vm {
    /// The spec and loader classes (made on first use).
    pub fn spec_types(&mut self) -> PyResult<SpecTypes> {
        if let Some(t) = &self.spec_types {
            return Ok(SpecTypes::clone(t));
        }
        let t = make_types(self)?;
        self.spec_types = Some(Box::new(t.clone()));
        Ok(t)
    }

    /// The loader classes of files (made on first use).
    pub fn file_types(&mut self) -> PyResult<FileTypes> {
        self.spec_types()?;
        if let Some(f) = self.spec_types.as_ref().and_then(|t| t.files.as_ref()) {
            return Ok(f.clone());
        }
        let f = make_file_types(self);
        if let Some(t) = self.spec_types.as_mut() {
            t.files = Some(f.clone());
        }
        Ok(f)
    }

    /// What `_bootstrap._setup` does at startup: `sys` and `builtins` predate the import
    /// system and get their `BuiltinImporter` specs here.
    pub fn init_module_specs(&mut self) -> PyResult<()> {
        for m in [self.sys.clone(), self.builtins_module.clone()] {
            let Payload::Module(md) = &m.payload else {
                continue;
            };
            let d = md.dict.clone();
            let k = self.intern("__name__");
            let Some(name) = self.dict_get_str_obj(&d, &k) else {
                continue;
            };
            let name = self.str_text(&name);
            let (spec, loader) = self.builtin_spec(&name)?;
            self.set_dict_str(&d, "__loader__", loader);
            self.set_dict_str(&d, "__spec__", spec);
        }
        Ok(())
    }

    /// Swap importlib's own classes in for the native ones, once `importlib` is set up (see
    /// the module comment). Does nothing if its `_bootstrap` modules are not there or lack
    /// the classes.
    pub(crate) fn adopt_importlib(&mut self) -> PyResult<()> {
        if self
            .spec_types
            .as_ref()
            .is_some_and(|t| !t.path_getter.is_none())
        {
            return Ok(());
        }
        let Some(il) = self.sys_module("importlib") else {
            return Ok(());
        };
        let kb = self.intern("_bootstrap");
        let ke = self.intern("_bootstrap_external");
        let (Some(b), Some(e)) = (self.getattr_opt(&il, &kb)?, self.getattr_opt(&il, &ke)?) else {
            return Ok(());
        };
        let (
            Some(spec),
            Some(builtin_importer),
            Some(source_loader),
            Some(namespace_loader),
            Some(namespace_path),
            Some(path_finder),
        ) = (
            class_attr(self, &b, "ModuleSpec")?,
            class_attr(self, &b, "BuiltinImporter")?,
            class_attr(self, &e, "SourceFileLoader")?,
            class_attr(self, &e, "NamespaceLoader")?,
            class_attr(self, &e, "_NamespacePath")?,
            class_attr(self, &e, "PathFinder")?,
        )
        else {
            return Ok(());
        };
        let Some(file_finder) = class_attr(self, &e, "FileFinder")? else {
            return Ok(());
        };
        // A magic number of this build's own, as each CPython version has its own: a `.pyc`
        // that importlib's loaders (`spec_from_file_location`, `py_compile`) wrote with another
        // Krait build's code objects fails `_classify_pyc` and is recompiled, where the shared
        // CPython number let it through to a `marshal.loads` error.
        if let Value::Obj(em) = &e {
            let magic = crate::codecache::pyc_magic();
            let raw = i64::from(u32::from_le_bytes(magic));
            let b = self.new_bytes(magic.to_vec());
            crate::modules::set_attr(self, em, "MAGIC_NUMBER", b);
            crate::modules::set_attr(self, em, "_RAW_MAGIC_NUMBER", Value::Int(raw));
        }
        let path_getter = self.getattr_str(&Value::Obj(path_finder), "_get_spec")?;
        // `_install`'s `sys.path_hooks.extend([FileFinder.path_hook(*supported_loaders)])`:
        // importlib's own path search (`PathFinder`, a `_NamespacePath` recomputing itself)
        // finds directories through it.
        let loaders = self.getattr_str(&e, "_get_supported_file_loaders")?;
        let loaders = self.call_pos(&loaders, &[])?;
        let loaders = self.iterate(&loaders)?;
        let hook = self.getattr_str(&Value::Obj(file_finder.clone()), "path_hook")?;
        let hook = self.call_pos(&hook, &loaders)?;
        self.adopt_file_finder_hook(hook)?;
        self.adopt_finders(&b, &e)?;
        // Loaders Krait makes stay Krait's where it matters: a subclass of importlib's
        // `SourceFileLoader` (same name and module) whose `get_code`/`exec_module` are the
        // native ones, so modules loaded through importlib still use Krait's code cache
        // (importlib's own would read it as a CPython .pyc and write CPython-style ones).
        let source_loader = {
            let ty = Value::Obj(self.types.type_.clone());
            let n = self.new_str("SourceFileLoader");
            let bases = self.new_tuple(vec![Value::Obj(source_loader)]);
            let ns = self.new_dict();
            let m = self.new_str("_frozen_importlib_external");
            self.set_dict_str(&ns, "__module__", m);
            match self.call_pos(&ty, &[n, bases, Value::Obj(ns)])? {
                Value::Obj(c) => c,
                _ => return Ok(()),
            }
        };
        self.add_methods(
            &source_loader,
            crate::methods![
                method "get_code" => loader_get_code, "";
                method "exec_module" => loader_exec_module, "";
                method "__eq__" => subclass_loader_eq, "";
                method "__hash__" => loader_hash, "";
            ],
        );
        let new = SpecTypes {
            spec,
            builtin_importer,
            files: Some(FileTypes {
                source_loader,
                namespace_loader,
                namespace_path,
            }),
            path_getter,
            file_finder: Some(file_finder),
        };
        let old = self.spec_types()?;
        let modules = Value::Obj(self.modules.clone());
        for (_, m) in self.dict_items(&modules)? {
            let Value::Obj(mo) = &m else { continue };
            let Payload::Module(md) = &mo.payload else {
                continue;
            };
            let d = md.dict.clone();
            for key in ["__spec__", "__loader__", "__path__"] {
                let k = self.intern(key);
                let Some(v) = self.dict_get_str_obj(&d, &k) else {
                    continue;
                };
                if let Some(r) = self.adopt_object(&old, &new, &v)? {
                    self.set_dict_str(&d, key, r);
                }
            }
        }
        self.spec_types = Some(Box::new(new));
        Ok(())
    }

    /// Make `v`, one of the native import objects, an instance of its importlib class (in
    /// place); `Some(replacement)` for the native `BuiltinImporter` class itself.
    fn adopt_object(
        &mut self,
        old: &SpecTypes,
        new: &SpecTypes,
        v: &Value,
    ) -> PyResult<Option<Value>> {
        let Value::Obj(o) = v else { return Ok(None) };
        if ObjRef::ptr_eq(o, &old.builtin_importer) {
            return Ok(Some(Value::Obj(new.builtin_importer.clone())));
        }
        let cls = o.class();
        // Inline attributes follow their class's key list: re-classing needs the dict.
        self.instance_dict(o);
        if ObjRef::ptr_eq(&cls, &old.spec) {
            o.set_class(new.spec.clone());
            for key in ["loader", "submodule_search_locations"] {
                let Some(d) = self.instance_dict(o) else {
                    break;
                };
                let k = self.intern(key);
                if let Some(x) = self.dict_get_str_obj(&d, &k)
                    && let Some(r) = self.adopt_object(old, new, &x)?
                {
                    self.set_dict_str(&d, key, r);
                }
            }
            return Ok(None);
        }
        let (Some(of), Some(nf)) = (&old.files, &new.files) else {
            return Ok(None);
        };
        if ObjRef::ptr_eq(&cls, &of.source_loader) {
            o.set_class(nf.source_loader.clone());
        } else if ObjRef::ptr_eq(&cls, &of.namespace_loader) {
            o.set_class(nf.namespace_loader.clone());
            if let Some(d) = self.instance_dict(o) {
                let k = self.intern("_path");
                if let Some(x) = self.dict_get_str_obj(&d, &k) {
                    self.adopt_object(old, new, &x)?;
                }
            }
        } else if ObjRef::ptr_eq(&cls, &of.namespace_path) {
            o.set_class(nf.namespace_path.clone());
            // The rest of what `_NamespacePath.__init__` sets.
            let epoch = self.getattr_str(&Value::Obj(nf.namespace_path.clone()), "_epoch")?;
            if let Some(d) = self.instance_dict(o) {
                self.set_dict_str(&d, "_last_epoch", epoch);
                self.set_dict_str(&d, "_path_finder", new.path_getter.clone());
            }
        }
        Ok(None)
    }

    /// Whether `v` is importlib's `FileFinder` (a directory's finder).
    pub(crate) fn is_file_finder(&self, v: &Value) -> bool {
        let Some(ff) = self
            .spec_types
            .as_ref()
            .and_then(|t| t.file_finder.as_ref())
        else {
            return false;
        };
        matches!(v, Value::Obj(o) if o.class_is(ff))
    }

    /// A new instance of `cls` (one of the classes above) with `fields` in its `__dict__`.
    fn spec_object(&mut self, cls: &ObjRef, fields: &[(&str, Value)]) -> Value {
        let o = self.new_object(cls, Payload::plain());
        if let Some(d) = self.instance_dict(&o) {
            for (k, v) in fields {
                self.set_dict_str(&d, k, v.clone());
            }
        }
        Value::Obj(o)
    }

    /// `ModuleSpec(name, loader, origin=origin)` with `submodule_search_locations` and
    /// `has_location` set as `PathFinder` / `BuiltinImporter` leave them.
    pub fn new_module_spec(
        &mut self,
        name: &str,
        loader: Value,
        origin: Value,
        locations: Value,
        has_location: bool,
    ) -> PyResult<Value> {
        let cls = self.spec_types()?.spec;
        let n = self.new_str(name);
        let pending = self.new_list(Vec::new());
        Ok(self.spec_object(
            &cls,
            &[
                ("name", n),
                ("loader", loader),
                ("origin", origin),
                ("loader_state", Value::None),
                ("submodule_search_locations", locations),
                ("_uninitialized_submodules", pending),
                ("_set_fileattr", Value::bool(has_location)),
                ("_cached", Value::None),
            ],
        ))
    }

    /// Mark `spec` as loading or loaded (`spec._initializing`, which `_load_unlocked` sets
    /// around running the module); `cached`, when given, is what `_init_module_attrs` reads
    /// from `spec.cached` for `__cached__`.
    pub fn spec_initializing(&mut self, spec: &Value, on: bool, cached: Option<Value>) {
        if let Value::Obj(o) = spec
            && let Some(d) = self.instance_dict(o)
        {
            if let Some(c) = cached {
                self.set_dict_str(&d, "_cached", c);
            }
            self.set_dict_str(&d, "_initializing", Value::bool(on));
        }
    }

    /// A `SourceFileLoader(name, path)`.
    pub fn source_file_loader(&mut self, name: &str, path: &str) -> PyResult<Value> {
        let cls = self.file_types()?.source_loader;
        let n = self.new_str(name);
        let p = self.new_str(path);
        Ok(self.spec_object(&cls, &[("name", n), ("path", p)]))
    }

    /// The spec and loader of source module `name` at `path` (a package when `locations`, its
    /// `__path__` list, is given).
    pub fn source_spec(
        &mut self,
        name: &str,
        path: &str,
        locations: Option<Value>,
    ) -> PyResult<(Value, Value)> {
        let loader = self.source_file_loader(name, path)?;
        let origin = self.new_str(path);
        let spec = self.new_module_spec(
            name,
            loader.clone(),
            origin,
            locations.unwrap_or(Value::None),
            true,
        )?;
        Ok((spec, loader))
    }

    /// The spec of built-in module `name` (its loader is the `BuiltinImporter` class).
    pub fn builtin_spec(&mut self, name: &str) -> PyResult<(Value, Value)> {
        let loader = Value::Obj(self.spec_types()?.builtin_importer);
        let origin = self.new_str("built-in");
        let spec = self.new_module_spec(name, loader.clone(), origin, Value::None, false)?;
        Ok((spec, loader))
    }

    /// A namespace package's `__path__` (`_NamespacePath`), loader and spec.
    pub fn namespace_spec(
        &mut self,
        name: &str,
        portions: &[String],
    ) -> PyResult<(Value, Value, Value)> {
        let dirs: Vec<Value> = portions.iter().map(|d| self.new_str(d)).collect();
        let list = self.new_list(dirs);
        let t = self.spec_types()?;
        let f = self.file_types()?;
        let (path_cls, loader_cls) = (f.namespace_path, f.namespace_loader);
        let n = self.new_str(name);
        let path = if t.path_getter.is_none() {
            let parent = ns_parent_path(self, name)?;
            self.spec_object(
                &path_cls,
                &[("_name", n), ("_path", list), ("_last_parent_path", parent)],
            )
        } else {
            self.call_pos(&Value::Obj(path_cls), &[n, list, t.path_getter])?
        };
        let loader = self.spec_object(&loader_cls, &[("_path", path.clone())]);
        let spec = self.new_module_spec(name, loader.clone(), Value::None, path.clone(), false)?;
        Ok((path, loader, spec))
    }
}

fn field(vm: &mut Vm, o: &Value, name: &str) -> PyResult<Value> {
    vm.getattr_str(o, name)
}

fn set_field(vm: &mut Vm, o: &Value, name: &str, v: Value) -> PyResult<()> {
    let k = vm.intern(name);
    vm.setattr(o, &k, Some(v))
}

fn nothing(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::None)
}

// ---- ModuleSpec ----

fn spec_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() != 3 {
        return Err(vm.type_error(format!(
            "ModuleSpec.__init__() takes 3 positional arguments but {} were given",
            pos.len()
        )));
    }
    let this = pos[0].clone();
    let (mut origin, mut state, mut is_pkg) = (Value::None, Value::None, Value::None);
    for (k, v) in args.kwargs() {
        match vm.str_text(k).as_str() {
            "origin" => origin = v.clone(),
            "loader_state" => state = v.clone(),
            "is_package" => is_pkg = v.clone(),
            other => {
                return Err(vm.type_error(format!(
                    "ModuleSpec.__init__() got an unexpected keyword argument '{other}'"
                )));
            }
        }
    }
    let locs = if vm.is_true(&is_pkg)? {
        vm.new_list(Vec::new())
    } else {
        Value::None
    };
    let pending = vm.new_list(Vec::new());
    for (k, v) in [
        ("name", pos[1].clone()),
        ("loader", pos[2].clone()),
        ("origin", origin),
        ("loader_state", state),
        ("submodule_search_locations", locs),
        ("_uninitialized_submodules", pending),
        ("_set_fileattr", Value::bool(false)),
        ("_cached", Value::None),
    ] {
        set_field(vm, &this, k, v)?;
    }
    Ok(Value::None)
}

fn spec_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__repr__", 0, 0)?;
    let this = this.clone();
    let mut parts = Vec::new();
    let name = field(vm, &this, "name")?;
    let r = vm.repr(&name)?;
    parts.push(format!("name={}", vm.str_text(&r)));
    let loader = field(vm, &this, "loader")?;
    let r = vm.repr(&loader)?;
    parts.push(format!("loader={}", vm.str_text(&r)));
    let origin = field(vm, &this, "origin")?;
    if !origin.is_none() {
        let r = vm.repr(&origin)?;
        parts.push(format!("origin={}", vm.str_text(&r)));
    }
    let locs = field(vm, &this, "submodule_search_locations")?;
    if !locs.is_none() {
        let r = vm.str(&locs)?;
        parts.push(format!("submodule_search_locations={}", vm.str_text(&r)));
    }
    let cls = Value::Obj(vm.type_of(&this));
    let cname = vm.getattr_str(&cls, "__name__")?;
    let cname = vm.str_text(&cname);
    Ok(vm.new_string(format!("{cname}({})", parts.join(", "))))
}

fn spec_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = crate::native::method_args(vm, &args, "__eq__", 1, 1)?;
    let (this, other) = (this.clone(), a[0].clone());
    for name in [
        "name",
        "loader",
        "origin",
        "submodule_search_locations",
        "cached",
        "has_location",
    ] {
        let x = field(vm, &this, name)?;
        let k = vm.intern(name);
        let Some(y) = vm.getattr_opt(&other, &k)? else {
            return Ok(vm.not_implemented.clone());
        };
        if !vm.eq(&x, &y)? {
            return Ok(Value::bool(false));
        }
    }
    Ok(Value::bool(true))
}

fn spec_cached(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let c = field(vm, this, "_cached")?;
    if !c.is_none() {
        return Ok(c);
    }
    let origin = field(vm, this, "origin")?;
    let located = field(vm, this, "_set_fileattr")?;
    if origin.is_none() || !vm.is_true(&located)? {
        return Ok(c);
    }
    let origin = vm.str_text(&origin);
    let cached = match crate::codecache::cache_path(
        &origin,
        vm.config.optimize,
        vm.config.pycache_prefix.as_deref(),
    ) {
        Some(p) if origin.ends_with(".py") => vm.new_str(&p),
        _ => Value::None,
    };
    set_field(vm, this, "_cached", cached.clone())?;
    Ok(cached)
}

fn spec_set_cached(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    set_field(vm, this, "_cached", v.unwrap_or(Value::None))
}

fn spec_parent(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let name = field(vm, this, "name")?;
    let locs = field(vm, this, "submodule_search_locations")?;
    if !locs.is_none() {
        return Ok(name);
    }
    let n = vm.str_text(&name);
    let parent = n.rsplit_once('.').map(|(p, _)| p).unwrap_or("");
    Ok(vm.new_str(parent))
}

fn spec_has_location(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    field(vm, this, "_set_fileattr")
}

fn spec_set_has_location(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let b = match v {
        Some(v) => vm.is_true(&v)?,
        None => false,
    };
    set_field(vm, this, "_set_fileattr", Value::bool(b))
}

// ---- SourceFileLoader ----

fn loader_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = crate::native::method_args(vm, &args, "__init__", 2, 2)?;
    let this = this.clone();
    set_field(vm, &this, "name", a[0].clone())?;
    set_field(vm, &this, "path", a[1].clone())?;
    Ok(Value::None)
}

fn loader_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = crate::native::method_args(vm, &args, "__eq__", 1, 1)?;
    let (this, other) = (this.clone(), a[0].clone());
    if !ObjRef::ptr_eq(&vm.type_of(&this), &vm.type_of(&other)) {
        return Ok(Value::bool(false));
    }
    let d1 = vm.getattr_str(&this, "__dict__")?;
    let d2 = vm.getattr_str(&other, "__dict__")?;
    Ok(Value::bool(vm.eq(&d1, &d2)?))
}

/// `FileLoader.__eq__` for the subclass above: it equals importlib's own `SourceFileLoader`
/// of the same name and path, as the loaders it stands for do.
fn subclass_loader_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = crate::native::method_args(vm, &args, "__eq__", 1, 1)?;
    let (this, other) = (this.clone(), a[0].clone());
    let mine = vm.type_of(&this);
    let theirs = vm.type_of(&other);
    let base = crate::objects::typeobj::type_data(&mine)
        .mro
        .borrow()
        .get(1)
        .cloned();
    let same = ObjRef::ptr_eq(&mine, &theirs) || base.is_some_and(|b| ObjRef::ptr_eq(&b, &theirs));
    if !same {
        return Ok(Value::bool(false));
    }
    let d1 = vm.getattr_str(&this, "__dict__")?;
    let d2 = vm.getattr_str(&other, "__dict__")?;
    Ok(Value::bool(vm.eq(&d1, &d2)?))
}

fn loader_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__hash__", 0, 0)?;
    let this = this.clone();
    let n = field(vm, &this, "name")?;
    let p = field(vm, &this, "path")?;
    let h = vm.hash(&n)? ^ vm.hash(&p)?;
    Ok(Value::Int(h))
}

/// The loader's `path`, after `_check_name`: a name other than the loader's is refused.
fn loader_path(vm: &mut Vm, this: &Value, name: Option<&Value>, what: &str) -> PyResult<String> {
    let own = field(vm, this, "name")?;
    if let Some(n) = name
        && !n.is_none()
        && !vm.eq(&own, n)?
    {
        let own = vm.str_text(&own);
        let n = vm.str_text(n);
        let t = vm.types.import_error.clone();
        let _ = what;
        return Err(vm.module_not_found(&t, format!("loader for {own} cannot handle {n}"), &n));
    }
    let p = field(vm, this, "path")?;
    Ok(vm.str_text(&p))
}

fn loader_get_filename(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = crate::native::method_args(vm, &args, "get_filename", 0, 1)?;
    let this = this.clone();
    let p = loader_path(vm, &this, a.first(), "get_filename")?;
    Ok(vm.new_str(&p))
}

fn loader_get_data(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, a) = crate::native::method_args(vm, &args, "get_data", 1, 1)?;
    let path = vm.str_text(&a[0]);
    match vm.host.read_file(&path) {
        Ok(b) => Ok(vm.new_bytes(b)),
        Err(e) => Err(vm.os_error_from(e, &path)),
    }
}

fn loader_get_source(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = crate::native::method_args(vm, &args, "get_source", 1, 1)?;
    let this = this.clone();
    let path = loader_path(vm, &this, a.first(), "get_source")?;
    let bytes = match vm.host.read_file(&path) {
        Ok(b) => b,
        Err(e) => {
            let t = vm.types.import_error.clone();
            let _ = e;
            return Err(vm.new_exception_msg(&t, "source not available through get_data()"));
        }
    };
    let text = vm.decode_source(&bytes, &path)?;
    Ok(vm.new_string(text.replace("\r\n", "\n").replace('\r', "\n")))
}

fn loader_get_code(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = crate::native::method_args(vm, &args, "get_code", 1, 1)?;
    let this = this.clone();
    let path = loader_path(vm, &this, a.first(), "get_code")?;
    let co = vm.source_code(&path)?;
    let code = vm.load_code(co);
    Ok(Value::Obj(ObjRef::new(
        vm.types.code.clone(),
        Payload::Code(code),
    )))
}

fn loader_is_package(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = crate::native::method_args(vm, &args, "is_package", 1, 1)?;
    let this = this.clone();
    let path = loader_path(vm, &this, a.first(), "is_package")?;
    let file = path.rsplit('/').next().unwrap_or(&path);
    let base = file.rsplit_once('.').map(|(b, _)| b).unwrap_or(file);
    let full = vm.str_text(&a[0]);
    let tail = full.rsplit('.').next().unwrap_or(&full);
    Ok(Value::bool(base == "__init__" && tail != "__init__"))
}

fn loader_create_module(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::method_args(vm, &args, "create_module", 1, 1)?;
    Ok(Value::None)
}

fn loader_exec_module(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = crate::native::method_args(vm, &args, "exec_module", 1, 1)?;
    let this = this.clone();
    let module = a[0].clone();
    let name = vm.getattr_str(&module, "__name__")?;
    let path = loader_path(vm, &this, Some(&name), "exec_module")?;
    let Some(Payload::Module(md)) = module.payload() else {
        return Err(vm.type_error("exec_module() needs a module"));
    };
    let globals = md.dict.clone();
    // As `exec(code, module.__dict__)` does in `_bootstrap_external`: the module's code finds
    // the builtins through its globals.
    vm.ensure_builtins(&globals);
    let co = vm.source_code(&path)?;
    vm.run_code(co, globals, None)?;
    Ok(Value::None)
}

fn loader_load_module(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = crate::native::method_args(vm, &args, "load_module", 0, 1)?;
    let this = this.clone();
    let name = match a.first() {
        Some(n) if !n.is_none() => n.clone(),
        _ => field(vm, &this, "name")?,
    };
    let bootstrap = vm.import_dotted("importlib._bootstrap")?;
    let shim = vm.getattr_str(&bootstrap, "_load_module_shim")?;
    vm.call_pos(&shim, &[this, name])
}

fn loader_get_resource_reader(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "get_resource_reader", 0, 1)?;
    let this = this.clone();
    let readers = vm.import_dotted("importlib.readers")?;
    let reader = vm.getattr_str(&readers, "FileReader")?;
    vm.call_pos(&reader, &[this])
}

fn loader_path_stats(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, a) = crate::native::method_args(vm, &args, "path_stats", 1, 1)?;
    let path = vm.str_text(&a[0]);
    let st = match vm.host.stat(&path) {
        Ok(st) => st,
        Err(e) => return Err(vm.os_error_from(e, &path)),
    };
    let d = vm.new_dict();
    let mtime = Value::float(st.mtime);
    vm.set_dict_str(&d, "mtime", mtime);
    vm.set_dict_str(&d, "size", Value::Int(st.size as i64));
    Ok(Value::Obj(d))
}

// ---- BuiltinImporter (a class used as the loader) ----

fn builtin_find_spec(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "find_spec", 2, 4)?;
    let name = vm.str_text(&a[1]);
    if !vm.is_builtin_module_name(&name) {
        return Ok(Value::None);
    }
    Ok(vm.builtin_spec(&name)?.0)
}

fn builtin_create_module(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "create_module", 2, 2)?;
    let name = vm.getattr_str(&a[1], "name")?;
    let name = vm.str_text(&name);
    vm.import_dotted(&name)
}

fn builtin_load_module(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "load_module", 2, 2)?;
    let name = vm.str_text(&a[1]);
    vm.import_dotted(&name)
}

fn builtin_false(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::bool(false))
}

// ---- NamespaceLoader / _NamespacePath ----

fn ns_true(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::bool(true))
}

fn ns_source(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(vm.new_str(""))
}

fn ns_code(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let co = vm.compile_source("", "<string>", krait_compiler::Mode::Exec)?;
    let code = vm.load_code(co);
    Ok(Value::Obj(ObjRef::new(
        vm.types.code.clone(),
        Payload::Code(code),
    )))
}

fn ns_resource_reader(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "get_resource_reader", 0, 1)?;
    let this = this.clone();
    let path = field(vm, &this, "_path")?;
    let readers = vm.import_dotted("importlib.readers")?;
    let reader = vm.getattr_str(&readers, "NamespaceReader")?;
    vm.call_pos(&reader, &[path])
}

/// A copy of the path a namespace package `name` is searched on: `sys.path` for a top-level
/// one, else its parent package's `__path__` (`_NamespacePath._get_parent_path`).
fn ns_parent_path(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let parent = match name.rsplit_once('.') {
        Some((p, _)) => {
            let Some(m) = vm.sys_module(p) else {
                let k = vm.new_str(p);
                return Err(vm.key_error(k));
            };
            vm.getattr_str(&m, "__path__")?
        }
        None => {
            let sys = Value::Obj(vm.sys.clone());
            vm.getattr_str(&sys, "path")?
        }
    };
    let items = vm.iterate(&parent)?;
    Ok(vm.new_tuple(items))
}

/// `_NamespacePath._recalculate`: when the parent path changed since the last look, search
/// it again; new portions replace `_path` (a regular package or module found there changes
/// nothing).
fn nspath_recalculate(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let name = field(vm, this, "_name")?;
    let name = vm.str_text(&name);
    let parent = ns_parent_path(vm, &name)?;
    let last = field(vm, this, "_last_parent_path")?;
    if !vm.eq(&parent, &last)? {
        if let crate::import::Located::Namespace(portions) =
            vm.locate_module(&name, Some(&parent))?
        {
            let dirs: Vec<Value> = portions.iter().map(|d| vm.new_str(d)).collect();
            let list = vm.new_list(dirs);
            set_field(vm, this, "_path", list)?;
        }
        set_field(vm, this, "_last_parent_path", parent)?;
    }
    field(vm, this, "_path")
}

fn nspath_list(
    vm: &mut Vm,
    args: &Args<'_>,
    name: &str,
    n: usize,
    recalculate: bool,
) -> PyResult<(Value, Vec<Value>)> {
    let (this, a) = crate::native::method_args(vm, args, name, n, n)?;
    let this = this.clone();
    let list = if recalculate {
        nspath_recalculate(vm, &this)?
    } else {
        field(vm, &this, "_path")?
    };
    Ok((list, a.to_vec()))
}

fn nspath_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (l, _) = nspath_list(vm, &args, "__iter__", 0, true)?;
    vm.iter(&l)
}

fn nspath_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (l, a) = nspath_list(vm, &args, "__getitem__", 1, true)?;
    vm.getitem(&l, &a[0])
}

fn nspath_setitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (l, a) = nspath_list(vm, &args, "__setitem__", 2, false)?;
    vm.setitem(&l, a[0].clone(), a[1].clone())?;
    Ok(Value::None)
}

fn nspath_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (l, _) = nspath_list(vm, &args, "__len__", 0, true)?;
    Ok(Value::Int(vm.len(&l)? as i64))
}

fn nspath_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (l, _) = nspath_list(vm, &args, "__repr__", 0, false)?;
    let r = vm.repr(&l)?;
    let r = vm.str_text(&r);
    Ok(vm.new_string(format!("_NamespacePath({r})")))
}

fn nspath_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (l, a) = nspath_list(vm, &args, "__contains__", 1, true)?;
    Ok(Value::bool(vm.contains(&l, &a[0])?))
}

fn nspath_append(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (l, a) = nspath_list(vm, &args, "append", 1, false)?;
    let app = vm.getattr_str(&l, "append")?;
    vm.call_pos(&app, &[a[0].clone()])
}
