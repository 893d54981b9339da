import io
import os
import tempfile

# A file method called through its class refuses an object of another type, as CPython's
# method descriptors do; through the instance (or a subclass's) it runs.
path = os.path.join(tempfile.mkdtemp(), "f")
with open(path, "wb") as f:
    f.write(b"abc\n")
raw = io.FileIO(path)
buf = io.BufferedReader(io.FileIO(path))
text = open(path)
cases = [
    (io.FileIO.read, buf),
    (io.FileIO.readall, text),
    (io.BufferedReader.read, raw),
    (io.BufferedReader.peek, io.BufferedWriter(io.BytesIO())),
    (io.BufferedWriter.write, buf),
    (io.BufferedRandom.seek, buf),
    (io.TextIOWrapper.readline, buf),
    (io.TextIOWrapper.detach, raw),
    (io.BufferedReader.detach, text),
    (io.FileIO.close, io.BytesIO()),
    (io.FileIO.__repr__, 3),
    (io.TextIOWrapper.__next__, io.StringIO("x")),
]
for meth, obj in cases:
    try:
        meth(obj)
    except TypeError as e:
        print(e)
print(io.BufferedReader.read(buf, 2), io.FileIO.read(raw, 1), io.TextIOWrapper.read(text))


class Sub(io.BufferedReader):
    pass


s = Sub(io.BytesIO(b"sub"))
print(io.BufferedReader.read(s), io.BufferedReader.__repr__(s).startswith("<"))
for f in (raw, buf, text):
    f.close()
os.unlink(path)
io.BufferedWriter.flush(s)
