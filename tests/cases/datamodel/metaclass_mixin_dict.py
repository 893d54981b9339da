# A metaclass that lists a plain mixin class before `type`: its classes still show their own
# namespace as __dict__ (a mappingproxy), found through `type`'s descriptor as CPython's
# subtype_dict does, while the mixin's own instances keep their instance dict.
class Mixin:
    def __new__(mcls, name, bases, ns, **kw):
        print("mixin new", sorted(k for k in ns if not k.startswith("__")))
        return super().__new__(mcls, name, bases, ns, **kw)

class Meta(Mixin, type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        return {"injected": 1}

class A(metaclass=Meta):
    x = 1
    def f(self): return 2

print(sorted(k for k in A.__dict__ if not k.startswith("__")), A.x, A.injected)

class Base(type):
    pass

class UserMeta:
    def __new__(cls, *a):
        return type.__new__(Meta2, *a)

class Meta2(UserMeta, Base):
    pass

class B(metaclass=Meta2):
    y = 2
print(sorted(k for k in B.__dict__ if not k.startswith("__")), type(B).__name__)

import collections
class OD(type):
    @classmethod
    def __prepare__(m, n, b): return collections.OrderedDict()
class Mix2:
    pass
class M3(Mix2, OD):
    pass
class C(metaclass=M3):
    z = 3
    w = 4
print(list(k for k in C.__dict__ if not k.startswith("__")))
class D(metaclass=type("M4", (Mix2, type), {})):
    q = 1
print(list(k for k in D.__dict__ if not k.startswith("__")))
class E(type, Mix2): pass
class F(metaclass=E):
    r = 1
print(list(k for k in F.__dict__ if not k.startswith("__")))
print(type(A.__dict__).__name__, type(F.__dict__).__name__)
print(vars(A)["x"], vars(F)["r"], "f" in vars(A))
try:
    A.__dict__ = {}
except AttributeError as e:
    print("AttributeError", e)
o = Mixin.__new__(Mixin) if False else object.__new__(Mixin)
o.k = 1
print(o.__dict__, vars(o))
