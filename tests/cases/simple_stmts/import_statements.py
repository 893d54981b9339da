# import forms with a helper module next to this case
import _import_helper
print(_import_helper.CONSTANT, _import_helper.double(4))
import _import_helper as helper
print(helper is _import_helper)
from _import_helper import double, CONSTANT as C
print(double(5), C)
from _import_helper import *
print(public_name)
try:
    _private_name
except NameError as e:
    print("NameError", e)
print(sorted(n for n in dir() if "name" in n))
try:
    from _import_helper import does_not_exist
except ImportError as e:
    print("ImportError", e, "| name:", e.name)
try:
    import _no_such_module_anywhere
except ModuleNotFoundError as e:
    print("ModuleNotFoundError", e, "| name:", e.name, isinstance(e, ImportError))
import sys
print("_import_helper" in sys.modules, sys.modules["_import_helper"] is helper)
print(_import_helper.load_count)
import _import_helper
print(_import_helper.load_count)
def local_import():
    import _import_helper as h
    from _import_helper import double as dbl
    return h.CONSTANT, dbl(1), sorted(locals())
print(local_import())
print(_import_helper.__name__, _import_helper.__file__.endswith("_import_helper.py"))
print(_import_helper.lazy_attr)
try:
    _import_helper.missing_attr
except AttributeError as e:
    print("AttributeError", e)
print(_import_helper.__all__)
for bad in ["from x import", "import a.", "from . import *\n" if False else "def f():\n    from sys import *\n"]:
    try:
        compile(bad, "<i>", "exec")
        print(repr(bad), "compiles")
    except SyntaxError as e:
        print(repr(bad), "-> SyntaxError", e.msg)
