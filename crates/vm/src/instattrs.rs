//! Instance attributes kept inline (CPython 3.11's "inline values" with shared keys,
//! `Objects/dictobject.c: _PyObject_StoreInstanceAttribute`, `ht_cached_keys`).
//!
//! An instance of a Python class without a builtin base (`Payload::Plain`) keeps its
//! attributes in a values array inside its payload. The attribute names live once per class,
//! in a [`SharedKeys`] list kept on the type: a name's index there is its index in every
//! instance's values. Keys are only ever appended (interned `str` objects), so an index,
//! once found, stays right for every instance of the class, which is what the inline caches
//! record (`LOAD_ATTR_INSTANCE_VALUE`).
//!
//! Order: an instance's attributes in dict order are its non-empty values in key order. To
//! keep that equal to insertion order, a value may only be stored at an index past every
//! value the instance holds (padding with holes), or over a live value. Anything else (a name
//! deleted and set again while later ones exist, attributes set in another order than the
//! first instance did, more than [`MAX_SHARED_KEYS`] names, a name that is not an exact
//! UTF-8 `str`) materialises a real dict. So does everything that asks for `__dict__`;
//! from then on the dict is the object's only attribute store, as before this existed.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::Vm;
use crate::object::{ObjRef, Payload};
use crate::objects::dict::DictTable;
use crate::objects::str::PyStr;
use crate::value::Value;

/// CPython's `SHARED_KEYS_MAX_SIZE`: a class's instances share at most this many names.
pub const MAX_SHARED_KEYS: usize = 30;

/// The attribute names of a class's instances, in the order they were first set.
#[derive(Default)]
pub struct SharedKeys {
    keys: RefCell<Vec<ObjRef>>,
    len: Cell<u32>,
}

impl SharedKeys {
    /// Number of names.
    #[inline]
    pub fn len(&self) -> usize {
        self.len.get() as usize
    }

    /// Whether no name was recorded yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The index of `name` (a str object with text `text`): identity first, then text.
    #[inline]
    pub fn find(&self, name: &ObjRef, text: &[u8]) -> Option<usize> {
        let keys = self.keys.try_borrow().ok()?;
        if let Some(i) = keys.iter().position(|k| ObjRef::ptr_eq(k, name)) {
            return Some(i);
        }
        keys.iter()
            .position(|k| matches!(&k.payload, Payload::Str(s) if s.wtf8() == text))
    }

    /// The name at `index`.
    pub fn key(&self, index: usize) -> Option<ObjRef> {
        self.keys.try_borrow().ok()?.get(index).cloned()
    }

    fn push(&self, key: ObjRef) -> Option<usize> {
        let mut keys = self.keys.try_borrow_mut().ok()?;
        if keys.len() >= MAX_SHARED_KEYS {
            return None;
        }
        keys.push(key);
        self.len.set(keys.len() as u32);
        Some(keys.len() - 1)
    }

    /// The key list's address (its identity for the inline caches).
    #[inline]
    pub fn addr(self: &Rc<Self>) -> usize {
        Rc::as_ptr(self) as usize
    }
}

/// One instance's inline attributes: values by key index, `Null` for a hole or a free slot.
pub struct InlineValues {
    /// The class's keys (the type holds them too).
    pub keys: Rc<SharedKeys>,
    /// Values by key index, `Null`-padded to the block's size (a boxed slice rather than a
    /// `Vec`: no capacity word, so the store fits the 32 bytes a payload has beside its tag).
    pub values: Box<[Value]>,
}

impl InlineValues {
    /// The live value at key index `ix`.
    #[inline]
    pub fn get(&self, ix: usize) -> Option<&Value> {
        self.values.get(ix).filter(|v| !v.is_null())
    }

