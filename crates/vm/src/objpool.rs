//! A free-list allocator for object boxes (CPython: `Objects/obmalloc.c`'s role for objects).
//!
//! Nearly every heap object is one `ObjBox` of the same size (class 0); a `str` whose text
//! does not fit inline but fits a box of up to [`MAX_BOX`] bytes takes a box of the size
//! class that holds it, with the text after the object (classes `1..CLASSES`, 8 bytes apart,
//! each with its own free list; `objects/str.rs`). Through `malloc` each costs that size
//! plus the allocator's 8-byte chunk header (an 80-byte chunk for a 64-byte box) and a trip
//! through its bins. Here boxes are carved back to back from 1 MiB chunks and freed boxes go
//! on a singly linked free list threaded through their first word: an allocation is a pop, a
//! free a push, and a box takes exactly its size. A chunk that large is mapped by `malloc`
//! apart from its heap (its pages become resident as boxes are carved), so object boxes do
//! not sit between the variable-size blocks (tuple items, long str text, list buffers) and
//! the holes those leave when freed can merge and serve larger blocks.
//!
//! The pool is per thread (no lock on the hot path; objects freed on another thread than the
//! one that made them simply join that thread's list). A thread's leftover free boxes are
//! handed to the next pool that runs dry when the thread ends, and so is the uncarved rest of
//! its newest chunk. Chunks are never returned to the system, as `malloc` keeps most freed
//! small chunks: peak memory is what this changes.
//! After a thread's pool is torn down (thread-local destructors at thread exit) boxes come
//! from the system allocator and are never freed, which is safe and only happens while the
//! thread ends.

use std::alloc::{Layout, alloc, handle_alloc_error};
use std::cell::Cell;
use std::ptr::{self, NonNull};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// Every box's alignment, and the size of class 0 (nearly every object's box).
const BOX: Layout = crate::object::box_layout();
/// Bytes between consecutive size classes.
pub(crate) const CLASS_STEP: usize = 8;
/// Size classes: class `k` is `BOX.size() + k * CLASS_STEP` bytes.
pub(crate) const CLASSES: usize = 25;
/// The largest box.
pub(crate) const MAX_BOX: usize = class_size(CLASSES - 1);
const _: () = assert!(BOX.size().is_multiple_of(CLASS_STEP) && BOX.align() <= CLASS_STEP);

/// The size of the boxes of class `k`.
#[inline(always)]
pub(crate) const fn class_size(k: usize) -> usize {
    BOX.size() + k * CLASS_STEP
}

/// The smallest class whose boxes hold `bytes` (at most [`MAX_BOX`]).
#[inline]
pub(crate) const fn class_for(bytes: usize) -> usize {
    bytes.saturating_sub(BOX.size()).div_ceil(CLASS_STEP)
}
/// Bytes per chunk the boxes are carved from, and the chunks' layout.
const CHUNK_BYTES: usize = 1024 * 1024;
const CHUNK: Layout = match Layout::from_size_align(CHUNK_BYTES, BOX.align()) {
    Ok(l) => l,
    Err(_) => panic!("chunk layout"),
};
// A free box holds the link to the next one in its first word.
const _: () = assert!(BOX.size() >= size_of::<*mut u8>() && BOX.align() >= align_of::<*mut u8>());

/// One thread's boxes.
struct Pool {
    /// Per size class, the first free box; each free box's first word points to the next (or
    /// is null).
    free: [Cell<*mut u8>; CLASSES],
    /// The uncarved rest of the newest chunk.
    bump: Cell<*mut u8>,
    end: Cell<*mut u8>,
}

/// Free lists left by threads that ended.
static ORPHANS: Mutex<Orphans> = Mutex::new(Orphans {
    lists: Vec::new(),
    tails: Vec::new(),
});
/// What threads that ended left: free lists (size class and first box's address) and the
/// uncarved rests of their newest chunks (start and end addresses), so that threads that come
/// and go do not leave a mostly unused 1 MiB chunk each.
struct Orphans {
    lists: Vec<(usize, usize)>,
    tails: Vec<(usize, usize)>,
}
/// Whether `ORPHANS` may hold a list or a tail (read without the lock).
static HAS_ORPHANS: AtomicBool = AtomicBool::new(false);

thread_local! {
    static POOL: Pool = const {
        Pool {
            free: [const { Cell::new(ptr::null_mut()) }; CLASSES],
            bump: Cell::new(ptr::null_mut()),
            end: Cell::new(ptr::null_mut()),
        }
    };
}

/// An uninitialised block with the layout of an object box (class 0).
#[inline]
pub(crate) fn alloc_box() -> NonNull<u8> {
    alloc_box_class(0)
}

