# int.from_bytes with every option
print(int.from_bytes(b"\x00\x10", "big"))
print(int.from_bytes(b"\x00\x10", "little"))
print(int.from_bytes(b"\xff", "big", signed=True))
print(int.from_bytes(b"\xff", "big", signed=False))
print(int.from_bytes(b"\x80\x00", "big", signed=True))
print(int.from_bytes(b"\x00\x80", "little", signed=True))
print(int.from_bytes(b"", "big"), int.from_bytes(b"", "little", signed=True))
print(int.from_bytes(b"\x01"))
print(int.from_bytes(b"\x01\x00"))
print(int.from_bytes(bytearray(b"\x12\x34"), "big"))
print(int.from_bytes([1, 2, 3], "big"))
print(int.from_bytes((255, 255), "little", signed=True))
print(int.from_bytes(memoryview(b"\xde\xad\xbe\xef"), "big"))
print(int.from_bytes(b"\xff" * 20, "big"))
print(int.from_bytes(b"\xff" * 20, "big", signed=True))
print(hex(int.from_bytes(bytes(range(16)), "little")))
class MyInt(int):
    pass
v = MyInt.from_bytes(b"\x05", "big")
print(type(v).__name__, v)
print(type(bool.from_bytes(b"\x01", "big")).__name__, bool.from_bytes(b"\x00", "big"))
for args in [("abc", "big"), (b"\x01", "sideways"), ([256], "big"), ([-1], "big"), (5, "big")]:
    try:
        print(int.from_bytes(*args))
    except Exception as e:
        print(type(e).__name__, e)
for n in [0, 1, -1, 127, -128, 2**70, -(2**70) + 3]:
    length = (n.bit_length() + 8) // 8
    for order in ("big", "little"):
        b = n.to_bytes(length, order, signed=True)
        print(n, b, int.from_bytes(b, order, signed=True) == n)
