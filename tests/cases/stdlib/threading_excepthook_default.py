# threading's default excepthook is _thread._excepthook; its arguments are a struct sequence.
import io
import sys
import threading
import _thread

print(threading.excepthook is _thread._excepthook, threading.__excepthook__ is _thread._excepthook)
print(threading.ExceptHookArgs is _thread._ExceptHookArgs, _thread._ExceptHookArgs)
print("traceback" in sys.modules)

a = threading.ExceptHookArgs([ValueError, ValueError("x"), None, None])
print(a)
print(a.exc_type, a.exc_value, a.exc_traceback, a.thread, len(a), isinstance(a, tuple), a[1])
print(_thread._ExceptHookArgs((1, 2, 3, 4)) == (1, 2, 3, 4))
for bad in ([1, 2, 3], [1, 2, 3, 4, 5]):
    try:
        threading.ExceptHookArgs(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    threading.ExceptHookArgs(5)
except TypeError as e:
    print("TypeError:", e)
for bad in ((1, 2, 3, 4), None):
    try:
        threading.excepthook(bad)
    except TypeError as e:
        print("TypeError:", e)


def boom():
    raise ValueError("bad value")


# An exception in a thread: reported on sys.stderr, with the thread's name.
buf = io.StringIO()
old = sys.stderr
sys.stderr = buf
t = threading.Thread(target=boom, name="boomer")
t.start()
t.join()
sys.stderr = old
lines = buf.getvalue().splitlines()
print(lines[0])
print(lines[1])
print([ln.rsplit(", in ", 1)[-1] for ln in lines if ln.startswith("  File ")])
print(lines[-1])

# Called directly: SystemExit is ignored; without a thread the name is the caller's ident.
buf = io.StringIO()
sys.stderr = buf
threading.excepthook(threading.ExceptHookArgs([SystemExit, SystemExit(3), None, None]))
try:
    1 / 0
except ZeroDivisionError as e:
    threading.excepthook(threading.ExceptHookArgs([type(e), e, e.__traceback__, None]))
sys.stderr = old
out = buf.getvalue()
print(out.splitlines()[0] == f"Exception in thread {threading.get_ident()}:")
print(out.splitlines()[1:2], out.splitlines()[-1])


# sys.stderr None: nothing without a thread, else the thread's _stderr.
class T:
    name = "fake"
    _stderr = io.StringIO()


sys.stderr = None
try:
    raise KeyError("k")
except KeyError as e:
    threading.excepthook(threading.ExceptHookArgs([KeyError, e, None, None]))
    threading.excepthook(threading.ExceptHookArgs([KeyError, e, e.__traceback__, T()]))
sys.stderr = old
print(T._stderr.getvalue().splitlines()[0], T._stderr.getvalue().splitlines()[-1])
T._stderr = None
sys.stderr = None
threading.excepthook(threading.ExceptHookArgs([KeyError, KeyError(), None, T()]))
sys.stderr = old


# A thread object without a name attribute: the ident is printed.
class N:
    pass


buf = io.StringIO()
sys.stderr = buf
threading.excepthook(threading.ExceptHookArgs([OSError, OSError("gone"), None, N()]))
sys.stderr = old
print(buf.getvalue() == f"Exception in thread {threading.get_ident()}:\nOSError: gone\n")
