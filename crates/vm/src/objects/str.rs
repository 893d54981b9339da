//! `str` storage (CPython: `Objects/unicodeobject.c`).
//!
//! A Python string is a sequence of code points, lone surrogates included (they appear through
//! `"\ud800"` escapes and `surrogateescape`). Krait stores it as WTF-8: UTF-8 extended so a
//! lone surrogate is its 3-byte generalized UTF-8 form. When a string has no surrogates (nearly
//! always) its bytes are valid UTF-8 and [`PyStr::as_str`] hands out a `&str` for free; byte-wise
//! search, split and replace are correct on WTF-8 too, because it is self-synchronizing.
//! Indexing is O(1) for ASCII strings and a code-point walk otherwise.
//!
//! Short strings (up to [`INLINE_CAP`] bytes: nearly every identifier, dict key and word) keep
//! their bytes inside the `PyStr` itself, so such a `str` is one heap block (the object) instead
//! of two; longer ones own an exactly-sized heap buffer, which grows only when `s += t` extends a
//! string in place.

use std::cell::Cell;

/// The most bytes a string keeps inline (what fits in the 40 bytes of [`Repr`]).
pub const INLINE_CAP: usize = 36;

/// `Flags` bits.
const ASCII: u8 = 1;
const SURROGATES: u8 = 2;

/// Where the bytes live.
enum Repr {
    /// Up to [`INLINE_CAP`] bytes, in place.
    Inline {
        len: u8,
        char_len: u8,
        flags: u8,
        buf: [u8; INLINE_CAP],
    },
    /// A heap buffer (exactly sized, except after in-place appends).
    Heap {
        char_len: usize,
        flags: u8,
        bytes: Vec<u8>,
    },
}

/// The contents of a `str` object.
pub struct PyStr {
    repr: Repr,
    hash: Cell<i64>,
}

const _: () = assert!(std::mem::size_of::<PyStr>() <= 48);

impl PyStr {
    /// A string from WTF-8 bytes whose code-point count and flags are known (copying them).
    fn from_parts(bytes: &[u8], char_len: usize, flags: u8) -> PyStr {
        let repr = if bytes.len() <= INLINE_CAP {
            let mut buf = [0u8; INLINE_CAP];
            buf[..bytes.len()].copy_from_slice(bytes);
            Repr::Inline {
                len: bytes.len() as u8,
                char_len: char_len as u8,
                flags,
                buf,
            }
        } else {
            Repr::Heap {
                char_len,
                flags,
                bytes: bytes.to_vec(),
            }
        };
        PyStr {
            repr,
            hash: Cell::new(-1),
        }
    }

    /// A string from owned WTF-8 bytes whose code-point count and flags are known.
    fn from_vec_parts(mut bytes: Vec<u8>, char_len: usize, flags: u8) -> PyStr {
        if bytes.len() <= INLINE_CAP {
            return PyStr::from_parts(&bytes, char_len, flags);
        }
        // Builders over-allocate; a string is immutable from here on (bar `+=`), so keep no
        // slack beyond what the allocator's rounding gives anyway.
        if bytes.capacity() - bytes.len() > 16 {
            bytes.shrink_to_fit();
        }
        PyStr {
            repr: Repr::Heap {
                char_len,
                flags,
                bytes,
            },
            hash: Cell::new(-1),
        }
    }

    /// A string from Rust text.
    pub fn new(s: &str) -> PyStr {
        let char_len = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        let flags = if char_len == s.len() { ASCII } else { 0 };
        PyStr::from_parts(s.as_bytes(), char_len, flags)
    }

    /// A string from owned Rust text (no copy unless it is short enough to be stored inline).
    pub fn from_string(s: String) -> PyStr {
        let char_len = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        let flags = if char_len == s.len() { ASCII } else { 0 };
        PyStr::from_vec_parts(s.into_bytes(), char_len, flags)
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
        let flags = flags_of(n == bytes.len(), surrogates);
        PyStr::from_vec_parts(bytes, n, flags)
    }

    /// A string from WTF-8 bytes produced by this module's helpers.
    pub fn from_wtf8(bytes: Vec<u8>) -> PyStr {
        let mut n = 0;
        let mut surrogates = false;
        for cp in Wtf8Chars::new(&bytes) {
            surrogates |= (0xD800..0xE000).contains(&cp);
            n += 1;
        }
        let flags = flags_of(n == bytes.len(), surrogates);
        PyStr::from_vec_parts(bytes, n, flags)
    }

