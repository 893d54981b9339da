# ast.parse: node classes, fields, ctx, positions (CPython's conventions) over varied code.
import ast

SRC = '''\
"""Module docstring."""
from __future__ import annotations
import os, sys as system
from . import (a as b, c)
from ..pkg.mod import *
x = y = 1
x += 2; x -= 3
x: int = 5
(y): "str"
a.b[c] = d, *e = f
del a[0], b.c
assert x, "msg"
global g
lambda: 0
lambda a, /, b=1, *c, d, e=2, **f: (a, b)

@decorator
@other.deco(1, k=2)
class C(Base, metaclass=Meta):
    """Class doc."""
    attr: int
    def method(self, x: int = 0, *args: str, key=None, **kw) -> None:
        nonlocal_thing = [i * 2 for i in range(10) if i % 2 if i > 3]
        return None

async def agen(n):
    async with ctx() as c, other():
        async for item in aiter_():
            await item
            yield item
    result = [x async for x in agen(1)]
    return

def gen():
    yield
    yield from range(3)
    x = yield 1

for i, (j, k) in enumerate(pairs):
    if i:
        continue
    elif j:
        break
    else:
        pass
else:
    pass

while x < 10 <= y != z:
    x = x + 1 if x else -x
else:
    pass

try:
    pass
except (ValueError, TypeError) as e:
    raise RuntimeError("x") from e
except Exception:
    raise
else:
    pass
finally:
    pass

try:
    pass
except* OSError:
    pass

with open("f") as f, (a):
    pass

match command.split():
    case [action]:
        pass
    case [action, obj, *rest]:
        pass
    case Point(x=0, y=0) | Point(1, 2) as p if p:
        pass
    case {"k": v, 1: w, **kw}:
        pass
    case None | True | False:
        pass
    case -1 | 1.5 | 2 + 3j | "s" "t" | b"b":
        pass
    case Color.RED:
        pass
    case (a, b) | [a, b, *_]:
        pass
    case _:
        pass

values = {1: 2, **other, 'k': [1, 2.5, 3j, ..., None, True]}
s = {1, 2}; sc = {x for x in y}; dc = {k: v for k, v in items()}
g = (x for x in y)
call(x for x in y)
call(*args, **kwargs, key=(yield))
t = a[1:2, ::3, ...]
n = (walrus := 10)
b = not a and b or c
u = ~x, +x, -x
ops = a @ b // c ** d % e << f >> g & h | i ^ j
cmp = a is not b, a not in b, a in b, a is b
bs = b"bytes" rb"\\raw"
us = u"unicode" "cat"
f1 = f"plain {x} {y!r} {z!s:>10} {w!a:{width}.{prec}}"
f2 = f"{x=}" f"{y = !s}" "tail"
f3 = f"""multi
{line +
  other} done"""
f4 = f"{x:}" f"{'nested' + f'{y}'}"
f5 = f'{3,}{a, b!r}'
big = 123456789012345678901234567890
ints = 0x_ff, 0o17, 0b1010, 1_000
floats = 1e10, 1.5e-3, .5
if True: pass
'''

tree = ast.parse(SRC)
print(ast.dump(tree, include_attributes=True, indent=1))
print(ast.dump(tree))

# Modes.
print(ast.dump(ast.parse("a + b * c", mode="eval"), include_attributes=True))
print(ast.dump(ast.parse("x = 1; y = 2", mode="single"), include_attributes=True))
print(ast.dump(ast.parse("(int, *str) -> bool", mode="func_type"), include_attributes=True))
print(ast.dump(ast.parse("() -> None", mode="func_type")))
print(ast.dump(compile("1 + 2", "<s>", "eval", ast.PyCF_ONLY_AST)))
print(ast.dump(ast.parse("x = 1", type_comments=True, feature_version=(3, 8))))

# Shared instances for operators and contexts, as in CPython.
t1 = ast.parse("a + b").body[0].value
t2 = ast.parse("c + d").body[0].value
print(t1.op is t2.op, type(t1.op).__name__, t1.left.ctx is t2.right.ctx)
print(ast.parse("x = 1").body[0].targets[0].ctx is ast.parse("del y").body[0].targets[0].ctx)

# Node attributes and class relations.
node = tree.body[5]
print(type(node).__name__, node._fields, node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)
print(isinstance(node, ast.stmt), isinstance(node.value, ast.expr), isinstance(node, ast.AST))
const = ast.parse("'x'").body[0].value
print(const.value, const.kind, ast.parse("u'x'").body[0].value.kind)

# UTF-8 byte columns.
print(ast.dump(ast.parse("é = 'ü' + x"), include_attributes=True))

# Syntax errors are raised as compile() raises them.
for bad in ["x = ", "def f(:", "  x = 1", "f(**a, *b)", "x = (1,"]:
    try:
        ast.parse(bad)
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset)

# Compile-time (not parse-time) errors are not raised by ast.parse.
print(ast.dump(ast.parse("return 1\nbreak\nnonlocal x\nawait y")))

# Walk and visit.
names = sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)})
print(len(names), names[:10])
class V(ast.NodeVisitor):
    def __init__(self):
        self.count = {}
    def generic_visit(self, node):
        k = type(node).__name__
        self.count[k] = self.count.get(k, 0) + 1
        super().generic_visit(node)
v = V()
v.visit(tree)
print(sorted(v.count.items()))
print(ast.get_docstring(tree), ast.get_docstring([n for n in tree.body if isinstance(n, ast.ClassDef)][0]))
seg = tree.body[5]
print(repr(ast.get_source_segment(SRC, seg)))
print(repr(ast.get_source_segment(SRC, tree.body[-4].value, padded=True)))
