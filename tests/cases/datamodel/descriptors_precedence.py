# Data vs non-data descriptors and the instance dict
class DataDesc:
    def __get__(self, obj, owner):
        return ("data get", obj is not None, owner.__name__)
    def __set__(self, obj, value):
        print("  data set", value)
class NonData:
    def __get__(self, obj, owner):
        return ("nondata get", obj is not None)
class C:
    d = DataDesc()
    n = NonData()
c = C()
print(c.d, C.d)
c.__dict__["d"] = "instance d"
print(c.d)
c.d = 5
print(c.__dict__)
print(c.n)
c.n = "instance n"
print(c.n)
del c.n
print(c.n)
class GetOnlyWithDelete:
    def __get__(self, obj, owner):
        return "g"
    def __delete__(self, obj):
        print("  __delete__")
class D:
    x = GetOnlyWithDelete()
d = D()
del d.x
try:
    d.x = 1
except AttributeError as e:
    print("AttributeError", e)
print(d.x)
class SetOnly:
    def __set__(self, obj, v):
        obj.__dict__["s"] = v * 10
class E:
    s = SetOnly()
e = E()
print(type(E.s).__name__)
e.s = 2
print(e.s)
class Typed:
    def __init__(self, kind): self.kind = kind
    def __set_name__(self, owner, name):
        self.name = "_" + name
    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return getattr(obj, self.name, None)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name[1:]} must be {self.kind.__name__}")
        setattr(obj, self.name, value)
class Point:
    x = Typed(int)
    y = Typed(int)
pt = Point()
pt.x = 3
print(pt.x, pt.y, type(Point.x).__name__)
try:
    pt.y = "no"
except TypeError as e2:
    print("TypeError", e2)
print(sorted(vars(pt)))
# functions are non-data descriptors
def func(self): return "bound"
class H:
    m = func
h = H()
print(h.m(), H.m(h), H.__dict__["m"] is func)
h.m = lambda: "shadowed"
print(h.m())
print(func.__get__(h)(), type(func.__get__(h)).__name__, func.__get__(None, H) is func)
