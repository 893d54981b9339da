//! `_lsprof` (CPython 3.11: `Modules/_lsprof.c`), the profiler behind `cProfile`.
//!
//! An enabled `Profiler` sits in `Vm::profiler`; the interpreter reports to it when a Python
//! frame starts or resumes (`Vm::enter_frame`) and when it returns, yields or unwinds (the
//! places that pop its frame record), and, from the `CALL`/`CALL_FUNCTION_EX` instructions,
//! around calls of builtin functions and method descriptors (CPython's `c_call`/`c_return`
//! events). With no profiler the cost is one test of that field at those places.
//!
//! The bookkeeping is CPython's: a stack of contexts (one per profiled call in progress), an
//! entry per function (keyed by its code object, or by the builtin's native function) with
//! call counts, recursive call counts, total and inline times, and per caller a sub-entry with
//! the same figures. Times come from the host's monotonic clock in nanoseconds, or from the
//! `timer` given to the constructor.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::frame::Code;
use crate::native::{bind_args, native_ref};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

const STATS_PY: &str = r#"
profiler_entry = _structseq('profiler_entry', '_lsprof',
    ('code', 'callcount', 'reccallcount', 'totaltime', 'inlinetime', 'calls'))
profiler_subentry = _structseq('profiler_subentry', '_lsprof',
    ('code', 'callcount', 'reccallcount', 'totaltime', 'inlinetime'))
del _structseq
"#;

/// What identifies a profiled function: its code object, or a builtin's native function and
/// name (CPython keys builtins by their `PyMethodDef`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Code(usize),
    Native(usize, usize),
}

#[derive(Default)]
struct Figures {
    tt: i64,
    it: i64,
    callcount: i64,
    reccount: i64,
    level: i64,
}

struct Entry {
    /// The code object, or the builtin's descriptive string.
    user: Value,
    fig: Figures,
    /// Callees: sub-entries by the callee's entry index, in first-call order.
    calls: Vec<(usize, Figures)>,
    call_index: HashMap<usize, usize>,
}

struct Context {
    entry: usize,
    t0: i64,
    subt: i64,
}

struct Prof {
    entries: Vec<Entry>,
    index: HashMap<Key, usize>,
    contexts: Vec<Context>,
    subcalls: bool,
    builtins: bool,
    enabled: bool,
    timer: Option<Value>,
    unit: f64,
}

type State = RefCell<Prof>;

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let t = super::new_type(vm, "_lsprof", "Profiler", true);
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => profiler_new, "";
            method "__init__" => profiler_init, "";
            method "enable" => profiler_enable, "";
            method "disable" => profiler_disable, "";
            method "clear" => profiler_clear, "";
            method "getstats" => profiler_getstats, "";
        ],
    );
    super::set_attr(vm, m, "Profiler", Value::Obj(t));
    let d = match &m.payload {
        Payload::Module(md) => md.dict.clone(),
        _ => return Err(vm.runtime_error("not a module")),
    };
    let bm = Value::Obj(vm.builtins_module.clone());
    vm.set_dict_str(&d, "__builtins__", bm);
    let src = format!("{}{STATS_PY}", super::unix::STRUCTSEQ);
    let co = vm.compile_builtin_source(&src, "<_lsprof>", "_krait_lsprof")?;
    vm.run_code(co, d.clone(), None)?;
    for (key, name) in [
        ("_lsprof.profiler_entry", "profiler_entry"),
        ("_lsprof.profiler_subentry", "profiler_subentry"),
    ] {
        let k = vm.new_str(name);
        if let Ok(Some(Value::Obj(t))) = vm.dict_get(&d, &k) {
            vm.mods.ext_types.insert(key, t);
        }
    }
    Ok(())
}

fn state<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a State> {
    match native_ref::<State>(v) {
        Some(s) => Ok(s),
        None => Err(vm.type_error("descriptor requires a '_lsprof.Profiler' object")),
    }
}

fn profiler_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "Profiler")?;
    let st: State = RefCell::new(Prof {
        entries: Vec::new(),
        index: HashMap::new(),
        contexts: Vec::new(),
        subcalls: true,
        builtins: true,
        enabled: false,
        timer: None,
        unit: 0.0,
    });
    let obj = vm.new_object(&cls, Payload::Native(Box::new(st)));
    Ok(Value::Obj(obj))
}

