//! Memory-mapped files and anonymous memory (`mmap(2)`), for Python's `mmap` module.

use std::io;

unsafe extern "C" {
    fn mmap(addr: *mut u8, len: usize, prot: i32, flags: i32, fd: i32, off: i64) -> *mut u8;
    fn munmap(addr: *mut u8, len: usize) -> i32;
    fn msync(addr: *mut u8, len: usize, flags: i32) -> i32;
    fn mremap(old: *mut u8, old_len: usize, new_len: usize, flags: i32, ...) -> *mut u8;
    fn sysconf(name: i32) -> i64;
}

/// `PROT_READ`
pub const PROT_READ: i32 = 1;
/// `PROT_WRITE`
pub const PROT_WRITE: i32 = 2;
/// `MAP_SHARED`
pub const MAP_SHARED: i32 = 1;
/// `MAP_PRIVATE`
pub const MAP_PRIVATE: i32 = 2;
/// `MAP_ANONYMOUS`
pub const MAP_ANONYMOUS: i32 = 0x20;
const MS_SYNC: i32 = 4;
const MREMAP_MAYMOVE: i32 = 1;
const SC_PAGESIZE: i32 = 30;
const MAP_FAILED: usize = usize::MAX;

/// The page size (`mmap.PAGESIZE`, `ALLOCATIONGRANULARITY`).
pub fn page_size() -> usize {
    // SAFETY: sysconf reads a constant.
    let n = unsafe { sysconf(SC_PAGESIZE) };
    if n > 0 { n as usize } else { 4096 }
}

/// A mapping, unmapped when dropped. A zero-length mapping maps nothing.
pub struct Mapping {
    ptr: *mut u8,
    len: usize,
}

impl Mapping {
    /// Map `len` bytes of `fd` from `offset` (`fd` -1 with `MAP_ANONYMOUS`: fresh zeroed memory).
    pub fn new(fd: i32, len: usize, prot: i32, flags: i32, offset: i64) -> io::Result<Mapping> {
        if len == 0 {
            return Ok(Mapping {
                ptr: std::ptr::null_mut(),
                len: 0,
            });
        }
        // SAFETY: a fresh mapping chosen by the kernel; nothing else refers to it.
        let p = unsafe { mmap(std::ptr::null_mut(), len, prot, flags, fd, offset) };
        if p as usize == MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(Mapping { ptr: p, len })
    }

    /// The mapped bytes.
    pub fn bytes(&self) -> &[u8] {
        if self.len == 0 {
            return &[];
        }
        // SAFETY: `ptr` maps `len` readable bytes for as long as `self` lives.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }

    /// The mapped bytes, writable (the mapping must have been made with `PROT_WRITE`).
    pub fn bytes_mut(&mut self) -> &mut [u8] {
        if self.len == 0 {
            return &mut [];
        }
        // SAFETY: as above, and `&mut self` makes this the only view.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }

    /// Write changes in `[offset, offset + len)` back to the file (`msync`).
    pub fn flush(&self, offset: usize, len: usize) -> io::Result<()> {
        if self.len == 0 || len == 0 {
            return Ok(());
        }
        let end = offset.checked_add(len).filter(|&e| e <= self.len);
        if end.is_none() {
            return Err(io::Error::from_raw_os_error(22));
        }
        // msync wants a page-aligned start.
        let start = offset - offset % page_size();
        // SAFETY: the range lies inside the mapping.
        let r = unsafe { msync(self.ptr.add(start), len + (offset - start), MS_SYNC) };
        if r != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    /// Grow or shrink the mapping to `new_len` bytes (it may move).
    pub fn resize(&mut self, new_len: usize) -> io::Result<()> {
        if self.len == 0 || new_len == 0 {
            return Err(io::Error::from_raw_os_error(22));
        }
        // SAFETY: remapping our own mapping; the old address is not used afterwards.
        let p = unsafe { mremap(self.ptr, self.len, new_len, MREMAP_MAYMOVE) };
        if p as usize == MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        self.ptr = p;
        self.len = new_len;
        Ok(())
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        if self.len != 0 {
            // SAFETY: unmapping our own mapping once.
            unsafe {
                munmap(self.ptr, self.len);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anonymous_round_trip_and_resize() {
        let mut m = Mapping::new(
            -1,
            10,
            PROT_READ | PROT_WRITE,
            MAP_PRIVATE | MAP_ANONYMOUS,
            0,
        )
        .unwrap();
        assert_eq!(m.bytes(), &[0; 10]);
        m.bytes_mut()[..3].copy_from_slice(b"abc");
        m.resize(8192).unwrap();
        assert_eq!(&m.bytes()[..4], b"abc\0");
        assert_eq!(m.bytes().len(), 8192);
    }
}
