#!/usr/bin/env python3
"""Writes crates/krait/link-order.txt: the order in which the linker lays out the `krait`
binary's functions, so that the code a program runs sits together instead of spread over
the whole 5.5 MB of machine code (docs/performance.md, "Code layout").

Why: Linux maps a file-backed page into the process together with its neighbours (fault-around,
64 KiB at a time), so every function start-up touches costs its whole 64 KiB window of resident
memory. Spread over the binary, the ~350 functions `krait -S -c pass` runs (640 KB) kept 3.4 MB
of code resident.

How: the release binary runs a training set under callgrind (`--demangle=no`, so the names are
the symbols the linker sees): start-up, the benchmarks in benches/ and the differential cases in
tests/cases/ (every `--step`th one). The order is:
  1. the functions start-up runs (`-S -c pass`),
  2. then every other function the training set runs, those run by more programs first and,
     among equals, those that ran more instructions first.
Functions never run keep the linker's order after them. crates/krait/build.rs passes the file to
the linker (lld's `--symbol-ordering-file`) for release builds of the `krait` binary; names that
no longer exist are skipped, so a stale file only loses some of its effect. The names are Rust's
v0 symbol names (.cargo/config.toml), which change only when a function is renamed or moved;
regenerate the file after many such changes or a new Rust toolchain:

    cargo build --release -p krait
    python3 tools/link_order.py --krait target/release/krait
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crates" / "krait" / "link-order.txt"
FN_LINE = re.compile(r"^(c?)(ob|fn)=\((\d+)\)(?: (.*))?$")
COST_LINE = re.compile(r"^[+\-*]?\d+ (\d+)")


def executed(profile, binary_name):
    """{symbol: instructions} for the functions of `binary_name` that ran in this profile."""
    objects, names, costs = {}, {}, {}
    current_object, current, skip_next = None, None, False
    with open(profile, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = FN_LINE.match(line)
            if m:
                called, kind, ident, name = m.groups()
                table = objects if kind == "ob" else names
                if name:
                    table[ident] = name
                if not called:
                    if kind == "ob":
                        current_object = objects.get(ident)
                    else:
                        ours = current_object and Path(current_object).name == binary_name
                        current = names.get(ident) if ours else None
                        if current is not None:
                            costs.setdefault(current, 0)
                continue
            if line.startswith("calls="):
                # The next cost line is the call's inclusive cost, not the caller's own.
                skip_next = True
                continue
            c = COST_LINE.match(line)
            if c:
                if current is not None and not skip_next:
                    costs[current] += int(c.group(1))
                skip_next = False
    return costs


def run_profiled(krait, args, workdir):
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", " ".join(args)).strip("_")
    out = Path(workdir) / f"callgrind.{slug}"
    if out.exists():
        return out
    cmd = [
        "valgrind", "--tool=callgrind", "--demangle=no", "--dump-instr=no",
        f"--callgrind-out-file={out}", str(krait), *args,
    ]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONHASHSEED="0")
    subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=env, timeout=1800, check=False)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--krait", required=True, help="a release build of the krait binary")
    ap.add_argument("--step", type=int, default=8,
                    help="profile every STEP-th case of tests/cases (default 8; 0: none)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--keep", metavar="DIR",
                    help="keep the profiles in DIR, and reuse those already there")
    args = ap.parse_args()
    krait = Path(args.krait).resolve()

    startup = [["-S", "-c", "pass"]]
    programs = [["-S", str(p.relative_to(ROOT))] for p in sorted((ROOT / "benches").glob("bm_*.py"))]
    if args.step > 0:
        cases = sorted((ROOT / "tests" / "cases").rglob("*.py"))
        programs += [[str(p.relative_to(ROOT))] for p in cases[:: args.step]]

    with tempfile.TemporaryDirectory() as scratch:
        work = args.keep or scratch
        Path(work).mkdir(parents=True, exist_ok=True)
        runs = startup + programs
        with ThreadPoolExecutor(args.jobs) as pool:
            profiles = list(pool.map(lambda a: run_profiled(krait, a, work), runs))
        first = executed(profiles[0], krait.name)
        if not first:
            sys.exit("link_order: the start-up profile names no function of the binary "
                     "(is valgrind installed, and is this a release build with symbols?)")
        programs_running, instructions = {}, {}
        for profile in profiles[1:]:
            for name, cost in executed(profile, krait.name).items():
                programs_running[name] = programs_running.get(name, 0) + 1
                instructions[name] = instructions.get(name, 0) + cost

    rest = sorted((n for n in programs_running if n not in first),
                  key=lambda n: (-programs_running[n], -instructions[n], n))
    order = sorted(first, key=lambda n: (-first[n], n)) + rest
    header = [
        "# The order of the krait binary's functions: tools/link_order.py wrote it, from",
        f"# {len(runs)} programs run under callgrind. Start-up's {len(first)} functions first,",
        f"# then {len(rest)} more by how many programs ran them.",
    ]
    Path(args.out).write_text("\n".join(header + order) + "\n", encoding="utf-8")
    print(f"link_order: {len(order)} functions written to {args.out}")


if __name__ == "__main__":
    main()
