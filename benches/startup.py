#!/usr/bin/env python3
"""Start-up and import times, Krait against CPython, with the compiled-code cache cold and
warm (docs/performance.md, "Start-up and the compiled-code cache").

    python3 benches/startup.py --krait target/release/krait [--python python3.11] [--runs 15]

Each command runs N times per interpreter, alternating which goes first; the table gives the
median wall time and the median CPU time (user + system, from wait4). "cold" empties the cache
before every run: Krait's `*.krait-311.pyc` files under the standard library (and its
site-packages), and for CPython a fresh empty PYTHONPYCACHEPREFIX, so CPython's own cache files
are never touched. "warm" runs once first to fill the caches.
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

    print(f"krait: {krait}\npython: {python}\nruns: {a.runs}, medians\n")
    print("| command | cache | CPython wall ms | Krait wall ms | CPython CPU ms | Krait CPU ms | CPU ratio |")
    print("|---|---|--:|--:|--:|--:|--:|")
    for args, cold in COMMANDS:
        times = {"krait": [], "cpython": []}
        if not cold:
            run([krait, *args], base)
            run([python, *args], base)
        for i in range(a.runs):
            order = [("krait", krait), ("cpython", python)]
            if i % 2:
                order.reverse()
            for name, exe in order:
                env = dict(base)
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
            (statistics.median(t[0] for t in times[n]), statistics.median(t[1] for t in times[n]))
            for n in ("cpython", "krait")
        ]
        cmd = " ".join(x if " " not in x else f'"{x}"' for x in args)
        print(f"| `{cmd}` | {'cold' if cold else 'warm'} | {cw:.1f} | {kw:.1f} | {cc:.1f} | {kc:.1f} | {kc / cc:.2f} |", flush=True)


if __name__ == "__main__":
    main()
