# Imaginary and complex literals
print(1j, 2J, 1.5j, 1e3j, 0j, 1_0j, .5j)
print(type(1j).__name__, (1j).real, (1j).imag)
print(1 + 2j, 1 - 2j, -1j, -(1j), (-0.0 - 1j))
print(repr(complex(1, 0)), repr(complex(0, 0)), complex(-0.0, -0.0))
print((1 + 2j) * (3 - 4j), (1 + 2j) / (1 - 1j))
print(1j ** 2, (1 + 1j) ** 2, abs(3 + 4j))
print((2 + 3j).conjugate(), complex("1+2j"), complex(" 3-4j "), complex("j"), complex("-1.5e2j"))
print(complex(1, 2) == 1 + 2j, 1j == 1j, 0j == 0)
print(complex(1.5), complex("inf+nanj"), complex(float("inf"), 1))
print(1e400j, -1e400j)
try:
    complex("1+2i")
except ValueError as e:
    print("ValueError", e)
try:
    print(1j < 2j)
except TypeError as e:
    print("TypeError", e)
try:
    int(1j)
except TypeError as e:
    print("TypeError", e)
print(hash(1j) == hash(complex(0, 1)), hash(complex(3, 0)) == hash(3))
print(str(1e20j), str(123456789j), repr(1.5e-7j))
print(0x10 + 1j, 0o7 * 1j)
print(f"{1+2j}", f"{3j:.2f}", format(1 + 2j, ">20"))
print(complex(1, 2).real.__class__.__name__)
print(divmod.__name__)
try:
    divmod(1j, 2)
except TypeError as e:
    print("TypeError", e)
