#!/usr/bin/env python3
"""Try to import every module of CPython 3.11's `Lib/` under Krait, one process per module.

    python3 tools/import_sweep.py [--krait PATH] [--jobs N] [--write]

The modules tried are those CPython itself imports on this machine (so Windows- or
macOS-only modules drop out), from the `Lib/` of the CPython running this script, minus the
packages the standard-library issue leaves out: test, idlelib, tkinter, turtledemo, lib2to3,
ensurepip (and `antigravity`, which opens a web browser). It prints the share that imports and
the most common reasons for failure (for a missing module: its name), which orders the work.

`--write` records the modules that import in `tests/stdlib_imports.txt`; the test
`crates/krait/tests/stdlib_imports.rs` fails if one of them stops importing.
"""
import argparse
import collections
import concurrent.futures
import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "tests" / "stdlib_imports.txt"
EXCLUDED = {"test", "idlelib", "tkinter", "turtledemo", "lib2to3", "ensurepip", "antigravity",
            "site-packages", "__pycache__", "lib-dynload", "config-3.11-x86_64-linux-gnu"}
TIMEOUT = 60


def lib_modules(lib: Path):
    """Every module and package under `lib`, by dotted name (found without importing)."""
    names = []

    def walk(folder: Path, prefix: str):
        for entry in sorted(folder.iterdir()):
            stem = entry.name[:-3] if entry.name.endswith(".py") else entry.name
            if not prefix and stem in EXCLUDED or stem == "__main__" or not stem.isidentifier():
                continue
            if entry.is_dir() and (entry / "__init__.py").exists():
                names.append(prefix + stem)
                walk(entry, prefix + stem + ".")
            elif entry.is_file() and entry.name.endswith(".py") and stem != "__init__":
                names.append(prefix + stem)

    walk(lib, "")
    return names


def run(cmd, name):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONHASHSEED"] = "0"
    try:
        p = subprocess.run(cmd + ["-c", f"import {name}"], capture_output=True,
                           timeout=TIMEOUT, env=env, cwd="/", stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return name, False, "timeout"
    if p.returncode == 0:
        return name, True, ""
    lines = [l for l in p.stderr.decode(errors="replace").splitlines() if l.strip()]
    return name, False, lines[-1] if lines else f"exit {p.returncode}"


def reason(last_line: str) -> str:
    m = re.match(r"ModuleNotFoundError: No module named '([^']+)'", last_line)
    if m:
        return "missing " + m.group(1)
    m = re.match(r"ImportError: cannot import name '([^']+)' from '([^']+)'", last_line)
    if m:
        return f"missing name {m.group(2)}.{m.group(1)}"
    return last_line[:100]


def sweep(cmd, names, jobs):
    with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
        return list(ex.map(lambda n: run(cmd, n), names))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--krait", default=str(Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "debug" / "krait"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--write", action="store_true", help="record the successes")
    ap.add_argument("--show", type=int, default=40, help="failure reasons to list")
    args = ap.parse_args()
    lib = Path(sysconfig.get_paths()["stdlib"])
    names = lib_modules(lib)
    cpython = [r for r in sweep([sys.executable, "-I"], names, args.jobs) if r[1]]
    universe = [r[0] for r in cpython]
    results = sweep([args.krait], universe, args.jobs)
    ok = sorted(n for n, good, _ in results if good)
    print(f"{len(ok)}/{len(universe)} modules import ({100 * len(ok) / max(1, len(universe)):.1f}%)")
    counts = collections.Counter(reason(why) for _, good, why in results if not good)
    for why, n in counts.most_common(args.show):
        print(f"{n:5d}  {why}")
    if args.write:
        before = set(RECORD.read_text().split()) if RECORD.exists() else set()
        lost = sorted(before - set(ok))
        if lost:
            print("no longer importing:", " ".join(lost))
        RECORD.write_text("".join(n + "\n" for n in ok))
        print(f"wrote {RECORD.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
