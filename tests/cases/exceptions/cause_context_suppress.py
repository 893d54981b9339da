# __cause__, __context__, __suppress_context__ set by the interpreter and by hand
def info(e):
    return (type(e).__name__, repr(e.__cause__), repr(e.__context__), e.__suppress_context__)
try:
    try:
        raise KeyError("a")
    except KeyError:
        raise ValueError("b")
except ValueError as e:
    print(info(e))
try:
    try:
        raise KeyError("a")
    except KeyError as k:
        raise ValueError("b") from k
except ValueError as e:
    print(info(e))
try:
    raise ValueError("c") from None
except ValueError as e:
    print(info(e))
try:
    raise ValueError("d") from TypeError
except ValueError as e:
    print(info(e))
e = RuntimeError("manual")
print(info(e))
e.__cause__ = KeyError("set")
print(info(e))
e.__suppress_context__ = False
print(info(e))
e.__context__ = OSError("ctx")
print(info(e))
e.__cause__ = None
print(info(e))
try:
    e.__context__ = "x"
except TypeError as err:
    print("TypeError", err)
try:
    try:
        raise ValueError("original")
    except ValueError as orig:
        new = TypeError("new")
        new.__context__ = None
        raise new
except TypeError as t:
    print("context overwritten on raise:", repr(t.__context__))
try:
    try:
        1 / 0
    except ZeroDivisionError:
        try:
            raise KeyError("inner")
        except KeyError:
            pass
        raise ValueError("after inner handled")
except ValueError as v:
    print("context is the outer active exception:", repr(v.__context__))
def with_traceback_chain():
    try:
        raise ValueError("first")
    except ValueError as first:
        try:
            raise TypeError("second")
        except TypeError as second:
            raise OSError("third") from second
try:
    with_traceback_chain()
except OSError as o:
    print(repr(o.__cause__), repr(o.__cause__.__context__), repr(o.__context__))
