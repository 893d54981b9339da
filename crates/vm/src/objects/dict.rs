//! `dict` storage: CPython's compact, insertion-ordered dict (`Objects/dictobject.c`).
//!
//! Design: an index table of 1-, 2- or 4-byte slots (by table size) probed with CPython's
//! perturbation scheme (`i = (5*i + perturb + 1) & mask; perturb >>= 5`) points into a dense
//! entry array kept in insertion order; deleted entries leave a hole (key tag 0) until the next
//! resize. Iteration
//! walks the entry array, so order is insertion order independent of hashing.
//!
//! Layout: an entry is 24 bytes (hash, key payload, value payload) and its two tags share one
//! byte of a parallel array (see [`Slot`]): 25 bytes where a hash and two 16-byte `Value`s
//! take 40. Entries are lent out as [`EntryRef`] views.
//!
//! Comparing keys may run Python code (`__eq__`), which may mutate the dict. Lookups therefore
//! live on the VM side ([`crate::Vm::dict_lookup`]): they probe with a short borrow, release it
//! to call `__eq__`, and restart when the table's `version` moved, as CPython restarts.

use std::marker::PhantomData;

use crate::object::ObjRef;
use crate::value::Value;

/// A key or value type the tables can store. The VM uses `Value` (its `Null` has tag 0, the
/// mark of a deleted dict entry); tests use plain numbers.
///
/// The tables store values packed: a tag below 8 kept apart from 8 bytes of payload, so a set
/// slot is 16 bytes plus a control byte and a dict entry 24 plus a tag byte (four bits for
/// the key's tag, four for the value's), where a 16-byte `Value` (one tag byte padded to 8)
/// would make them 24 and 40.
pub trait Slot: Clone {
    /// Split into a tag (below 8; 0 only for a value that is never a key) and a payload word;
    /// the parts carry whatever the value owned.
    fn into_parts(self) -> (u8, u64);
    /// Rebuild a value from its parts.
    ///
    /// # Safety
    /// The parts came from `into_parts`, and whatever they own is taken back at most once
    /// (a copy that must not drop is kept in `ManuallyDrop`, as [`Ref`] does).
    unsafe fn from_parts(tag: u8, bits: u64) -> Self;
}

/// A value stored packed in a table, lent out for as long as the table is borrowed. It derefs
/// to the value; it is not an owner (never dropped), so `.clone()` goes to the value's own.
pub struct Ref<'a, V> {
    v: std::mem::ManuallyDrop<V>,
    _table: std::marker::PhantomData<&'a V>,
}

impl<V: Slot> Ref<'_, V> {
    /// A view of packed parts.
    ///
    /// # Safety
    /// The parts are a live value owned by a table that stays borrowed (unchanged) for the
    /// view's lifetime.
    #[inline(always)]
    pub(crate) unsafe fn new(tag: u8, bits: u64) -> Self {
        Ref {
            // SAFETY: the copy is never dropped (`ManuallyDrop`), so it takes nothing back
            // from the table, which keeps the value alive while the view is borrowed.
            v: std::mem::ManuallyDrop::new(unsafe { V::from_parts(tag, bits) }),
            _table: std::marker::PhantomData,
        }
    }
}

impl<V> std::ops::Deref for Ref<'_, V> {
    type Target = V;
    #[inline(always)]
    fn deref(&self) -> &V {
        &self.v
    }
}

impl<V: std::fmt::Debug> std::fmt::Debug for Ref<'_, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

const EMPTY: u32 = u32::MAX;
const DUMMY: u32 = u32::MAX - 1;
const MIN_SIZE: usize = 8;

/// The bits of a tag byte that hold the key's tag (the value's are the high four); a key tag
/// of 0 (which no key has) marks a deleted entry.
const KEY_TAG: u8 = 0x0f;

/// One key/value pair with the key's hash, owned: what [`DictTable::remove_entry`] hands back.
pub struct Entry<V> {
    /// The key's hash.
    pub hash: i64,
    /// The key.
    pub key: V,
    /// The value.
    pub value: V,
}

