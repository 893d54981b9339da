//! Referent traversal (CPython's `tp_traverse`): every value an object holds, for `gc`'s
//! `get_referents`, `get_referrers` and `get_objects`. Krait frees by reference counting and
//! keeps no registry of objects, so `get_objects` walks everything reachable from the
//! interpreter's roots (`sys.modules`, builtins, the main module, the running frames, the
//! native modules' state) with an explicit worklist and a visited set keyed by address: linear
//! time, no Rust recursion however deep the structure.
//!
//! A borrowed cell (a list being sorted while its key function runs) is skipped rather than
//! waited on: the walk never panics.

use std::collections::HashSet;

use crate::Vm;
use crate::object::{ObjRef, Payload};
use crate::objects::iter::IterState;
use crate::value::Value;

fn obj(o: &ObjRef, visit: &mut dyn FnMut(&Value)) {
    visit(&Value::Obj(o.clone()));
}

fn frame_values(f: &crate::frame::Frame, visit: &mut dyn FnMut(&Value)) {
    if let Some(func) = &f.func {
        obj(func, visit);
    }
    obj(&f.globals, visit);
    obj(&f.builtins, visit);
    if let Some(l) = &f.locals {
        visit(l);
    }
    for v in f.fast.iter().chain(f.stack.iter()) {
        visit(v);
    }
    if let Some(k) = &f.kwnames {
        visit(k);
    }
    if let Some(d) = &f.locals_dict {
        obj(d, visit);
    }
    code_values(&f.code, visit);
}

fn code_values(c: &crate::frame::Code, visit: &mut dyn FnMut(&Value)) {
    for v in c.consts.iter() {
        visit(v);
    }
}

fn iter_values(st: &IterState, visit: &mut dyn FnMut(&Value)) {
    match st {
        IterState::Seq { seq, .. } | IterState::Reversed { seq, .. } => visit(seq),
        IterState::Str { s, .. } => obj(s, visit),
        IterState::Dict { dict, .. }
        | IterState::DictRev { dict, .. }
        | IterState::DictView { dict, .. } => obj(dict, visit),
        IterState::Set { set, .. } => obj(set, visit),
        IterState::GetItem { obj: o, .. } => visit(o),
        IterState::Call { func, sentinel } => {
            visit(func);
            visit(sentinel);
        }
        IterState::Enumerate { it, count } => {
            visit(it);
            visit(count);
        }
        IterState::Zip { iters, .. } => iters.iter().for_each(&mut *visit),
        IterState::Map { func, iters } => {
            visit(func);
            iters.iter().for_each(&mut *visit);
        }
        IterState::Filter { func, it } => {
            visit(func);
            visit(it);
        }
        IterState::Range { .. } | IterState::BigRange { .. } | IterState::Done => {}
    }
}

