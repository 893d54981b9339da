//! `import`: built-in modules and `.py` files on `sys.path`, packages and relative imports
//! (CPython: `Python/import.c`, `Lib/importlib/_bootstrap.py`).

use crate::finders::{Entry, Stock};
use crate::frame::Frame;
use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

/// Modules of CPython's `Lib/` that Krait also has built in, for a program run without a
/// standard library: the file on `sys.path` wins, the built-in one is used only when none is
/// found (`from __future__ import annotations` then still runs).
pub const LIB_STAND_INS: &[&str] = &["__future__"];

impl Vm {
    /// `IMPORT_NAME`.
    pub fn import_name(
        &mut self,
        f: &Frame,
        name: &ObjRef,
        fromlist: &Value,
        level: &Value,
    ) -> PyResult<Value> {
        let globals = f.globals.clone();
        // `import_name` in `Python/ceval.c`: the frame's builtins `__import__`, called with
        // five arguments unless it is still the interpreter's own.
        let k = Value::Obj(self.intern("__import__"));
        let func = match self.dict_get(&f.builtins, &k)? {
            Some(func) => func,
            None => {
                let t = self.types.import_error.clone();
                return Err(self.new_exception_msg(&t, "__import__ not found"));
            }
        };
        let own = matches!((&func, &self.mods.import_func), (Value::Obj(a), Some(b)) if ObjRef::ptr_eq(a, b));
        if own {
            return self.import_module_level(name, Some(&globals), fromlist, level);
        }
        let locals = f.locals.clone().unwrap_or(Value::None);
        let args = [
            Value::Obj(name.clone()),
            Value::Obj(globals),
            locals,
            fromlist.clone(),
            level.clone(),
        ];
        self.call_pos(&func, &args)
    }

    /// `__import__(name, globals, locals, fromlist, level)`.
    pub fn import_module_level(
        &mut self,
        name: &ObjRef,
        globals: Option<&ObjRef>,
        fromlist: &Value,
        level: &Value,
    ) -> PyResult<Value> {
        let name_s = self.str_text(&Value::Obj(name.clone()));
        let level = self.index_to_i64(level)?;
        if level < 0 {
            return Err(self.value_error("level must be >= 0"));
        }
        let abs = if level > 0 {
            let package = self.package_of(globals)?;
            let Some(package) = package.filter(|p| !p.is_empty()) else {
                let t = self.types.import_error.clone();
                return Err(self.new_exception_msg(
                    &t,
                    "attempted relative import with no known parent package",
                ));
            };
            let parts: Vec<&str> = package.split('.').collect();
            if (level as usize) > parts.len() {
                let t = self.types.import_error.clone();
                return Err(self
                    .new_exception_msg(&t, "attempted relative import beyond top-level package"));
            }
            let base = parts[..parts.len() - (level as usize - 1)].join(".");
            if name_s.is_empty() {
                base
            } else {
                format!("{base}.{name_s}")
            }
        } else {
            if name_s.is_empty() {
                return Err(self.value_error("Empty module name"));
            }
            name_s.clone()
        };
        let module = self.import_dotted(&abs)?;
        let has_fromlist = !fromlist.is_none() && self.is_true(fromlist)?;
        if !has_fromlist {
            if level == 0 || !name_s.is_empty() {
                let first = match name_s.split('.').next() {
                    Some(f) if level == 0 => f.to_string(),
                    _ => {
                        // For relative imports, return the package the name starts from.
                        let cut = abs.len() - name_s.len();
                        let head = name_s.split('.').next().unwrap_or("");
                        format!("{}{}", &abs[..cut], head)
                    }
                };
                return self
                    .sys_module(&first)
                    .map_or_else(|| Ok(module.clone()), Ok);
            }
            return Ok(module);
        }
        // `from pkg import sub`: import submodules named in the fromlist.
        if self.is_package(&module) {
            for item in self.iterate(fromlist)? {
                let item_s = self.str_text(&item);
                if item_s == "*" {
                    continue;
                }
                let k = self.intern(&item_s);
                if self.getattr_opt(&module, &k)?.is_none() {
                    let sub = format!("{abs}.{item_s}");
                    // `_handle_fromlist`: only the submodule itself being missing is ignored;
                    // a module it imports being missing is the caller's error.
                    match self.import_dotted(&sub) {
                        Ok(_) => {}
                        Err(e)
                            if self.err_matches(&e, &self.types.module_not_found_error.clone())
                                && self.error_name(&e).as_deref() == Some(sub.as_str()) => {}
                        Err(e) => return Err(e),
                    }
                }
            }
        }
        Ok(module)
    }

    fn package_of(&mut self, globals: Option<&ObjRef>) -> PyResult<Option<String>> {
        let Some(g) = globals else { return Ok(None) };
        let k = self.intern("__package__");
        if let Some(p) = self.dict_get_str_obj(g, &k)
            && !p.is_none()
        {
            return Ok(Some(self.str_text(&p)));
        }
        let k = self.intern("__name__");
        let Some(n) = self.dict_get_str_obj(g, &k) else {
            return Ok(None);
        };
        let n = self.str_text(&n);
        let kp = self.intern("__path__");
        if self.dict_get_str_obj(g, &kp).is_some() {
            return Ok(Some(n));
        }
        Ok(Some(
            n.rsplit_once('.')
                .map(|(a, _)| a.to_string())
                .unwrap_or_default(),
        ))
    }

