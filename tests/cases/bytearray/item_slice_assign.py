# bytearray item and slice assignment and deletion
b = bytearray(b"0123456789")
b[0] = 65
b[-1] = 0x5A
print(b)
b[1:3] = b"xy"
print(b)
b[1:3] = b"LONGER"
print(b)
b[1:7] = b""
print(b)
b[2:2] = [1, 2, 3]
print(b)
b[::2] = b"*" * len(b[::2])
print(b)
del b[::3]
print(b)
del b[0]
del b[-2:]
print(b)
b[:] = bytearray(b"fresh")
print(b)
b[len(b):] = b"!"
print(b)
b[1:4] = memoryview(b"MV!")
print(b)
errors = [("b[100] = 1", IndexError), ("b[0] = 256", ValueError), ("b[0] = b'a'", TypeError), ("b[::2] = b'ab'", ValueError),
          ("b[0:1] = 5", TypeError), ("b[0:1] = 'str'", TypeError), ("del b[100]", IndexError), ("b['x'] = 1", TypeError),
          ("b[::0] = b''", ValueError), ("b[0:2] = [300]", ValueError)]
for stmt, _ in errors:
    try:
        exec(stmt)
    except Exception as e:
        print(stmt, "->", type(e).__name__, e)
print(b)
b[0:0] = b
print(b)
b[::-1] = bytes(b)
print(b)
b[5:1] = b"INS"
print(b)
