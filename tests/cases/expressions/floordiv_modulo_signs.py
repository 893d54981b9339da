# Floor division and modulo follow the sign of the divisor
pairs = [(7, 3), (-7, 3), (7, -3), (-7, -3), (0, 3), (3, 7), (-3, 7)]
for a, b in pairs:
    print(f"{a:>3} // {b:>2} = {a // b:>3}   {a:>3} % {b:>2} = {a % b:>3}   divmod = {divmod(a, b)}")
for a, b in [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2), (0.0, 2), (-0.0, 2), (1e-300, -1), (-1e-300, 1)]:
    print(a, "//", b, "=", a // b, " %", a % b, " divmod", divmod(a, b))
print(5 % float("inf"), -5 % float("inf"), 5 // float("inf"), -5 // float("inf"))
print(float("inf") % 5 if False else "skip", (-0.0) % 5, 0.0 % -5)
print(2 ** 100 // 3, -(2 ** 100) // 3, 2 ** 100 % -3, -(2 ** 100) % 7)
print(-1 // 10 ** 30, 1 // -(10 ** 30), -1 % 10 ** 30)
print(True // 2, -True % 2, 7 // True)
for a, b in [(1, 3), (-1, 3)]:
    q, r = divmod(a, b)
    print(q * b + r == a)
print(round(-7 / 2), -7 // 2, int(-7 / 2), -(7 // 2))
print(10 % 3.5, -10 % 3.5, 10 // 3.5, -10 // 3.5)
print(6.0 // 0.1, 6.0 % 0.1, 1 // 0.1, 1 % 0.1)
try:
    divmod(1, 0.0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    5 % 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    5.0 % 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    5 // 0.0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
