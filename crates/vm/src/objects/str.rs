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
use std::ptr::NonNull;

/// The most bytes a string keeps inline (what fits in the 32 bytes of [`Repr`]).
pub const INLINE_CAP: usize = 28;

/// Up to this many bytes, an over-allocated builder's text is copied into an exact block
/// rather than cut down in place (`PyStr::from_vec_parts`).
const COPY_TO_SIZE: usize = 4096;

/// `Flags` bits.
const ASCII: u8 = 1;
const SURROGATES: u8 = 2;
/// A heap string's block has room to grow (`slack_cap(len)` bytes) rather than exactly `len`.
const SLACK: u8 = 4;

/// Where the bytes live. Every variant is a C struct led by the tag (`repr(u8)`), so the
/// offsets are fixed: the cached hash is at 4 in all three (unaligned bytes, so nothing pads
/// in front of it), and the text of an inline string starts at 12, of a boxed one at 16
/// ([`BOXED_TEXT_AT`]). The tag's spare values are `Payload`'s own (its other variants fit in
/// the bytes after the tag): every ordinary object box is 64 bytes (`object.rs`).
#[repr(u8)]
enum Repr {
    /// Up to [`INLINE_CAP`] bytes, in place.
    Inline {
        len: u8,
        char_len: u8,
        flags: u8,
        hash: HashCell,
        buf: [u8; INLINE_CAP],
    },
    /// A heap block: `bytes.len` bytes used of `len` (exact) or `slack_cap(len)` (with
    /// [`SLACK`]) allocated. No capacity field: a `Vec` would not fit.
    Heap {
        flags: u8,
        _pad: [u8; 2],
        hash: HashCell,
        char_len: usize,
        bytes: HeapBytes,
    },
    /// The `len` bytes of text follow this header in the object's own box, which was made
    /// large enough for them (`ObjRef::new_str`). Exists only inside a box: never moved out
    /// of it (a `PyStr` is not `Clone`, and nothing moves a payload out of its object).
    Boxed {
        flags: u8,
        len: u16,
        hash: HashCell,
        char_len: u32,
    },
}

/// The length, code-point count and flags of a text about to be stored (for building a
/// string straight into its object's box: `Vm::new_str_concat`, `Vm::new_substr`).
#[derive(Clone, Copy)]
pub(crate) struct TextMeta {
    pub len: usize,
    pub char_len: usize,
    flags: u8,
}

impl TextMeta {
    /// Of `parts` one after the other (their flags combine: nothing is scanned).
    pub(crate) fn of_concat<'a>(parts: impl IntoIterator<Item = &'a PyStr>) -> TextMeta {
        let mut len = 0usize;
        let mut char_len = 0usize;
        let mut ascii = ASCII;
        let mut surrogates = 0;
        for p in parts {
            len += p.bytes().len();
            char_len += p.len();
            ascii &= p.flags();
            surrogates |= p.flags() & SURROGATES;
        }
        TextMeta {
            len,
            char_len,
            flags: ascii | surrogates,
        }
    }

    /// Of the piece `bytes` of `parent`'s text (counted unless `parent` is ASCII).
    pub(crate) fn of_slice(parent: &PyStr, bytes: &[u8]) -> TextMeta {
        if parent.is_ascii() {
            return TextMeta::ascii(bytes.len());
        }
        TextMeta::of_wtf8(bytes)
    }

    /// Of Rust text `s` (which holds no surrogates; counted unless ASCII).
    pub(crate) fn of_str(s: &str) -> TextMeta {
        if s.is_ascii() {
            return TextMeta::ascii(s.len());
        }
        TextMeta::counted(s.len(), s.chars().count(), false)
    }

    /// Of WTF-8 `bytes` (scanned).
    pub(crate) fn of_wtf8(bytes: &[u8]) -> TextMeta {
        let (char_len, flags) = count_wtf8(bytes);
        TextMeta {
            len: bytes.len(),
            char_len,
            flags,
        }
    }

    /// Of `len` bytes of ASCII text.
    pub(crate) fn ascii(len: usize) -> TextMeta {
        TextMeta {
            len,
            char_len: len,
            flags: ASCII,
        }
    }

    /// Of `len` bytes holding `char_len` code points, lone surrogates among them or not
    /// (a text is ASCII exactly when it has one byte per code point).
    pub(crate) fn counted(len: usize, char_len: usize, surrogates: bool) -> TextMeta {
        TextMeta {
            len,
            char_len,
            flags: flags_of(char_len == len, surrogates),
        }
    }
}

