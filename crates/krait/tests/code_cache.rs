//! The compiled-code cache (`crates/vm/src/codecache.rs`): an import writes
//! `__pycache__/<name>.krait-311.pyc`, the next import runs the cached code without reading
//! the source again, a changed source or a damaged cache file is recompiled and rewritten,
//! `-B`/`PYTHONDONTWRITEBYTECODE`/`sys.dont_write_bytecode` write nothing, a directory that
//! cannot hold `__pycache__` is skipped silently, and concurrent writers leave a whole file.

// A test harness writes files and runs `krait` as a process.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

fn tmpdir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("krait-cache-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    dir
}

fn krait(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_krait"));
    c.args(args)
        .current_dir(dir)
        .env_remove("PYTHONPATH")
        .env_remove("PYTHONDONTWRITEBYTECODE");
    c
}

fn run(mut c: Command) -> String {
    let out = c.output().expect("run krait");
    assert!(
        out.status.success(),
        "krait failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Write `text` to `path` and give it modification time `mtime`.
fn write_at(path: &Path, text: &str, mtime: SystemTime) {
    std::fs::write(path, text).expect("write");
    let f = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open");
    f.set_modified(mtime).expect("set mtime");
}

fn pyc(dir: &Path, name: &str) -> PathBuf {
    dir.join("__pycache__")
        .join(format!("{name}.krait-311.pyc"))
}

#[test]
fn second_import_runs_the_cached_code() {
    let dir = tmpdir("reuse");
    let t0 = SystemTime::now() - Duration::from_secs(100);
    let src = dir.join("m.py");
    write_at(&src, "def f():\n    return 'one'\nprint(f())\n", t0);
    assert_eq!(run(krait(&dir, &["-c", "import m"])), "one\n");
    let cached = std::fs::read(pyc(&dir, "m")).expect("cache file written");
    assert_eq!(&cached[..8], b"KRAITPYC");
    // Same size and modification time, other text: the cache still answers, which shows
    // the second import neither read nor compiled the source.
    write_at(&src, "def f():\n    return 'two'\nprint(f())\n", t0);
    assert_eq!(run(krait(&dir, &["-c", "import m"])), "one\n");
    // importlib agrees on where the file is, and __cached__ says so.
    assert_eq!(
        run(krait(
            &dir,
            &[
                "-c",
                "import importlib.util as u, m; print(u.cache_from_source(m.__file__), m.__cached__)"
            ]
        )),
        {
            // '' on sys.path is the working directory, found as an absolute path.
            let d = dir.canonicalize().expect("canonical");
            let c = d.join("__pycache__").join("m.krait-311.pyc");
            format!("one\n{} {}\n", c.display(), c.display())
        }
    );
    // A newer source is compiled again and the cache rewritten.
    write_at(&src, "def f():\n    return 'three'\nprint(f())\n", t0);
    assert_eq!(run(krait(&dir, &["-c", "import m"])), "three\n");
    assert_ne!(std::fs::read(pyc(&dir, "m")).expect("rewritten"), cached);
    write_at(
        &src,
        "def f():\n    return 'four!'\nprint(f())\n",
        t0 + Duration::from_secs(1),
    );
    assert_eq!(run(krait(&dir, &["-c", "import m"])), "four!\n");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn pycache_prefix_mirrors_the_source_tree() {
    let dir = tmpdir("prefix");
    let src = dir.join("src");
    std::fs::create_dir_all(&src).expect("mkdir");
    let src = src.canonicalize().expect("canonical");
    std::fs::write(src.join("m.py"), "print('m')\n").expect("write");
    let pfx = dir.join("pfx");
    let mirrored = |p: &Path| {
        pfx.join(src.strip_prefix("/").expect("absolute"))
            .join(format!("{}.krait-311.pyc", p.display()))
    };
    let code = "import sys, m, importlib.util as u; print(sys.pycache_prefix, m.__cached__ == u.cache_from_source(m.__file__))";
    let mut c = krait(&src, &["-c", code]);
    c.env("PYTHONPYCACHEPREFIX", &pfx);
    assert_eq!(run(c), format!("m\n{} True\n", pfx.display()));
    assert!(
        mirrored(Path::new("m")).is_file(),
        "cache file under the prefix"
    );
    assert!(
        !src.join("__pycache__").exists(),
        "nothing beside the source"
    );
    // -X pycache_prefix wins over the variable.
    let other = dir.join("other");
    let mut c = krait(
        &src,
        &[
            "-X",
            &format!("pycache_prefix={}", other.display()),
            "-c",
            "import sys, m; print(sys.pycache_prefix)",
        ],
    );
    c.env("PYTHONPYCACHEPREFIX", &pfx);
    assert_eq!(run(c), format!("m\n{}\n", other.display()));
    assert!(
        other
            .join(src.strip_prefix("/").expect("absolute"))
            .join("m.krait-311.pyc")
            .is_file()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn tracebacks_from_cached_code_show_the_source() {
    let dir = tmpdir("tb");
    std::fs::write(dir.join("bad.py"), "def f():\n    return 1 / 0\n").expect("write");
    let prog = "import bad\nbad.f()\n";
    for _ in 0..2 {
        let out = krait(&dir, &["-c", prog]).output().expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("    return 1 / 0\n           ~~^~~\nZeroDivisionError: division by zero"),
            "{err}"
        );
    }
    assert!(pyc(&dir, "bad").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn damaged_cache_files_are_ignored_and_rewritten() {
    let dir = tmpdir("damaged");
    std::fs::write(
        dir.join("m.py"),
        "X = [1, 2.5, 'x', b'y', (None, ...)]\nprint(X)\n",
    )
    .expect("write");
    let want = "[1, 2.5, 'x', b'y', (None, Ellipsis)]\n";
    assert_eq!(run(krait(&dir, &["-c", "import m"])), want);
    let good = std::fs::read(pyc(&dir, "m")).expect("cache");
    let mut damaged: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"garbage".to_vec(),
        good[..good.len() / 2].to_vec(),
        good[..good.len() - 1].to_vec(),
    ];
    for i in [0, 9, 20, 40, good.len() - 1] {
        let mut b = good.clone();
        b[i] ^= 0x55;
        damaged.push(b);
    }
    let mut noise = 0x1234_5678u32;
    damaged.push(
        (0..good.len())
            .map(|_| {
                noise = noise.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (noise >> 16) as u8
            })
            .collect(),
    );
    for bytes in damaged {
        std::fs::write(pyc(&dir, "m"), &bytes).expect("damage");
        assert_eq!(run(krait(&dir, &["-c", "import m"])), want);
        assert_eq!(std::fs::read(pyc(&dir, "m")).expect("rewritten"), good);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dont_write_bytecode_writes_nothing() {
    let dir = tmpdir("nowrite");
    std::fs::write(dir.join("m.py"), "print('m')\n").expect("write");
    assert_eq!(run(krait(&dir, &["-B", "-c", "import m"])), "m\n");
    let mut c = krait(&dir, &["-c", "import m"]);
    c.env("PYTHONDONTWRITEBYTECODE", "1");
    assert_eq!(run(c), "m\n");
    assert_eq!(
        run(krait(
            &dir,
            &["-c", "import sys; sys.dont_write_bytecode = True; import m"]
        )),
        "m\n"
    );
    assert!(!dir.join("__pycache__").exists());
    // -E ignores PYTHONDONTWRITEBYTECODE.
    let mut c = krait(&dir, &["-E", "-c", "import m"]);
    c.env("PYTHONDONTWRITEBYTECODE", "1");
    assert_eq!(run(c), "m\n");
    assert!(pyc(&dir, "m").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unwritable_places_are_skipped_silently() {
    let dir = tmpdir("unwritable");
    std::fs::write(dir.join("m.py"), "print('m')\n").expect("write");
    // `__pycache__` is a file, so no cache can be made there (a read-only directory acts
    // the same way, but root may write anywhere, so the test cannot rely on permissions).
    std::fs::write(dir.join("__pycache__"), "not a directory").expect("write");
    assert_eq!(run(krait(&dir, &["-c", "import m"])), "m\n");
    assert_eq!(run(krait(&dir, &["-c", "import m"])), "m\n");
    // The sandbox lends directories read-only: importing from one works and writes nothing.
    let sdir = tmpdir("sandbox");
    std::fs::write(sdir.join("s.py"), "print('s')\n").expect("write");
    let mut c = Command::new(env!("CARGO_BIN_EXE_krait"));
    c.args([
        "--sandbox",
        "--sandbox-dir",
        sdir.to_str().expect("utf-8"),
        "-c",
        "import s",
    ])
    .env_remove("PYTHONDONTWRITEBYTECODE");
    assert_eq!(run(c), "s\n");
    assert!(!sdir.join("__pycache__").exists());
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&sdir);
}

#[test]
fn concurrent_writers_leave_a_whole_file() {
    let dir = tmpdir("concurrent");
    // A module big enough that writing its cache takes more than one system call.
    let mut src = String::new();
    for i in 0..3000 {
        src.push_str(&format!("def f{i}(x):\n    return x + {i}\n"));
    }
    src.push_str("print(f2999(1))\n");
    let t0 = SystemTime::now() - Duration::from_secs(100);
    write_at(&dir.join("big.py"), &src, t0);
    let other = src.replace("print(f2999(1))", "print(f2999(2))");
    for _ in 0..3 {
        let _ = std::fs::remove_file(pyc(&dir, "big"));
        let children: Vec<_> = (0..6)
            .map(|_| {
                krait(&dir, &["-c", "import big"])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().expect("wait");
            assert_eq!(String::from_utf8_lossy(&out.stdout), "3000\n");
            assert_eq!(String::from_utf8_lossy(&out.stderr), "");
        }
        // The file is whole: an import of a same-size, same-time source runs the cached code.
        write_at(&dir.join("big.py"), &other, t0);
        assert_eq!(run(krait(&dir, &["-c", "import big"])), "3000\n");
        write_at(&dir.join("big.py"), &src, t0);
        let leftovers: Vec<_> = std::fs::read_dir(dir.join("__pycache__"))
            .expect("list")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn importlib_loaders_recompile_another_builds_pyc() {
    // importlib's own SourceFileLoader (spec_from_file_location) writes CPython-layout .pyc
    // files holding this build's code objects; one written by another Krait build must be
    // recompiled, not handed to marshal.loads (which cannot read another build's code).
    let dir = tmpdir("foreign");
    std::fs::write(dir.join("plug.py"), "X = 41\n").expect("write");
    let prog = "import importlib.util as u\n\
                spec = u.spec_from_file_location('plug', 'plug.py')\n\
                m = u.module_from_spec(spec)\n\
                spec.loader.exec_module(m)\n\
                print(m.X, u.MAGIC_NUMBER[2:] == b'\\r\\n', u.MAGIC_NUMBER != (3495).to_bytes(2, 'little') + b'\\r\\n')\n";
    std::fs::write(dir.join("main.py"), prog).expect("write");
    assert_eq!(run(krait(&dir, &["main.py"])), "41 True True\n");
    let path = pyc(&dir, "plug");
    let mut data = std::fs::read(&path).expect("importlib wrote the cache file");
    assert_ne!(&data[..8], b"KRAITPYC", "written by importlib's loader");
    // What an older build wrote: CPython 3.11's magic number and code objects stamped with a
    // build hash that is not this one's (the 8 bytes after the code object's type byte).
    data[..4].copy_from_slice(&[0xa7, 0x0d, 0x0d, 0x0a]);
    for b in &mut data[17..25] {
        *b ^= 0x5a;
    }
    std::fs::write(&path, &data).expect("write");
    assert_eq!(run(krait(&dir, &["main.py"])), "41 True True\n");
    let _ = std::fs::remove_dir_all(&dir);
}
