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
//! # Giving memory back
//! A chunk is carved run by run ([`RUN_BYTES`], aligned; no box crosses a run's end), and a
//! run carved to its end is *sealed*: its carved length is noted in [`SEALED`]. When a
//! pool's free lists hold many bytes ([`Pool::scan_at`]), [`scan`] counts them per run, and a
//! sealed run whose boxes are all on this pool's lists is taken off them and its pages given
//! back to the system through the hook the embedder installed ([`set_page_release`]; the CLI
//! uses `madvise(MADV_DONTNEED)`): after a program drops a large structure, its memory is the
//! system's again, as obmalloc frees emptied arenas, rather than boxes that only later boxes
//! can use while glibc's heap grows for everything else. Released runs are carved again
//! before a new chunk is made. A program that keeps refilling what was released (churn)
//! makes the pool keep more of its emptied runs at each scan ([`Pool::keep`]).
//!
//! The pool is per thread (no lock on the hot path; objects freed on another thread than the
//! one that made them simply join that thread's list, where they keep their run from looking
//! empty to the thread that holds the rest of it). A thread's leftover free boxes are handed
//! to the next pool that runs dry when the thread ends, and so are the uncarved rest of its
//! newest chunk and its released runs. After a thread's pool is torn down (thread-local
//! destructors at thread exit) boxes come from the system allocator and are never freed,
//! which is safe and only happens while the thread ends.

use std::alloc::{Layout, alloc, handle_alloc_error};
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::ptr::{self, NonNull};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

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

/// Bytes per run: the unit of memory given back (a multiple of the page size).
const RUN_BYTES: usize = 64 * 1024;
/// Bytes per chunk the boxes are carved from, and the chunks' layout (aligned to runs).
const CHUNK_BYTES: usize = 1024 * 1024;
const CHUNK: Layout = match Layout::from_size_align(CHUNK_BYTES, RUN_BYTES) {
    Ok(l) => l,
    Err(_) => panic!("chunk layout"),
};
const _: () = assert!(CHUNK_BYTES.is_multiple_of(RUN_BYTES) && MAX_BOX <= RUN_BYTES);
// A free box holds the link to the next one in its first word.
const _: () = assert!(BOX.size() >= size_of::<*mut u8>() && BOX.align() >= align_of::<*mut u8>());

/// Free bytes in a pool's lists at which the first scan runs, and the least between scans.
const SCAN_MIN: isize = 1 << 20;
/// Free bytes in a pool's lists from which a refill that would make a new chunk scans for
/// emptied runs first (doubled after each such scan, from what is left).
const GROW_SCAN_MIN: isize = 512 << 10;
/// The most bytes of emptied runs a pool keeps at a scan (see `Pool::keep`).
const KEEP_MAX: usize = 64 << 20;

/// The run `b` lies in.
#[inline(always)]
fn run_of(b: usize) -> usize {
    b & !(RUN_BYTES - 1)
}

/// One thread's boxes.
struct Pool {
    /// Per size class, the first free box; each free box's first word points to the next (or
    /// is null).
    free: [Cell<*mut u8>; CLASSES],
    /// The run being carved: its uncarved part starts at `bump` and ends at `end` (a run
    /// boundary).
    bump: Cell<*mut u8>,
    end: Cell<*mut u8>,
    /// The end of the uncarved region `end` lies in (a chunk's end).
    rest: Cell<*mut u8>,
    /// Bytes on the free lists (an estimate: boxes adopted from ended threads are not
    /// counted in, so it can go below zero).
    free_bytes: Cell<isize>,
    /// `free_bytes` at which `scan` runs next.
    scan_at: Cell<isize>,
    /// Runs `scan` found empty and kept: carved again (by any class) before a new chunk.
    spare: Cell<Vec<usize>>,
    /// Runs given back by `scan`, carved again after the spare ones.
    released: Cell<Vec<usize>>,
    /// `free_bytes` at which a refill about to make a new chunk scans first.
    grow_scan_at: Cell<isize>,
    /// Runs the last scan that gave runs back gave back, and released runs carved since.
    given_back: Cell<usize>,
    recarved: Cell<usize>,
    /// Bytes of emptied runs a scan keeps rather than gives back: 0 at first, doubled (from
    /// 2 MiB, up to `KEEP_MAX`) when most of what was last given back had to be carved again,
    /// halved when not. Several scans run while one structure is freed, and those after the
    /// first see nothing carved again, so a program that rebuilds the same structure still
    /// gives it back each time (as CPython's obmalloc does): see performance.md, session 14.
    keep: Cell<usize>,
}

