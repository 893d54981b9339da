//! The stock entries of `sys.meta_path` and `sys.path_hooks`, and `sys.path_importer_cache`
//! (CPython: `Lib/importlib/_bootstrap.py`'s `BuiltinImporter`/`FrozenImporter`,
//! `_bootstrap_external.py`'s `PathFinder`, `FileFinder.path_hook`, and `Lib/zipimport.py`).
//!
//! `sys.meta_path` starts as CPython's, `[BuiltinImporter, FrozenImporter, PathFinder]`, made
//! natively (importlib's Python classes take their places once `importlib` is imported, see
//! `Vm::adopt_importlib`). While it holds exactly those three, in that order, the import
//! statement searches natively, which is what running them would do; otherwise the finders are
//! asked in order, each stock one by its native equivalent. Krait has no frozen modules (CPython
//! 3.11 freezes `os`, `site`, `codecs` and a few more; Krait compiles them from `Lib/` and keeps
//! their code in its cache), so `FrozenImporter` finds nothing.
//!
//! `sys.path_hooks` (`[zipimport.zipimporter, FileFinder.path_hook(...)]`) and
//! `sys.path_importer_cache` need importlib's and zipimport's Python code, which a plain
//! program never runs: they join `sys` when a program first looks them up (the attribute
//! lookup misses, `attr.rs` asks [`Vm::publish_import_lists`]) or a `sys.path` entry is a file
//! (a zip archive). Until then the directories the native search went through are remembered
//! here, and on publication each gets the `FileFinder` CPython would have cached for it. Once
//! published, the native search keeps the cache filled the same way, and when the hooks are
//! no longer the stock two (or the cache holds another finder for an entry), the hooks and
//! finders run as `PathFinder` runs them.

use std::collections::HashSet;

use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

/// Which stock `sys.meta_path` finder a class stands for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Stock {
    Builtin,
    Frozen,
    Path,
}

/// The import system's state kept outside `sys` (see the module comment).
#[derive(Default)]
pub(crate) struct ImportState {
    /// The stock meta-path finders, native and importlib's.
    pub(crate) stock: Vec<(ObjRef, Stock)>,
    /// `sys.path_hooks` and `sys.path_importer_cache` (in `sys` once `published`).
    pub(crate) path_hooks: Option<Value>,
    pub(crate) importer_cache: Option<ObjRef>,
    pub(crate) published: bool,
    /// `zipimport.zipimporter` and importlib's `FileFinder` hook, once made.
    pub(crate) zip_hook: Option<Value>,
    pub(crate) file_finder_hook: Option<Value>,
    /// importlib's own `PathFinder.find_spec`, which the native one stands in for.
    pub(crate) py_path_find_spec: Option<Value>,
    /// Path entries found to be directories (searched natively), in the order first seen.
    pub(crate) plain_dirs: HashSet<String>,
    pub(crate) plain_order: Vec<String>,
}

impl ImportState {
    pub(crate) fn roots(&self, visit: &mut dyn FnMut(&Value)) {
        for (c, _) in &self.stock {
            visit(&Value::Obj(c.clone()));
        }
        if let Some(c) = &self.importer_cache {
            visit(&Value::Obj(c.clone()));
        }
        for v in self
            .path_hooks
            .iter()
            .chain(self.zip_hook.iter())
            .chain(self.file_finder_hook.iter())
            .chain(self.py_path_find_spec.iter())
        {
            visit(v);
        }
    }
}

/// What a path entry asks of the search for one module.
pub(crate) enum Entry {
    /// A directory: search it natively.
    Directory,
    /// Its finder found the module.
    Found(Value),
    /// Nothing there (no finder, or the finder found nothing).
    Skip,
}

/// The native `FrozenImporter` and `PathFinder` classes, and `sys.meta_path`, `path_hooks`
/// and `path_importer_cache`'s starting values (the latter two kept here, not yet in `sys`).
pub(crate) fn init_meta_path(vm: &mut Vm) -> Value {
    let builtin = match vm.spec_types() {
        Ok(t) => t.builtin_importer,
        Err(_) => crate::modspec::heap_class(vm, "_frozen_importlib", "BuiltinImporter"),
    };
    let frozen = crate::modspec::heap_class(vm, "_frozen_importlib", "FrozenImporter");
    vm.add_methods(
        &frozen,
        crate::methods![
            classmethod "find_spec" => frozen_find_spec, "";
            classmethod "find_module" => frozen_find_spec, "";
        ],
    );
    let origin = vm.new_str("frozen");
    vm.set_type_attr(&frozen, "_ORIGIN", origin);
    let path = crate::modspec::heap_class(vm, "_frozen_importlib_external", "PathFinder");
    vm.add_methods(
        &path,
        crate::methods![
            classmethod "find_spec" => path_find_spec, "";
            classmethod "invalidate_caches" => path_invalidate_caches, "";
            classmethod "find_distributions" => path_find_distributions, "";
        ],
    );
    vm.mods.imports.stock = vec![
        (builtin.clone(), Stock::Builtin),
        (frozen.clone(), Stock::Frozen),
        (path.clone(), Stock::Path),
    ];
    let hooks = vm.new_list(Vec::new());
    let cache = vm.new_dict();
    let st = &mut vm.mods.imports;
    st.path_hooks = Some(hooks);
    st.importer_cache = Some(cache);
    let items = [builtin, frozen, path].map(Value::Obj).to_vec();
    vm.new_list(items)
}

