//! Random bytes from the operating system.

use std::io::{self, Read};

/// `n` random bytes from `/dev/urandom`.
pub fn urandom(n: usize) -> io::Result<Vec<u8>> {
    let mut buf = vec![0; n];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut buf)?;
    Ok(buf)
}
