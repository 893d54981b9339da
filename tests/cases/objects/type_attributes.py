# Type attributes: __name__, __qualname__, __module__, __mro__, __bases__, __dict__ keys
class Outer:
    """Outer doc."""
    x = 1
    class Inner:
        def method(self):
            pass
    def method(self):
        pass
class A: pass
class B(A): pass
class C(A): pass
class D(B, C): pass
print(Outer.__name__, Outer.__qualname__, Outer.__module__, Outer.__doc__)
print(Outer.Inner.__name__, Outer.Inner.__qualname__, Outer.Inner.method.__qualname__, Outer.method.__qualname__)
print([k.__name__ for k in D.__mro__], D.__bases__, D.__base__.__name__, [k.__name__ for k in D.mro()])
print(sorted(Outer.__dict__.keys()))
print(sorted(A.__dict__.keys()), type(A.__dict__).__name__)
print(A.__subclasses__(), int.__name__, int.__qualname__, int.__module__, len.__module__, type(len).__name__)
def f():
    class Local:
        pass
    return Local
L = f()
print(L.__name__, L.__qualname__)
Outer.__name__ = "Renamed"
print(Outer.__name__, Outer.__qualname__)
Outer.__qualname__ = "Q.R"
print(Outer.__qualname__, repr(Outer).replace("__main__", "M"))
try:
    int.__name__ = "x"
except TypeError as e:
    print("TypeError", e)
try:
    Outer.__name__ = 5
except TypeError as e:
    print("TypeError", e)
try:
    A.__dict__["y"] = 1
except TypeError as e:
    print("TypeError", e)
print(A.__doc__, B.__dict__.get("__doc__"), type(B.__dict__["__module__"]).__name__)
try:
    class Bad(B, A, C): pass
except TypeError as e:
    print("TypeError", e)
