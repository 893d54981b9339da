//! `krait --sandbox` from outside: the programs of `tests/sandbox/` run under the CLI with a
//! read-only mount of a fixture directory (holding symlinks that point outside it), in a fresh
//! real directory; afterwards the real disk must hold nothing they wrote. Also: files a
//! program leaves open are flushed at exit (without the sandbox, on the real disk).

// The harness prepares and inspects the real file system and spawns `krait`: the host
// boundary of clippy.toml does not apply to it.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("krait_sandbox_test_{}_{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d.canonicalize().expect("canonical scratch dir")
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn probes_in_tmp() -> Vec<String> {
    listing(Path::new("/tmp"))
        .into_iter()
        .filter(|n| n.starts_with("krait_probe"))
        .collect()
}

#[test]
fn sandbox_programs_under_the_cli_leave_the_disk_untouched() {
    let root = scratch("cli");
    let mount = root.join("mount");
    let work = root.join("work");
    std::fs::create_dir_all(&mount).expect("mount");
    std::fs::create_dir_all(&work).expect("work");
    std::fs::write(mount.join("inside.txt"), "inside\n").expect("fixture");
    std::fs::write(root.join("outside.txt"), "root:secret\n").expect("fixture");
    std::os::unix::fs::symlink("inside.txt", mount.join("link_inside")).expect("symlink");
    std::os::unix::fs::symlink("/etc/passwd", mount.join("link_passwd")).expect("symlink");
    std::os::unix::fs::symlink("/etc", mount.join("link_etc")).expect("symlink");
    std::os::unix::fs::symlink("../outside.txt", mount.join("link_up")).expect("symlink");
    // A subdirectory, a symlink to it, and a relative symlink inside it that climbs out.
    std::fs::create_dir(mount.join("sub")).expect("fixture");
    std::os::unix::fs::symlink("sub", mount.join("link_dir")).expect("symlink");
    std::os::unix::fs::symlink("../../outside.txt", mount.join("sub/link_up2")).expect("symlink");
    let mount_before = listing(&mount);
    let tmp_before = probes_in_tmp();

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/sandbox");
    let mut programs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/sandbox")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    programs.sort();
    assert!(programs.len() >= 5);
    let mut failures = Vec::new();
    for p in &programs {
        let out = Command::new(env!("CARGO_BIN_EXE_krait"))
            .arg("--sandbox")
            .args(["--sandbox-env", "GIVEN=yes"])
            .arg("--sandbox-env")
            .arg(format!("MOUNT={}", mount.display()))
            .arg("--sandbox-dir")
            .arg(&mount)
            .arg(p)
            .current_dir(&work)
            .env("KRAIT_HOST_SECRET", "PATH=leak")
            .output()
            .expect("run krait");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() || stdout != "ok\n" || !stderr.is_empty() {
            failures.push(format!(
                "{}: {}\nstdout:\n{stdout}\nstderr:\n{stderr}",
                p.display(),
                out.status
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        listing(&work),
        Vec::<String>::new(),
        "the sandbox wrote to its real cwd"
    );
    assert_eq!(
        listing(&mount),
        mount_before,
        "the read-only mount changed on disk"
    );
    assert_eq!(
        std::fs::read_to_string(mount.join("inside.txt")).expect("fixture"),
        "inside\n"
    );
    assert_eq!(
        probes_in_tmp(),
        tmp_before,
        "the sandbox wrote to the real /tmp"
    );
    assert!(!Path::new("/tmp/krait_probe_hacked").exists());
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn sandbox_cannot_read_a_real_file_it_is_pointed_at() {
    let root = scratch("direct");
    std::fs::write(root.join("secret.txt"), "root:secret\n").expect("fixture");
    let prog = root.join("prog.py");
    std::fs::write(
        &prog,
        format!(
            "try:\n    print(open({:?}).read())\nexcept FileNotFoundError as e:\n    print('refused', e.errno)\n",
            root.join("secret.txt").display().to_string()
        ),
    )
    .expect("prog");
    let out = Command::new(env!("CARGO_BIN_EXE_krait"))
        .arg("--sandbox")
        .arg(&prog)
        .output()
        .expect("run krait");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "refused 2\n");
    // Without --sandbox the same program reads the file: the check above is not vacuous.
    let out = Command::new(env!("CARGO_BIN_EXE_krait"))
        .arg(&prog)
        .output()
        .expect("run krait");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "root:secret\n\n");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn files_left_open_are_flushed_at_exit() {
    let root = scratch("flush");
    let prog = root.join("prog.py");
    std::fs::write(
        &prog,
        "f = open('unclosed.txt', 'w')\nf.write('pending text')\n\
         g = open('unclosed.bin', 'ab')\ng.write(b'\\x00bytes')\n\
         open('oneliner.txt', 'w').write('freed')\n\
         class Holder:\n    pass\nh = Holder()\nh.f = open('held.txt', 'w')\nh.f.write('held')\nh.self = h\n",
    )
    .expect("prog");
    let out = Command::new(env!("CARGO_BIN_EXE_krait"))
        .arg(&prog)
        .current_dir(&root)
        .output()
        .expect("run krait");
    assert!(out.status.success(), "{out:?}");
    let read = |n: &str| std::fs::read(root.join(n)).unwrap_or_default();
    assert_eq!(read("unclosed.txt"), b"pending text");
    assert_eq!(read("unclosed.bin"), b"\x00bytes");
    assert_eq!(read("oneliner.txt"), b"freed");
    assert_eq!(read("held.txt"), b"held");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn sandbox_options_need_sandbox() {
    let out = Command::new(env!("CARGO_BIN_EXE_krait"))
        .args(["--sandbox-env", "A=1", "-c", "pass"])
        .output()
        .expect("run krait");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn sandbox_randomness_is_seeded() {
    // random seeds from Host::urandom: in the sandbox that is a seeded generator, so two
    // runs agree (and os.urandom with them).
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_krait"))
            .args([
                "--sandbox",
                "-c",
                "import random, os; print(random.random(), os.urandom(4).hex())",
            ])
            .output()
            .expect("run krait")
    };
    let (a, b) = (run(), run());
    assert!(a.status.success(), "{a:?}");
    assert_eq!(a.stdout, b.stdout);
    assert!(!a.stdout.is_empty());
}

#[test]
fn sandbox_cli_clock_is_real_and_read_only() {
    // The CLI lends the sandbox the real clock (the in-process default is a fixed virtual
    // one, sandbox.rs::sandbox_clock_is_virtual), and nothing in Python can set it.
    let out = Command::new(env!("CARGO_BIN_EXE_krait"))
        .args([
            "--sandbox",
            "-c",
            "import time\nprint(int(time.time()))\n\
             for name in ('clock_settime', 'clock_settime_ns', 'settimeofday', 'tzset'):\n    \
             f = getattr(time, name, None)\n    \
             if f is None or name == 'tzset':\n        continue\n    \
             try:\n        f(time.CLOCK_REALTIME, 0)\n    \
             except PermissionError:\n        pass\n    \
             else:\n        print('set', name)\n",
        ])
        .output()
        .expect("run krait");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    let seen: u64 = text
        .trim()
        .parse()
        .expect("one time stamp and nothing else");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    assert!(now.abs_diff(seen) < 120, "sandbox clock {seen}, real {now}");
}
