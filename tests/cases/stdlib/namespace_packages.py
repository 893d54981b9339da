# PEP 420: a directory without __init__.py imports as a namespace package.
import os

import _nsp_case
import _nsp_case.plain
import _nsp_case.sub.mod
from _nsp_case.sub import mod

print(_nsp_case.__file__, _nsp_case.__package__, _nsp_case.sub.__file__)
print([os.path.basename(p) for p in _nsp_case.__path__])
print(_nsp_case.plain.Y, _nsp_case.sub.mod.X, mod.X, mod.__name__, _nsp_case.plain.__package__)
try:
    import _nsp_case.missing
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
