# property, classmethod, staticmethod
class Temp:
    def __init__(self): self._c = 0
    @property
    def c(self):
        "Celsius"
        return self._c
    @c.setter
    def c(self, v):
        print("  setter", v)
        self._c = v
    @c.deleter
    def c(self):
        print("  deleter")
        self._c = None
    @property
    def f(self):
        return self._c * 9 / 5 + 32
t = Temp()
t.c = 100
print(t.c, t.f, Temp.c.__doc__)
del t.c
print(t.c)
try:
    t.f = 1
except AttributeError as e:
    print("AttributeError", e)
try:
    del t.f
except AttributeError as e:
    print("AttributeError", e)
print(type(Temp.c).__name__, Temp.c.fget.__name__, Temp.f.fset)
class K:
    count = 0
    @classmethod
    def make(cls, *a):
        cls.count += 1
        return (cls.__name__, a)
    @staticmethod
    def util(x):
        return x * 2
class SubK(K): pass
print(K.make(1), K().make(2), SubK.make(), K.count, SubK.count)
print(K.util(3), K().util(4), type(K.__dict__["util"]).__name__, type(K.__dict__["make"]).__name__)
print(K.__dict__["util"](5))
p = property(lambda self: 42)
class Q:
    v = p
print(Q().v)
class R:
    @property
    def boom(self):
        raise AttributeError("inside property")
    def __getattr__(self, name):
        return f"__getattr__ got {name}"
print(R().boom)
class Cache:
    @property
    def val(self):
        print("  computing")
        return 7
cc = Cache()
print(cc.val, cc.val)
class Ro:
    x = property(doc="no getter")
try:
    Ro().x
except AttributeError as e:
    print("AttributeError", e)
print(Ro.x.__doc__)
print(classmethod(len).__func__ is len, staticmethod(len).__func__ is len)
