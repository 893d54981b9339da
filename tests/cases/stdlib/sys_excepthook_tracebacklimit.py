# sys.excepthook gets uncaught exceptions (its own failure is reported before the original),
# sys.__excepthook__ writes to sys.stderr as it is now, sys.tracebacklimit trims the report;
# sys.intern keeps the first string, flags/version_info refuse instances, call_tracing.
import io
import sys

s = "never interned before " + str(len(sys.argv))
print(sys.intern(s) is s, sys.intern(s.swapcase().swapcase()) is s)


class S(str):
    pass


for bad in (S("x"), b"x"):
    try:
        sys.intern(bad)
    except TypeError as e:
        print(e)
for obj in (sys.flags, sys.version_info):
    try:
        type(obj)(obj)
    except TypeError as e:
        print(e)
print(sys.call_tracing(max, (3, 4)))
try:
    sys.call_tracing(max, [3, 4])
except TypeError as e:
    print(e)
for f in (sys.getdefaultencoding, sys.getfilesystemencoding):
    try:
        f(1)
    except TypeError as e:
        print(e)
print(type(sys.stdlib_module_names).__name__, "asyncio" in sys.stdlib_module_names)
print(sys.is_finalizing())

err = io.StringIO()
old, sys.stderr = sys.stderr, err
try:
    raise ValueError(42)
except ValueError:
    sys.__excepthook__(*sys.exc_info())
sys.excepthook(1, "1", 1)
sys.stderr = old
print(err.getvalue().splitlines()[-2:])


def f1():
    1 / 0


def f2():
    f1()


def hook(t, v, tb):
    print("hook", t.__name__, v, tb is v.__traceback__)
    sys.tracebacklimit = 1
    raise KeyError("in hook")


sys.excepthook = hook
f2()