/// One live entry, lent out for as long as the table is borrowed.
pub struct EntryRef<'a, V> {
    /// The key's hash.
    pub hash: i64,
    /// The key.
    pub key: Ref<'a, V>,
    /// The value.
    pub value: Ref<'a, V>,
}

/// An entry as stored: the hash and the payloads of key and value (their tags are kept in
/// [`DictTable::tags`]). 24 bytes, as CPython's `PyDictKeyEntry`.
#[derive(Clone, Copy)]
struct Packed {
    hash: i64,
    key: u64,
    value: u64,
}

/// The table behind a `dict`.
///
/// Ownership: a live entry (key tag not 0) owns what its key and value own; the table clones,
/// moves and drops them through their parts (see [`Slot`]). A deleted entry owns nothing.
pub struct DictTable<V: Slot = crate::value::Value> {
    indices: Indices,
    entries: Vec<Packed>,
    /// Per entry, in step with `entries` (same length): the key's tag in the low four bits
    /// (0: deleted), the value's in the high four.
    tags: Vec<u8>,
    used: usize,
    /// Bumped on every structural change, so iterators and lookups notice mutation.
    pub version: u64,
    _owns: PhantomData<V>,
}

/// Where a probe for a hash stopped.
pub enum Probe {
    /// The entry at this index has the same hash: compare keys, then continue from `next`.
    Candidate { entry: usize, next: ProbeState },
    /// No entry with this key; `slot` is where it would go.
    Vacant { slot: usize },
}

/// A probe in progress.
#[derive(Copy, Clone)]
pub struct ProbeState {
    i: usize,
    perturb: u64,
    first_dummy: Option<usize>,
}

impl<V: Slot> Default for DictTable<V> {
    fn default() -> Self {
        DictTable {
            indices: Indices::None,
            entries: Vec::new(),
            tags: Vec::new(),
            used: 0,
            version: 0,
            _owns: PhantomData,
        }
    }
}

impl<V: Slot> Clone for DictTable<V> {
    fn clone(&self) -> Self {
        let mut entries = self.entries.clone();
        for (e, t) in entries.iter_mut().zip(&self.tags) {
            if t & KEY_TAG != 0 {
                // SAFETY: the entry is live in `self`, so its parts are a key and a value lent
                // while `self` is borrowed; the copy's entry gets the parts of their clones,
                // its own shares (a clone's payload is the same word).
                let (key, value) = unsafe {
                    (
                        Ref::<V>::new(t & KEY_TAG, e.key),
                        Ref::<V>::new(t >> 4, e.value),
                    )
                };
                e.key = (*key).clone().into_parts().1;
                e.value = (*value).clone().into_parts().1;
            }
        }
        DictTable {
            indices: self.indices.clone(),
            entries,
            tags: self.tags.clone(),
            used: self.used,
            version: self.version,
            _owns: PhantomData,
        }
    }
}

impl<V: Slot> Drop for DictTable<V> {
    fn drop(&mut self) {
        for (e, t) in self.entries.iter().zip(&self.tags) {
            if t & KEY_TAG != 0 {
                // SAFETY: a live entry owns its parts; the table is going away, so this is
                // the one time they are taken back.
                unsafe {
                    drop(V::from_parts(t & KEY_TAG, e.key));
                    drop(V::from_parts(t >> 4, e.value));
                }
            }
        }
    }
}

impl<V: Slot> DictTable<V> {
    /// An empty table.
    pub fn new() -> DictTable<V> {
        DictTable::default()
    }

    /// A table with room for `n` items without resizing.
    pub fn with_capacity(n: usize) -> DictTable<V> {
        let mut t = DictTable::new();
        if n > 0 {
            t.rebuild(size_for(n));
        }
        t
    }

