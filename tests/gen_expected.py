#!/usr/bin/env python3
"""Generate the expected results of Krait's differential test cases by running them under
CPython 3.11.

    python3 tests/gen_expected.py              # every case under tests/cases/
    python3 tests/gen_expected.py PATH...      # only these cases (files or folders)

Files named `_*.py` are helper modules that cases import; they are not cases themselves.
For each `NAME.py` it writes `NAME.out` (stdout), and `NAME.err` (stderr) and `NAME.exit` (the
exit code) only when they are non-empty / non-zero. Each case runs with its own folder as the
working directory, `PYTHONHASHSEED=0` and UTF-8 stdio; the absolute path of the repository root
is replaced by nothing in the output, so tracebacks read `File "tests/cases/...py"` on every
machine. The harness (`crates/krait/tests/cases.rs`) runs Krait the same way.

Never edit the generated files by hand: they are CPython's word, not ours.
"""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
TIMEOUT = 60


def case_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    return env


def normalize(text: str) -> str:
    return text.replace(str(ROOT) + os.sep, "")


def generate(case: Path, python: str) -> None:
    stdin_file = case.with_suffix(".stdin")
    stdin = stdin_file.read_bytes() if stdin_file.exists() else b""
    proc = subprocess.run(
        [python, str(case)],
        cwd=case.parent,
        input=stdin,
        capture_output=True,
        env=case_env(),
        timeout=TIMEOUT,
    )
    out = normalize(proc.stdout.decode("utf-8", "surrogateescape"))
    err = normalize(proc.stderr.decode("utf-8", "surrogateescape"))
    files = {".out": out, ".err": err, ".exit": f"{proc.returncode}\n" if proc.returncode else ""}
    for suffix, text in files.items():
        path = case.with_suffix(suffix)
        if text or suffix == ".out":
            path.write_text(text, encoding="utf-8", errors="surrogateescape", newline="")
        elif path.exists():
            path.unlink()


def main(argv):
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"expected outputs must come from CPython 3.11, not {sys.version.split()[0]}")
    python = os.path.realpath(sys.executable)
    targets = [Path(a).resolve() for a in argv] or [CASES]
    cases = []
    for t in targets:
        cases.extend(sorted(t.rglob("*.py")) if t.is_dir() else [t])
    # Files whose name starts with "_" are modules imported by cases, not cases.
    cases = [c for c in cases if not c.name.startswith("_")]
    for case in cases:
        generate(case, python)
    print(f"generated expected output for {len(cases)} cases")


if __name__ == "__main__":
    main(sys.argv[1:])
