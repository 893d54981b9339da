# __new__ and __init__ interplay
class A:
    def __new__(cls, *args, **kw):
        print("A.__new__", cls.__name__, args, kw)
        return super().__new__(cls)
    def __init__(self, x, y=0):
        print("A.__init__", x, y)
        self.x = x
a = A(1, y=2)
print(a.x)
class B:
    def __new__(cls):
        print("B.__new__ returns int")
        return 42
    def __init__(self):
        print("never printed")
print(B())
class Other: 
    def __init__(self):
        print("Other.__init__ not called")
class C:
    def __new__(cls):
        return Other.__new__(Other)
    def __init__(self):
        print("C.__init__ not called either")
print(type(C()).__name__)
class D:
    def __new__(cls, v):
        obj = super().__new__(cls)
        obj.made_in_new = v
        return obj
d = D(3)
print(d.made_in_new)
class E:
    def __init__(self):
        return None
print(type(E()).__name__)
class BadInit:
    def __init__(self):
        return 5
try:
    BadInit()
except TypeError as e:
    print("TypeError", e)
class NoArgs: pass
try:
    NoArgs(1)
except TypeError as e:
    print("TypeError", e)
try:
    object(1)
except TypeError as e:
    print("TypeError", e)
class OnlyInit:
    def __init__(self, a): self.a = a
print(OnlyInit(1).a)
try:
    OnlyInit()
except TypeError as e:
    print("TypeError", e)
class OnlyNew:
    def __new__(cls, a):
        return super().__new__(cls)
print(type(OnlyNew(5)).__name__)
class Singleton:
    _inst = None
    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
print(Singleton() is Singleton())
class Pos(int):
    def __new__(cls, v):
        return super().__new__(cls, abs(v))
print(Pos(-5), type(Pos(-5)).__name__, Pos(-5) + 1)
class Tup(tuple):
    def __new__(cls, *items):
        return super().__new__(cls, items)
    def __init__(self, *items):
        print("Tup.__init__", items)
t = Tup(1, 2)
print(t, len(t))
class S(str):
    def __init__(self, v):
        self.extra = v.upper()
s = S("abc")
print(s, s.extra, s + "!")
try:
    object.__new__(int)
except TypeError as e:
    print("TypeError", e)
try:
    int.__new__(str)
except TypeError as e:
    print("TypeError", e)
