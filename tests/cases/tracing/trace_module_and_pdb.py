# The trace module (--count, --trace, --listfuncs) and pdb driven from a piped script, both
# running on sys.settrace.
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run(args, stdin=None):
    r = subprocess.run([sys.executable, *args], cwd=HERE, input=stdin, capture_output=True,
                       text=True)
    print(args[:3], "exit", r.returncode)
    print(r.stdout.replace(HERE, "<here>"), end="")
    print(r.stderr.replace(HERE, "<here>"), end="")


with tempfile.TemporaryDirectory() as d:
    run(["-m", "trace", "--count", "--summary", "--missing", "-C", d, "_traced_prog.py"])
    with open(os.path.join(d, "_traced_prog.cover")) as f:
        print(f.read(), end="")
run(["-m", "trace", "--trace", "_traced_prog.py"])
run(["-m", "trace", "--listfuncs", "_traced_prog.py"])
run(["-m", "pdb", "_traced_prog.py"], "n\nn\np total\nb square\nc\np x\nargs\nc\nup\np total, i\ndown\nclear 1\nc\n")
