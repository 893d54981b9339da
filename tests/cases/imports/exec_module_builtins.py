# A module loaded through importlib's own machinery (import_module, then the spec's loader)
# finds its builtins through its globals, as `exec(code, module.__dict__)` gives them.
import importlib
import importlib.util
import os
import sys
import tempfile

with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "modb_probe.py"), "w") as fh:
        fh.write("def f():\n    return callable(__builtins__), len([1, 2])\n")
    sys.path.insert(0, d)
    m = importlib.import_module("modb_probe")
    print(m.f())
    print("__builtins__" in vars(m))
    spec = importlib.util.spec_from_file_location("modb_again", os.path.join(d, "modb_probe.py"))
    m2 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m2)
    print(m2.f())
    sys.path.remove(d)
