//! `_warnings` (CPython: `Python/_warnings.c`): the C half of the warnings machinery. The
//! filter list, the "once" registry and the default action live here and are shared with
//! `Lib/warnings.py`, which imports them (`from _warnings import filters, ...`) and adds the
//! Python API (`simplefilter`, `catch_warnings`, `formatwarning`, `-W` option parsing).
//!
//! As in CPython, each lookup reads `warnings.filters`, `warnings.onceregistry` and
//! `warnings.defaultaction` from the `warnings` module once it is imported (`catch_warnings`
//! replaces `warnings.filters` by a copy), and a warning is shown through
//! `warnings._showwarnmsg` when that exists; before (or with `-S` and no import of it) the
//! warning is written to `sys.stderr` directly. Warnings the interpreter itself issues
//! (`SyntaxWarning` from the compiler, `DeprecationWarning` for `bool(NotImplemented)`) go
//! through the same path.

use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

/// The interpreter's warnings state (CPython's `WarningsState`).
pub(crate) struct WarnState {
    /// The filter list (`_warnings.filters`), or whatever `warnings.filters` was last seen to be.
    filters: Value,
    /// `_warnings._onceregistry`
    once_registry: Value,
    /// `_warnings._defaultaction`
    default_action: Value,
    /// Bumped by `_filters_mutated()`; a module registry made under another version is reset.
    version: i64,
}

/// Register the module.
pub(super) fn register(vm: &mut Vm) {
    vm.builtin_modules.push(("_warnings", warnings_init));
}

fn warnings_init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("warn", warnings_warn),
            ("warn_explicit", warnings_warn_explicit),
            ("_filters_mutated", warnings_filters_mutated),
        ],
    );
    let st = state(vm);
    let (filters, once, default) = (
        st.filters.clone(),
        st.once_registry.clone(),
        st.default_action.clone(),
    );
    let mv = Value::Obj(m.clone());
    for (name, v) in [
        ("filters", filters),
        ("_onceregistry", once),
        ("_defaultaction", default),
    ] {
        let k = vm.intern(name);
        vm.setattr(&mv, &k, Some(v))?;
    }
    Ok(())
}

/// The state, made with a release build's default filters on first use.
fn state(vm: &mut Vm) -> &mut WarnState {
    let st = match vm.warnings.take() {
        Some(st) => st,
        None => Box::new(new_state(vm)),
    };
    vm.warnings.insert(st)
}

fn new_state(vm: &mut Vm) -> WarnState {
    let main = Value::Obj(vm.intern("__main__"));
    let t = &vm.types;
    let defaults = [
        ("default", t.deprecation_warning.clone(), main),
        ("ignore", t.deprecation_warning.clone(), Value::None),
        ("ignore", t.pending_deprecation_warning.clone(), Value::None),
        ("ignore", t.import_warning.clone(), Value::None),
        ("ignore", t.resource_warning.clone(), Value::None),
    ];
    let mut items = Vec::with_capacity(defaults.len());
    for (action, category, module) in defaults {
        let a = Value::Obj(vm.intern(action));
        items.push(vm.new_tuple(vec![
            a,
            Value::None,
            Value::Obj(category),
            module,
            Value::Int(0),
        ]));
    }
    WarnState {
        filters: vm.new_list(items),
        once_registry: Value::Obj(vm.new_dict()),
        default_action: vm.new_str("default"),
        version: 0,
    }
}

/// `warnings.<name>` if the `warnings` module is loaded (or, with `try_import`, can be).
fn warnings_attr(vm: &mut Vm, name: &str, try_import: bool) -> PyResult<Option<Value>> {
    let module = if try_import {
        match vm.import_dotted("warnings") {
            Ok(m) => m,
            Err(e) => {
                let t = vm.types.import_error.clone();
                if vm.err_matches(&e, &t) {
                    return Ok(None);
                }
                return Err(e);
            }
        }
    } else {
        match vm.sys_module("warnings") {
            Some(m) => m,
            None => return Ok(None),
        }
    };
    let k = vm.intern(name);
    vm.getattr_opt(&module, &k)
}

