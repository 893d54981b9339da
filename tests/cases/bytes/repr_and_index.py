# repr of bytes, indexing gives ints, slicing gives bytes
b = b"Hello\x00\xffWorld\n'\""
print(repr(b), str(b), len(b))
print(b[0], b[-1], b[5], type(b[0]).__name__, b[1:4], b[::-1], b[::3], b[100:], b[-3:])
for i in (100, -100):
    try:
        b[i]
    except IndexError as e:
        print("IndexError", e)
try:
    b[0] = 1
except TypeError as e:
    print("TypeError", e)
try:
    b["x"]
except TypeError as e:
    print("TypeError", e)
print(repr(b"'"), repr(b'"'), repr(b"'\""), repr(b""), repr(bytes(range(0, 256, 17))))
print(list(b"abc"), [c for c in b"\x01\x02"], tuple(b"hi"))
print(65 in b"ABC", b"B" in b"ABC", b"BC" in b"ABC", b"" in b"x", 300 in b"x" if False else 0 in b"\x00")
try:
    "A" in b"ABC"
except TypeError as e:
    print("TypeError", e)
try:
    256 in b"ABC"
except ValueError as e:
    print("ValueError", e)
print(b"ab" + b"cd", b"ab" * 3, 2 * b"x", b"ab" + bytearray(b"c"), type(b"a" + bytearray(b"b")).__name__)
try:
    b"ab" + "cd"
except TypeError as e:
    print("TypeError", e)
print(b"a" < b"b", b"abc" < b"abd", b"" < b"\x00", b"a" == bytearray(b"a"), b"a" == "a")
print(hash(b"abc") == hash(b"abc"), hash(b"") , hash(b"abc"))
print(b"abc".__getitem__(1), bytes.__len__(b"abcd"))
