# add_note() and __notes__
e = ValueError("base")
print(hasattr(e, "__notes__"))
e.add_note("first note")
e.add_note("second note")
print(e.__notes__, str(e), repr(e))
try:
    e.add_note(42)
except TypeError as err:
    print("TypeError", err)
e.__notes__ = ["replaced list"]
e.add_note("appended")
print(e.__notes__)
e.__notes__ = "not a list"
try:
    e.add_note("x")
except TypeError as err:
    print("TypeError", err)
def process(item):
    try:
        return 10 / item
    except ZeroDivisionError as exc:
        exc.add_note(f"while processing item={item!r}")
        raise
try:
    process(0)
except ZeroDivisionError as exc:
    print(exc, exc.__notes__)
try:
    try:
        raise KeyError("k")
    except KeyError as k:
        k.add_note("note on inner")
        raise RuntimeError("outer") from k
except RuntimeError as r:
    print(hasattr(r, "__notes__"), r.__cause__.__notes__)
eg = ExceptionGroup("group", [ValueError("v")])
eg.add_note("group note")
print(eg.__notes__)
class NoteSub(Exception):
    pass
ns = NoteSub()
ns.add_note("")
print(ns.__notes__)
del ns.__notes__
print(hasattr(ns, "__notes__"))
