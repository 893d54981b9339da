# expect: memory
b = bytes(3 * 10**6)
x = memoryview(b).tolist()
