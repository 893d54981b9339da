# bytearray arithmetic, comparisons, and in-place ops identity
a = bytearray(b"abc")
b = a
a += b"d"
print(a, b, a is b)
a *= 2
print(b, a is b)
c = a + b"!"
print(c, c is a, type(c).__name__)
print(bytearray(b"a") < bytearray(b"b"), bytearray(b"abc") == b"abc", bytearray(b"x") != "x", bytearray() == bytearray())
print(bytearray(b"b") > b"a", b"a" < bytearray(b"b"), sorted([bytearray(b"z"), b"a", bytearray(b"m")]))
try:
    bytearray(b"a") < "b"
except TypeError as e:
    print("TypeError", e)
try:
    bytearray(b"a") + "b"
except TypeError as e:
    print("TypeError", e)
try:
    bytearray(b"a") * 1.5
except TypeError as e:
    print("TypeError", e)
d = bytearray(b"hello")
print(d.__len__(), d.__contains__(104), d.__getitem__(slice(1, 3)), d.__iadd__(b"!") is d, d)
print(b"l" in d, 108 in d, bytearray(b"") in d, d.count(b"l"), d.find(b"lo"))
