# `__future__` is Lib's module: its features, their releases and compiler flags.
from __future__ import annotations
import __future__
import sys

print("__future__" in sys.builtin_module_names, __future__.__name__, __future__.__file__.endswith("__future__.py"))
for name in __future__.all_feature_names:
    f = getattr(__future__, name)
    print(name, f.getOptionalRelease(), f.getMandatoryRelease(), hex(f.compiler_flag), repr(f) == repr(getattr(__future__, name)))
print(repr(__future__.annotations))
print(sorted(n for n in __future__.__all__))
print(__future__.CO_FUTURE_ANNOTATIONS == __future__.annotations.compiler_flag)
def f(x: undefined_name) -> int: ...
print(f.__annotations__)
