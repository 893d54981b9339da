# chr() and ord() including errors
print(chr(0) == "\x00", chr(65), chr(0x263A), chr(0x10FFFF) == "\U0010ffff", repr(chr(0xD800)), chr(True))
print(ord("A"), ord("é"), ord("€"), ord("\U0001F600"), ord(b"a"), ord(bytearray(b"z")), ord("\x00"))
for bad in [-1, 0x110000, 2 ** 100]:
    try:
        chr(bad)
    except (ValueError, OverflowError) as e:
        print(bad, type(e).__name__, e)
for bad in [1.5, "a", None]:
    try:
        chr(bad)
    except TypeError as e:
        print(repr(bad), "TypeError", e)
for bad in ["", "ab", b"", b"ab", 65, None, ["a"]]:
    try:
        ord(bad)
    except TypeError as e:
        print(repr(bad), "TypeError", e)
class I:
    def __index__(self):
        return 97
print(chr(I()))
print("".join(chr(c) for c in range(ord("a"), ord("f"))), [ord(c) for c in "Hi!"])
