# expect: memory
b = bytes(10**10)
