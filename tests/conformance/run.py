#!/usr/bin/env python3
"""CPython 3.11's own test suite (`Lib/test`) as Krait's scoreboard (issue 5).

Measure, and record the results (runs CPython for the reference counts of modules that have
none yet, or all of them with --reference-run):

    python3 tests/conformance/run.py --krait target/release/krait --jobs 2 --write

Regression check (fails when a test id recorded as passing in results.json no longer passes):

    python3 tests/conformance/run.py --check --krait target/release/krait     # fast subset
    python3 tests/conformance/run.py --check --full --krait target/release/krait

Regenerate docs/conformance.md from results.json alone: `run.py --docs`.

Each module of `modules.txt` runs in its own process (`runner.py` under the interpreter being
measured) in a fresh temporary working directory, with a time limit (--timeout). The runner
streams one line per finished test into a file, so the outcomes reported before a crash or a
hang still count; tests the reference run has but Krait never reported count as failed.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RESULTS = HERE / "results.json"
DOCS = ROOT / "docs" / "conformance.md"
MODULES = HERE / "modules.txt"
FLAKY = HERE / "flaky.txt"
RUNNER = HERE / "runner.py"
OUTCOMES = ("pass", "fail", "error", "skip", "xfail", "xpass")
MEMORY_LIMIT = 6 << 30


def read_modules():
    """[(module, area, fast)] in file order."""
    out, area = [], "other"
    for raw in MODULES.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            area = line[1:-1]
            continue
        fast = line.endswith("*")
        out.append((line.rstrip("*").strip(), area, fast))
    return out


def read_flaky():
    if not FLAKY.exists():
        return set()
    return {l.split("#", 1)[0].strip() for l in FLAKY.read_text().splitlines()} - {""}


def limit_memory():
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass


def run_module(python, name, timeout):
    """Run one test module; returns a dict with the outcomes by id and the module's status."""
    work = tempfile.mkdtemp(prefix=f"conf-{name}-")
    out_file = os.path.join(work, "outcomes.txt")
    log_file = os.path.join(work, "output.log")
    cwd = os.path.join(work, "cwd")
    os.mkdir(cwd)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["TMPDIR"] = cwd
    env["PYTHONHASHSEED"] = "0"
    started = time.monotonic()
    timed_out = False
    with open(log_file, "wb") as log:
        proc = subprocess.Popen([python, str(RUNNER), name, out_file], cwd=cwd, env=env,
                                stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                start_new_session=True, preexec_fn=limit_memory)
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            code = proc.wait()
    # Children the tests started (and left behind) go with the session.
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    seconds = round(time.monotonic() - started, 1)
    outcomes, reasons, markers = {}, {}, {}
    try:
        text = Path(out_file).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        text = ""
    for line in text.splitlines():
        fields = line.split("\t")
        if fields[0].startswith("#"):
            markers[fields[0]] = fields[1] if len(fields) > 1 else ""
        elif len(fields) >= 2 and fields[0] in OUTCOMES:
            outcomes[fields[1]] = fields[0]
            if len(fields) > 2 and fields[0] in ("fail", "error"):
                reasons[fields[1]] = fields[2]
    try:
        log_tail = Path(log_file).read_bytes()[-4000:].decode("utf-8", "replace")
    except OSError:
        log_tail = ""
    last = [l for l in log_tail.splitlines() if l.strip()]
    last = last[-1].strip()[:200] if last else ""
    if "#module-skipped" in markers:
        status, detail = "skipped", markers["#module-skipped"]
    elif "#import-error" in markers:
        status, detail = "import-error", markers["#import-error"]
    elif "#done" in markers:
        status, detail = "ok", markers.get("#run-error", "")
    elif timed_out:
        status, detail = "timeout", f"no result after {timeout} s"
    elif "#imported" not in markers:
        status, detail = "import-crash", f"exit {code}: {last}"
    else:
        status, detail = "crash", f"exit {code}: {last}"
    shutil.rmtree(work, ignore_errors=True)
    return {"outcomes": outcomes, "reasons": reasons, "status": status, "detail": detail,
            "seconds": seconds}


