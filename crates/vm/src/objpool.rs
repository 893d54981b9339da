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
//! pool's thread has freed enough bytes since the last scan ([`Pool::scan_in`]), [`scan`]
//! counts the free lists per run, and a sealed run whose boxes are all on this pool's lists
//! is taken off them and its pages given back to the system through the hook the embedder
//! installed ([`set_page_release`]; the CLI uses `madvise(MADV_DONTNEED)`): after a program
//! drops a large structure, its memory is the system's again, as obmalloc frees emptied
//! arenas, rather than boxes that only later boxes can use while glibc's heap grows for
//! everything else. Released runs are carved again before a new chunk is made. A program
//! that keeps carving again what was emptied (churn: it drops and rebuilds a structure)
//! makes the pool keep that much of its emptied runs resident ([`Pool::keep`]).
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

use crate::fasthash::FastBuild;

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

/// Bytes freed after which a scan runs (at the least: as many as the last scan left on the
/// lists, so that a scan's walk costs a bounded amount per byte freed).
const SCAN_MIN: usize = 1 << 20;
/// Bytes freed since the last scan from which a refill that would make a new chunk scans for
/// emptied runs first (at the least: as many as the last scan left on the lists).
const GROW_SCAN_MIN: usize = 512 << 10;
/// The most bytes of emptied runs a pool keeps (see `Pool::keep`).
const KEEP_MAX: usize = 64 << 20;
/// Free-triggered scans in a row that find no emptied run, with none carved again, after
/// which each halves `keep` (`decide_keep`).
const IDLE_SCANS: u32 = 4;

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
    /// Bytes still to be freed before the next scan: set to `scan_every` by each scan and
    /// lowered by each free. The only count on the hot paths (an allocation counts nothing),
    /// so it counts frees, not what the lists hold: a run can only empty through frees.
    scan_in: Cell<isize>,
    /// What `scan_in` was last set to (`scan_every - scan_in` bytes were freed since).
    scan_every: Cell<isize>,
    /// Bytes the last scan left on the free lists: what the next scan walks at the least.
    left: Cell<usize>,
    /// Runs `scan` found empty and kept: carved again (by any class) before a new chunk.
    spare: Cell<Vec<usize>>,
    /// Runs given back by `scan`, carved again after the spare ones.
    released: Cell<Vec<usize>>,
    /// Bytes of emptied runs a free-triggered scan keeps as spare rather than gives back
    /// (`decide_keep`): 0 at first, grown by what had to be carved again from released runs.
    keep: Cell<usize>,
    /// Spare runs, and released runs, carved again since `keep` was last set: one cycle of a
    /// program that frees a structure and builds another.
    recarved_spare: Cell<usize>,
    recarved_released: Cell<usize>,
    /// Free-triggered scans in a row that found nothing with nothing carved again.
    idle: Cell<u32>,
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
            scan_in: Cell::new(SCAN_MIN as isize),
            scan_every: Cell::new(SCAN_MIN as isize),
            left: Cell::new(0),
            spare: Cell::new(Vec::new()),
            released: Cell::new(Vec::new()),
            keep: Cell::new(0),
            recarved_spare: Cell::new(0),
            recarved_released: Cell::new(0),
            idle: Cell::new(0),
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
        let n = p.scan_in.get() - size as isize;
        p.scan_in.set(n);
        if n < 0 {
            scan(p, true);
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
        p.recarved_spare.set(p.recarved_spare.get() + 1);
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
    let freed = (p.scan_every.get() - p.scan_in.get()).max(0) as usize;
    if freed >= p.left.get().max(GROW_SCAN_MIN) {
        scan(p, false);
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
        Some(run) => {
            p.recarved_spare.set(p.recarved_spare.get() + 1);
            run
        }
        None => {
            let run = pop_run(&p.released)?;
            p.recarved_released.set(p.recarved_released.get() + 1);
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

/// What a scan counts in one run: the free bytes on this pool's lists that lie in it, the
/// classes of those boxes (bit `k` for class `k`), and whether the run is being taken off.
#[derive(Clone, Copy, Default)]
struct RunCount {
    bytes: usize,
    classes: u32,
    gone: bool,
}
const _: () = assert!(CLASSES <= u32::BITS as usize);

/// Count `bytes` of class `k` free in `run`.
#[inline]
fn count_run(
    per_run: &mut HashMap<usize, RunCount, FastBuild>,
    run: usize,
    bytes: usize,
    k: usize,
) {
    let c = per_run.entry(run).or_default();
    c.bytes += bytes;
    c.classes |= 1 << k;
}

/// Take the runs whose boxes are all on this pool's free lists off the lists: they become
/// spare runs, which any size class carves again. When `give_back` and a page-release hook
/// is installed, all but `keep` bytes of them are given back to the system instead (see the
/// module docs).
#[cold]
#[inline(never)]
fn scan(p: &Pool, give_back: bool) {
    // Consecutive boxes of a list mostly lie in one run (carved in order, and freed in the
    // order a structure held them), so the map is touched once per stretch, not per box.
    let mut per_run: HashMap<usize, RunCount, FastBuild> = HashMap::default();
    let mut total = 0;
    for (k, list) in p.free.iter().enumerate() {
        let size = class_size(k);
        let (mut run, mut bytes) = (0, 0);
        let mut b = list.get();
        while !b.is_null() {
            let r = run_of(b as usize);
            if r != run {
                if bytes != 0 {
                    count_run(&mut per_run, run, bytes, k);
                    total += bytes;
                }
                (run, bytes) = (r, 0);
            }
            bytes += size;
            // SAFETY: a well-formed free list (see `alloc_box_class`).
            b = unsafe { b.cast::<*mut u8>().read() };
        }
        if bytes != 0 {
            count_run(&mut per_run, run, bytes, k);
            total += bytes;
        }
    }
    let mut empty: Vec<usize> = Vec::new();
    let (mut gone_bytes, mut gone_classes) = (0, 0u32);
    if let Ok(mut sealed) = SEALED.lock() {
        for (&run, c) in per_run.iter_mut() {
            if sealed.get(&run).is_some_and(|&len| len as usize == c.bytes) {
                sealed.remove(&run);
                c.gone = true;
                empty.push(run);
                gone_bytes += c.bytes;
                gone_classes |= c.classes;
            }
        }
    }
    for (k, list) in p.free.iter().enumerate() {
        if gone_classes & (1 << k) == 0 {
            continue;
        }
        // Relink the list without the boxes of those runs, in the same order.
        let mut b = list.get();
        let mut last: *mut u8 = ptr::null_mut();
        let (mut run, mut gone) = (0, false);
        list.set(ptr::null_mut());
        while !b.is_null() {
            // SAFETY: as above.
            let next = unsafe { b.cast::<*mut u8>().read() };
            let r = run_of(b as usize);
            if r != run {
                run = r;
                gone = per_run.get(&r).is_some_and(|c| c.gone);
            }
            if !gone {
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
    // The next scan walks at least what is left: it waits for at least as many bytes freed.
    let left = total - gone_bytes;
    let every = left.max(SCAN_MIN) as isize;
    p.left.set(left);
    p.scan_every.set(every);
    p.scan_in.set(every);
    let found = empty.len();
    empty.sort_unstable();
    let mut spare = p.spare.take();
    spare.extend(empty);
    if give_back && let Some(release) = RELEASE.get() {
        decide_keep(p, found);
        let kept = (p.keep.get() / RUN_BYTES).min(spare.len());
        let gone = spare.split_off(kept);
        for &run in &gone {
            release(run as *mut u8, RUN_BYTES);
        }
        let mut released = p.released.take();
        released.extend(gone);
        p.released.set(released);
    }
    p.spare.set(spare);
}

/// Set `keep` at a free-triggered scan that found `found` emptied runs.
///
/// A cycle closes when runs empty again after emptied runs were carved again. If the
/// cycle's carving used up the spare runs and went on to released ones (a program that
/// drops and rebuilds a structure larger than what was kept), those pages were faulted in
/// again: `keep` grows by that much, so that the next rebuild finds them resident. If not, it
/// shrinks to what the cycle carved, by at most half. Several scans run while one structure
/// is freed, and only the first after the carving closes the cycle: the later ones see
/// nothing carved again and leave `keep` alone. Scans that find nothing with nothing carved
/// again (the program has moved on) halve it after [`IDLE_SCANS`] of them in a row, so that
/// the runs kept for a loop that ended go back to the system. (Kept runs serve boxes only:
/// a `keep` that only grew cost bm_unpack ~2 MiB of peak in session 14, its later phases
/// allocating from malloc; this one grows only by pages that were faulted in again.)
fn decide_keep(p: &Pool, found: usize) {
    let (spare, released) = (p.recarved_spare.get(), p.recarved_released.get());
    let keep = p.keep.get();
    if found > 0 && spare + released > 0 {
        p.keep.set(if released > 0 {
            (keep + released * RUN_BYTES).min(KEEP_MAX)
        } else {
            (spare * RUN_BYTES).clamp(keep / 2, keep)
        });
        p.recarved_spare.set(0);
        p.recarved_released.set(0);
        p.idle.set(0);
    } else if found == 0 && spare + released == 0 {
        let idle = p.idle.get() + 1;
        if idle >= IDLE_SCANS {
            p.keep.set(keep / 2);
        }
        p.idle.set(idle);
    } else {
        p.idle.set(0);
    }
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
    use std::cell::Cell;
    use std::ptr::NonNull;

    thread_local! {
        /// Bytes the page-release hook was given on this thread.
        static RELEASED_BYTES: Cell<usize> = const { Cell::new(0) };
    }

    /// The page-release hook for tests: what `MADV_DONTNEED` does to the contents, so a
    /// released box still in use shows as zeroed; counts what it was given.
    fn zero_pages(start: *mut u8, len: usize) {
        // SAFETY: the pool hands over a range it owns and no longer uses.
        unsafe { std::ptr::write_bytes(start, 0, len) };
        RELEASED_BYTES.with(|n| n.set(n.get() + len));
    }

    /// Check that the live boxes still hold their stamps.
    fn check_live(live: &[(NonNull<u8>, usize, u8)]) {
        for (b, k, stamp) in live {
            // SAFETY: a live block of ours.
            let bytes = unsafe { std::slice::from_raw_parts(b.as_ptr(), class_size(*k)) };
            assert!(bytes.iter().all(|x| x == stamp), "a live box was released");
        }
    }

    /// Build about `bytes` of boxes of two classes, interleaved, and free them in order;
    /// with `live`, one box in 20,000 stays alive, stamped, in it. Returns the bytes the
    /// page-release hook was given meanwhile.
    fn build_and_drop(bytes: usize, live: Option<&mut Vec<(NonNull<u8>, usize, u8)>>) -> usize {
        let before = RELEASED_BYTES.with(Cell::get);
        let n = bytes / class_size(2);
        let mut dead = Vec::with_capacity(n);
        let mut live = live;
        for i in 0..n {
            let k = if i % 2 == 0 { 4 } else { 0 };
            let b = alloc_box_class(k);
            if let Some(live) = live.as_mut().filter(|_| i % 20_000 == 17) {
                let stamp = (i % 251) as u8 | 1;
                // SAFETY: the block is `class_size(k)` bytes and ours.
                unsafe { std::ptr::write_bytes(b.as_ptr(), stamp, class_size(k)) };
                live.push((b, k, stamp));
            } else {
                dead.push((b, k));
            }
        }
        for (b, k) in dead {
            // SAFETY: taken above, freed once.
            unsafe { free_box_class(b, k) };
        }
        RELEASED_BYTES.with(Cell::get) - before
    }

    #[test]
    fn a_structure_rebuilt_in_a_loop_keeps_its_pages() {
        super::set_page_release(zero_pages);
        // Some boxes of the first round stay alive throughout.
        let mut live = Vec::new();
        let mut given = vec![build_and_drop(6 << 20, Some(&mut live))];
        given.extend((1..8).map(|_| build_and_drop(6 << 20, None)));
        check_live(&live);
        // The first drop gives the runs back (nothing says they will be needed again); once
        // a rebuild has carved them again, later drops keep them for the next rebuild, over
        // all the scans that one drop runs.
        assert!(given[0] > 2 << 20, "first drop gave back {given:?}");
        let later: usize = given[2..].iter().sum();
        assert!(later < given[0] / 4, "later drops gave back {given:?}");
        let (_, spare) = released_and_spare_runs();
        assert!(
            spare * RUN_BYTES > 2 << 20,
            "{spare} spare runs after the loop"
        );
        // Once the loop is over, frees that empty nothing and carve nothing again give the
        // kept runs back, a half at a time.
        for _ in 0..(40 << 20) / class_size(0) {
            // SAFETY: freed once, just after it was taken.
            unsafe { free_box(alloc_box()) };
        }
        check_live(&live);
        let (_, spare) = released_and_spare_runs();
        assert_eq!(spare, 0, "spare runs kept after the loop ended");
        for (b, k, _) in live {
            // SAFETY: taken in `build_and_drop`, freed once.
            unsafe { free_box_class(b, k) };
        }
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
        // Boxes adopted from other tests' ended threads (their lists and uncarved regions,
        // several MiB) come first, and then the emptied runs, before any new chunk: take
        // boxes until most of those runs are carved again (or far more than they hold).
        let room = runs.len() * RUN_BYTES / class_size(0);
        let mut small: Vec<NonNull<u8>> = Vec::new();
        let mut reused = 0;
        while reused * 2 <= room && small.len() < (64 << 20) / class_size(0) {
            let b = alloc_box();
            reused += usize::from(runs.contains(&super::run_of(b.as_ptr() as usize)));
            small.push(b);
        }
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