    /// A string from a slice of WTF-8 bytes produced by this module's helpers (copied; no
    /// temporary buffer for a string short enough to be stored inline).
    pub fn from_wtf8_slice(bytes: &[u8]) -> PyStr {
        let mut n = 0;
        let mut surrogates = false;
        for cp in Wtf8Chars::new(bytes) {
            surrogates |= (0xD800..0xE000).contains(&cp);
            n += 1;
        }
        PyStr::from_parts(bytes, n, flags_of(n == bytes.len(), surrogates))
    }

    /// A copy of the code points `bytes` of a string whose flags are `parent`'s, when
    /// `parent` is ASCII (then the copy is too, and counting is free).
    pub fn from_ascii_slice_of(parent: &PyStr, bytes: &[u8]) -> PyStr {
        if parent.is_ascii() {
            PyStr::from_parts(bytes, bytes.len(), ASCII)
        } else {
            PyStr::from_wtf8_slice(bytes)
        }
    }

    /// The concatenation of `parts` (their flags combine, so nothing is re-scanned; no
    /// temporary buffer when the result is short enough to be stored inline).
    pub fn concat(parts: &[&PyStr]) -> PyStr {
        let mut total = 0usize;
        let mut char_len = 0usize;
        let mut ascii = ASCII;
        let mut surrogates = 0;
        for p in parts {
            total += p.bytes().len();
            char_len += p.len();
            ascii &= p.flags();
            surrogates |= p.flags() & SURROGATES;
        }
        let flags = ascii | surrogates;
        if total <= INLINE_CAP {
            let mut buf = [0u8; INLINE_CAP];
            let mut at = 0;
            for p in parts {
                let b = p.bytes();
                buf[at..at + b.len()].copy_from_slice(b);
                at += b.len();
            }
            return PyStr {
                repr: Repr::Inline {
                    len: total as u8,
                    char_len: char_len as u8,
                    flags,
                    buf,
                },
                hash: Cell::new(-1),
            };
        }
        let mut bytes = Vec::with_capacity(total);
        for p in parts {
            bytes.extend_from_slice(p.bytes());
        }
        PyStr::from_vec_parts(bytes, char_len, flags)
    }

    #[inline]
    fn flags(&self) -> u8 {
        match &self.repr {
            Repr::Inline { flags, .. } | Repr::Heap { flags, .. } => *flags,
        }
    }

    /// The WTF-8 bytes (private shorthand for [`PyStr::wtf8`]).
    #[inline]
    fn bytes(&self) -> &[u8] {
        match &self.repr {
            Repr::Inline { len, buf, .. } => buf.get(..usize::from(*len)).unwrap_or(&[]),
            Repr::Heap { bytes, .. } => bytes,
        }
    }

