//! `krait -m`: a package's `__main__` and a module inside a package run as `__main__` with
//! `__package__` set, so their relative imports work (CPython's `runpy`); errors read as
//! CPython 3.11's. The expected texts were produced by CPython 3.11.7 on the same files.

// A test harness writes files and runs `krait` as a process.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::path::Path;
use std::process::Command;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    run_with_stdlib(dir, args, None)
}

/// `krait args` in `dir`, with `KRAIT_STDLIB` set to `stdlib` when given.
fn run_with_stdlib(dir: &Path, args: &[&str], stdlib: Option<&Path>) -> (String, String, i32) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_krait"));
    cmd.args(args).current_dir(dir).env_remove("PYTHONPATH");
    if let Some(lib) = stdlib {
        cmd.env("KRAIT_STDLIB", lib);
    }
    let out = cmd.output().expect("run krait");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn dash_m_sets_package_for_relative_imports() {
    let dir = std::env::temp_dir().join(format!("krait-run-module-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    write(&dir.join("pkg/__init__.py"), "print('init', __name__)\n");
    write(&dir.join("pkg/helper.py"), "VALUE = 42\n");
    write(
        &dir.join("pkg/__main__.py"),
        "from .helper import VALUE\nprint(__name__, __package__, VALUE)\n",
    );
    write(
        &dir.join("pkg/tool.py"),
        "from . import helper\nprint(__name__, __package__, helper.VALUE)\n",
    );
    write(
        &dir.join("plain.py"),
        "print(__name__, repr(__package__))\n",
    );
    write(&dir.join("nomain/__init__.py"), "");

    let (out, err, code) = run(&dir, &["-m", "pkg"]);
    assert_eq!(
        (out.as_str(), err.as_str(), code),
        ("init pkg\n__main__ pkg 42\n", "", 0)
    );
    let (out, err, code) = run(&dir, &["-m", "pkg.tool"]);
    assert_eq!(
        (out.as_str(), err.as_str(), code),
        ("init pkg\n__main__ pkg 42\n", "", 0)
    );
    let (out, _, code) = run(&dir, &["-m", "plain"]);
    assert_eq!((out.as_str(), code), ("__main__ ''\n", 0));

    let (_, err, code) = run(&dir, &["-m", "nomain"]);
    assert!(
        err.ends_with(
            ": No module named nomain.__main__; 'nomain' is a package and cannot be directly executed\n"
        ),
        "{err}"
    );
    assert_eq!(code, 1);
    let (_, err, code) = run(&dir, &["-m", "missing.sub"]);
    assert!(
        err.ends_with(
            ": Error while finding module specification for 'missing.sub' (ModuleNotFoundError: No module named 'missing')\n"
        ),
        "{err}"
    );
    assert_eq!(code, 1);
    let (_, err, code) = run(&dir, &["-m", "plain.sub"]);
    assert!(
        err.ends_with(
            ": Error while finding module specification for 'plain.sub' (ModuleNotFoundError: __path__ attribute not found on 'plain' while trying to find 'plain.sub')\n"
        ),
        "{err}"
    );
    assert_eq!(code, 1);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Without a usable standard library (`KRAIT_STDLIB` naming a folder with no `os.py`), the
/// first failed import says how to point Krait at one, in one line; later failures read as
/// CPython's, and a start-up that needs `site` ends as CPython's does when `site` is missing.
#[test]
fn missing_stdlib_is_explained_once() {
    let dir = std::env::temp_dir().join(format!("krait-no-stdlib-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("lib")).expect("mkdir");
    let lib = dir.join("lib");
    let hint = format!(
        " (the standard library folder {:?} has no os.py: set KRAIT_STDLIB to a CPython 3.11 Lib/ folder)",
        lib.to_str().expect("utf-8 path")
    );
    let run_with = |args: &[&str]| run_with_stdlib(&dir, args, Some(&lib));
    let code =
        "try:\n    import json\nexcept ImportError as e:\n    print(e)\nimport collections\n";
    let (out, err, status) = run_with(&["-S", "-c", code]);
    assert_eq!(out, format!("No module named 'json'{hint}\n"));
    assert_eq!(
        err.lines().last(),
        Some("ModuleNotFoundError: No module named 'collections'")
    );
    assert_eq!(status, 1);
    let (out, err, status) = run_with(&["-c", "print('never')"]);
    assert_eq!(out, "");
    assert!(
        err.contains(&format!(
            "ModuleNotFoundError: No module named 'site'{hint}\n"
        )),
        "{err}"
    );
    assert_eq!(status, 1);
    let _ = std::fs::remove_dir_all(&dir);
}
