# Basic int arithmetic: + - * with small and mixed-sign operands
pairs = [(0, 0), (1, 2), (-1, 2), (7, -3), (-7, -3), (123456789, 987654321), (2**31, 2**31), (-2**63, 1)]
for a, b in pairs:
    print(a, b, a + b, a - b, a * b, -a, +a, abs(a))

# Mixed with bool
print(3 + True, 3 * False, True - 5)

# Augmented assignment
x = 10
x += 5
print(x)
x -= 20
print(x)
x *= -3
print(x)
x //= 4
print(x)
x %= 7
print(x)
x **= 3
print(x)

# Unary on huge
big = 10**30
print(-big, +big, abs(-big))

# Chained comparisons
print(1 < 2 < 3, 3 > 2 > 2, 1 == 1.0, 2 != 2)
print(-5 < -4 <= -4 < 0)

# int with float arithmetic produces float
print(1 + 2.5, 3 * 0.5, 10 - 0.25)
print(type(1 + 2.0).__name__)

# Operator precedence
print(2 + 3 * 4, (2 + 3) * 4, -2 ** 2, (-2) ** 2, 2 ** -1)
print(2 ** 3 ** 2, (2 ** 3) ** 2)

# int(), literals
print(0x1F, 0o17, 0b1011, 1_000_000, 0x_ff)
print(int(), int(0), int(-0))
