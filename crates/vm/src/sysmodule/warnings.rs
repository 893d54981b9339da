//! Warnings (CPython: `Python/_warnings.c`): the filter list, the default filters of a
//! release build, and the `warnings` module's `warn`, `simplefilter`, `filterwarnings` and
//! `resetwarnings`. Message and module filters match as case-insensitive / exact prefixes of
//! the text rather than as regular expressions.

use crate::native::pos_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::typeobj::is_subtype;
use crate::value::Value;
use crate::{PyResult, Vm};

/// Register the `warnings` module.
pub(super) fn register(vm: &mut Vm) {
    vm.builtin_modules.push(("warnings", warnings_init));
    // `importlib._bootstrap` and others import the C half by its own name.
    vm.builtin_modules.push(("_warnings", warnings_init));
}

/// `warnings._deprecated(name, message=..., *, remove)`: a `DeprecationWarning` naming the
/// version that removes `name`, or `RuntimeError` once that version (past its alpha) is here.
fn warnings_deprecated(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::bind_args(vm, &args, "_deprecated", &["name", "message", "remove"], 1)?;
    if a[2].is_null() {
        return Err(
            vm.type_error("_deprecated() missing 1 required keyword-only argument: 'remove'")
        );
    }
    let remove = vm.iterate(&a[2])?;
    let (major, minor) = match remove.as_slice() {
        [x, y, ..] => (vm.index_to_i64(x)?, vm.index_to_i64(y)?),
        _ => return Err(vm.type_error("remove must be a (major, minor) tuple")),
    };
    let name = vm.repr_string(&a[0])?;
    let version = format!("{major}.{minor}");
    // This is 3.11 final: anything up to 3.11 is past due.
    if (3, 11) >= (major, minor) {
        return Err(vm.runtime_error(format!(
            "{name} was slated for removal after Python {version} alpha"
        )));
    }
    let msg = if a[1].is_null() {
        vm.new_string(format!(
            "{name} is deprecated and slated for removal in Python {version}"
        ))
    } else {
        let fmt = vm.getattr_str(&a[1], "format")?;
        let n = vm.new_str("name");
        let r = vm.new_str("remove");
        let rv = vm.new_string(version);
        vm.call(
            &fmt,
            Args {
                values: &[a[0].clone(), rv],
                kwnames: &[n, r],
            },
        )?
    };
    let m = vm.import_dotted("warnings")?;
    let warn = vm.getattr_str(&m, "warn")?;
    let cat = Value::Obj(vm.types.deprecation_warning.clone());
    let k = vm.new_str("stacklevel");
    vm.call(
        &warn,
        Args {
            values: &[msg, cat, Value::Int(3)],
            kwnames: &[k],
        },
    )?;
    Ok(Value::None)
}

fn warnings_init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("warn", warnings_warn),
            ("simplefilter", warnings_simplefilter),
            ("filterwarnings", warnings_filterwarnings),
            ("resetwarnings", warnings_resetwarnings),
            ("_deprecated", warnings_deprecated),
        ],
    );
    let filters = Value::Obj(filter_list(vm));
    let wm = plain_class(vm, "WarningMessage");
    let cw = plain_class(vm, "catch_warnings");
    vm.add_methods(
        &cw,
        crate::methods![
            method "__init__" => cw_init, "";
            method "__enter__" => cw_enter, "";
            method "__exit__" => cw_exit, "";
        ],
    );
    vm.add_methods(&wm, crate::methods![ method "__str__" => wm_str, ""; ]);
    vm.set_type_attr(&cw, "_message_type", Value::Obj(wm.clone()));
    if let Payload::Module(md) = &m.payload {
        let d = md.dict.clone();
        vm.set_dict_str(&d, "filters", filters);
        vm.set_dict_str(&d, "WarningMessage", Value::Obj(wm));
        vm.set_dict_str(&d, "catch_warnings", Value::Obj(cw));
    }
    Ok(())
}

/// A class of the `warnings` module whose instances keep attributes in a `__dict__`.
fn plain_class(vm: &mut Vm, name: &str) -> ObjRef {
    let obj = vm.types.object.clone();
    let data = crate::objects::typeobj::TypeData::new(
        name,
        vec![obj.clone()],
        crate::objects::typeobj::Layout::Object,
        false,
    );
    let t = ObjRef::new(vm.types.type_.clone(), Payload::Type(Box::new(data)));
    *crate::objects::typeobj::type_data(&t).mro.borrow_mut() = vec![t.clone(), obj];
    let m = vm.new_str("warnings");
    vm.set_type_attr(&t, "__module__", m);
    t
}

