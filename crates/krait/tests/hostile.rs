//! Hostile programs under limits (issue 6): every program in `tests/hostile/` starts with
//! `# expect: instructions|time|memory|recursion`, runs in a fresh interpreter under that
//! limit, and must end with exactly that limit (or, for `recursion`, CPython's
//! `RecursionError`), within 2× the limit, and leave the interpreter usable. A program that
//! needs CPython's `Lib/` (e.g. `re`) says `# prelude: import re` on its second line: the
//! library is lent to the sandbox and the prelude runs first, as its own call (so the import
//! does not count against the limit under test). At the end the
//! process's peak RSS must stay below the largest heap cap plus a fixed margin.
//!
//! Run with `cargo test -p krait --test hostile` (`-- <substring>` filters; `--nocapture`
//! prints what each program used).

// The harness reads its programs, measures time and RSS and prints a table itself: the host
// boundary and the print lint are for
// the interpreter, not for its tests.
#![allow(clippy::disallowed_methods, clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use krait::{Error, Interpreter, LimitExceeded};
use libtest_mimic::{Arguments, Failed, Trial};

// Without the crate's `counting-allocator` feature the program installs the allocator itself.
#[cfg(not(feature = "counting-allocator"))]
#[global_allocator]
static ALLOCATOR: krait::CountingAllocator = krait::CountingAllocator::new();

const INSTRUCTIONS: u64 = 2_000_000;
const TIMEOUT: Duration = Duration::from_millis(300);
const MEMORY: usize = 32 << 20;
/// The heap cap of programs that target another limit (so a broken limit cannot take the
/// machine down either).
const SAFETY_MEMORY: usize = 64 << 20;
/// The wall-clock cap of programs that target another limit.
const SAFETY_TIME: Duration = Duration::from_secs(20);
const RECURSION: usize = 200;
/// Peak RSS allowed above the largest cap: the test process, the compiler, the
/// interpreter's own structures and allocator slack.
const RSS_MARGIN: usize = 160 << 20;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile")
}