fn is_list(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::List(_)))
}

fn is_dict(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Dict(_)))
}

fn is_str(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Str(_)))
}

fn get_filters(vm: &mut Vm) -> PyResult<Value> {
    if let Some(f) = warnings_attr(vm, "filters", false)? {
        state(vm).filters = f;
    }
    let f = state(vm).filters.clone();
    if !is_list(&f) {
        return Err(vm.value_error("_warnings.filters must be a list"));
    }
    Ok(f)
}

fn get_once_registry(vm: &mut Vm) -> PyResult<Value> {
    let Some(r) = warnings_attr(vm, "onceregistry", false)? else {
        return Ok(state(vm).once_registry.clone());
    };
    if !is_dict(&r) {
        let n = vm.type_name(&r);
        return Err(vm.type_error(format!("_warnings.onceregistry must be a dict, not '{n}'")));
    }
    state(vm).once_registry = r.clone();
    Ok(r)
}

fn get_default_action(vm: &mut Vm) -> PyResult<Value> {
    let Some(a) = warnings_attr(vm, "defaultaction", false)? else {
        return Ok(state(vm).default_action.clone());
    };
    if !is_str(&a) {
        let n = vm.type_name(&a);
        return Err(vm.type_error(format!(
            "_warnings.defaultaction must be a string, not '{n}'"
        )));
    }
    state(vm).default_action = a.clone();
    Ok(a)
}

/// A filter's message or module part against the text: `None` matches anything, an exact
/// `str` (the default filters' `'__main__'`) must be equal, anything else is a compiled
/// pattern whose `match` is called.
fn check_matched(vm: &mut Vm, pattern: &Value, arg: &Value) -> PyResult<bool> {
    if pattern.is_none() {
        return Ok(true);
    }
    if let Value::Obj(p) = pattern
        && p.class_is(&vm.types.str)
    {
        return match (pattern.payload(), arg.payload()) {
            (Some(Payload::Str(a)), Some(Payload::Str(b))) => Ok(a.wtf8() == b.wtf8()),
            _ => {
                let n = vm.type_name(arg);
                Err(vm.type_error(format!("Can't compare str and {n}")))
            }
        };
    }
    let k = vm.intern("match");
    let m = vm.getattr(pattern, &k)?;
    let r = vm.call_pos(&m, std::slice::from_ref(arg))?;
    vm.is_true(&r)
}

/// The action of the first filter that matches, with the filter (`None` for the default).
fn get_filter(
    vm: &mut Vm,
    category: &Value,
    text: &Value,
    lineno: i64,
    module: &Value,
) -> PyResult<(Value, Value)> {
    let filters = get_filters(vm)?;
    let mut i = 0;
    // The list may change while a filter's pattern runs: index it afresh each time.
    let nth = |i: usize| match filters.payload() {
        Some(Payload::List(l)) => l.borrow().get(i),
        _ => None,
    };
    while let Some(item) = nth(i) {
        let parts = match item.payload() {
            Some(Payload::Tuple(t)) if t.len() == 5 => t.to_vec(),
            _ => {
                return Err(vm.value_error(format!("_warnings.filters item {i} isn't a 5-tuple")));
            }
        };
        let [action, msg, cat, module_pat, ln] = <[Value; 5]>::try_from(parts)
            .map_err(|_| vm.value_error("_warnings.filters item isn't a 5-tuple"))?;
        if !is_str(&action) {
            let n = vm.type_name(&action);
            return Err(vm.type_error(format!("action must be a string, not '{n}'")));
        }
        let good_msg = check_matched(vm, &msg, text)?;
        let good_mod = check_matched(vm, &module_pat, module)?;
        let is_subclass = vm.issubclass(category, &cat)?;
        let ln = vm.index_to_i64(&ln)?;
        if good_msg && is_subclass && good_mod && (ln == 0 || ln == lineno) {
            return Ok((action, item));
        }
        i += 1;
    }
    Ok((get_default_action(vm)?, Value::None))
}

