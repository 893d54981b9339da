//! Random bytes from the operating system.

use std::io::{self, Read};

/// `n` random bytes from `/dev/urandom`.
pub fn urandom(n: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    buf.try_reserve_exact(n)
        .map_err(|_| io::Error::from_raw_os_error(12))?;
    buf.resize(n, 0);
    std::fs::File::open("/dev/urandom")?.read_exact(&mut buf)?;
    Ok(buf)
}