fn attr(vm: &mut Vm, o: &Value, name: &str) -> PyResult<Value> {
    vm.getattr_str(o, name)
}

fn set_attr(vm: &mut Vm, o: &Value, name: &str, v: Value) -> PyResult<()> {
    let k = vm.intern(name);
    vm.setattr(o, &k, Some(v))
}

/// `catch_warnings(*, record=False, module=None, action=None, category=Warning, lineno=0,
/// append=False)`.
fn cw_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first().cloned() else {
        return Err(vm.type_error("catch_warnings.__init__ needs self"));
    };
    if args.pos().len() > 1 {
        return Err(vm.type_error(
            "catch_warnings.__init__() takes 1 positional argument but more were given",
        ));
    }
    let mut record = Value::bool(false);
    let mut action = Value::None;
    let mut category = Value::Obj(vm.types.warning.clone());
    for (k, v) in args.kwargs() {
        match vm.str_text(k).as_str() {
            "record" => record = v.clone(),
            "action" => action = v.clone(),
            "category" => category = v.clone(),
            "module" | "lineno" | "append" => {}
            other => {
                return Err(vm.type_error(format!(
                    "catch_warnings.__init__() got an unexpected keyword argument '{other}'"
                )));
            }
        }
    }
    set_attr(vm, &this, "_record", record)?;
    set_attr(vm, &this, "_action", action)?;
    set_attr(vm, &this, "_category", category)?;
    set_attr(vm, &this, "_entered", Value::bool(false))?;
    Ok(Value::None)
}

fn cw_enter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__enter__", 0, 0)?;
    let this = this.clone();
    let entered = attr(vm, &this, "_entered")?;
    if vm.is_true(&entered)? {
        let r = vm.repr_string(&this)?;
        return Err(vm.runtime_error(format!("Cannot enter {r} twice")));
    }
    set_attr(vm, &this, "_entered", Value::bool(true))?;
    let filters = filter_list(vm);
    let saved = match &filters.payload {
        Payload::List(l) => l.borrow().clone(),
        _ => Vec::new(),
    };
    let saved = vm.new_list(saved);
    set_attr(vm, &this, "_saved_filters", saved)?;
    let prev_log = match vm.warn_log.clone() {
        Some((l, t)) => vm.new_pair(Value::Obj(l), Value::Obj(t)),
        None => Value::None,
    };
    set_attr(vm, &this, "_saved_log", prev_log)?;
    vm.warned.clear();
    let action = attr(vm, &this, "_action")?;
    if !action.is_none() {
        let action = check_action(vm, &action)?;
        let category = attr(vm, &this, "_category")?;
        let item = vm.new_tuple(vec![
            action,
            Value::None,
            category,
            Value::None,
            Value::Int(0),
        ]);
        add_filter(vm, item, false);
    }
    let record = attr(vm, &this, "_record")?;
    if vm.is_true(&record)? {
        let log = vm.new_list(Vec::new());
        let wm = attr(vm, &this, "_message_type")?;
        if let (Value::Obj(l), Value::Obj(t)) = (&log, &wm) {
            vm.warn_log = Some((l.clone(), t.clone()));
        }
        return Ok(log);
    }
    Ok(Value::None)
}

fn cw_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__exit__", 0, 3)?;
    let this = this.clone();
    let saved = attr(vm, &this, "_saved_filters")?;
    let items = match saved.payload() {
        Some(Payload::List(l)) => l.borrow().clone(),
        _ => Vec::new(),
    };
    let filters = filter_list(vm);
    if let Payload::List(l) = &filters.payload {
        *l.borrow_mut() = items;
    }
    let prev = attr(vm, &this, "_saved_log")?;
    vm.warn_log = match prev.payload() {
        Some(Payload::Tuple(t)) => match (t.first(), t.get(1)) {
            (Some(Value::Obj(l)), Some(Value::Obj(ty))) => Some((l.clone(), ty.clone())),
            _ => None,
        },
        _ => None,
    };
    vm.warned.clear();
    Ok(Value::None)
}

/// `WarningMessage.__str__`, as `warnings.WarningMessage` formats itself.
fn wm_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = crate::native::method_args(vm, &args, "__str__", 0, 0)?;
    let this = this.clone();
    let mut parts = Vec::new();
    for name in ["message", "category", "filename", "lineno", "line"] {
        let v = attr(vm, &this, name)?;
        let shown = if name == "category" {
            match &v {
                Value::Obj(o) if matches!(o.payload, Payload::Type(_)) => {
                    let n = crate::objects::typeobj::type_data(o).name.borrow().clone();
                    format!("'{n}'")
                }
                _ => vm.repr_string(&v)?,
            }
        } else if name == "lineno" {
            vm.str_string(&v)?
        } else {
            vm.repr_string(&v)?
        };
        parts.push(format!("{name} : {shown}"));
    }
    Ok(vm.new_string(format!("{{{}}}", parts.join(", "))))
}

