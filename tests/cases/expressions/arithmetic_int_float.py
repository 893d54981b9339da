# Arithmetic across int, float, bool, complex
print(7 + 2, 7 - 2, 7 * 2, 7 / 2, 7 // 2, 7 % 2, 7 ** 2)
print(7 + 2.0, 7 - 2.5, 3 * 0.1, 1 / 3.0, 7.0 // 2, 7.5 % 2, 2 ** 0.5)
print(True + True, True * 10, False - 1, True / 2, 5 + 1j, 1j * 1j)
print(10 / 5, type(10 / 5).__name__, 2 ** 10, 2 ** 100, 10 ** -2, type(10 ** -2).__name__)
print(0.1 + 0.2 == 0.3, abs(-7), abs(-7.5), abs(-0.0))
print(1e308 * 10, -1e308 * 10, 1e308 * 10 - 1e308 * 10)
for a, b in [(1, 0), (1.0, 0), (1, 0.0), (0, 0), (5, 0j)]:
    for name, op in [("/", lambda: a / b), ("//", lambda: a // b), ("%", lambda: a % b), ("divmod", lambda: divmod(a, b))]:
        try:
            print(a, name, b, "=", op())
        except (ZeroDivisionError, TypeError) as e:
            print(a, name, b, "->", type(e).__name__, e)
print(2 ** 0, 0 ** 0, 0.0 ** 0, 0 ** 0.0)
try:
    0 ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    0.0 ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    2.0 ** 10000
except OverflowError as e:
    print("OverflowError", e)
try:
    10 ** 400 / 1
except OverflowError as e:
    print("OverflowError", e)
print(10 ** 400 // 10 ** 398, (10 ** 400) % 7)
print(2 ** 64 * 2 ** 64, -(2 ** 63), (2 ** 63) - 1, 12345678901234567890 * 98765432109876543210)
print(int(1e20), float(2 ** 80), 2 ** 80 == float(2 ** 80), 2 ** 53 + 1 == float(2 ** 53 + 1))
print(1 / 7 * 7, 3 * (1 / 3), 100 * 1.1)
print(-7 / 2, -7 // 2, int(-7 / 2), round(-7 / 2))
print(float("inf") - float("inf"), float("inf") * 0, float("inf") > 10 ** 400)
print(10 ** 400 > 1e308, 10 ** 308 < 1e308, 1e308 < 10 ** 309)
print(0.1 * 3, 0.3, 1.1 + 2.2, 3.3)
print(5 - 3.0, 2 * 3.0, 9 ** 0.5, 8 ** (1 / 3), 27 ** (1 / 3))
