# repr of floats: shortest string that round-trips
vals = [0.0, -0.0, 1.0, -1.5, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e15, 123456789012345678.0,
        1e-5, 1e-4, 0.0001, 0.00001234, 1e22, 1e23, 5e-324, 2.2250738585072014e-308,
        1.7976931348623157e308, 9007199254740993.0, 3.141592653589793, 2.718281828459045,
        100.0, 1e100, 1.5e-7, 12345.678, 0.3, 4.35, 1234567890123456.7, 1e17 / 3]
for v in vals:
    r = repr(v)
    print(r, str(v), float(r) == v)
print(float("inf"), float("-inf"), float("nan"))
print(-float("nan"))
print(repr(1e16), repr(9999999999999998.0), repr(1e-4))
print(repr(0.00009999))
print([0.1, -0.0, 1e300 * 10])
print(str(1.0), str(10.0 ** 15), str(10.0 ** 16))
print(str(2.0 ** 60))
print(0.1 * 3, 1.1 * 1.1, 1 - 0.9)
print(3 * 1.1)
for i in range(-5, 6):
    print(i, 10.0 ** i, 1.5 * 10.0 ** i)
print(float.__repr__(2.5), (2.5).__str__())
