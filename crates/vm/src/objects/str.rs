//! `str` storage (CPython: `Objects/unicodeobject.c`).
//!
//! A Python string is a sequence of code points, lone surrogates included (they appear through
//! `"\ud800"` escapes and `surrogateescape`). Krait stores it as WTF-8: UTF-8 extended so a
//! lone surrogate is its 3-byte generalized UTF-8 form. When a string has no surrogates (nearly
//! always) its bytes are valid UTF-8 and [`PyStr::as_str`] hands out a `&str` for free; byte-wise
//! search, split and replace are correct on WTF-8 too, because it is self-synchronizing.
//! Indexing is O(1) for ASCII strings and a code-point walk otherwise.

use std::cell::Cell;

/// The contents of a `str` object.
pub struct PyStr {
    bytes: Vec<u8>,
    char_len: usize,
    ascii: bool,
    surrogates: bool,
    hash: Cell<i64>,
}

impl PyStr {
    /// A string from Rust text.
    pub fn new(s: &str) -> PyStr {
        let char_len = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        PyStr {
            bytes: s.as_bytes().to_vec(),
            char_len,
            ascii: char_len == s.len(),
            surrogates: false,
            hash: Cell::new(-1),
        }
    }

    /// A string from owned Rust text (no copy).
    pub fn from_string(s: String) -> PyStr {
        let char_len = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        let ascii = char_len == s.len();
        PyStr {
            bytes: s.into_bytes(),
            char_len,
            ascii,
            surrogates: false,
            hash: Cell::new(-1),
        }
    }

    /// A string from code points (any value up to 0x10FFFF, surrogates included).
    pub fn from_code_points(cps: impl IntoIterator<Item = u32>) -> PyStr {
        let mut bytes = Vec::new();
        let mut n = 0;
        let mut surrogates = false;
        for cp in cps {
            push_code_point(&mut bytes, cp);
            surrogates |= (0xD800..0xE000).contains(&cp);
            n += 1;
        }
        let ascii = n == bytes.len();
        PyStr {
            bytes,
            char_len: n,
            ascii,
            surrogates,
            hash: Cell::new(-1),
        }
    }

    /// A string from WTF-8 bytes produced by this module's helpers.
    pub fn from_wtf8(bytes: Vec<u8>) -> PyStr {
        let mut n = 0;
        let mut surrogates = false;
        for cp in Wtf8Chars::new(&bytes) {
            surrogates |= (0xD800..0xE000).contains(&cp);
            n += 1;
        }
        let ascii = n == bytes.len();
        PyStr {
            bytes,
            char_len: n,
            ascii,
            surrogates,
            hash: Cell::new(-1),
        }
    }

    /// Number of code points (`len(s)`).
    #[inline]
    pub fn len(&self) -> usize {
        self.char_len
    }

    /// Whether the string is empty.
    pub fn is_empty(&self) -> bool {
        self.char_len == 0
    }

    /// Whether every code point is ASCII.
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// Whether the string holds lone surrogates (and so is not valid UTF-8).
    pub fn has_surrogates(&self) -> bool {
        self.surrogates
    }

    /// Append `other` in place (`s += t` when `s` has no other reference).
    pub fn push_str(&mut self, other: &PyStr) {
        self.bytes.extend_from_slice(&other.bytes);
        self.char_len += other.char_len;
        self.ascii &= other.ascii;
        self.surrogates |= other.surrogates;
        self.hash.set(-1);
    }

    /// The WTF-8 bytes.
    pub fn wtf8(&self) -> &[u8] {
        &self.bytes
    }

    /// The text, when it holds no lone surrogates.
    pub fn to_str(&self) -> Option<&str> {
        if self.surrogates {
            None
        } else {
            std::str::from_utf8(&self.bytes).ok()
        }
    }