/// `Profiler(timer=None, timeunit=0.0, subcalls=True, builtins=True)`
fn profiler_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let names = ["timer", "timeunit", "subcalls", "builtins"];
    let a = bind_args(vm, &rest, "Profiler", &names, 0)?;
    let unit = if a[1].is_null() {
        0.0
    } else {
        super::math::to_f64(vm, &a[1])?
    };
    let subcalls = if a[2].is_null() {
        true
    } else {
        vm.is_true(&a[2])?
    };
    let builtins = if a[3].is_null() {
        true
    } else {
        vm.is_true(&a[3])?
    };
    let st = state(vm, &args.values[0])?;
    let mut p = st.borrow_mut();
    p.subcalls = subcalls;
    p.builtins = builtins;
    p.unit = unit;
    p.timer = match &a[0] {
        Value::Null | Value::None => None,
        t => Some(t.clone()),
    };
    Ok(Value::None)
}

/// `enable(subcalls=True, builtins=True)`: an argument not given keeps the current setting.
fn profiler_enable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &rest, "enable", &["subcalls", "builtins"], 0)?;
    let subcalls = if a[0].is_null() {
        None
    } else {
        Some(vm.is_true(&a[0])?)
    };
    let builtins = if a[1].is_null() {
        None
    } else {
        Some(vm.is_true(&a[1])?)
    };
    let me = args.values[0].clone();
    let st = state(vm, &me)?;
    {
        let mut p = st.borrow_mut();
        if let Some(s) = subcalls {
            p.subcalls = s;
        }
        if let Some(b) = builtins {
            p.builtins = b;
        }
        p.enabled = true;
    }
    if let Value::Obj(o) = me {
        vm.profiler = Some(o);
    }
    Ok(Value::None)
}

fn profiler_disable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let me = args.values[0].clone();
    let st = state(vm, &me)?;
    let was = std::mem::replace(&mut st.borrow_mut().enabled, false);
    if !was {
        return Ok(Value::None);
    }
    if let (Some(cur), Value::Obj(o)) = (&vm.profiler, &me)
        && ObjRef::ptr_eq(cur, o)
    {
        vm.profiler = None;
    }
    // Calls still in progress (the one that enabled profiling, this `disable` itself) end now.
    while !st.borrow().contexts.is_empty() {
        let now = now(vm, st);
        let mut p = st.borrow_mut();
        if let Some(ctx) = p.contexts.pop() {
            stop(&mut p, ctx, now);
        }
    }
    Ok(Value::None)
}

fn profiler_clear(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let st = state(vm, &args.values[0])?;
    let mut p = st.borrow_mut();
    p.entries.clear();
    p.index.clear();
    p.contexts.clear();
    Ok(Value::None)
}

/// `getstats()`: a `profiler_entry` per function called at least once, with its callees as
/// `profiler_subentry`s (or `None`).
fn profiler_getstats(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let st = state(vm, &args.values[0])?;
    let entry_t = vm.mods.ext_types.get("_lsprof.profiler_entry").cloned();
    let sub_t = vm.mods.ext_types.get("_lsprof.profiler_subentry").cloned();
    let (Some(entry_t), Some(sub_t)) = (entry_t, sub_t) else {
        return Err(vm.runtime_error("_lsprof is not initialised"));
    };
    let rows: Vec<(Value, [i64; 4], Option<Vec<(Value, [i64; 4])>>)> = {
        let p = st.borrow();
        let fig = |f: &Figures| [f.callcount, f.reccount, f.tt, f.it];
        p.entries
            .iter()
            .filter(|e| e.fig.callcount != 0)
            .map(|e| {
                let calls = if e.calls.is_empty() {
                    None
                } else {
                    Some(
                        e.calls
                            .iter()
                            .filter_map(|(i, f)| {
                                p.entries.get(*i).map(|c| (c.user.clone(), fig(f)))
                            })
                            .collect(),
                    )
                };
                (e.user.clone(), fig(&e.fig), calls)
            })
            .collect()
    };
    let factor = {
        let p = st.borrow();
        if p.timer.is_none() || p.unit == 0.0 {
            1e-9
        } else {
            p.unit
        }
    };
    let mut out = Vec::with_capacity(rows.len());
    let make = |vm: &mut Vm, t: &ObjRef, user: Value, f: [i64; 4], calls: Option<Value>| {
        let mut items = vec![
            user,
            Value::Int(f[0]),
            Value::Int(f[1]),
            Value::float(factor * f[2] as f64),
            Value::float(factor * f[3] as f64),
        ];
        if let Some(c) = calls {
            items.push(c);
        }
        let tup = vm.new_tuple(items);
        vm.call(&Value::Obj(t.clone()), Args::positional(&[tup]))
    };
    for (user, f, calls) in rows {
        let calls = match calls {
            None => Value::None,
            Some(subs) => {
                let mut l = Vec::with_capacity(subs.len());
                for (u, sf) in subs {
                    l.push(make(vm, &sub_t, u, sf, None)?);
                }
                vm.new_list(l)
            }
        };
        out.push(make(vm, &entry_t, user, f, Some(calls))?);
    }
    Ok(vm.new_list(out))
}