def run_all(python, names, jobs, timeout, label):
    results = {}
    with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
        futures = {ex.submit(run_module, python, n, timeout): n for n in names}
        for fut in concurrent.futures.as_completed(futures):
            name = futures[fut]
            r = fut.result()
            results[name] = r
            counts = collections.Counter(r["outcomes"].values())
            print(f"[{label}] {name}: {r['status']} {r['seconds']}s "
                  + " ".join(f"{k}={counts[k]}" for k in OUTCOMES if counts[k])
                  + (f"  ({r['detail']})" if r["detail"] else ""), flush=True)
    return results


# ---- triage ----------------------------------------------------------------------------

def bucket(reason):
    """A cause key for a failure reason: the exception line with the details that vary per
    test (numbers, reprs compared by assertions) blanked out."""
    text = reason.strip() or "(no message)"
    etype, _, msg = text.partition(":")
    etype = etype.strip()
    msg = msg.strip()
    if etype in ("AssertionError", "test.support.TestFailed") or etype.endswith("Error") and (
            " != " in msg or " not " in msg and "found" not in msg and "has no" not in msg
            and "supported" not in msg and "defined" not in msg):
        if etype == "AssertionError":
            msg = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "…", msg)
            msg = re.sub(r"<[^<>]*>", "<…>", msg)
            msg = re.sub(r"\b\d[\d_.e+-]*\b", "N", msg)
            return f"{etype}: {msg[:70]}"
    msg = re.sub(r"\b0x[0-9a-f]+\b", "0x…", msg)
    msg = re.sub(r"\b\d+\b", "N", msg)
    return f"{etype}: {msg[:110]}" if msg else etype


# What a cause means, where its exception line does not say (matched as substrings).
NOTES = {
    "'NoneType' object has no attribute '__dict__'":
        "test_datetime's load_tests needs the C accelerator `_datetime` (no pure-only mode)",
    "'NoneType' object has no attribute 'JSONDecodeError'":
        "test_json needs the C accelerator `_json` at import",
    "No module named '_pickle'": "the C accelerator `_pickle`",
    "'NoneType' object has no attribute 'bisect_":
        "the C accelerator `_bisect` (tests of the C version)",
    "No module named '_socket'": "sockets (another agent's work in progress)",
    "No module named '_posixsubprocess'": "subprocess (another agent's work in progress)",
    "No module named 'select'": "select (with sockets)",
    "never reported": "tests of a C accelerator (`_pickle`, `_decimal`, ...) whose classes "
                      "are not created without it",
    "has no attribute '_CTask'": "the C accelerator `_asyncio` (test_futures2 reads "
                                 "tasks._CTask in a class body at import)",
    "_testinternalcapi required": "test.support skips the whole module without CPython's "
                                  "internal test module (code_debug_ranges check at import)",
    "TextIOWrapper() missing required argument 'buffer'":
        "io.TextIOWrapper cannot be subclassed with its own __init__ (argparse's StdIOBuffer)",
    "can't start new thread": "threads are not supported yet",
}


def note(key):
    return next((n for k, n in NOTES.items() if k in key), "")


def category(key):
    etype = key.split(":", 1)[0]
    if key.startswith(("timeout", "crash", "import-crash")):
        return "crash or timeout"
    if key.startswith("import-error"):
        return "module does not import"
    if key.startswith("(tests CPython ran never reported"):
        return "tests not run"
    if etype == "ModuleNotFoundError" or "No module named" in key:
        return "missing module"
    if etype == "AttributeError":
        return "missing attribute"
    if etype == "NotImplementedError":
        return "not implemented"
    if etype == "ImportError":
        return "missing name in a module"
    if etype in ("AssertionError",):
        return "wrong result or message"
    if etype in ("SyntaxError", "IndentationError"):
        return "compiler"
    if etype in ("TypeError", "ValueError", "OverflowError", "KeyError", "IndexError"):
        return "wrong or missing behaviour (" + etype + ")"
    return "other (" + etype + ")"


