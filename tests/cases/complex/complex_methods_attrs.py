# complex attributes, conjugate, dunder methods, and immutability
z = complex(3, -4)
print(z.real, z.imag, z.conjugate())
print(z.__abs__(), z.__neg__(), z.__pos__())
print(z.__bool__(), complex(0).__bool__())
print(z.__add__(1), z.__radd__(1), z.__mul__(2j))
print(z.__rtruediv__(1), z.__pow__(2), z.__eq__(3 - 4j))
print(z.__ne__(0))
print(z.__add__("x"), z.__lt__(z) if hasattr(z, "__lt__") else "no lt", z.__getnewargs__())
try:
    z.real = 1
except AttributeError as e:
    print("AttributeError", e)
print(complex.__mro__, type(z.conjugate()).__name__, (1j).conjugate())
print((5 + 0j).conjugate())
class C(complex):
    def __repr__(self):
        return "C" + complex.__repr__(self)
c = C(1, 2)
print(c, repr(c), c + 1)
print(type(c + 1).__name__, type(-c).__name__, c.real)
print(c == 1 + 2j)
print(complex(C(3, 4)), type(complex(C(3, 4))).__name__)
print(hash(c) == hash(1 + 2j), {c: 1}[1 + 2j])
print((1 + 2j) * (3 - 1j), (1e300 + 1e300j) * 10, (1 + 1j) / (1e-320 + 0j) if False else (4 + 2j) / (1 + 1j))
print(complex("1e500j"), complex("-1e500"), complex(1e308, 1e308) * 2)
