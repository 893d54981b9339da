# Float arithmetic, special values and division errors
a, b = 7.5, -2.0
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2, -a, abs(b), divmod(a, b))
print(0.1 + 0.2, 0.1 + 0.2 == 0.3, 1e308 * 10, -1e308 * 10, 1e-323 / 10, 5e-324 / 2)
inf = float("inf")
nan = float("nan")
print(inf + 1, inf - inf, inf * 0, inf / inf, -inf, inf * -1, 1 / inf, nan + 1, nan * 0)
print(inf == inf, nan == nan, nan != nan, nan is nan, [nan] == [nan], inf > 1e308)
for expr in ["1.0 / 0", "1.0 // 0", "1.0 % 0", "divmod(1.0, 0)", "0.0 / 0.0", "1 / 0.0", "5 % 0.0",
             "0.0 ** -1", "(-8.0) ** 0.5 == 0", "2.0 ** 10000", "10.0 ** 400", "(-2.0) ** 1.5 == 0",
             "inf % 2", "2 % inf", "-2 % inf", "inf // 2", "2 // inf", "-2 // inf"]:
    try:
        print(expr, "->", eval(expr))
    except Exception as e:
        print(expr, "->", type(e).__name__, e)
print(2.0 ** 0.5, 2.0 ** -1, (-2.0) ** 2, (-2.0) ** 3, 0.0 ** 0, 1.0 ** inf, inf ** 0, nan ** 0)
print(type(2 ** 0.5).__name__, type((-8) ** 0.5).__name__)
print(1.5 + True, 3.0 * 2, 2 * 3.0, 10 ** 20 + 0.5)
print(0.1 * 3 == 0.3, abs(0.1 * 3 - 0.3) < 1e-15)
print(-0.0 + 0.0, -0.0 - 0.0, -0.0 * 1, 0.0 * -1, -0.0 + -0.0)