    /// Number of items.
    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }

    /// Start probing for `hash`.
    #[inline]
    pub fn probe_start(&self, hash: i64) -> ProbeState {
        let mask = self.indices.len().wrapping_sub(1);
        ProbeState {
            i: (hash as u64 as usize) & mask,
            perturb: hash as u64,
            first_dummy: None,
        }
    }

    /// Continue a probe: the next entry with the same hash, or the vacant slot. One loop per
    /// index width, so the width is not re-examined at every step of the probe.
    #[inline(always)]
    pub fn probe(&self, hash: i64, st: ProbeState) -> Probe {
        match &self.indices {
            Indices::None => Probe::Vacant { slot: usize::MAX },
            Indices::I8(v) => self.probe_in(v, hash, st),
            Indices::I16(v) => self.probe_in(v, hash, st),
            Indices::U32(v) => self.probe_in(v, hash, st),
        }
    }

    #[inline(always)]
    fn probe_in<W: IndexWord>(&self, idx: &[W], hash: i64, mut st: ProbeState) -> Probe {
        let mask = idx.len() - 1;
        loop {
            let ix = idx[st.i].widen();
            let here = st.i;
            st.perturb >>= 5;
            st.i = (st
                .i
                .wrapping_mul(5)
                .wrapping_add(st.perturb as usize)
                .wrapping_add(1))
                & mask;
            match ix {
                EMPTY => {
                    return Probe::Vacant {
                        slot: st.first_dummy.unwrap_or(here),
                    };
                }
                DUMMY => {
                    st.first_dummy.get_or_insert(here);
                }
                // No slot points at a deleted entry (`remove_entry` turns its slot into a
                // dummy), so the hash alone decides.
                ix if self.entries[ix as usize].hash == hash => {
                    return Probe::Candidate {
                        entry: ix as usize,
                        next: st,
                    };
                }
                _ => {}
            }
        }
    }

    /// A view of the live entry `e` with tag byte `t`.
    ///
    /// # Safety
    /// `e` and `t` are a live entry of this table (key tag not 0).
    #[inline(always)]
    unsafe fn view<'a>(&'a self, e: &Packed, t: u8) -> EntryRef<'a, V> {
        // SAFETY: the parts are a live key and value owned by the table, which stays
        // borrowed as long as the views (the caller's guarantee).
        unsafe {
            EntryRef {
                hash: e.hash,
                key: Ref::new(t & KEY_TAG, e.key),
                value: Ref::new(t >> 4, e.value),
            }
        }
    }

    /// The entry at `index` in the entry array.
    #[inline]
    pub fn entry(&self, index: usize) -> Option<EntryRef<'_, V>> {
        let t = *self.tags.get(index)?;
        if t & KEY_TAG == 0 {
            return None;
        }
        // SAFETY: `entries` and `tags` have the same length, so `index` is in bounds; the
        // key tag says the entry is live.
        unsafe { Some(self.view(self.entries.get_unchecked(index), t)) }
    }

    /// The key of the entry at `index` (for lookups: only the key is rebuilt, so a caller that
    /// hands it to a function does not also build the value).
    #[inline]
    pub fn key_at(&self, index: usize) -> Option<Ref<'_, V>> {
        let t = *self.tags.get(index)?;
        if t & KEY_TAG == 0 {
            return None;
        }
        // SAFETY: `entries` and `tags` have the same length, so `index` is in bounds; the
        // key tag says the entry is live, so its key part is owned by the borrowed table.
        unsafe { Some(Ref::new(t & KEY_TAG, self.entries.get_unchecked(index).key)) }
    }

    /// The value of the entry at `index`.
    #[inline]
    pub fn value_at(&self, index: usize) -> Option<Ref<'_, V>> {
        let t = *self.tags.get(index)?;
        if t & KEY_TAG == 0 {
            return None;
        }
        // SAFETY: as in `key_at`, for the value part.
        unsafe { Some(Ref::new(t >> 4, self.entries.get_unchecked(index).value)) }
    }

    /// Replace the value of an existing entry, returning the old one (for the caller to drop
    /// after releasing its borrow). A deleted entry is left alone and `value` handed back.
    #[inline]
    pub fn set_value(&mut self, index: usize, value: V) -> Option<V> {
        let t = self.tags.get_mut(index)?;
        if *t & KEY_TAG == 0 {
            return Some(value);
        }
        let (tag, bits) = value.into_parts();
        let e = &mut self.entries[index];
        let old_bits = std::mem::replace(&mut e.value, bits);
        let old_tag = *t >> 4;
        *t = (*t & KEY_TAG) | (tag << 4);
        // SAFETY: the old parts were the live entry's value, now replaced: taken back once.
        Some(unsafe { V::from_parts(old_tag, old_bits) })
    }

    /// Insert a new key known to be absent (the caller probed).
    pub fn insert_new(&mut self, hash: i64, key: V, value: V) {
        if self.indices.is_empty() || (self.entries.len() + 1) * 3 > self.indices.len() * 2 {
            self.rebuild(size_for(self.used * 3 + 1));
        }
        let slot = self.find_empty_slot(hash);
        self.indices.set(slot, self.entries.len() as u32);
        let (kt, key) = key.into_parts();
        let (vt, value) = value.into_parts();
        debug_assert!(kt != 0 && kt <= KEY_TAG && vt <= KEY_TAG);
        self.entries.push(Packed { hash, key, value });
        self.tags.push(kt | (vt << 4));
        self.used += 1;
        self.version += 1;
    }

    /// Remove the entry at `index`, returning it.
    pub fn remove_entry(&mut self, index: usize) -> Option<Entry<V>> {
        let t = *self.tags.get(index)?;
        if t & KEY_TAG == 0 {
            return None;
        }
        let e = self.entries[index];
        // Find the index slot pointing at this entry.
        let mask = self.indices.len() - 1;
        let mut i = (e.hash as u64 as usize) & mask;
        let mut perturb = e.hash as u64;
        while self.indices.get(i) != index as u32 {
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
        self.indices.set(i, DUMMY);
        self.tags[index] = 0;
        self.entries[index] = Packed {
            hash: 0,
            key: 0,
            value: 0,
        };
        self.used -= 1;
        self.version += 1;
        // SAFETY: the entry was live and is now deleted: its parts are taken back once.
        unsafe {
            Some(Entry {
                hash: e.hash,
                key: V::from_parts(t & KEY_TAG, e.key),
                value: V::from_parts(t >> 4, e.value),
            })
        }
    }

    /// Remove every item: the old contents come back as a table, for the caller to drop
    /// after releasing its borrow.
    pub fn clear(&mut self) -> DictTable<V> {
        let version = self.version + 1;
        let old = std::mem::take(self);
        self.version = version;
        old
    }

    /// The live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = EntryRef<'_, V>> {
        self.entries
            .iter()
            .zip(&self.tags)
            .filter(|(_, t)| **t & KEY_TAG != 0)
            // SAFETY: the entry is live and the table stays borrowed while the iterator and
            // its views live.
            .map(|(e, t)| unsafe { self.view(e, *t) })
    }

    /// The entry at position `pos` of the entry array, skipping holes: returns the entry and
    /// the position after it (for iterators that must survive borrows being released).
    pub fn next_entry(&self, mut pos: usize) -> Option<(usize, EntryRef<'_, V>)> {
        while let Some(&t) = self.tags.get(pos) {
            pos += 1;
            if t & KEY_TAG != 0 {
                // SAFETY: `pos - 1` indexes `tags`, so also `entries` (same length), and the
                // entry is live.
                return Some((pos, unsafe {
                    self.view(self.entries.get_unchecked(pos - 1), t)
                }));
            }
        }
        None
    }

    /// The last live entry's index (for `popitem`).
    pub fn last_index(&self) -> Option<usize> {
        self.tags.iter().rposition(|t| t & KEY_TAG != 0)
    }

    fn find_empty_slot(&self, hash: i64) -> usize {
        let mask = self.indices.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        while self.indices.get(i) != EMPTY {
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
        i
    }

    /// A fresh index table of `size` slots, with the live entries moved over in order (their
    /// parts move as they are; deleted entries own nothing and are left behind).
    fn rebuild(&mut self, size: usize) {
        let old = std::mem::take(&mut self.entries);
        let old_tags = std::mem::take(&mut self.tags);
        self.indices = Indices::new(size);
        self.entries = Vec::with_capacity(size * 2 / 3);
        self.tags = Vec::with_capacity(size * 2 / 3);
        for (e, t) in old.into_iter().zip(old_tags) {
            if t & KEY_TAG != 0 {
                let slot = self.find_empty_slot(e.hash);
                self.indices.set(slot, self.entries.len() as u32);
                self.entries.push(e);
                self.tags.push(t);
            }
        }
        self.version += 1;
    }
}