/// Whether `registry` (a module's `__warningregistry__` or the once registry) already holds a
/// true value for `key`; a registry made under older filters is cleared first. With
/// `should_set`, `key` is recorded.
fn already_warned(vm: &mut Vm, registry: &Value, key: Value, should_set: bool) -> PyResult<bool> {
    let Value::Obj(reg) = registry else {
        return Ok(false);
    };
    let version = state(vm).version;
    let vkey = Value::Obj(vm.intern("version"));
    let current = matches!(vm.dict_get(reg, &vkey)?, Some(Value::Int(v)) if v == version);
    if current {
        if let Some(seen) = vm.dict_get(reg, &key)?
            && vm.is_true(&seen)?
        {
            return Ok(true);
        }
    } else {
        if let Payload::Dict(t) = &reg.payload {
            let old = t.borrow_mut().clear();
            drop(old);
        }
        vm.dict_set(reg, vkey, Value::Int(version))?;
    }
    if should_set {
        vm.dict_set(reg, key, Value::bool(true))?;
    }
    Ok(false)
}

/// The module name filters see for a file: its name without `.py`.
fn normalize_module(vm: &mut Vm, filename: &Value) -> Value {
    let f = vm.str_text(filename);
    match f.strip_suffix(".py") {
        _ if f.is_empty() => vm.new_str("<unknown>"),
        Some(m) => vm.new_str(m),
        None => filename.clone(),
    }
}

/// CPython's `warn_explicit`. `module`: `None` from a caller means "work it out from the
/// file name", `Some(None)` (late in shutdown) means "do nothing".
#[allow(clippy::too_many_arguments)]
fn warn_explicit(
    vm: &mut Vm,
    category: &Value,
    message: &Value,
    filename: &Value,
    lineno: i64,
    module: Option<Value>,
    registry: Option<Value>,
    sourceline: Option<Value>,
    source: Option<Value>,
) -> PyResult<()> {
    if module.as_ref().is_some_and(Value::is_none) {
        return Ok(());
    }
    let registry = registry.filter(|r| !r.is_none());
    if let Some(r) = &registry
        && !is_dict(r)
    {
        return Err(vm.type_error("'registry' must be a dict or None"));
    }
    let module = match module {
        Some(m) => m,
        None => normalize_module(vm, filename),
    };
    let warning = Value::Obj(vm.types.warning.clone());
    let (text, message, category) = if vm.isinstance(message, &warning)? {
        let text = vm.str(message)?;
        (text, message.clone(), Value::Obj(vm.type_of(message)))
    } else {
        let m = vm.call_pos(category, std::slice::from_ref(message))?;
        (message.clone(), m, category.clone())
    };
    let source = source.filter(|s| !s.is_none());
    let key = vm.new_tuple(vec![text.clone(), category.clone(), Value::Int(lineno)]);
    if let Some(r) = &registry
        && already_warned(vm, r, key.clone(), false)?
    {
        return Ok(());
    }
    let (action, item) = get_filter(vm, &category, &text, lineno, &module)?;
    let act = vm.str_text(&action);
    match act.as_str() {
        "error" => return Err(raise_warning(vm, &category, message)),
        "ignore" => return Ok(()),
        _ => {}
    }
    let mut seen = false;
    if act != "always" {
        if let Some(Value::Obj(r)) = &registry {
            vm.dict_set(r, key, Value::bool(true))?;
        }
        match act.as_str() {
            "once" => {
                let reg = match &registry {
                    Some(r) => r.clone(),
                    None => get_once_registry(vm)?,
                };
                let k = vm.new_pair(text.clone(), category.clone());
                seen = already_warned(vm, &reg, k, true)?;
            }
            "module" => {
                if let Some(r) = &registry {
                    let k = vm.new_pair(text.clone(), category.clone());
                    seen = already_warned(vm, r, k, true)?;
                }
            }
            "default" => {}
            _ => {
                let a = vm.repr_string(&action)?;
                let it = vm.repr_string(&item)?;
                return Err(vm.runtime_error(format!(
                    "Unrecognized action ({a}) in warnings.filters:\n {it}"
                )));
            }
        }
    }
    if seen {
        return Ok(());
    }
    call_show_warning(
        vm, &category, &text, &message, filename, lineno, sourceline, source,
    )
}

