# Ends with an uncaught ValueError: byte must be in range(0, 256)
buf = bytearray()
for value in [10, 100, 200, 300]:
    print("appending", value)
    buf.append(value)
    print("buffer now", buf)
