# Modules' __spec__ and __loader__ are instances of importlib's own classes (ModuleSpec,
# SourceFileLoader, BuiltinImporter, NamespaceLoader, _NamespacePath), with their whole API,
# whether the module was imported before or after importlib itself.
import os
import sys
import importlib
import importlib.machinery as machinery
import importlib.util
import json
import itertools

HERE = os.path.dirname(os.path.abspath(__file__))


def rel(p):
    if isinstance(p, str) and p.startswith(HERE):
        return "<here>" + p[len(HERE):]
    return p


print("json spec", isinstance(json.__spec__, machinery.ModuleSpec), type(json.__spec__).__module__)
print("json loader", isinstance(json.__loader__, machinery.SourceFileLoader))
print("json spec keys", list(vars(json.__spec__)))
print("json _initializing", json.__spec__._initializing, "cached set", json.__spec__._cached is not None)
print("json loader keys", list(vars(json.__loader__)))
print("itertools", itertools.__spec__, itertools.__loader__ is machinery.BuiltinImporter)
print("sys", sys.__spec__, sys.__spec__.loader is machinery.BuiltinImporter)
print("sys keys", list(vars(sys.__spec__)))
import builtins
print("builtins", builtins.__spec__, builtins.__loader__ is machinery.BuiltinImporter)

import _specplain
s = _specplain.__spec__
print("_specplain", type(s).__name__, isinstance(s, machinery.ModuleSpec),
      isinstance(_specplain.__loader__, machinery.SourceFileLoader))
print(" repr", repr(s).replace(repr(s.loader), "LOADER").replace(HERE, "<here>"))
print(" keys", list(vars(s)), s._initializing, s.loader_state, s.parent, s.has_location)
print(" cached", os.path.basename(os.path.dirname(s.cached)), s.cached.endswith(".pyc"))
ld = s.loader
print(" loader api", ld.is_package("_specplain"), rel(ld.get_filename()), type(ld.get_code("_specplain")).__name__)
print(" path_stats", sorted(ld.path_stats(ld.path)))
print(" source", ld.get_source("_specplain").splitlines()[0])
print(" resource reader", type(ld.get_resource_reader("_specplain")).__name__)
print(" eq", s == importlib.util.spec_from_file_location("_specplain", s.origin),
      s == machinery.ModuleSpec("other", None))

import _specpkg
import _specpkg._nsdir as ns
print("namespace loader", type(ns.__loader__).__name__, isinstance(ns.__loader__, machinery.NamespaceLoader))
print("namespace path", type(ns.__path__).__name__, type(ns.__path__).__module__, [rel(p) for p in ns.__path__])
print("namespace spec", type(ns.__spec__).__name__, ns.__spec__.loader is ns.__loader__,
      ns.__spec__.submodule_search_locations is ns.__path__)

f = importlib.util.find_spec("_specmain")
print("find_spec", type(f).__name__, isinstance(f, machinery.ModuleSpec), type(f.loader).__name__,
      isinstance(f.loader, machinery.SourceFileLoader))
print("find_spec builtin", importlib.util.find_spec("itertools"))
m = machinery.ModuleSpec("made", None, origin="here", loader_state=3, is_package=True)
print("constructed", m, m.loader_state, m.submodule_search_locations, m.parent, m.cached)
print("mod from spec", importlib.util.module_from_spec(m))

# __builtins__ of an imported module is the builtins dict; exec() inserts the dict too.
print("module __builtins__", type(_specplain.__dict__["__builtins__"]).__name__,
      _specplain.__dict__["__builtins__"] is builtins.__dict__)
print("main __builtins__", type(__builtins__).__name__)
g = {}
exec("x = 1", g)
print("exec __builtins__", type(g["__builtins__"]).__name__, g["__builtins__"] is builtins.__dict__)