fn frozen_find_spec(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::pos_args(vm, &args, "find_spec", 2, 4)?;
    Ok(Value::None)
}

/// `PathFinder.find_spec(fullname, path=None, target=None)`: the native search of `path`
/// (`sys.path` when `None`), or importlib's own when the path hooks are not the stock ones.
fn path_find_spec(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::bind_args(
        vm,
        &args,
        "find_spec",
        &["cls", "fullname", "path", "target"],
        2,
    )?;
    let a: Vec<Value> = a
        .into_iter()
        .map(|v| if v.is_null() { Value::None } else { v })
        .collect();
    if !vm.path_hooks_stock()
        && let Some(f) = vm.mods.imports.py_path_find_spec.clone()
    {
        return vm.call_pos(&f, &a[1..]);
    }
    let name = vm.str_text(&a[1]);
    let path = Some(&a[2]).filter(|p| !p.is_none()).cloned();
    let found = vm.locate_on_path(&name, path.as_ref())?;
    vm.located_spec(&name, found)
}

/// `PathFinder.invalidate_caches()`: the remembered directories are searched afresh (the
/// native search keeps no listing), and each cached finder's `invalidate_caches` runs.
fn path_invalidate_caches(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let Some(cache) = vm.importer_cache() else {
        return Ok(Value::None);
    };
    for (k, f) in vm.dict_items(&Value::Obj(cache.clone()))? {
        if f.is_none() {
            let _ = vm.dict_del(&cache, &k);
            continue;
        }
        let key = vm.intern("invalidate_caches");
        if let Some(m) = vm.getattr_opt(&f, &key)? {
            vm.call_pos(&m, &[])?;
        }
    }
    Ok(Value::None)
}

/// `PathFinder.find_distributions(*args, **kwargs)`: `importlib.metadata`'s.
fn path_find_distributions(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let m = vm.import_dotted("importlib.metadata")?;
    let finder = vm.getattr_str(&m, "MetadataPathFinder")?;
    let f = vm.getattr_str(&finder, "find_distributions")?;
    // Everything but `cls`, keywords included.
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    vm.call(&f, rest)
}

impl Vm {
    /// Which stock finder `v` is, if any.
    pub(crate) fn stock_finder(&self, v: &Value) -> Option<Stock> {
        let Value::Obj(o) = v else { return None };
        self.mods
            .imports
            .stock
            .iter()
            .find(|(c, _)| ObjRef::ptr_eq(c, o))
            .map(|(_, s)| *s)
    }

    /// `sys.path_hooks` (published or not).
    pub(crate) fn path_hooks_list(&mut self) -> Option<Value> {
        if self.mods.imports.published {
            self.sys_attr("path_hooks")
        } else {
            self.mods.imports.path_hooks.clone()
        }
    }

    /// `sys.path_importer_cache` (published or not), when it is a dict.
    pub(crate) fn importer_cache(&mut self) -> Option<ObjRef> {
        let c = if self.mods.imports.published {
            match self.sys_attr("path_importer_cache") {
                Some(Value::Obj(o)) => Some(o),
                _ => None,
            }
        } else {
            self.mods.imports.importer_cache.clone()
        };
        c.filter(|o| matches!(o.payload, Payload::Dict(_)))
    }

    /// Whether `sys.path_hooks` is what it starts as: not yet published, or exactly
    /// `[zipimporter, FileFinder hook]`.
    pub(crate) fn path_hooks_stock(&mut self) -> bool {
        if !self.mods.imports.published {
            return true;
        }
        // The hooks made so far (all of them but while being published).
        let st = &self.mods.imports;
        let own: Vec<Value> = st
            .zip_hook
            .iter()
            .chain(st.file_finder_hook.iter())
            .cloned()
            .collect();
        let Some(Value::Obj(h)) = self.sys_attr("path_hooks") else {
            return false;
        };
        let Payload::List(l) = &h.payload else {
            return false;
        };
        let items = l.borrow();
        items.len() == own.len() && items.iter().zip(&own).all(|(a, b)| a.is(b))
    }

