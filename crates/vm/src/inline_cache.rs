//! Inline caches for `LOAD_ATTR`, `LOAD_METHOD` and `STORE_ATTR` on instances (CPython 3.11's
//! `LOAD_ATTR_INSTANCE_VALUE`, `LOAD_ATTR_SLOT`, `LOAD_METHOD_WITH_DICT`, `STORE_ATTR_...`
//! specialisations, in one slot per name of a code object).
//!
//! A slot records what the generic lookup decided for one type: the instance dict, a
//! `__slots__` member, a plain class value, or a plain function to call as a method. It is valid
//! while the object's type is the recorded one and the interpreter's `type_epoch` has not moved
//! (any change to any type namespace moves it), so the type-side facts still hold; the
//! instance-side facts (what the instance dict holds) are checked on every hit. A miss takes the
//! generic path, which stays the only one that runs Python code.

use std::cell::{Cell, RefCell};

use crate::frame::Code;
use crate::instattrs::{InlineAttrs, InlineValues};
use crate::object::{ObjRef, Payload};
use crate::objects::typeobj::dict_find_name;
use crate::value::Value;
use crate::{PyResult, Vm};

/// Nothing cached.
const EMPTY: u8 = 0;
/// The attribute lives in the instance dict (the type has no data descriptor for it).
const INSTANCE: u8 = 1;
/// A `__slots__` member: the value is in the instance's slot `index`.
const SLOT: u8 = 2;
/// The instance dict first, else the type's plain (descriptor-less) value `value`.
const CLASS_VALUE: u8 = 3;
/// `LOAD_METHOD`: the type's plain function `value`, unless the instance dict shadows it.
const METHOD: u8 = 4;

/// The cache of one name in one code object: two entries, so that a name loaded from objects
/// of two types in one function (`r.pos` of a rabbit next to `self.pos` of a fox, a method
/// run for instances of two subclasses) keeps both instead of refilling on every access.
#[derive(Default)]
pub struct AttrCache {
    entries: [CacheEntry; 2],
    /// The entry to replace next when neither is free.
    victim: Cell<u8>,
}

impl AttrCache {
    /// The entry to (re)fill for `obj`: the one already for its type, else a free or stale
    /// one, else the older of the two.
    fn entry_for_fill(&self, vm: &Vm, obj: &Value) -> &CacheEntry {
        let addr = match obj {
            Value::Obj(o) => o.class_addr(),
            _ => 0,
        };
        let epoch = vm.type_epoch.get();
        let [a, b] = &self.entries;
        for e in [a, b] {
            if e.kind.get() != EMPTY && e.ty_addr.get() == addr {
                return e;
            }
        }
        for e in [a, b] {
            if e.kind.get() == EMPTY || e.epoch.get() != epoch {
                return e;
            }
        }
        let v = self.victim.get() & 1;
        self.victim.set(v ^ 1);
        if v == 0 { a } else { b }
    }
}

/// One cached decision (see the module docs).
#[derive(Default)]
struct CacheEntry {
    kind: Cell<u8>,
    /// The address of the type the slot is for (kept alive by `ty`).
    ty_addr: Cell<usize>,
    epoch: Cell<u64>,
    /// `SLOT`: the member's slot; the dict kinds: the entry index where the name was last found.
    index: Cell<u32>,
    ty: RefCell<Option<ObjRef>>,
    value: RefCell<Option<Value>>,
    /// Inline attributes (`instattrs.rs`): the address of the key list `inline_ix` and
    /// `checked_len` are about (kept alive by the type in `ty`)...
    keys_addr: Cell<usize>,
    /// ... the name's index in it, or `u32::MAX` when it was not among its first
    /// `checked_len` keys (keys are only appended).
    inline_ix: Cell<u32>,
    checked_len: Cell<u32>,
}

impl CacheEntry {
    /// The index of `name` in the key list of `iv`, remembered per entry.
    #[inline]
    fn inline_index(&self, iv: &InlineValues, name: &ObjRef) -> Option<usize> {
        let addr = iv.keys.addr();
        if self.keys_addr.get() == addr {
            let ix = self.inline_ix.get();
            if ix != u32::MAX {
                return Some(ix as usize);
            }
            if self.checked_len.get() as usize == iv.keys.len() {
                return None;
            }
        }
        let Payload::Str(ns) = &name.payload else {
            return None;
        };
        let found = iv.keys.find(name, ns.wtf8());
        self.keys_addr.set(addr);
        self.inline_ix.set(found.map_or(u32::MAX, |i| i as u32));
        self.checked_len.set(iv.keys.len() as u32);
        found
    }
}

