//! Krait: a Python 3 interpreter. This crate is the embedding API.
//!
//! [`run_sandboxed`] runs a program against a [`SandboxHost`]: an in-memory file system,
//! only the environment given, a fixed clock unless the embedder supplies one, seeded
//! randomness, and no processes or sockets. With the `host` feature, [`os`] adds what an
//! embedder on a real machine needs to populate a sandbox safely: a read-only copy of a host
//! directory ([`os::mount_readonly`]), the real clock read-only and the real standard streams.

pub use krait_vm::host::{Clock, Host, MemStdio, SandboxHost, SandboxStdio, TimeSource};
pub use krait_vm::{Config, Vm};

/// Run `source` (named `filename` in tracebacks) as `__main__` in a fresh interpreter over
/// `host`; the exit status.
pub fn run_sandboxed(host: SandboxHost, config: Config, source: &str, filename: &str) -> i32 {
    let mut vm = Vm::new(Box::new(host), config);
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

    use super::{SandboxHost, SandboxStdio, TimeSource};

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

    /// Most bytes [`mount_readonly`] copies in.
    pub const MOUNT_LIMIT: u64 = 256 << 20;

    /// Copy the host directory `dir` into the sandbox, read-only (files `0o444`, directories
    /// `0o555`), at the same absolute path (after resolving symlinks); returns that path.
    ///
    /// Confinement: `dir` is resolved with `realpath` first; every entry is examined with
    /// `lstat`; a symlink is followed only if its `realpath` stays under the resolved `dir`
    /// (it is then copied as the file or directory it names), otherwise skipped. Nothing
    /// outside `dir` is read, and the sandbox never reaches the host afterwards.
    pub fn mount_readonly(host: &mut SandboxHost, dir: &str) -> io::Result<String> {
        let root = env::fs::realpath(dir)?;
        let mut budget = MOUNT_LIMIT;
        copy_dir(host, &root, &root, &mut budget, 0)?;
        Ok(root)
    }

    fn inside(root: &str, path: &str) -> bool {
        path == root || path.starts_with(&format!("{}/", root.trim_end_matches('/')))
    }

    fn copy_dir(
        host: &mut SandboxHost,
        root: &str,
        dir: &str,
        budget: &mut u64,
        depth: usize,
    ) -> io::Result<()> {
        if depth > 64 {
            return Ok(());
        }
        host.add_dir(dir, 0o755)?;
        for e in env::fs::listdir(dir)? {
            let path = format!("{}/{}", dir.trim_end_matches('/'), e.name);
            let real = match e.kind {
                env::fs::Kind::Symlink => match env::fs::realpath(&path) {
                    Ok(r) if inside(root, &r) => r,
                    _ => continue,
                },
                _ => path.clone(),
            };
            let Ok(meta) = env::fs::stat(&real) else {
                continue;
            };
            if meta.mode & 0o170000 == 0o040000 {
                if e.kind == env::fs::Kind::Symlink {
                    // A symlink to a directory inside the mount: link it, copy nothing twice.
                    host.add_symlink(&path, &real)?;
                } else {
                    copy_dir(host, root, &path, budget, depth + 1)?;
                }
            } else if meta.mode & 0o170000 == 0o100000 {
                if meta.size > *budget {
                    return Err(io::Error::other(format!(
                        "{root}: more than {MOUNT_LIMIT} bytes to mount"
                    )));
                }
                *budget -= meta.size;
                let data = env::fs::read(&real)?;
                host.add_file(&path, data, 0o444)?;
            }
        }
        host.add_dir(dir, 0o555)
    }
}
