//! `_weakref`: weak references and proxies (CPython: `Objects/weakrefobject.c`,
//! `Modules/_weakref.c`).
//!
//! A weak reference holds an `Rc` `Weak` to its referent. Objects that were ever weakly
//! referenced carry a flag; when one dies, `Drop` queues its address and the interpreter runs
//! the callbacks of its still-living weak references at the next check (`weakref_callbacks`),
//! most recent first as CPython does. `ModState::weakrefs` maps a referent's address to its
//! weak references (for `getweakrefcount`, `getweakrefs` and sharing the callback-less `ref`);
//! an address can be reused before the queue drains, so every entry is checked against its
//! referent before use.

use std::cell::{Cell, RefCell};

use crate::native::{method_args, native_ref, pos_args};
use crate::object::{ObjRef, Payload, WeakObj};
use crate::objects::function::Args;
use crate::objects::typeobj::{BuiltinKind, Layout, type_data};
use crate::value::Value;
use crate::{PyResult, Vm};

/// What a `weakref`, `weakproxy` or `weakcallableproxy` holds.
pub(crate) struct WeakRefData {
    target: WeakObj,
    /// The address of the referent, its identity while it lived.
    addr: usize,
    callback: RefCell<Value>,
    hash: Cell<Option<i64>>,
    kind: Kind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ref,
    Proxy,
    CallableProxy,
}

/// The `_weakref` types, made when the module is first imported.
#[derive(Clone)]
pub(crate) struct WeakTypes {
    reference: ObjRef,
    proxy: ObjRef,
    callable_proxy: ObjRef,
}

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let t = weak_types(vm);
    vm.add_functions(
        m,
        &[
            ("getweakrefcount", getweakrefcount),
            ("getweakrefs", getweakrefs),
            ("proxy", proxy),
            ("_remove_dead_weakref", remove_dead_weakref),
        ],
    );
    super::set_attr(vm, m, "ref", Value::Obj(t.reference.clone()));
    super::set_attr(vm, m, "ReferenceType", Value::Obj(t.reference));
    super::set_attr(vm, m, "ProxyType", Value::Obj(t.proxy));
    super::set_attr(vm, m, "CallableProxyType", Value::Obj(t.callable_proxy));
    Ok(())
}

fn weak_types(vm: &mut Vm) -> WeakTypes {
    if let Some(t) = &vm.mods.weak_types {
        return t.clone();
    }
    let reference = super::new_type(vm, "weakref", "ReferenceType", true);
    vm.add_methods(
        &reference,
        crate::methods![
            staticmethod "__new__" => ref_new, "";
            method "__init__" => ref_init, "";
            method "__call__" => ref_call, "";
            method "__hash__" => ref_hash, "";
            method "__eq__" => ref_eq, "";
            method "__ne__" => ref_ne, "";
            method "__repr__" => ref_repr, "";
            classmethod "__class_getitem__" => class_getitem, "";
        ],
    );
    vm.add_getset(&reference, "__callback__", ref_callback, None);
    let proxy = super::new_type(vm, "weakref", "ProxyType", false);
    let callable_proxy = super::new_type(vm, "weakref", "CallableProxyType", false);
    for p in [&proxy, &callable_proxy] {
        vm.add_methods(
            p,
            crate::methods![
                method "__getattribute__" => proxy_getattr, "";
                method "__setattr__" => proxy_setattr, "";
                method "__delattr__" => proxy_delattr, "";
                method "__repr__" => proxy_repr, "";
                method "__str__" => proxy_str, "";
                method "__bool__" => proxy_bool, "";
                method "__len__" => proxy_len, "";
                method "__index__" => proxy_index, "";
                method "__iter__" => proxy_iter, "";
                method "__getitem__" => proxy_getitem, "";
                method "__contains__" => proxy_contains, "";
                method "__eq__" => proxy_eq, "";
                method "__hash__" => proxy_hash, "";
            ],
        );
    }
    vm.add_methods(
        &callable_proxy,
        crate::methods![ method "__call__" => proxy_call, ""; ],
    );
    let t = WeakTypes {
        reference,
        proxy,
        callable_proxy,
    };
    vm.mods.weak_types = Some(t.clone());
    t
}

fn data(v: &Value) -> Option<&WeakRefData> {
    native_ref::<WeakRefData>(v)
}

