# __slots__
class P:
    __slots__ = ("x", "y")
    def __init__(self, x):
        self.x = x
p = P(1)
print(p.x, hasattr(p, "__dict__"), P.__slots__, type(P.x).__name__)
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError", e)
try:
    p.y
except AttributeError as e:
    print("AttributeError", e)
p.y = 2
print(p.y)
del p.y
try:
    del p.y
except AttributeError as e:
    print("AttributeError", e)
class Child(P):
    pass
c = Child(1)
c.z = 5
print(c.z, c.__dict__)
class Child2(P):
    __slots__ = ("w",)
c2 = Child2(1)
c2.w = 2
try:
    c2.v = 1
except AttributeError as e:
    print("AttributeError", e)
class WithDict:
    __slots__ = ("a", "__dict__")
wd = WithDict()
wd.a = 1
wd.b = 2
print(wd.a, wd.__dict__)
class StrSlot:
    __slots__ = "only"
s = StrSlot()
s.only = "one"
print(s.only, StrSlot.__slots__)
try:
    class Conflict:
        __slots__ = ("a",)
        a = 1
except ValueError as e:
    print("ValueError", e)
class Empty:
    __slots__ = ()
try:
    Empty().x = 1
except AttributeError as e:
    print("AttributeError", e)
try:
    class BadSlot:
        __slots__ = ("1bad",)
except TypeError as e:
    print("TypeError", e)
class Weak:
    __slots__ = ("__weakref__",)
print("__weakref__" in dir(Weak))
class Base1:
    __slots__ = ("a",)
class Base2:
    __slots__ = ("b",)
try:
    class Multi(Base1, Base2): pass
except TypeError as e:
    print("TypeError", e)
class Mangled:
    __slots__ = ("__private",)
    def set(self, v): self.__private = v
    def get(self): return self.__private
m = Mangled()
m.set(9)
print(m.get(), Mangled.__slots__, "_Mangled__private" in dir(Mangled))
try:
    class DupSlot:
        __slots__ = ("a", "a")
    print("dup ok")
except Exception as e:
    print(type(e).__name__, e)
