# bytearray mutation: append, extend, insert, pop, remove, reverse, clear, copy, +=, *=
b = bytearray(b"hello")
b.append(33)
print(b)
b.extend(b" world")
print(b)
b.extend([65, 66])
b.extend(iter([67]))
print(b)
b.insert(0, 62)
b.insert(-1, 45)
b.insert(100, 46)
print(b)
print(b.pop(), b.pop(0), b.pop(-2), b)
b.remove(ord("o"))
print(b)
b.reverse()
print(b)
c = b.copy()
b.clear()
print(b, c, len(b))
c += b"++"
print(c)
c *= 2
print(c)
errors = [lambda: bytearray().pop(), lambda: bytearray(b"a").pop(5), lambda: bytearray(b"a").remove(98),
          lambda: bytearray().append(256), lambda: bytearray().append(-1), lambda: bytearray().append("a"),
          lambda: bytearray().append(b"a"), lambda: bytearray().extend([1, 300]), lambda: bytearray().extend(5),
          lambda: bytearray().insert(0, 999), lambda: bytearray().extend("str"), lambda: bytearray(b"x").remove(b"x")]
for f in errors:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
d = bytearray(b"abc")
d.extend(d)
print(d)
try:
    d += d
except BufferError as e:
    print("BufferError", e)
print(d)
d += bytes(d)
print(d)