    /// `sys.modules[name]`, if present.
    pub fn sys_module(&mut self, name: &str) -> Option<Value> {
        let modules = self.modules.clone();
        let k = self.intern(name);
        self.dict_get_str_obj(&modules, &k)
    }

    fn is_package(&mut self, m: &Value) -> bool {
        let k = self.intern("__path__");
        matches!(self.getattr_opt(m, &k), Ok(Some(_)))
    }

    /// Import `a.b.c`, importing each parent first.
    pub fn import_dotted(&mut self, name: &str) -> PyResult<Value> {
        if self.threads.count > 0 || !self.thread.main {
            self.wait_import_elsewhere(name)?;
        }
        if let Some(m) = self.sys_module(name) {
            if m.is_none() {
                let t = self.types.module_not_found_error.clone();
                // With `name` set, as `_find_and_load` raises it (`importlib.abc` tells a
                // blocked `_frozen_importlib` from another failure by it).
                return Err(self.module_not_found(
                    &t,
                    format!("import of {name} halted; None in sys.modules"),
                    name,
                ));
            }
            return Ok(m);
        }
        let (parent, path_dirs) = match name.rsplit_once('.') {
            Some((p, _)) => {
                let pm = self.import_dotted(p)?;
                if let Some(m) = self.sys_module(name) {
                    return Ok(m);
                }
                let k = self.intern("__path__");
                let Some(path) = self.getattr_opt(&pm, &k)? else {
                    let t = self.types.module_not_found_error.clone();
                    return Err(self.module_not_found(
                        &t,
                        format!("No module named '{name}'; '{p}' is not a package"),
                        name,
                    ));
                };
                (Some((p.to_string(), pm)), Some(path))
            }
            None => {
                if name == "_frozen_importlib" || name == "_frozen_importlib_external" {
                    return self.frozen_importlib(name);
                }
                (None, None)
            }
        };
        let short = name.rsplit('.').next().unwrap_or(name).to_string();
        let found = match self.meta_path_finders()? {
            None => self.import_native(name, path_dirs.as_ref())?,
            Some(finders) => {
                // `_find_spec`: the finders in order, the stock ones by their native
                // equivalents.
                let mut found = None;
                for finder in finders {
                    match self.stock_finder(&finder) {
                        Some(Stock::Builtin) => {
                            if path_dirs.is_none() && self.is_builtin_module_name(name) {
                                found = self.builtin_module(name)?;
                            }
                        }
                        Some(Stock::Frozen) => {}
                        Some(Stock::Path) => {
                            let located = self.locate_on_path(name, path_dirs.as_ref())?;
                            found = self.import_located(name, located)?;
                        }
                        None => {
                            let k = self.intern("find_spec");
                            let Some(find_spec) = self.getattr_opt(&finder, &k)? else {
                                continue;
                            };
                            let n = self.new_str(name);
                            let p = path_dirs.clone().unwrap_or(Value::None);
                            let spec = self.call_pos(&find_spec, &[n, p, Value::None])?;
                            if !spec.is_none() {
                                let bootstrap = self.import_dotted("importlib._bootstrap")?;
                                let load = self.getattr_str(&bootstrap, "_load")?;
                                found = Some(self.call_pos(&load, &[spec])?);
                            }
                        }
                    }
                    if found.is_some() {
                        break;
                    }
                }
                found
            }
        };
        if let Some(m) = found {
            self.bind_in_parent(parent.as_ref(), &short, &m)?;
            if name == "importlib" {
                self.adopt_importlib()?;
            }
            return Ok(m);
        }
        let t = self.types.module_not_found_error.clone();
        let mut msg = format!("No module named '{name}'");
        if parent.is_none()
            && let Some(hint) = self.stdlib_hint()
        {
            msg.push_str(&hint);
        }
        Err(self.module_not_found(&t, msg, name))
    }

    /// `sys.meta_path` when the program changed it (it is not CPython's three stock finders,
    /// in order); `None` in the usual case, which needs no Python calls.
    fn meta_path_finders(&mut self) -> PyResult<Option<Vec<Value>>> {
        let Some(mp) = self.sys_attr("meta_path") else {
            return Ok(None);
        };
        if let Some(Payload::List(l)) = mp.payload() {
            let items = l.borrow();
            let stock = |i: usize| items.get_ref(i).and_then(|f| self.stock_finder(&f));
            if items.len() == 3
                && stock(0) == Some(Stock::Builtin)
                && stock(1) == Some(Stock::Frozen)
                && stock(2) == Some(Stock::Path)
            {
                return Ok(None);
            }
            return Ok(Some(items.to_vec()));
        }
        if mp.is_none() {
            let t = self.types.import_error.clone();
            return Err(
                self.new_exception_msg(&t, "sys.meta_path is None, Python is likely shutting down")
            );
        }
        self.iterate(&mp).map(Some)
    }