/// The carved length of every sealed run, by run address (see the module docs). Written when
/// a run is sealed or released, read by `scan`: once per 64 KiB carved, or per scan.
static SEALED: Mutex<BTreeMap<usize, u32>> = Mutex::new(BTreeMap::new());

/// How pages are given back to the system (`set_page_release`).
static RELEASE: OnceLock<fn(*mut u8, usize)> = OnceLock::new();

/// Install how the object pool gives pages back to the system: `release(start, len)` must
/// leave the range usable, its contents unspecified (`madvise(MADV_DONTNEED)` or
/// `MADV_FREE`). Without it (a sandbox build, an embedder that does not call this) the pool
/// keeps emptied memory for later objects. The first call wins.
pub fn set_page_release(release: fn(*mut u8, usize)) {
    let _ = RELEASE.set(release);
}

/// Free lists left by threads that ended.
static ORPHANS: Mutex<Orphans> = Mutex::new(Orphans {
    lists: Vec::new(),
    tails: Vec::new(),
});
/// What threads that ended left: free lists (size class and first box's address) and
/// uncarved regions (start and end addresses: the rests of their newest chunks, and their
/// released runs), so that threads that come and go do not leave a mostly unused 1 MiB
/// chunk each.
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
            rest: Cell::new(ptr::null_mut()),
            free_bytes: Cell::new(0),
            scan_at: Cell::new(SCAN_MIN),
            spare: Cell::new(Vec::new()),
            released: Cell::new(Vec::new()),
            grow_scan_at: Cell::new(GROW_SCAN_MIN),
            given_back: Cell::new(0),
            recarved: Cell::new(0),
            keep: Cell::new(0),
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
            p.free_bytes.set(p.free_bytes.get() - size as isize);
            return head;
        }
        let b = p.bump.get();
        if (p.end.get() as usize) - (b as usize) >= size {
            // SAFETY: `b + size` stays inside the run (checked just above; both are null
            // before the first chunk, and then the difference is 0).
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
    let size = class_size(k);
    crate::limits::count(-(size as isize));
    // After the pool's teardown the block is leaked: it may be a system block.
    let _ = POOL.try_with(|p| {
        let list = &p.free[k];
        // SAFETY: the block is ours to reuse; its first word becomes the link.
        unsafe { b.as_ptr().cast::<*mut u8>().write(list.get()) };
        list.set(b.as_ptr());
        let f = p.free_bytes.get() + size as isize;
        p.free_bytes.set(f);
        if f >= p.scan_at.get() {
            scan(p, true);
            let left = p.free_bytes.get();
            p.scan_at.set((left.max(0) * 2).max(left + SCAN_MIN));
        }
    });
}

