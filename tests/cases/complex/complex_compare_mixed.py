# Complex equality with other numeric types, and mixed-type arithmetic results
print(1 + 0j == 1, 1 + 0j == 1.0, 1 + 0j == True)
print(1j == 1, complex(2 ** 53 + 1, 0) == 2 ** 53 + 1, complex(2 ** 53, 0) == 2 ** 53)
print(0j == 0, 0j == -0.0, 0j == False)
print(complex(float("nan"), 0) == float("nan"))
print(type(1 + 1j).__name__, type(1.5 * 1j).__name__, type(True + 0j).__name__)
print(type(1j - 1j).__name__)
print(1j * 1j, 2 * (1 + 1j), (1 + 1j) - 1)
print(1 / 1j, 1j ** 0.5 == (1j) ** 0.5, (2 + 0j) ** 10)
print(sum([1j] * 4), [x * 1j for x in range(3)], sorted([3j, 1j, 2j], key=lambda z: z.imag))
for op in ["<", "<=", ">", ">="]:
    try:
        eval(f"1j {op} 2j")
    except TypeError as e:
        print(op, "TypeError", e)
try:
    max(1j, 2j)
except TypeError as e:
    print("TypeError", e)
print(complex(1, 0) in [1], 1 in [complex(1, 0)], {1j: "a"}.get(complex(0, 1)))
print(abs(3 + 4j) == 5, abs(-1j), (-1j).real)
print(-(0j), -complex(0, 0), -(-0j))