/// An uninitialised block of size class `k` (`k < CLASSES`), aligned as an object box.
#[inline]
pub(crate) fn alloc_box_class(k: usize) -> NonNull<u8> {
    let size = class_size(k);
    let got = POOL.try_with(|p| {
        let list = &p.free[k];
        let head = list.get();
        if !head.is_null() {
            // SAFETY: a free box's first word holds the next free box of its class (set by
            // `free_box_class`, or an ended thread's list adopted by `refill`), and the box
            // is at least a pointer wide and aligned.
            list.set(unsafe { head.cast::<*mut u8>().read() });
            return head;
        }
        let b = p.bump.get();
        if !b.is_null() && (p.end.get() as usize) - (b as usize) >= size {
            // SAFETY: `b + size` stays inside the chunk (checked just above).
            p.bump.set(unsafe { b.add(size) });
            return b;
        }
        refill(p, k)
    });
    // The heap counter (`limits.rs`) sees boxes in use, not the pool's chunks: a freed box
    // is free memory for `--max-memory` as a freed malloc block is.
    crate::limits::count(size as isize);
    match got {
        Ok(b) => {
            // SAFETY: `refill` never returns null (it aborts through `handle_alloc_error`).
            unsafe { NonNull::new_unchecked(b) }
        }
        // The pool is gone: this thread is ending. A system block, never freed.
        Err(_) => system_block(size),
    }
}

/// Give back a block from `alloc_box`.
///
/// # Safety
/// `b` came from `alloc_box`, is no longer used, and is not freed twice.
#[inline]
#[cfg(test)]
pub(crate) unsafe fn free_box(b: NonNull<u8>) {
    // SAFETY: the caller's contract.
    unsafe { free_box_class(b, 0) }
}

/// Give back a block from `alloc_box_class(k)`.
///
/// # Safety
/// `b` came from `alloc_box_class(k)`, is no longer used, and is not freed twice.
#[inline]
pub(crate) unsafe fn free_box_class(b: NonNull<u8>, k: usize) {
    crate::limits::count(-(class_size(k) as isize));
    // After the pool's teardown the block is leaked: it may be a system block.
    let _ = POOL.try_with(|p| {
        let list = &p.free[k];
        // SAFETY: the block is ours to reuse; its first word becomes the link.
        unsafe { b.as_ptr().cast::<*mut u8>().write(list.get()) };
        list.set(b.as_ptr());
    });
}

/// The slow path of `alloc_box_class(k)`: adopt an ended thread's free boxes of class `k`,
/// else carve from an ended thread's chunk rest or a new chunk.
#[cold]
#[inline(never)]
fn refill(p: &Pool, k: usize) -> *mut u8 {
    let size = class_size(k);
    if HAS_ORPHANS.load(Ordering::Relaxed)
        && let Ok(mut orphans) = ORPHANS.lock()
    {
        let list = orphans.lists.iter().position(|&(c, _)| c == k);
        let adopted = if let Some(i) = list {
            let head = orphans.lists.swap_remove(i).1 as *mut u8;
            // SAFETY: an orphan list is a well-formed free list of boxes of class `k`.
            p.free[k].set(unsafe { head.cast::<*mut u8>().read() });
            Some(head)
        } else if let Some(i) = orphans
            .tails
            .iter()
            .position(|&(start, end)| end - start >= size)
        {
            let (start, end) = orphans.tails.swap_remove(i);
            // SAFETY: a tail holds at least one uncarved box (see `Pool::drop`).
            p.bump.set(unsafe { (start as *mut u8).add(size) });
            p.end.set(end as *mut u8);
            Some(start as *mut u8)
        } else {
            None
        };
        HAS_ORPHANS.store(
            !orphans.lists.is_empty() || !orphans.tails.is_empty(),
            Ordering::Relaxed,
        );
        if let Some(b) = adopted {
            return b;
        }
    }
    // SAFETY: the layout has a non-zero size.
    let chunk = unsafe { alloc(CHUNK) };
    if chunk.is_null() {
        handle_alloc_error(CHUNK);
    }
    if crate::limits::counting_allocator_installed() {
        // Counted as its boxes are handed out instead.
        crate::limits::count(-(CHUNK_BYTES as isize));
    }
    // SAFETY: `size <= CHUNK_BYTES`; the rest of the chunk is carved later (what is left
    // of the current chunk's rest, less than one box of this class, stays unused).
    unsafe {
        p.bump.set(chunk.add(size));
        p.end.set(chunk.add(CHUNK_BYTES));
    }
    chunk
}

/// A block of `size` bytes straight from the system allocator, for the end of a thread's
/// life.
#[cold]
fn system_block(size: usize) -> NonNull<u8> {
    let layout = Layout::from_size_align(size, BOX.align()).unwrap_or(BOX);
    // SAFETY: the layout has a non-zero size.
    let b = unsafe { alloc(layout) };
    if crate::limits::counting_allocator_installed() {
        // `alloc_box_class` counts it as a box.
        crate::limits::count(-(layout.size() as isize));
    }
    NonNull::new(b).unwrap_or_else(|| handle_alloc_error(layout))
}

