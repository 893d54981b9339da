# Class definition statement details
class Empty:
    pass
class WithDoc:
    "docstring"
class Bases(Empty, WithDoc):
    pass
print(Bases.__bases__ == (Empty, WithDoc), Bases.__doc__, Empty.__doc__)
class KwClass(Empty, metaclass=type):
    pass
print(type(KwClass).__name__)
bases = (Empty,)
class StarBases(*bases):
    pass
print(StarBases.__mro__[1].__name__)
kwargs = {"metaclass": type}
class StarKw(**kwargs):
    pass
print(type(StarKw).__name__)
def make(n):
    class Inner:
        value = n
        def get(self):
            return self.value
    return Inner
A, B = make(1), make(2)
print(A().get(), B().get(), A is B, A.__name__ == B.__name__)
class Counter:
    instances = 0
    def __init__(self):
        Counter.instances += 1
        self.id = Counter.instances
c1, c2 = Counter(), Counter()
print(c1.id, c2.id, Counter.instances)
class Chained:
    def set(self, v):
        self.v = v
        return self
print(Chained().set(5).v)
class Outer:
    class Middle:
        class Inner:
            pass
print(Outer.Middle.Inner.__qualname__)
def deco(cls):
    cls.decorated = True
    return cls
@deco
class Decorated(Empty):
    pass
print(Decorated.decorated, issubclass(Decorated, Empty))
class Redefined:
    x = 1
class Redefined:
    y = 2
print(hasattr(Redefined, "x"), Redefined.y)
class Methods:
    def a(self):
        return "a"
    def a(self):
        return "second a"
print(Methods().a())
for src in ["class C(x for x in y): pass", "class C(1 = 2): pass", "class C:\npass\n", "class C(): pass"]:
    try:
        compile(src, "<c>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), "-> SyntaxError", e.msg)
try:
    class FromNonClass(42):
        pass
except TypeError as e:
    print("TypeError", e)
try:
    class FromFunction(len):
        pass
except TypeError as e:
    print("TypeError", e)
class Conditional:
    if True:
        branch = "true"
    else:
        branch = "false"
    for i in range(3):
        last = i
print(Conditional.branch, Conditional.last, Conditional.i)
class Instance:
    pass
i1 = Instance()
i1.dyn = "dynamic"
print(i1.dyn, hasattr(Instance(), "dyn"))
