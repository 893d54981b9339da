# importlib.import_module (absolute, dotted, relative), missing modules, importlib.util.find_spec and reload, through sys.meta_path's Krait finder.
import importlib, sys
m = importlib.import_module('json'); print(m.dumps([1]), m.__spec__.name, m.__spec__.origin.endswith('json/__init__.py'), m.__spec__.submodule_search_locations is not None)
d = importlib.import_module('json.decoder'); print(d.JSONDecodeError.__name__, d.__name__)
print(importlib.import_module('.encoder', 'json').__name__)
try:
    importlib.import_module('no_such_module_xyz')
except ModuleNotFoundError as e:
    print(e, e.name)
import importlib.util
print(importlib.util.find_spec('no_such_module_xyz'), importlib.util.find_spec('textwrap').name)
print(importlib.reload(m) is m)