/// The exception an "error" filter raises: the warning itself.
fn raise_warning(vm: &mut Vm, category: &Value, message: Value) -> PyErr {
    let base = Value::Obj(vm.types.base_exception.clone());
    match vm.isinstance(&message, &base) {
        Ok(true) => match message {
            Value::Obj(o) => PyErr(o),
            _ => vm.type_error("exceptions must derive from BaseException"),
        },
        Ok(false) => match vm.call_pos(category, &[message]) {
            Ok(Value::Obj(o)) => PyErr(o),
            Ok(_) => vm.type_error("exceptions must derive from BaseException"),
            Err(e) => e,
        },
        Err(e) => e,
    }
}

/// Show a warning through `warnings._showwarnmsg`, or write it to `sys.stderr` when the
/// `warnings` module is not loaded.
#[allow(clippy::too_many_arguments)]
fn call_show_warning(
    vm: &mut Vm,
    category: &Value,
    text: &Value,
    message: &Value,
    filename: &Value,
    lineno: i64,
    sourceline: Option<Value>,
    source: Option<Value>,
) -> PyResult<()> {
    let Some(show) = warnings_attr(vm, "_showwarnmsg", source.is_some())? else {
        show_warning(vm, filename, lineno, text, category, sourceline);
        return Ok(());
    };
    if !vm.is_callable(&show) {
        return Err(vm.type_error("warnings._showwarnmsg() must be set to a callable"));
    }
    let Some(cls) = warnings_attr(vm, "WarningMessage", false)? else {
        return Err(vm.runtime_error("unable to get warnings.WarningMessage"));
    };
    let msg = vm.call_pos(
        &cls,
        &[
            message.clone(),
            category.clone(),
            filename.clone(),
            Value::Int(lineno),
            Value::None,
            Value::None,
            source.unwrap_or(Value::None),
        ],
    )?;
    vm.call_pos(&show, &[msg])?;
    Ok(())
}