    /// Put `sys.path_hooks` and `sys.path_importer_cache` in `sys` (see the module comment):
    /// importlib and zipimport are imported for their hooks, and each directory searched so
    /// far gets its `FileFinder` in the cache. Without a standard library the lists stay as
    /// they are.
    pub(crate) fn publish_import_lists(&mut self) -> PyResult<()> {
        if self.mods.imports.published {
            return Ok(());
        }
        self.mods.imports.published = true;
        let (Some(hooks), Some(cache)) = (
            self.mods.imports.path_hooks.clone(),
            self.mods.imports.importer_cache.clone(),
        ) else {
            return Ok(());
        };
        let sys = self.sys.clone();
        crate::modules::set_attr(self, &sys, "path_hooks", hooks.clone());
        crate::modules::set_attr(self, &sys, "path_importer_cache", Value::Obj(cache.clone()));
        let ie = self.types.import_error.clone();
        match self.import_dotted("importlib") {
            Ok(_) => {}
            Err(e) if self.err_matches(&e, &ie) => return Ok(()),
            Err(e) => return Err(e),
        }
        let zip = match self.import_dotted("zipimport") {
            Ok(z) => self.getattr_str(&z, "zipimporter")?,
            Err(e) if self.err_matches(&e, &ie) => return Ok(()),
            Err(e) => return Err(e),
        };
        let insert = self.getattr_str(&hooks, "insert")?;
        self.call_pos(&insert, &[Value::Int(0), zip.clone()])?;
        self.mods.imports.zip_hook = Some(zip);
        let Some(ff) = self.mods.imports.file_finder_hook.clone() else {
            return Ok(());
        };
        for dir in std::mem::take(&mut self.mods.imports.plain_order) {
            let key = self.new_str(&dir);
            if self.dict_get(&cache, &key)?.is_none() {
                let finder = self.path_hook_call(&ff, &key)?.unwrap_or(Value::None);
                self.dict_set(&cache, key, finder)?;
            }
        }
        Ok(())
    }

