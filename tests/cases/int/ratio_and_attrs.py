# as_integer_ratio, conjugate, real/imag/numerator/denominator, is_integer absent in 3.11
for n in [0, 5, -7, 2**80, True, False]:
    print(repr(n), n.as_integer_ratio(), n.conjugate(), n.real, n.imag, n.numerator, n.denominator)
    print(type(n.as_integer_ratio()[0]).__name__, type(n.real).__name__, type(n.conjugate()).__name__)
print(hasattr(1, "is_integer"))
class Sub(int):
    pass
s = Sub(9)
print(type(s.real).__name__, type(s.numerator).__name__, type(s.as_integer_ratio()[0]).__name__)
print(s.real, s.conjugate(), s.denominator)
try:
    (5).real = 3
except AttributeError as e:
    print("AttributeError", e)
try:
    (5).foo
except AttributeError as e:
    print("AttributeError", e)
print(int.__name__, int.__qualname__, int.__module__)
print((3).__add__(4), (3).__radd__(4), (3).__sub__(4), (3).__rsub__(4))
print((3).__add__(4.0), (3).__mul__("a"))
print((7).__floordiv__(2), (7).__mod__(-2), (7).__pow__(2), (7).__pow__(2, 5))
print((5).__neg__(), (5).__invert__(), (5).__abs__(), (5).__bool__(), (0).__bool__())
print((5).__index__(), (5).__int__(), (5).__float__(), (5).__trunc__(), (5).__round__(), (1234).__round__(-2))
print((5).__lt__(6), (5).__eq__(5.0), (5).__eq__("5"))