/// Whether CPython lets `v` be weakly referenced (its type has a weak-reference slot).
fn weakrefable(vm: &Vm, v: &Value) -> bool {
    let Value::Obj(o) = v else { return false };
    let cls = o.class();
    let td = type_data(&cls);
    if !td.builtin {
        return !matches!(
            td.layout,
            Layout::Builtin(BuiltinKind::Int | BuiltinKind::Tuple | BuiltinKind::Bytes)
        );
    }
    match &o.payload {
        Payload::Type(_)
        | Payload::Function(_)
        | Payload::Set(_)
        | Payload::FrozenSet(_)
        | Payload::Method(_)
        | Payload::Code(_)
        | Payload::LazyCode(_)
        | Payload::Generator(_)
        | Payload::Module(_)
        | Payload::MemoryView(_)
        | Payload::File(_)
        | Payload::Property(_) => true,
        Payload::Native(_) => data(v).is_none() && !ObjRef::ptr_eq(&cls, &vm.types.object),
        _ => false,
    }
}

/// `weakref.ref(target)` without a callback (`PyWeakref_NewRef(target, NULL)`).
pub(crate) fn new_weakref(vm: &mut Vm, target: &Value) -> PyResult<Value> {
    let t = weak_types(vm).reference;
    make_ref(vm, &t, target, Value::Null, Kind::Ref)
}

/// Make (or share) a weak reference of `cls` to `target`.
fn make_ref(
    vm: &mut Vm,
    cls: &ObjRef,
    target: &Value,
    callback: Value,
    kind: Kind,
) -> PyResult<Value> {
    if !weakrefable(vm, target) {
        let tn = vm.type_name(target);
        return Err(vm.type_error(format!("cannot create weak reference to '{tn}' object")));
    }
    let Value::Obj(t) = target else {
        return Err(vm.type_error("cannot create weak reference"));
    };
    let addr = t.addr();
    let callback = if callback.is_null() {
        Value::None
    } else {
        callback
    };
    let list = vm.mods.weakrefs.entry(addr).or_default();
    list.retain(|w| w.upgrade().is_some());
    // Callback-less references of the exact type are shared (`PyWeakref_NewRef`).
    if callback.is_none() {
        let exact = match kind {
            Kind::Ref => vm.mods.weak_types.as_ref().map(|t| t.reference.clone()),
            _ => None,
        };
        for w in vm.mods.weakrefs.get(&addr).into_iter().flatten() {
            let Some(wr) = w.upgrade() else { continue };
            let wv = Value::Obj(wr.clone());
            if let Some(d) = data(&wv)
                && d.kind == kind
                && d.callback.borrow().is_none()
                && d.target.upgrade().is_some_and(|o| ObjRef::ptr_eq(&o, t))
                && (kind != Kind::Ref
                    || exact
                        .as_ref()
                        .is_some_and(|e| ObjRef::ptr_eq(e, &cls.clone()))
                        && wr.class_is(cls))
            {
                return Ok(wv);
            }
        }
    }
    t.set_weakly_referenced();
    let d = WeakRefData {
        target: t.downgrade(),
        addr,
        callback: RefCell::new(callback),
        hash: Cell::new(None),
        kind,
    };
    let obj = vm.new_object(cls, Payload::Native(Box::new(d)));
    vm.mods
        .weakrefs
        .entry(addr)
        .or_default()
        .push(obj.downgrade());
    Ok(Value::Obj(obj))
}

/// Run the callbacks of weak references whose referents died (called at each check).
pub(crate) fn weakref_callbacks(vm: &mut Vm) {
    for addr in crate::object::take_dead_weakly_referenced() {
        let Some(list) = vm.mods.weakrefs.remove(&addr) else {
            continue;
        };
        let mut keep = Vec::new();
        let mut fire = Vec::new();
        for w in list {
            let Some(wr) = w.upgrade() else { continue };
            let wv = Value::Obj(wr.clone());
            let Some(d) = data(&wv) else { continue };
            if d.target.upgrade().is_some() {
                // The address was reused by a newer object.
                keep.push(w);
                continue;
            }
            let cb = std::mem::replace(&mut *d.callback.borrow_mut(), Value::None);
            if !cb.is_none() {
                fire.push((wv, cb));
            }
        }
        if !keep.is_empty() {
            vm.mods.weakrefs.insert(addr, keep);
        }
        for (wr, cb) in fire.into_iter().rev() {
            if vm.limit_tripped() {
                // A limit is unwinding: no Python code runs.
                continue;
            }
            if let Err(e) = vm.call_pos(&cb, &[wr])
                && !vm.limit_tripped()
            {
                vm.write_unraisable(e, None, &cb);
            }
        }
    }
}

