# types.TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno) builds a traceback entry by hand
# (CPython's tb_new); the traceback module formats it like a raised one.
import sys
import traceback
import types


def f():
    return sys._getframe()


frame = f()
lineno = f.__code__.co_firstlineno
tb = types.TracebackType(None, frame, 0, lineno)
print(type(tb).__name__, tb.tb_next, tb.tb_lasti, tb.tb_lineno, tb.tb_frame is frame)
exc = KeyboardInterrupt()
exc.__traceback__ = tb
lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
print([l.rstrip().replace(__file__, "FILE") for l in lines])
outer = types.TracebackType(tb_next=tb, tb_frame=sys._getframe(), tb_lasti=6, tb_lineno=3)
print(outer.tb_next is tb, outer.tb_lasti, outer.tb_lineno)
for args in (
    ("x", frame, 0, 1),
    (None, "frame", 0, 1),
    (None, frame, 1.5, 1),
    (None, frame, 0),
    (None, frame, 0, 1, 2),
):
    try:
        types.TracebackType(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    types.TracebackType(None, frame, 0, 1, bad=2)
except TypeError as e:
    print("TypeError:", e)
