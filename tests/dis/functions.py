def f(a, b=1, *args, c, d=2, **kw):
    return a + b
def g(a, /, b, *, c):
    "docstring"
    return a, b, c
async def h(x):
    await x
def deco(fn):
    return fn
@deco
def i():
    pass
def ann(a: int, b: "str" = "x") -> list:
    pass
def gen():
    yield 1
    x = yield
    yield from range(3)
