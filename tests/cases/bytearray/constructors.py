# bytearray constructors, repr, equality
print(bytearray(), bytearray(3), bytearray(b"abc"), bytearray([1, 2, 255]), bytearray("é", "utf-8"), bytearray(range(3)))
print(bytearray(memoryview(b"mv")), bytearray(bytearray(b"copy")), bytearray(iter(b"it")))
print(repr(bytearray(b"'\"")), str(bytearray(b"x\n")), len(bytearray(b"four")))
print(bytearray(b"a") == b"a", bytearray(b"a") == bytearray(b"a"), bytearray(b"a") < b"b", b"a" == bytearray(b"a"))
for args in [("x",), (-1,), ([256],), (1.5,), ("x", "bad-codec"), ([None],)]:
    try:
        bytearray(*args)
    except Exception as e:
        print(args, type(e).__name__, e)
try:
    hash(bytearray(b"x"))
except TypeError as e:
    print("TypeError", e)
try:
    {bytearray(b"x"): 1}
except TypeError as e:
    print("TypeError", e)
b = bytearray(b"abc")
c = bytearray(b)
c[0] = 65
print(b, c, b is c)
print(type(b + b"x").__name__, type(b"x" + b).__name__, type(b * 2).__name__, type(b[0:1]).__name__, type(b[0]).__name__)
print(bytearray.__mro__, isinstance(b, bytearray))
print(bytearray(b"abc").upper(), bytearray(b"  s ").strip(), bytearray(b"a,b").split(b","), type(bytearray(b"a,b").split(b",")[0]).__name__)
