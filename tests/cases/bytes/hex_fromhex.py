# bytes.hex with separators and bytes.fromhex parsing
b = bytes(range(250, 256)) + b"\x00\x01\x02"
print(b.hex(), b.hex(":"), b.hex("-", 2), b.hex("-", -2), b.hex(" ", 4), b.hex(b"|"), b.hex("_", 100))
print(b"".hex(), b"".hex(":"), b"\x01".hex(":"))
for bad in [("::",), ("é",), (1,), ("", 2) ]:
    try:
        print(b.hex(*bad))
    except (ValueError, TypeError) as e:
        print(bad, type(e).__name__, e)
for s in ["00ff", "00 FF", " 01 02 ", "", "0a\t0b", "abcdef0123456789"]:
    print(repr(s), bytes.fromhex(s))
for s in ["0", "0g", "0 0", "00 f", "zz", "0x00"]:
    try:
        bytes.fromhex(s)
    except ValueError as e:
        print(repr(s), "ValueError", e)
try:
    bytes.fromhex(b"00")
except TypeError as e:
    print("TypeError", e)
print(bytearray.fromhex("ab cd"), type(bytearray.fromhex("")).__name__)
print(memoryview(b"\x12\x34").hex(), memoryview(b"\x12\x34").hex(":"))
class B(bytes):
    pass
print(type(B.fromhex("01")).__name__, B.fromhex("01"))
