//! A fast non-cryptographic hasher for the interpreter's own tables keyed by text (the intern
//! table). std's default SipHash-1-3 cost ~90 instructions per name, 5% of a start with
//! `site`; this multiply-rotate hash (the FxHash construction, eight bytes per step) costs a
//! few per word. Python-level dicts and sets do not use it: their hashes are CPython's.
//!
//! The multiplier is fixed but the start state is the interpreter's (derived from its hash
//! secret, `PYTHONHASHSEED`'s key): with a fixed start, colliding names are easy to
//! precompute, and a program interning many of them (`sys.intern`, attribute names) would
//! make every intern-table probe walk all of them.

use std::hash::{BuildHasher, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The hasher; build maps with [`FastBuild`].
#[derive(Clone, Copy)]
pub struct FastHasher {
    h: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.h = (self.h.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The tail's length goes in the top byte, which its at most 7 bytes leave free:
            // "a" and "a\0" differ.
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 56));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The product's low bits depend only on the input's low bits; the rotation brings
    /// well-mixed high bits down to where the table takes its bucket index.
    #[inline]
    fn finish(&self) -> u64 {
        self.h.rotate_left(26)
    }
}

/// `BuildHasher` for `HashMap`s keyed by interpreter-made text: every hasher starts from
/// the same per-interpreter state.
#[derive(Clone, Copy)]
pub struct FastBuild {
    start: u64,
}

impl FastBuild {
    /// Hashers starting from `seed` (made odd: a zero start would let leading zero words
    /// leave the state unchanged).
    pub fn new(seed: u64) -> FastBuild {
        FastBuild { start: seed | 1 }
    }
}

impl Default for FastBuild {
    fn default() -> FastBuild {
        FastBuild::new(SEED)
    }
}

impl BuildHasher for FastBuild {
    type Hasher = FastHasher;
    #[inline]
    fn build_hasher(&self) -> FastHasher {
        FastHasher { h: self.start }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn h(s: &str) -> u64 {
        FastBuild::default().hash_one(s)
    }

    #[test]
    fn distinguishes_lengths_and_tails() {
        assert_ne!(h(""), h("\0"));
        assert_ne!(h("abcdefgh"), h("abcdefgh\0"));
        assert_ne!(h("__init__"), h("__init_"));
        assert_ne!(h("abcdefghi"), h("abcdefghj"));
        assert_ne!(h("a"), h("a\0"));
        assert_ne!(h(""), h("\0\0\0\0\0\0\0\0"));
        assert_eq!(h("name"), h("name"));
    }

    #[test]
    fn the_start_state_changes_every_hash() {
        let a = FastBuild::new(1);
        let b = FastBuild::new(0x1234_5678_9abc_def0);
        for s in ["", "a", "__init__", "a longer name than eight bytes"] {
            assert_ne!(a.hash_one(s), b.hash_one(s), "{s:?}");
        }
    }
}
