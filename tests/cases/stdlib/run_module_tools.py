# The command-line tools of the standard library, run with `-m` by this same interpreter.
import subprocess
import sys


def run(*args, stdin=None, keep=lambda line: True):
    p = subprocess.run([sys.executable, *args], input=stdin, capture_output=True, text=True)
    print("$ -m", " ".join(args[1:]), "->", p.returncode)
    for stream in (p.stdout, p.stderr):
        for line in stream.splitlines():
            if keep(line):
                print("  " + line)


run("-m", "json.tool", stdin='{"b": [1, 2.5, null], "a": {"x": "\\u00e9"}}')
run("-m", "json.tool", "--sort-keys", "--indent", "1", stdin='{"b": 1, "a": [true]}')
run("-m", "json.tool", stdin="{bad json")
# Timings differ from run to run: keep the lines that do not carry one.
run("-m", "unittest", "discover", "-s", "_mtool_tests", "-v",
    keep=lambda line: not line.startswith("Ran "))
run("-m", "unittest", "_mtool_tests.test_sample.Sample.test_ok",
    keep=lambda line: not line.startswith("Ran "))
# The timing line, and the warning timeit adds when the machine is busy (the worst of the two
# runs more than four times the best), change from run to run.
run("-m", "timeit", "-n", "10", "-r", "2", "x = sum(range(10))",
    keep=lambda line: "loops, best of 2" not in line and "unreliable" not in line)
run("-m", "http.server", "--help")
run("-m", "venv", "--help")
