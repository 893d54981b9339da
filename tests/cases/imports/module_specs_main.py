# `-m module` and `-m package` give `__main__` the spec and loader of the module's real name;
# runpy.run_module and run_path give theirs; reprs of specs, loaders and namespace paths.
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
for args in (["-m", "_specmain"], ["-m", "_specpkg"], ["_specmain.py"]):
    r = subprocess.run([sys.executable, *args], cwd=HERE, capture_output=True, text=True)
    print(args, r.returncode)
    print(r.stdout, end="")
    print(r.stderr, end="")

print(sys.__spec__)
print(repr(sys.__loader__))
import builtins
print(builtins.__spec__ == sys.__spec__, builtins.__spec__ == builtins.__spec__)
import _specpkg._nsdir as ns
print(repr(ns.__path__).replace(HERE, "<here>"))
print(repr(ns).split(" object at")[0])
print(repr(ns.__spec__).split(",")[0])
import _specplain
print(repr(_specplain.__spec__).replace(HERE, "<here>").split("loader=")[0])
print(repr(_specplain.__loader__).split(" object at")[0])
print(type(_specplain.__spec__).__name__, type(_specplain.__spec__).__module__)
print(_specplain.__loader__ == _specplain.__spec__.loader)
import runpy
g = runpy.run_path(os.path.join(HERE, "_specmain.py"), run_name="__rp__")
print(g["__name__"], g["__spec__"], type(g.get("__loader__")).__name__)
