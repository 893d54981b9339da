# A buffered or text layer over a Python object, subclassed with a __getattr__ of its own:
# writes, flushes, reads and seeks still reach the object underneath.
import io


class B(io.BufferedWriter):
    def __getattr__(self, name):
        raise AttributeError(name)


bio = io.BytesIO()
b = B(bio)
b.write(b"abc")
b.flush()
print(bio.getvalue())
b.write(b"def")
b.close()
print(bio.closed)


class R(io.BufferedReader):
    def __getattr__(self, name):
        return "fallback:" + name


r = R(io.BytesIO(b"line one\nline two\n"))
print(r.readline(), r.read(4), r.peek(1)[:1], r.missing)


class T(io.TextIOWrapper):
    def __getattr__(self, name):
        raise AttributeError("no " + name)


raw = io.BytesIO()
t = T(raw, encoding="utf-8", newline="\n")
t.write("héllo\nwörld\n")
t.flush()
print(raw.getvalue())
t.seek(0)
print(repr(t.read()))
try:
    t.nothing
except AttributeError as e:
    print("AttributeError", e)
t.close()