fn ref_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "weakref")?;
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let pos = rest.pos();
    if rest.has_kwargs() && ObjRef::ptr_eq(&cls, &weak_types(vm).reference) {
        return Err(vm.type_error("ref() takes no keyword arguments"));
    }
    if pos.is_empty() || pos.len() > 2 {
        return Err(crate::native::arity_error(vm, "__new__", 1, 2, pos.len()));
    }
    let cb = pos.get(1).cloned().unwrap_or(Value::Null);
    make_ref(vm, &cls, &pos[0], cb, Kind::Ref)
}

fn ref_init(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::None)
}

fn ref_call(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "weakref", 0, 0)?;
    Ok(data(this)
        .and_then(|d| d.target.upgrade())
        .map_or(Value::None, Value::Obj))
}

fn ref_callback(_vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(data(this).map_or(Value::None, |d| d.callback.borrow().clone()))
}

fn ref_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__hash__", 0, 0)?;
    let Some(d) = data(this) else {
        return Err(vm.type_error("descriptor '__hash__' requires a 'weakref' object"));
    };
    if let Some(h) = d.hash.get() {
        return Ok(Value::Int(h));
    }
    let Some(t) = d.target.upgrade() else {
        return Err(vm.type_error("weak object has gone away"));
    };
    let h = vm.hash(&Value::Obj(t))?;
    d.hash.set(Some(h));
    Ok(Value::Int(h))
}

/// `weakref_richcompare`: two live references compare their referents, else identity.
fn ref_compare(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<Option<bool>> {
    let (this, rest) = method_args(vm, args, name, 1, 1)?;
    let other = &rest[0];
    let (Some(a), Some(b)) = (data(this), data(other)) else {
        return Ok(None);
    };
    if a.kind != Kind::Ref || b.kind != Kind::Ref {
        return Ok(None);
    }
    match (a.target.upgrade(), b.target.upgrade()) {
        (Some(x), Some(y)) => Ok(Some(vm.eq(&Value::Obj(x), &Value::Obj(y))?)),
        _ => Ok(Some(this.identity() == other.identity())),
    }
}

fn ref_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(match ref_compare(vm, &args, "__eq__")? {
        Some(b) => Value::bool(b),
        None => vm.not_implemented.clone(),
    })
}

fn ref_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(match ref_compare(vm, &args, "__ne__")? {
        Some(b) => Value::bool(!b),
        None => vm.not_implemented.clone(),
    })
}

fn ref_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let me = this.identity();
    let Some(t) = data(this).and_then(|d| d.target.upgrade()) else {
        return Ok(vm.new_string(format!("<weakref at {me:#x}; dead>")));
    };
    let tv = Value::Obj(t);
    let tn = vm.type_name(&tv);
    let k = vm.intern("__name__");
    let name = match vm.getattr_opt(&tv, &k) {
        Ok(Some(n)) if matches!(n.payload(), Some(Payload::Str(_))) => Some(vm.str_text(&n)),
        Ok(_) => None,
        Err(e) => return Err(e),
    };
    let at = tv.identity();
    Ok(vm.new_string(match name {
        Some(n) => format!("<weakref at {me:#x}; to '{tn}' at {at:#x} ({n})>"),
        None => format!("<weakref at {me:#x}; to '{tn}' at {at:#x}>"),
    }))
}

fn class_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "__class_getitem__", 2, 2)?;
    let alias = vm.types.generic_alias.clone();
    vm.call_pos(&Value::Obj(alias), &[a[0].clone(), a[1].clone()])
}

fn getweakrefcount(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "getweakrefcount", 1, 1)?;
    Ok(Value::Int(live_refs(vm, &a[0]).len() as i64))
}

fn getweakrefs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "getweakrefs", 1, 1)?;
    let refs = live_refs(vm, &a[0]);
    Ok(vm.new_list(refs))
}

/// The living weak references to `v`.
fn live_refs(vm: &mut Vm, v: &Value) -> Vec<Value> {
    let Value::Obj(o) = v else { return Vec::new() };
    let Some(list) = vm.mods.weakrefs.get(&o.addr()) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(WeakObj::upgrade)
        .map(Value::Obj)
        .filter(|w| {
            data(w).is_some_and(|d| {
                d.addr == o.addr() && d.target.upgrade().is_some_and(|t| ObjRef::ptr_eq(&t, o))
            })
        })
        .collect()
}

