//! The compiled-code cache's build hash: a hash of everything that decides what the compiler
//! produces and how it is stored (the compiler's and the bytecode crate's sources, and
//! Cargo.lock for the parser's version). A `krait` built from other sources never loads a
//! cache file another one wrote, so a changed compiler cannot run stale code.

// A build script runs on the build machine: reading the sources it hashes is what it is for.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn main() {
    let here = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let crates = here.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut list = Vec::new();
    for c in ["compiler", "bytecode"] {
        let dir = crates.join(c).join("src");
        println!("cargo:rerun-if-changed={}", dir.display());
        files(&dir, &mut list);
    }
    if let Some(root) = crates.parent() {
        let lock = root.join("Cargo.lock");
        println!("cargo:rerun-if-changed={}", lock.display());
        list.push(lock);
    }
    list.sort();
    // FNV-1a over each file's path (relative to crates/) and contents.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for p in &list {
        let rel = p.strip_prefix(&crates).unwrap_or(p);
        feed(rel.to_string_lossy().as_bytes());
        feed(&[0]);
        feed(&std::fs::read(p).unwrap_or_default());
        feed(&[0]);
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("code_hash.rs");
    let _ = std::fs::write(
        out,
        format!(
            "/// Hash of the compiler and bytecode sources (build.rs).\npub const CODE_HASH: u64 = {h:#018x};\n"
        ),
    );
}
