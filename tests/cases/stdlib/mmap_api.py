# mmap over a real file and anonymous memory: indexing, slicing, read/write/seek, find,
# flush, move, resize, access modes and their errors.
import mmap, os, tempfile
print(mmap.PAGESIZE > 0, mmap.ACCESS_READ, mmap.ACCESS_WRITE, mmap.ACCESS_COPY)
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "data.bin")
    with open(path, "wb") as f:
        f.write(b"Hello, mapped world!\nsecond line\nthird\n")
    with open(path, "r+b") as f:
        m = mmap.mmap(f.fileno(), 0)
        print(len(m), m.size(), m[0], m[-1], m[:5], m[7:13], m[::7])
        print(m.readline(), m.tell(), m.read(6), m.read_byte())
        print(m.find(b"line"), m.rfind(b"d"), m.find(b"nope"), m.find(b"H", 1))
        m[0:5] = b"HOWDY"
        m[5] = ord("?")
        m.seek(0)
        m.write(b"J")
        m.seek(-6, 2)
        print(m.read())
        m.flush()
        print(bytes(m[:6]), bytes(m)[:6])
        m.move(0, 7, 6)
        print(m[:13])
        m.resize(50)
        print(len(m), m.size(), os.path.getsize(path))
        m.close()
        print(m.closed)
        try:
            m[0]
        except ValueError as e:
            print(e)
    with open(path, "rb") as f:
        print(f.read(13))
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as r:
            print(r[:5])
            try:
                r[0] = 1
            except TypeError as e:
                print(e)
        with mmap.mmap(f.fileno(), 5, access=mmap.ACCESS_COPY) as c:
            c[0:2] = b"zz"
            print(c[:5])
        print(open(path, "rb").read(5))
        for bad in (lambda: mmap.mmap(f.fileno(), 1000), lambda: mmap.mmap(f.fileno(), -1),
                    lambda: mmap.mmap(f.fileno(), 5, access=7),
                    lambda: mmap.mmap(f.fileno(), 5, flags=mmap.MAP_PRIVATE, access=mmap.ACCESS_READ)):
            try:
                bad()
            except (ValueError, OverflowError, TypeError) as e:
                print(type(e).__name__, e)
    open(os.path.join(d, "empty"), "wb").close()
    with open(os.path.join(d, "empty"), "rb") as f:
        try:
            mmap.mmap(f.fileno(), 0)
        except ValueError as e:
            print(e)
a = mmap.mmap(-1, 16)
a.write(b"anonymous")
print(a[:], len(a))
try:
    a.write(b"x" * 20)
except ValueError as e:
    print(e)
try:
    a.seek(100)
except ValueError as e:
    print(e)
try:
    a[100]
except IndexError as e:
    print(e)
try:
    a[0:2] = b"abc"
except IndexError as e:
    print(e)
a.close()