    /// Where module `name` is, searching `path` (a package's `__path__`) or `sys.path`
    /// (`None`): built-in modules first for a top-level name, then each directory for a
    /// package or a `.py` file, the path hooks for other entries, and last the directories
    /// that make a namespace package.
    pub(crate) fn locate_module(&mut self, name: &str, path: Option<&Value>) -> PyResult<Located> {
        if path.is_none() && self.is_builtin_module_name(name) {
            return Ok(Located::Builtin);
        }
        self.locate_on_path(name, path)
    }

    /// What `PathFinder` finds for `name` on `path` (`sys.path` when `None`).
    pub(crate) fn locate_on_path(&mut self, name: &str, path: Option<&Value>) -> PyResult<Located> {
        let path_dirs: Vec<String> = match path {
            Some(p) => self.iterate(p)?.iter().map(|d| self.str_text(d)).collect(),
            None => match self.sys_attr("path") {
                Some(p) => self.iterate(&p)?.iter().map(|d| self.str_text(d)).collect(),
                None => Vec::new(),
            },
        };
        let short = name.rsplit('.').next().unwrap_or(name).to_string();
        // Directories without `__init__.py` on the way: the portions of a namespace package,
        // used only if no regular package or module of the name is found on the whole path.
        let mut portions: Vec<String> = Vec::new();
        for mut dir in path_dirs {
            if dir.is_empty() {
                // '' is the working directory, found as an absolute path (CPython's path
                // finder does the same), so `__file__` and tracebacks read absolute.
                if let Ok(cwd) = self.host.getcwd() {
                    dir = cwd;
                }
            }
            if !dir.is_empty() {
                match self.path_entry(name, &dir, &mut portions)? {
                    Entry::Directory => {}
                    Entry::Found(spec) => return Ok(Located::Spec(spec)),
                    Entry::Skip => continue,
                }
            }
            let base = if dir.is_empty() {
                short.clone()
            } else {
                format!("{}/{}", dir.trim_end_matches('/'), short)
            };
            let init = format!("{base}/__init__.py");
            if self.host.stat(&init).is_ok_and(|s| !s.is_dir) {
                return Ok(Located::Source(init, Some(base)));
            }
            let file = format!("{base}.py");
            if self.host.stat(&file).is_ok_and(|s| !s.is_dir) {
                return Ok(Located::Source(file, None));
            }
            if self.host.stat(&base).is_ok_and(|s| s.is_dir) {
                portions.push(base);
            }
        }
        if !portions.is_empty() {
            return Ok(Located::Namespace(portions));
        }
        if path.is_none() && LIB_STAND_INS.contains(&name) {
            return Ok(Located::Builtin);
        }
        Ok(Located::NotFound)
    }

    /// Import `name` with Krait's own finders; `None` when they find nothing.
    fn import_native(&mut self, name: &str, path: Option<&Value>) -> PyResult<Option<Value>> {
        let located = self.locate_module(name, path)?;
        self.import_located(name, located)
    }

    /// Import what `locate_module` found.
    fn import_located(&mut self, name: &str, located: Located) -> PyResult<Option<Value>> {
        match located {
            Located::Builtin => self.builtin_module(name),
            Located::Source(file, pkg) => self
                .load_source_module(name, &file, pkg.as_deref())
                .map(Some),
            Located::Namespace(portions) => self.namespace_package(name, portions).map(Some),
            Located::Spec(spec) => {
                let bootstrap = self.import_dotted("importlib._bootstrap")?;
                let load = self.getattr_str(&bootstrap, "_load")?;
                self.call_pos(&load, &[spec]).map(Some)
            }
            Located::NotFound => Ok(None),
        }
    }

    /// Whether `name` is one of Krait's built-in modules (not counting the stand-ins for
    /// modules of `Lib/`, [`LIB_STAND_INS`]).
    pub fn is_builtin_module_name(&self, name: &str) -> bool {
        name == "sys"
            || name == "builtins"
            || (!LIB_STAND_INS.contains(&name)
                && self.builtin_modules.iter().any(|(n, _)| *n == name))
    }

    /// `_frozen_importlib` / `_frozen_importlib_external`: Krait's import system is native,
    /// so these are what CPython makes them once `importlib` is set up: the same modules as
    /// `importlib._bootstrap` and `importlib._bootstrap_external` (from `Lib/`). While
    /// `importlib/__init__.py` itself runs they do not exist yet, and it falls back to setting
    /// up its own copies, as it does on an interpreter without frozen modules.
    fn frozen_importlib(&mut self, name: &str) -> PyResult<Value> {
        let attr = if name == "_frozen_importlib" {
            "_bootstrap"
        } else {
            "_bootstrap_external"
        };
        let ready = match self.sys_module("importlib") {
            Some(il) => {
                let k = self.intern("_bootstrap_external");
                self.getattr_opt(&il, &k)?.is_some()
            }
            None => true,
        };
        let found = if ready {
            let il = self.import_dotted("importlib")?;
            let k = self.intern(attr);
            self.getattr_opt(&il, &k)?
        } else {
            None
        };
        let Some(m) = found else {
            let t = self.types.module_not_found_error.clone();
            return Err(self.module_not_found(&t, format!("No module named '{name}'"), name));
        };
        let key = self.new_str(name);
        let modules = self.modules.clone();
        self.dict_set(&modules, key, m.clone())?;
        Ok(m)
    }

