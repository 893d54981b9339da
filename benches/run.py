#!/usr/bin/env python3
"""Run Krait's benchmark suite against CPython and report the ratios.

    python3 benches/run.py [--krait PATH] [--python PATH] [--runs N]
                           [--filter SUBSTR] [--json OUT]

Every benchmark `benches/bm_*.py` is run N times under each interpreter,
alternating the two (and alternating which goes first) so that machine
load drifts affect both alike.  The table reports the median wall time
of each, the ratio krait/cpython (below 1.0 means Krait is faster), the
peak RSS of each (`ru_maxrss` from `os.wait4`), and whether Krait's
stdout matched CPython's.  A benchmark on which Krait exits non-zero,
times out or prints something else is FAIL and is left out of the
geometric mean.  Nothing here asserts on timings: the exit status is 0
whether Krait is fast or slow, 1 if some benchmark FAILed, 2 if the
suite could not run at all (e.g. no Krait binary).

Standard library only.  See docs/performance.md.
"""

import argparse
import json
import math
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(BENCH_DIR)
DEFAULT_KRAIT = os.path.join(REPO_ROOT, "target", "release", "krait")
STARTUP_RUNS = 20


class Run:
    """One finished process: wall time, peak RSS and what it printed."""

    __slots__ = ("wall", "cpu", "rss_kib", "status", "stdout", "stderr", "timed_out")

    def __init__(self, wall, cpu, rss_kib, status, stdout, stderr, timed_out):
        self.wall = wall
        self.cpu = cpu  # user + system seconds
        self.rss_kib = rss_kib
        self.status = status  # exit code, or -signal
        self.stdout = stdout
        self.stderr = stderr
        self.timed_out = timed_out

    def problem(self):
        """Why this run does not count, or None if it exited cleanly."""
        if self.timed_out:
            return "timeout"
        if self.status < 0:
            try:
                return "killed by " + signal.Signals(-self.status).name
            except ValueError:
                return "killed by signal %d" % -self.status
        if self.status != 0:
            return "exit status %d" % self.status
        return None


# Peak RSS needs care.  A child's ru_maxrss is at least the RSS of the
# process it was forked from: exec() records the old address space's high
# water mark (Linux `exec_mmap`), and the old address space is the
# runner's own (vfork) or a copy of it (fork).  So the runner does not
# start the interpreter itself.  It becomes a "child subreaper" and has a
# small /bin/sh fork a background subshell, report its pid and exit; the
# orphaned subshell is re-parented to the runner.  The subshell waits for
# a "go" line on a pipe, which the runner sends only after it has reaped
# sh (so sh cannot reap the program itself), then execs the interpreter.
# The runner starts the clock at "go" and reaps the interpreter with
# os.wait4, getting its own rusage, floored only at dash's ~1 MiB.
SPAWN_SCRIPT = (
    'out=$1; shift; exec 4<&0; '
    '{ read -r _ <&4; exec "$@" <&- </dev/null >"$out" 4<&-; } >/dev/null & '
    'echo $!'
)
PR_SET_CHILD_SUBREAPER = 36


def become_subreaper():
    """Ask Linux to re-parent orphaned descendants to us; False if impossible."""
    if not sys.platform.startswith("linux") or not os.path.exists("/bin/sh"):
        return False
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


SUBREAPER = False  # set in main()


def run_once(argv, timeout, env):
    """Run argv to completion; time it from start to reap with os.wait4.

    Output goes to temporary files rather than pipes so that no reader
    thread competes with the child; ru_maxrss is KiB on Linux.
    """
    with tempfile.NamedTemporaryFile(prefix="krait-bench-") as out, \
            tempfile.TemporaryFile() as err:
        timed_out = [False]
        if SUBREAPER:
            sh = subprocess.Popen(["/bin/sh", "-c", SPAWN_SCRIPT, "sh", out.name] + argv,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=err, env=env, cwd=BENCH_DIR)
            text = sh.stdout.read()
            sh.stdout.close()
            sh.wait()
            pid = int(text)
            start = time.perf_counter()
            sh.stdin.write(b"go\n")
            sh.stdin.close()
        else:
            start = time.perf_counter()
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=err, env=env, cwd=BENCH_DIR)
            pid = proc.pid

        def kill():
            timed_out[0] = True
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.daemon = True
        timer.start()
        try:
            _, wstatus, usage = os.wait4(pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        status = os.waitstatus_to_exitcode(wstatus)
        if not SUBREAPER:
            proc.returncode = status  # reaped here; keep Popen from waiting again
        out.seek(0)
        err.seek(0)
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, status,
                   out.read(), err.read(), timed_out[0])


