# gen.throw(cls) where cls.__new__ returns something that is not an exception: TypeError
# (CPython's normalisation check), and the generator is left usable as CPython leaves it.
class E(Exception):
    def __new__(cls, *args, **kwargs):
        return cls


class F(Exception):
    def __new__(cls, *args):
        return 42


def boring():
    yield 1
    yield 2


g = boring()
for exc in (E, F):
    try:
        g.throw(exc)
    except TypeError as e:
        print(type(e).__name__, e)
print(list(g))

g = boring()
next(g)
try:
    g.throw(E, "value")
except TypeError as e:
    print(type(e).__name__, e)
print(list(g))


def catching():
    try:
        yield
    except TypeError as e:
        print("inside:", e)
        yield "caught"


g = catching()
next(g)
print(g.throw(F))
