# Subclasses of float
class Celsius(float):
    def __repr__(self):
        return f"Celsius({float(self)!r})"
    def to_f(self):
        return self * 9 / 5 + 32

c = Celsius(21.5)
print(c, repr(c), str(c), c.to_f(), type(c + 1).__name__, type(-c).__name__, type(abs(c)).__name__)
print(c == 21.5, c > 20, isinstance(c, float), Celsius("1e2"), Celsius(3))
print(sorted([Celsius(3), 1.5, Celsius(-1)]))
print(c.is_integer(), c.as_integer_ratio(), c.hex(), round(c), round(c, 0), type(round(c, 0)).__name__)
print(format(c, ".3f"), f"{c:>10}", "%.1f" % c)
class Weird(float):
    def __float__(self):
        return 99.0
print(float(Weird(1.0)), Weird(1.0) + 0)
print(float.__new__(Celsius, 4.0))
try:
    float.__new__(int, 4.0)
except TypeError as e:
    print("TypeError", e)
class WithInit(float):
    def __new__(cls, v, unit):
        self = super().__new__(cls, v)
        self.unit = unit
        return self
w = WithInit(2.5, "kg")
print(w, w.unit, w * 2)
