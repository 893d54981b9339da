# bytearray decode/hex/fromhex/translate and conversions to other types
ba = bytearray("naïve café", "utf-8")
print(ba, len(ba), ba.decode())
print(ba.decode("ascii", "replace"), ba.decode("latin-1"))
print(ba.hex(), ba.hex(" ", 2), bytearray.fromhex(ba.hex()) == ba)
print(bytes(ba), list(ba[:3]), str(ba[:5], "utf-8"))
print(tuple(bytearray(b"hi")))
t = bytes.maketrans(b"ae", b"AE")
print(ba.translate(t), ba.translate(None, b"a"), bytearray(b"Hello").swapcase())
try:
    ba.decode("ascii")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)
print(int.from_bytes(bytearray(b"\x01\x00"), "little"), bytearray((1).to_bytes(2, "big")))
print(bytearray(b"%d-%s") % (5, b"x"), bytearray(b"ab").join([b"1", b"2", b"3"]))
print(bytearray(b"ABC").lower(), bytearray(b" a ").strip(), bytearray(b"a-b").split(b"-"), bytearray(b"xy").center(6, b"."))
print(bytearray.fromhex("ff 00") + b"\x01", bytearray(3).hex(), bytearray(b"\x00").isalnum())
print(bytearray(b"\xff\xfe").decode("utf-16"), bytearray("€", "utf-16-le"), bytearray(b"a").decode(errors="strict"))
for errors in ["ignore", "backslashreplace", "surrogateescape"]:
    print(errors, repr(bytearray(b"a\x80b").decode("utf-8", errors)))
