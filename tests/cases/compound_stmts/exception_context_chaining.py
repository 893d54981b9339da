# Implicit context, explicit cause, and handled exceptions in handlers
def show(e):
    chain = []
    while e is not None:
        chain.append(f"{type(e).__name__}({e})")
        e = e.__cause__ or (None if e.__suppress_context__ else e.__context__)
    return " <- ".join(chain)
try:
    try:
        raise ValueError("a")
    except ValueError:
        raise TypeError("b")
except TypeError as e:
    print(show(e))
try:
    try:
        raise ValueError("a")
    except ValueError as v:
        raise TypeError("b") from v
except TypeError as e:
    print(show(e), e.__cause__ is e.__context__)
try:
    try:
        raise ValueError("a")
    except ValueError:
        raise TypeError("b") from None
except TypeError as e:
    print(show(e), "context still set:", repr(e.__context__))
try:
    try:
        try:
            raise OSError("1")
        except OSError:
            raise KeyError("2")
    except KeyError:
        raise IndexError("3")
except IndexError as e:
    print(show(e))
try:
    try:
        raise ValueError("x")
    except ValueError:
        pass
    raise TypeError("after handled block")
except TypeError as e:
    print("context after handled:", repr(e.__context__))
try:
    try:
        raise ValueError("inner")
    finally:
        raise RuntimeError("in finally")
except RuntimeError as e:
    print(show(e))
e1 = ValueError("self")
try:
    try:
        raise e1
    except ValueError:
        raise e1
except ValueError as e:
    print("no self-loop:", e.__context__)
err = KeyError("k")
err.__cause__ = ValueError("manually set")
print(err.__suppress_context__, repr(err.__cause__))
try:
    err.__cause__ = "not an exception"
except TypeError as e:
    print("TypeError", e)
def gen_ctx():
    try:
        raise ValueError("gen inner")
    except ValueError:
        yield "yielded inside handler"
        raise TypeError("after resume")
g = gen_ctx()
print(next(g))
try:
    next(g)
except TypeError as e:
    print(show(e))
import sys
try:
    raise ValueError("current")
except ValueError:
    print(type(sys.exc_info()[1]).__name__, repr(sys.exception()) if hasattr(sys, "exception") else "no sys.exception in 3.11")
print(sys.exc_info())
