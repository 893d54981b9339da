# expect: time
x = 7 ** 3_000_000
y = 3 ** 1_500_000 + 1
while True:
    q, r = divmod(-x, y)