    /// When no usable standard library is configured, the explanation appended to the first
    /// failed top-level import (once: later failures read as CPython's).
    fn stdlib_hint(&mut self) -> Option<String> {
        if self.mods.stdlib_hint_given {
            return None;
        }
        let dir = self.config.stdlib.clone();
        let hint = if dir.is_empty() {
            String::from(
                " (Krait found no standard library: set KRAIT_STDLIB to a CPython 3.11 Lib/ folder)",
            )
        } else if self
            .host
            .stat(&format!("{}/os.py", dir.trim_end_matches('/')))
            .is_ok_and(|s| !s.is_dir)
        {
            return None;
        } else {
            format!(
                " (the standard library folder {dir:?} has no os.py: set KRAIT_STDLIB to a CPython 3.11 Lib/ folder)"
            )
        };
        self.mods.stdlib_hint_given = true;
        Some(hint)
    }

    /// The `name` attribute of an `ImportError`.
    fn error_name(&mut self, e: &PyErr) -> Option<String> {
        let v = Value::Obj(e.0.clone());
        match self.getattr_str(&v, "name") {
            Ok(n) if !n.is_none() => Some(self.str_text(&n)),
            _ => None,
        }
    }

    pub(crate) fn module_not_found(&mut self, t: &ObjRef, msg: String, name: &str) -> PyErr {
        let e = self.new_exception_msg(t, msg);
        if let Payload::Exception(d) = &e.0.payload {
            let n = self.new_str(name);
            d.set_field("name", n);
        }
        e
    }

    fn bind_in_parent(
        &mut self,
        parent: Option<&(String, Value)>,
        short: &str,
        m: &Value,
    ) -> PyResult<()> {
        if let Some((_, pm)) = parent {
            let k = self.intern(short);
            self.setattr(pm, &k, Some(m.clone()))?;
        }
        Ok(())
    }

    /// A namespace package (PEP 420): a module with no code whose `__path__` lists the
    /// directories found for it, registered in `sys.modules`.
    fn namespace_package(&mut self, name: &str, portions: Vec<String>) -> PyResult<Value> {
        let module = self.new_module(name);
        let Payload::Module(md) = &module.payload else {
            return Err(self.runtime_error("bad module"));
        };
        let globals = md.dict.clone();
        let (path, loader, spec) = self.namespace_spec(name, &portions)?;
        self.spec_initializing(&spec, false, None);
        self.set_dict_str(&globals, "__loader__", loader);
        self.set_dict_str(&globals, "__spec__", spec);
        self.set_dict_str(&globals, "__path__", path);
        let pv = self.new_str(name);
        self.set_dict_str(&globals, "__package__", pv);
        self.set_dict_str(&globals, "__file__", Value::None);
        let mv = Value::Obj(module.clone());
        let key = self.new_str(name);
        let modules = self.modules.clone();
        self.dict_set(&modules, key, mv.clone())?;
        Ok(mv)
    }

