# __prepare__ and the class namespace
class OrderedLog(dict):
    def __setitem__(self, key, value):
        print("  ns set", key)
        super().__setitem__(key, value)
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("  __prepare__", name, kw)
        ns = OrderedLog()
        ns["injected"] = "from prepare"
        return ns
    def __new__(mcls, name, bases, ns, **kw):
        print("  __new__ got", type(ns).__name__)
        return super().__new__(mcls, name, bases, dict(ns))
class C(metaclass=Meta, option=1):
    a = 1
    def f(self): pass
    b = injected
print(C.injected, C.b, type(C.__dict__).__name__)
class NonDict(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return 5
try:
    class D(metaclass=NonDict):
        pass
except TypeError as e:
    print("TypeError", e)
class Auto(dict):
    def __missing__(self, key):
        if key.startswith("auto_"):
            return key[5:]
        raise KeyError(key)
class AutoMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return Auto()
    def __new__(mcls, name, bases, ns):
        return super().__new__(mcls, name, bases, dict(ns))
class E(metaclass=AutoMeta):
    v = auto_value
    w = len("abc")
print(E.v, E.w)
print(type.__prepare__("x", ()), type(type.__prepare__("x", ())).__name__)
class Show(type):
    def __new__(mcls, name, bases, ns):
        print("  keys:", [k for k in ns])
        return super().__new__(mcls, name, bases, ns)
class F(metaclass=Show):
    """doc"""
    x: int = 1
    def g(self): pass
print(F.__qualname__, F.__module__)
