import io
import os
import tempfile
import weakref

# The file types take weak references (CPython's have a weakref slot): the reference dies,
# and its callback runs, when the file goes.
path = os.path.join(tempfile.mkdtemp(), "f")
makers = [
    lambda: io.FileIO(path, "w"),
    lambda: open(path, "wb"),
    lambda: open(path, "w"),
    lambda: io.BufferedWriter(io.BytesIO()),
    lambda: io.TextIOWrapper(io.BytesIO()),
]
for make in makers:
    f = make()
    r = weakref.ref(f, lambda ref: print("  callback", type(ref).__name__))
    print(type(f).__name__, r() is f)
    del f
    print(" ", r())
f = open(path, "rb")
ws = weakref.WeakSet([f])
print(len(ws), f in ws)
f.close()
del f
print(len(ws))
os.unlink(path)
weakref.ref(b"bytes")