/// The slow path of `alloc_box_class(k)`: seal the run just carved and go on to the next
/// one of the region; else adopt an ended thread's free boxes of class `k`, or carve a
/// released run, an ended thread's uncarved region or a new chunk.
#[cold]
#[inline(never)]
fn refill(p: &Pool, k: usize) -> *mut u8 {
    let size = class_size(k);
    let (bump, end) = (p.bump.get() as usize, p.end.get() as usize);
    if end != 0 {
        // The run is done with (what is left of it is too small for this box): nothing more
        // is carved from it, so its carved length is final.
        let run = end - RUN_BYTES;
        if bump > run {
            seal(run, bump - run);
        }
        if (p.rest.get() as usize) > end {
            return carve_from(p, end as *mut u8, p.rest.get(), size);
        }
        // The region is used up: forget it, so that a later refill does not seal the run
        // again (with the whole run as its length) and a thread's end hands no tail over.
        p.bump.set(ptr::null_mut());
        p.end.set(ptr::null_mut());
        p.rest.set(ptr::null_mut());
    }
    // Spare runs first: their pages are resident.
    if let Some(run) = pop_run(&p.spare) {
        return carve_from(p, run as *mut u8, (run + RUN_BYTES) as *mut u8, size);
    }
    if HAS_ORPHANS.load(Ordering::Relaxed)
        && let Ok(mut orphans) = ORPHANS.lock()
    {
        let list = orphans.lists.iter().position(|&(c, _)| c == k);
        let adopted = if let Some(i) = list {
            let head = orphans.lists.swap_remove(i).1 as *mut u8;
            // SAFETY: an orphan list is a well-formed free list of boxes of class `k`.
            p.free[k].set(unsafe { head.cast::<*mut u8>().read() });
            Some(head)
        } else {
            None
        };
        let tail = if adopted.is_none() {
            orphans
                .tails
                .iter()
                .position(|&(start, end)| end - start >= size)
                .map(|i| orphans.tails.swap_remove(i))
        } else {
            None
        };
        HAS_ORPHANS.store(
            !orphans.lists.is_empty() || !orphans.tails.is_empty(),
            Ordering::Relaxed,
        );
        drop(orphans);
        if let Some(b) = adopted {
            return b;
        }
        if let Some((start, end)) = tail {
            return carve_from(p, start as *mut u8, end as *mut u8, size);
        }
    }
    if let Some(b) = carve_spare(p, size) {
        return b;
    }
    // Before the pool grows, the runs emptied since the last scan can serve any class.
    if p.free_bytes.get() >= p.grow_scan_at.get() {
        scan(p, false);
        let left = p.free_bytes.get();
        p.grow_scan_at.set((left.max(0) * 2).max(GROW_SCAN_MIN));
        if let Some(b) = carve_spare(p, size) {
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
    carve_from(p, chunk, chunk.wrapping_add(CHUNK_BYTES), size)
}

/// Carve from a spare run, else from a released one (whose pages fault in again).
fn carve_spare(p: &Pool, size: usize) -> Option<*mut u8> {
    let run = match pop_run(&p.spare) {
        Some(run) => run,
        None => {
            let run = pop_run(&p.released)?;
            p.recarved.set(p.recarved.get() + 1);
            run
        }
    };
    Some(carve_from(
        p,
        run as *mut u8,
        (run + RUN_BYTES) as *mut u8,
        size,
    ))
}

/// The last run of `runs`.
fn pop_run(runs: &Cell<Vec<usize>>) -> Option<usize> {
    let mut v = runs.take();
    let run = v.pop();
    runs.set(v);
    run
}

/// Make `[start, rest)` the region being carved (it ends at a run boundary and holds at
/// least `size` bytes) and carve a box of `size` bytes from it. A box never crosses a run's
/// end: when the run `start` lies in has less than `size` bytes left, that run is sealed and
/// carving starts at the next one.
fn carve_from(p: &Pool, mut start: *mut u8, rest: *mut u8, size: usize) -> *mut u8 {
    let mut run = run_of(start as usize);
    if run + RUN_BYTES - (start as usize) < size {
        if start as usize > run {
            seal(run, start as usize - run);
        }
        run += RUN_BYTES;
        start = run as *mut u8;
    }
    p.bump.set(start.wrapping_add(size));
    p.end.set((run + RUN_BYTES) as *mut u8);
    p.rest.set(rest);
    start
}

/// Note that the run at `run` was carved up to `len` bytes: `scan` may release it once every
/// one of its boxes is free.
fn seal(run: usize, len: usize) {
    if let Ok(mut sealed) = SEALED.lock() {
        sealed.insert(run, len as u32);
    }
}

/// Take the runs whose boxes are all on this pool's free lists off the lists: they become
/// spare runs, which any size class carves again. When `give_back` and a page-release hook
/// is installed, all but `keep` bytes of them are given back to the system instead (see the
/// module docs). Returns whether any run was found.
#[cold]
#[inline(never)]
fn scan(p: &Pool, give_back: bool) -> bool {
    let mut per_run: HashMap<usize, usize> = HashMap::new();
    for (k, list) in p.free.iter().enumerate() {
        let mut b = list.get();
        while !b.is_null() {
            *per_run.entry(run_of(b as usize)).or_default() += class_size(k);
            // SAFETY: a well-formed free list (see `alloc_box_class`).
            b = unsafe { b.cast::<*mut u8>().read() };
        }
    }
    let mut empty: Vec<usize> = Vec::new();
    if let Ok(mut sealed) = SEALED.lock() {
        empty.extend(
            per_run
                .iter()
                .filter(|&(run, &n)| sealed.get(run).is_some_and(|&len| len as usize == n))
                .map(|(&run, _)| run),
        );
        for run in &empty {
            sealed.remove(run);
        }
    }
    let found = !empty.is_empty();
    if found {
        let gone: std::collections::HashSet<usize> = empty.iter().copied().collect();
        for list in &p.free {
            // Relink the list without the boxes of those runs, in the same order.
            let mut b = list.get();
            let mut last: *mut u8 = ptr::null_mut();
            list.set(ptr::null_mut());
            while !b.is_null() {
                // SAFETY: as above.
                let next = unsafe { b.cast::<*mut u8>().read() };
                if !gone.contains(&run_of(b as usize)) {
                    if last.is_null() {
                        list.set(b);
                    } else {
                        // SAFETY: `last` is a free box of this list.
                        unsafe { last.cast::<*mut u8>().write(b) };
                    }
                    last = b;
                }
                b = next;
            }
            if !last.is_null() {
                // SAFETY: as above.
                unsafe { last.cast::<*mut u8>().write(ptr::null_mut()) };
            }
        }
    }
    // The lists were just counted: the estimate (which boxes adopted from ended threads make
    // drift) starts again from the truth.
    let bytes: usize = empty.iter().map(|r| per_run[r]).sum();
    let total: usize = per_run.values().sum();
    p.free_bytes.set((total - bytes) as isize);
    empty.sort_unstable();
    let mut spare = p.spare.take();
    spare.extend(empty);
    if give_back && let Some(release) = RELEASE.get() {
        // Churn: most of what the last scan that gave runs back gave was carved again since.
        // (Measured: a `keep` that only grows costs bm_unpack ~2 MiB of peak, because kept
        // runs serve boxes only and its later phases allocate from malloc.)
        let (given, again) = (p.given_back.get(), p.recarved.replace(0));
        let keep = if again * 2 > given {
            (p.keep.get() * 2).clamp(2 << 20, KEEP_MAX)
        } else {
            p.keep.get() / 2
        };
        p.keep.set(keep);
        let kept = (keep / RUN_BYTES).min(spare.len());
        let gone = spare.split_off(kept);
        for &run in &gone {
            release(run as *mut u8, RUN_BYTES);
        }
        p.given_back.set(gone.len());
        let mut released = p.released.take();
        released.extend(gone);
        p.released.set(released);
    }
    p.spare.set(spare);
    found
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
    /// Hand this thread's free boxes, the uncarved rest of its newest chunk and its released
    /// runs to the threads that live on.
    fn drop(&mut self) {
        let lists: Vec<(usize, usize)> = (self.free.iter().enumerate())
            .filter(|(_, f)| !f.get().is_null())
            .map(|(k, f)| (k, f.get() as usize))
            .collect();
        let (bump, rest) = (self.bump.get() as usize, self.rest.get() as usize);
        let mut tails: Vec<(usize, usize)> = (self.released.take().into_iter())
            .chain(self.spare.take())
            .map(|run| (run, run + RUN_BYTES))
            .collect();
        if rest != 0 && rest - bump >= BOX.size() {
            tails.push((bump, rest));
        }
        if (!lists.is_empty() || !tails.is_empty())
            && let Ok(mut orphans) = ORPHANS.lock()
        {
            orphans.lists.extend(lists);
            orphans.tails.extend(tails);
            HAS_ORPHANS.store(true, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{
        POOL, RUN_BYTES, alloc_box, alloc_box_class, class_size, free_box, free_box_class,
    };
    use std::ptr::NonNull;

    /// The page-release hook for tests: what `MADV_DONTNEED` does to the contents, so a
    /// released box still in use shows as zeroed.
    fn zero_pages(start: *mut u8, len: usize) {
        // SAFETY: the pool hands over a range it owns and no longer uses.
        unsafe { std::ptr::write_bytes(start, 0, len) };
    }

    /// Runs this thread's pool gave back or keeps spare, and has not carved again.
    fn released_and_spare_runs() -> (usize, usize) {
        POOL.with(|p| {
            let (r, s) = (p.released.take(), p.spare.take());
            let n = (r.len(), s.len());
            p.released.set(r);
            p.spare.set(s);
            n
        })
    }

    #[test]
    fn runs_emptied_by_one_class_are_carved_by_another() {
        let big: Vec<NonNull<u8>> = (0..(2 << 20) / class_size(12))
            .map(|_| alloc_box_class(12))
            .collect();
        let runs: std::collections::HashSet<usize> = big
            .iter()
            .map(|b| super::run_of(b.as_ptr() as usize))
            .collect();
        for b in big {
            // SAFETY: taken above, freed once.
            unsafe { free_box_class(b, 12) };
        }
        // Twice what those runs hold: boxes adopted from other tests' ended threads come
        // first, and then the emptied runs, before any new chunk.
        let small: Vec<NonNull<u8>> = (0..(4 << 20) / class_size(0))
            .map(|_| alloc_box())
            .collect();
        let reused = small
            .iter()
            .filter(|b| runs.contains(&super::run_of(b.as_ptr() as usize)))
            .count();
        let room = runs.len() * RUN_BYTES / class_size(0);
        assert!(reused * 2 > room, "{reused} boxes in runs that hold {room}");
        for b in small {
            // SAFETY: as above.
            unsafe { free_box(b) };
        }
    }

    #[test]
    fn emptied_runs_are_given_back_and_live_boxes_never_are() {
        super::set_page_release(zero_pages);
        // Boxes of two classes, interleaved; a fifth of them, in stretches of 3,000, stay
        // alive throughout (so some runs empty and others do not).
        let mut live: Vec<(NonNull<u8>, usize, u8)> = Vec::new();
        let mut dead: Vec<(NonNull<u8>, usize)> = Vec::new();
        for round in 0..3u8 {
            for i in 0..120_000usize {
                let k = if i % 3 == 0 { 5 } else { 0 };
                let b = alloc_box_class(k);
                if (i / 3000) % 5 == 2 {
                    let stamp = (i % 251) as u8 | 1;
                    // SAFETY: the block is `class_size(k)` bytes and ours.
                    unsafe { std::ptr::write_bytes(b.as_ptr(), stamp, class_size(k)) };
                    live.push((b, k, stamp));
                } else {
                    dead.push((b, k));
                }
            }
            for (b, k) in dead.drain(..) {
                // SAFETY: taken above, freed once.
                unsafe { free_box_class(b, k) };
            }
            // The first time, emptied runs are given back; rebuilding what was given back
            // makes later rounds keep them as spare runs instead.
            let (released, spare) = released_and_spare_runs();
            assert!(
                released > 0 || round > 0,
                "round {round}: nothing was given back"
            );
            assert!(released + spare > 0, "round {round}: no run was emptied");
            for (b, k, stamp) in &live {
                // SAFETY: a live block of ours.
                let bytes = unsafe { std::slice::from_raw_parts(b.as_ptr(), class_size(*k)) };
                assert!(bytes.iter().all(|x| x == stamp), "a live box was released");
            }
        }
        // Released runs are carved again: every box handed out is distinct.
        let again: Vec<NonNull<u8>> = (0..RUN_BYTES / 64 * 40).map(|_| alloc_box()).collect();
        let mut seen: Vec<usize> = again.iter().map(|b| b.as_ptr() as usize).collect();
        seen.extend(live.iter().map(|(b, _, _)| b.as_ptr() as usize));
        let n = seen.len();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), n, "a box was handed out twice");
        for b in again {
            // SAFETY: as above.
            unsafe { free_box(b) };
        }
        for (b, k, _) in live {
            // SAFETY: as above.
            unsafe { free_box_class(b, k) };
        }
    }

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