    /// Compile and run a `.py` file as module `name`.
    pub fn load_source_module(
        &mut self,
        name: &str,
        path: &str,
        package_dir: Option<&str>,
    ) -> PyResult<Value> {
        let st = match self.host.stat(path) {
            Ok(st) => st,
            Err(e) => return Err(self.os_error_from(e, path)),
        };
        let cached = self.load_cached_code(path, &st);
        let source = match cached {
            Some(_) => None,
            None => match self.host.read_file(path) {
                Ok(b) => Some(self.decode_source(&b, path)?),
                Err(e) => return Err(self.os_error_from(e, path)),
            },
        };
        let module = self.new_module(name);
        let Payload::Module(md) = &module.payload else {
            return Err(self.runtime_error("bad module"));
        };
        let globals = md.dict.clone();
        let locations = match package_dir {
            Some(dir) => {
                let p = self.new_str(dir);
                Some(self.new_list(vec![p]))
            }
            None => None,
        };
        let (spec, loader) = self.source_spec(name, path, locations.clone())?;
        self.set_dict_str(&globals, "__loader__", loader);
        self.set_dict_str(&globals, "__spec__", spec.clone());
        if let Some(l) = locations {
            self.set_dict_str(&globals, "__path__", l);
        }
        let f = self.new_str(path);
        self.set_dict_str(&globals, "__file__", f);
        let cache_file = match crate::codecache::cache_path(
            path,
            self.config.optimize,
            self.config.pycache_prefix.as_deref(),
        ) {
            Some(c) => {
                let c = self.new_str(&c);
                self.set_dict_str(&globals, "__cached__", c.clone());
                c
            }
            None => Value::None,
        };
        self.spec_initializing(&spec, true, Some(cache_file));
        // An imported module's `__builtins__` is the builtins dict (only `__main__` gets the
        // module), as `exec(code, module.__dict__)` leaves it in CPython.
        let bd = Value::Obj(self.builtins.clone());
        self.set_dict_str(&globals, "__builtins__", bd);
        let package = match package_dir {
            Some(_) => name.to_string(),
            None => name
                .rsplit_once('.')
                .map(|(a, _)| a.to_string())
                .unwrap_or_default(),
        };
        let pv = self.new_str(&package);
        self.set_dict_str(&globals, "__package__", pv);
        let mv = Value::Obj(module.clone());
        let key = self.new_str(name);
        let modules = self.modules.clone();
        self.dict_set(&modules, key.clone(), mv.clone())?;
        // Other threads importing the name meanwhile wait for the body to finish (CPython's
        // per-module import locks), rather than see a half-made module.
        let me = self.thread.ident;
        self.threads.importing.push((name.to_string(), me));
        let code = match (cached, source) {
            (Some(co), _) => Ok(co),
            (None, Some(source)) => self.compile_module_source(path, &st, &source),
            (None, None) => Err(self.runtime_error("no source")),
        };
        // CPython runs importlib's bootstrap modules frozen, as `_frozen_importlib(_external)`,
        // and `importlib/__init__.py` renames them afterwards: their classes and functions
        // keep the frozen names as `__module__`.
        let frozen_name = match name {
            "importlib._bootstrap" => Some("_frozen_importlib"),
            "importlib._bootstrap_external" => Some("_frozen_importlib_external"),
            _ => None,
        };
        if let Some(n) = frozen_name {
            let n = self.new_str(n);
            self.set_dict_str(&globals, "__name__", n);
        }
        let result = match code {
            Ok(co) => self.run_code(co, globals.clone(), None).map(|_| ()),
            Err(e) => Err(e),
        };
        if frozen_name.is_some() {
            let n = self.new_str(name);
            self.set_dict_str(&globals, "__name__", n);
        }
        if let Some(i) = self
            .threads
            .importing
            .iter()
            .rposition(|(n, t)| n == name && *t == me)
        {
            self.threads.importing.remove(i);
        }
        self.spec_initializing(&spec, false, None);
        if let Err(e) = result {
            let _ = self.dict_del(&modules, &key);
            return Err(e);
        }
        // The module may have replaced itself in sys.modules.
        Ok(self.sys_module(name).unwrap_or(mv))
    }

    fn compile_module_source(
        &mut self,
        path: &str,
        st: &crate::host::FileStat,
        source: &str,
    ) -> PyResult<std::sync::Arc<krait_bytecode::CodeObject>> {
        self.sources
            .insert(path.to_string(), std::rc::Rc::from(source));
        let r = self.compile_source(source, path, krait_compiler::Mode::Exec);
        if let Ok(co) = &r {
            self.write_cached_code(path, st, co);
        }
        r
    }

    /// The code of source file `path`, from the code cache when it is fresh (what a
    /// `SourceFileLoader`'s `get_code` and `exec_module` run).
    pub fn source_code(
        &mut self,
        path: &str,
    ) -> PyResult<std::sync::Arc<krait_bytecode::CodeObject>> {
        let st = match self.host.stat(path) {
            Ok(st) => st,
            Err(e) => return Err(self.os_error_from(e, path)),
        };
        if let Some(co) = self.load_cached_code(path, &st) {
            return Ok(co);
        }
        let source = match self.host.read_file(path) {
            Ok(b) => self.decode_source(&b, path)?,
            Err(e) => return Err(self.os_error_from(e, path)),
        };
        self.compile_module_source(path, &st, &source)
    }

    /// A built-in module by name, created on first import.
    fn builtin_module(&mut self, name: &str) -> PyResult<Option<Value>> {
        let Some(init) = self
            .builtin_modules
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
        else {
            return Ok(None);
        };
        let m = self.new_module(name);
        let (spec, loader) = self.builtin_spec(name)?;
        if let Payload::Module(md) = &m.payload {
            let d = md.dict.clone();
            self.set_dict_str(&d, "__loader__", loader);
            self.set_dict_str(&d, "__spec__", spec.clone());
        }
        let mv = Value::Obj(m.clone());
        let key = self.new_str(name);
        let modules = self.modules.clone();
        self.dict_set(&modules, key.clone(), mv.clone())?;
        if let Err(e) = init(self, &m) {
            // A module whose initialisation failed is not left half-made in sys.modules
            // (`_ctypes` refuses to initialise on a host without foreign calls).
            let _ = self.dict_del(&modules, &key);
            return Err(e);
        }
        self.spec_initializing(&spec, false, None);
        Ok(Some(mv))
    }

