//! A free-list allocator for object boxes (CPython: `Objects/obmalloc.c`'s role for objects).
//!
//! Every heap object is one `ObjBox` of the same size. Through `malloc` each costs that size
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

/// Every box's size and alignment.
const BOX: Layout = crate::object::box_layout();
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
    /// The first free box; each free box's first word points to the next (or is null).
    free: Cell<*mut u8>,
    /// The uncarved rest of the newest chunk.
    bump: Cell<*mut u8>,
    end: Cell<*mut u8>,
}

/// Free lists left by threads that ended (their first boxes' addresses).
static ORPHANS: Mutex<Orphans> = Mutex::new(Orphans {
    lists: Vec::new(),
    tails: Vec::new(),
});
/// What threads that ended left: free lists (their first boxes' addresses) and the uncarved
/// rests of their newest chunks (start and end addresses), so that threads that come and go
/// do not leave a mostly unused 1 MiB chunk each.
struct Orphans {
    lists: Vec<usize>,
    tails: Vec<(usize, usize)>,
}
/// Whether `ORPHANS` may hold a list or a tail (read without the lock).
static HAS_ORPHANS: AtomicBool = AtomicBool::new(false);

thread_local! {
    static POOL: Pool = const {
        Pool {
            free: Cell::new(ptr::null_mut()),
            bump: Cell::new(ptr::null_mut()),
            end: Cell::new(ptr::null_mut()),
        }
    };
}

/// An uninitialised block with the layout of an object box.
#[inline]
pub(crate) fn alloc_box() -> NonNull<u8> {
    let size = BOX.size();
    let got = POOL.try_with(|p| {
        let head = p.free.get();
        if !head.is_null() {
            // SAFETY: a free box's first word holds the next free box (set by `free_box`,
            // or an ended thread's list adopted by `refill`), and the box is at least a pointer wide and aligned.
            p.free.set(unsafe { head.cast::<*mut u8>().read() });
            return head;
        }
        let b = p.bump.get();
        if !b.is_null() && (p.end.get() as usize) - (b as usize) >= size {
            // SAFETY: `b + size` stays inside the chunk (checked just above).
            p.bump.set(unsafe { b.add(size) });
            return b;
        }
        refill(p)
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
        Err(_) => system_block(),
    }
}

/// Give back a block from `alloc_box`.
///
/// # Safety
/// `b` came from `alloc_box`, is no longer used, and is not freed twice.
#[inline]
pub(crate) unsafe fn free_box(b: NonNull<u8>) {
    crate::limits::count(-(BOX.size() as isize));
    // After the pool's teardown the block is leaked: it may be a system block.
    let _ = POOL.try_with(|p| {
        // SAFETY: the block is ours to reuse; its first word becomes the link.
        unsafe { b.as_ptr().cast::<*mut u8>().write(p.free.get()) };
        p.free.set(b.as_ptr());
    });
}

/// The slow path of `alloc_box`: adopt an ended thread's free boxes, else carve a new chunk.
#[cold]
#[inline(never)]
fn refill(p: &Pool) -> *mut u8 {
    let size = BOX.size();
    if HAS_ORPHANS.load(Ordering::Relaxed)
        && let Ok(mut orphans) = ORPHANS.lock()
    {
        let adopted = if let Some(first) = orphans.lists.pop() {
            let head = first as *mut u8;
            // SAFETY: an orphan list is a well-formed free list of boxes of this size.
            p.free.set(unsafe { head.cast::<*mut u8>().read() });
            Some(head)
        } else if let Some((start, end)) = orphans.tails.pop() {
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
    // SAFETY: `size <= CHUNK_BYTES`; the rest of the chunk is carved later.
    unsafe {
        p.bump.set(chunk.add(size));
        p.end.set(chunk.add(CHUNK_BYTES - CHUNK_BYTES % size));
    }
    chunk
}

/// A block straight from the system allocator, for the end of a thread's life.
#[cold]
fn system_block() -> NonNull<u8> {
    // SAFETY: the layout has a non-zero size.
    let b = unsafe { alloc(BOX) };
    if crate::limits::counting_allocator_installed() {
        // `alloc_box` counts it as a box.
        crate::limits::count(-(BOX.size() as isize));
    }
    NonNull::new(b).unwrap_or_else(|| handle_alloc_error(BOX))
}

impl Drop for Pool {
    /// Hand this thread's free boxes and the uncarved rest of its newest chunk to the threads
    /// that live on.
    fn drop(&mut self) {
        let first = self.free.get();
        let (bump, end) = (self.bump.get(), self.end.get());
        let tail = !bump.is_null() && (end as usize) - (bump as usize) >= BOX.size();
        if (!first.is_null() || tail)
            && let Ok(mut orphans) = ORPHANS.lock()
        {
            if !first.is_null() {
                orphans.lists.push(first as usize);
            }
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