impl CacheEntry {
    /// The object, if the slot holds `kind`-agnostic facts valid for its type right now.
    #[inline]
    fn valid_for<'a>(&self, vm: &Vm, obj: &'a Value) -> Option<&'a ObjRef> {
        let Value::Obj(o) = obj else {
            return None;
        };
        if self.kind.get() == EMPTY
            || self.epoch.get() != vm.type_epoch.get()
            || o.class_addr() != self.ty_addr.get()
        {
            return None;
        }
        Some(o)
    }
}

/// Whether objects of this payload use the plain instance protocol (types, modules and
/// `super` objects have lookups of their own).
fn cacheable(o: &ObjRef) -> bool {
    !matches!(
        o.payload,
        Payload::Type(_) | Payload::Module(_) | Payload::Super(_)
    )
}

/// Look `name` up in an object's inline attributes (by the index `slot` remembers) or its
/// instance dict (str keys by identity or text). For a dict, the slot's `index` is the entry
/// index where the name was last found: instances of one class usually have their
/// attributes at the same positions (set in the same order by `__init__`), so most hits cost
/// one identity compare instead of a probe.
#[inline(always)]
fn instance_dict_get(vm: &Vm, o: &ObjRef, name: &ObjRef, slot: &CacheEntry) -> Option<Value> {
    // Builtin objects (a str's, a list's, a dict's methods) have no attributes of their own.
    if !matches!(o.payload, Payload::Plain(_)) && !o.has_materialized_dict() {
        return None;
    }
    instance_attr_get(vm, o, name, slot)
}

/// Whether an instance of a Python class certainly has no attribute of its own by the name
/// `slot` is for, from the slot's facts alone: no instance dict, and the name was not among
/// its class's shared keys when they were as many as now (CPython's `LOAD_METHOD_WITH_VALUES`
/// keys-version check).
#[inline(always)]
fn lacks_inline_attr(o: &ObjRef, a: &InlineAttrs, slot: &CacheEntry) -> bool {
    !o.has_materialized_dict()
        && a.with(|iv| {
            slot.keys_addr.get() == iv.keys.addr()
                && slot.inline_ix.get() == u32::MAX
                && slot.checked_len.get() as usize == iv.keys.len()
        }) == Some(true)
}

/// [`instance_dict_get`] for an object that may have attributes.
#[inline(never)]
fn instance_attr_get(vm: &Vm, o: &ObjRef, name: &ObjRef, slot: &CacheEntry) -> Option<Value> {
    if let Payload::Plain(a) = &o.payload
        && let Some(found) = a.with(|iv| {
            slot.inline_index(iv, name)
                .and_then(|ix| iv.get(ix).cloned())
        })
    {
        return found;
    }
    let hint = &slot.index;
    let d = o.materialized_dict()?;
    let Payload::Dict(t) = &d.payload else {
        return None;
    };
    let t = t.borrow();
    if let Some(v) = t.value_if_key_is(hint.get() as usize, name) {
        return Some(v.clone());
    }
    let Payload::Str(ns) = &name.payload else {
        return None;
    };
    let i = dict_find_name(&t, name, ns.wtf8(), vm.str_hash(ns))?;
    hint.set(i as u32);
    t.value_at(i).map(|v| v.clone())
}

impl Vm {
    /// `LOAD_ATTR` of `code.names[ni]` through the slot for that name.
    pub(crate) fn load_attr_cached(
        &mut self,
        code: &Code,
        ni: usize,
        obj: &Value,
    ) -> PyResult<Value> {
        let (Some(slot), Some(name)) = (code.caches().attr.get(ni), code.names.get(ni)) else {
            return Err(self.system_error_msg("bad attribute name index"));
        };
        for slot in &slot.entries {
            let Some(o) = slot.valid_for(self, obj) else {
                continue;
            };
            match slot.kind.get() {
                INSTANCE => {
                    if let Some(v) = instance_dict_get(self, o, name, slot) {
                        return Ok(v);
                    }
                }
                CLASS_VALUE => {
                    if let Some(v) = instance_dict_get(self, o, name, slot) {
                        return Ok(v);
                    }
                    if let Some(v) = &*slot.value.borrow() {
                        return Ok(v.clone());
                    }
                }
                SLOT => {
                    if let Payload::Slots(s) = &o.payload
                        && let Some(v) = s.borrow().get(slot.index.get() as usize)
                        && !v.is_null()
                    {
                        return Ok(v.clone());
                    }
                }
                _ => {}
            }
            break;
        }
        self.fill_attr_cache(slot.entry_for_fill(self, obj), obj, name, false);
        self.getattr(obj, name)
    }

