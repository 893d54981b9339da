# Raising while handling an exception whose __context__ chain already has a cycle ends (the
# chain walk detects the cycle) and chains as CPython does.
def cycle():
    try:
        raise ValueError(1)
    except ValueError as ex:
        ex.__context__ = ex
        raise TypeError(2)


try:
    cycle()
except Exception as e:
    exc = e
print(type(exc).__name__, type(exc.__context__).__name__, exc.__context__.__context__ is exc.__context__)


class A(Exception):
    pass


class B(Exception):
    pass


def longer():
    try:
        try:
            raise A
        except A as a:
            try:
                raise B
            except B as b:
                a.__context__ = b
                b.__context__ = a
                raise ValueError
    except ValueError as v:
        return v


v = longer()
print(type(v.__context__).__name__, type(v.__context__.__context__).__name__)