    /// Store `value` at key index `ix` when insertion order allows it (see the module docs):
    /// `Ok(old value)` (`Null` for a new attribute), or `Err(value)` back when only a dict
    /// can hold the instance's attributes in the right order.
    #[inline]
    pub fn store(&mut self, ix: usize, value: Value) -> Result<Value, Value> {
        if let Some(slot) = self.values.get_mut(ix)
            && !slot.is_null()
        {
            return Ok(std::mem::replace(slot, value));
        }
        // A new attribute: only past every live value.
        if self
            .values
            .get(ix..)
            .is_some_and(|rest| rest.iter().any(|v| !v.is_null()))
        {
            return Err(value);
        }
        if self.values.len() <= ix {
            // Room for every name the class has seen, as CPython sizes values by its keys.
            let want = self.keys.len().max(ix + 1);
            let mut grown = std::mem::take(&mut self.values).into_vec();
            grown.resize(want, Value::Null);
            self.values = grown.into_boxed_slice();
        }
        match self.values.get_mut(ix) {
            Some(slot) => Ok(std::mem::replace(slot, value)),
            None => Err(value),
        }
    }

    /// Remove the value at key index `ix`; `None` when the instance has no such attribute.
    pub fn remove(&mut self, ix: usize) -> Option<Value> {
        let slot = self.values.get_mut(ix).filter(|v| !v.is_null())?;
        Some(std::mem::replace(slot, Value::Null))
    }

    /// Number of live attributes.
    pub fn count(&self) -> usize {
        self.values.iter().filter(|v| !v.is_null()).count()
    }
}

/// The inline attribute store of a `Payload::Plain` object: empty for objects without a
/// `__dict__` (`object()`) and once the attributes moved to a real dict.
pub struct InlineAttrs(RefCell<Option<InlineValues>>);

impl InlineAttrs {
    /// No inline store.
    pub const fn none() -> InlineAttrs {
        InlineAttrs(RefCell::new(None))
    }

    /// An empty store over `keys`.
    pub fn new(keys: Rc<SharedKeys>) -> InlineAttrs {
        InlineAttrs(RefCell::new(Some(InlineValues {
            keys,
            values: Box::new([]),
        })))
    }

    /// Whether the object's attributes live here.
    #[inline]
    pub fn is_active(&self) -> bool {
        self.0.try_borrow().is_ok_and(|v| v.is_some())
    }

    /// Move the values out (the store becomes inactive).
    pub fn take(&self) -> Option<InlineValues> {
        self.0.try_borrow_mut().ok()?.take()
    }

    /// Run `f` on the values, when the store is active.
    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(&InlineValues) -> R) -> Option<R> {
        let b = self.0.try_borrow().ok()?;
        b.as_ref().map(f)
    }

    /// Run `f` on the values mutably, when the store is active. `f` must not drop values
    /// (a drop may free objects): return them to drop after the borrow ends.
    #[inline]
    pub fn with_mut<R>(&self, f: impl FnOnce(&mut InlineValues) -> R) -> Option<R> {
        let mut b = self.0.try_borrow_mut().ok()?;
        b.as_mut().map(f)
    }

    /// Store `value` at the key index `index_of` finds: `Ok(old value)` (to drop by the
    /// caller), or `Err(value)` back when the store is inactive, the name has no index or
    /// insertion order needs a dict.
    #[inline]
    pub fn store_with(
        &self,
        index_of: impl FnOnce(&InlineValues) -> Option<usize>,
        value: Value,
    ) -> Result<Value, Value> {
        let Ok(mut b) = self.0.try_borrow_mut() else {
            return Err(value);
        };
        let Some(iv) = b.as_mut() else {
            return Err(value);
        };
        match index_of(iv) {
            Some(ix) => iv.store(ix, value),
            None => Err(value),
        }
    }

    /// The value of attribute `name`: `None` when the store is inactive (look in the dict),
    /// `Some(None)` when the instance has no such attribute.
    #[inline]
    pub fn get(&self, name: &ObjRef, text: &[u8]) -> Option<Option<Value>> {
        self.with(|iv| iv.keys.find(name, text).and_then(|ix| iv.get(ix).cloned()))
    }

    /// Every live value, in order (for `tp_traverse`).
    pub fn for_each(&self, visit: &mut dyn FnMut(&Value)) {
        let vals: Vec<Value> = self
            .with(|iv| iv.values.iter().filter(|v| !v.is_null()).cloned().collect())
            .unwrap_or_default();
        vals.iter().for_each(visit);
    }
}

