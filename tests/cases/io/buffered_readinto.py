# readinto/readinto1/read1/peek on BufferedReader, BufferedRandom, FileIO and BufferedRWPair:
# writable buffers (bytearray, memoryview slice, array), the read-only and closed errors.
import io, os, array, tempfile
d = tempfile.mkdtemp()
p = os.path.join(d, "f")
with open(p, "wb") as f:
    f.write(bytes(range(256)) * 100)
for mode in ("rb", "r+b"):
    with open(p, mode) as f:
        b = bytearray(10)
        print(type(f).__name__, f.readinto(b), b[:4])
        print(f.readinto1(memoryview(b)[2:5]), b[:6])
        a = array.array('i', [0, 0])
        print(f.readinto(a), a.tobytes())
        for bad in (b"abc", "abc", memoryview(b"xy"), 5):
            try:
                f.readinto(bad)
            except TypeError as e:
                print("TypeError", e)
            try:
                f.readinto1(bad)
            except TypeError as e:
                print("TypeError", e)
        print(0 < len(f.read1()) <= 8192, len(f.read1(5)), 0 < len(f.read1(-1)) <= 8192)
        f.seek(0)
        print(len(f.peek(1)) > 0, f.read1(3))
        big = bytearray(30000)
        print(f.readinto1(big), f.readinto(big))
        print(f.readinto(bytearray(0)), f.readinto1(bytearray(0)))
    try:
        f.readinto(bytearray(2))
    except ValueError as e:
        print("ValueError", e)
    try:
        f.readinto1(bytearray(2))
    except ValueError as e:
        print("ValueError", e)
    try:
        f.readinto(b"xx")
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
if True:
    f = open(p, "rb")
    r = f.detach()
    try:
        f.readinto(bytearray(2))
    except ValueError as e:
        print("ValueError", e)
    try:
        f.readinto1(bytearray(2))
    except ValueError as e:
        print("ValueError", e)
    print(type(r).__name__, r.readinto(bytearray(5)))
    for bad in (b"abc", "x"):
        try:
            r.readinto(bad)
        except TypeError as e:
            print("TypeError", e)
    print(hasattr(r, "readinto1"), hasattr(r, "read1"))
    r.close()
    try:
        r.readinto(bytearray(2))
    except ValueError as e:
        print("ValueError", e)
with open(p, "wb") as f:
    try:
        f.readinto(bytearray(2))
    except io.UnsupportedOperation as e:
        print("UnsupportedOperation", e)
    print(hasattr(f, "readinto"), hasattr(f, "readinto1"))
with open(p, "wb", buffering=0) as f:
    try:
        f.readinto(bytearray(2))
    except io.UnsupportedOperation as e:
        print("UnsupportedOperation", e)
pair = io.BufferedRWPair(io.BytesIO(b"hello world"), io.BytesIO())
b = bytearray(5)
print(pair.readinto(b), b, pair.readinto1(b), b, pair.read1(3), pair.read1(3))
import shutil
shutil.rmtree(d)
