# A module imported a second time comes from the compiled-code cache, where functions are
# decoded only when first used: everything about them must behave as after a fresh compile.
import marshal
import os
import sys
import tempfile

SRC = '''
"""module doc"""
import functools

def plain(a, b=2, *args, c, **kw):
    "plain doc"
    return a + b + c + len(args) + len(kw)

def outer(n):
    def inner(k):
        return [n * i for i in range(k)]
    return inner

class Shape:
    "a shape"
    sides = 0

    def __init__(self, name):
        self.name = name

    def describe(self):
        return f"{self.name} with {self.sides} sides"

    @property
    def upper(self):
        return self.name.upper()

    @staticmethod
    def origin():
        return (0, 0)

class Square(Shape):
    sides = 4

    def describe(self):
        return "square: " + super().describe()

def gen(n):
    yield from range(n)

async def coro():
    return 42

def failing():
    return 1 / 0

squares = {x: x * x for x in range(4)}
later = lambda: plain(1, c=3)
'''

sys.dont_write_bytecode = False
with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "lazymod.py"), "w") as f:
        f.write(SRC)
    sys.path.insert(0, d)
    import lazymod
    first = lazymod
    del sys.modules["lazymod"]
    import lazymod
    sys.dont_write_bytecode = True
    print(lazymod is not first, lazymod.__doc__)
    print(sorted(os.listdir(os.path.join(d, "__pycache__")))[0].startswith("lazymod."))
    print(lazymod.plain.__name__, lazymod.plain.__qualname__, lazymod.plain.__doc__)
    print(lazymod.Shape.describe.__qualname__, lazymod.Shape.__doc__)
    # __code__ before the first call, then calls.
    code = lazymod.plain.__code__
    print(code.co_name, code.co_argcount, code.co_kwonlyargcount, code.co_varnames)
    print(code is lazymod.plain.__code__)
    print(lazymod.plain(1, c=3), lazymod.plain(1, 2, 3, 4, c=5, d=6))
    print(lazymod.outer(3)(4), lazymod.outer.__code__.co_consts[1].co_name)
    s = lazymod.Square("box")
    print(s.describe(), s.upper, lazymod.Shape.origin(), lazymod.Shape("tri").describe())
    print(list(lazymod.gen(3)), lazymod.squares, lazymod.later())
    c = lazymod.coro()
    try:
        c.send(None)
    except StopIteration as e:
        print("coro", e.value)
    # Nested code objects in co_consts are code objects like any other.
    names = sorted(
        c.co_name for c in lazymod.outer.__code__.co_consts if hasattr(c, "co_code")
    )
    print(names)
    # marshal and exec of a not yet called function's code.
    back = marshal.loads(marshal.dumps(lazymod.Shape.__init__.__code__))
    print(back.co_name, back.co_varnames)
    ns = {}
    exec(compile("def f(): return 5", "<s>", "exec"), ns)
    print(ns["f"]())
    # Tracebacks point into the cached module's source.
    try:
        lazymod.failing()
    except ZeroDivisionError as e:
        tb = e.__traceback__.tb_next
        print(tb.tb_frame.f_code.co_name, tb.tb_lineno, os.path.basename(tb.tb_frame.f_code.co_filename))
    # Swapping code between functions.
    def g(a, b=2, *args, c, **kw):
        return "g"
    lazymod.plain.__code__ = g.__code__
    print(lazymod.plain(1, c=2))
    sys.path.remove(d)
