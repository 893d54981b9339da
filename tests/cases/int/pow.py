# pow and ** for ints
print(2 ** 10, (-2) ** 3, (-2) ** 4, 0 ** 0, 0 ** 5, 1 ** 1000)
print(2 ** -1, 2 ** -2, (-2) ** -3, 10 ** -3)
print(type(2 ** -1).__name__)
print(pow(2, 10), pow(2, 10, 1000), pow(3, 200, 10**9 + 7))
print(pow(-3, 3, 7), pow(3, 3, -7), pow(-3, 3, -7))
print(pow(2, 100, 1), pow(0, 0, 5), pow(5, 0, 1))
# negative exponent with modulus: modular inverse
print(pow(3, -1, 7), pow(3, -2, 7), pow(38, -1, 97), pow(-3, -1, 7))
print(pow(2, -1, 2**61 - 1))
try:
    pow(2, -1, 4)
except ValueError as e:
    print("ValueError", e)
try:
    pow(2, 3, 0)
except ValueError as e:
    print("ValueError", e)
try:
    0 ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    pow(0, -1)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print("TypeError", e)
try:
    pow(2, 3.0, 5)
except TypeError as e:
    print("TypeError", e)
print(pow(base=2, exp=5), pow(2, exp=5, mod=3))
print((-8) ** 2.0, type((-8) ** 2.0).__name__)
print(pow(10, 50))
print(pow(7, 12345, 10**20))
print(2 ** 0.5, 4 ** 0.5)
print(pow(True, 5), pow(2, True))
