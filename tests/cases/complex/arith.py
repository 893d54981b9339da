# complex arithmetic
a, b = 3 + 4j, 1 - 2j
print(a + b, a - b, a * b, a / b, -a, +a, abs(a), a.conjugate(), a == 3 + 4j, a != b)
print(a + 1, 1 + a, a * 2, 2.5 * a, a / 2, 2 / a, a - True, a ** 2, a ** 0, a ** -1, a ** 0.5)
print(1j ** 2, 1j * 1j, (1 + 1j) ** 3, pow(2j, 2), (0j) ** 0, 0j ** 2)
print(abs(-3j), abs(complex(float("inf"), 1)), abs(complex(1e308, 1e308)) if False else abs(1e200 + 1e200j))
for expr in ["a / 0", "a / 0j", "0j ** -1", "a // b", "a % b", "divmod(a, b)", "a < b", "pow(a, 2, 3)",
             "abs(complex(1e308, 1e308))", "(1e200j) ** 2" if False else "1j ** 1j == 0", "int(a)", "float(a)", "round(a)"]:
    try:
        print(expr, "->", eval(expr))
    except Exception as e:
        print(expr, "->", type(e).__name__, e)
print(hash(1 + 0j) == hash(1), hash(2j), hash(1 + 2j), hash(complex(0.5, -1.5)))
print(bool(0j), bool(1j), bool(complex(0, -0.0)))
print(a.real, a.imag, type(a.real).__name__, (5j).real, (5j).imag)
print(1j.__class__.__name__, complex.__mro__)
c = 1 + 1j
c += 1
c *= 1j
print(c)
print(sum([1j, 2, 3.5]), sum([1 + 1j] * 3, 0j))
print((1 + 2j) == (1 + 2j), (1 + 0j) == 1.0, 1j == 1, 1j != 1)