    /// `IMPORT_FROM`.
    pub fn import_from(&mut self, m: &Value, name: &ObjRef) -> PyResult<Value> {
        if let Some(v) = self.getattr_opt(m, name)? {
            return Ok(v);
        }
        let n = self.str_text(&Value::Obj(name.clone()));
        let k = self.intern("__name__");
        let modname = self.getattr_opt(m, &k)?.map(|v| self.str_text(&v));
        if let Some(mn) = &modname
            && let Some(sub) = self.sys_module(&format!("{mn}.{n}"))
        {
            return Ok(sub);
        }
        let kf = self.intern("__file__");
        let file = self.getattr_opt(m, &kf)?.map(|v| self.str_text(&v));
        let mn = modname.unwrap_or_else(|| String::from("<unknown module name>"));
        let msg = match &file {
            Some(f) => format!("cannot import name '{n}' from '{mn}' ({f})"),
            None => format!("cannot import name '{n}' from '{mn}' (unknown location)"),
        };
        let t = self.types.import_error.clone();
        let err = self.new_exception_msg(&t, msg);
        if let Payload::Exception(d) = &err.0.payload {
            let mv = self.new_str(&mn);
            d.set_field("name", mv);
            if let Some(f) = &file {
                let fv = self.new_str(f);
                d.set_field("path", fv);
            }
        }
        Err(err)
    }

    /// `IMPORT_STAR`.
    pub fn import_star(&mut self, f: &Frame, m: &Value) -> PyResult<()> {
        let Some(locals) = f.locals.clone() else {
            return Err(self.runtime_error("import * only allowed at module level"));
        };
        let k = self.intern("__all__");
        let names: Vec<Value> = match self.getattr_opt(m, &k)? {
            Some(all) => self.iterate(&all)?,
            None => {
                let kd = self.intern("__dict__");
                let d = self.getattr(m, &kd)?;
                self.dict_items(&d)?
                    .into_iter()
                    .map(|(k, _)| k)
                    .filter(|k| !self.str_text(k).starts_with('_'))
                    .collect()
            }
        };
        for n in names {
            let Value::Obj(no) = &n else { continue };
            let v = self.getattr(m, no)?;
            self.setitem(&locals, n.clone(), v)?;
        }
        Ok(())
    }

    /// An `OSError` subclass for a host I/O error, as CPython maps errno values.
    pub fn os_error_from(&mut self, e: std::io::Error, path: &str) -> PyErr {
        use std::io::ErrorKind as K;
        let (t, errno, text) = match e.kind() {
            K::NotFound => (
                self.types.file_not_found_error.clone(),
                2,
                "No such file or directory",
            ),
            K::PermissionDenied => (self.types.permission_error.clone(), 13, "Permission denied"),
            K::AlreadyExists => (self.types.file_exists_error.clone(), 17, "File exists"),
            K::IsADirectory => (
                self.types.is_a_directory_error.clone(),
                21,
                "Is a directory",
            ),
            K::NotADirectory => (
                self.types.not_a_directory_error.clone(),
                20,
                "Not a directory",
            ),
            _ => (
                self.types.os_error.clone(),
                e.raw_os_error().unwrap_or(5),
                "Input/output error",
            ),
        };
        let p = self.new_str(path);
        let msg = self.new_str(text);
        let err = self.new_exception(&t, vec![Value::Int(i64::from(errno)), msg.clone()]);
        if let Payload::Exception(d) = &err.0.payload {
            d.set_field("errno", Value::Int(i64::from(errno)));
            d.set_field("strerror", msg);
            d.set_field("filename", p);
        }
        err
    }
}

impl Vm {
    /// What CPython does between building `sys` and running the program: `import site`
    /// (unless `-S`; `init_import_site`), then `sys.path[0]` (the script's folder, `''` for
    /// `-c`, the current folder for `-m`; `None` under `-I`) goes in front, after `site`, so
    /// `site` does not make it absolute. `Err(status)` when `site` fails: the process ends
    /// as CPython's does, with the traceback and a fatal error line.
    pub fn start(&mut self, path0: Option<&str>) -> Result<(), i32> {
        // `init_interp_main`: with warning options, `warnings` is imported (and applies them)
        // before `site`.
        if !self.config.warnoptions.is_empty()
            && !self.config.stdlib.is_empty()
            && let Err(e) = self.import_dotted("warnings")
        {
            self.flush_stdout();
            self.write_stderr(b"'import warnings' failed; traceback:\n");
            self.print_exception(&e);
        }
        if !self.config.no_site
            && !self.config.stdlib.is_empty()
            && let Err(e) = self.import_dotted("site")
        {
            self.flush_stdout();
            self.write_stderr(
                b"Fatal Python error: init_import_site: Failed to import the site module\n\
                  Python runtime state: initialized\n",
            );
            let se = self.types.system_exit.clone();
            if self.err_matches(&e, &se) {
                return Err(self.handle_uncaught(e));
            }
            self.print_exception(&e);
            return Err(1);
        }
        if let Some(p) = path0
            && let Some(path) = self.sys_attr("path")
            && let Some(Payload::List(l)) = path.payload()
        {
            let p = self.new_str(p);
            l.borrow_mut().insert(0, p);
        }
        Ok(())
    }

