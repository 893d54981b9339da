# Module __spec__ / __loader__ for built-in, source, package, namespace-package and __main__
# modules, and the importlib functions that read them.
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def rel(p):
    if p is None:
        return None
    if isinstance(p, str) and p.startswith(HERE):
        return "<here>" + p[len(HERE):]
    return p


def show_spec(m):
    s = m.__spec__
    print(" name", s.name, "parent", repr(s.parent), "has_location", s.has_location)
    print(" origin", rel(s.origin), "cached", s.cached and os.path.basename(os.path.dirname(s.cached)))
    locs = s.submodule_search_locations
    print(" locations", None if locs is None else [rel(p) for p in locs])
    print(" loader", type(s.loader).__name__ if not isinstance(s.loader, type) else s.loader.__name__,
          "same as __loader__", s.loader is m.__loader__)
    print(" file", rel(getattr(m, "__file__", None)), "package", repr(m.__package__))


print("__main__: spec", __spec__, "loader", type(__loader__).__name__)
print(" main loader name", __loader__.name, "path", rel(__loader__.path))
print(" main is_package", __loader__.is_package("__main__"))

print("sys")
show_spec(sys)
print(" sys loader is_package", sys.__loader__.is_package("sys"), sys.__loader__.get_source("sys"))
import builtins
print("builtins"); show_spec(builtins)

import _specplain
print("_specplain"); show_spec(_specplain)
ld = _specplain.__loader__
print(" get_filename", rel(ld.get_filename("_specplain")), "is_package", ld.is_package("_specplain"))
print(" get_source head", repr(ld.get_source("_specplain")[:20]))
print(" get_data", ld.get_data(ld.get_filename("_specplain"))[:9])
co = ld.get_code("_specplain")
print(" get_code", type(co).__name__, rel(co.co_filename), co.co_name)
print(" loader name/path", ld.name, rel(ld.path))

import _specpkg
print("_specpkg"); show_spec(_specpkg)
print(" is_package", _specpkg.__loader__.is_package("_specpkg"), _specpkg.VALUE)
import _specpkg._sub as sub
print("_specpkg._sub"); show_spec(sub)
print(" PKG from __spec__.parent", sub.PKG)

import _specpkg._nsdir
import _specpkg._nsdir._leaf
ns = _specpkg._nsdir
print("_specpkg._nsdir (namespace)")
print(" file", getattr(ns, "__file__", "absent"), "spec origin", ns.__spec__.origin)
print(" loader", type(ns.__loader__).__name__, "spec loader", type(ns.__spec__.loader).__name__)
print(" path type", type(ns.__path__).__name__, [rel(p) for p in ns.__path__])
print(" locations", [rel(p) for p in ns.__spec__.submodule_search_locations])
print(" has_location", ns.__spec__.has_location, "parent", ns.__spec__.parent)
print(" leaf", _specpkg._nsdir._leaf.LEAF, _specpkg._nsdir._leaf.__spec__.parent)

import importlib
import importlib.util
print("find_spec existing is __spec__", importlib.util.find_spec("_specplain") is _specplain.__spec__)
s = importlib.util.find_spec("_specmain")
print("find_spec new", s.name, rel(s.origin), type(s.loader).__name__, "_specmain" in sys.modules)
print("find_spec missing", importlib.util.find_spec("_no_such_module_here"))
s = importlib.util.find_spec("_specpkg._sub")
print("find_spec sub", s.name, s.parent)

import importlib.resources
print("resources", importlib.resources.files("_specpkg").joinpath("data.txt").read_text().splitlines())
print("resources is_file", importlib.resources.files(_specpkg).joinpath("data.txt").is_file())
import pkgutil
print("pkgutil.get_data", pkgutil.get_data("_specpkg", "data.txt"))

import inspect
print("getsource lines", len(inspect.getsource(_specplain).splitlines()),
      inspect.getsource(_specplain.f).strip().splitlines()[0])

_specplain.COUNT.append("old")
m2 = importlib.reload(_specplain)
print("reload same object", m2 is _specplain, _specplain.COUNT, _specplain.__spec__.name)

import runpy
g = runpy.run_module("_specmain", run_name="__run__")
print("run_module globals", g["__name__"], g["__spec__"].name, type(g["__loader__"]).__name__)

m = importlib.import_module("_specpkg._sub")
print("import_module", m is sub, m.hello())
m = importlib.import_module("._sub", "_specpkg")
print("import_module relative", m is sub)
