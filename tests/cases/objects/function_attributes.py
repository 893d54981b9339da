# Function attributes: __name__, __qualname__, __defaults__, __kwdefaults__, __doc__, __annotations__, __dict__
def f(a, b=2, *args, c, d=4, **kw) -> "ret":
    """Docstring of f."""
    return a
print(f.__name__, f.__qualname__, f.__module__, f.__doc__, f.__defaults__, f.__kwdefaults__)
print(f.__annotations__, f.__dict__, type(f).__name__, f.__globals__ is globals(), f.__closure__)
def g():
    pass
print(g.__doc__, g.__defaults__, g.__kwdefaults__, g.__annotations__)
def h(x: int, y: "str" = "s") -> None:
    pass
print(h.__annotations__)
f.custom = "attr"
print(f.__dict__, f.custom)
f.__name__ = "renamed"
f.__qualname__ = "Renamed.qual"
f.__doc__ = "new doc"
f.__defaults__ = (20,)
print(f.__name__, f.__qualname__, f.__doc__, f.__defaults__, f(1, c=3))
try:
    f.__name__ = 5
except TypeError as e:
    print("TypeError", e)
try:
    f.__defaults__ = [1]
except TypeError as e:
    print("TypeError", e)
def outer():
    v = 10
    def inner():
        return v
    return inner
i = outer()
print(i.__qualname__, len(i.__closure__), i.__closure__[0].cell_contents, i())
lam = lambda x, y=1: x + y
print(lam.__name__, lam.__qualname__, lam.__defaults__, lam.__doc__)
class K:
    def m(self):
        "method doc"
print(K.m.__qualname__, K.m.__doc__, K.m.__name__)