impl DictTable {
    /// The value of the entry at `index` if that entry's key is the object `key` itself: the
    /// check of the inline caches that remember where a name was found. It compares the
    /// stored parts, rebuilding no key.
    #[inline]
    pub fn value_if_key_is(&self, index: usize, key: &ObjRef) -> Option<Ref<'_, Value>> {
        let (tag, bits) = Value::obj_parts(key);
        let t = *self.tags.get(index)?;
        // SAFETY: `entries` and `tags` have the same length, so `index` is in bounds.
        let e = unsafe { self.entries.get_unchecked(index) };
        if t & KEY_TAG != tag || e.key != bits {
            return None;
        }
        // SAFETY: the key tag is an object's, not 0, so the entry is live and its value part
        // is owned by the borrowed table.
        Some(unsafe { Ref::new(t >> 4, e.value) })
    }
}

/// A slot of the index table, read as an entry number or the `EMPTY`/`DUMMY` sentinels.
trait IndexWord: Copy {
    fn widen(self) -> u32;
}

impl IndexWord for i8 {
    #[inline(always)]
    fn widen(self) -> u32 {
        self as i32 as u32
    }
}

impl IndexWord for i16 {
    #[inline(always)]
    fn widen(self) -> u32 {
        self as i32 as u32
    }
}

