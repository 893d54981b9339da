# Bound methods: __self__, __func__, equality, calling, unbound functions
class C:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
    def __eq__(self, other):
        return isinstance(other, C) and self.v == other.v
    __hash__ = object.__hash__
c = C(5)
m = c.get
print(m(), m.__self__ is c, m.__func__ is C.get, m.__name__, m.__qualname__, type(m).__name__)
print(C.get(c), type(C.get).__name__, C.get.__name__)
print(c.get == c.get, c.get is c.get, c.get == C(5).get, c.get != C(6).get)
f = m.__func__
print(f(C(9)))
bound = [].append
print(type(bound).__name__, bound.__self__, bound.__name__)
s = "abc".upper
print(s(), s.__self__, s.__qualname__ if hasattr(s, "__qualname__") else None)
try:
    m.new_attr = 1
except AttributeError as e:
    print("AttributeError", e)
C.get.extra = "on function"
print(c.get.extra)
class D:
    def method(self):
        return self
d = D()
print(D.method(d) is d, d.method() is d)
try:
    D.method()
except TypeError as e:
    print("TypeError", e)
try:
    d.method(1)
except TypeError as e:
    print("TypeError", e)
import sys
meth = sys.stdout.write
print(meth.__self__ is sys.stdout, meth.__name__)
