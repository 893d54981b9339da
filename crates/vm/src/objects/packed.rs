//! `PackedVec`: the item vector of a `list`, 9 bytes an item where a `Vec<Value>` takes 16.
//!
//! Every `Value` is a tag below 8 and an 8-byte payload ([`Slot`]). A `Vec<Value>` pads the
//! tag to 8 bytes; here one allocation holds the `cap` payload words followed by the `cap`
//! tag bytes (CPython's list is 8 bytes an item, plus the objects the small ints live in).
//! Items come out as owned values ([`PackedVec::get`]) or as views that live while the
//! vector is borrowed ([`PackedVec::get_ref`]); nothing hands out a `&Value` into the
//! storage, because none is stored.
//!
//! Capacity grows as CPython's `list_resize` does (an eighth plus a few), so
//! `sys.getsizeof` of a list and the memory an appending loop holds follow CPython's.

use std::alloc::{Layout, alloc, dealloc, handle_alloc_error, realloc};
use std::marker::PhantomData;
use std::ops::{Bound, RangeBounds};
use std::ptr::NonNull;

use crate::objects::dict::{Ref, Slot};

/// A growable vector of packed slots (see the module docs).
pub struct PackedVec<V: Slot> {
    /// `cap` payload words, then `cap` tag bytes; dangling when `cap` is 0.
    ptr: NonNull<u64>,
    len: usize,
    cap: usize,
    _owns: PhantomData<V>,
}

impl<V: Slot> Default for PackedVec<V> {
    fn default() -> Self {
        PackedVec::new()
    }
}

/// The allocation for `cap` items: words then tag bytes, rounded to whole words.
fn layout_for(cap: usize) -> Layout {
    let bytes = cap
        .checked_mul(9)
        .and_then(|b| b.checked_add(7))
        .filter(|b| *b <= isize::MAX as usize)
        .unwrap_or_else(|| capacity_overflow());
    // SAFETY: 8 is a power of two and the size, rounded down to a multiple of 8, was checked
    // to be at most isize::MAX.
    unsafe { Layout::from_size_align_unchecked(bytes & !7, 8) }
}

#[cold]
fn capacity_overflow() -> ! {
    // Callers bound list sizes by `Vm::check_alloc` first (as `Vec` would abort here too).
    handle_alloc_error(Layout::new::<u64>())
}

impl<V: Slot> PackedVec<V> {
    /// An empty vector (no allocation).
    pub const fn new() -> Self {
        PackedVec {
            ptr: NonNull::dangling(),
            len: 0,
            cap: 0,
            _owns: PhantomData,
        }
    }

    /// An empty vector with room for `n` items.
    pub fn with_capacity(n: usize) -> Self {
        let mut v = PackedVec::new();
        v.set_capacity(n);
        v
    }

    /// The number of items.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no items.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The number of items there is room for.
    pub fn capacity(&self) -> usize {
        self.cap
    }

    #[inline(always)]
    fn tags(&self) -> *mut u8 {
        // SAFETY: the tag bytes start right after `cap` words, inside (or, for `cap` 0, at
        // the end of) the allocation.
        unsafe { self.ptr.as_ptr().add(self.cap).cast::<u8>() }
    }

    /// The parts of item `i` (which must be below `len`).
    #[inline(always)]
    unsafe fn parts(&self, i: usize) -> (u8, u64) {
        debug_assert!(i < self.len);
        // SAFETY: the caller keeps `i` below `len`, and items below `len` are initialised.
        unsafe { (*self.tags().add(i), *self.ptr.as_ptr().add(i)) }
    }

    /// Store item `i` (below `cap`), overwriting whatever was there without dropping it.
    #[inline(always)]
    unsafe fn write(&mut self, i: usize, v: V) {
        debug_assert!(i < self.cap);
        let (tag, bits) = v.into_parts();
        // SAFETY: the caller keeps `i` below `cap`.
        unsafe {
            *self.tags().add(i) = tag;
            *self.ptr.as_ptr().add(i) = bits;
        }
    }

    /// Take item `i` (below `len`) out, leaving its slot to be overwritten or forgotten.
    #[inline(always)]
    unsafe fn read(&self, i: usize) -> V {
        // SAFETY: the caller takes the item back exactly once.
        unsafe {
            let (tag, bits) = self.parts(i);
            V::from_parts(tag, bits)
        }
    }

    /// A copy of item `i`.
    #[inline(always)]
    pub fn get(&self, i: usize) -> Option<V> {
        self.get_ref(i).map(|r| (*r).clone())
    }