/// The code-point count and flags of WTF-8 `bytes`: a code point is a byte that is not a
/// continuation byte, and a lone surrogate is the 3-byte form `ED A0..BF xx` (a valid UTF-8
/// `ED` sequence continues with `80..9F`).
fn count_wtf8(bytes: &[u8]) -> (usize, u8) {
    if bytes.is_ascii() {
        return (bytes.len(), ASCII);
    }
    let n = bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    let surrogates = bytes.windows(2).any(|w| w[0] == 0xED && w[1] >= 0xA0);
    (n, flags_of(n == bytes.len(), surrogates))
}

/// A string's cached hash (`NO_HASH` until computed), as bytes so that it needs no alignment.
type HashCell = Cell<[u8; 8]>;
const NO_HASH: [u8; 8] = (-1i64).to_ne_bytes();

/// Where a boxed string's text starts, from the start of its `PyStr`.
pub(crate) const BOXED_TEXT_AT: usize = 16;
/// The longest text a boxed string holds (see `objpool::MAX_BOX`).
pub(crate) const BOXED_MAX: usize = u16::MAX as usize;

/// The text of a heap string (freed by `Repr`'s owner, which knows the block's size).
struct HeapBytes {
    ptr: NonNull<u8>,
    len: usize,
}

// SAFETY: `HeapBytes` owns its block alone, as a `Box<[u8]>` does.
unsafe impl Send for HeapBytes {}
// SAFETY: as above; shared access only reads.
unsafe impl Sync for HeapBytes {}

/// The block size of a growable heap string of `len` bytes: `len` rounded up to a step of an
/// eighth of its binade (16 bytes below 128), so growth by `+=` reallocates every ~12%, and
/// any length up to that size rounds to the same size (the classes nest).
fn slack_cap(len: usize) -> usize {
    let step = if len < 128 {
        16
    } else {
        1usize << (usize::BITS - 1 - len.leading_zeros() - 3)
    };
    len.div_ceil(step).saturating_mul(step)
}

impl HeapBytes {
    /// Take an exactly sized buffer.
    fn from_boxed(b: Box<[u8]>) -> HeapBytes {
        let len = b.len();
        let raw = Box::into_raw(b).cast::<u8>();
        HeapBytes {
            // SAFETY: `Box::into_raw` never gives null.
            ptr: unsafe { NonNull::new_unchecked(raw) },
            len,
        }
    }