def median(xs):
    return statistics.median(xs) if xs else None


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def fmt_s(x):
    return "-" if x is None else "%.3f" % x


def fmt_ratio(x):
    return "-" if x is None else "%.2f" % x


def fmt_mib(kib):
    return "-" if kib is None else "%.1f" % (kib / 1024.0)


def machine_info():
    info = {"cpus": os.cpu_count(), "platform": platform.platform()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return info


def explain(problem, run, reference):
    """A few lines telling why Krait's run failed, for after the table."""
    if problem == "output differs from CPython":
        want = reference.decode("utf-8", "replace").splitlines()
        got = run.stdout.decode("utf-8", "replace").splitlines()
        for i in range(max(len(want), len(got))):
            w = want[i] if i < len(want) else "<no line>"
            g = got[i] if i < len(got) else "<no line>"
            if w != g:
                text = "line %d\n  CPython: %s\n  Krait:   %s" % (i + 1, w[:200], g[:200])
                break
        else:
            text = "outputs differ only in line endings or trailing bytes"
        if run.stderr:
            text += "\nstderr: " + run.stderr.decode("utf-8", "replace").strip()
        return text.encode()
    if run.stderr.strip():
        return run.stderr
    if run.stdout.strip():
        return b"stdout: " + run.stdout[-400:]
    return b"(no output)"


def markdown_table(rows):
    """The results as Markdown: medians of wall and CPU time, peak RSS, status."""
    def cpu(times):
        return fmt_s(median(times)) if times else "-"

    lines = ["| benchmark | CPython s | Krait s | ratio | CPython cpu s | Krait cpu s "
             "| CPython MiB | Krait MiB | output |",
             "|---|--:|--:|--:|--:|--:|--:|--:|---|"]
    for r in rows:
        if r["status"] == "ERROR":
            lines.append("| %s | - | - | - | - | - | - | - | ERROR: %s |" % (r["name"], r["reason"]))
            continue
        status = "ok" if r["status"] == "ok" else "FAIL: " + r["reason"]
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["name"], fmt_s(r["cpython_s"]), fmt_s(r.get("krait_s")),
            fmt_ratio(r.get("ratio")), cpu(r["cpython_cpu_times"]),
            cpu(r.get("krait_cpu_times")), fmt_mib(r["cpython_rss_kib"]),
            fmt_mib(r.get("krait_rss_kib")), status))
    return "\n".join(lines)


def find_benchmarks(substr):
    names = sorted(n for n in os.listdir(BENCH_DIR)
                   if n.startswith("bm_") and n.endswith(".py"))
    if substr:
        names = [n for n in names if substr in n]
    return [os.path.join(BENCH_DIR, n) for n in names]


def check_binary(path, what, hint):
    if not os.path.isfile(path) or not os.access(path, os.X_OK):
        sys.stderr.write("error: %s binary not found (or not executable): %s\n%s\n"
                         % (what, path, hint))
        sys.exit(2)


def bench_one(path, krait, python, flags, runs, timeout, env):
    """Alternate Krait and CPython runs; stop running Krait once it fails."""
    cpy_runs, kr_runs = [], []
    failure = None
    reference = None
    for i in range(runs):
        order = ("cpython", "krait") if i % 2 == 0 else ("krait", "cpython")
        for who in order:
            if who == "cpython":
                r = run_once([python] + flags + [path], timeout, env)
                if r.problem() is not None:
                    return {"error": "CPython: " + r.problem(), "stderr": r.stderr}
                if reference is None:
                    reference = r.stdout
                elif r.stdout != reference:
                    return {"error": "CPython output differs between runs "
                                     "(benchmark is not deterministic)", "stderr": b""}
                cpy_runs.append(r)
            elif failure is None:
                r = run_once([krait] + flags + [path], timeout, env)
                problem = r.problem()
                if problem is None and reference is not None and r.stdout != reference:
                    problem = "output differs from CPython"
                if problem is not None:
                    failure = (problem, r)
                else:
                    kr_runs.append(r)
    # The first Krait run may have preceded the first CPython run: recheck.
    if failure is None:
        for r in kr_runs:
            if r.stdout != reference:
                failure = ("output differs from CPython", r)
                break
    return {"cpython": cpy_runs, "krait": kr_runs, "failure": failure,
            "reference": reference}


