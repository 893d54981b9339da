# Subclasses of int: arithmetic returns int, repr, attributes
class Meters(int):
    def __repr__(self):
        return "Meters(%d)" % int(self)

m = Meters(5)
print(m, repr(m), str(m), m + 1, type(m + 1).__name__, type(-m).__name__, type(+m).__name__)
print(m == 5, m * 2, isinstance(m, int), issubclass(Meters, int))
print(Meters("12"), Meters("ff", 16), Meters(3.7))

class Flagged(int):
    def __new__(cls, value, flag):
        obj = super().__new__(cls, value)
        obj.flag = flag
        return obj

f = Flagged(10, "hello")
print(f, f.flag, f + f, type(f // 3).__name__, abs(Flagged(-3, 1)))
print(sorted([Flagged(3, "a"), Flagged(1, "b"), 2]))

class Add(int):
    def __add__(self, other):
        return "custom add"
    def __radd__(self, other):
        return "custom radd"

print(Add(1) + 1, 1 + Add(1), Add(1) - 1)

class Eq(int):
    def __eq__(self, other):
        return True
    __hash__ = int.__hash__
print(Eq(1) == 2, 2 == Eq(1), hash(Eq(7)))
print(int.__new__(Meters, 8))
try:
    int.__new__(str, 5)
except TypeError as e:
    print("TypeError", e)
print(bool(Meters(0)), bool(Meters(-1)))
print(Meters.__mro__[1].__name__, Meters.__bases__)