impl Drop for Pool {
    /// Hand this thread's free boxes and the uncarved rest of its newest chunk to the threads
    /// that live on.
    fn drop(&mut self) {
        let lists: Vec<(usize, usize)> = (self.free.iter().enumerate())
            .filter(|(_, f)| !f.get().is_null())
            .map(|(k, f)| (k, f.get() as usize))
            .collect();
        let (bump, end) = (self.bump.get(), self.end.get());
        let tail = !bump.is_null() && (end as usize) - (bump as usize) >= BOX.size();
        if (!lists.is_empty() || tail)
            && let Ok(mut orphans) = ORPHANS.lock()
        {
            orphans.lists.extend(lists);
            if tail {
                orphans.tails.push((bump as usize, end as usize));
            }
            HAS_ORPHANS.store(true, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{alloc_box, free_box};
    use std::ptr::NonNull;

    /// Boxes of the one size the pool serves.
    fn take(n: usize) -> Vec<NonNull<u8>> {
        (0..n).map(|_| alloc_box()).collect()
    }

    /// Fill each box with its own byte, then check that no box overlaps another.
    fn stamp_and_check(boxes: &[NonNull<u8>]) {
        let size = crate::object::box_layout().size();
        for (i, b) in boxes.iter().enumerate() {
            // SAFETY: each block is `size` bytes and owned by the test.
            unsafe { std::ptr::write_bytes(b.as_ptr(), i as u8, size) };
        }
        for (i, b) in boxes.iter().enumerate() {
            // SAFETY: as above.
            let bytes = unsafe { std::slice::from_raw_parts(b.as_ptr(), size) };
            assert!(
                bytes.iter().all(|&x| x == i as u8),
                "box {i} was overwritten"
            );
        }
    }

    fn churn() {
        // More than one chunk's worth, so carving crosses chunk boundaries.
        let mut boxes = take(1500);
        stamp_and_check(&boxes);
        let freed: Vec<_> = boxes
            .drain(..)
            .enumerate()
            .filter(|(i, _)| i % 3 == 0)
            .collect();
        for (_, b) in &freed {
            // SAFETY: each was taken above and is freed once.
            unsafe { free_box(*b) };
        }
        boxes = take(1500);
        let mut again = take(700);
        boxes.append(&mut again);
        stamp_and_check(&boxes);
        let mut seen: Vec<usize> = boxes.iter().map(|b| b.as_ptr() as usize).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), boxes.len(), "a box was handed out twice");
        for b in boxes {
            // SAFETY: as above.
            unsafe { free_box(b) };
        }
    }

    #[test]
    fn boxes_never_overlap_and_reuse_freed_ones() {
        churn();
        let a = alloc_box();
        // SAFETY: freed once, then the next allocation on this thread is that box.
        unsafe { free_box(a) };
        let b = take(1).pop().expect("one box");
        assert_eq!(a, b, "a freed box is reused first");
        // SAFETY: as above.
        unsafe { free_box(b) };
    }

    #[test]
    fn ended_threads_hand_over_their_free_boxes() {
        let workers: Vec<_> = (0..4).map(|_| std::thread::spawn(churn)).collect();
        for w in workers {
            w.join().expect("worker");
        }
        // New threads adopt the ended ones' lists when they run dry.
        let workers: Vec<_> = (0..2).map(|_| std::thread::spawn(churn)).collect();
        for w in workers {
            w.join().expect("worker");
        }
    }

    #[test]
    fn ended_threads_leave_their_uncarved_chunk_rest_behind() {
        // Threads that each take a few boxes and end: without the tails handed over, each
        // would leave most of a 1 MiB chunk unused for ever. Here later threads carve from
        // the rests, so all their boxes lie in few distinct chunks.
        let mut addrs = Vec::new();
        for _ in 0..64 {
            let got = std::thread::spawn(|| {
                let boxes = take(10);
                stamp_and_check(&boxes);
                // Kept (as objects that outlive a thread would be): only the rest is free.
                boxes
                    .iter()
                    .map(|b| b.as_ptr() as usize)
                    .collect::<Vec<_>>()
            })
            .join()
            .expect("worker");
            addrs.extend(got);
        }
        let mut chunks: Vec<usize> = addrs.iter().map(|a| a >> 20).collect();
        chunks.sort_unstable();
        chunks.dedup();
        // 640 boxes fit in one chunk; allow for other tests' threads sharing the orphans.
        assert!(chunks.len() < 16, "{} chunks for 640 boxes", chunks.len());
    }
}