/// The profiler's clock: the host's monotonic clock in nanoseconds, or the user's timer
/// (an int scaled by `timeunit`, or seconds as a float when no unit was given). A failing
/// timer is reported as unraisable and reads 0, as in CPython.
fn now(vm: &mut Vm, st: &State) -> i64 {
    let (timer, unit) = {
        let p = st.borrow();
        (p.timer.clone(), p.unit)
    };
    let Some(t) = timer else {
        return super::time::monotonic_ns(vm);
    };
    let r = vm.call(&t, Args::positional(&[])).and_then(|v| {
        if unit > 0.0 {
            match v {
                Value::Int(i) => Ok(i),
                Value::Float(_) => Err(vm.type_error("expect int, got float")),
                other => vm.index_to_i64(&other),
            }
        } else {
            let f = super::math::to_f64(vm, &v)?;
            Ok((f * 1e9).floor() as i64)
        }
    });
    match r {
        Ok(n) => n,
        Err(e) => {
            vm.write_unraisable(e, None, &t);
            0
        }
    }
}

/// `Stop`: a call ends; charge its time to its entry and to its caller's sub-entry.
fn stop(p: &mut Prof, ctx: Context, now: i64) {
    let tt = now.wrapping_sub(ctx.t0);
    let it = tt.wrapping_sub(ctx.subt);
    let caller = p.contexts.last_mut().map(|c| {
        c.subt = c.subt.wrapping_add(tt);
        c.entry
    });
    let Some(e) = p.entries.get_mut(ctx.entry) else {
        return;
    };
    charge(&mut e.fig, tt, it);
    if p.subcalls
        && let Some(ci) = caller
        && let Some(c) = p.entries.get_mut(ci)
        && let Some(&si) = c.call_index.get(&ctx.entry)
        && let Some((_, f)) = c.calls.get_mut(si)
    {
        charge(f, tt, it);
    }
}

fn charge(f: &mut Figures, tt: i64, it: i64) {
    f.level -= 1;
    if f.level == 0 {
        f.tt = f.tt.wrapping_add(tt);
    } else {
        f.reccount += 1;
    }
    f.it = f.it.wrapping_add(it);
    f.callcount += 1;
}

/// A call of `key` begins (`ptrace_enter_call`).
fn enter(vm: &mut Vm, prof: &ObjRef, key: Key, user: &mut dyn FnMut(&mut Vm) -> Value) {
    let pv = Value::Obj(prof.clone());
    let Some(st) = native_ref::<State>(&pv) else {
        return;
    };
    let known = st.borrow().index.get(&key).copied();
    let idx = match known {
        Some(i) => i,
        None => {
            let u = user(vm);
            let mut p = st.borrow_mut();
            let i = p.entries.len();
            p.entries.push(Entry {
                user: u,
                fig: Figures::default(),
                calls: Vec::new(),
                call_index: HashMap::new(),
            });
            p.index.insert(key, i);
            i
        }
    };
    {
        let mut p = st.borrow_mut();
        let caller = p.contexts.last().map(|c| c.entry);
        if let Some(e) = p.entries.get_mut(idx) {
            e.fig.level += 1;
        }
        if p.subcalls
            && let Some(ci) = caller
            && let Some(c) = p.entries.get_mut(ci)
        {
            let si = match c.call_index.get(&idx) {
                Some(&si) => si,
                None => {
                    c.calls.push((idx, Figures::default()));
                    c.call_index.insert(idx, c.calls.len() - 1);
                    c.calls.len() - 1
                }
            };
            if let Some((_, f)) = c.calls.get_mut(si) {
                f.level += 1;
            }
        }
    }
    let t0 = now(vm, st);
    st.borrow_mut().contexts.push(Context {
        entry: idx,
        t0,
        subt: 0,
    });
}

/// A call of `key` ends (`ptrace_leave_call`): the innermost context stops, charged to `key`'s
/// entry (or dropped when `key` was never entered).
fn leave(vm: &mut Vm, prof: &ObjRef, key: Key) {
    let pv = Value::Obj(prof.clone());
    let Some(st) = native_ref::<State>(&pv) else {
        return;
    };
    if st.borrow().contexts.is_empty() {
        return;
    }
    let t = now(vm, st);
    let mut p = st.borrow_mut();
    let Some(mut ctx) = p.contexts.pop() else {
        return;
    };
    if let Some(&i) = p.index.get(&key) {
        ctx.entry = i;
        stop(&mut p, ctx, t);
    }
}

/// Whether a builtin is what CPython calls a `PyCFunction` (or a method descriptor), which
/// the profiler sees: not the slot wrappers (`__init__`, `__add__`, ...) that Krait also
/// keeps as builtins. Module functions (`__build_class__`, `__import__`) always count.
fn profiled_name(b: &crate::objects::function::BuiltinData) -> bool {
    !(b.is_method || b.owner.is_some()) || !crate::objects::function::is_slot_name(b.name)
}

