# while loops: complex conditions, walrus, nested break/continue, else with exceptions
data = [3, 1, 4, 1, 5, 9, 2, 6]
i = 0
while i < len(data) and data[i] != 9:
    i += 1
print("found 9 at", i)
it = iter(data)
while (x := next(it, None)) is not None:
    if x == 1:
        continue
    if x > 5:
        break
    print("value", x)
else:
    print("not printed: loop broke")
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
print(gcd(48, 18), gcd(17, 5), gcd(0, 7))
n, steps = 27, 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print("collatz steps", steps)
def loop_with_exception():
    k = 0
    while k < 5:
        k += 1
        try:
            if k == 3:
                raise ValueError(k)
        except ValueError as e:
            print("  caught", e, "and continue")
            continue
        print("  k", k)
    else:
        print("  else after exceptions handled")
loop_with_exception()
grid = [[1, 2], [3, 4], [5, 6]]
r = 0
while r < len(grid):
    c = 0
    while c < len(grid[r]):
        if grid[r][c] == 4:
            print("found 4 at", (r, c))
            break
        c += 1
    else:
        r += 1
        continue
    break
