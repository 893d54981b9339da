# Float comparisons with ints, huge ints, nan, and other types
nan = float("nan")
inf = float("inf")
pairs = [(1.0, 1), (0.1, 0), (-0.0, 0), (2.0 ** 63, 2 ** 63), (2.0 ** 63, 2 ** 63 + 1),
         (9007199254740992.0, 9007199254740993), (1e308, 10 ** 308), (inf, 10 ** 1000), (-inf, -(10 ** 1000)),
         (nan, 0), (nan, 10 ** 400), (0.5, True), (1e-300, 0)]
for f, i in pairs:
    print(f, i, f == i, f != i, f < i, f <= i, f > i, f >= i)
print(sorted([3.5, 1, -2.5, 10 ** 20, 1e19, -0.0, 0]))
print(max(1, 1.0), max(1.0, 1), min(0, -0.0), min(-0.0, 0))
print(nan in [nan], nan == nan, [nan].count(nan), [nan].index(nan) if True else 0)
x = nan
print(x in [nan], (x,) == (x,), [x] == [float("nan")])
for other in ("1.0", None, [1.0], 1j):
    try:
        print(1.0 < other)
    except TypeError as e:
        print("TypeError", e)
print(1.0 == "1.0", 1.0 == 1 + 0j, 1.5 == complex(1.5, 0))
print((1.0).__eq__(1), (1.0).__lt__("x"), (1.0).__ge__(2 ** 100))
