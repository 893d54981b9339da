//! Files and directories.

use std::io;

/// File metadata.
pub struct Metadata {
    /// Whether it is a directory.
    pub is_dir: bool,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, seconds since the epoch.
    pub mtime: f64,
}

/// Read a whole file.
pub fn read(path: &str) -> io::Result<Vec<u8>> {
    std::fs::read(path)
}

/// Metadata of `path`, following symlinks.
pub fn stat(path: &str) -> io::Result<Metadata> {
    let m = std::fs::metadata(path)?;
    let mtime = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0.0, |d| d.as_secs_f64());
    Ok(Metadata {
        is_dir: m.is_dir(),
        size: m.len(),
        mtime,
    })
}

/// The current directory.
pub fn getcwd() -> io::Result<String> {
    Ok(std::env::current_dir()?.to_string_lossy().into_owned())
}
