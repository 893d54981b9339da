# bytes() constructors and literal forms
print(bytes(), bytes(3), bytes([65, 66, 67]), bytes((0, 255)), bytes(range(5)), bytes(b"abc"), bytes(bytearray(b"x")))
print(bytes("héllo", "utf-8"), bytes("abc", "ascii"), bytes("é", encoding="latin-1"), bytes("é", "ascii", "replace"))
print(bytes(memoryview(b"mv")), bytes(iter([1, 2])), bytes(x for x in [104, 105]))
class WithBytes:
    def __bytes__(self):
        return b"custom"
class WithIndex:
    def __index__(self):
        return 2
print(bytes(WithBytes()), bytes(WithIndex()))
print(b"\x00\x7f\x80\xff", b"tab\t", b'quote"s', b"it's", rb"raw\n", b"\\", b"\a\b\f\v")
errors = [("abc",), (-1,), ([256],), ([-1],), (["a"],), (1.5,), ("abc", "no-codec"), (b"x", "utf-8"), (None,), ([1, 2.0],),
          ("é", "ascii")]
for args in errors:
    try:
        print(bytes(*args))
    except Exception as e:
        print(args, type(e).__name__, e)
class BadBytes:
    def __bytes__(self):
        return "str"
try:
    bytes(BadBytes())
except TypeError as e:
    print("TypeError", e)
print(bytes.fromhex("de ad be ef"), bytes.fromhex(""), bytes.fromhex("0A0b"))
print(type(bytes(b"")).__name__, len(bytes(10)), bytes(0) == b"")
print(bytes([True, False]), bytes(encoding="utf-8", source="x") if False else bytes(source=b"kw") if False else b"")
try:
    bytes(errors="strict")
except TypeError as e:
    print("TypeError", e)