/// `filename:lineno: Category: text` and the source line, on `sys.stderr`; errors are
/// swallowed, as CPython's `show_warning` does.
fn show_warning(
    vm: &mut Vm,
    filename: &Value,
    lineno: i64,
    text: &Value,
    category: &Value,
    sourceline: Option<Value>,
) {
    let k = vm.intern("__name__");
    let Ok(name) = vm.getattr(category, &k) else {
        return;
    };
    let Some(stderr) = vm.sys_attr("stderr").filter(|v| !v.is_none()) else {
        vm.write_stderr(b"lost sys.stderr\n");
        return;
    };
    let (Ok(f), Ok(n), Ok(t)) = (
        vm.str_string(filename),
        vm.str_string(&name),
        vm.str_string(text),
    ) else {
        return;
    };
    let mut out = format!("{f}:{lineno}: {n}: {t}\n");
    match sourceline {
        // CPython writes a source line given by `module_globals` as it is.
        Some(line) => {
            if let Ok(line) = vm.str_string(&line) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        None => {
            let line = u32::try_from(lineno)
                .ok()
                .and_then(|l| vm.source_line(&f, l));
            if let Some(line) = line {
                let line = line.trim_start_matches([' ', '\t', '\x0c']);
                out.push_str("  ");
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    vm.flush_stdout();
    let s = vm.new_string(out);
    let k = vm.intern("write");
    if let Ok(w) = vm.getattr(&stderr, &k) {
        let _ = vm.call_pos(&w, &[s]);
    }
}

/// Where a warning `stack_level` frames up is attributed: file name, line, module name and
/// that module's `__warningregistry__` (made if missing). Frames of importlib's bootstrap do
/// not count when the level is above 1.
fn setup_context(vm: &mut Vm, stack_level: i64) -> PyResult<(Value, i64, Value, Value)> {
    let internal = |vm: &Vm, i: usize| {
        let f = &vm.frames[i].code.co.filename;
        f.contains("importlib") && f.contains("_bootstrap")
    };
    let mut idx = vm.frames.len().checked_sub(1);
    let mut level = stack_level;
    let skip_internal = !(level <= 0 || idx.is_some_and(|i| internal(vm, i)));
    loop {
        level -= 1;
        let Some(i) = idx.filter(|_| level > 0) else {
            break;
        };
        idx = i.checked_sub(1);
        if skip_internal {
            while let Some(j) = idx
                && internal(vm, j)
            {
                idx = j.checked_sub(1);
            }
        }
    }
    let (globals, filename, lineno) = match idx {
        Some(i) => {
            let f = &vm.frames[i];
            let line = f
                .code
                .co
                .positions
                .get(f.ip.get() as usize)
                .map_or(0, |p| p.line);
            let (g, name) = (
                crate::object::ObjRef::clone(&f.globals),
                f.code.co.filename.clone(),
            );
            (g, vm.new_str(&name), i64::from(line))
        }
        None => {
            let Payload::Module(m) = &vm.sys.payload else {
                return Err(vm.runtime_error("lost sys"));
            };
            (m.dict.clone(), vm.new_str("sys"), 1)
        }
    };
    let k = Value::Obj(vm.intern("__warningregistry__"));
    let registry = match vm.dict_get(&globals, &k)? {
        Some(r) => r,
        None => {
            let r = Value::Obj(vm.new_dict());
            vm.dict_set(&globals, k, r.clone())?;
            r
        }
    };
    let k = Value::Obj(vm.intern("__name__"));
    let module = match vm.dict_get(&globals, &k)? {
        Some(m) if m.is_none() || is_str(&m) => m,
        _ => vm.new_str("<string>"),
    };
    Ok((filename, lineno, module, registry))
}

fn do_warn(
    vm: &mut Vm,
    message: &Value,
    category: &Value,
    stack_level: i64,
    source: Option<Value>,
) -> PyResult<()> {
    let (filename, lineno, module, registry) = setup_context(vm, stack_level)?;
    warn_explicit(
        vm,
        category,
        message,
        &filename,
        lineno,
        Some(module),
        Some(registry),
        None,
        source,
    )
}

/// The category of `warn(message, category)`, checked.
fn get_category(vm: &mut Vm, message: &Value, category: &Value) -> PyResult<Value> {
    let warning = Value::Obj(vm.types.warning.clone());
    let category = if vm.isinstance(message, &warning)? {
        Value::Obj(vm.type_of(message))
    } else if category.is_none() || category.is_null() {
        Value::Obj(vm.types.user_warning.clone())
    } else {
        category.clone()
    };
    if !matches!(vm.issubclass(&category, &warning), Ok(true)) {
        let n = vm.type_name(&category);
        return Err(vm.type_error(format!("category must be a Warning subclass, not '{n}'")));
    }
    Ok(category)
}

fn opt(v: &Value) -> Option<Value> {
    (!v.is_null()).then(|| v.clone())
}

/// `warn(message, category=None, stacklevel=1, source=None)`.
fn warnings_warn(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::bind_args(
        vm,
        &args,
        "warn",
        &["message", "category", "stacklevel", "source"],
        1,
    )?;
    let category = get_category(vm, &a[0], &a[1])?;
    let level = if a[2].is_null() {
        1
    } else {
        vm.index_to_i64(&a[2])?
    };
    do_warn(vm, &a[0], &category, level, opt(&a[3]))?;
    Ok(Value::None)
}

/// `warn_explicit(message, category, filename, lineno, module=None, registry=None,
/// module_globals=None, source=None)`.
fn warnings_warn_explicit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::bind_args(
        vm,
        &args,
        "warn_explicit",
        &[
            "message",
            "category",
            "filename",
            "lineno",
            "module",
            "registry",
            "module_globals",
            "source",
        ],
        4,
    )?;
    if !is_str(&a[2]) {
        let n = vm.type_name(&a[2]);
        return Err(vm.type_error(format!("warn_explicit() argument 3 must be str, not {n}")));
    }
    let lineno = vm.index_to_i64(&a[3])?;
    let lineno = i64::from(i32::try_from(lineno).map_err(|_| {
        vm.overflow_error(if lineno < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        })
    })?);
    let mut sourceline = None;
    if let Some(g) = opt(&a[6]).filter(|g| !g.is_none()) {
        let globals = match &g {
            Value::Obj(o) if is_dict(&g) => o.clone(),
            _ => {
                let n = vm.type_name(&g);
                return Err(vm.type_error(format!("module_globals must be a dict, not '{n}'")));
            }
        };
        sourceline = source_line_from_loader(vm, &globals, lineno)?;
    }
    warn_explicit(
        vm,
        &a[1],
        &a[0],
        &a[2],
        lineno,
        opt(&a[4]),
        opt(&a[5]),
        sourceline,
        opt(&a[7]),
    )?;
    Ok(Value::None)
}

/// Line `lineno` of the source the module's `__loader__.get_source(__name__)` returns.
fn source_line_from_loader(vm: &mut Vm, globals: &ObjRef, lineno: i64) -> PyResult<Option<Value>> {
    let k = Value::Obj(vm.intern("__loader__"));
    let Some(loader) = vm.dict_get(globals, &k)? else {
        return Ok(None);
    };
    let k = Value::Obj(vm.intern("__name__"));
    let Some(name) = vm.dict_get(globals, &k)? else {
        return Ok(None);
    };
    let k = vm.intern("get_source");
    let Some(get_source) = vm.getattr_opt(&loader, &k)? else {
        return Ok(None);
    };
    let source = vm.call_pos(&get_source, &[name])?;
    if source.is_none() {
        return Ok(None);
    }
    // `PyUnicode_Splitlines`: str's own method, whatever a subclass defines.
    let k = vm.intern("splitlines");
    let split = vm.getattr(&Value::Obj(vm.types.str.clone()), &k)?;
    let lines = vm.call_pos(&split, &[source])?;
    let line = match lines.payload() {
        Some(Payload::List(l)) => usize::try_from(lineno - 1)
            .ok()
            .and_then(|i| l.borrow().get(i)),
        _ => None,
    };
    match line {
        Some(l) => Ok(Some(l)),
        None => Err(vm.index_error("list index out of range")),
    }
}

/// `_filters_mutated()`: module registries made before are stale.
fn warnings_filters_mutated(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    crate::native::pos_args(vm, &args, "_filters_mutated", 0, 0)?;
    state(vm).version += 1;
    Ok(Value::None)
}

impl Vm {
    /// Issue a warning attributed to the frame `stacklevel` levels up (1 = the innermost
    /// Python frame): `PyErr_WarnEx`. `message` is the warning instance, if there is one
    /// already; otherwise `text` makes it.
    pub fn warn_at(
        &mut self,
        category: &ObjRef,
        message: Option<Value>,
        text: &str,
        stacklevel: usize,
    ) -> PyResult<()> {
        let message = message.unwrap_or_else(|| self.new_str(text));
        let level = i64::try_from(stacklevel).unwrap_or(i64::MAX);
        do_warn(self, &message, &Value::Obj(category.clone()), level, None)
    }

    /// A warning at `filename:lineno` with no registry, so every occurrence is shown under
    /// the "default" action; filters see the file name without `.py` as the module
    /// (`PyErr_WarnExplicitObject(..., NULL, NULL)`, as the compiler issues its
    /// `SyntaxWarning`s).
    pub fn warn_explicit(
        &mut self,
        category: &ObjRef,
        text: &str,
        filename: &str,
        lineno: u32,
    ) -> PyResult<()> {
        let message = self.new_str(text);
        let filename = self.new_str(filename);
        warn_explicit(
            self,
            &Value::Obj(category.clone()),
            &message,
            &filename,
            i64::from(lineno),
            None,
            None,
            None,
            None,
        )
    }
}
