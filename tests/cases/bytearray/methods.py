# bytearray non-mutating methods return bytearray
b = bytearray(b"Hello, World")
for name in ["upper", "lower", "swapcase", "title", "capitalize", "strip", "hex", "isalpha", "decode"]:
    r = getattr(b, name)()
    print(name, repr(r), type(r).__name__)
print(b.find(b"o"), b.rfind(b"o"), b.count(b"l"), b.index(b"W"), b.replace(b"l", b"L"), b.startswith(b"He"))
print(b.split(b", "), b.partition(b","), b.center(16, b"."), b.zfill(14), b.join([b"1", b"2"]))
print(bytearray(b"  pad ").lstrip(), bytearray(b"ab\ncd").splitlines(), bytearray(b"x").ljust(3, b"-"))
print(bytearray.fromhex("414243"), bytearray(b"a\tb").expandtabs(2), bytearray(b"abc").translate(None, b"b"))
print(bytearray(b"ABC").removeprefix(b"A"), bytearray(b"ABC").removesuffix(b"C"), bytearray(b"abc").isascii())
print(b.__alloc__() >= len(b) if False else b.find(111, 5), bytearray(b"x") in [b"x"], b"x" in [bytearray(b"x")])
m = b.split()
m[0][0] = 104
print(m, b)
print(bytearray(b"abc") * 2, 2 * bytearray(b"ab"), bytearray(b"a") + bytearray(b"b"), bytearray(b"ab") + memoryview(b"c"))
