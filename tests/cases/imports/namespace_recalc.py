# A namespace package's __path__ follows its parent path: a new portion appearing on sys.path
# joins it (_NamespacePath._recalculate), before and after importlib is set up.
import subprocess
import sys

CODE = r'''
import os, sys, tempfile
base = tempfile.mkdtemp()
d1, d2, d3 = (os.path.join(base, n) for n in ("one", "two", "three"))
for d in (d1, d2, d3):
    os.makedirs(os.path.join(d, "nsx"))
with open(os.path.join(d2, "nsx", "late.py"), "w") as f:
    f.write("WHERE = 'two'\n")
def show(p):
    return [os.path.relpath(x, base) for x in p]
sys.path.append(d1)
import nsx
print(type(nsx.__path__).__name__, show(nsx.__path__), len(nsx.__path__))
sys.path.append(d2)
print(show(nsx.__path__), len(nsx.__path__), os.path.join(d2, "nsx") in nsx.__path__)
import nsx.late
print(nsx.late.WHERE)
print(repr(nsx.__path__).replace(base, "<base>"))
if "--importlib" in sys.argv:
    import importlib
    sys.path.append(d3)
    print(show(nsx.__path__), type(nsx.__path__).__module__)
'''
for extra in ([], ["--importlib"]):
    r = subprocess.run([sys.executable, "-S", "-c", CODE] + extra, capture_output=True, text=True)
    print(r.stdout, end="")
    print(r.stderr, end="")
    print("exit", r.returncode)
