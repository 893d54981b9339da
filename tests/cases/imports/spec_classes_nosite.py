# Without site (`-S`), nothing imports importlib at startup: sys and builtins still have their
# ModuleSpec, imported modules get specs and loaders, and importing importlib later turns all of
# them into instances of importlib's classes.
import subprocess
import sys

CODE = r'''
import sys, builtins
print("importlib loaded", "importlib" in sys.modules)
print(sys.__spec__)
print(builtins.__spec__)
print(type(sys.__spec__).__name__, sys.__spec__.loader.__name__, sys.__loader__ is sys.__spec__.loader)
import json
print(type(json.__spec__).__name__, type(json.__loader__).__name__, json.__spec__._initializing)
print(list(vars(json.__spec__)))
import importlib.machinery as m
print(isinstance(json.__spec__, m.ModuleSpec), isinstance(json.__loader__, m.SourceFileLoader))
print(isinstance(sys.__spec__, m.ModuleSpec), sys.__loader__ is m.BuiltinImporter,
      builtins.__spec__.loader is m.BuiltinImporter)
import csv
print(isinstance(csv.__spec__, m.ModuleSpec), isinstance(csv.__loader__, m.SourceFileLoader))
'''
r = subprocess.run([sys.executable, "-S", "-c", CODE], capture_output=True, text=True)
print(r.stdout, end="")
print(r.stderr, end="")
print("exit", r.returncode)
