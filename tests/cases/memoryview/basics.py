# memoryview over bytes and bytearray: attributes, indexing, slicing, tobytes, tolist
m = memoryview(b"abcdef")
print(m.format, m.itemsize, m.ndim, m.shape, m.strides, m.readonly, m.nbytes, len(m), m.contiguous, m.c_contiguous)
print(m[0], m[-1], m[1:3].tobytes(), m[::2].tobytes(), m[::-1].tobytes(), m.tolist(), m.tobytes(), bytes(m[2:]))
print(m == b"abcdef", m[1:3] == b"bc", m == memoryview(b"abcdef"), m.obj, m[1:].obj is m.obj)
print(m.hex(), m[1:4].hex("-"), m.toreadonly().readonly, list(m[:2]))
for i in (6, -7):
    try:
        m[i]
    except IndexError as e:
        print("IndexError", e)
try:
    m[0] = 1
except TypeError as e:
    print("TypeError", e)
try:
    m["x"]
except TypeError as e:
    print("TypeError", e)
ba = bytearray(b"hello")
mv = memoryview(ba)
mv[0] = ord("J")
mv[1:3] = b"EL"
print(ba, mv.readonly, mv.tobytes())
try:
    mv[0:2] = b"xyz"
except ValueError as e:
    print("ValueError", e)
try:
    mv[0] = 256
except ValueError as e:
    print("ValueError", e)
try:
    mv[0] = b"a"
except TypeError as e:
    print("TypeError", e)
try:
    del mv[0]
except TypeError as e:
    print("TypeError", e)
try:
    memoryview("str")
except TypeError as e:
    print("TypeError", e)
try:
    memoryview(5)
except TypeError as e:
    print("TypeError", e)
print(type(mv[1:]).__name__, mv[1:].tobytes(), mv[::2].tolist(), mv[::2].contiguous)
