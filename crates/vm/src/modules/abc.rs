//! `_abc`: the helpers behind `abc.ABCMeta` (CPython: `Modules/_abc.c`). Without it `abc.py`
//! falls back to `_py_abc`, where every `isinstance`/`issubclass` against an ABC runs Python code.
//!
//! Each ABC carries an `_abc_impl` object (`_abc._abc_data`) with a registry and a positive and
//! a negative cache. CPython keeps those as sets of weak references with callbacks that remove
//! dead entries; here each is a map from the referent's address to a `WeakObj`. A `WeakObj`
//! keeps its referent's allocation, so an address in the map cannot be reused by another object
//! while the entry exists: a live upgrade at that address is the same object, a failed one a
//! dead class, which counts as absent and is pruned as the map grows. Entries are classes only
//! (`issubclass` and `register` refuse anything else), which compare by identity.
//!
//! The invalidation counter (`get_cache_token`) is per interpreter and bumped by every
//! registration; a negative cache older than it is cleared at the next subclass check.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use crate::native::{native_ref, pos_args};
use crate::object::{ObjRef, Payload, WeakObj};
use crate::objects::function::Args;
use crate::objects::typeobj::type_data;
use crate::value::Value;
use crate::{PyResult, Vm};

/// Weak references to classes, by address.
#[derive(Default)]
struct WeakSet {
    map: HashMap<usize, WeakObj>,
    /// Size after the last pruning of dead entries.
    pruned_at: usize,
}

impl WeakSet {
    fn contains(&self, o: &ObjRef) -> bool {
        self.map
            .get(&o.addr())
            .and_then(WeakObj::upgrade)
            .is_some_and(|x| ObjRef::ptr_eq(&x, o))
    }

    fn add(&mut self, o: &ObjRef) {
        self.map.insert(o.addr(), o.downgrade());
        if self.map.len() >= 2 * self.pruned_at.max(8) {
            self.map.retain(|_, w| w.upgrade().is_some());
            self.pruned_at = self.map.len();
        }
    }

    fn clear(&mut self) {
        self.map.clear();
        self.pruned_at = 0;
    }

    fn live(&self) -> Vec<ObjRef> {
        self.map.values().filter_map(WeakObj::upgrade).collect()
    }
}

/// `_abc._abc_data`: one ABC's registry and caches.
#[derive(Default)]
struct AbcData {
    registry: RefCell<WeakSet>,
    cache: RefCell<WeakSet>,
    negative: RefCell<WeakSet>,
    negative_version: Cell<u64>,
}

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let t = super::new_type(vm, "_abc", "_abc_data", false);
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => data_new, "";
        ],
    );
    vm.mods.abc_data_type = Some(t);
    vm.add_functions(
        m,
        &[
            ("get_cache_token", get_cache_token),
            ("_abc_init", abc_init),
            ("_abc_register", abc_register),
            ("_abc_instancecheck", abc_instancecheck),
            ("_abc_subclasscheck", abc_subclasscheck),
            ("_get_dump", get_dump),
            ("_reset_registry", reset_registry),
            ("_reset_caches", reset_caches),
        ],
    );
    Ok(())
}

fn new_data(vm: &mut Vm) -> PyResult<Value> {
    let Some(t) = vm.mods.abc_data_type.clone() else {
        return Err(vm.runtime_error("_abc is not initialised"));
    };
    let d = AbcData {
        negative_version: Cell::new(vm.mods.abc_counter),
        ..AbcData::default()
    };
    Ok(Value::Obj(vm.new_object(&t, Payload::Native(Box::new(d)))))
}

fn data_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "_abc_data")?;
    let known = vm.mods.abc_data_type.clone();
    if known.as_ref().is_none_or(|k| !ObjRef::ptr_eq(k, &cls)) {
        return Err(vm.type_error("_abc_data.__new__(X): X is not a subtype of _abc_data"));
    }
    new_data(vm)
}

/// `self._abc_impl` (`_get_impl`); `data_of` checks its type.
fn get_impl(vm: &mut Vm, cls: &Value) -> PyResult<Value> {
    vm.getattr_str(cls, "_abc_impl")
}

fn data_of<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a AbcData> {
    native_ref::<AbcData>(v).ok_or_else(|| vm.type_error("_abc_impl is set to a wrong type"))
}

fn get_cache_token(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "get_cache_token", 0, 0)?;
    Ok(Value::Int(vm.mods.abc_counter as i64))
}

/// `_PyObject_IsAbstract`: `getattr(v, '__isabstractmethod__', False)` is true.
fn is_abstract(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    let name = vm.intern("__isabstractmethod__");
    match vm.getattr_opt(v, &name)? {
        Some(r) => vm.is_true(&r),
        None => Ok(false),
    }
}