    /// `LOAD_METHOD` of `code.names[ni]`: `(function, true)` to call with `obj` first, else
    /// `(attribute, false)`.
    ///
    /// The hit (CPython's `LOAD_METHOD_NO_DICT`/`LOAD_METHOD_WITH_VALUES`: the type and epoch
    /// match and the instance does not shadow the method) is inlined into the eval loop; the
    /// rest is [`Vm::load_method_miss`].
    #[inline(always)]
    pub(crate) fn load_method_cached(
        &mut self,
        code: &Code,
        ni: usize,
        obj: &Value,
    ) -> PyResult<(Value, bool)> {
        if let (Some(slot), Some(name)) = (code.caches().attr.get(ni), code.names.get(ni)) {
            for e in &slot.entries {
                let Some(o) = e.valid_for(self, obj) else {
                    continue;
                };
                if e.kind.get() == METHOD
                    && let Some(f) = &*e.value.borrow()
                {
                    let shadowed = match &o.payload {
                        Payload::Plain(a) => {
                            !lacks_inline_attr(o, a, e)
                                && instance_attr_get(self, o, name, e).is_some()
                        }
                        _ => {
                            o.has_materialized_dict()
                                && instance_attr_get(self, o, name, e).is_some()
                        }
                    };
                    if !shadowed {
                        return Ok((f.clone(), true));
                    }
                }
                break;
            }
        }
        self.load_method_miss(code, ni, obj)
    }

    /// [`Vm::load_method_cached`] when the cache does not answer: refill the slot and look up.
    #[inline(never)]
    fn load_method_miss(&mut self, code: &Code, ni: usize, obj: &Value) -> PyResult<(Value, bool)> {
        let (Some(slot), Some(name)) = (code.caches().attr.get(ni), code.names.get(ni)) else {
            return Err(self.system_error_msg("bad attribute name index"));
        };
        self.fill_attr_cache(slot.entry_for_fill(self, obj), obj, name, true);
        self.load_method(obj, name)
    }

    /// `STORE_ATTR`: replace an existing instance-dict entry or a `__slots__` member directly
    /// when the slot says the type's generic `__setattr__` would do just that.
    pub(crate) fn store_attr_cached(
        &mut self,
        code: &Code,
        ni: usize,
        obj: &Value,
        mut value: Value,
    ) -> PyResult<()> {
        let (Some(slot), Some(name)) = (code.caches().store.get(ni), code.names.get(ni)) else {
            return Err(self.system_error_msg("bad attribute name index"));
        };
        for slot in &slot.entries {
            let Some(o) = slot.valid_for(self, obj) else {
                continue;
            };
            match slot.kind.get() {
                INSTANCE => {
                    if let Payload::Plain(a) = &o.payload {
                        match a.store_with(|iv| slot.inline_index(iv, name), value) {
                            Ok(old) => {
                                drop(old);
                                return Ok(());
                            }
                            Err(v) => value = v,
                        }
                    }
                    if let Payload::Str(ns) = &name.payload
                        && let Some(d) = &o.materialized_dict()
                        && let Payload::Dict(t) = &d.payload
                    {
                        let mut t = t.borrow_mut();
                        let hint = slot.index.get() as usize;
                        let at_hint = t.value_if_key_is(hint, name).is_some();
                        let found = if at_hint {
                            Some(hint)
                        } else {
                            let h = self.str_hash(ns);
                            dict_find_name(&t, name, ns.wtf8(), h)
                        };
                        if let Some(i) = found {
                            slot.index.set(i as u32);
                            let old = t.set_value(i, value);
                            drop(t);
                            drop(old);
                            return Ok(());
                        }
                    }
                }
                SLOT => {
                    if let Payload::Slots(s) = &o.payload
                        && let Some(cell) = s.borrow_mut().get_mut(slot.index.get() as usize)
                    {
                        let old = std::mem::replace(cell, value);
                        drop(old);
                        return Ok(());
                    }
                }
                _ => {}
            }
            break;
        }
        self.fill_store_cache(slot.entry_for_fill(self, obj), obj, name);
        self.setattr(obj, name, Some(value))
    }

