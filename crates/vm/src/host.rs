//! The `Host` seam: every operation that reaches outside the interpreter goes through the
//! `Host` object the interpreter was built with. `SandboxHost` (here) has no host at all;
//! `OsHost` (in `host/os.rs`, only with the `host` feature) is the real operating system through
//! the `krait-host-env` crate.

use std::collections::HashMap;
use std::io;

#[cfg(feature = "host")]
mod os;
#[cfg(feature = "host")]
pub use os::OsHost;

/// Metadata of a file, as much of `os.stat_result` as the VM needs so far.
#[derive(Clone, Debug, Default)]
pub struct FileStat {
    /// Whether it is a directory.
    pub is_dir: bool,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, seconds since the epoch.
    pub mtime: f64,
}

/// What the interpreter may ask of its host. Every method has a refusing default, so a host
/// grants only what it implements.
pub trait Host {
    /// Write to standard output.
    fn write_stdout(&mut self, data: &[u8]) -> io::Result<()>;
    /// Write to standard error.
    fn write_stderr(&mut self, data: &[u8]) -> io::Result<()>;
    /// Flush standard output and error.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
    /// Read one line from standard input, including its newline; empty at end of input.
    fn read_stdin_line(&mut self) -> io::Result<Vec<u8>> {
        Ok(Vec::new())
    }
    /// Read all of standard input.
    fn read_stdin_all(&mut self) -> io::Result<Vec<u8>> {
        Ok(Vec::new())
    }
    /// Whether standard input is an interactive terminal.
    fn stdin_is_tty(&self) -> bool {
        false
    }
    /// Read a whole file.
    fn read_file(&mut self, path: &str) -> io::Result<Vec<u8>> {
        Err(denied(path))
    }
    /// Metadata of a path.
    fn stat(&mut self, path: &str) -> io::Result<FileStat> {
        Err(denied(path))
    }
    /// The current directory.
    fn getcwd(&mut self) -> io::Result<String> {
        Ok(String::from("/"))
    }
    /// An environment variable.
    fn env_var(&mut self, _name: &str) -> Option<String> {
        None
    }
    /// All environment variables.
    fn env_vars(&mut self) -> Vec<(String, String)> {
        Vec::new()
    }
    /// Wall-clock time, seconds since the epoch.
    fn time(&mut self) -> f64 {
        0.0
    }
    /// A monotonic clock in seconds.
    fn monotonic(&mut self) -> f64 {
        0.0
    }
    /// Random bytes (`os.urandom`, hash seeds).
    fn urandom(&mut self, n: usize) -> io::Result<Vec<u8>> {
        Ok(vec![0; n])
    }
}

fn denied(path: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!("sandbox: no access to {path}"),
    )
}

/// A host with nothing behind it: output is collected in memory, files come from an
/// in-memory map, the clock stands still, randomness is fixed.
#[derive(Default)]
pub struct SandboxHost {
    /// Everything written to stdout.
    pub stdout: Vec<u8>,
    /// Everything written to stderr.
    pub stderr: Vec<u8>,
    /// What `input()`/`sys.stdin` read.
    pub stdin: Vec<u8>,
    stdin_pos: usize,
    /// Files visible to the program, by absolute path.
    pub files: HashMap<String, Vec<u8>>,
    /// The environment.
    pub env: HashMap<String, String>,
}

impl Host for SandboxHost {
    fn write_stdout(&mut self, data: &[u8]) -> io::Result<()> {
        self.stdout.extend_from_slice(data);
        Ok(())
    }
    fn write_stderr(&mut self, data: &[u8]) -> io::Result<()> {
        self.stderr.extend_from_slice(data);
        Ok(())
    }
    fn read_stdin_line(&mut self) -> io::Result<Vec<u8>> {
        let rest = &self.stdin[self.stdin_pos..];
        let n = rest
            .iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |i| i + 1);
        self.stdin_pos += n;
        Ok(rest[..n].to_vec())
    }
    fn read_stdin_all(&mut self) -> io::Result<Vec<u8>> {
        let rest = self.stdin[self.stdin_pos..].to_vec();
        self.stdin_pos = self.stdin.len();
        Ok(rest)
    }
    fn read_file(&mut self, path: &str) -> io::Result<Vec<u8>> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "No such file or directory"))
    }
    fn stat(&mut self, path: &str) -> io::Result<FileStat> {
        match self.files.get(path) {
            Some(f) => Ok(FileStat {
                is_dir: false,
                size: f.len() as u64,
                mtime: 0.0,
            }),
            None => Err(io::Error::new(
                io::ErrorKind::NotFound,
                "No such file or directory",
            )),
        }
    }
    fn env_var(&mut self, name: &str) -> Option<String> {
        self.env.get(name).cloned()
    }
    fn env_vars(&mut self) -> Vec<(String, String)> {
        self.env
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}
