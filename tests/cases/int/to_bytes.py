# int.to_bytes with every option
print((1024).to_bytes(2, "big"))
print((1024).to_bytes(2, "little"))
print((1024).to_bytes(4, byteorder="big"))
print((0).to_bytes(0, "big"), (0).to_bytes(3, "little"))
print((255).to_bytes(1, "big"))
print((-1).to_bytes(1, "big", signed=True))
print((-128).to_bytes(1, "big", signed=True))
print((-129).to_bytes(2, "little", signed=True))
print((127).to_bytes(1, "big", signed=True))
print((2**64 - 1).to_bytes(8, "big"))
print((2**100).to_bytes(13, "little"))
# defaults: length=1, byteorder='big' (3.11)
print((65).to_bytes())
print((258).to_bytes(2))
tests = [
    (256, 1, "big", False),
    (-1, 1, "big", False),
    (128, 1, "big", True),
    (-129, 1, "big", True),
    (1, -1, "big", False),
    (1, 1, "middle", False),
    (0, 0, "big", True),
    (-1, 0, "big", True),
]
for n, length, order, signed in tests:
    try:
        print(n.to_bytes(length, order, signed=signed))
    except Exception as e:
        print(type(e).__name__, e)
try:
    (1).to_bytes(1, 5)
except Exception as e:
    print(type(e).__name__, e)
try:
    (1).to_bytes("1", "big")
except Exception as e:
    print(type(e).__name__, e)
print(True.to_bytes(2, "little"))
