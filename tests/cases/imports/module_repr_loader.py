# Module reprs follow importlib's _module_repr: the spec first, then the loader's module_repr,
# then __file__ or the loader; `-c`'s __main__ has BuiltinImporter as its loader.
import subprocess
import sys
import types

CODE = r'''
import sys, types
print(sys.modules['__main__'], __loader__, __spec__)
m = types.ModuleType('w')
print(m)
m.__file__ = 'f.py'
print(m)
del m.__file__
m.__loader__ = 3
print(m)
class L:
    def module_repr(self, module):
        return '<custom ' + module.__name__ + '>'
m.__loader__ = L()
print(m)
class S:
    name = 'spec_name'
    origin = 'somewhere'
    loader = None
    has_location = False
m.__spec__ = S()
print(m)
S.has_location = True
print(m)
S.origin = None
print(m)
S.loader = 'LD'
print(m)
print(sys, sys.modules['builtins'])
'''
for flags in ([], ["-S"]):
    r = subprocess.run([sys.executable] + flags + ["-c", CODE], capture_output=True, text=True)
    print(r.stdout, end="")
    print(r.stderr, end="")
    print("exit", r.returncode)
