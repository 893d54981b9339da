//! The import sweep's guard: every standard-library module recorded in
//! `tests/stdlib_imports.txt` (written by `tools/import_sweep.py --write`) must still import.
//!
//! One `krait` process imports them all, each under `try`; only the ones that fail there are
//! retried alone (a failure may come from an earlier import's side effects), so the check costs
//! about one interpreter run. Skipped when no CPython 3.11 `Lib/` is known.

// A test harness runs `krait` as a process and reads the repository's files.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::path::Path;
use std::process::Command;

const DRIVER: &str = r#"
import sys
failed = []
for name in sys.stdin.read().split():
    try:
        __import__(name)
    except BaseException as e:
        failed.append(name)
print("\n@@failed@@", " ".join(failed))
"#;

fn krait() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_krait"));
    cmd.env("PYTHONHASHSEED", "0").current_dir("/");
    for (k, _) in std::env::vars() {
        if k.starts_with("PYTHON") && k != "PYTHONHASHSEED" {
            cmd.env_remove(k);
        }
    }
    cmd
}

#[test]
fn recorded_stdlib_modules_still_import() {
    let have_stdlib = std::env::var("KRAIT_STDLIB").is_ok_and(|s| !s.is_empty())
        || !env!("KRAIT_BUILD_STDLIB").is_empty();
    if !have_stdlib {
        // No CPython 3.11 `Lib/` on this machine: nothing to check.
        return;
    }
    let record = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/stdlib_imports.txt");
    let names = std::fs::read_to_string(&record).expect("tests/stdlib_imports.txt");
    let mut child = krait()
        .args(["-c", DRIVER])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run krait");
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        stdin
            .write_all(names.as_bytes())
            .expect("write module names");
    }
    let out = child.wait_with_output().expect("krait output");
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Modules may print when imported (`this`): the verdict follows the marker.
    let verdict = stdout.rsplit("@@failed@@").next().unwrap_or("");
    let suspects: Vec<&str> = verdict.split_whitespace().collect();
    let mut lost = Vec::new();
    for name in suspects {
        let alone = krait()
            .args(["-c", &format!("import {name}")])
            .output()
            .expect("run krait");
        if !alone.status.success() {
            let err = String::from_utf8_lossy(&alone.stderr);
            let last = err.lines().last().unwrap_or("").to_string();
            lost.push(format!("{name}: {last}"));
        }
    }
    assert!(
        out.status.success() && stdout.contains("@@failed@@") && lost.is_empty(),
        "modules that imported before no longer do:\n{}",
        lost.join("\n")
    );
}
