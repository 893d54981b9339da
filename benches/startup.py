#!/usr/bin/env python3
"""Start-up and import times, Krait against CPython, with the compiled-code cache cold and
warm (docs/performance.md, "Start-up and the compiled-code cache").

    python3 benches/startup.py --krait target/release/krait [--python python3.11] [--runs 15]
        [--warm-only] [--prefix DIR] [--mean]

Each command runs N times per interpreter, alternating which goes first; the table gives the
median wall time and the median CPU time (user + system, from wait4). "cold" empties the cache
before every run: Krait's `*.krait-311.pyc` files under the standard library (and its
site-packages), and for CPython a fresh empty PYTHONPYCACHEPREFIX, so CPython's own cache files
are never touched. "warm" runs once first to fill the caches.

`--prefix DIR` gives both interpreters PYTHONPYCACHEPREFIX=DIR for the warm runs, so that other
builds sharing the standard library's `__pycache__` (another checkout's Krait rewrites its own
cache files there) cannot empty the cache between runs; `--warm-only` skips the cold rows and
`--mean` reports means instead of medians (issue 2's figure: mean of 20 alternating runs).
"""

import argparse
import glob
import os
import shutil
import statistics
import subprocess
import tempfile
import time

COMMANDS = [
    (["-S", "-c", "pass"], False),
    (["-c", "pass"], True),
    (["-c", "pass"], False),
    (["-c", "import json, re, collections, dataclasses, pathlib"], True),
    (["-c", "import json, re, collections, dataclasses, pathlib"], False),
    (["-S", "-c", "import json, re, collections, dataclasses, pathlib"], False),
]


def run(cmd, env):
    start = time.perf_counter()
    pid = os.posix_spawn(cmd[0], cmd, env)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{cmd} exited with status {status}")
    return wall * 1000, (ru.ru_utime + ru.ru_stime) * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--krait", required=True)
    ap.add_argument("--python", default=shutil.which("python3.11") or "python3")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--prefix", help="PYTHONPYCACHEPREFIX for the warm runs of both")
    ap.add_argument("--warm-only", action="store_true")
    ap.add_argument("--mean", action="store_true", help="means, not medians")
    a = ap.parse_args()
    krait = os.path.abspath(a.krait)
    python = shutil.which(a.python) or a.python
    lib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    base = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}

    def clear_krait():
        for p in glob.glob(lib + "/**/__pycache__/*.krait-311*.pyc", recursive=True):
            os.unlink(p)

    stat = statistics.mean if a.mean else statistics.median
    if a.prefix:
        a.prefix = os.path.abspath(a.prefix)
    print(f"krait: {krait}\npython: {python}\nruns: {a.runs}, {'means' if a.mean else 'medians'}\n")
    print("| command | cache | CPython wall ms | Krait wall ms | CPython CPU ms | Krait CPU ms | CPU ratio |")
    print("|---|---|--:|--:|--:|--:|--:|")
    warm_env = dict(base)
    if a.prefix:
        warm_env["PYTHONPYCACHEPREFIX"] = a.prefix
    for args, cold in COMMANDS:
        if cold and a.warm_only:
            continue
        times = {"krait": [], "cpython": []}
        if not cold:
            run([krait, *args], warm_env)
            run([python, *args], warm_env)
        for i in range(a.runs):
            order = [("krait", krait), ("cpython", python)]
            if i % 2:
                order.reverse()
            for name, exe in order:
                env = dict(base if cold else warm_env)
                prefix = None
                if cold and name == "krait":
                    clear_krait()
                elif cold:
                    prefix = tempfile.mkdtemp()
                    env["PYTHONPYCACHEPREFIX"] = prefix
                times[name].append(run([exe, *args], env))
                if prefix:
                    shutil.rmtree(prefix)
        (cw, cc), (kw, kc) = [
            (stat(t[0] for t in times[n]), stat(t[1] for t in times[n]))
            for n in ("cpython", "krait")
        ]
        cmd = " ".join(x if " " not in x else f'"{x}"' for x in args)
        print(f"| `{cmd}` | {'cold' if cold else 'warm'} | {cw:.1f} | {kw:.1f} | {cc:.1f} | {kc:.1f} | {kc / cc:.2f} |", flush=True)


if __name__ == "__main__":
    main()