    /// `krait -m module`, as CPython's `runpy._run_module_as_main`: import the parent packages,
    /// find the module (for a package, its `__main__` submodule) and run it as `__main__` with
    /// `__package__` set, so relative imports in it work (`krait -m unittest`).
    pub fn run_module_main(&mut self, name: &str) -> i32 {
        match self.find_main_module(name, None) {
            Ok((path, src, package)) => {
                let modname = if package.is_empty() {
                    path.rsplit('/')
                        .next()
                        .and_then(|f| f.strip_suffix(".py"))
                        .unwrap_or(name)
                        .to_string()
                } else {
                    let file = path.rsplit('/').next().unwrap_or(&path);
                    format!("{package}.{}", file.strip_suffix(".py").unwrap_or(file))
                };
                self.main_spec = Some(modname);
                if let Some(a) = self.sys_attr("argv")
                    && let Some(Payload::List(l)) = a.payload()
                    && !l.borrow().is_empty()
                {
                    let old = l.borrow_mut().replace(0, self.new_str(&path));
                    drop(old);
                }
                self.run_main_in_package(&src, &path, Some(&package))
            }
            Err(Ok(msg)) => {
                self.flush_stdout();
                let exe = if self.config.executable.is_empty() {
                    "krait".to_string()
                } else {
                    self.config.executable.clone()
                };
                self.write_stderr(format!("{exe}: {msg}\n").as_bytes());
                1
            }
            Err(Err(e)) => {
                let status = self.handle_uncaught(e);
                self.flush_stdout();
                status
            }
        }
    }

    /// The file, source and package of module `name` for `-m`. `Err(Ok(msg))` is a message
    /// for stderr (module not found); `Err(Err(e))` an exception raised importing a parent.
    fn find_main_module(
        &mut self,
        name: &str,
        package_of: Option<&str>,
    ) -> Result<(String, String, String), Result<String, PyErr>> {
        let (dirs, parent) = match name.rsplit_once('.') {
            Some((parent, _)) => {
                let pm = match self.import_dotted(parent) {
                    Ok(m) => m,
                    Err(e) if self.err_matches(&e, &self.types.import_error.clone()) => {
                        let v = Value::Obj(e.0.clone());
                        let text = self.str(&v).map(|s| self.str_text(&s)).unwrap_or_default();
                        let tn = self.type_name(&v);
                        return Err(Ok(format!(
                            "Error while finding module specification for {name:?} ({tn}: {text})"
                        )
                        .replace('"', "'")));
                    }
                    Err(e) => return Err(Err(e)),
                };
                let k = self.intern("__path__");
                let dirs = match self.getattr_opt(&pm, &k) {
                    Ok(Some(path)) => match self.iterate(&path) {
                        Ok(items) => items.iter().map(|d| self.str_text(d)).collect(),
                        Err(e) => return Err(Err(e)),
                    },
                    Ok(None) => {
                        return Err(Ok(format!(
                            "Error while finding module specification for '{name}' \
                             (ModuleNotFoundError: __path__ attribute not found on '{parent}' \
                             while trying to find '{name}')"
                        )));
                    }
                    Err(e) => return Err(Err(e)),
                };
                (dirs, parent.to_string())
            }
            None => {
                let dirs: Vec<String> = match self.sys_attr("path") {
                    Some(p) => match self.iterate(&p) {
                        Ok(items) => items.iter().map(|d| self.str_text(d)).collect(),
                        Err(_) => Vec::new(),
                    },
                    None => Vec::new(),
                };
                (dirs, String::new())
            }
        };
        let short = name.rsplit('.').next().unwrap_or(name);
        for dir in dirs {
            let base = if dir.is_empty() {
                short.to_string()
            } else {
                format!("{}/{}", dir.trim_end_matches('/'), short)
            };
            if self
                .host
                .stat(&format!("{base}/__init__.py"))
                .is_ok_and(|s| !s.is_dir)
            {
                if let Some(pkg) = package_of {
                    return Err(Ok(format!(
                        "No module named {pkg}.__main__; '{pkg}' is a package and cannot be directly executed"
                    )));
                }
                // A package: import it, then run its `__main__` submodule.
                if let Err(e) = self.import_dotted(name) {
                    return Err(Err(e));
                }
                return self.find_main_module(&format!("{name}.__main__"), Some(name));
            }
            let file = format!("{base}.py");
            if self.host.stat(&file).is_ok_and(|s| !s.is_dir)
                && let Ok(bytes) = self.host.read_file(&file)
            {
                let src = match self.decode_source(&bytes, &file) {
                    Ok(s) => s,
                    Err(e) => return Err(Err(e)),
                };
                return Ok((file, src, parent));
            }
        }
        Err(Ok(match package_of {
            Some(pkg) => format!(
                "No module named {pkg}.__main__; '{pkg}' is a package and cannot be directly executed"
            ),
            None => format!("No module named {name}"),
        }))
    }
}

/// What `locate_module` found.
pub(crate) enum Located {
    Builtin,
    /// A `.py` file, and for a package (`__init__.py`) its directory.
    Source(String, Option<String>),
    /// The directories of a namespace package.
    Namespace(Vec<String>),
    /// A spec from a path hook's finder (a zip archive's).
    Spec(Value),
    NotFound,
}

