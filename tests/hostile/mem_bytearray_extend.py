# expect: memory
b = bytearray()
while True:
    b.extend(b'x' * 10000)