    /// Item `i`, lent for as long as the vector is borrowed.
    #[inline(always)]
    pub fn get_ref(&self, i: usize) -> Option<Ref<'_, V>> {
        if i < self.len {
            // SAFETY: `i` is in bounds, and the vector (owner of the item) stays borrowed
            // for the view's lifetime.
            Some(unsafe {
                let (tag, bits) = self.parts(i);
                Ref::new(tag, bits)
            })
        } else {
            None
        }
    }

    /// A copy of the first item.
    pub fn first(&self) -> Option<V> {
        self.get(0)
    }

    /// A copy of the last item.
    pub fn last(&self) -> Option<V> {
        self.len.checked_sub(1).and_then(|i| self.get(i))
    }

    /// Replace item `i` (which must exist), returning the old one.
    #[inline]
    pub fn replace(&mut self, i: usize, v: V) -> V {
        assert!(i < self.len, "PackedVec::replace out of bounds");
        // SAFETY: in bounds; the old item is returned to the caller, the slot overwritten.
        unsafe {
            let old = self.read(i);
            self.write(i, v);
            old
        }
    }

    /// Resize the allocation to exactly `cap` slots (at least `len`).
    fn set_capacity(&mut self, cap: usize) {
        debug_assert!(cap >= self.len);
        if cap == self.cap {
            return;
        }
        let old_cap = self.cap;
        if cap == 0 {
            // SAFETY: the allocation was made with this layout (len is 0 here).
            unsafe { dealloc(self.ptr.as_ptr().cast(), layout_for(old_cap)) };
            self.ptr = NonNull::dangling();
            self.cap = 0;
            return;
        }
        let new_layout = layout_for(cap);
        let raw = if old_cap == 0 {
            // SAFETY: the layout has a non-zero size.
            unsafe { alloc(new_layout) }
        } else {
            if cap < old_cap {
                // Shrinking: move the tags down before the block is cut.
                // SAFETY: both ranges lie in the old block; `copy` allows overlap.
                unsafe {
                    let base = self.ptr.as_ptr();
                    std::ptr::copy(
                        base.add(old_cap).cast::<u8>(),
                        base.add(cap).cast::<u8>(),
                        self.len,
                    );
                }
            }
            // SAFETY: the block was allocated with `layout_for(old_cap)`; the new size is
            // non-zero and was checked against isize::MAX.
            unsafe {
                realloc(
                    self.ptr.as_ptr().cast(),
                    layout_for(old_cap),
                    new_layout.size(),
                )
            }
        };
        let Some(p) = NonNull::new(raw.cast::<u64>()) else {
            handle_alloc_error(new_layout)
        };
        if old_cap != 0 && cap > old_cap {
            // Growing: the tags were copied where they were; move them up to their new place.
            // SAFETY: both ranges lie in the new block; `copy` allows overlap.
            unsafe {
                std::ptr::copy(
                    p.as_ptr().add(old_cap).cast::<u8>(),
                    p.as_ptr().add(cap).cast::<u8>(),
                    self.len,
                );
            }
        }
        self.ptr = p;
        self.cap = cap;
    }

    /// Make room for `additional` more items, growing as CPython's `list_resize` does.
    #[inline]
    pub fn reserve(&mut self, additional: usize) {
        let need = self
            .len
            .checked_add(additional)
            .unwrap_or_else(|| capacity_overflow());
        if need > self.cap {
            self.grow_to(need);
        }
    }

    /// Make room for exactly `additional` more items.
    pub fn reserve_exact(&mut self, additional: usize) {
        let need = self
            .len
            .checked_add(additional)
            .unwrap_or_else(|| capacity_overflow());
        if need > self.cap {
            self.set_capacity(need);
        }
    }

    #[cold]
    #[inline(never)]
    fn grow_to(&mut self, need: usize) {
        // CPython 3.11 `list_resize`: an eighth more plus 6, rounded down to a multiple of 4,
        // unless the request jumps past that.
        let mut cap = (need + (need >> 3) + 6) & !3;
        if need - self.len > cap - need {
            cap = (need + 3) & !3;
        }
        self.set_capacity(cap);
    }

    /// Append an item.
    #[inline]
    pub fn push(&mut self, v: V) {
        if self.len == self.cap {
            self.grow_to(self.len + 1);
        }
        // SAFETY: `len` is below `cap` now.
        unsafe { self.write(self.len, v) };
        self.len += 1;
    }

    /// Remove and return the last item.
    #[inline]
    pub fn pop(&mut self) -> Option<V> {
        if self.len == 0 {
            return None;
        }
        // SAFETY: the last item is taken back once; `len` no longer covers it after.
        let v = unsafe { self.read(self.len - 1) };
        self.len -= 1;
        Some(v)
    }

    /// Insert `v` before index `i` (at most `len`).
    pub fn insert(&mut self, i: usize, v: V) {
        assert!(i <= self.len, "PackedVec::insert out of bounds");
        if self.len == self.cap {
            self.grow_to(self.len + 1);
        }
        // SAFETY: `len < cap`; the moved ranges are within the block.
        unsafe {
            let n = self.len - i;
            let p = self.ptr.as_ptr();
            std::ptr::copy(p.add(i), p.add(i + 1), n);
            let t = self.tags();
            std::ptr::copy(t.add(i), t.add(i + 1), n);
            self.write(i, v);
        }
        self.len += 1;
    }

    /// Remove and return item `i` (which must exist), shifting the rest down.
    pub fn remove(&mut self, i: usize) -> V {
        assert!(i < self.len, "PackedVec::remove out of bounds");
        // SAFETY: in bounds; the item is taken back once and its slot closed over.
        unsafe {
            let v = self.read(i);
            let n = self.len - i - 1;
            let p = self.ptr.as_ptr();
            std::ptr::copy(p.add(i + 1), p.add(i), n);
            let t = self.tags();
            std::ptr::copy(t.add(i + 1), t.add(i), n);
            self.len -= 1;
            v
        }
    }

    /// Keep the first `n` items, dropping the rest, last first.
    pub fn truncate(&mut self, n: usize) {
        while self.len > n {
            drop(self.pop());
        }
    }

    /// Drop every item, keeping nothing allocated.
    pub fn clear(&mut self) {
        drop(std::mem::take(self));
    }

    /// Give up spare capacity beyond what CPython would keep for this many items.
    pub fn shrink_to_fit(&mut self) {
        self.set_capacity(self.len);
    }

    /// Append every item of `items`.
    pub fn extend<I: IntoIterator<Item = V>>(&mut self, items: I) {
        let it = items.into_iter();
        let (lo, _) = it.size_hint();
        if self.cap == 0 && lo > 0 {
            // CPython's `list_preallocate_exact`: an empty list takes what it is given,
            // rounded up to an even count.
            self.set_capacity(lo.checked_add(1).unwrap_or_else(|| capacity_overflow()) & !1);
        } else {
            self.reserve(lo);
        }
        for v in it {
            self.push(v);
        }
    }

    /// Append copies of `items`.
    pub fn extend_from_slice(&mut self, items: &[V]) {
        self.reserve(items.len());
        for v in items {
            // SAFETY: room was reserved above.
            unsafe { self.write(self.len, v.clone()) };
            self.len += 1;
        }
    }

    /// Copies of the items.
    pub fn to_vec(&self) -> Vec<V> {
        self.iter().collect()
    }

    /// The items, moved out (no reference counts change).
    pub fn into_vec(mut self) -> Vec<V> {
        let mut out = Vec::with_capacity(self.len);
        for i in 0..self.len {
            // SAFETY: every item is taken back exactly once; `len` is zeroed below so the
            // vector's drop does not take them again.
            out.push(unsafe { self.read(i) });
        }
        self.len = 0;
        out
    }

    /// The items repeated `n` times (the caller checked the size against its limits).
    pub fn repeat(&self, n: usize) -> Self {
        let total = self
            .len
            .checked_mul(n)
            .unwrap_or_else(|| capacity_overflow());
        let mut out = PackedVec::with_capacity(total);
        for _ in 0..n {
            for i in 0..self.len {
                // SAFETY: `total` slots were allocated; `out.len` stays below it.
                unsafe {
                    let (tag, bits) = self.parts(i);
                    let r: Ref<'_, V> = Ref::new(tag, bits);
                    out.write(out.len, (*r).clone());
                }
                out.len += 1;
            }
        }
        out
    }

    /// Copies of the items, front to back.
    pub fn iter(&self) -> Iter<'_, V> {
        Iter {
            v: self,
            i: 0,
            end: self.len,
        }
    }

    fn bounds<R: RangeBounds<usize>>(&self, r: R) -> (usize, usize) {
        let lo = match r.start_bound() {
            Bound::Included(&a) => a,
            Bound::Excluded(&a) => a + 1,
            Bound::Unbounded => 0,
        };
        let hi = match r.end_bound() {
            Bound::Included(&b) => b + 1,
            Bound::Excluded(&b) => b,
            Bound::Unbounded => self.len,
        };
        assert!(lo <= hi && hi <= self.len, "PackedVec range out of bounds");
        (lo, hi)
    }

    /// Replace the items in `range` by `items`, returning the removed ones (for the caller
    /// to drop after releasing its borrow: their finalizers may run Python code).
    pub fn splice<R: RangeBounds<usize>>(&mut self, range: R, items: Vec<V>) -> Vec<V> {
        let (lo, hi) = self.bounds(range);
        let removed_n = hi - lo;
        let mut removed = Vec::with_capacity(removed_n);
        for i in lo..hi {
            // SAFETY: in bounds; each removed item is taken back once, and its slot is
            // overwritten or closed over below.
            removed.push(unsafe { self.read(i) });
        }
        let add = items.len();
        let tail = self.len - hi;
        if add > removed_n {
            self.reserve(add - removed_n);
        }
        // SAFETY: capacity covers `lo + add + tail`; the tail moves within the block.
        unsafe {
            let p = self.ptr.as_ptr();
            std::ptr::copy(p.add(hi), p.add(lo + add), tail);
            let t = self.tags();
            std::ptr::copy(t.add(hi), t.add(lo + add), tail);
            for (k, v) in items.into_iter().enumerate() {
                self.write(lo + k, v);
            }
        }
        self.len = lo + add + tail;
        removed
    }

    /// Remove the items in `range`, returning them (see [`PackedVec::splice`]).
    pub fn drain<R: RangeBounds<usize>>(&mut self, range: R) -> Vec<V> {
        self.splice(range, Vec::new())
    }

    /// Reverse the items in place.
    pub fn reverse(&mut self) {
        let n = self.len;
        // SAFETY: both halves are within `len`.
        unsafe {
            std::slice::from_raw_parts_mut(self.ptr.as_ptr(), n).reverse();
            std::slice::from_raw_parts_mut(self.tags(), n).reverse();
        }
    }

    /// Swap items `i` and `j` (both must exist).
    pub fn swap(&mut self, i: usize, j: usize) {
        assert!(
            i < self.len && j < self.len,
            "PackedVec::swap out of bounds"
        );
        // SAFETY: both in bounds.
        unsafe {
            std::ptr::swap(self.ptr.as_ptr().add(i), self.ptr.as_ptr().add(j));
            std::ptr::swap(self.tags().add(i), self.tags().add(j));
        }
    }
}

