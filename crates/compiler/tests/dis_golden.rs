//! Golden disassembly tests.
//!
//! Every `tests/dis/NAME.py` is compiled and disassembled with `krait_bytecode::disassemble`;
//! the result must equal `tests/dis/NAME.dis`. To regenerate the golden files after an
//! intended compiler change, run
//!
//! ```text
//! KRAIT_BLESS=1 cargo test -p krait-compiler --test dis_golden
//! ```
//!
//! and review the diff. Each program's code shapes were checked against CPython 3.11 with
//! `tests/dis/tools/compare.sh NAME.py`, which diffs a normalized listing (positions and
//! exception table included) of Krait's code against `python3`'s.

// A test/example program reads files from outside the interpreter: the host boundary of
// clippy.toml does not apply to it.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

mod support;

use std::path::PathBuf;

use krait_compiler::{CompileOptions, Mode, compile};

fn dis_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/dis")
}

#[test]
fn golden_disassembly() {
    let bless = std::env::var_os("KRAIT_BLESS").is_some();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dis_dir())
        .expect("tests/dis exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    entries.sort();
    assert!(entries.len() >= 25, "expected at least 25 golden programs");
    let mut failures = Vec::new();
    for py in entries {
        let name = py
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        let src = std::fs::read_to_string(&py).expect("readable source");
        let code = match compile(&src, &name, Mode::Exec, &CompileOptions::default()) {
            Ok(c) => c,
            Err(e) => {
                failures.push(format!("{name}: compile error {e:?}"));
                continue;
            }
        };
        if let Err(e) = support::check_code(&code) {
            failures.push(format!("{name}: {e}"));
        }
        let text = krait_bytecode::disassemble(&code);
        let golden = py.with_extension("dis");
        if bless {
            std::fs::write(&golden, &text).expect("writable golden file");
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(expected) if expected == text => {}
            Ok(_) => failures.push(format!(
                "{name}: disassembly differs from {}",
                golden.display()
            )),
            Err(_) => failures.push(format!(
                "{name}: missing {} (run with KRAIT_BLESS=1)",
                golden.display()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