/// CPython's `normalizeUserObj` for a builtin: `<built-in method mod.name>` for module
/// functions, the method descriptor's repr (`<method 'append' of 'list' objects>`) for
/// methods, `<name>` for static ones.
fn builtin_label(
    vm: &mut Vm,
    b: &crate::objects::function::BuiltinData,
    recv: Option<&Value>,
) -> Value {
    let name = b.name;
    let text = match recv {
        None => format!("<{name}>"),
        Some(Value::Obj(m)) if matches!(m.payload, Payload::Module(_)) && !b.is_method => {
            let k = vm.new_str("__name__");
            let modname = match &m.payload {
                Payload::Module(md) => match vm.dict_get(&md.dict, &k) {
                    Ok(Some(n)) => vm.str_text(&n),
                    _ => String::new(),
                },
                _ => String::new(),
            };
            if modname == "builtins" || modname.is_empty() {
                format!("<built-in method builtins.{name}>")
            } else {
                format!("<built-in method {modname}.{name}>")
            }
        }
        Some(r) => {
            let t = vm.type_of(r);
            let found = vm.type_lookup_str(&t, name);
            let owner = match found.as_ref().and_then(|d| d.payload()) {
                Some(Payload::Builtin(d)) => d.owner.clone(),
                _ => None,
            };
            match owner {
                Some(o) => {
                    let tp = super::tp_name(vm, &o);
                    format!("<method '{name}' of '{tp}' objects>")
                }
                None => format!("<built-in method {name}>"),
            }
        }
    };
    vm.new_str(&text)
}

impl Vm {
    /// A Python frame running `code` starts or resumes (`call` event).
    #[cold]
    #[inline(never)]
    pub(crate) fn profile_enter(&mut self, code: &Rc<Code>) {
        let Some(prof) = self.profiler.take() else {
            return;
        };
        let key = Key::Code(Rc::as_ptr(code) as usize);
        let mut user = |vm: &mut Vm| {
            Value::Obj(ObjRef::new(
                vm.types.code.clone(),
                Payload::Code(code.clone()),
            ))
        };
        enter(self, &prof, key, &mut user);
        self.profiler.get_or_insert(prof);
    }

    /// A Python frame running `code` returns, yields or unwinds (`return` event).
    #[cold]
    #[inline(never)]
    pub(crate) fn profile_leave(&mut self, code: &Rc<Code>) {
        let Some(prof) = self.profiler.take() else {
            return;
        };
        leave(self, &prof, Key::Code(Rc::as_ptr(code) as usize));
        self.profiler.get_or_insert(prof);
    }

    /// The `CALL` of a builtin is about to run (`c_call` event): what identifies it, if the
    /// profiler records it. `args` are the call's positional arguments (a method
    /// descriptor's first one is its receiver).
    #[cold]
    #[inline(never)]
    pub(crate) fn profile_c_enter(&mut self, callable: &Value, args: &[Value]) -> bool {
        let Some(Payload::Builtin(b)) = callable.payload() else {
            return false;
        };
        let Some(prof) = self.profiler.take() else {
            return false;
        };
        let builtins_on = native_ref::<State>(&Value::Obj(prof.clone()))
            .map(|s| s.borrow().builtins)
            .unwrap_or(false);
        let recv = if b.is_method && b.bound.is_none() && !b.is_static && !b.is_classmethod {
            args.first()
        } else if b.is_static {
            None
        } else {
            b.bound.as_ref()
        };
        let counted = builtins_on
            && profiled_name(b)
            && !(b.is_method && b.bound.is_none() && !b.is_static && recv.is_none());
        if counted {
            let key = Key::Native(b.func as usize, b.name.as_ptr() as usize);
            let recv = recv.cloned();
            let mut user = |vm: &mut Vm| builtin_label(vm, b, recv.as_ref());
            enter(self, &prof, key, &mut user);
        }
        self.profiler.get_or_insert(prof);
        counted
    }

    /// The builtin call that `profile_c_enter` recorded returned or raised.
    #[cold]
    #[inline(never)]
    pub(crate) fn profile_c_leave(&mut self, callable: &Value) {
        let Some(Payload::Builtin(b)) = callable.payload() else {
            return;
        };
        let Some(prof) = self.profiler.take() else {
            return;
        };
        let builtins_on = native_ref::<State>(&Value::Obj(prof.clone()))
            .map(|s| s.borrow().builtins)
            .unwrap_or(false);
        if builtins_on {
            let key = Key::Native(b.func as usize, b.name.as_ptr() as usize);
            leave(self, &prof, key);
        }
        self.profiler.get_or_insert(prof);
    }
}
