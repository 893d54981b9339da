# Arbitrary precision arithmetic
a = 2**100
b = 3**70
print(a)
print(b)
print(a + b)
print(a - b)
print(b - a)
print(a * b)
print(a // b, a % b)
print(b // a, b % a)
print(divmod(a * b + 17, b))

f = 1
for i in range(1, 51):
    f *= i
print("50! =", f)
print(len(str(f)))

# Powers of ten
for e in (18, 19, 20, 38, 39, 64, 100):
    print(e, 10**e, 10**e - 1, -(10**e))

# Boundaries of machine words
for n in (2**31 - 1, 2**31, 2**32, 2**63 - 1, 2**63, 2**64, 2**64 + 1, 2**128):
    print(n, -n, n * n, n // 3, n % 1000)

# Mixed huge and small
print(2**200 // 7, 2**200 % 7)
print(-(2**200) // 7, -(2**200) % 7)
print((2**200) // -7, (2**200) % -7)

# Fibonacci
x, y = 0, 1
for _ in range(300):
    x, y = y, x + y
print(x)

# Squares and comparison
s = 12345678901234567890 ** 2
print(s, s == 152415787532388367501905199875019052100)
print(2**1000 > 2**999, 2**1000 == 2 * 2**999, -(2**1000) < -(2**999))
print(sum(range(10**6, 10**6 + 100)))
