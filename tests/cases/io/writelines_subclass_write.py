import io
import os
import tempfile

# IOBase.writelines calls self.write per line: a subclass's write (or one set on the
# instance) sees every line, on every layer.


class T(io.TextIOWrapper):
    def write(self, s):
        print("T.write", repr(s))
        return super().write(s)


t = T(io.BytesIO(), encoding="ascii")
t.writelines(["a\n", "b"])
t.flush()
print(t.buffer.getvalue())

path = os.path.join(tempfile.mkdtemp(), "f")


class R(io.FileIO):
    def write(self, b):
        print("R.write", bytes(b))
        return super().write(b)


with R(path, "wb") as r:
    r.writelines([b"x", bytearray(b"y")])


class B(io.BufferedWriter):
    def write(self, b):
        print("B.write", bytes(b))
        return super().write(b)


with B(io.FileIO(path, "ab")) as bw:
    bw.writelines([b"1", b"2"])

with open(path, "a") as f:
    f.write = lambda s: print("instance write", repr(s))
    f.writelines(["q", "r"])
    del f.write
    f.writelines(["s"])
with open(path) as f:
    print(f.read())

for mode, buffering in [("wb", 0), ("wb", -1), ("w", -1)]:
    f = open(path, mode, buffering=buffering)
    f.close()
    try:
        f.writelines([])
    except ValueError as e:
        print(type(f).__name__, e)


class Bad(io.FileIO):
    def write(self, b):
        raise OSError("no room for %r" % bytes(b))


bad = Bad(path, "wb")
os.unlink(path)
bad.writelines([b"line"])
