//! Record where CPython 3.11's pure-Python standard library lives on the build machine, so
//! `krait` finds `Lib/` without configuration. `KRAIT_STDLIB` at run time overrides it.
//!
//! The path comes from `python3 -c "import sysconfig; ..."` (or `$KRAIT_BUILD_PYTHON`), and is
//! kept only if that interpreter is a 3.11 (another version's `Lib/` would not run). Without a
//! usable Python the path is empty and `krait` explains at the first failing import.
//!
//! Release builds of the `krait` binary on x86_64 Linux also get their code layout
//! (`link-order.txt`, written by `tools/link_order.py`) and packed relative relocations: see
//! [`link_layout`].

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
    link_layout();
}

/// Linker arguments that make the release `krait` binary keep less of itself resident.
///
/// - `--symbol-ordering-file=link-order.txt`: the functions start-up and ordinary programs run
///   are laid out together, first, so they share 64 KiB fault-around windows instead of pulling
///   in most of the binary's code (docs/performance.md, "Code layout": `-S -c pass` 3.4 -> 1.x MiB
///   of resident code). Names the file has and the binary lacks are skipped silently.
/// - `-z pack-relative-relocs`: the ~11,000 relative relocations of a position-independent
///   executable as a compact bitmap (`DT_RELR`) instead of 24 bytes each, which the loader reads
///   at every start. Needs glibc 2.36 at run time, so only when the build machine has it.
///
/// Only for the default linker of `x86_64-unknown-linux-gnu` (rust-lld since Rust 1.90), which
/// knows both options: a configured linker (`RUSTC_LINKER`, `-C linker…` in the flags) gets
/// nothing, and `KRAIT_LINK_LAYOUT=0` turns both off.
fn link_layout() {
    println!("cargo:rerun-if-changed=link-order.txt");
    println!("cargo:rerun-if-env-changed=KRAIT_LINK_LAYOUT");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let flags = var("CARGO_ENCODED_RUSTFLAGS");
    let default_linker = var("RUSTC_LINKER").is_empty()
        && !flags.contains("linker")
        && !flags.contains("link-self-contained")
        && var("TARGET") == "x86_64-unknown-linux-gnu";
    if !default_linker || var("PROFILE") != "release" || var("KRAIT_LINK_LAYOUT") == "0" {
        return;
    }
    let order = std::path::Path::new(&var("CARGO_MANIFEST_DIR")).join("link-order.txt");
    if order.is_file() {
        println!(
            "cargo:rustc-link-arg-bin=krait=-Wl,--symbol-ordering-file={}",
            order.display()
        );
        println!("cargo:rustc-link-arg-bin=krait=-Wl,--no-warn-symbol-ordering");
    }
    if glibc_at_least(2, 36) {
        println!("cargo:rustc-link-arg-bin=krait=-Wl,-z,pack-relative-relocs");
    }
}

/// Whether the build machine's C library is glibc of at least this version.
fn glibc_at_least(major: u32, minor: u32) -> bool {
    let Ok(out) = Command::new("getconf").arg("GNU_LIBC_VERSION").output() else {
        return false;
    };
    // "glibc 2.36"
    let text = String::from_utf8_lossy(&out.stdout);
    let Some(version) = text.trim().strip_prefix("glibc ") else {
        return false;
    };
    let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let found = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    found >= (major, minor)
}