/// `compute_abstract_methods`: set `cls.__abstractmethods__` to the frozenset of the names
/// whose value is abstract, own or inherited.
fn compute_abstract_methods(vm: &mut Vm, cls: &Value) -> PyResult<()> {
    let mut names = Vec::new();
    // Stage 1: the class's own namespace (a snapshot: a descriptor's lookup may change it).
    let items: Vec<(Value, Value)> = match cls {
        Value::Obj(o) if matches!(o.payload, Payload::Type(_)) => type_data(o)
            .dict
            .borrow()
            .iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect(),
        _ => {
            let ns = vm.getattr_str(cls, "__dict__")?;
            let items = vm.getattr_str(&ns, "items")?;
            let items = vm.call_pos(&items, &[])?;
            let mut out = Vec::new();
            for it in vm.iterate(&items)? {
                let pair = vm.seq_to_vec(&it)?;
                let [k, v] = <[Value; 2]>::try_from(pair)
                    .map_err(|_| vm.type_error("items() returned item which size is not 2"))?;
                out.push((k, v));
            }
            out
        }
    };
    for (k, v) in items {
        if is_abstract(vm, &v)? {
            names.push(k);
        }
    }
    // Stage 2: names abstract in a base that are still abstract here.
    let bases = vm.getattr_str(cls, "__bases__")?;
    let Some(Payload::Tuple(bases)) = bases.payload() else {
        return Err(vm.type_error("__bases__ is not tuple"));
    };
    let bases = bases.to_vec();
    let am = vm.intern("__abstractmethods__");
    for base in bases {
        let Some(base_abstracts) = vm.getattr_opt(&base, &am)? else {
            continue;
        };
        let it = vm.iter(&base_abstracts)?;
        while let Some(key) = vm.next(&it)? {
            let Some(kname) = key
                .as_obj()
                .filter(|k| matches!(k.payload, Payload::Str(_)))
            else {
                let tn = vm.type_name(&key);
                return Err(vm.type_error(format!("attribute name must be string, not '{tn}'")));
            };
            let kname = kname.clone();
            let Some(value) = vm.getattr_opt(cls, &kname)? else {
                continue;
            };
            if is_abstract(vm, &value)? {
                names.push(key);
            }
        }
    }
    let fs = vm.new_frozenset_from(names)?;
    vm.setattr(cls, &am, Some(fs))
}

fn abc_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "_abc_init", 1, 1)?;
    let cls = &a[0];
    compute_abstract_methods(vm, cls)?;
    let data = new_data(vm)?;
    let name = vm.intern("_abc_impl");
    vm.setattr(cls, &name, Some(data))?;
    Ok(Value::None)
}

fn as_type(v: &Value) -> Option<&ObjRef> {
    v.as_obj().filter(|o| matches!(o.payload, Payload::Type(_)))
}

fn abc_register(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "_abc_register", 2, 2)?;
    let (cls, sub) = (&a[0], &a[1]);
    let Some(sub_t) = as_type(sub).cloned() else {
        return Err(vm.type_error("Can only register classes"));
    };
    if vm.issubclass(sub, cls)? {
        // Already a subclass.
        return Ok(sub.clone());
    }
    // Checked after "already a subclass": `X.register(X)` is a no-op.
    if vm.issubclass(cls, sub)? {
        return Err(vm.runtime_error("Refusing to create an inheritance cycle"));
    }
    let impl_ = get_impl(vm, cls)?;
    data_of(vm, &impl_)?.registry.borrow_mut().add(&sub_t);
    vm.mods.abc_counter += 1;
    Ok(sub.clone())
}

fn call_subclasscheck(vm: &mut Vm, cls: &Value, sub: &Value) -> PyResult<Value> {
    let f = vm.getattr_str(cls, "__subclasscheck__")?;
    vm.call_pos(&f, std::slice::from_ref(sub))
}

fn abc_instancecheck(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "_abc_instancecheck", 2, 2)?;
    let (cls, inst) = (&a[0], &a[1]);
    let impl_ = get_impl(vm, cls)?;
    let sub = vm.getattr_str(inst, "__class__")?;
    let d = data_of(vm, &impl_)?;
    if let Some(s) = sub.as_obj()
        && d.cache.borrow().contains(s)
    {
        return Ok(Value::bool(true));
    }
    let subtype = vm.type_of(inst);
    if sub.as_obj().is_some_and(|s| ObjRef::ptr_eq(s, &subtype)) {
        if d.negative_version.get() == vm.mods.abc_counter && d.negative.borrow().contains(&subtype)
        {
            return Ok(Value::bool(false));
        }
        return call_subclasscheck(vm, cls, &sub);
    }
    let r = call_subclasscheck(vm, cls, &sub)?;
    if vm.is_true(&r)? {
        return Ok(r);
    }
    call_subclasscheck(vm, cls, &Value::Obj(subtype))
}

