# Float literals and their reprs
vals = [0.0, 1.0, .5, 5., 1e3, 1E-3, 1_000.000_1, 3.14_15, 1e1_0, 0e0, 00.5, 007.5e0]
for v in vals:
    print(repr(v), str(v))
print(1e16, 1e15, 123456789012345678.0, 1e-4, 1e-5, 0.0001, 0.00001)
print(1.7976931348623157e308, 5e-324, 2.2250738585072014e-308)
print(1e309, -1e309, 1e-400)
print(0.1 + 0.2, 1.1 * 3, 1 / 3, 2 / 3, 10 / 4)
print(repr(1e22), repr(1e21), repr(1e23), repr(123456789.123456789))
print(float("inf"), float("-inf"), float("nan"), float("  -1.5  "), float("1_0.5"))
print(float("Infinity"), float("-iNF"), float("+nan"))
for bad in ["1.0.0", "", "1e", "_1.0", "1._0", "abc"]:
    try:
        print(float(bad))
    except ValueError as e:
        print("ValueError", e)
print(-0.0, 0.0 == -0.0, repr(-0.0))
print(round(2.675, 2), round(0.5), round(1.5), round(2.5), round(-0.5))
print((0.1).hex(), float.fromhex("0x1.8p1"), (1.5).as_integer_ratio())
print(1.0.is_integer(), 1.5.is_integer())
print(type(1e0).__name__, 1e0 == 1)
print(9007199254740993.0, 2.0 ** 53 + 1)
print(3.0 // 2, 3.5 % 2, -3.5 % 2, divmod(7.5, 2))
for src in ["1.e5", "1_0.0_1", "1e+05", "1.0e-0_3", "1_.0", "1e_5"]:
    try:
        print(src, "->", eval(src))
    except SyntaxError as e:
        print(src, "-> SyntaxError", e.msg)