impl IndexWord for u32 {
    #[inline(always)]
    fn widen(self) -> u32 {
        self
    }
}

/// The index table, its slots as narrow as the table's size allows (as CPython's `dk_indices`):
/// one byte up to 128 slots, two up to 2^15, four above. Entry numbers stay below two thirds of
/// the size, so in the signed narrow forms they are positive and `EMPTY`/`DUMMY` are -1/-2,
/// which sign-extend to the `u32` sentinels.
#[derive(Clone)]
enum Indices {
    None,
    I8(Vec<i8>),
    I16(Vec<i16>),
    U32(Vec<u32>),
}

impl Indices {
    /// A table of `size` empty slots.
    fn new(size: usize) -> Indices {
        if size <= 1 << 7 {
            Indices::I8(vec![-1; size])
        } else if size <= 1 << 15 {
            Indices::I16(vec![-1; size])
        } else {
            Indices::U32(vec![EMPTY; size])
        }
    }

    #[inline(always)]
    fn len(&self) -> usize {
        match self {
            Indices::None => 0,
            Indices::I8(v) => v.len(),
            Indices::I16(v) => v.len(),
            Indices::U32(v) => v.len(),
        }
    }

    #[inline(always)]
    fn is_empty(&self) -> bool {
        matches!(self, Indices::None)
    }

    /// Slot `i`: an entry number, `EMPTY` or `DUMMY`.
    #[inline(always)]
    fn get(&self, i: usize) -> u32 {
        match self {
            Indices::None => EMPTY,
            Indices::I8(v) => v[i] as i32 as u32,
            Indices::I16(v) => v[i] as i32 as u32,
            Indices::U32(v) => v[i],
        }
    }

    /// Set slot `i` to an entry number (which fits the width: see the type), `EMPTY` or
    /// `DUMMY`; the narrowing keeps the low bits, so the sentinels become -1/-2.
    #[inline(always)]
    fn set(&mut self, i: usize, ix: u32) {
        match self {
            Indices::None => {}
            Indices::I8(v) => v[i] = ix as i8,
            Indices::I16(v) => v[i] = ix as i16,
            Indices::U32(v) => v[i] = ix,
        }
    }
}

fn size_for(n: usize) -> usize {
    let mut size = MIN_SIZE;
    while size * 2 / 3 < n {
        size *= 2;
    }
    size
}