/// The filter list, made with the default filters on first use.
fn filter_list(vm: &mut Vm) -> ObjRef {
    if let Some(f) = &vm.warn_filters {
        return f.clone();
    }
    let main = vm.new_str("__main__");
    let dep = Value::Obj(vm.types.deprecation_warning.clone());
    let mut items = vec![filter_tuple(
        vm,
        "default",
        Value::None,
        dep.clone(),
        main,
        0,
    )];
    for t in [
        vm.types.deprecation_warning.clone(),
        vm.types.pending_deprecation_warning.clone(),
        vm.types.import_warning.clone(),
        vm.types.resource_warning.clone(),
    ] {
        items.push(filter_tuple(
            vm,
            "ignore",
            Value::None,
            Value::Obj(t),
            Value::None,
            0,
        ));
    }
    let l = vm.new_list(items);
    let Value::Obj(o) = l else {
        unreachable!("new_list makes an object")
    };
    vm.warn_filters = Some(o.clone());
    o
}

fn filter_tuple(
    vm: &mut Vm,
    action: &str,
    message: Value,
    category: Value,
    module: Value,
    lineno: i64,
) -> Value {
    let a = vm.new_str(action);
    vm.new_tuple(vec![a, message, category, module, Value::Int(lineno)])
}

/// What to do with one warning: the first matching filter's action, else "default".
fn action_for(vm: &mut Vm, category: &ObjRef, text: &str, module: &str, lineno: u32) -> String {
    let filters = filter_list(vm);
    let items = match &filters.payload {
        Payload::List(l) => l.borrow().clone(),
        _ => Vec::new(),
    };
    for f in items {
        let Some(Payload::Tuple(t)) = f.payload() else {
            continue;
        };
        if t.len() != 5 {
            continue;
        }
        let msg_ok = match t[1].payload() {
            Some(Payload::Str(s)) => text.to_lowercase().starts_with(&s.as_str().to_lowercase()),
            _ => true,
        };
        let cat_ok = match &t[2] {
            Value::Obj(c) if matches!(c.payload, Payload::Type(_)) => is_subtype(category, c),
            _ => true,
        };
        let mod_ok = match t[3].payload() {
            Some(Payload::Str(s)) => module == s.as_str(),
            _ => true,
        };
        let line_ok = match t[4] {
            Value::Int(0) => true,
            Value::Int(n) => n == i64::from(lineno),
            _ => true,
        };
        if msg_ok && cat_ok && mod_ok && line_ok {
            return vm.str_text(&t[0]);
        }
    }
    String::from("default")
}

impl Vm {
    /// Issue a warning attributed to the frame `stacklevel` levels up (1 = the innermost),
    /// filtered, and printed to stderr as the default `showwarning` does.
    pub fn warn_at(
        &mut self,
        category: &ObjRef,
        message: Option<Value>,
        text: &str,
        stacklevel: usize,
    ) -> PyResult<()> {
        let n = self.frames.len();
        let (filename, lineno, module) = match n.checked_sub(stacklevel.max(1)) {
            Some(i) => {
                let f = &self.frames[i];
                let line = f
                    .code
                    .co
                    .positions
                    .get(f.ip.get() as usize)
                    .map_or(0, |p| p.line);
                let globals = f.globals.clone();
                let filename = f.code.co.filename.clone();
                let k = self.new_str("__name__");
                let module = match self.dict_get(&globals, &k) {
                    Ok(Some(v)) => self.str_text(&v),
                    _ => String::from("<string>"),
                };
                (filename, line, module)
            }
            None => (String::from("sys"), 1, String::from("sys")),
        };
        self.warn_explicit(category, message, text, &filename, lineno, &module, true)
    }

