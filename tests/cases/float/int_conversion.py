# int() from floats and errors for inf/nan; float to int comparisons with huge ints
for v in [0.0, -0.0, 0.9, -0.9, 1e15 + 0.5, 2.0 ** 63, -(2.0 ** 63), 1e300, 123.999]:
    print(v, int(v))
for v in (float("inf"), float("-inf"), float("nan")):
    for fn in (int, round):
        try:
            fn(v)
        except (OverflowError, ValueError) as e:
            print(fn.__name__, type(e).__name__, e)
big = 2 ** 1000
print(big > 1e300, big < float("inf"), float(2 ** 53) == 2 ** 53, 2.0 ** 53 + 1 == 2 ** 53 + 1)
print(2 ** 53 + 1 > 2.0 ** 53, 2 ** 53 + 1 < 2.0 ** 53 + 2, 10 ** 400 == float("inf"), -(10 ** 400) < -1e308)
print(1e308 < 10 ** 309, 1e308 > 10 ** 307, 0.5 < 1, -0.5 > -1, float("nan") < 10 ** 400)
print(int(1e23), 10 ** 23 == 1e23, int(1e23) == 1e23)
print(float(2 ** 1023), float(-(2 ** 1023)))
try:
    float(2 ** 1024)
except OverflowError as e:
    print("OverflowError", e)
print(float(2 ** 1024 - 2 ** 970 - 1))
try:
    print(float(2 ** 1024 - 2 ** 970))
except OverflowError as e:
    print("OverflowError", e)
print(float(2 ** 54 + 1), float(2 ** 54 + 3), float(2 ** 54 + 2))
print(hash(2 ** 1000) == hash(float(2 ** 1000)), 2 ** 1000 == float(2 ** 1000))
