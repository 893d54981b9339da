//! The differential suite: every program under `tests/cases/` runs under `krait` and its
//! stdout, stderr and exit status must equal what CPython 3.11 produced (the `.out`, `.err`
//! and `.exit` files written by `tests/gen_expected.py`). Cases listed in
//! `tests/cases/known_failures.txt` are reported as ignored; run them with
//! `cargo test -p krait --test cases -- --include-ignored` to see which now pass.

// A test harness drives the real OS from outside the interpreter (spawning `krait`, reading
// expected files): the host boundary of clippy.toml does not apply to it.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Failed, Trial};

const TIMEOUT: Duration = Duration::from_secs(20);

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "py")
            && !p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('_'))
        {
            out.push(p);
        }
    }
}

fn main() {
    let args = Arguments::from_args();
    let root = repo_root();
    let cases_dir = root.join("tests/cases");
    let known: HashSet<String> = std::fs::read_to_string(cases_dir.join("known_failures.txt"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();
    // Fill the compiled-code cache for what every run imports at startup (`site` and what it
    // pulls in), once: the cases themselves run with PYTHONDONTWRITEBYTECODE, as CPython did
    // when their expectations were made, and would otherwise all compile `site` again. Where
    // Lib/ is read-only this writes nothing and changes nothing.
    let _ = Command::new(env!("CARGO_BIN_EXE_krait"))
        .args(["-c", "pass"])
        .env_remove("PYTHONDONTWRITEBYTECODE")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let mut cases = Vec::new();
    collect(&cases_dir, &mut cases);
    let trials = cases
        .into_iter()
        .map(|case| {
            let name = case
                .strip_prefix(&cases_dir)
                .unwrap_or(&case)
                .with_extension("")
                .to_string_lossy()
                .into_owned();
            let ignored = known.contains(&name);
            let root = root.clone();
            Trial::test(name, move || run_case(&root, &case)).with_ignored_flag(ignored)
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn read_expected(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn run_case(root: &Path, case: &Path) -> Result<(), Failed> {
    let dir = case.parent().unwrap_or(root);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_krait"));
    cmd.arg(case).current_dir(dir);
    for (k, _) in std::env::vars() {
        if k.starts_with("PYTHON") {
            cmd.env_remove(k);
        }
    }
    cmd.env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1");
    // A pipe, as tests/gen_expected.py gives CPython (`input=`): not seekable, unlike a file
    // or /dev/null, now that `os.lseek(0, ...)` reaches the real descriptor.
    let stdin_data = std::fs::read(case.with_extension("stdin")).unwrap_or_default();
    cmd.stdin(Stdio::piped());
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start krait: {e}"))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    std::thread::spawn(move || {
        let _ = std::io::Write::write_all(&mut stdin, &stdin_data);
    });
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            break s;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("timed out after {TIMEOUT:?}").into());
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let prefix = format!("{}/", root.display());
    let norm = |b: Vec<u8>| String::from_utf8_lossy(&b).replace(&prefix, "");
    let out = norm(out_reader.join().unwrap_or_default());
    let err = norm(err_reader.join().unwrap_or_default());
    let code = status.code().unwrap_or_else(|| {
        use std::os::unix::process::ExitStatusExt;
        -status.signal().unwrap_or(0)
    });
    let want_out = read_expected(&case.with_extension("out"));
    let want_err = read_expected(&case.with_extension("err"));
    let want_code: i32 = read_expected(&case.with_extension("exit"))
        .trim()
        .parse()
        .unwrap_or(0);
    let mut problems = Vec::new();
    if out != want_out {
        problems.push(diff("stdout", &want_out, &out));
    }
    if err != want_err {
        problems.push(diff("stderr", &want_err, &err));
    }
    if code != want_code {
        problems.push(format!("exit status: expected {want_code}, got {code}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}

/// The first differing line with a little context.
fn diff(what: &str, want: &str, got: &str) -> String {
    let w: Vec<&str> = want.lines().collect();
    let g: Vec<&str> = got.lines().collect();
    let first = w
        .iter()
        .zip(&g)
        .position(|(a, b)| a != b)
        .unwrap_or(w.len().min(g.len()));
    let mut s = format!("{what} differs at line {}:\n", first + 1);
    for i in first.saturating_sub(2)..(first + 3).min(w.len().max(g.len())) {
        let a = w.get(i).copied().unwrap_or("<missing>");
        let b = g.get(i).copied().unwrap_or("<missing>");
        if a == b {
            s.push_str(&format!("    {a}\n"));
        } else {
            s.push_str(&format!("  - {a}\n  + {b}\n"));
        }
    }
    if want.ends_with('\n') != got.ends_with('\n') && first >= w.len().min(g.len()) {
        s.push_str("  (trailing newline differs)\n");
    }
    s
}