    /// `warnings.warn_explicit` at `filename:lineno`; with no `registry` (the compiler's
    /// warnings: `PyErr_WarnExplicitObject(..., NULL, NULL)`) the "default" and "module"
    /// actions show every occurrence.
    #[allow(clippy::too_many_arguments)]
    pub fn warn_explicit(
        &mut self,
        category: &ObjRef,
        message: Option<Value>,
        text: &str,
        filename: &str,
        lineno: u32,
        module: &str,
        registry: bool,
    ) -> PyResult<()> {
        let (filename, module) = (filename.to_string(), module.to_string());
        let action = action_for(self, category, text, &module, lineno);
        let name = crate::objects::typeobj::type_data(category)
            .name
            .borrow()
            .clone();
        let key = match action.as_str() {
            "ignore" => return Ok(()),
            "error" => {
                let exc = match message {
                    Some(m) => m,
                    None => {
                        let t = self.new_str(text);
                        self.call_pos(&Value::Obj(category.clone()), &[t])?
                    }
                };
                return Err(crate::PyErr(match exc {
                    Value::Obj(o) => o,
                    _ => return Err(self.type_error("warning is not an exception")),
                }));
            }
            "always" => None,
            "once" => Some(format!("once:{name}:{text}")),
            _ if !registry => None,
            "module" => Some(format!("module:{module}:{name}:{text}")),
            _ => Some(format!("{filename}:{lineno}:{name}:{text}")),
        };
        if let Some(key) = key
            && !self.warned.insert(key)
        {
            return Ok(());
        }
        if let Some((log, wm)) = self.warn_log.clone() {
            let exc = match message {
                Some(m) => m,
                None => {
                    let t = self.new_str(text);
                    self.call_pos(&Value::Obj(category.clone()), &[t])?
                }
            };
            let rec = Value::Obj(self.new_object(&wm, Payload::plain()));
            let fname = self.new_str(&filename);
            let fields = [
                ("message", exc),
                ("category", Value::Obj(category.clone())),
                ("filename", fname),
                ("lineno", Value::Int(i64::from(lineno))),
                ("file", Value::None),
                ("line", Value::None),
                ("source", Value::None),
            ];
            for (k, v) in fields {
                let k = self.intern(k);
                self.setattr(&rec, &k, Some(v))?;
            }
            if let Payload::List(l) = &log.payload {
                l.borrow_mut().push(rec);
            }
            return Ok(());
        }
        let mut out = format!("{filename}:{lineno}: {name}: {text}\n");
        if let Some(line) = self.source_line(&filename, lineno) {
            let line = line.trim();
            if !line.is_empty() {
                out.push_str(&format!("  {line}\n"));
            }
        }
        self.flush_stdout();
        self.write_stderr(out.as_bytes());
        Ok(())
    }
}

/// `warnings.warn(message, category=None, stacklevel=1, source=None)`.
fn warnings_warn(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let names = ["message", "category", "stacklevel", "source"];
    let mut vals: Vec<Option<Value>> = vec![None; names.len()];
    let pos = args.pos();
    if pos.len() > names.len() {
        return Err(vm.type_error(format!(
            "warn() takes at most 4 arguments ({} given)",
            pos.len()
        )));
    }
    for (i, v) in pos.iter().enumerate() {
        vals[i] = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        let kn = vm.str_text(k);
        match names.iter().position(|n| *n == kn) {
            Some(i) => vals[i] = Some(v.clone()),
            None => {
                return Err(
                    vm.type_error(format!("warn() got an unexpected keyword argument '{kn}'"))
                );
            }
        }
    }
    let Some(message) = vals[0].clone() else {
        return Err(vm.type_error("warn() missing required argument 'message' (pos 1)"));
    };
    let warning = vm.types.warning.clone();
    let msg_type = vm.type_of(&message);
    let (category, instance) = if is_subtype(&msg_type, &warning) {
        (msg_type, Some(message.clone()))
    } else {
        let c = match &vals[1] {
            None | Some(Value::None) => vm.types.user_warning.clone(),
            Some(Value::Obj(c)) if matches!(c.payload, Payload::Type(_)) => {
                if !is_subtype(c, &warning) {
                    // CPython names the category's own type (a class's metaclass).
                    let n = vm.type_name(&Value::Obj(c.clone()));
                    return Err(
                        vm.type_error(format!("category must be a Warning subclass, not '{n}'"))
                    );
                }
                c.clone()
            }
            Some(other) => {
                let n = vm.type_name(other);
                return Err(
                    vm.type_error(format!("category must be a Warning subclass, not '{n}'"))
                );
            }
        };
        (c, None)
    };
    let text = vm.str_string(&message)?;
    let level = match &vals[2] {
        Some(v) => vm.index_to_i64(v)?,
        None => 1,
    };
    let level = usize::try_from(level).unwrap_or(1);
    vm.warn_at(&category, instance, &text, level)?;
    Ok(Value::None)
}

