//! Record where CPython 3.11's pure-Python standard library lives on the build machine, so
//! `krait` finds `Lib/` without configuration. `KRAIT_STDLIB` at run time overrides it.
//!
//! The path comes from `python3 -c "import sysconfig; ..."` (or `$KRAIT_BUILD_PYTHON`), and is
//! kept only if that interpreter is a 3.11 (another version's `Lib/` would not run). Without a
//! usable Python the path is empty and `krait` explains at the first failing import.

// A build script runs on the build machine, not inside a sandboxed interpreter: asking the
// local Python where its library lives is what it is for.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::process::Command;

const ASK: &str = "import sys, sysconfig; print(sysconfig.get_paths()['stdlib'] if sys.version_info[:2] == (3, 11) else '')";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=KRAIT_BUILD_PYTHON");
    let candidates: Vec<String> = match std::env::var("KRAIT_BUILD_PYTHON") {
        Ok(p) if !p.is_empty() => vec![p],
        _ => vec!["python3.11".into(), "python3".into()],
    };
    let mut found = String::new();
    for py in candidates {
        let Ok(out) = Command::new(&py).args(["-I", "-c", ASK]).output() else {
            continue;
        };
        let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if out.status.success() && !path.is_empty() {
            found = path;
            break;
        }
    }
    println!("cargo:rustc-env=KRAIT_BUILD_STDLIB={found}");
}
