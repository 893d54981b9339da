//! The programs of `tests/sandbox/` run in-process under `SandboxHost` through
//! `krait::run_in_memory`: no OS host exists in the interpreter at all. This test also runs in
//! the sandbox build (`cargo test -p krait --no-default-features`, CI layer 3).

// The harness reads the test programs from the repository: the host boundary of clippy.toml
// does not apply to it.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::path::{Path, PathBuf};

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/sandbox");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/sandbox")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    v.sort();
    assert!(v.len() >= 5, "sandbox programs missing");
    v
}

fn run(src: String) -> (i32, String, String) {
    // The interpreter recurses in Rust: give it a big stack, as the `krait` binary does.
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let (status, out, err) = krait::run_in_memory(&src, &[], &[("GIVEN", "yes")], b"");
            (
                status,
                String::from_utf8_lossy(&out).into_owned(),
                String::from_utf8_lossy(&err).into_owned(),
            )
        })
        .expect("thread")
        .join()
        .expect("interpreter thread")
}

/// CPython's `Lib/` lent read-only through a `MountSource` this harness implements with
/// `std::fs` (test code, outside the interpreter). Only regular files and directories are
/// listed; the library holds no symlinks that matter here.
struct LibDir(PathBuf);

impl krait::MountSource for LibDir {
    fn listdir(&mut self, rel: &str) -> std::io::Result<Vec<(String, krait::FileStat)>> {
        use std::os::unix::fs::MetadataExt;
        let mut out = Vec::new();
        for e in std::fs::read_dir(self.0.join(rel))?.flatten() {
            let Ok(m) = std::fs::metadata(e.path()) else {
                continue;
            };
            if !(m.is_dir() || m.is_file()) {
                continue;
            }
            out.push((
                e.file_name().to_string_lossy().into_owned(),
                krait::FileStat {
                    is_dir: m.is_dir(),
                    size: m.len(),
                    mode: m.mode(),
                    mtime_ns: m.mtime() * 1_000_000_000,
                    mtime: m.mtime() as f64,
                    nlink: 1,
                    ..Default::default()
                },
            ));
        }
        Ok(out)
    }

    fn read(&mut self, rel: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.0.join(rel))
    }
}

fn run_with_stdlib(src: String) -> (i32, String, String) {
    let lib = env!("KRAIT_BUILD_STDLIB");
    assert!(!lib.is_empty(), "no CPython Lib/ found at build time");
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let stdio = krait::MemStdio::with_stdin(b"");
            let mut host = krait::SandboxHost::new()
                .with_stdio(Box::new(stdio.clone()))
                .with_env(vec![("GIVEN".into(), "yes".into())]);
            host.mount(lib, Box::new(LibDir(PathBuf::from(lib))))
                .expect("mount Lib/");
            let config = krait::Config {
                argv: vec![String::from("<sandbox>")],
                hash_seed: Some(0),
                stdlib: lib.to_string(),
                ..krait::Config::default()
            };
            let status = krait::run_sandboxed(host, config, &src, "<sandbox>");
            (
                status,
                String::from_utf8_lossy(&stdio.stdout.borrow()).into_owned(),
                String::from_utf8_lossy(&stdio.stderr.borrow()).into_owned(),
            )
        })
        .expect("thread")
        .join()
        .expect("interpreter thread")
}

