# args, str() and repr() of exceptions with 0, 1, many arguments
for e in [Exception(), Exception("one"), Exception("a", "b"), Exception(1), Exception(None), Exception(""), Exception(("t",)),
          ValueError("v"), KeyError("k"), KeyError(), KeyError("a", "b"), KeyError(1), IndexError(3),
          OSError(2, "No such file"), OSError("just message"), OSError(2, "msg", "file.txt"),
          StopIteration(5), SystemExit(3), SystemExit(), SystemExit("text"), UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad byte")]:
    print(f"{type(e).__name__:<20} args={e.args!r:<30} str={str(e)!r:<40} repr={e!r}")
e = ValueError("x")
e.args = ("replaced", 2)
print(str(e), repr(e))
e.args = "abc"
print(e.args)
print(OSError(2, "msg").errno, OSError(2, "msg").strerror, OSError(2, "msg", "f").filename)
print(type(OSError(2, "No such file")).__name__)
print(SystemExit(5).code, SystemExit().code, SystemExit(1, 2).code)
print(KeyError("with 'quotes'"), KeyError('multi\nline'))
class Custom(Exception):
    pass
print(repr(Custom("c")), str(Custom()), repr(Custom()))
print(BaseException("base").args, repr(BaseException()))
try:
    Exception(x=1)
except TypeError as err:
    print("TypeError", err)
print(NameError("n", name="nm").name, AttributeError("a", name="n", obj=1).obj)
print(ImportError("msg", name="mod", path="/p").name, ImportError("msg", name="mod", path="/p").path)
try:
    ImportError("m", bogus=1)
except TypeError as err:
    print("TypeError", err)
