//! The conformance regression check in CI: `tests/conformance/run.py --check` runs the fast
//! subset of CPython 3.11's `Lib/test` modules (those marked `*` in
//! `tests/conformance/modules.txt`) under this build of `krait` and fails when a test recorded
//! as passing in `tests/conformance/results.json` no longer passes (twice in a row: a module
//! with lost tests is rerun once, so a test that loses a timing race once does not fail CI).
//! The whole list runs with `run.py --check --full` (see `tests/conformance/README.md`).
//!
//! Skipped when there is no CPython 3.11 `Lib/` with its `test` package, or no `python3`.

// A test harness runs `python3` and `krait` as processes.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::path::Path;
use std::process::Command;

#[test]
fn recorded_conformance_tests_still_pass() {
    let stdlib = match std::env::var("KRAIT_STDLIB") {
        Ok(s) if !s.is_empty() => s,
        _ => String::from(env!("KRAIT_BUILD_STDLIB")),
    };
    if stdlib.is_empty() || !Path::new(&stdlib).join("test/support/__init__.py").exists() {
        // No CPython 3.11 `Lib/test` on this machine: nothing to check.
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = match Command::new("python3")
        .arg(root.join("tests/conformance/run.py"))
        .args([
            "--check",
            "--jobs",
            "2",
            "--krait",
            env!("CARGO_BIN_EXE_krait"),
        ])
        .output()
    {
        Ok(out) => out,
        // No `python3` to run the harness: nothing to check.
        Err(_) => return,
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "conformance regressions (tests/conformance/run.py --check):\n{stdout}\n{stderr}"
    );
}
