# round() on floats: ties-to-even, ndigits, errors
for v in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.49999999999999994, 4.5000001, 1e16 + 1.0, 2.675]:
    print(v, round(v), type(round(v)).__name__)
for v, n in [(2.675, 2), (2.665, 2), (1.005, 2), (0.125, 2), (0.375, 2), (1234.5678, -2), (1234.5678, 1),
             (5e-324, 400), (1.5, 0), (-0.0, 1), (123.456, -5), (1e300, -300), (0.5, 0), (-1.25, 1),
             (15.0, -1), (25.0, -1), (35.0, -1), (2.5, None), (1.23456789, 20), (1e308, -308), (7.0, -400)]:
    r = round(v, n)
    print(v, n, r, type(r).__name__)
for v in (float("inf"), float("-inf"), float("nan")):
    try:
        round(v)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
    print(round(v, 2))
try:
    round(1.5, "1")
except TypeError as e:
    print("TypeError", e)
try:
    round("1.5")
except TypeError as e:
    print("TypeError", e)
print(round(1e300), round(-2.5e15 + 0.5))
print((2.5).__round__(), (2.5).__round__(0), (2.567).__round__(1))