    /// `hook(entry)`; `None` when it refuses the entry with `ImportError`.
    fn path_hook_call(&mut self, hook: &Value, entry: &Value) -> PyResult<Option<Value>> {
        match self.call_pos(hook, std::slice::from_ref(entry)) {
            Ok(f) => Ok(Some(f)),
            Err(e) if self.err_matches(&e, &self.types.import_error.clone()) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn remember_dir(&mut self, dir: &str) {
        let st = &mut self.mods.imports;
        if st.plain_dirs.insert(dir.to_string()) && !st.published {
            st.plain_order.push(dir.to_string());
        }
    }

    /// How path entry `dir` (made absolute) is searched for `name`, as `PathFinder._get_spec`
    /// does: its finder from `sys.path_importer_cache`, else the first of `sys.path_hooks`
    /// that accepts it (then cached, `None` when none does). importlib's `FileFinder` is
    /// searched natively. A spec without a loader adds its locations to `portions`.
    pub(crate) fn path_entry(
        &mut self,
        name: &str,
        dir: &str,
        portions: &mut Vec<String>,
    ) -> PyResult<Entry> {
        let stock = self.path_hooks_stock();
        let published = self.mods.imports.published;
        if stock && !published && self.mods.imports.plain_dirs.contains(dir) {
            return Ok(Entry::Directory);
        }
        let Some(cache) = self.importer_cache() else {
            return Ok(if self.host.stat(dir).is_ok_and(|s| s.is_dir) {
                Entry::Directory
            } else {
                Entry::Skip
            });
        };
        let key = self.new_str(dir);
        let finder = match self.dict_get(&cache, &key)? {
            Some(f) => f,
            None => {
                let kind = self.host.stat(dir).map(|s| s.is_dir);
                if stock {
                    match kind {
                        Ok(true) => {
                            self.remember_dir(dir);
                            if !published {
                                return Ok(Entry::Directory);
                            }
                            // Published: the `FileFinder` CPython caches for a directory
                            // (none while importlib is being imported for publication).
                            if let Some(ff) = self.mods.imports.file_finder_hook.clone()
                                && let Some(f) = self.path_hook_call(&ff, &key)?
                            {
                                self.dict_set(&cache, key, f)?;
                            }
                            return Ok(Entry::Directory);
                        }
                        Ok(false) => self.publish_import_lists()?,
                        Err(_) => {
                            if !published && !inside_file(self, dir) {
                                self.dict_set(&cache, key, Value::None)?;
                                return Ok(Entry::Skip);
                            }
                            self.publish_import_lists()?;
                        }
                    }
                }
                let hooks = match self.path_hooks_list() {
                    Some(h) => self.iterate(&h)?,
                    None => Vec::new(),
                };
                let mut found = Value::None;
                for hook in hooks {
                    if let Some(f) = self.path_hook_call(&hook, &key)? {
                        found = f;
                        break;
                    }
                }
                // Publication may have replaced the cache.
                let cache = self.importer_cache().unwrap_or(cache);
                self.dict_set(&cache, key, found.clone())?;
                found
            }
        };
        if finder.is_none() {
            return Ok(Entry::Skip);
        }
        if self.is_file_finder(&finder) {
            return Ok(Entry::Directory);
        }
        let k = self.intern("find_spec");
        let Some(find_spec) = self.getattr_opt(&finder, &k)? else {
            return Ok(Entry::Skip);
        };
        let n = self.new_str(name);
        let spec = self.call_pos(&find_spec, &[n])?;
        if spec.is_none() {
            return Ok(Entry::Skip);
        }
        let loader = self.getattr_str(&spec, "loader")?;
        if loader.is_none() {
            let locs = self.getattr_str(&spec, "submodule_search_locations")?;
            if !locs.is_none() {
                for l in self.iterate(&locs)? {
                    let t = self.str_text(&l);
                    portions.push(t);
                }
            }
            return Ok(Entry::Skip);
        }
        Ok(Entry::Found(spec))
    }

    /// At adoption (`Vm::adopt_importlib`): importlib's finder classes replace the native ones
    /// on `sys.meta_path` (and count as stock), its `PathFinder.find_spec` becomes the native
    /// one (which calls importlib's own when the hooks are not the stock ones), and its
    /// `FileFinder` hook joins `sys.path_hooks`.
    pub(crate) fn adopt_finders(&mut self, bootstrap: &Value, external: &Value) -> PyResult<()> {
        let mut swaps = Vec::new();
        for (module, name, kind) in [
            (bootstrap, "BuiltinImporter", Stock::Builtin),
            (bootstrap, "FrozenImporter", Stock::Frozen),
            (external, "PathFinder", Stock::Path),
        ] {
            let k = self.intern(name);
            if let Some(Value::Obj(c)) = self.getattr_opt(module, &k)?
                && matches!(c.payload, Payload::Type(_))
            {
                swaps.push((c, kind));
            }
        }
        for (c, kind) in &swaps {
            if *kind == Stock::Path {
                let own = self.getattr_str(&Value::Obj(c.clone()), "find_spec")?;
                self.mods.imports.py_path_find_spec = Some(own);
                self.add_methods(
                    c,
                    crate::methods![ classmethod "find_spec" => path_find_spec, ""; ],
                );
            }
        }
        if let Some(Value::Obj(mp)) = self.sys_attr("meta_path")
            && let Payload::List(l) = &mp.payload
        {
            let mut items = l.borrow_mut();
            let mut replaced = Vec::new();
            for i in 0..items.len() {
                let Some(Value::Obj(o)) = items.get(i) else {
                    continue;
                };
                let kind = self
                    .mods
                    .imports
                    .stock
                    .iter()
                    .find(|(c, _)| ObjRef::ptr_eq(c, &o))
                    .map(|(_, s)| *s);
                if let Some(kind) = kind
                    && let Some((c, _)) = swaps.iter().find(|(_, k)| *k == kind)
                {
                    replaced.push(items.replace(i, Value::Obj(c.clone())));
                }
            }
            drop(items);
            drop(replaced);
        }
        self.mods.imports.stock.extend(swaps);
        Ok(())
    }

    /// Remember importlib's `FileFinder` hook and put it on `sys.path_hooks`.
    pub(crate) fn adopt_file_finder_hook(&mut self, hook: Value) -> PyResult<()> {
        self.mods.imports.file_finder_hook = Some(hook.clone());
        if let Some(hooks) = self.path_hooks_list() {
            let append = self.getattr_str(&hooks, "append")?;
            self.call_pos(&append, &[hook])?;
        }
        Ok(())
    }
}

/// Whether some parent of `dir` is a file (`app.zip/pkg`, inside an archive).
fn inside_file(vm: &mut Vm, dir: &str) -> bool {
    let mut p = dir.trim_end_matches('/');
    while let Some((head, _)) = p.rsplit_once('/') {
        if head.is_empty() {
            break;
        }
        if let Ok(st) = vm.host.stat(head) {
            return !st.is_dir;
        }
        p = head;
    }
    false
}