// glibc keeps memory a finished program freed in its thread's arena, and each program runs on
// a thread of its own: without a trim the process's peak RSS sums what earlier programs left
// behind rather than measuring what the program under test could make it hold.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn trim_allocator() {
    unsafe extern "C" {
        fn malloc_trim(pad: usize) -> i32;
    }
    // SAFETY: glibc's malloc_trim takes no pointers and may be called at any time.
    unsafe {
        malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn trim_allocator() {}

fn run_one(path: &Path) -> Result<(), Failed> {
    trim_allocator();
    let src = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let kind = src
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# expect: "))
        .ok_or("first line must be `# expect: <kind>`")?
        .trim()
        .to_string();
    let prelude = src
        .lines()
        .nth(1)
        .and_then(|l| l.strip_prefix("# prelude: "))
        .map(str::to_string);
    let mut b = Interpreter::builder()
        .sandboxed()
        .recursion_limit(RECURSION);
    if prelude.is_some() {
        b = b.lend_stdlib();
    }
    let b = match kind.as_str() {
        "instructions" => b
            .max_instructions(INSTRUCTIONS)
            .max_memory(SAFETY_MEMORY)
            .timeout(SAFETY_TIME),
        "time" => b.timeout(TIMEOUT).max_memory(SAFETY_MEMORY),
        "memory" => b.max_memory(MEMORY).timeout(SAFETY_TIME),
        "recursion" => b.max_memory(SAFETY_MEMORY).timeout(SAFETY_TIME),
        other => return Err(format!("unknown expectation {other}").into()),
    };
    let mut py = b.build().map_err(|e| e.to_string())?;
    if let Some(p) = &prelude {
        // On a loaded machine `import re` can take longer than the 300 ms the time-limit
        // programs get: the prelude is not under test, so it is retried.
        let mut tries = 0;
        while let Err(e) = py.run(p) {
            tries += 1;
            if tries == 5 || e != Error::Limit(LimitExceeded::Time) {
                return Err(format!("prelude `{p}`: {e}").into());
            }
        }
    }
    let start = Instant::now();
    let r = py.run(&src);
    let elapsed = start.elapsed();
    let used = py.instructions_used().map_err(|e| e.to_string())?;
    let heap = py.memory_in_use().map_err(|e| e.to_string())?;
    println!(
        "{:<28} {:<12} {:>8.1} ms {:>10} instr {:>7.1} MB  peak RSS {:>4} MB  {:?}",
        path.file_stem().and_then(|s| s.to_str()).unwrap_or(""),
        kind,
        elapsed.as_secs_f64() * 1000.0,
        used,
        heap as f64 / 1048576.0,
        peak_rss().unwrap_or(0) >> 20,
        r.as_ref().err().map(short)
    );
    let ok = match (kind.as_str(), &r) {
        ("instructions", Err(Error::Limit(LimitExceeded::Instructions))) => {
            used <= 2 * INSTRUCTIONS
        }
        ("time", Err(Error::Limit(LimitExceeded::Time))) => elapsed < 2 * TIMEOUT,
        ("memory", Err(Error::Limit(LimitExceeded::Memory))) => heap <= 2 * MEMORY,
        ("recursion", Err(Error::Python(p))) => p.type_name == "RecursionError",
        _ => false,
    };
    if !ok {
        return Err(format!(
            "expected {kind} within 2x the limit, got {:?} after {elapsed:?}, {used} instructions, {heap} bytes live",
            r.as_ref().err().map(short)
        )
        .into());
    }
    // The limit is not reported as an "ignored" exception of a finalizer, weakref callback or
    // the like: it ended the run, and nothing else was printed about it.
    let stderr = py.take_stderr();
    if stderr.contains("limit exceeded") {
        return Err(format!("the limit leaked to stderr:\n{stderr}").into());
    }
    // The interpreter is still usable, its heap consistent (after the program's data, which
    // may fill the cap, is let go).
    py.clear_globals()
        .map_err(|e| format!("clear_globals after the limit: {e}"))?;
    py.run("assert sum(range(10)) == 45\nassert sorted({3: 1, 1: 2}) == [1, 3]")
        .map_err(|e| format!("not usable after the limit: {e}"))?;
    let v: i64 = py
        .eval("len([str(i) for i in range(100)])")
        .and_then(|o| o.extract())
        .map_err(|e| format!("not usable after the limit: {e}"))?;
    if v != 100 {
        return Err("wrong result after the limit".into());
    }
    Ok(())
}

fn short(e: &Error) -> String {
    match e {
        Error::Python(p) => format!("{}: {}", p.type_name, p.message),
        other => other.to_string(),
    }
}

/// The process's peak resident set, from `/proc/self/status` (Linux).
fn peak_rss() -> Option<usize> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn main() {
    let mut args = Arguments::from_args();
    // Timing is part of what is checked: one program at a time.
    args.test_threads = Some(1);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root())
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "py"));
    paths.sort();
    assert!(paths.len() >= 40, "expected at least 40 hostile programs");
    let mut trials: Vec<Trial> = paths
        .into_iter()
        .map(|p| {
            let name = p
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("?")
                .to_string();
            // A program that needs CPython's `Lib/` (a `# prelude:` line) cannot run in a
            // build without the `host` feature: nothing there can read the host's disk, by
            // construction. It runs in the default build.
            let needs_lib = std::fs::read_to_string(&p).is_ok_and(|s| {
                s.lines()
                    .nth(1)
                    .is_some_and(|l| l.starts_with("# prelude: "))
            });
            Trial::test(name, move || run_one(&p))
                .with_ignored_flag(needs_lib && !cfg!(feature = "host"))
        })
        .collect();
    // Last (libtest-mimic keeps the order with one thread): the peak RSS of the whole run.
    trials.push(Trial::test(
        "zz_peak_rss_below_cap_plus_margin",
        || match peak_rss() {
            Some(rss) if rss > SAFETY_MEMORY + RSS_MARGIN => Err(format!(
                "peak RSS {} MB above {} MB",
                rss >> 20,
                (SAFETY_MEMORY + RSS_MARGIN) >> 20
            )
            .into()),
            Some(rss) => {
                println!("peak RSS {} MB", rss >> 20);
                Ok(())
            }
            None => Ok(()),
        },
    ));
    libtest_mimic::run(&args, trials).exit();
}