    #[inline(always)]
    fn as_slice(&self) -> &[u8] {
        // SAFETY: `ptr` holds `len` initialised bytes owned by `self`.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }

    /// The layout of the block, given whether it was made with slack.
    fn layout(&self, slack: bool) -> std::alloc::Layout {
        let cap = if slack { slack_cap(self.len) } else { self.len };
        // A block of that size was allocated, so the layout is valid.
        std::alloc::Layout::array::<u8>(cap).unwrap_or(std::alloc::Layout::new::<u8>())
    }

    /// Append `add`, growing the block to `slack_cap` of the new length when it is full.
    fn push(&mut self, slack: bool, add: &[u8]) {
        let need = self.len + add.len();
        let old = self.layout(slack);
        if need > old.size() {
            let cap = slack_cap(need);
            let Ok(new) = std::alloc::Layout::array::<u8>(cap) else {
                std::alloc::handle_alloc_error(old);
            };
            // SAFETY: `ptr` was allocated with `old` by the global allocator; `cap` is
            // non-zero and its layout valid.
            let p = unsafe { std::alloc::realloc(self.ptr.as_ptr(), old, cap) };
            self.ptr = NonNull::new(p).unwrap_or_else(|| std::alloc::handle_alloc_error(new));
        }
        // SAFETY: the block now holds at least `need` bytes; `add` cannot overlap it (the
        // caller holds `&mut` to this string and `add` belongs to another).
        unsafe {
            std::ptr::copy_nonoverlapping(add.as_ptr(), self.ptr.as_ptr().add(self.len), add.len())
        };
        self.len = need;
    }

    /// A new growable block holding `a` then `b`.
    fn with_slack(a: &[u8], b: &[u8]) -> HeapBytes {
        let need = a.len() + b.len();
        let Ok(layout) = std::alloc::Layout::array::<u8>(slack_cap(need).max(1)) else {
            std::alloc::handle_alloc_error(std::alloc::Layout::new::<u8>());
        };
        // SAFETY: the layout has a non-zero size.
        let p = unsafe { std::alloc::alloc(layout) };
        let ptr = NonNull::new(p).unwrap_or_else(|| std::alloc::handle_alloc_error(layout));
        // SAFETY: the new block holds at least `need` bytes.
        unsafe {
            std::ptr::copy_nonoverlapping(a.as_ptr(), ptr.as_ptr(), a.len());
            std::ptr::copy_nonoverlapping(b.as_ptr(), ptr.as_ptr().add(a.len()), b.len());
        }
        HeapBytes { ptr, len: need }
    }
}

impl Drop for Repr {
    fn drop(&mut self) {
        // A boxed string's text goes with its box.
        if let Repr::Heap { flags, bytes, .. } = self {
            let layout = bytes.layout(*flags & SLACK != 0);
            // SAFETY: the block was allocated with this layout (`from_boxed`: exact; `push`,
            // `with_slack`: `slack_cap`, with `SLACK` set) and is freed once, here.
            unsafe { std::alloc::dealloc(bytes.ptr.as_ptr(), layout) };
        }
    }
}

/// The contents of a `str` object.
#[repr(C)]
pub struct PyStr {
    repr: Repr,
}

const _: () = assert!(std::mem::size_of::<PyStr>() <= 40);

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
                hash: Cell::new(NO_HASH),
                buf,
            }
        } else {
            Repr::Heap {
                char_len,
                flags,
                _pad: [0; 2],
                hash: Cell::new(NO_HASH),
                bytes: HeapBytes::from_boxed(bytes.into()),
            }
        };
        PyStr { repr }
    }

    /// A string from owned WTF-8 bytes whose code-point count and flags are known.
    fn from_vec_parts(bytes: Vec<u8>, char_len: usize, flags: u8) -> PyStr {
        // Builders over-allocate; a string is immutable from here on (bar `+=`, which
        // reallocates with slack), so the block is cut to size. A small one is copied into a
        // block of its own size instead: cutting a grown buffer down in place leaves the
        // allocator a hole after every string made, which later strings of the same size
        // cannot reuse (53,333 40-character `%` results took 9.2 MiB, 7.2 copied).
        if bytes.len() <= INLINE_CAP
            || (bytes.capacity() != bytes.len() && bytes.len() <= COPY_TO_SIZE)
        {
            return PyStr::from_parts(&bytes, char_len, flags & !SLACK);
        }
        PyStr {
            repr: Repr::Heap {
                char_len,
                flags: flags & !SLACK,
                _pad: [0; 2],
                hash: Cell::new(NO_HASH),
                bytes: HeapBytes::from_boxed(bytes.into_boxed_slice()),
            },
        }
    }

    /// A string from Rust text.
    pub fn new(s: &str) -> PyStr {
        PyStr::from_meta(s.as_bytes(), TextMeta::of_str(s))
    }

    /// A string from owned Rust text (no copy unless it is short enough to be stored inline).
    pub fn from_string(s: String) -> PyStr {
        let m = TextMeta::of_str(&s);
        PyStr::from_vec_meta(s.into_bytes(), m)
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
        let m = TextMeta::of_wtf8(&bytes);
        PyStr::from_vec_meta(bytes, m)
    }

    /// A string from a slice of WTF-8 bytes produced by this module's helpers (copied; no
    /// temporary buffer for a string short enough to be stored inline).
    pub fn from_wtf8_slice(bytes: &[u8]) -> PyStr {
        PyStr::from_meta(bytes, TextMeta::of_wtf8(bytes))
    }

    /// A copy of WTF-8 text `bytes` that `m` describes.
    pub(crate) fn from_meta(bytes: &[u8], m: TextMeta) -> PyStr {
        debug_assert_eq!(m.len, bytes.len());
        PyStr::from_parts(bytes, m.char_len, m.flags)
    }

    /// A string owning the WTF-8 text `bytes` that `m` describes (cut to size, or copied
    /// when short: see `from_vec_parts`).
    pub(crate) fn from_vec_meta(bytes: Vec<u8>, m: TextMeta) -> PyStr {
        debug_assert_eq!(m.len, bytes.len());
        PyStr::from_vec_parts(bytes, m.char_len, m.flags)
    }

    #[inline]
    fn flags(&self) -> u8 {
        match &self.repr {
            Repr::Inline { flags, .. } | Repr::Heap { flags, .. } | Repr::Boxed { flags, .. } => {
                *flags & !SLACK
            }
        }
    }

    /// The WTF-8 bytes (private shorthand for [`PyStr::wtf8`]).
    #[inline]
    fn bytes(&self) -> &[u8] {
        match &self.repr {
            Repr::Inline { len, buf, .. } => buf.get(..usize::from(*len)).unwrap_or(&[]),
            Repr::Heap { bytes, .. } => bytes.as_slice(),
            Repr::Boxed { len, .. } => {
                // SAFETY: a boxed string lives in a box made for it, whose `len` bytes of text
                // follow the header at `BOXED_TEXT_AT` (`ObjRef::new_str`); it is never moved
                // out of it. (The text lies past the `PyStr` in the same allocation, as a C
                // flexible array member does.)
                unsafe {
                    std::slice::from_raw_parts(
                        std::ptr::from_ref(self).cast::<u8>().add(BOXED_TEXT_AT),
                        usize::from(*len),
                    )
                }
            }
        }
    }

    /// Number of code points (`len(s)`).
    #[inline]
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Inline { char_len, .. } => usize::from(*char_len),
            Repr::Heap { char_len, .. } => *char_len,
            Repr::Boxed { char_len, .. } => *char_len as usize,
        }
    }

    /// The cached hash's cell (at the same place in every variant).
    #[inline(always)]
    fn hash_cell(&self) -> &HashCell {
        match &self.repr {
            Repr::Inline { hash, .. } | Repr::Heap { hash, .. } | Repr::Boxed { hash, .. } => hash,
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
        if other.bytes().is_empty() {
            // Nothing to add; and a heap block not grown here must keep its exact size.
            return;
        }
        let flags =
            (self.flags() & other.flags() & ASCII) | ((self.flags() | other.flags()) & SURROGATES);
        let char_len = self.len() + other.len();
        let add = other.bytes();
        let moves = match &self.repr {
            Repr::Inline { len, .. } => usize::from(*len) + add.len() > INLINE_CAP,
            Repr::Boxed { .. } => true,
            Repr::Heap { .. } => false,
        };
        if moves {
            // Past the inline bytes, or out of the box (which holds no more than it has): the
            // text moves to a growable heap block, copied before the header that says where
            // it was is overwritten.
            let bytes = HeapBytes::with_slack(self.bytes(), add);
            self.repr = Repr::Heap {
                char_len,
                flags: flags | SLACK,
                _pad: [0; 2],
                hash: Cell::new(NO_HASH),
                bytes,
            };
            return;
        }
        match &mut self.repr {
            Repr::Inline {
                len,
                char_len: cl,
                flags: fl,
                buf,
                ..
            } => {
                let start = usize::from(*len);
                buf[start..start + add.len()].copy_from_slice(add);
                *len = (start + add.len()) as u8;
                *cl = char_len as u8;
                *fl = flags;
            }
            Repr::Heap {
                char_len: cl,
                flags: fl,
                bytes,
                ..
            } => {
                // Grow by about an eighth rather than doubling (CPython reallocates to the
                // exact size each time): a string built by `+=` keeps at most ~12% slack.
                bytes.push(*fl & SLACK != 0, add);
                *cl = char_len;
                *fl = flags | SLACK;
            }
            // Moved above.
            Repr::Boxed { .. } => {}
        }
        self.hash_cell().set(NO_HASH);
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
    #[inline]
    pub fn cached_hash(&self) -> i64 {
        i64::from_ne_bytes(self.hash_cell().get())
    }

    /// Remember the hash.
    #[inline]
    pub fn set_hash(&self, h: i64) {
        self.hash_cell().set(h.to_ne_bytes());
    }

    /// The text's length when it should live in its object's box rather than in a block of
    /// its own: a heap string of exactly its size (one grown by `+=` keeps its slack) short
    /// enough for a box (`ObjRef::new_str`).
    #[inline]
    pub(crate) fn boxable_len(&self, max: usize) -> Option<usize> {
        match &self.repr {
            Repr::Heap { flags, bytes, .. } if *flags & SLACK == 0 && bytes.len <= max => {
                Some(bytes.len)
            }
            _ => None,
        }
    }

    /// The header of a boxed string with `self`'s text, flags and length, to be written into
    /// a box followed by a copy of the text at [`BOXED_TEXT_AT`] (`ObjRef::new_str`).
    ///
    /// # Safety
    /// The result must be placed in such a box before any of its text is read, and never
    /// moved out of it. `self` holds at most [`BOXED_MAX`] bytes.
    pub(crate) unsafe fn boxed_header(&self) -> PyStr {
        let m = TextMeta {
            len: self.bytes().len(),
            char_len: self.len(),
            flags: self.flags(),
        };
        // SAFETY: the caller's contract.
        let head = unsafe { PyStr::boxed_header_for(m) };
        head.set_hash(self.cached_hash());
        head
    }

    /// The header of a boxed string of text `m`, to be written into a box followed by the
    /// text at [`BOXED_TEXT_AT`].
    ///
    /// # Safety
    /// As [`PyStr::boxed_header`]: `m.len` is at most [`BOXED_MAX`].
    pub(crate) unsafe fn boxed_header_for(m: TextMeta) -> PyStr {
        PyStr {
            repr: Repr::Boxed {
                flags: m.flags,
                len: m.len as u16,
                hash: Cell::new(NO_HASH),
                char_len: m.char_len as u32,
            },
        }
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

    #[test]
    fn heap_strings_grow_through_slack_classes() {
        // Appends of every size across many slack classes: the text stays right. (A block
        // freed with the wrong size is not caught here; case str/inplace_concat_sizes makes
        // glibc abort when a block is overrun.)
        let mut s = PyStr::new("");
        let mut want = String::new();
        for i in 0..3000 {
            let piece = "xyz\u{e9}".repeat(i % 7 + 1);
            s.push_str(&PyStr::new(&piece));
            want.push_str(&piece);
            if i % 500 == 0 {
                assert_eq!(s.to_str(), Some(want.as_str()));
            }
        }
        assert_eq!(
            (s.to_str(), s.len()),
            (Some(want.as_str()), want.chars().count())
        );
        // A string made from a vector with spare capacity is cut to size, then grows.
        let mut v = Vec::with_capacity(500);
        v.extend_from_slice("a".repeat(100).as_bytes());
        let mut t = PyStr::from_wtf8(v);
        t.push_str(&PyStr::new("b"));
        assert_eq!(t.len(), 101);
        assert!(t.wtf8().ends_with(b"ab"));
        for len in [1, 15, 16, 17, 127, 128, 129, 1000, 1023, 1024, 1025, 4097] {
            assert!(slack_cap(len) >= len && slack_cap(len) - len <= len / 8 + 16);
            assert_eq!(slack_cap(slack_cap(len)), slack_cap(len));
        }
    }
}
