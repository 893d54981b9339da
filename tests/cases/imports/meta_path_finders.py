# User finders on sys.meta_path serve both import statements and importlib.import_module.
import importlib
import importlib.abc
import importlib.util
import sys


class Loader(importlib.abc.Loader):
    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.GREETING = "made by " + module.__spec__.name
        module.LOADER = type(module.__loader__).__name__


class Finder(importlib.abc.MetaPathFinder):
    seen = []

    def find_spec(self, name, path, target=None):
        if name.startswith("virtual"):
            self.seen.append(name)
            return importlib.util.spec_from_loader(name, Loader())
        return None


sys.meta_path.insert(0, Finder())
import virtual_one
print(virtual_one.GREETING, virtual_one.LOADER, virtual_one.__spec__.name)
m = importlib.import_module("virtual_two")
print(m.GREETING, m.__name__, "virtual_two" in sys.modules)
from virtual_three import GREETING
print(GREETING)
print(Finder.seen)
import json  # still found by the regular finders
print(json.dumps([1]))


class Late(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "late_mod":
            return importlib.util.spec_from_loader(name, Loader())
        return None


sys.meta_path.append(Late())
import late_mod
print(late_mod.GREETING)
try:
    import really_missing_mod
except ModuleNotFoundError as e:
    print("ModuleNotFoundError", e)