def startup(krait, python, flags, timeout, env):
    cpy, kr = [], []
    kr_problem = None
    for i in range(STARTUP_RUNS):
        order = ("cpython", "krait") if i % 2 == 0 else ("krait", "cpython")
        for who in order:
            if who == "cpython":
                cpy.append(run_once([python] + flags + ["-c", "pass"], timeout, env).wall)
            elif kr_problem is None:
                r = run_once([krait] + flags + ["-c", "pass"], timeout, env)
                kr_problem = r.problem()
                if kr_problem is None:
                    kr.append(r.wall)
    return median(cpy), (median(kr) if kr_problem is None else None), kr_problem


def main():
    ap = argparse.ArgumentParser(
        description="Compare Krait with CPython on benches/bm_*.py.")
    ap.add_argument("--krait", default=DEFAULT_KRAIT,
                    help="Krait binary (default: <repo>/target/release/krait)")
    ap.add_argument("--python", default=os.path.realpath(sys.executable),
                    help="CPython binary (default: the real binary running this script,"
                         " not a wrapper)")
    ap.add_argument("--runs", type=int, default=5,
                    help="timed runs of each interpreter per benchmark (default 5)")
    ap.add_argument("--filter", default="",
                    help="only benchmarks whose file name contains SUBSTR")
    ap.add_argument("--json", metavar="OUT", help="also write all results to OUT")
    ap.add_argument("--timeout", type=float, default=120.0,
                    help="seconds before a run is killed and counted as FAIL (default 120)")
    ap.add_argument("--site", action="store_true",
                    help="let both interpreters import site (default: pass -S to both, so that"
                         " .pth files in site-packages do not add to every run)")
    ap.add_argument("--markdown", action="store_true",
                    help="also print the results as a Markdown table (for docs/performance.md)")
    ap.add_argument("--no-startup", action="store_true",
                    help="skip the `-c pass` startup measurement")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    krait = os.path.abspath(args.krait)
    python = os.path.abspath(args.python)
    check_binary(krait, "Krait",
                 "Build it first with `cargo build --release`, or pass --krait PATH.")
    check_binary(python, "CPython", "Pass the CPython 3.11 binary with --python PATH.")
    benches = find_benchmarks(args.filter)
    if not benches:
        sys.stderr.write("error: no benchmark matches --filter %r\n" % args.filter)
        sys.exit(2)

    global SUBREAPER
    SUBREAPER = become_subreaper()
    flags = [] if args.site else ["-S"]
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"  # steadier CPython timings; outputs do not depend on it

    mach = machine_info()
    pyver = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"],
                           capture_output=True, text=True, env=env).stdout.strip()
    print("machine: %s, %s CPUs" % (mach.get("cpu", "?"), mach["cpus"]))
    print("cpython: %s (%s)" % (python, pyver or "?"))
    print("krait:   %s" % krait)
    print("command: INTERPRETER %sbenches/bm_NAME.py" % "".join(f + " " for f in flags))
    print("runs:    %d each, alternating; times are medians of wall time" % args.runs)
    if not SUBREAPER:
        print("note:    could not become a child subreaper; peak RSS includes the runner's own")
    print()

    header = "%-18s %9s %9s %7s %9s %9s %6s  %s" % (
        "benchmark", "CPython s", "Krait s", "ratio", "CPy MiB", "Krait MiB", "RSS x", "output")
    print(header)
    print("-" * len(header))

    rows = []
    details = []
    for path in benches:
        name = os.path.basename(path)[:-3]
        res = bench_one(path, krait, python, flags, args.runs, args.timeout, env)
        row = {"name": name}
        if "error" in res:
            row.update(status="ERROR", reason=res["error"])
            details.append((name, res["error"], res["stderr"]))
            print("%-18s %9s %9s %7s %9s %9s %6s  %s" % (name, "-", "-", "-", "-", "-", "-",
                                                         "ERROR (CPython)"))
            sys.stdout.flush()
            rows.append(row)
            continue
        cpy, kr = res["cpython"], res["krait"]
        cpy_t = median([r.wall for r in cpy])
        cpy_rss = max(r.rss_kib for r in cpy)
        row.update(cpython_times=[r.wall for r in cpy], cpython_s=cpy_t,
                   cpython_cpu_times=[r.cpu for r in cpy],
                   cpython_rss_kib=cpy_rss,
                   checksum=res["reference"].decode("utf-8", "replace").strip())
        if res["failure"] is not None:
            problem, bad = res["failure"]
            why = explain(problem, bad, res["reference"])
            details.append((name, problem, why))
            row.update(status="FAIL", reason=problem, detail=why.decode("utf-8", "replace")[-2000:],
                       krait_s=None, ratio=None, krait_rss_kib=None, rss_ratio=None)
            print("%-18s %9s %9s %7s %9s %9s %6s  FAIL (%s)" % (
                name, fmt_s(cpy_t), "-", "-", fmt_mib(cpy_rss), "-", "-", problem))
        else:
            kr_t = median([r.wall for r in kr])
            kr_rss = max(r.rss_kib for r in kr)
            ratio = kr_t / cpy_t
            rss_ratio = kr_rss / cpy_rss
            cpu_ratio = median([r.cpu for r in kr]) / median([r.cpu for r in cpy])
            row.update(status="ok", krait_times=[r.wall for r in kr], krait_s=kr_t,
                       krait_cpu_times=[r.cpu for r in kr], cpu_ratio=cpu_ratio,
                       krait_rss_kib=kr_rss, ratio=ratio, rss_ratio=rss_ratio)
            print("%-18s %9s %9s %7s %9s %9s %6s  ok" % (
                name, fmt_s(cpy_t), fmt_s(kr_t), fmt_ratio(ratio), fmt_mib(cpy_rss),
                fmt_mib(kr_rss), fmt_ratio(rss_ratio)))
        sys.stdout.flush()
        rows.append(row)

    ok = [r for r in rows if r["status"] == "ok"]
    failed = [r for r in rows if r["status"] == "FAIL"]
    errors = [r for r in rows if r["status"] == "ERROR"]
    gm = geomean([r["ratio"] for r in ok])
    rss_gm = geomean([r["rss_ratio"] for r in ok])
    cpu_gm = geomean([r["cpu_ratio"] for r in ok])
    print("-" * len(header))
    print("benchmarks: %d ok, %d FAIL%s" % (
        len(ok), len(failed), (", %d ERROR (CPython)" % len(errors)) if errors else ""))
    if ok:
        worst = max(ok, key=lambda r: r["ratio"])
        best = min(ok, key=lambda r: r["ratio"])
        worst_rss = max(ok, key=lambda r: r["rss_ratio"])
        print("time  krait/cpython: geometric mean %.2f over %d benchmarks; "
              "worst %.2f (%s); best %.2f (%s)" % (
                  gm, len(ok), worst["ratio"], worst["name"], best["ratio"], best["name"]))
        print("cpu   krait/cpython (user+sys, less disturbed by other load): "
              "geometric mean %.2f" % cpu_gm)
        print("peak RSS krait/cpython: geometric mean %.2f; worst %.2f (%s)" % (
            rss_gm, worst_rss["rss_ratio"], worst_rss["name"]))
    else:
        print("time  krait/cpython: no benchmark ran correctly under Krait; no mean")

    summary = {"ok": len(ok), "fail": len(failed), "error": len(errors),
               "geomean_ratio": gm, "geomean_cpu_ratio": cpu_gm,
               "geomean_rss_ratio": rss_gm,
               "worst": max(ok, key=lambda r: r["ratio"])["name"] if ok else None}

    if not args.no_startup:
        s_cpy, s_kr, s_problem = startup(krait, python, flags, args.timeout, env)
        if s_problem is None:
            print("startup (%s-c pass, median of %d): CPython %.1f ms, Krait %.1f ms, ratio %.2f"
                  % ("".join(f + " " for f in flags), STARTUP_RUNS, s_cpy * 1e3, s_kr * 1e3,
                     s_kr / s_cpy))
        else:
            print("startup (%s-c pass, median of %d): CPython %.1f ms, Krait FAIL (%s)"
                  % ("".join(f + " " for f in flags), STARTUP_RUNS, s_cpy * 1e3, s_problem))
        summary.update(startup_cpython_s=s_cpy, startup_krait_s=s_kr,
                       startup_problem=s_problem)

    if details:
        print()
        for name, problem, text in details:
            print("%s: %s" % (name, problem))
            lines = text.decode("utf-8", "replace").strip().splitlines()
            for line in lines[-6:]:
                print("    " + line)

    if args.markdown:
        print()
        print(markdown_table(rows))

    if args.json:
        out = {"machine": mach, "python": python, "python_version": pyver, "krait": krait,
               "flags": flags, "runs": args.runs, "time": time.strftime("%Y-%m-%dT%H:%M:%S"),
               "benchmarks": rows, "summary": summary}
        d = os.path.dirname(os.path.abspath(args.json))
        os.makedirs(d, exist_ok=True)
        with open(args.json, "w") as f:
            json.dump(out, f, indent=2)
            f.write("\n")
        print("\nwrote %s" % args.json)

    sys.exit(1 if failed or errors else 0)


if __name__ == "__main__":
    main()
