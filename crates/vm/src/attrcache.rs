//! A cache of type attribute lookups (CPython's method cache, `_PyType_Lookup`'s
//! `type_cache`): (type, name) → what the MRO walk found. Any change to any type's namespace,
//! and every new type, moves the interpreter's `type_epoch`, which invalidates every entry.
//! Entries hold strong references to their type and name, so an address cannot be reused
//! by another object while it is cached.

use crate::Vm;
use crate::object::ObjRef;
use crate::objects::typeobj::lookup;
use crate::value::Value;

const SIZE: usize = 4096;

/// What a cached name is: an interned str object, or static text by address and length
/// (two `&'static str` with the same address and length are the same text).
#[derive(Clone)]
enum Key {
    Obj(ObjRef),
    Static(usize, usize),
}

#[derive(Clone)]
struct Entry {
    ty: ObjRef,
    key: Key,
    epoch: u64,
    value: Option<Value>,
}

/// The cache itself.
#[derive(Default)]
pub struct AttrCache {
    entries: Vec<Option<Entry>>,
}

impl Vm {
    /// Note that some type's namespace (or the set of types) changed.
    #[inline]
    pub fn types_changed(&self) {
        self.type_epoch.set(self.type_epoch.get().wrapping_add(1));
    }

    /// `_PyType_Lookup(t, name)` for a str object name, cached.
    pub fn type_lookup_obj(&mut self, t: &ObjRef, name: &ObjRef, h: i64) -> Option<Value> {
        let slot = ((t.addr() >> 4) ^ (name.addr() >> 3).wrapping_mul(31)) & (SIZE - 1);
        let epoch = self.type_epoch.get();
        if let Some(Some(e)) = self.attr_cache.entries.get(slot)
            && e.epoch == epoch
            && ObjRef::ptr_eq(&e.ty, t)
            && matches!(&e.key, Key::Obj(k) if ObjRef::ptr_eq(k, name))
        {
            return e.value.clone();
        }
        let value = match &name.payload {
            crate::object::Payload::Str(s) => lookup(t, &s.as_str(), h),
            _ => None,
        };
        self.store(
            slot,
            Entry {
                ty: t.clone(),
                key: Key::Obj(name.clone()),
                epoch,
                value: value.clone(),
            },
        );
        value
    }

    /// `_PyType_Lookup(t, name)` for a name given as static text (special-method names), cached
    /// by the text's address: a hit costs no hashing and no string compare.
    pub fn type_lookup_str(&mut self, t: &ObjRef, name: &'static str) -> Option<Value> {
        let addr = name.as_ptr() as usize;
        let slot = ((t.addr() >> 4) ^ (addr >> 1).wrapping_mul(0x9E37)) & (SIZE - 1);
        let epoch = self.type_epoch.get();
        if let Some(Some(e)) = self.attr_cache.entries.get(slot)
            && e.epoch == epoch
            && ObjRef::ptr_eq(&e.ty, t)
            && matches!(&e.key, Key::Static(a, n) if *a == addr && *n == name.len())
        {
            return e.value.clone();
        }
        let h = self.hash_text(name);
        let value = lookup(t, name, h);
        self.store(
            slot,
            Entry {
                ty: t.clone(),
                key: Key::Static(addr, name.len()),
                epoch,
                value: value.clone(),
            },
        );
        value
    }

    fn store(&mut self, slot: usize, e: Entry) {
        if self.attr_cache.entries.len() < SIZE {
            self.attr_cache.entries.resize(SIZE, None);
        }
        self.attr_cache.entries[slot] = Some(e);
    }
}
