# memoryview over array.array (its typecode is the format), buffer exports fixing the
# array's size, slice assignment from any buffer of the same format, tuple subscripts,
# hashes kept after release, weak references and str() decoding from a view.
import array
import weakref

a = array.array("i", [1, 2, 3, 4])
m = memoryview(a)
print(m.format, m.itemsize, m.shape, m.strides, m.readonly, m.nbytes, m.tolist())
m[0] = 10
m[1:3] = array.array("i", [20, 30])
print(a.tolist(), m[-1], m[1:3].tolist(), m == a, m == array.array("i", [10, 20, 30, 4]))
for op in (lambda: a.append(5), lambda: a.pop(), lambda: a.extend([1]), lambda: a.insert(0, 1),
           lambda: a.frombytes(b"\0" * 4), lambda: a.fromlist([1]), lambda: a.remove(4),
           lambda: a.__delitem__(0), lambda: a.__iadd__(array.array("i", [1])),
           lambda: a.__imul__(2)):
    try:
        op()
        print("ok", a.tolist())
    except BufferError as e:
        print("BufferError:", e)
a.extend([])
a *= 1
a[0] = 11
a.reverse()
print(a.tolist())
try:
    m[0:2] = array.array("h", [1, 2, 3, 4])
except ValueError as e:
    print("ValueError:", e)
try:
    m[0:2] = b"12345678"
except ValueError as e:
    print("ValueError:", e)
m.release()
a.append(7)
print(a.tolist())

d = array.array("d", [0.5, 1.5])
with memoryview(d) as md:
    print(md.format, md.tolist(), md[1], bytes(md[:1]) == d[:1].tobytes())

b = bytearray(b"abcdef")
m = memoryview(b)
m[0:3] = m[2:5]
print(b)
for key in ((0,), (slice(0, 1), slice(0, 1)), (0, slice(0, 1)), "a", 0.0, (0, 0)):
    try:
        m[key] = 1
        print("set", key, b)
    except (TypeError, ValueError, NotImplementedError, IndexError) as e:
        print(type(e).__name__, e)
    try:
        print("get", key, m[key])
    except (TypeError, ValueError, NotImplementedError, IndexError) as e:
        print(type(e).__name__, e)
c = memoryview(bytearray(range(6))).cast("B", (2, 3))
print(c[1, 2], c[-1, -1])
for key in ((2, 0), (0,), (0, 0, 0)):
    try:
        print(c[key])
    except (TypeError, IndexError, NotImplementedError) as e:
        print(type(e).__name__, e)
try:
    c[0] = 1
except NotImplementedError as e:
    print("NotImplementedError:", e)
c[1, 1] = 99
print(c.tolist())

r = memoryview(b"abcdef")
h = hash(r)
r.release()
print(hash(r) == h == hash(b"abcdef"))
r = memoryview(b"abc")
r.release()
try:
    hash(r)
except ValueError as e:
    print("ValueError:", e)
wr = weakref.ref(m)
print(wr() is m)
print(str(memoryview(b"caf\xc3\xa9"), "utf-8"), str(memoryview(b"xyz")[1:], "ascii"))
