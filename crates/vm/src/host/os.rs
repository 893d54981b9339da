//! `OsHost`: the real operating system, through `krait-host-env`.

use std::io;

use krait_host_env as env;

use super::{FileStat, Host};

/// The host that is the real operating system.
#[derive(Default)]
pub struct OsHost;

impl Host for OsHost {
    fn write_stdout(&mut self, data: &[u8]) -> io::Result<()> {
        env::stdio::write_stdout(data)
    }
    fn write_stderr(&mut self, data: &[u8]) -> io::Result<()> {
        env::stdio::write_stderr(data)
    }
    fn flush(&mut self) -> io::Result<()> {
        env::stdio::flush()
    }
    fn read_stdin_line(&mut self) -> io::Result<Vec<u8>> {
        env::stdio::read_stdin_line()
    }
    fn read_stdin_all(&mut self) -> io::Result<Vec<u8>> {
        env::stdio::read_stdin_all()
    }
    fn stdin_is_tty(&self) -> bool {
        env::stdio::stdin_is_tty()
    }
    fn read_file(&mut self, path: &str) -> io::Result<Vec<u8>> {
        env::fs::read(path)
    }
    fn stat(&mut self, path: &str) -> io::Result<FileStat> {
        let m = env::fs::stat(path)?;
        Ok(FileStat {
            is_dir: m.is_dir,
            size: m.size,
            mtime: m.mtime,
        })
    }
    fn getcwd(&mut self) -> io::Result<String> {
        env::fs::getcwd()
    }
    fn env_var(&mut self, name: &str) -> Option<String> {
        env::environ::var(name)
    }
    fn env_vars(&mut self) -> Vec<(String, String)> {
        env::environ::vars()
    }
    fn time(&mut self) -> f64 {
        env::clock::time()
    }
    fn monotonic(&mut self) -> f64 {
        env::clock::monotonic()
    }
    fn urandom(&mut self, n: usize) -> io::Result<Vec<u8>> {
        env::random::urandom(n)
    }
}