    /// Number of code points (`len(s)`).
    #[inline]
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Inline { char_len, .. } => usize::from(*char_len),
            Repr::Heap { char_len, .. } => *char_len,
        }
    }

    /// Whether the string is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether every code point is ASCII.
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.flags() & ASCII != 0
    }

    /// Whether the string holds lone surrogates (and so is not valid UTF-8).
    #[inline]
    pub fn has_surrogates(&self) -> bool {
        self.flags() & SURROGATES != 0
    }

    /// Append `other` in place (`s += t` when `s` has no other reference).
    pub fn push_str(&mut self, other: &PyStr) {
        let flags =
            (self.flags() & other.flags() & ASCII) | ((self.flags() | other.flags()) & SURROGATES);
        let char_len = self.len() + other.len();
        let add = other.bytes();
        match &mut self.repr {
            Repr::Inline {
                len,
                char_len: cl,
                flags: fl,
                buf,
            } if usize::from(*len) + add.len() <= INLINE_CAP => {
                let start = usize::from(*len);
                buf[start..start + add.len()].copy_from_slice(add);
                *len = (start + add.len()) as u8;
                *cl = char_len as u8;
                *fl = flags;
            }
            Repr::Inline { len, buf, .. } => {
                let old = buf.get(..usize::from(*len)).unwrap_or(&[]);
                let mut bytes = Vec::with_capacity((old.len() + add.len()).max(2 * INLINE_CAP));
                bytes.extend_from_slice(old);
                bytes.extend_from_slice(add);
                self.repr = Repr::Heap {
                    char_len,
                    flags,
                    bytes,
                };
            }
            Repr::Heap {
                char_len: cl,
                flags: fl,
                bytes,
            } => {
                // Grow by an eighth rather than doubling (CPython reallocates to the exact
                // size each time): a string built by `+=` keeps at most ~12% slack.
                let need = bytes.len() + add.len();
                if need > bytes.capacity() {
                    bytes.reserve_exact(add.len() + need / 8 + 16);
                }
                bytes.extend_from_slice(add);
                *cl = char_len;
                *fl = flags;
            }
        }
        self.hash.set(-1);
    }

    /// The WTF-8 bytes.
    #[inline]
    pub fn wtf8(&self) -> &[u8] {
        self.bytes()
    }

    /// The text, when it holds no lone surrogates.
    pub fn to_str(&self) -> Option<&str> {
        if self.has_surrogates() {
            None
        } else {
            std::str::from_utf8(self.bytes()).ok()
        }
    }

    /// The text, with lone surrogates shown as U+FFFD. For messages and fast paths that have
    /// checked [`PyStr::has_surrogates`] first.
    pub fn as_str(&self) -> std::borrow::Cow<'_, str> {
        match self.to_str() {
            Some(s) => std::borrow::Cow::Borrowed(s),
            None => std::borrow::Cow::Owned(
                Wtf8Chars::new(self.bytes())
                    .map(|c| char::from_u32(c).unwrap_or('\u{FFFD}'))
                    .collect(),
            ),
        }
    }

    /// The code points.
    pub fn chars(&self) -> Wtf8Chars<'_> {
        Wtf8Chars::new(self.bytes())
    }

    /// The code points, collected.
    pub fn code_points(&self) -> Vec<u32> {
        self.chars().collect()
    }

    /// The code point at index `i` (0-based, in range).
    pub fn char_at(&self, i: usize) -> Option<u32> {
        if self.is_ascii() {
            self.bytes().get(i).map(|b| u32::from(*b))
        } else {
            self.chars().nth(i)
        }
    }

    /// The byte offset of code point `i` (`i <= len`).
    pub fn byte_offset(&self, i: usize) -> usize {
        let bytes = self.bytes();
        if self.is_ascii() {
            return i.min(bytes.len());
        }
        let mut off = 0;
        let mut n = 0;
        while n < i && off < bytes.len() {
            off += utf8_width(bytes[off]);
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
        if self.is_ascii() {
            self.bytes().iter().copied().max().map_or(0, u32::from)
        } else {
            self.chars().max().unwrap_or(0)
        }
    }
}

/// The flag bits for a string.
fn flags_of(ascii: bool, surrogates: bool) -> u8 {
    (if ascii { ASCII } else { 0 }) | (if surrogates { SURROGATES } else { 0 })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_and_heap_agree() {
        let short = PyStr::new("héllo");
        assert!(matches!(short.repr, Repr::Inline { .. }));
        assert_eq!(
            (short.len(), short.wtf8().len(), short.is_ascii()),
            (5, 6, false)
        );
        let long = PyStr::new(&"ab".repeat(INLINE_CAP));
        assert!(matches!(long.repr, Repr::Heap { .. }));
        assert_eq!((long.len(), long.is_ascii()), (2 * INLINE_CAP, true));
    }

    #[test]
    fn push_str_crosses_from_inline_to_heap() {
        let mut s = PyStr::new("");
        let piece = PyStr::new("é1");
        for _ in 0..40 {
            s.push_str(&piece);
        }
        assert!(matches!(s.repr, Repr::Heap { .. }));
        assert_eq!((s.len(), s.wtf8().len(), s.is_ascii()), (80, 120, false));
        assert_eq!(s.to_str(), Some("é1".repeat(40).as_str()));
        let mut t = PyStr::from_code_points([0x61, 0xD800]);
        assert!(t.has_surrogates() && !t.is_ascii());
        t.push_str(&PyStr::new("b"));
        assert_eq!((t.len(), t.has_surrogates(), t.to_str()), (3, true, None));
    }
}
