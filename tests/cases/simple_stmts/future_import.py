from __future__ import annotations
from __future__ import generator_stop, division, print_function
# With postponed evaluation, annotations are stored as strings
import __future__
def f(x: int, y: list[UndefinedName]) -> dict[str, int]:
    return {}
print(f.__annotations__)
class C:
    attr: NotDefinedEither = 1
    other: "already a string"
print(C.__annotations__)
v: SomeType = 5
print(__annotations__, v)
print(__future__.annotations.compiler_flag != 0, annotations.getMandatoryRelease() if False else "skip")
print(type(annotations).__name__)
for src in ["from __future__ import braces", "from __future__ import nonexistent", "x = 1\nfrom __future__ import annotations\n"]:
    try:
        compile(src, "<f>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), "-> SyntaxError", e.msg)
print(1 / 2)
def g(a: 1 + 2, b: "x" * 2):
    pass
print(g.__annotations__)