fn abc_subclasscheck(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "_abc_subclasscheck", 2, 2)?;
    let (cls, sub) = (&a[0], &a[1]);
    let Some(sub_t) = as_type(sub).cloned() else {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    };
    let impl_ = get_impl(vm, cls)?;
    let d = data_of(vm, &impl_)?;
    // 1. The positive cache.
    if d.cache.borrow().contains(&sub_t) {
        return Ok(Value::bool(true));
    }
    // 2. The negative cache, cleared when a registration happened since it was filled.
    let counter = vm.mods.abc_counter;
    if d.negative_version.get() < counter {
        d.negative.borrow_mut().clear();
        d.negative_version.set(counter);
    } else if d.negative.borrow().contains(&sub_t) {
        return Ok(Value::bool(false));
    }
    // 3. The subclass hook.
    let hook = vm.getattr_str(cls, "__subclasshook__")?;
    let ok = vm.call_pos(&hook, std::slice::from_ref(sub))?;
    match ok {
        Value::Bool(b) => {
            let set = if b.get() { &d.cache } else { &d.negative };
            set.borrow_mut().add(&sub_t);
            return Ok(ok);
        }
        _ if ok.is(&vm.not_implemented) => {}
        _ => {
            let t = vm.types.assertion_error.clone();
            return Err(vm.new_exception_msg(
                &t,
                "__subclasshook__ must return either False, True, or NotImplemented",
            ));
        }
    }
    // 4. A direct subclass.
    if let Some(c) = cls.as_obj() {
        let direct = type_data(&sub_t)
            .mro
            .borrow()
            .iter()
            .any(|m| ObjRef::ptr_eq(m, c));
        if direct {
            d.cache.borrow_mut().add(&sub_t);
            return Ok(Value::bool(true));
        }
    }
    // 5. A subclass of a registered class (recursively).
    if d.registry.borrow().contains(&sub_t) {
        return Ok(Value::bool(true));
    }
    let registered = d.registry.borrow().live();
    for r in registered {
        if vm.issubclass(sub, &Value::Obj(r))? {
            d.cache.borrow_mut().add(&sub_t);
            return Ok(Value::bool(true));
        }
    }
    // 6. A subclass of a subclass (recursively).
    let f = vm.getattr_str(cls, "__subclasses__")?;
    let subclasses = vm.call_pos(&f, &[])?;
    let Some(Payload::List(l)) = subclasses.payload() else {
        return Err(vm.type_error("__subclasses__() must return a list"));
    };
    let subclasses: Vec<Value> = l.borrow().to_vec();
    for s in subclasses {
        if vm.issubclass(sub, &s)? {
            d.cache.borrow_mut().add(&sub_t);
            return Ok(Value::bool(true));
        }
    }
    d.negative.borrow_mut().add(&sub_t);
    Ok(Value::bool(false))
}

fn weak_refs(vm: &mut Vm, set: &RefCell<WeakSet>) -> PyResult<Value> {
    let live = set.borrow().live();
    let mut refs = Vec::with_capacity(live.len());
    for o in live {
        refs.push(super::weakref::new_weakref(vm, &Value::Obj(o))?);
    }
    vm.new_set_from(refs)
}

fn get_dump(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "_get_dump", 1, 1)?;
    let impl_ = get_impl(vm, &a[0])?;
    let d = data_of(vm, &impl_)?;
    let registry = weak_refs(vm, &d.registry)?;
    let cache = weak_refs(vm, &d.cache)?;
    let negative = weak_refs(vm, &d.negative)?;
    let version = Value::Int(d.negative_version.get() as i64);
    Ok(vm.new_tuple(vec![registry, cache, negative, version]))
}

fn reset_registry(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "_reset_registry", 1, 1)?;
    let impl_ = get_impl(vm, &a[0])?;
    data_of(vm, &impl_)?.registry.borrow_mut().clear();
    Ok(Value::None)
}

fn reset_caches(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "_reset_caches", 1, 1)?;
    let impl_ = get_impl(vm, &a[0])?;
    let d = data_of(vm, &impl_)?;
    d.cache.borrow_mut().clear();
    d.negative.borrow_mut().clear();
    Ok(Value::None)
}
