# bytes as sequence: iteration, sorting, min/max, sum, conversions
b = b"hello"
print(sorted(b), max(b), min(b))
print(sum(b), bytes(sorted(b)), bytes(reversed(b)))
print(b.count(b"l"))
print(list(enumerate(b))[:2], dict(zip(b"ab", b"cd")), set(b"aab") == {97, 98})
print(b.isascii(), b.hex(), int.from_bytes(b, "big"))
print(b[0:1] * 3, b[::-1].upper())
print(bytes.__mro__, isinstance(b, bytes), isinstance(bytearray(), bytes))
print(issubclass(bytes, object))
print(b.__class__.__name__, type(b[:1]).__name__, type(b[0]).__name__)
print(b is b[:], b == b[:], b[:] == b"hello")
print(str(b"x", "ascii"), str(b"\\x", "ascii"), repr(str(b"x")))
x = b"a"
x += b"b"
print(x)
print(b"%s" % b"" == b"", b"".join(bytes([i]) for i in range(65, 70)))
print(b"abc" * 0, b"abc" * -1, bytes(2) * 2)
print(sorted([b"b", b"a", b"ab", b""]), max([b"z", b"za"]))
print(b"a\x00b".split(b"\x00"), b"\x00".isalnum(), len(b"\x00" * 5))
