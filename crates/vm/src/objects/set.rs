//! `set`/`frozenset` storage: CPython's open-addressing set table (`Objects/setobject.c`).
//!
//! Iteration order is table order, so the probing must be CPython's for `print({...})` to match:
//! start at `hash & mask`, try `LINEAR_PROBES` (9) neighbouring slots when they fit before the
//! end of the table, then jump with `perturb >>= 5; i = (5*i + 1 + perturb) & mask`. The table
//! starts at 8 slots and, when `fill*5 >= mask*3`, is rebuilt at `used*4` (`used*2` above 50000)
//! rounded up to a power of two. Deleted slots hold a dummy until the next rebuild.
//!
//! Layout: a control byte per slot (empty, dummy, or full with the key's tag) and a 16-byte
//! slot of hash and key payload (see [`Slot`](super::dict::Slot)): 17 bytes a slot, against 24
//! for a hash and a 16-byte `Value`, and the probe loop reads only the control byte of empty
//! and dummy slots.

use std::marker::PhantomData;

use super::dict::{Ref, Slot as Key};

const LINEAR_PROBES: usize = 9;
const MIN_SIZE: usize = 8;

/// Control byte of a never-used slot.
const EMPTY: u8 = 0;
/// Control byte of a deleted slot.
const DUMMY: u8 = 1;
/// Control byte of a full slot: `FULL` plus the key's tag.
const FULL: u8 = 2;

/// The table behind a set.
pub struct SetTable<V: Key = crate::value::Value> {
    /// Per slot: `EMPTY`, `DUMMY` or `FULL + tag`.
    ctrl: Vec<u8>,
    /// Per slot: the hash and the key's payload, meaningful in full slots only. A full slot
    /// owns what its key owns: the table drops, clones and moves keys through these parts.
    slots: Vec<[u64; 2]>,
    fill: usize,
    used: usize,
    /// Bumped on every structural change.
    pub version: u64,
    _owns: PhantomData<V>,
}

impl<V: Key> Default for SetTable<V> {
    fn default() -> Self {
        SetTable::new()
    }
}

impl<V: Key> Clone for SetTable<V> {
    fn clone(&self) -> Self {
        let mut slots = self.slots.clone();
        for (c, s) in self.ctrl.iter().zip(slots.iter_mut()) {
            if *c >= FULL {
                // SAFETY: the slot is full in `self`, so its parts are a live key, lent while
                // `self` is borrowed; the copy's slot gets the parts of a clone, its own share.
                let key = unsafe { Ref::<V>::new(c - FULL, s[1]) };
                s[1] = (*key).clone().into_parts().1;
            }
        }
        SetTable {
            ctrl: self.ctrl.clone(),
            slots,
            fill: self.fill,
            used: self.used,
            version: self.version,
            _owns: PhantomData,
        }
    }
}

impl<V: Key> Drop for SetTable<V> {
    fn drop(&mut self) {
        for (c, s) in self.ctrl.iter().zip(self.slots.iter()) {
            if *c >= FULL {
                // SAFETY: a full slot owns its key's parts; the table is going away, so this
                // is the one time they are taken back.
                drop(unsafe { V::from_parts(c - FULL, s[1]) });
            }
        }
    }
}

/// Result of probing for a hash.
pub enum SetProbe {
    /// Slot `slot` holds a key with the same hash: compare, then continue with `next`.
    Candidate { slot: usize, next: SetProbeState },
    /// Not present; `slot` is where to insert.
    Vacant { slot: usize },
}

/// A probe in progress.
#[derive(Copy, Clone)]
pub struct SetProbeState {
    i: usize,
    j: usize,
    perturb: u64,
    freeslot: Option<usize>,
}

impl<V: Key> SetTable<V> {
    /// An empty table.
    pub fn new() -> SetTable<V> {
        SetTable::with_slots(MIN_SIZE)
    }

    /// An empty table of `size` slots (a power of two). Both arrays are zeroed allocations
    /// (`EMPTY` is 0), which the allocator maps lazily for big tables.
    fn with_slots(size: usize) -> SetTable<V> {
        SetTable {
            ctrl: vec![EMPTY; size],
            slots: vec![[0; 2]; size],
            fill: 0,
            used: 0,
            version: 0,
            _owns: PhantomData,
        }
    }

