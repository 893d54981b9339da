import io
import os
import sys
import tempfile

# The text layer writes a BOM only when its encoder starts at the start of the stream;
# _CHUNK_SIZE is a strictly positive size; a buffer size no allocation can give is a
# MemoryError; BlockingIOError's third argument is characters_written.
path = os.path.join(tempfile.mkdtemp(), "f")
for charset in ("utf-8-sig", "utf-16", "utf-32"):
    with open(path, "w", encoding=charset) as f:
        f.write("aaa")
        f.write("bbb")
        pos = f.tell()
    with open(path, "a", encoding=charset) as f:
        f.write("xxx")
    with open(path, "rb") as f:
        print(charset, f.read() == "aaabbbxxx".encode(charset))
    with open(path, "r+", encoding=charset) as f:
        f.seek(pos)
        f.write("zzz")
        f.seek(0)
        f.write("ccc")
    with open(path, "rb") as f:
        print(charset, f.read() == "cccbbbzzz".encode(charset))
os.unlink(path)

t = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
print(t._CHUNK_SIZE)
t._CHUNK_SIZE = 4
print(t._CHUNK_SIZE)
for bad in (0, -3, 1.5):
    try:
        t._CHUNK_SIZE = bad
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    del t._CHUNK_SIZE
except AttributeError as e:
    print("AttributeError", e)

raw = io.FileIO(__file__, "rb")
b = io.BufferedReader(raw)
try:
    b.__init__(raw, sys.maxsize)
except MemoryError:
    print("MemoryError")
raw.close()
for pos in (0.0, "1"):
    for f in (io.BytesIO(b"abc"), io.StringIO("abc")):
        try:
            f.seek(pos)
        except TypeError as e:
            print(type(f).__name__, e)

e = BlockingIOError(11, "busy", 5)
print(e.args, e.characters_written, e.filename)
e.characters_written = 7
print(e.characters_written)
del e.characters_written
for e in (e, BlockingIOError(11, "busy"), BlockingIOError(11, "busy", "name")):
    try:
        print(e.characters_written)
    except AttributeError as x:
        print("AttributeError", x, e.filename)
print(BlockingIOError(11, "busy", 3).characters_written, OSError(11, "busy", 3).filename)
print(BlockingIOError(11, "busy").characters_written)