fn check_action(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let a = vm.str_text(v);
    if !matches!(
        a.as_str(),
        "error" | "ignore" | "always" | "default" | "module" | "once"
    ) {
        // `warnings.simplefilter`'s assert.
        let t = vm.types.assertion_error.clone();
        return Err(vm.new_exception_msg(&t, format!("invalid action: '{a}'")));
    }
    Ok(v.clone())
}

fn add_filter(vm: &mut Vm, item: Value, append: bool) {
    let filters = filter_list(vm);
    if let Payload::List(l) = &filters.payload {
        let mut l = l.borrow_mut();
        l.retain(|f| !matches!((f, &item), (Value::Obj(a), Value::Obj(b)) if tuple_eq(a, b)));
        if append {
            l.push(item);
        } else {
            l.insert(0, item);
        }
    }
    vm.warned.clear();
}

/// Filter tuples made here hold strs, types, None and ints: compare them by identity/value.
fn tuple_eq(a: &ObjRef, b: &ObjRef) -> bool {
    match (&a.payload, &b.payload) {
        (Payload::Tuple(x), Payload::Tuple(y)) => {
            x.len() == y.len()
                && x.iter().zip(y.iter()).all(|(p, q)| {
                    p.is(q)
                        || matches!((p.payload(), q.payload()), (Some(Payload::Str(s)), Some(Payload::Str(t))) if s.wtf8() == t.wtf8())
                })
        }
        _ => false,
    }
}

/// `warnings.simplefilter(action, category=Warning, lineno=0, append=False)`.
fn warnings_simplefilter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let names = ["action", "category", "lineno", "append"];
    let vals = keyword_values(vm, &args, "simplefilter", &names)?;
    let Some(action) = vals[0].clone() else {
        return Err(vm.type_error("simplefilter() missing required argument 'action'"));
    };
    let action = check_action(vm, &action)?;
    let category = vals[1]
        .clone()
        .unwrap_or_else(|| Value::Obj(vm.types.warning.clone()));
    let lineno = match &vals[2] {
        Some(v) => vm.index_to_i64(v)?,
        None => 0,
    };
    let append = match &vals[3] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    let item = vm.new_tuple(vec![
        action,
        Value::None,
        category,
        Value::None,
        Value::Int(lineno),
    ]);
    add_filter(vm, item, append);
    Ok(Value::None)
}

/// `warnings.filterwarnings(action, message="", category=Warning, module="", lineno=0,
/// append=False)`.
fn warnings_filterwarnings(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let names = [
        "action", "message", "category", "module", "lineno", "append",
    ];
    let vals = keyword_values(vm, &args, "filterwarnings", &names)?;
    let Some(action) = vals[0].clone() else {
        return Err(vm.type_error("filterwarnings() missing required argument 'action'"));
    };
    let action = check_action(vm, &action)?;
    let text_or_none = |vm: &mut Vm, v: &Option<Value>| match v {
        Some(v) if !vm.str_text(v).is_empty() => v.clone(),
        _ => Value::None,
    };
    let message = text_or_none(vm, &vals[1]);
    let module = text_or_none(vm, &vals[3]);
    let category = vals[2]
        .clone()
        .unwrap_or_else(|| Value::Obj(vm.types.warning.clone()));
    let lineno = match &vals[4] {
        Some(v) => vm.index_to_i64(v)?,
        None => 0,
    };
    let append = match &vals[5] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    let item = vm.new_tuple(vec![action, message, category, module, Value::Int(lineno)]);
    add_filter(vm, item, append);
    Ok(Value::None)
}

fn warnings_resetwarnings(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "resetwarnings", 0, 0)?;
    let filters = filter_list(vm);
    if let Payload::List(l) = &filters.payload {
        l.borrow_mut().clear();
    }
    vm.warned.clear();
    Ok(Value::None)
}

/// Positional-or-keyword arguments by name.
fn keyword_values(
    vm: &mut Vm,
    args: &Args<'_>,
    fname: &str,
    names: &[&str],
) -> PyResult<Vec<Option<Value>>> {
    let mut vals: Vec<Option<Value>> = vec![None; names.len()];
    let pos = args.pos();
    if pos.len() > names.len() {
        return Err(vm.type_error(format!(
            "{fname}() takes at most {} arguments ({} given)",
            names.len(),
            pos.len()
        )));
    }
    for (i, v) in pos.iter().enumerate() {
        vals[i] = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        let kn = vm.str_text(k);
        match names.iter().position(|n| *n == kn) {
            Some(i) => vals[i] = Some(v.clone()),
            None => {
                return Err(vm.type_error(format!(
                    "{fname}() got an unexpected keyword argument '{kn}'"
                )));
            }
        }
    }
    Ok(vals)
}
