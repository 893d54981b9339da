# The ** operator with negative, float and complex operands
print(2 ** 3, 2 ** -3, (-2) ** 3, (-2) ** -3, -2 ** 2, (-2) ** 2)
print(2 ** 3 ** 2, (2 ** 3) ** 2, 2 ** -1 ** 2)
print(4 ** 0.5, 2 ** 0.5, (-8) ** (1 / 3), (-1) ** 0.5)
print(type((-8) ** (1 / 3)).__name__, type(2 ** -1).__name__, type(2 ** 2).__name__)
print(1j ** 2, (1 + 1j) ** 3, 2 ** 1j, (0j) ** 0, 0j ** 2)
try:
    0j ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    0j ** 1j
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(pow(2, 10), pow(2, 10, 1000), pow(3, -1, 7), pow(-2, 3, 5), pow(2, 0, 1))
try:
    pow(2, -1, 4)
except ValueError as e:
    print("ValueError", e)
try:
    pow(2, 3, 0)
except ValueError as e:
    print("ValueError", e)
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print("TypeError", e)
try:
    pow(1j, 2, 3)
except (ValueError, TypeError) as e:
    print(type(e).__name__, e)
print(1.0 ** float("inf"), 2.0 ** float("-inf"), float("nan") ** 0, 1 ** float("nan"))
print((-1.0) ** float("inf"), 0.5 ** float("inf"), float("inf") ** -1)
try:
    (-2.0) ** 0.5
    print((-2.0) ** 0.5)
except ValueError as e:
    print("ValueError", e)
print(10 ** 20, 10 ** 20.0, 10.0 ** 20, 10 ** -20)
print(True ** 2, False ** 0, 2 ** True)
print(7 ** 77 % 1000, len(str(7 ** 777)))
x = 3
x **= 2
print(x)
print(-1 ** 0.5 if False else "", (-27) ** (1/3))
print(pow(10, -2), pow(-10, -2), pow(0.5, -1))