/// Call `visit` on every value `o`'s payload holds (not its type or instance dict).
pub fn payload_referents(o: &ObjRef, visit: &mut dyn FnMut(&Value)) {
    match &o.payload {
        Payload::Plain(a) => a.for_each(visit),
        Payload::Int(_)
        | Payload::Float(_)
        | Payload::Complex(..)
        | Payload::Str(_)
        | Payload::Bytes(_)
        | Payload::ByteArray(_)
        | Payload::Range(_)
        | Payload::Member(_) => {}
        Payload::File(f) => f.referents(visit),
        Payload::MemoryView(m) => visit(&m.obj),
        // Last to first, as CPython's list and tuple traversals go.
        Payload::Tuple(items) => items.iter().rev().for_each(&mut *visit),
        Payload::List(l) => {
            if let Ok(l) = l.try_borrow() {
                for i in (0..l.len()).rev() {
                    if let Some(v) = l.get_ref(i) {
                        visit(&v);
                    }
                }
            }
        }
        Payload::Slots(l) => {
            if let Ok(l) = l.try_borrow() {
                l.iter().for_each(&mut *visit);
            }
        }
        Payload::Dict(d) => {
            if let Ok(d) = d.try_borrow() {
                // CPython's str-keyed tables visit only the values (str is not a container).
                let str_keys = d
                    .iter()
                    .all(|e| matches!(e.key.payload(), Some(Payload::Str(_))));
                for e in d.iter() {
                    if !str_keys {
                        visit(&e.key);
                    }
                    visit(&e.value);
                }
            }
        }
        Payload::Set(s) => {
            if let Ok(s) = s.try_borrow() {
                s.iter().for_each(|(_, v)| visit(&v));
            }
        }
        Payload::FrozenSet(s) => s.iter().for_each(|(_, v)| visit(&v)),
        Payload::Slice(s) => s.iter().for_each(&mut *visit),
        Payload::Type(t) => {
            if let Ok(d) = t.dict.try_borrow() {
                for e in d.iter() {
                    visit(&e.key);
                    visit(&e.value);
                }
            }
            if let Ok(b) = t.bases.try_borrow() {
                b.iter().for_each(|b| obj(b, visit));
            }
            if let Ok(m) = t.mro.try_borrow() {
                m.iter().for_each(|m| obj(m, visit));
            }
        }
        Payload::Function(f) => {
            obj(&f.globals, visit);
            obj(&f.builtins, visit);
            for c in [
                &f.code_obj,
                &f.name,
                &f.qualname,
                &f.defaults,
                &f.kwdefaults,
                &f.doc,
                &f.annotations,
                &f.module,
            ] {
                if let Ok(v) = c.try_borrow() {
                    visit(&v);
                }
            }
            if let Some(cl) = &f.closure {
                cl.iter().for_each(|c| obj(c, visit));
            }
        }
        Payload::Builtin(b) => {
            if let Some(v) = &b.bound {
                visit(v);
            }
            if let Some(o) = &b.owner {
                obj(o, visit);
            }
        }
        Payload::Method(m) => {
            visit(&m.0);
            visit(&m.1);
        }
        Payload::Code(c) => code_values(c, visit),
        Payload::LazyCode(l) => {
            l.fn_strings.iter().for_each(&mut *visit);
            if let Ok(Some(c)) = l.loaded.try_borrow().as_deref() {
                code_values(c, visit);
            }
        }
        Payload::Module(m) => obj(&m.dict, visit),
        Payload::Cell(c) => {
            if let Ok(v) = c.try_borrow() {
                visit(&v);
            }
        }
        Payload::Exception(e) => {
            for c in [&e.args, &e.traceback, &e.cause, &e.context] {
                if let Ok(v) = c.try_borrow() {
                    visit(&v);
                }
            }
            if let Ok(f) = e.fields.try_borrow() {
                f.iter().for_each(|(_, v)| visit(v));
            }
        }
        Payload::Generator(g) => {
            if let Ok(f) = g.frame.try_borrow()
                && let Some(f) = f.as_ref()
            {
                frame_values(f, visit);
            }
            for c in [&g.name, &g.qualname] {
                if let Ok(v) = c.try_borrow() {
                    visit(&v);
                }
            }
            if let Ok(e) = g.exc_state.try_borrow() {
                e.iter().for_each(&mut *visit);
            }
            code_values(&g.code, visit);
        }
        Payload::Iter(st) => {
            if let Ok(st) = st.try_borrow() {
                iter_values(&st, visit);
            }
        }
        Payload::Property(p) => {
            if let Ok(p) = p.try_borrow() {
                p.iter().for_each(&mut *visit);
            }
        }
        Payload::StaticMethod(c) | Payload::ClassMethod(c) => {
            if let Ok(v) = c.try_borrow() {
                visit(&v);
            }
        }
        Payload::Super(s) => {
            obj(&s.0, visit);
            visit(&s.1);
        }
        Payload::GetSet(g) => obj(&g.owner, visit),
        Payload::Traceback(t) => {
            obj(&t.frame, visit);
            if let Ok(v) = t.next.try_borrow() {
                visit(&v);
            }
        }
        Payload::Frame(f) => {
            obj(&f.globals, visit);
            if let Some(b) = &f.back {
                obj(b, visit);
            }
            f.locals.iter().for_each(&mut *visit);
            code_values(&f.code, visit);
        }
        Payload::MappingProxy(v) => visit(v),
        Payload::Alias(a) => {
            visit(&a.0);
            visit(&a.1);
        }
        Payload::Awaitable(a) => {
            if let Some(g) = &a.generator {
                obj(g, visit);
            }
            if let Ok(v) = a.arg.try_borrow() {
                visit(&v);
            }
        }
        Payload::Native(n) => crate::modules::native_referents(&**n, visit),
    }
}

