//! Krait: a Python 3 interpreter. This crate is the embedding API.
//!
//! [`run_sandboxed`] runs a program against a [`SandboxHost`]: an in-memory file system,
//! only the environment given, a fixed clock unless the embedder supplies one, seeded
//! randomness, and no processes or sockets. With the `host` feature, [`os`] adds what an
//! embedder on a real machine needs to populate a sandbox safely: a read-only, confined view
//! of a host directory ([`os::mount_readonly`]), the real clock read-only and the real
//! standard streams.

pub use krait_vm::host::{
    Clock, FileStat, Host, MemStdio, MountSource, SandboxHost, SandboxStdio, TimeSource,
};
pub use krait_vm::{Config, Vm};

/// Run `source` (named `filename` in tracebacks) as `__main__` in a fresh interpreter over
/// `host`; the exit status.
pub fn run_sandboxed(host: SandboxHost, config: Config, source: &str, filename: &str) -> i32 {
    let mut vm = Vm::new(Box::new(host), config);
    krait_stdlib::register(&mut vm);
    vm.run_main(source, filename)
}

/// Run `source` in a sandbox with the given files, environment and stdin; returns
/// `(status, stdout, stderr)`. The files are `(path, contents)`; directories are made as
/// needed.
pub fn run_in_memory(
    source: &str,
    files: &[(&str, &[u8])],
    env: &[(&str, &str)],
    stdin: &[u8],
) -> (i32, Vec<u8>, Vec<u8>) {
    let stdio = MemStdio::with_stdin(stdin);
    let mut host = SandboxHost::new()
        .with_stdio(Box::new(stdio.clone()))
        .with_env(
            env.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        );
    for (path, data) in files {
        if let Err(e) = host.add_file(path, data.to_vec(), 0o644) {
            let msg = format!("cannot add {path} to the sandbox: {e}\n");
            return (1, Vec::new(), msg.into_bytes());
        }
    }
    let config = Config {
        argv: vec![String::from("<sandbox>")],
        hash_seed: Some(0),
        ..Config::default()
    };
    let status = run_sandboxed(host, config, source, "<sandbox>");
    let out = stdio.stdout.borrow().clone();
    let err = stdio.stderr.borrow().clone();
    (status, out, err)
}

/// Sandbox helpers that read the real machine (only with the `host` feature).
#[cfg(feature = "host")]
pub mod os {
    use std::io;

    use krait_host_env as env;

    use super::{FileStat, MountSource, SandboxHost, SandboxStdio, TimeSource};

    /// The real clock, read-only (the sandbox cannot set it); `sleep` really waits.
    pub struct RealClock;

    impl TimeSource for RealClock {
        fn time(&mut self) -> f64 {
            env::clock::time()
        }
        fn monotonic(&mut self) -> f64 {
            env::clock::monotonic()
        }
        fn sleep(&mut self, secs: f64) {
            env::clock::sleep(secs);
        }
    }

    /// The process's real standard streams.
    pub struct RealStdio;

    impl SandboxStdio for RealStdio {
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
    }

    /// Lend the sandbox the host directory `dir`, read-only and read lazily, at the same
    /// path if it is absolute, else at its resolved absolute path; returns that path.
    ///
    /// Confinement ([`HostDir`]): `dir` is resolved with `realpath` once; every later request
    /// names a path below it built from listed names, is resolved with `realpath` again and
    /// refused unless it stays under the resolved `dir`; symlinks that leave it are not
    /// listed. Only reads are ever made.
    pub fn mount_readonly(host: &mut SandboxHost, dir: &str) -> io::Result<String> {
        let root = env::fs::realpath(dir)?;
        let at = if dir.starts_with('/') {
            dir.trim_end_matches('/').to_string()
        } else {
            root.clone()
        };
        host.mount(&at, Box::new(HostDir { root }))?;
        Ok(at)
    }

    /// A host directory as a sandbox [`MountSource`], confined to `root`.
    pub struct HostDir {
        root: String,
    }

    impl HostDir {
        fn inside(&self, path: &str) -> bool {
            path == self.root || path.starts_with(&format!("{}/", self.root.trim_end_matches('/')))
        }

        /// The real path of `rel` below the root, if it stays there.
        fn confine(&self, rel: &str) -> io::Result<String> {
            if rel
                .split('/')
                .any(|c| c == ".." || c == "." || (c.is_empty() && !rel.is_empty()))
            {
                return Err(io::Error::from_raw_os_error(2));
            }
            let path = if rel.is_empty() {
                self.root.clone()
            } else {
                format!("{}/{rel}", self.root.trim_end_matches('/'))
            };
            let real = env::fs::realpath(&path)?;
            if !self.inside(&real) {
                return Err(io::Error::from_raw_os_error(2));
            }
            Ok(real)
        }
    }

    fn file_stat(m: env::fs::Metadata) -> FileStat {
        FileStat {
            is_dir: m.mode & 0o170000 == 0o040000,
            size: m.size,
            mtime: m.mtime_ns as f64 / 1e9,
            mode: m.mode,
            ino: m.ino,
            dev: m.dev,
            nlink: m.nlink,
            uid: m.uid,
            gid: m.gid,
            atime_ns: m.atime_ns,
            mtime_ns: m.mtime_ns,
            ctime_ns: m.ctime_ns,
            blksize: m.blksize,
            blocks: m.blocks,
            rdev: m.rdev,
        }
    }

    impl MountSource for HostDir {
        fn listdir(&mut self, rel: &str) -> io::Result<Vec<(String, FileStat)>> {
            let dir = self.confine(rel)?;
            let mut out = Vec::new();
            for e in env::fs::listdir(&dir)? {
                let path = format!("{}/{}", dir.trim_end_matches('/'), e.name);
                let real = match env::fs::realpath(&path) {
                    Ok(r) if self.inside(&r) => r,
                    _ => continue,
                };
                if let Ok(m) = env::fs::stat(&real) {
                    out.push((e.name, file_stat(m)));
                }
            }
            Ok(out)
        }

        fn read(&mut self, rel: &str) -> io::Result<Vec<u8>> {
            let real = self.confine(rel)?;
            env::fs::read(&real)
        }
    }
}