    /// Number of keys.
    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }

    /// Start a probe for `hash`.
    pub fn probe_start(&self, hash: i64) -> SetProbeState {
        let mask = self.ctrl.len() - 1;
        SetProbeState {
            i: (hash as u64 as usize) & mask,
            j: 0,
            perturb: hash as u64,
            freeslot: None,
        }
    }

    /// Continue a probe.
    pub fn probe(&self, hash: i64, mut st: SetProbeState) -> SetProbe {
        let mask = self.ctrl.len() - 1;
        loop {
            // Visit slot i + j for j in 0..=LINEAR_PROBES (when it fits), then perturb.
            let idx = st.i + st.j;
            let c = self.ctrl[idx];
            let advance = |st: &mut SetProbeState| {
                if st.i + LINEAR_PROBES <= mask && st.j < LINEAR_PROBES {
                    st.j += 1;
                } else {
                    st.j = 0;
                    st.perturb >>= 5;
                    st.i = (st
                        .i
                        .wrapping_mul(5)
                        .wrapping_add(1)
                        .wrapping_add(st.perturb as usize))
                        & mask;
                }
            };
            match c {
                EMPTY => {
                    return SetProbe::Vacant {
                        slot: st.freeslot.unwrap_or(idx),
                    };
                }
                DUMMY => {
                    st.freeslot.get_or_insert(idx);
                    advance(&mut st);
                }
                _ => {
                    let same = self.slots[idx][0] as i64 == hash;
                    advance(&mut st);
                    if same {
                        return SetProbe::Candidate {
                            slot: idx,
                            next: st,
                        };
                    }
                }
            }
        }
    }

    /// The key in slot `slot`, if full.
    #[inline]
    pub fn key_at(&self, slot: usize) -> Option<Ref<'_, V>> {
        let c = *self.ctrl.get(slot)?;
        if c < FULL {
            return None;
        }
        // SAFETY: the slot is full, so its parts are a live key owned by the table, which
        // stays borrowed as long as the view.
        Some(unsafe { Ref::new(c - FULL, self.slots[slot][1]) })
    }

    /// Put `key` into slot `slot` (which is not full), counting it.
    #[inline]
    fn put(&mut self, slot: usize, hash: i64, key: V) {
        let (tag, bits) = key.into_parts();
        if self.ctrl[slot] == EMPTY {
            self.fill += 1;
        }
        self.ctrl[slot] = FULL + tag;
        self.slots[slot] = [hash as u64, bits];
        self.used += 1;
    }

    /// Insert into a vacant slot found by probing.
    pub fn insert_at(&mut self, slot: usize, hash: i64, key: V) {
        // A full slot here would be a caller bug; replacing its key keeps the counts right.
        drop(self.remove_at(slot));
        self.put(slot, hash, key);
        self.version += 1;
        let mask = self.ctrl.len() - 1;
        if self.fill * 5 >= mask * 3 {
            let target = if self.used > 50000 {
                self.used * 2
            } else {
                self.used * 4
            };
            self.resize(target);
        }
    }

    /// Insert a key known to be absent, without comparisons (rebuilds, copies).
    pub fn insert_unique(&mut self, hash: i64, key: V) {
        let slot = self.find_empty(hash);
        self.insert_at(slot, hash, key);
    }

    /// Remove the key in slot `slot`.
    pub fn remove_at(&mut self, slot: usize) -> Option<V> {
        let c = *self.ctrl.get(slot)?;
        if c < FULL {
            return None;
        }
        self.ctrl[slot] = DUMMY;
        self.used -= 1;
        self.version += 1;
        // SAFETY: the slot was full and is now a dummy: its parts are taken back once.
        Some(unsafe { V::from_parts(c - FULL, self.slots[slot][1]) })
    }

    /// Remove every key.
    pub fn clear(&mut self) {
        let version = self.version + 1;
        *self = SetTable::new();
        self.version = version;
    }

    /// The keys with their hashes, in table order.
    pub fn iter(&self) -> impl Iterator<Item = (i64, Ref<'_, V>)> {
        self.ctrl
            .iter()
            .zip(self.slots.iter())
            .filter(|(c, _)| **c >= FULL)
            // SAFETY: the slot is full and the table stays borrowed while the iterator and
            // its views live.
            .map(|(c, s)| (s[0] as i64, unsafe { Ref::new(c - FULL, s[1]) }))
    }

    /// The next full slot at or after `pos`: returns the key and the position after it.
    pub fn next_key(&self, pos: usize) -> Option<(usize, Ref<'_, V>)> {
        let off = self.ctrl.get(pos..)?.iter().position(|c| *c >= FULL)?;
        let slot = pos + off;
        Some((slot + 1, self.key_at(slot)?))
    }

    /// Remove and return an arbitrary key (`set.pop`, CPython's finger scan).
    pub fn pop_any(&mut self) -> Option<V> {
        let idx = self.ctrl.iter().position(|c| *c >= FULL)?;
        self.remove_at(idx)
    }

    /// Whether nothing was ever inserted since the last rebuild (`so->fill == 0`).
    pub fn is_pristine(&self) -> bool {
        self.fill == 0
    }

    /// Grow before merging `incoming` keys, as `set_merge` and `set_update_internal` do.
    pub fn presize(&mut self, incoming: usize) {
        let mask = self.ctrl.len() - 1;
        if (self.fill + incoming) * 5 >= mask * 3 {
            self.resize((self.used + incoming) * 2);
        }
    }

    /// `set_merge` into a pristine table: copy the slots when the sizes match and `other`
    /// has no dummies, otherwise insert each key without comparisons.
    pub fn merge_into_pristine(&mut self, other: &SetTable<V>) {
        self.presize(other.used);
        if self.ctrl.len() == other.ctrl.len() && other.fill == other.used {
            let version = self.version + 1;
            *self = other.clone();
            self.version = version;
            return;
        }
        for (h, k) in other.iter() {
            let slot = self.find_empty(h);
            self.put(slot, h, (*k).clone());
        }
        self.version += 1;
    }

    fn find_empty(&self, hash: i64) -> usize {
        let mut st = self.probe_start(hash);
        loop {
            match self.probe(hash, st) {
                SetProbe::Vacant { slot } => return slot,
                SetProbe::Candidate { next, .. } => st = next,
            }
        }
    }

    fn resize(&mut self, minused: usize) {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        let version = self.version + 1;
        let mut old = std::mem::replace(self, SetTable::with_slots(size));
        for (c, s) in old.ctrl.iter().zip(old.slots.iter()) {
            if *c >= FULL {
                // Fresh table: no dummies, no equal keys. The parts move over as they are.
                let slot = self.find_empty(s[0] as i64);
                self.ctrl[slot] = *c;
                self.slots[slot] = *s;
                self.fill += 1;
                self.used += 1;
            }
        }
        // The keys moved: `old` must not drop them.
        old.ctrl.clear();
        self.version = version;
    }
}