/// `gc.get_referents(o)`: what `o` refers to, in the order CPython's `subtype_traverse`
/// reports it: `__slots__` values, the instance dict (or the inline attribute values), the
/// type of an instance of a class made by Python code, then the builtin base's values.
pub fn referents(o: &ObjRef, visit: &mut dyn FnMut(&Value)) {
    let own_first = matches!(o.payload, Payload::Plain(_) | Payload::Slots(_));
    if own_first {
        payload_referents(o, visit);
    }
    if let Some(d) = o.materialized_dict() {
        obj(&d, visit);
    }
    let heap_type = o.with_class(|c| match &c.payload {
        Payload::Type(t) if !t.builtin && !ObjRef::ptr_eq(c, o) => Some(c.clone()),
        _ => None,
    });
    if let Some(c) = heap_type {
        obj(&c, visit);
    }
    if !own_first {
        payload_referents(o, visit);
    }
}

/// Whether CPython's collector would track `o` (what `gc.get_objects` and
/// `gc.get_referrers` return): containers of a GC kind ([`is_gc`]); a dict only once it holds
/// something that may be tracked (CPython's `MAINTAIN_TRACKING`).
pub fn is_tracked(o: &ObjRef) -> bool {
    if let Payload::Dict(d) = &o.payload {
        let Ok(d) = d.try_borrow() else {
            return true;
        };
        let tracked = |v: &Value| matches!(v, Value::Obj(x) if is_gc(x));
        return d.iter().any(|e| tracked(&e.key) || tracked(&e.value));
    }
    is_gc(o)
}

/// Whether objects of `o`'s kind are collector objects at all (CPython's `_PyObject_IS_GC`):
/// containers, not atoms such as str, int and bytes.
pub fn is_gc(o: &ObjRef) -> bool {
    !matches!(
        o.payload,
        Payload::Int(_)
            | Payload::Float(_)
            | Payload::Complex(..)
            | Payload::Str(_)
            | Payload::Bytes(_)
            | Payload::ByteArray(_)
            | Payload::Range(_)
            | Payload::Code(_)
            | Payload::LazyCode(_)
            | Payload::Member(_)
    )
}

/// Every object reachable from the interpreter's roots, each once, in discovery order.
pub fn reachable(vm: &Vm) -> Vec<ObjRef> {
    let mut seen: HashSet<usize> = HashSet::new();
    let mut out: Vec<ObjRef> = Vec::new();
    let mut todo: Vec<ObjRef> = Vec::new();
    let push = |v: &Value, seen: &mut HashSet<usize>, todo: &mut Vec<ObjRef>| {
        if let Value::Obj(o) = v
            && seen.insert(o.addr())
        {
            todo.push(o.clone());
        }
    };
    let mut roots: Vec<Value> = vec![
        Value::Obj(vm.modules.clone()),
        Value::Obj(vm.builtins.clone()),
        Value::Obj(vm.builtins_module.clone()),
        Value::Obj(vm.sys.clone()),
        Value::Obj(vm.types.object.clone()),
        Value::Obj(vm.types.type_.clone()),
    ];
    if let Some(g) = &vm.main_globals {
        roots.push(Value::Obj(g.clone()));
    }
    for f in &vm.frames {
        roots.push(Value::Obj(ObjRef::clone(&f.globals)));
        if let Some(fo) = &f.frame_obj {
            roots.push(Value::Obj(fo.clone()));
        }
        code_values(&f.code, &mut |v| roots.push(v.clone()));
    }
    roots.extend(vm.handled.iter().cloned());
    roots.extend(vm.frame_locals.iter().flatten().cloned());
    vm.mods.roots(&mut |v| roots.push(v.clone()));
    for r in &roots {
        push(r, &mut seen, &mut todo);
    }
    while let Some(o) = todo.pop() {
        // The type of every object, builtin or not, is reachable from it.
        let c = o.class();
        if seen.insert(c.addr()) {
            todo.push(c);
        }
        referents(&o, &mut |v| push(v, &mut seen, &mut todo));
        out.push(o);
    }
    out
}
