//! `dict` storage: CPython's compact, insertion-ordered dict (`Objects/dictobject.c`).
//!
//! Design: an index table of 1-, 2- or 4-byte slots (by table size) probed with CPython's perturbation scheme
//! (`i = (5*i + perturb + 1) & mask; perturb >>= 5`) points into a dense entry array kept in
//! insertion order; deleted entries leave a hole (`key == Null`) until the next resize. Iteration
//! walks the entry array, so order is insertion order independent of hashing.
//!
//! Comparing keys may run Python code (`__eq__`), which may mutate the dict. Lookups therefore
//! live on the VM side ([`crate::Vm::dict_lookup`]): they probe with a short borrow, release it
//! to call `__eq__`, and restart when the table's `version` moved, as CPython restarts.

/// A key or value type the tables can store: it needs a "hole" marker for deleted entries.
/// The VM uses `Value` (with `Value::Null` as the hole); tests use plain numbers.
///
/// The tables store values packed: a tag below 8 (`HOLE`'s is 0) kept apart from 8 bytes of
/// payload, so a set slot is 16 bytes plus a control byte and a dict entry 24 plus a tag
/// byte, where a 16-byte `Value` (one tag byte padded to 8) would make them 24 and 40.
pub trait Slot: Clone {
    /// The marker for a deleted entry.
    const HOLE: Self;
    /// Whether this is the marker.
    fn is_hole(&self) -> bool;
    /// Split into a tag (below 8; 0 only for `HOLE`) and a payload word; the parts carry
    /// whatever the value owned.
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

/// One key/value pair with the key's hash.
#[derive(Clone)]
pub struct Entry<V> {
    /// The key's hash.
    pub hash: i64,
    /// The key; `Null` marks a deleted entry.
    pub key: V,
    /// The value.
    pub value: V,
}

/// The table behind a `dict`.
#[derive(Clone)]
pub struct DictTable<V = crate::value::Value> {
    indices: Indices,
    entries: Vec<Entry<V>>,
    used: usize,
    /// Bumped on every structural change, so iterators and lookups notice mutation.
    pub version: u64,
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
            used: 0,
            version: 0,
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
                ix => {
                    let e = &self.entries[ix as usize];
                    if e.hash == hash && !e.key.is_hole() {
                        return Probe::Candidate {
                            entry: ix as usize,
                            next: st,
                        };
                    }
                }
            }
        }
    }

    /// The entry at `index` in the entry array.
    #[inline]
    pub fn entry(&self, index: usize) -> Option<&Entry<V>> {
        self.entries.get(index).filter(|e| !e.key.is_hole())
    }

    /// Replace the value of an existing entry.
    pub fn set_value(&mut self, index: usize, value: V) -> Option<V> {
        self.entries
            .get_mut(index)
            .map(|e| std::mem::replace(&mut e.value, value))
    }

    /// Insert a new key known to be absent (the caller probed).
    pub fn insert_new(&mut self, hash: i64, key: V, value: V) {
        if self.indices.is_empty() || (self.entries.len() + 1) * 3 > self.indices.len() * 2 {
            self.rebuild(size_for(self.used * 3 + 1));
        }
        let slot = self.find_empty_slot(hash);
        self.indices.set(slot, self.entries.len() as u32);
        self.entries.push(Entry { hash, key, value });
        self.used += 1;
        self.version += 1;
    }

    /// Remove the entry at `index`, returning it.
    pub fn remove_entry(&mut self, index: usize) -> Option<Entry<V>> {
        let e = self.entries.get(index)?;
        if e.key.is_hole() {
            return None;
        }
        let hash = e.hash;
        // Find the index slot pointing at this entry.
        let mask = self.indices.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        while self.indices.get(i) != index as u32 {
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
        self.indices.set(i, DUMMY);
        let removed = std::mem::replace(
            &mut self.entries[index],
            Entry {
                hash: 0,
                key: V::HOLE,
                value: V::HOLE,
            },
        );
        self.used -= 1;
        self.version += 1;
        Some(removed)
    }

    /// Remove every item.
    pub fn clear(&mut self) -> Vec<Entry<V>> {
        self.indices = Indices::None;
        self.used = 0;
        self.version += 1;
        std::mem::take(&mut self.entries)
    }

    /// The live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry<V>> {
        self.entries.iter().filter(|e| !e.key.is_hole())
    }

    /// The entry at position `pos` of the entry array, skipping holes: returns the entry and
    /// the position after it (for iterators that must survive borrows being released).
    pub fn next_entry(&self, mut pos: usize) -> Option<(usize, &Entry<V>)> {
        while let Some(e) = self.entries.get(pos) {
            pos += 1;
            if !e.key.is_hole() {
                return Some((pos, e));
            }
        }
        None
    }

    /// The last live entry's index (for `popitem`).
    pub fn last_index(&self) -> Option<usize> {
        self.entries.iter().rposition(|e| !e.key.is_hole())
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

    fn rebuild(&mut self, size: usize) {
        let old = std::mem::take(&mut self.entries);
        self.indices = Indices::new(size);
        self.entries = Vec::with_capacity(size * 2 / 3);
        for e in old.into_iter().filter(|e| !e.key.is_hole()) {
            let slot = self.find_empty_slot(e.hash);
            self.indices.set(slot, self.entries.len() as u32);
            self.entries.push(e);
        }
        self.version += 1;
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
