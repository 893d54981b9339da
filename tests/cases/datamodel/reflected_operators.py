# Reflected operands and NotImplemented
class R:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return self.name
    def __radd__(self, o): return f"radd({o!r}, {self!r})"
    def __rsub__(self, o): return f"rsub({o!r}, {self!r})"
    def __rmul__(self, o): return f"rmul({o!r}, {self!r})"
    def __rmatmul__(self, o): return f"rmatmul({o!r}, {self!r})"
    def __rtruediv__(self, o): return f"rtruediv({o!r})"
    def __rfloordiv__(self, o): return f"rfloordiv({o!r})"
    def __rmod__(self, o): return f"rmod({o!r})"
    def __rdivmod__(self, o): return f"rdivmod({o!r})"
    def __rpow__(self, o): return f"rpow({o!r})"
    def __rlshift__(self, o): return f"rlshift({o!r})"
    def __rrshift__(self, o): return f"rrshift({o!r})"
    def __rand__(self, o): return f"rand({o!r})"
    def __rxor__(self, o): return f"rxor({o!r})"
    def __ror__(self, o): return f"ror({o!r})"
r = R("r")
print(1 + r, 1 - r, 1 * r, 1 @ r, 1 / r, 1 // r, 1 % r, divmod(1, r), 1 ** r)
print(1 << r, 1 >> r, 1 & r, 1 ^ r, 1 | r)
print("s" + r, [1] * r, (1,) + r)
try:
    print(r + 1)
except TypeError as e:
    print("TypeError", e)
try:
    print(pow(2, r, 5))
except TypeError as e:
    print("TypeError", e)
class Left:
    def __add__(self, o):
        print("Left.__add__ called")
        return NotImplemented
class Right:
    def __radd__(self, o):
        print("Right.__radd__ called")
        return "right wins"
print(Left() + Right())
class Neither:
    def __add__(self, o):
        return NotImplemented
    def __radd__(self, o):
        return NotImplemented
try:
    Neither() + Neither()
except TypeError as e:
    print("TypeError", e)
# subclass reflected method takes priority when it overrides
class Base:
    def __add__(self, o): return "Base.__add__"
    def __radd__(self, o): return "Base.__radd__"
class Sub(Base):
    def __radd__(self, o): return "Sub.__radd__"
class Sub2(Base):
    pass
print(Base() + Sub(), Sub() + Base(), Base() + Sub2())
class MyInt(int):
    def __radd__(self, o):
        return "MyInt.__radd__"
    def __rsub__(self, o):
        return "MyInt.__rsub__"
print(1 + MyInt(2), 5 - MyInt(1), MyInt(1) + 1)
print(NotImplemented.__class__.__name__, repr(NotImplemented))
print(bool(1).__add__(1), (1).__add__(1.0), (1.0).__radd__(1))
