# sys.meta_path, sys.path_hooks and sys.path_importer_cache hold what CPython's hold, and the
# stock finders work when called directly.
import subprocess
import sys

stock = [f for f in sys.meta_path if getattr(f, "__module__", "").startswith("_frozen_importlib")]
print([f.__name__ for f in stock])
print([f.__module__ for f in stock])
print([getattr(h, "__qualname__", h) for h in sys.path_hooks])

import importlib.machinery as m

print(m.BuiltinImporter in sys.meta_path, m.FrozenImporter in sys.meta_path, m.PathFinder in sys.meta_path)
print(sys.meta_path[-3:] == [m.BuiltinImporter, m.FrozenImporter, m.PathFinder])
print(sys.path_hooks[0] is __import__("zipimport").zipimporter)
spec = m.PathFinder.find_spec("json")
print(spec.name, type(spec.loader).__name__, spec.origin.endswith("json/__init__.py"))
print(m.PathFinder.find_spec("sys"))
print(m.PathFinder.find_spec("no_such_mod_xyz"))
print(m.PathFinder.find_spec("decoder", sys.modules.get("json", __import__("json")).__path__).name)
print(m.BuiltinImporter.find_spec("sys"))
print(m.BuiltinImporter.find_spec("json"))
print(m.FrozenImporter.find_spec("no_such_thing"))

import importlib.util

s = importlib.util.find_spec("json")
print(s.name, s.origin.endswith("json/__init__.py"), s.submodule_search_locations is not None)
print(importlib.util.find_spec("no_such_mod_xyz"))
print(importlib.util.find_spec("sys").origin)


import json

lib = json.__path__[0].rsplit("/", 1)[0]
print(type(sys.path_importer_cache[lib]).__name__, sys.path_importer_cache[lib].path == lib)
print(type(sys.path_importer_cache[json.__path__[0]]).__name__)
m.PathFinder.invalidate_caches()
print(lib in sys.path_importer_cache)

# Without site and before anything imports importlib: the same lists.
code = """
import sys
print([f.__name__ for f in sys.meta_path], [f.__module__ for f in sys.meta_path])
import json
print([getattr(h, '__qualname__', h) for h in sys.path_hooks])
lib = json.__path__[0].rsplit('/', 1)[0]
print(type(sys.path_importer_cache[lib]).__name__)
print(sys.meta_path[2].find_spec('json').name, sys.meta_path[0].find_spec('sys').origin)
"""
r = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True)
print(r.stdout, r.stderr[-300:], r.returncode)