fn proxy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "proxy", 1, 2)?;
    let cb = a.get(1).cloned().unwrap_or(Value::Null);
    let t = weak_types(vm);
    let callable = vm.lookup_special_str(&a[0], "__call__").is_some();
    let (cls, kind) = if callable {
        (t.callable_proxy, Kind::CallableProxy)
    } else {
        (t.proxy, Kind::Proxy)
    };
    make_ref(vm, &cls, &a[0], cb, kind)
}

fn remove_dead_weakref(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "_remove_dead_weakref", 2, 2)?;
    let (d, key) = (&a[0], &a[1]);
    let Some(dict) = d.as_obj().filter(|o| matches!(o.payload, Payload::Dict(_))) else {
        return Err(vm.type_error("_remove_dead_weakref() argument 1 must be dict"));
    };
    if let Some(v) = vm.dict_get(dict, key)?
        && data(&v).is_some_and(|w| w.target.upgrade().is_none())
    {
        vm.dict_del(dict, key)?;
    }
    Ok(Value::None)
}

// ----- proxies -----

/// The referent of a proxy, or `ReferenceError`.
fn referent(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    match data(this).and_then(|d| d.target.upgrade()) {
        Some(t) => Ok(Value::Obj(t)),
        None => {
            let t = vm.types.reference_error.clone();
            Err(vm.new_exception_msg(&t, "weakly-referenced object no longer exists"))
        }
    }
}

fn proxy_getattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__getattribute__", 1, 1)?;
    let t = referent(vm, this)?;
    let Value::Obj(name) = &rest[0] else {
        return Err(vm.type_error("attribute name must be string"));
    };
    vm.getattr(&t, name)
}

fn proxy_setattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__setattr__", 2, 2)?;
    let t = referent(vm, this)?;
    let Value::Obj(name) = &rest[0] else {
        return Err(vm.type_error("attribute name must be string"));
    };
    vm.setattr(&t, name, Some(rest[1].clone()))?;
    Ok(Value::None)
}

fn proxy_delattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__delattr__", 1, 1)?;
    let t = referent(vm, this)?;
    let Value::Obj(name) = &rest[0] else {
        return Err(vm.type_error("attribute name must be string"));
    };
    vm.setattr(&t, name, None)?;
    Ok(Value::None)
}

fn proxy_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let me = this.identity();
    let t = data(this).and_then(|d| d.target.upgrade());
    let Some(t) = t else {
        return Ok(vm.new_string(format!("<weakproxy at {me:#x}; dead>")));
    };
    let tv = Value::Obj(t);
    let tn = vm.type_name(&tv);
    let at = tv.identity();
    Ok(vm.new_string(format!("<weakproxy at {me:#x}; to '{tn}' at {at:#x}>")))
}

fn proxy_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__str__", 0, 0)?;
    let t = referent(vm, this)?;
    vm.str(&t)
}

fn proxy_bool(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__bool__", 0, 0)?;
    let t = referent(vm, this)?;
    Ok(Value::bool(vm.is_true(&t)?))
}

fn proxy_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__len__", 0, 0)?;
    let t = referent(vm, this)?;
    Ok(Value::Int(vm.len(&t)? as i64))
}

/// `__index__`: CPython's `proxy_index` (`operator.index(p)`, `range(p)`, slicing).
fn proxy_index(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__index__", 0, 0)?;
    let t = referent(vm, this)?;
    vm.index_value(&t)
}

fn proxy_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__iter__", 0, 0)?;
    let t = referent(vm, this)?;
    vm.iter(&t)
}

fn proxy_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__getitem__", 1, 1)?;
    let t = referent(vm, this)?;
    vm.getitem(&t, &rest[0])
}

fn proxy_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__contains__", 1, 1)?;
    let t = referent(vm, this)?;
    Ok(Value::bool(vm.contains(&t, &rest[0])?))
}

fn proxy_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__eq__", 1, 1)?;
    let t = referent(vm, this)?;
    let other = match data(&rest[0]) {
        Some(d) if d.kind != Kind::Ref => referent(vm, &rest[0])?,
        _ => rest[0].clone(),
    };
    Ok(Value::bool(vm.eq(&t, &other)?))
}

fn proxy_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__hash__", 0, 0)?;
    let tn = vm.type_name(this);
    Err(vm.type_error(format!("unhashable type: '{tn}'")))
}

fn proxy_call(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some((this, rest)) = args.values.split_first() else {
        return Err(vm.type_error("descriptor '__call__' needs an argument"));
    };
    let t = referent(vm, this)?;
    vm.call(
        &t,
        Args {
            values: rest,
            kwnames: args.kwnames,
        },
    )
}
