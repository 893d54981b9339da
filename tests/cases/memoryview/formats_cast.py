# memoryview cast between formats and typed views (assumes little-endian, native sizes)
import sys
print(sys.byteorder)
raw = bytearray(range(1, 17))
m = memoryview(raw)
for fmt in ["B", "b", "c", "H", "h", "I", "i", "Q", "q", "f", "d", "L", "l", "?"]:
    try:
        c = m.cast(fmt)
        print(fmt, c.format, c.itemsize, len(c), c.nbytes, c.tolist()[:3] if fmt != "c" else c.tolist()[:3])
    except (TypeError, ValueError) as e:
        print(fmt, type(e).__name__, e)
signed = memoryview(bytes([0, 127, 128, 255])).cast("b")
print(signed.tolist(), signed[2], signed.format)
i32 = memoryview(bytearray(8)).cast("i")
i32[0] = -1
i32[1] = 2**31 - 1
print(i32.tolist(), bytes(i32.obj))
for bad in [2**31, "x", 1.5]:
    try:
        i32[0] = bad
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
two_d = m.cast("B", shape=[4, 4])
print(two_d.ndim, two_d.shape, two_d.strides, two_d.tolist())
try:
    m.cast("i", shape=[3])
except TypeError as e:
    print("TypeError", e)
try:
    memoryview(bytes(5)).cast("i")
except TypeError as e:
    print("TypeError", e)
try:
    m.cast("Z")
except ValueError as e:
    print("ValueError", e)
try:
    m[::2].cast("B")
except TypeError as e:
    print("TypeError", e)
h = m.cast("H")
print(h[0], h[-1], h[1:3].tolist(), h.cast("B").tolist()[:4])
fl = memoryview(bytearray(8)).cast("d")
fl[0] = 1.5
print(fl[0], fl.tolist(), bytes(fl.cast("B")))
