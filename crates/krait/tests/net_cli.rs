//! Blocking socket waits stay interruptible: `--timeout` ends a program blocked in `accept`,
//! `select` or `epoll.poll`, and SIGINT raises `KeyboardInterrupt` there (the waits poll in
//! slices, since the signal may land on another thread of the process).

// The harness spawns `krait`, sends it a signal and measures wall-clock time: the host
// boundary of clippy.toml does not apply to it.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BLOCKERS: &[&str] = &[
    "import socket\ns = socket.socket()\ns.bind(('127.0.0.1', 0))\ns.listen()\nprint('waiting', flush=True)\ns.accept()\n",
    "import select, socket\na, b = socket.socketpair()\nprint('waiting', flush=True)\nselect.select([a], [], [])\n",
    "import select, socket\na, b = socket.socketpair()\np = select.poll()\np.register(a, select.POLLIN)\nprint('waiting', flush=True)\np.poll()\n",
    "import select, socket\na, b = socket.socketpair()\ne = select.epoll()\ne.register(a, select.EPOLLIN)\nprint('waiting', flush=True)\ne.poll()\n",
    "import socket\na, b = socket.socketpair()\nprint('waiting', flush=True)\na.recv(10)\n",
];

#[test]
fn timeout_ends_a_blocked_wait() {
    for src in BLOCKERS {
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_krait"))
            .args(["--timeout", "1", "-c", src])
            .output()
            .expect("run krait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr, "krait: time limit of 1 seconds exceeded\n", "{src}");
        assert_eq!(out.status.code(), Some(1), "{src}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "waiting\n");
        assert!(start.elapsed() < Duration::from_secs(5), "{src}");
    }
}

#[test]
fn sigint_interrupts_a_blocked_wait() {
    for src in BLOCKERS {
        let src = format!(
            "try:\n{}except KeyboardInterrupt:\n    print('interrupted', flush=True)\n",
            src.lines()
                .map(|l| format!("    {l}\n"))
                .collect::<String>()
        );
        let mut child = Command::new(env!("CARGO_BIN_EXE_krait"))
            .args(["-c", &src])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run krait");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let first = lines.next().and_then(Result::ok).unwrap_or_default();
        assert_eq!(first, "waiting", "{src}");
        std::thread::sleep(Duration::from_millis(200));
        let start = Instant::now();
        let killed = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .expect("kill");
        assert!(killed.success());
        // A wait that ignores the signal would hang: give it five seconds, then fail.
        let status = loop {
            if let Some(st) = child.try_wait().expect("try_wait") {
                break st;
            }
            if start.elapsed() > Duration::from_secs(5) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("SIGINT did not interrupt: {src}");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let rest: Vec<String> = lines.map_while(Result::ok).collect();
        assert_eq!(rest, vec!["interrupted".to_string()], "{src}");
        assert_eq!(status.code(), Some(0), "{src}");
    }
}
