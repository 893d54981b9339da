# expect: memory
b = bytearray(10**10)
