# expect: instructions
x = int.from_bytes(b'\x9b\x37' * 500_000, 'big')
y = int.from_bytes(b'\x5a\xc3' * 150_000, 'big') + 1
while True:
    q, r = divmod(-x, y)
