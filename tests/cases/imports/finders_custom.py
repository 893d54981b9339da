# Finders and path hooks of the program's own, a zip archive on sys.path, and sys.meta_path
# without its stock finders, as importlib._bootstrap runs them.
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import tempfile
import zipfile

tmp = tempfile.mkdtemp()

# A zip archive on sys.path: zipimport.zipimporter serves it.
archive = os.path.join(tmp, "bundle.zip")
with zipfile.ZipFile(archive, "w") as z:
    z.writestr("zipped_mod.py", "VALUE = 'from zip'\n")
    z.writestr("zipped_pkg/__init__.py", "NAME = __name__\n")
    z.writestr("zipped_pkg/sub.py", "from . import NAME as PARENT\n")
sys.path.insert(0, archive)
import zipped_mod
import zipped_pkg.sub
print(zipped_mod.VALUE, type(zipped_mod.__loader__).__name__, type(zipped_mod.__loader__).__module__)
print(zipped_pkg.sub.PARENT, zipped_pkg.__spec__.submodule_search_locations == [os.path.join(archive, "zipped_pkg")])
print(type(sys.path_importer_cache[archive]).__name__)
print(zipped_mod.__file__ == os.path.join(archive, "zipped_mod.py"))
sys.path.remove(archive)

# A path hook of the program's own, first on sys.path_hooks.
class HookFinder:
    def __init__(self, entry):
        if not entry.startswith("virtual:"):
            raise ImportError("not mine")
        self.entry = entry

    def find_spec(self, name, target=None):
        if name.startswith("hooked_"):
            return importlib.util.spec_from_loader(name, Loader())
        return None

class Loader(importlib.abc.Loader):
    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.ORIGIN = "hooked " + module.__name__

calls = []
def hook(entry):
    calls.append(entry)
    return HookFinder(entry)

sys.path_hooks.insert(0, hook)
sys.path.append("virtual:one")
import hooked_mod
print(hooked_mod.ORIGIN)
print(type(sys.path_importer_cache["virtual:one"]).__name__)
print("virtual:one" in calls)
print(importlib.machinery.PathFinder.find_spec("hooked_two").name)
sys.path_hooks.remove(hook)
sys.path.remove("virtual:one")

# A finder put in sys.path_importer_cache for a directory is asked instead of FileFinder.
d = os.path.join(tmp, "plain")
os.mkdir(d)
with open(os.path.join(d, "cached_mod.py"), "w") as f:
    f.write("X = 'from file'\n")
sys.path.append(d)
class CacheFinder:
    def find_spec(self, name, target=None):
        if name == "cached_mod":
            return importlib.util.spec_from_loader(name, Loader())
        return None
sys.path_importer_cache[d] = CacheFinder()
import cached_mod
print(getattr(cached_mod, "ORIGIN", None), getattr(cached_mod, "X", None))
del sys.path_importer_cache[d]
del sys.modules["cached_mod"]
import cached_mod
print(getattr(cached_mod, "ORIGIN", None), getattr(cached_mod, "X", None))
print(type(sys.path_importer_cache[d]).__name__)

# A meta path finder between the stock ones.
class Middle(importlib.abc.MetaPathFinder):
    seen = []
    def find_spec(self, name, path, target=None):
        self.seen.append(name)
        return None
pf = importlib.machinery.PathFinder
i = sys.meta_path.index(pf)
sys.meta_path.insert(i, Middle())
import colorsys
import _symtable  # built in: found before Middle is asked
print(Middle.seen)
del sys.meta_path[i]

# Without PathFinder nothing on sys.path is found; built-in modules still are.
sys.meta_path.remove(pf)
try:
    import textwrap
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e, e.name)
print('pwd' in sys.modules)
import pwd
print(pwd.__name__)
print(importlib.util.find_spec("tabnanny"))
sys.meta_path.append(pf)
import textwrap
print(textwrap.__name__)

# Without BuiltinImporter, built-in modules are not found.
bi = importlib.machinery.BuiltinImporter
sys.meta_path.remove(bi)
print('_string' in sys.modules)
try:
    import _string
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
sys.meta_path.insert(0, bi)

saved = sys.meta_path
sys.meta_path = None
try:
    import _sha1
except ImportError as e:
    print(type(e).__name__, e)
sys.meta_path = saved
import _sha1
print(_sha1.__name__)

# None in sys.modules blocks an import; the error names the module.
sys.modules["blocked_mod_xyz"] = None
try:
    import blocked_mod_xyz
except ModuleNotFoundError as e:
    print(e, e.name)