impl<V: Slot> Drop for PackedVec<V> {
    fn drop(&mut self) {
        // Last first, so a chain of finalizers sees the order CPython's `list_dealloc` gives.
        while self.len > 0 {
            // SAFETY: each item is taken back once; `len` no longer covers it after.
            let v = unsafe { self.read(self.len - 1) };
            self.len -= 1;
            drop(v);
        }
        if self.cap != 0 {
            // SAFETY: allocated with this layout.
            unsafe { dealloc(self.ptr.as_ptr().cast(), layout_for(self.cap)) };
        }
    }
}

impl<V: Slot> Clone for PackedVec<V> {
    fn clone(&self) -> Self {
        let mut out = PackedVec::with_capacity(self.len);
        for v in self.iter() {
            out.push(v);
        }
        out
    }
}

impl<V: Slot> From<Vec<V>> for PackedVec<V> {
    fn from(items: Vec<V>) -> Self {
        let mut out = PackedVec::with_capacity(items.len());
        for v in items {
            // SAFETY: room for every item was made above.
            unsafe { out.write(out.len, v) };
            out.len += 1;
        }
        out
    }
}

impl<V: Slot> FromIterator<V> for PackedVec<V> {
    fn from_iter<I: IntoIterator<Item = V>>(items: I) -> Self {
        let it = items.into_iter();
        let mut out = PackedVec::with_capacity(it.size_hint().0);
        for v in it {
            out.push(v);
        }
        out
    }
}

impl<V: Slot + std::fmt::Debug> std::fmt::Debug for PackedVec<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Copies of a [`PackedVec`]'s items.
pub struct Iter<'a, V: Slot> {
    v: &'a PackedVec<V>,
    i: usize,
    end: usize,
}

impl<V: Slot> Iterator for Iter<'_, V> {
    type Item = V;
    #[inline]
    fn next(&mut self) -> Option<V> {
        if self.i >= self.end {
            return None;
        }
        let v = self.v.get(self.i);
        self.i += 1;
        v
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end - self.i;
        (n, Some(n))
    }
}

impl<V: Slot> ExactSizeIterator for Iter<'_, V> {}

impl<V: Slot> DoubleEndedIterator for Iter<'_, V> {
    fn next_back(&mut self) -> Option<V> {
        if self.i >= self.end {
            return None;
        }
        self.end -= 1;
        self.v.get(self.end)
    }
}