    /// Empty `slot`; then, when `obj` uses the generic protocol (its type's `hook` is a builtin,
    /// not Python code), the object, its type and the type's attribute `name`.
    fn generic_lookup<'a>(
        &mut self,
        slot: &CacheEntry,
        obj: &'a Value,
        name: &ObjRef,
        hook: &'static str,
    ) -> Option<(&'a ObjRef, ObjRef, Option<Value>)> {
        slot.kind.set(EMPTY);
        let Value::Obj(o) = obj else {
            return None;
        };
        if !cacheable(o) {
            return None;
        }
        let custom = self.lookup_special_str(obj, hook);
        if !matches!(
            custom.as_ref().and_then(|c| c.payload()),
            Some(Payload::Builtin(_)) | None
        ) {
            return None;
        }
        let Payload::Str(ns) = &name.payload else {
            return None;
        };
        let t = o.class();
        let h = self.str_hash(ns);
        let class_attr = self.type_lookup_obj(&t, name, h);
        Some((o, t, class_attr))
    }

    /// Record what the generic attribute lookup of `name` on `obj`'s type decides.
    fn fill_attr_cache(&mut self, slot: &CacheEntry, obj: &Value, name: &ObjRef, method: bool) {
        let Some((o, t, class_attr)) = self.generic_lookup(slot, obj, name, "__getattribute__")
        else {
            return;
        };
        let (kind, index, value) = match class_attr {
            None => (INSTANCE, 0, None),
            Some(a) => match a.payload() {
                Some(Payload::Member(m)) if matches!(o.payload, Payload::Slots(_)) => {
                    (SLOT, m.1 as u32, None)
                }
                Some(Payload::Function(_)) if method => (METHOD, 0, Some(a)),
                Some(Payload::Builtin(b))
                    if method && b.is_method && b.bound.is_none() && !b.is_classmethod =>
                {
                    (METHOD, 0, Some(a))
                }
                Some(Payload::Function(_) | Payload::Builtin(_)) => return,
                _ => {
                    if self.is_data_descriptor(&a)
                        || self.lookup_special_str(&a, "__get__").is_some()
                    {
                        return;
                    }
                    (CLASS_VALUE, 0, Some(a))
                }
            },
        };
        if method && kind != METHOD {
            return;
        }
        self.set_slot(slot, t, kind, index, value);
    }

    /// Record what the generic `__setattr__` of `name` on `obj`'s type decides.
    fn fill_store_cache(&mut self, slot: &CacheEntry, obj: &Value, name: &ObjRef) {
        let Some((o, t, class_attr)) = self.generic_lookup(slot, obj, name, "__setattr__") else {
            return;
        };
        let (kind, index) = match class_attr {
            None => (INSTANCE, 0),
            Some(a) => match a.payload() {
                Some(Payload::Member(m)) if matches!(o.payload, Payload::Slots(_)) => {
                    (SLOT, m.1 as u32)
                }
                Some(Payload::Function(_)) => (INSTANCE, 0),
                _ if self.is_data_descriptor(&a) => return,
                _ => (INSTANCE, 0),
            },
        };
        self.set_slot(slot, t, kind, index, None);
    }

    fn set_slot(&self, slot: &CacheEntry, t: ObjRef, kind: u8, index: u32, value: Option<Value>) {
        slot.ty_addr.set(t.addr());
        slot.keys_addr.set(0);
        *slot.ty.borrow_mut() = Some(t);
        *slot.value.borrow_mut() = value;
        slot.index.set(index);
        slot.epoch.set(self.type_epoch.get());
        slot.kind.set(kind);
    }

    /// A `SystemError` for a broken VM invariant.
    #[cold]
    pub(crate) fn system_error_msg(&mut self, msg: &str) -> crate::PyErr {
        let t = self.types.system_error.clone();
        self.new_exception_msg(&t, format!("internal error: {msg}"))
    }
}