/// What [`Vm::inline_setattr`] did.
pub enum InlineStore {
    /// Stored or deleted.
    Done,
    /// A delete of an attribute the instance does not have.
    Missing,
    /// The object keeps no inline attributes (now): use its dict; the value comes back.
    NotInline(Option<Value>),
}

impl Vm {
    /// The key list of `cls`'s instances, made on first use.
    pub fn shared_keys(&self, cls: &ObjRef) -> Rc<SharedKeys> {
        let td = crate::objects::typeobj::type_data(cls);
        let mut k = td.cached_keys.borrow_mut();
        k.get_or_insert_with(Default::default).clone()
    }

    /// The object's instance dict, moving inline attributes into a new dict first (what
    /// every reader of `__dict__` needs); `None` when the object has no dict.
    pub fn instance_dict(&mut self, o: &ObjRef) -> Option<ObjRef> {
        if let Some(d) = o.materialized_dict() {
            return Some(d);
        }
        let Payload::Plain(a) = &o.payload else {
            return None;
        };
        let iv = a.take()?;
        let mut t = DictTable::with_capacity(iv.count());
        for (i, v) in iv.values.into_iter().enumerate() {
            if v.is_null() {
                continue;
            }
            let Some(k) = iv.keys.key(i) else { continue };
            let h = match &k.payload {
                Payload::Str(s) => self.str_hash(s),
                _ => 0,
            };
            t.insert_new(h, Value::Obj(k), v);
        }
        let d = ObjRef::new(
            self.types.dict.clone(),
            Payload::Dict(Box::new(RefCell::new(t))),
        );
        drop(o.replace_dict_raw(Some(d.clone())));
        Some(d)
    }

    /// Set (`Some`) or delete (`None`) attribute `name` in `o`'s inline values.
    pub fn inline_setattr(
        &mut self,
        o: &ObjRef,
        name: &ObjRef,
        ns: &PyStr,
        value: Option<Value>,
    ) -> InlineStore {
        let Payload::Plain(a) = &o.payload else {
            return InlineStore::NotInline(value);
        };
        let Some(keys) = a.with(|iv| iv.keys.clone()) else {
            return InlineStore::NotInline(value);
        };
        let ix = match keys.find(name, ns.wtf8()) {
            Some(ix) => ix,
            None => {
                let Some(v) = value else {
                    return InlineStore::Missing;
                };
                let exact = name.class_is(&self.types.str);
                let text = ns
                    .to_str()
                    .filter(|_| exact && keys.len() < MAX_SHARED_KEYS);
                let Some(text) = text else {
                    return InlineStore::NotInline(Some(v));
                };
                let key = self.intern(text);
                match keys.push(key) {
                    Some(ix) => return store_at(a, ix, v),
                    None => return InlineStore::NotInline(Some(v)),
                }
            }
        };
        match value {
            Some(v) => store_at(a, ix, v),
            None => match a.with_mut(|iv| iv.remove(ix)) {
                Some(Some(old)) => {
                    drop(old);
                    InlineStore::Done
                }
                Some(None) => InlineStore::Missing,
                None => InlineStore::NotInline(None),
            },
        }
    }
}

/// Store `v` at key index `ix` of `a` (see [`InlineValues::store`]).
fn store_at(a: &InlineAttrs, ix: usize, v: Value) -> InlineStore {
    match a.store_with(|_| Some(ix), v) {
        // The old value drops here, after the store's borrow ended.
        Ok(_old) => InlineStore::Done,
        Err(v) => InlineStore::NotInline(Some(v)),
    }
}