# ---- results -----------------------------------------------------------------------------

def summarize(name, area, ref, kr, flaky):
    """The results.json record of one module."""
    rc = collections.Counter(ref["outcomes"].values()) if "outcomes" in ref else ref["counts"]
    kc = collections.Counter(kr["outcomes"].values())
    ref_total = sum(rc[k] for k in OUTCOMES)
    ref_not_passing = (sorted(i for i, o in ref["outcomes"].items() if o != "pass")
                       if "outcomes" in ref else ref["not_passing"])
    not_passing = set(ref_not_passing)
    passing = sorted(i for i, o in kr["outcomes"].items() if o == "pass")
    counted = [i for i in passing if i not in not_passing]
    not_run = max(0, ref_total - len(kr["outcomes"]))
    causes = collections.Counter()
    for i, reason in kr["reasons"].items():
        causes[bucket(reason)] += 1
    if kr["status"] != "ok" and not_run:
        detail = kr["detail"]
        if kr["status"] == "import-error":
            causes["import-error: " + bucket(detail)] += not_run
        else:
            causes[kr["status"] + ": " + bucket(re.sub(r"^exit -?\d+: ", "", detail))] += not_run
    elif not_run:
        # The run completed, but tests CPython ran were never reported: a test module of a
        # package that failed to import, or a setUpClass/setUpModule that failed. Their tests
        # are charged to those errors' causes.
        outer = collections.Counter(
            bucket(r) for i, r in kr["reasons"].items()
            if "_FailedTest" in i or i.startswith(("setUpClass (", "setUpModule (", "load_tests")))
        if not outer:
            outer["(tests CPython ran never reported, no error: e.g. test classes for a missing C accelerator not created)"] = 1
        total = sum(outer.values())
        left = not_run
        for c, cnt in outer.most_common():
            share = min(left, max(1, not_run * cnt // total))
            causes[c] += share
            left -= share
        if left:
            causes[outer.most_common(1)[0][0]] += left
    return {
        "area": area,
        "reference": {**{k: rc[k] for k in OUTCOMES}, "total": ref_total,
                      "status": ref.get("status", "ok"), "not_passing": ref_not_passing},
        "krait": {**{k: kc[k] for k in OUTCOMES}, "not_run": not_run,
                  "counted_passes": len(counted), "status": kr["status"],
                  "detail": kr["detail"], "seconds": kr["seconds"]},
        "causes": dict(causes.most_common()),
        "passing": passing,
    }


def load_results():
    if RESULTS.exists():
        return json.loads(RESULTS.read_text())
    return {"modules": {}}


def save_results(data):
    RESULTS.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")


def pct(a, b):
    return f"{100.0 * a / b:.1f}%" if b else "–"


def write_docs(data):
    mods = data["modules"]
    order = [(n, a) for n, a, _ in read_modules() if n in mods]
    areas = []
    for _, a in order:
        if a not in areas:
            areas.append(a)
    lines = [
        "# Conformance: CPython 3.11's `Lib/test` under Krait",
        "",
        "Generated by `python3 tests/conformance/run.py --write` from "
        "`tests/conformance/results.json`; do not edit by hand. The harness, the regression "
        "check and the commands are described in `tests/conformance/README.md`.",
        "",
        "A test counts for Krait when it passes under Krait and under CPython 3.11 (the "
        "reference run on the same machine, same harness). Tests CPython skips or fails "
        "are not counted on either side.",
        "",
        "## Headline",
        "",
        "| area | modules | CPython passes | Krait passes | share |",
        "|---|---:|---:|---:|---:|",
    ]
    tot_r = tot_k = 0
    for a in areas:
        names = [n for n, ar in order if ar == a]
        r = sum(mods[n]["reference"]["pass"] for n in names)
        k = sum(mods[n]["krait"]["counted_passes"] for n in names)
        tot_r += r
        tot_k += k
        lines.append(f"| {a} | {len(names)} | {r} | {k} | **{pct(k, r)}** |")
    lines.append(f"| **all** | {len(order)} | {tot_r} | {tot_k} | **{pct(tot_k, tot_r)}** |")
    lang = [n for n, a in order if a in ("language", "builtin types")]
    r = sum(mods[n]["reference"]["pass"] for n in lang)
    k = sum(mods[n]["krait"]["counted_passes"] for n in lang)
    lines += ["", f"Language and builtin types together: {k} of {r} ({pct(k, r)}).", ""]
    broken = [(n, mods[n]["krait"]) for n, _ in order if mods[n]["krait"]["status"] != "ok"]
    lines.append("Modules that do not import, crash, time out or skip themselves under Krait: "
                 + (", ".join(f"`{n}` ({k['status']})" for n, k in broken) or "none") + ".")
    lines += ["", "## Per module", "",
              "| module | area | CPython pass | Krait pass | share | fail | error | skip | "
              "not run | status | seconds |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|"]
    for n, a in order:
        m = mods[n]
        r, k = m["reference"], m["krait"]
        status = k["status"]
        if k["detail"] and status != "ok":
            status += ": " + k["detail"].replace("|", "\\|")[:80]
        lines.append(f"| {n} | {a} | {r['pass']} | {k['counted_passes']} | "
                     f"{pct(k['counted_passes'], r['pass'])} | {k['fail']} | {k['error']} | "
                     f"{k['skip']} | {k['not_run']} | {status} | {k['seconds']} |")
    causes = collections.Counter()
    where = collections.defaultdict(collections.Counter)
    for n, _ in order:
        for c, cnt in mods[n]["causes"].items():
            causes[c] += cnt
            where[c][n] += cnt
    bycat = collections.Counter()
    for c, cnt in causes.items():
        bycat[category(c)] += cnt
    lines += ["", "## Triage of what remains", "",
              "Every failing, erroring or unreported test of Krait's run, bucketed by its "
              "exception line (numbers and compared values blanked out). Tests CPython ran that "
              "Krait never reported are charged to the module's status (import error, crash, "
              "timeout) or, when the run completed, to the errors reported outside any test "
              "(a test module of a package that failed to import, setUpClass), in proportion. "
              "Categories first, then the largest single causes.", "",
              "| category | tests |", "|---|---:|"]
    for c, cnt in bycat.most_common():
        lines.append(f"| {c} | {cnt} |")
    lines += ["", "| # | cause | category | tests | modules (most affected first) | note |",
              "|---:|---|---|---:|---|---|"]
    for i, (c, cnt) in enumerate(causes.most_common(80), 1):
        ms = ", ".join(f"{m} ({x})" for m, x in where[c].most_common(4))
        text = c.replace("|", "\\|").replace("`", "'")
        lines.append(f"| {i} | `{text}` | {category(c)} | {cnt} | {ms} | {note(c)} |")
    DOCS.write_text("\n".join(lines) + "\n")


def headline(data):
    mods = data["modules"]
    by = collections.defaultdict(lambda: [0, 0])
    for m in mods.values():
        by[m["area"]][0] += m["krait"]["counted_passes"]
        by[m["area"]][1] += m["reference"]["pass"]
    tk = sum(v[0] for v in by.values())
    tr = sum(v[1] for v in by.values())
    for a, (k, r) in by.items():
        print(f"{a}: {k}/{r} {pct(k, r)}")
    print(f"overall: {tk}/{tr} {pct(tk, tr)}")


# ---- main --------------------------------------------------------------------------------

def default_reference():
    if sys.version_info[:2] == (3, 11):
        return sys.executable
    for cand in ("python3.11",):
        p = shutil.which(cand)
        if p:
            return p
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--krait", default=str(ROOT / "target" / "release" / "krait"))
    ap.add_argument("--reference", default=default_reference(),
                    help="CPython 3.11 binary for the reference counts")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=300, help="seconds per module")
    ap.add_argument("--only", help="comma-separated modules (default: all of modules.txt)")
    ap.add_argument("--write", action="store_true", help="update results.json and the docs")
    ap.add_argument("--reference-run", action="store_true",
                    help="rerun CPython for every module measured (else only for new ones)")
    ap.add_argument("--check", action="store_true", help="regression check against results.json")
    ap.add_argument("--full", action="store_true", help="with --check: every module, not the fast subset")
    ap.add_argument("--docs", action="store_true", help="only regenerate docs/conformance.md")
    args = ap.parse_args()

    modules = read_modules()
    areas = {n: a for n, a, _ in modules}
    data = load_results()
    if args.docs:
        write_docs(data)
        headline(data)
        return 0
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
    elif args.check and not args.full:
        names = [n for n, _, fast in modules if fast]
    else:
        names = [n for n, _, _ in modules]
    krait = os.path.abspath(args.krait)
    if not os.path.exists(krait):
        print(f"no krait binary at {krait} (build it: cargo build --release -p krait)", file=sys.stderr)
        return 2

    if args.check:
        return check(krait, names, args, data)

    need_ref = [n for n in names if args.reference_run or n not in data["modules"]]
    refs = {}
    if need_ref:
        if not args.reference:
            print("no CPython 3.11 found for the reference run (--reference)", file=sys.stderr)
            return 2
        refs = run_all(args.reference, need_ref, args.jobs, args.timeout * 2, "cpython")
    kr = run_all(krait, names, args.jobs, args.timeout, "krait")
    flaky = read_flaky()
    for n in names:
        if n in refs:
            ref = refs[n]
        else:
            old = data["modules"][n]["reference"]
            ref = {"counts": collections.Counter({k: old[k] for k in OUTCOMES}),
                   "not_passing": old["not_passing"], "status": old["status"]}
        data["modules"][n] = summarize(n, areas.get(n, "other"), ref, kr[n], flaky)
    if args.write:
        save_results(data)
        write_docs(data)
    headline(data)
    return 0


def check(krait, names, args, data):
    flaky = read_flaky()
    expected = {n: set(data["modules"][n]["passing"]) - flaky
                for n in names if n in data["modules"]}
    first = run_all(krait, list(expected), args.jobs, args.timeout, "check")

    def lost(results):
        out = {}
        for n, r in results.items():
            now = {i for i, o in r["outcomes"].items() if o == "pass"}
            gone = expected[n] - now
            if gone:
                out[n] = gone
        return out

    regressions = lost(first)
    if regressions:
        # A test counts as a regression only when it fails twice: timing-dependent tests that
        # lose a race once do not turn CI red.
        print("rerunning modules with lost tests:", ", ".join(sorted(regressions)), flush=True)
        second = lost(run_all(krait, list(regressions), args.jobs, args.timeout, "recheck"))
        regressions = {n: regressions[n] & second.get(n, set()) for n in regressions}
        regressions = {n: g for n, g in regressions.items() if g}
    total = sum(len(v) for v in expected.values())
    gained = sum(len({i for i, o in r["outcomes"].items() if o == "pass"}
                     - set(data["modules"][n]["passing"])) for n, r in first.items())
    if gained:
        print(f"{gained} tests pass that {RESULTS.relative_to(ROOT)} does not record yet: "
              "record them with run.py --write")
    if regressions:
        print(f"\nREGRESSIONS: tests recorded as passing in {RESULTS.relative_to(ROOT)} that "
              "no longer pass (twice):")
        for n in sorted(regressions):
            r = first[n]
            print(f"  {n} ({r['status']}{': ' + r['detail'] if r['detail'] else ''})")
            for i in sorted(regressions[n]):
                print(f"    {i}: {first[n]['outcomes'].get(i, 'not run')} "
                      f"{first[n]['reasons'].get(i, '')}")
        return 1
    print(f"\nno regressions: {total} recorded passing tests in {len(expected)} modules still pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
