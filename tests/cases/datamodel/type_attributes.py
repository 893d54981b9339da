# Attributes of classes and instances: __name__, __qualname__, __module__, __dict__, __doc__
class Outer:
    """Outer doc"""
    x = 1
    class Inner:
        def method(self): pass
    def f(self):
        class Local: pass
        return Local
print(Outer.__name__, Outer.__qualname__, Outer.__module__, Outer.__doc__)
print(Outer.Inner.__qualname__, Outer.Inner.method.__qualname__, Outer().f().__qualname__)
print(type(Outer.__dict__).__name__, "x" in Outer.__dict__, Outer.__dict__["x"])
try:
    Outer.__dict__["y"] = 1
except TypeError as e:
    print("TypeError", e)
print(sorted(k for k in Outer.__dict__ if k.startswith("__")))
o = Outer()
print(o.__dict__, vars(o), o.__class__ is Outer)
o.__dict__["z"] = 3
print(o.z)
o.__dict__ = {"w": 4}
print(o.w, hasattr(o, "z"))
try:
    o.__dict__ = 5
except TypeError as e:
    print("TypeError", e)
class Renamed: pass
Renamed.__name__ = "NewName"
Renamed.__qualname__ = "Q.NewName"
print(Renamed.__name__, Renamed.__qualname__, repr(Renamed))
try:
    Renamed.__name__ = 5
except TypeError as e:
    print("TypeError", e)
def func(a, b=2, *, c=3):
    "func doc"
    return a
print(func.__name__, func.__qualname__, func.__doc__, func.__defaults__, func.__kwdefaults__, func.__module__)
print(func.__code__.co_argcount, func.__code__.co_kwonlyargcount, func.__code__.co_varnames, func.__code__.co_name)
func.__name__ = "renamed"
print(func.__name__)
try:
    func.__defaults__ = 5
except TypeError as e:
    print("TypeError", e)
func.__defaults__ = (10,)
print(func(1) , func.__defaults__)
print(Outer.f.__name__, o.f.__name__, o.f.__self__ is o, o.f.__func__ is Outer.f)
class A: pass
class B: pass
x = A()
x.__class__ = B
print(type(x).__name__)
try:
    x.__class__ = int
except TypeError as e:
    print("TypeError", e)
try:
    (1).__class__ = bool
except TypeError as e:
    print("TypeError", e)
print(type(None).__name__, type(NotImplemented).__name__, type(print).__name__, type(len).__name__)
print(type(Outer.f).__name__, type(o.f).__name__, type(lambda: 0).__name__, type(type).__name__)
print(int.__name__, int.__qualname__, int.__module__, object.__module__, type(int.__dict__).__name__)
