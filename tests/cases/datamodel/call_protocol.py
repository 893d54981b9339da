# __call__ and callable()
class Adder:
    def __init__(self, n): self.n = n
    def __call__(self, x, *rest, **kw):
        return (self.n + x, rest, kw)
add5 = Adder(5)
print(add5(1), add5(1, 2, k=3), callable(add5), callable(Adder), callable(5), callable(print))
class NotCallable: pass
try:
    NotCallable()()
except TypeError as e:
    print("TypeError", e)
try:
    n5 = 5
    n5()
except TypeError as e:
    print("TypeError", e)
try:
    sabc = "abc"
    sabc()
except TypeError as e:
    print("TypeError", e)
try:
    nn = None
    nn()
except TypeError as e:
    print("TypeError", e)
class Inst: pass
i = Inst()
i.__call__ = lambda: "instance attr"
try:
    i()
except TypeError as e:
    print("TypeError", e)
print(i.__call__())
class Meta(type):
    def __call__(cls, *a):
        print("Meta.__call__", cls.__name__, a)
        return super().__call__(*a)
class WithMeta(metaclass=Meta):
    def __init__(self, *a):
        print("init", a)
w = WithMeta(1, 2)
print(type(w).__name__)
class CallChain:
    def __call__(self):
        return self
c = CallChain()
print(c()()() is c)
class CallIsNone:
    __call__ = None
try:
    CallIsNone()()
except TypeError as e:
    print("TypeError", e)
print(callable(CallIsNone()))
class StaticCall:
    @staticmethod
    def __call__(x): return ("static", x)
print(StaticCall()(1))
class ClassCall:
    @classmethod
    def __call__(cls, x): return (cls.__name__, x)
print(ClassCall()(2))
def f(): return "f"
f.attr = 1
print(f(), f.attr, f.__name__, f.__qualname__, callable(f.__call__))
class Outer:
    class Inner:
        def m(self): pass
print(Outer.Inner.m.__qualname__, Outer.Inner.__qualname__)
