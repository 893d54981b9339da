# round() on ints with negative ndigits (half to even)
for n in [0, 5, 15, 25, 35, 149, 150, 250, 251, -150, -250, -251, 12345, 2**70 + 5]:
    print(n, round(n), round(n, 0), round(n, 1), round(n, -1), round(n, -2), round(n, -3))
print(type(round(5, 2)).__name__, type(round(5)).__name__)
print(round(5, -100), round(10**50 + 5 * 10**20, -21))
try:
    round(5, 1.5)
except TypeError as e:
    print("TypeError", e)
print(round(True), round(True, -1))
print(round(-5, -1), round(-15, -1), round(-25, -1))
print(round(5, None), type(round(5, None)).__name__)
# round(int, n) for n >= 0 returns the same value as an int
for n in [0, 7, -7, 10 ** 30]:
    r = round(n, 3)
    print(r, r == n, type(r).__name__)
class I(int):
    pass
print(type(round(I(15), -1)).__name__, round(I(15), -1), type(round(I(15))).__name__)
print(round(10 ** 30 + 5 * 10 ** 28, -29), round(-(10 ** 30) - 5 * 10 ** 28, -29))
print(round(45, -1), round(55, -1), round(65, -1), round(-45, -1), round(-55, -1))
