# Metaclasses: __new__, __init__, __call__, keywords, inheritance
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("  Meta.__new__", name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith("__")), kw)
        cls = super().__new__(mcls, name, bases, ns)
        cls.created_by = mcls.__name__
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print("  Meta.__init__", name, kw)
        super().__init__(name, bases, ns)
class A(metaclass=Meta, flag=True):
    x = 1
    def m(self): pass
print(type(A).__name__, A.created_by, isinstance(A, Meta), isinstance(A, type))
class B(A):
    y = 2
print(type(B).__name__)
print(type(type).__name__, type(object).__name__, type(Meta).__name__)
D = type("D", (A,), {"z": 3})
print(type(D).__name__, D.z, D.x)
try:
    type("E", (), {}, extra=1)
except TypeError as e:
    print("TypeError", e)
try:
    type("E", 5, {})
except TypeError as e:
    print("TypeError", e)
try:
    type(1, 2)
except TypeError as e:
    print("TypeError", e)
class M1(type): pass
class M2(type): pass
class X(metaclass=M1): pass
class Y(metaclass=M2): pass
try:
    class Z(X, Y): pass
except TypeError as e:
    print("TypeError", e)
class M3(M1): pass
class W(metaclass=M3): pass
class V(X, W): pass
print(type(V).__name__)
def func_meta(name, bases, ns):
    print("  func_meta", name)
    return 42
class NotAClass(metaclass=func_meta):
    pass
print(NotAClass)
class Counting(type):
    count = 0
    def __call__(cls, *a, **k):
        Counting.count += 1
        return super().__call__(*a, **k)
class Obj(metaclass=Counting):
    def __init__(self, v): self.v = v
Obj(1); Obj(2)
print(Counting.count)
class MetaAttr(type):
    def hello(cls):
        return f"hello from {cls.__name__}"
    @property
    def prop(cls):
        return "meta property"
class HasMeta(metaclass=MetaAttr): pass
print(HasMeta.hello(), HasMeta.prop)
try:
    HasMeta().hello()
except AttributeError as e:
    print("AttributeError", e)
print(type.__name__, HasMeta.__class__.__name__, HasMeta.__mro__ == (HasMeta, object))
