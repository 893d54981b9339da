# expect: time
x = (1 << 33_000_000) - 1
y = (1 << 16_000_000) + 12345
while True:
    q = x // y