impl Vm {
    /// The spec a finder returns for what `locate_module` found (`None` for nothing).
    pub(crate) fn located_spec(&mut self, name: &str, found: Located) -> PyResult<Value> {
        Ok(match found {
            Located::Builtin => self.builtin_spec(name)?.0,
            Located::Source(file, pkg) => {
                let locations = match pkg {
                    Some(dir) => {
                        let d = self.new_str(&dir);
                        Some(self.new_list(vec![d]))
                    }
                    None => None,
                };
                self.source_spec(name, &file, locations)?.0
            }
            Located::Namespace(portions) => self.namespace_spec(name, &portions)?.2,
            Located::Spec(spec) => spec,
            Located::NotFound => Value::None,
        })
    }
}

/// The normalised name of a source encoding (the tokenizer's `get_normal_name`).
fn normal_encoding(name: &str) -> String {
    let head: String = name
        .chars()
        .take(12)
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if head == "utf-8" || head.starts_with("utf-8-") {
        return "utf-8".into();
    }
    for l in ["latin-1", "iso-8859-1", "iso-latin-1"] {
        if head == l || head.starts_with(&format!("{l}-")) {
            return "iso-8859-1".into();
        }
    }
    name.to_string()
}

/// The encoding a `# coding: name` comment on this line declares (PEP 263).
fn coding_cookie(line: &[u8]) -> Option<String> {
    let line = std::str::from_utf8(line).ok()?;
    let rest = line.trim_start_matches([' ', '\t', '\x0c']);
    let comment = rest.strip_prefix('#')?;
    let at = comment.find("coding")?;
    let after = &comment[at + 6..];
    let after = after.strip_prefix([':', '='])?;
    let after = after.trim_start_matches([' ', '\t']);
    let name: String = after
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    (!name.is_empty()).then_some(name)
}

impl Vm {
    /// Source bytes as text the way CPython's tokenizer decodes them: a UTF-8 BOM, else a
    /// `coding:` comment on one of the first two lines, else strict UTF-8; a bad declaration or
    /// undecodable bytes raise `SyntaxError`.
    pub fn decode_source(&mut self, bytes: &[u8], filename: &str) -> PyResult<String> {
        let (bom, body) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
            Some(rest) => (true, rest),
            None => (false, bytes),
        };
        let mut lines = body.split_inclusive(|&b| b == b'\n');
        let first = lines.next().unwrap_or(&[]);
        let mut cookie = coding_cookie(first);
        if cookie.is_none() {
            let blank = first
                .iter()
                .all(|b| matches!(b, b' ' | b'\t' | b'\x0c' | b'\r' | b'\n'))
                || first
                    .iter()
                    .find(|b| !matches!(b, b' ' | b'\t' | b'\x0c'))
                    .is_some_and(|&b| b == b'#');
            if blank {
                cookie = lines.next().and_then(coding_cookie);
            }
        }
        let fail = |vm: &mut Vm, msg: String, line: u32| {
            let e = krait_compiler::CompileError {
                kind: krait_compiler::ErrorKind::SyntaxError,
                msg,
                line,
                col: 0,
                end_line: line,
                end_col: 0,
                text: None,
            };
            vm.syntax_error_from(&e, filename)
        };
        match cookie {
            None => {}
            Some(c) => {
                let n = normal_encoding(&c);
                if bom && n != "utf-8" {
                    return Err(fail(self, format!("encoding problem: {n} with BOM"), 0));
                }
                if n != "utf-8" {
                    let probe = self.new_str(&n);
                    let b = Value::Obj(ObjRef::new(
                        self.types.bytes.clone(),
                        Payload::Bytes(body.to_vec().into_boxed_slice()),
                    ));
                    let decode = self.getattr_str(&b, "decode")?;
                    return match self.call_pos(&decode, &[probe]) {
                        Ok(s) => Ok(self.str_text(&s)),
                        Err(e) => {
                            let le = Value::Obj(self.types.lookup_error.clone());
                            let ev = Value::Obj(e.0.clone());
                            if self.exception_matches(&ev, &le)? {
                                Err(fail(self, format!("unknown encoding: {c}"), 0))
                            } else {
                                let m = self.str_string(&ev)?;
                                Err(fail(self, format!("(unicode error) {m}"), 1))
                            }
                        }
                    };
                }
            }
        }
        match std::str::from_utf8(body) {
            Ok(s) => Ok(s.to_string()),
            Err(e) => {
                let at = e.valid_up_to();
                let line = body[..at].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
                let byte = body.get(at).copied().unwrap_or(0);
                let why = if e.error_len().is_none() {
                    "unexpected end of data"
                } else if (0x80..0xc2).contains(&byte) || byte >= 0xf5 {
                    "invalid start byte"
                } else {
                    "invalid continuation byte"
                };
                let line_start = body[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1);
                let quote = body[line_start..at]
                    .iter()
                    .rposition(|&b| b == b'"' || b == b'\'')
                    .map_or(line_start, |p| line_start + p + 1);
                Err(fail(
                    self,
                    format!(
                        "(unicode error) 'utf-8' codec can't decode byte {byte:#04x} in position {}: {why}",
                        at - quote
                    ),
                    line,
                ))
            }
        }
    }
}
