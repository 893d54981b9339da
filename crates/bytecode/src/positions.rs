//! [`PositionTable`]: a code object's source positions, one per instruction, packed.
//!
//! As a plain `Vec<Position>` they were 16 bytes an instruction, two thirds of what compiled
//! code kept resident (an instruction is 8): importing twenty common standard modules kept
//! 3.7 MB of positions. Most instructions sit on the line of the one before, a few columns
//! wide, so each entry is written relative to the previous one and takes two or three bytes
//! (CPython 3.11's `co_linetable` packs them too). Every [`BLOCK`]th entry is written in full,
//! relative to nothing, and its byte offset kept, so [`PositionTable::get`] decodes at most
//! `BLOCK` entries; [`PositionTable::iter`] decodes them in one pass.
//!
//! An entry starts with a byte whose top two bits say what follows:
//! - `SAME_LINE` (00): same line as the previous entry and `end_line == line`; the low six
//!   bits are the width `end_col - col` (below 64); then `col` as a varint.
//! - `NEXT_LINES` (01): `line` is the previous line plus 1 to 64 (the low six bits hold the
//!   step less one) and `end_line == line`; then `col` and the width as varints.
//! - `REPEAT` (10): the previous entry again.
//! - `FULL` (11): zigzag varints of `line - previous line`, `end_line - line` and
//!   `end_col - col`, around `col` as a varint.

use alloc::boxed::Box;
use alloc::vec::Vec;

use crate::code::Position;

/// Entries per block: every `BLOCK`th entry is written in full and its offset kept.
const BLOCK: usize = 16;

const SAME_LINE: u8 = 0b00 << 6;
const NEXT_LINES: u8 = 0b01 << 6;
const REPEAT: u8 = 0b10 << 6;
const FULL: u8 = 0b11 << 6;
const LOW: u8 = 0b0011_1111;

/// A code object's positions, one per instruction: see the module docs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PositionTable {
    len: u32,
    /// The byte offset in `bytes` of entries `0`, `BLOCK`, `2 * BLOCK`, ...
    starts: Box<[u32]>,
    bytes: Box<[u8]>,
}

impl PositionTable {
    /// Packs `positions`.
    pub fn new(positions: &[Position]) -> PositionTable {
        positions.iter().copied().collect()
    }

    /// The number of entries (the code object's instruction count).
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Entry `i`, or `None` past the end.
    pub fn get(&self, i: usize) -> Option<Position> {
        if i >= self.len() {
            return None;
        }
        let mut r = Reader {
            bytes: &self.bytes,
            at: self.starts[i / BLOCK] as usize,
            prev: Position::default(),
        };
        for _ in 0..i % BLOCK {
            r.next();
        }
        Some(r.next())
    }

    /// Every entry in order.
    pub fn iter(&self) -> impl Iterator<Item = Position> + '_ {
        let mut r = Reader {
            bytes: &self.bytes,
            at: 0,
            prev: Position::default(),
        };
        (0..self.len()).map(move |i| {
            if i.is_multiple_of(BLOCK) {
                r.prev = Position::default();
            }
            r.next()
        })
    }
}

impl FromIterator<Position> for PositionTable {
    fn from_iter<I: IntoIterator<Item = Position>>(items: I) -> PositionTable {
        let mut bytes = Vec::new();
        let mut starts = Vec::new();
        let mut prev = Position::default();
        let mut len = 0usize;
        for p in items {
            if len.is_multiple_of(BLOCK) {
                starts.push(bytes.len() as u32);
                prev = Position::default();
            }
            put(&mut bytes, prev, p);
            prev = p;
            len += 1;
        }
        PositionTable {
            len: len as u32,
            starts: starts.into_boxed_slice(),
            bytes: bytes.into_boxed_slice(),
        }
    }
}

