# Ends with an uncaught ValueError: byte must be in range(0, 256)
for bad in (256, -1):
    try:
        bytearray().append(bad)
    except ValueError as e:
        print("caught", e)
print(bytearray([0, 255]))
# Valid bytearray construction and mutation first
buf0 = bytearray(b"ab")
buf0.append(0)
buf0.append(255)
buf0.extend(range(3))
print(buf0, len(buf0))
print(buf0[-1], list(buf0))
buf0[0] = 65
print(buf0, buf0.hex())
buf = bytearray()
for value in [10, 100, 200, 300]:
    print("appending", value)
    buf.append(value)
    print("buffer now", buf)
