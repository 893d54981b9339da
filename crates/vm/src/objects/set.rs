//! `set`/`frozenset` storage: CPython's open-addressing set table (`Objects/setobject.c`).
//!
//! Iteration order is table order, so the probing must be CPython's for `print({...})` to match:
//! start at `hash & mask`, try `LINEAR_PROBES` (9) neighbouring slots when they fit before the
//! end of the table, then jump with `perturb >>= 5; i = (5*i + 1 + perturb) & mask`. The table
//! starts at 8 slots and, when `fill*5 >= mask*3`, is rebuilt at `used*4` (`used*2` above 50000)
//! rounded up to a power of two. Deleted slots hold a dummy until the next rebuild.

use super::dict::Slot as Key;

const LINEAR_PROBES: usize = 9;
const MIN_SIZE: usize = 8;

/// One slot of the table.
#[derive(Clone)]
pub enum Slot<V> {
    /// Never used.
    Empty,
    /// Deleted.
    Dummy,
    /// A key and its hash.
    Full(i64, V),
}

/// The table behind a set.
#[derive(Clone)]
pub struct SetTable<V = crate::value::Value> {
    slots: Vec<Slot<V>>,
    fill: usize,
    used: usize,
    /// Bumped on every structural change.
    pub version: u64,
}

impl<V: Key> Default for SetTable<V> {
    fn default() -> Self {
        SetTable::new()
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
        SetTable {
            slots: vec![Slot::Empty; MIN_SIZE],
            fill: 0,
            used: 0,
            version: 0,
        }
    }

    /// Number of keys.
    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }

    /// Start a probe for `hash`.
    pub fn probe_start(&self, hash: i64) -> SetProbeState {
        let mask = self.slots.len() - 1;
        SetProbeState {
            i: (hash as u64 as usize) & mask,
            j: 0,
            perturb: hash as u64,
            freeslot: None,
        }
    }

    /// Continue a probe.
    pub fn probe(&self, hash: i64, mut st: SetProbeState) -> SetProbe {
        let mask = self.slots.len() - 1;
        loop {
            // Visit slot i + j for j in 0..=LINEAR_PROBES (when it fits), then perturb.
            let idx = st.i + st.j;
            let slot = &self.slots[idx];
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
            match slot {
                Slot::Empty => {
                    return SetProbe::Vacant {
                        slot: st.freeslot.unwrap_or(idx),
                    };
                }
                Slot::Dummy => {
                    st.freeslot.get_or_insert(idx);
                    advance(&mut st);
                }
                Slot::Full(h, _) => {
                    let same = *h == hash;
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
    pub fn key_at(&self, slot: usize) -> Option<&V> {
        match self.slots.get(slot) {
            Some(Slot::Full(_, k)) => Some(k),
            _ => None,
        }
    }

    /// Insert into a vacant slot found by probing.
    pub fn insert_at(&mut self, slot: usize, hash: i64, key: V) {
        if matches!(self.slots[slot], Slot::Empty) {
            self.fill += 1;
        }
        self.slots[slot] = Slot::Full(hash, key);
        self.used += 1;
        self.version += 1;
        let mask = self.slots.len() - 1;
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
        match std::mem::replace(&mut self.slots[slot], Slot::Dummy) {
            Slot::Full(_, k) => {
                self.used -= 1;
                self.version += 1;
                Some(k)
            }
            other => {
                self.slots[slot] = other;
                None
            }
        }
    }

    /// Remove every key.
    pub fn clear(&mut self) {
        *self = SetTable {
            version: self.version + 1,
            ..SetTable::new()
        };
    }

    /// The keys with their hashes, in table order.
    pub fn iter(&self) -> impl Iterator<Item = (i64, &V)> {
        self.slots.iter().filter_map(|s| match s {
            Slot::Full(h, k) => Some((*h, k)),
            _ => None,
        })
    }

    /// The next full slot at or after `pos`: returns the key and the position after it.
    pub fn next_key(&self, mut pos: usize) -> Option<(usize, &V)> {
        while let Some(s) = self.slots.get(pos) {
            pos += 1;
            if let Slot::Full(_, k) = s {
                return Some((pos, k));
            }
        }
        None
    }

    /// Remove and return an arbitrary key (`set.pop`, CPython's finger scan).
    pub fn pop_any(&mut self) -> Option<V> {
        let idx = self
            .slots
            .iter()
            .position(|s| matches!(s, Slot::Full(..)))?;
        self.remove_at(idx)
    }

    /// Whether nothing was ever inserted since the last rebuild (`so->fill == 0`).
    pub fn is_pristine(&self) -> bool {
        self.fill == 0
    }

    /// Grow before merging `incoming` keys, as `set_merge` and `set_update_internal` do.
    pub fn presize(&mut self, incoming: usize) {
        let mask = self.slots.len() - 1;
        if (self.fill + incoming) * 5 >= mask * 3 {
            self.resize((self.used + incoming) * 2);
        }
    }

    /// `set_merge` into a pristine table: copy the slots when the sizes match and `other`
    /// has no dummies, otherwise insert each key without comparisons.
    pub fn merge_into_pristine(&mut self, other: &SetTable<V>) {
        self.presize(other.used);
        if self.slots.len() == other.slots.len() && other.fill == other.used {
            self.slots = other.slots.clone();
            self.fill = other.fill;
            self.used = other.used;
            self.version += 1;
            return;
        }
        for s in &other.slots {
            if let Slot::Full(h, k) = s {
                let slot = self.find_empty(*h);
                self.slots[slot] = Slot::Full(*h, k.clone());
                self.fill += 1;
                self.used += 1;
            }
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
        let old = std::mem::replace(&mut self.slots, vec![Slot::Empty; size]);
        self.fill = 0;
        self.used = 0;
        for s in old {
            if let Slot::Full(h, k) = s {
                // Fresh table: no dummies, no equal keys.
                let slot = self.find_empty(h);
                self.slots[slot] = Slot::Full(h, k);
                self.fill += 1;
                self.used += 1;
            }
        }
        self.version += 1;
    }
}