fn put(out: &mut Vec<u8>, prev: Position, p: Position) {
    let width = p.end_col.wrapping_sub(p.col);
    let single_line = p.end_line == p.line && p.end_col >= p.col;
    if p == prev {
        out.push(REPEAT);
    } else if single_line && p.line == prev.line && width <= u32::from(LOW) {
        out.push(SAME_LINE | width as u8);
        put_uvar(out, p.col);
    } else if single_line && p.line > prev.line && p.line - prev.line <= 64 {
        out.push(NEXT_LINES | (p.line - prev.line - 1) as u8);
        put_uvar(out, p.col);
        put_uvar(out, width);
    } else {
        out.push(FULL);
        put_ivar(out, i64::from(p.line) - i64::from(prev.line));
        put_ivar(out, i64::from(p.end_line) - i64::from(p.line));
        put_uvar(out, p.col);
        put_ivar(out, i64::from(p.end_col) - i64::from(p.col));
    }
}

fn put_uvar(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_ivar(out: &mut Vec<u8>, v: i64) {
    let mut z = ((v << 1) ^ (v >> 63)) as u64;
    while z >= 0x80 {
        out.push(z as u8 | 0x80);
        z >>= 7;
    }
    out.push(z as u8);
}

/// Decodes entries from `at`, `prev` being the entry before (the default at a block start).
/// The bytes were written by `put` from `u32` fields, so every value read fits back.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    prev: Position,
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.bytes[self.at];
        self.at += 1;
        b
    }

    fn uvar(&mut self) -> u64 {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = self.byte();
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return v;
            }
            shift += 7;
        }
    }

    fn ivar(&mut self) -> i64 {
        let z = self.uvar();
        (z >> 1) as i64 ^ -((z & 1) as i64)
    }

    fn next(&mut self) -> Position {
        let head = self.byte();
        let low = u32::from(head & LOW);
        let prev = self.prev;
        let p = match head & !LOW {
            SAME_LINE => {
                let col = self.uvar() as u32;
                Position {
                    line: prev.line,
                    end_line: prev.line,
                    col,
                    end_col: col + low,
                }
            }
            NEXT_LINES => {
                let line = prev.line + low + 1;
                let col = self.uvar() as u32;
                let width = self.uvar() as u32;
                Position {
                    line,
                    end_line: line,
                    col,
                    end_col: col + width,
                }
            }
            REPEAT => prev,
            _ => {
                let line = (i64::from(prev.line) + self.ivar()) as u32;
                let end_line = (i64::from(line) + self.ivar()) as u32;
                let col = self.uvar() as u32;
                let end_col = (i64::from(col) + self.ivar()) as u32;
                Position {
                    line,
                    end_line,
                    col,
                    end_col,
                }
            }
        };
        self.prev = p;
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, end_line: u32, col: u32, end_col: u32) -> Position {
        Position {
            line,
            end_line,
            col,
            end_col,
        }
    }

    #[test]
    fn round_trips_every_form_across_blocks() {
        let mut all = Vec::new();
        for i in 0..100u32 {
            all.push(pos(1 + i / 3, 1 + i / 3, i % 7, i % 7 + 5)); // same line, next line
            all.push(*all.last().unwrap()); // repeat
            all.push(pos(0, 0, 0, 0)); // no position
            all.push(pos(500 + i, 502 + i, 90_000, 3)); // full: lines span, end_col < col
            all.push(pos(10, 10, 200, 200 + 64)); // full: backwards, wide
            all.push(pos(u32::MAX, u32::MAX, u32::MAX, u32::MAX));
            all.push(pos(75, 75, 1, 0)); // next lines but end before start
        }
        let t = PositionTable::new(&all);
        assert_eq!(t.len(), all.len());
        assert_eq!(t.iter().collect::<Vec<_>>(), all);
        for (i, p) in all.iter().enumerate() {
            assert_eq!(t.get(i), Some(*p), "entry {i}");
        }
        assert_eq!(t.get(all.len()), None);
        assert!(PositionTable::new(&[]).is_empty());
        assert_eq!(PositionTable::new(&[]).get(0), None);
    }

    #[test]
    fn typical_code_takes_under_three_bytes_an_entry() {
        let mut all = Vec::new();
        for line in 1..=200u32 {
            for k in 0..6u32 {
                all.push(pos(line, line, 4 + 3 * k, 9 + 3 * k));
            }
        }
        let t = PositionTable::new(&all);
        let size = t.bytes.len() + 4 * t.starts.len();
        assert!(
            size < all.len() * 3,
            "{size} bytes for {} entries",
            all.len()
        );
    }
}