    /// The text, with lone surrogates shown as U+FFFD. For messages and fast paths that have
    /// checked [`PyStr::has_surrogates`] first.
    pub fn as_str(&self) -> std::borrow::Cow<'_, str> {
        match self.to_str() {
            Some(s) => std::borrow::Cow::Borrowed(s),
            None => std::borrow::Cow::Owned(
                Wtf8Chars::new(&self.bytes)
                    .map(|c| char::from_u32(c).unwrap_or('\u{FFFD}'))
                    .collect(),
            ),
        }
    }

    /// The code points.
    pub fn chars(&self) -> Wtf8Chars<'_> {
        Wtf8Chars::new(&self.bytes)
    }

    /// The code points, collected.
    pub fn code_points(&self) -> Vec<u32> {
        self.chars().collect()
    }

    /// The code point at index `i` (0-based, in range).
    pub fn char_at(&self, i: usize) -> Option<u32> {
        if self.ascii {
            self.bytes.get(i).map(|b| u32::from(*b))
        } else {
            self.chars().nth(i)
        }
    }

    /// The byte offset of code point `i` (`i <= len`).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.ascii {
            return i.min(self.bytes.len());
        }
        let mut off = 0;
        let mut n = 0;
        while n < i && off < self.bytes.len() {
            off += utf8_width(self.bytes[off]);
            n += 1;
        }
        off
    }

    /// The cached hash, or -1.
    pub fn cached_hash(&self) -> i64 {
        self.hash.get()
    }

    /// Remember the hash.
    pub fn set_hash(&self, h: i64) {
        self.hash.set(h);
    }

    /// The largest code point (0 for the empty string); decides CPython's hash layout.
    pub fn max_char(&self) -> u32 {
        if self.ascii {
            self.bytes.iter().copied().max().map_or(0, u32::from)
        } else {
            self.chars().max().unwrap_or(0)
        }
    }
}

/// The length of the UTF-8 sequence that starts with `b`.
#[inline]
pub fn utf8_width(b: u8) -> usize {
    match b {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Append code point `cp` to WTF-8 `out` (surrogates in their 3-byte form).
pub fn push_code_point(out: &mut Vec<u8>, cp: u32) {
    match cp {
        0..=0x7F => out.push(cp as u8),
        0x80..=0x7FF => {
            out.push(0xC0 | (cp >> 6) as u8);
            out.push(0x80 | (cp & 0x3F) as u8);
        }
        0x800..=0xFFFF => {
            out.push(0xE0 | (cp >> 12) as u8);
            out.push(0x80 | ((cp >> 6) & 0x3F) as u8);
            out.push(0x80 | (cp & 0x3F) as u8);
        }
        _ => {
            out.push(0xF0 | (cp >> 18) as u8);
            out.push(0x80 | ((cp >> 12) & 0x3F) as u8);
            out.push(0x80 | ((cp >> 6) & 0x3F) as u8);
            out.push(0x80 | (cp & 0x3F) as u8);
        }
    }
}

/// Iterator over the code points of WTF-8 bytes.
#[derive(Clone)]
pub struct Wtf8Chars<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Wtf8Chars<'a> {
    /// Iterate over `bytes`.
    pub fn new(bytes: &'a [u8]) -> Wtf8Chars<'a> {
        Wtf8Chars { bytes, pos: 0 }
    }
}

impl Iterator for Wtf8Chars<'_> {
    type Item = u32;
    #[inline]
    fn next(&mut self) -> Option<u32> {
        let b = *self.bytes.get(self.pos)?;
        let w = utf8_width(b);
        let cont =
            |k: usize| u32::from(self.bytes.get(self.pos + k).copied().unwrap_or(0x80) & 0x3F);
        let cp = match w {
            1 => u32::from(b),
            2 => (u32::from(b & 0x1F) << 6) | cont(1),
            3 => (u32::from(b & 0x0F) << 12) | (cont(1) << 6) | cont(2),
            _ => (u32::from(b & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
        };
        self.pos += w;
        Some(cp)
    }
}

impl DoubleEndedIterator for Wtf8Chars<'_> {
    fn next_back(&mut self) -> Option<u32> {
        if self.pos >= self.bytes.len() {
            return None;
        }
        let mut start = self.bytes.len() - 1;
        while start > self.pos && self.bytes[start] & 0xC0 == 0x80 {
            start -= 1;
        }
        let cp = Wtf8Chars::new(&self.bytes[start..]).next();
        self.bytes = &self.bytes[..start];
        cp
    }
}
