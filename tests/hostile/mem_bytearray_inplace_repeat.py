# expect: memory
b = bytearray(b'x')
b *= 10**10