#[test]
fn sandbox_programs_in_process() {
    let mut failures = Vec::new();
    for p in programs() {
        let src = std::fs::read_to_string(&p).expect("program");
        // Programs that import CPython's Lib/ get it lent by this harness (the sandbox build
        // has no `krait::os::mount_readonly`): they are proven in the sandbox build too.
        let (status, out, err) = if src.starts_with("# needs: stdlib") {
            run_with_stdlib(src)
        } else {
            run(src)
        };
        if status != 0 || out != "ok\n" || !err.is_empty() {
            failures.push(format!(
                "{}: status {status}\nstdout:\n{out}\nstderr:\n{err}",
                p.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn sandbox_output_and_files_stay_in_memory() {
    let src = "import posix\nopen('/tmp/f', 'w').write('x' * 10)\nprint(posix.stat('/tmp/f').st_size, posix.environ)\n";
    let (status, out, err) = run(src.to_string());
    assert_eq!(
        (status, out.as_str(), err.as_str()),
        (0, "10 {b'GIVEN': b'yes'}\n", "")
    );
}

#[test]
fn sandbox_standard_streams_are_the_embedders() {
    // sys.stdin, input(), sys.stdout and sys.stderr read and write the embedder's buffers.
    let src = "import sys\nprint(input(), sys.stdin.read().upper(), file=sys.stderr)\nsys.stdout.write('out')\n";
    let (status, out, err) = krait::run_in_memory(src, &[], &[], b"line1\nrest\n");
    assert_eq!(
        (status, out.as_slice(), err.as_slice()),
        (0, &b"out"[..], &b"line1 REST\n\n"[..])
    );
}

#[test]
fn sandbox_clock_and_randomness_are_deterministic() {
    let src = "import posix\nprint(posix.urandom(8).hex())\n";
    let a = run(src.to_string());
    let b = run(src.to_string());
    assert_eq!(a, b);
    assert_eq!(a.0, 0);
}

#[test]
fn sandbox_clock_is_virtual() {
    // A fixed clock: sleeping advances it at once, without waiting.
    let src = "import time\na = time.time()\ntime.sleep(1000)\nprint(a, time.time() - a, time.monotonic())\n";
    let start = std::time::Instant::now();
    let (status, out, err) = run(src.to_string());
    assert_eq!(
        (status, out.as_str(), err.as_str()),
        (0, "0.0 1000.0 1000.0\n", "")
    );
    assert!(start.elapsed().as_secs() < 60);
}

mod memfs {
    //! `SandboxHost`'s file system through the `Host` trait, for what Python cannot set up.
    use krait::{Host, SandboxHost};

    const RW_CREATE: i32 = 0o2 | 0o100;

    fn errno<T: std::fmt::Debug>(r: std::io::Result<T>) -> i32 {
        r.expect_err("should fail").raw_os_error().unwrap_or(-1)
    }

    #[test]
    fn quota_is_enforced() {
        let mut h = SandboxHost::new();
        h.quota = 100;
        let fd = h.open("/tmp/q", RW_CREATE, 0o600).expect("open");
        assert_eq!(h.write(fd, &[0; 60]).expect("write"), 60);
        assert_eq!(errno(h.write(fd, &[0; 60])), 28);
        assert_eq!(errno(h.truncate(fd, 1000)), 28);
        h.truncate(fd, 0).expect("shrink");
        // The position stays at 60: writing 90 there would make a 150-byte file.
        assert_eq!(errno(h.write(fd, &[0; 90])), 28);
        h.seek(fd, 0, 0).expect("seek");
        assert_eq!(h.write(fd, &[0; 90]).expect("write"), 90);
    }

    #[test]
    fn unlinked_file_lives_while_open() {
        let mut h = SandboxHost::new();
        let fd = h.open("/tmp/u", RW_CREATE, 0o600).expect("open");
        h.write(fd, b"data").expect("write");
        h.unlink("/tmp/u").expect("unlink");
        assert_eq!(errno(h.stat("/tmp/u")), 2);
        h.seek(fd, 0, 0).expect("seek");
        assert_eq!(h.read(fd, 10).expect("read"), b"data");
        h.close(fd).expect("close");
        assert_eq!(errno(h.close(fd)), 9);
    }

    #[test]
    fn permissions_and_structure() {
        let mut h = SandboxHost::new();
        assert_eq!(
            errno(h.open("/x", RW_CREATE, 0o600)),
            13,
            "the root is read-only"
        );
        assert_eq!(errno(h.mkdir("/y", 0o755)), 13);
        h.mkdir("/tmp/d", 0o755).expect("mkdir");
        assert_eq!(errno(h.mkdir("/tmp/d", 0o755)), 17);
        assert_eq!(errno(h.rename("/tmp/d", "/tmp/d/inside")), 22);
        h.add_file("/tmp/d/ro", b"x".to_vec(), 0o444).expect("add");
        assert_eq!(errno(h.open("/tmp/d/ro", 0o1, 0)), 13);
        assert_eq!(errno(h.rmdir("/tmp/d")), 39);
        assert_eq!(errno(h.unlink("/tmp/d")), 21);
        assert_eq!(errno(h.rmdir("/tmp/d/ro")), 20);
        assert_eq!(errno(h.stat("/tmp/d/ro/x")), 20);
        h.chdir("/tmp/d").expect("chdir");
        h.chdir("../../../..").expect("chdir up");
        assert_eq!(h.getcwd().expect("cwd"), "/");
        // A dangling symlink is not a way to create files elsewhere.
        h.symlink("/nowhere/f", "/tmp/dangling").expect("symlink");
        assert_eq!(errno(h.open("/tmp/dangling", RW_CREATE, 0o600)), 40);
        assert_eq!(errno(h.stat("/nowhere")), 2);
        assert!(
            h.listdir("/")
                .expect("root")
                .iter()
                .all(|e| e.name == "tmp")
        );
    }

    #[test]
    fn randomness_comes_from_the_seed_and_the_clock_from_the_embedder() {
        use krait::Clock;
        let bytes = |seed| {
            let mut h = SandboxHost::new().with_seed(seed);
            h.urandom(16).expect("urandom")
        };
        assert_eq!(bytes(7), bytes(7));
        assert_ne!(bytes(7), bytes(8));
        assert_ne!(bytes(7), vec![0; 16]);
        let mut h = SandboxHost::new().with_clock(Clock::Fixed(1234.5));
        assert_eq!(h.time(), 1234.5);
        h.sleep(10.0);
        assert_eq!(h.time(), 1244.5);
        let mut h = SandboxHost::new().with_env(vec![("A".into(), "1".into())]);
        assert_eq!(h.env_var("A").as_deref(), Some("1"));
        assert_eq!(h.env_var("PATH"), None);
        assert_eq!(h.env_vars().len(), 1);
    }

    #[test]
    fn processes_and_sockets_are_refused() {
        let mut h = SandboxHost::new();
        assert_eq!(errno(h.spawn(&["/bin/sh".to_string()])), 1);
        assert_eq!(errno(h.socket(2, 1, 0)), 1);
        assert_eq!(errno(h.fork()), 1);
        assert_eq!(
            errno(h.fork_exec(&krait::vm::host::SpawnSpec::default(), false)),
            1
        );
        assert_eq!(errno(h.waitpid(-1, 0)), 1);
        assert_eq!(errno(h.kill(1, 9)), 1);
        assert_eq!(errno(h.killpg(1, 9)), 1);
        assert_eq!(errno(h.setsid()), 1);
        assert_eq!(errno(h.exit_now(0)), 1);
        assert_eq!(h.execve(b"/bin/sh", &[], None).raw_os_error(), Some(1));
        assert!(h.env_vars().is_empty());
    }
}
