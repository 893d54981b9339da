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

#[test]
fn sandbox_programs_in_process() {
    let mut failures = Vec::new();
    for p in programs() {
        let src = std::fs::read_to_string(&p).expect("program");
        // In-process there is no standard library to lend (only the CLI lends it).
        if src.starts_with("# needs: stdlib") {
            continue;
        }
        let (status, out, err) = run(src);
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
