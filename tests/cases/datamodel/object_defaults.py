# What object provides by default
o = object()
print(o == o, o != o, o.__eq__(o), o.__eq__(1), o.__ne__(1), o.__lt__(o))
print(object.__init__ is not None, object.__str__(5), object.__repr__(5) is not None)
print(object.__reduce_ex__ is not None, object.__sizeof__ is not None)
class Empty: pass
e = Empty()
print(e.__eq__(e), e.__eq__(Empty()), e.__hash__() == hash(e))
print(Empty.__init__ is object.__init__, Empty.__new__ is object.__new__)
print(e.__format__("") == str(e), e.__str__() == repr(e))
try:
    e.__format__("x")
except TypeError as e2:
    print("TypeError", e2)
print(object.__subclasshook__(Empty), Empty.__subclasses__(), type(object.__subclasses__()).__name__)
class Sub(Empty): pass
class Sub2(Empty): pass
print([c.__name__ for c in Empty.__subclasses__()])
print(e.__class__.__name__, e.__module__, e.__doc__)
print(object.__doc__[:20], object.__name__)
try:
    object.__setattr__(o, "x", 1)
except AttributeError as err:
    print("AttributeError", err)
print(object.__getattribute__(e, "__class__").__name__)
print(Empty.__ne__(e, e), Empty.__ne__(e, 1))
class EqTrue:
    def __eq__(self, o): return True
print(EqTrue() != EqTrue(), EqTrue.__ne__(EqTrue(), 1))
class EqNotImpl:
    def __eq__(self, o): return NotImplemented
x = EqNotImpl()
print(x == x, x == EqNotImpl(), x != x)
print(object().__init_subclass__() is None)
try:
    object.__init__(e, 1)
except TypeError as err:
    print("TypeError", err)
class InitArgs:
    def __init__(self, *a): super().__init__()
print(type(InitArgs(1, 2)).__name__)
class NewArgs:
    def __new__(cls, *a): return super().__new__(cls)
print(type(NewArgs(1)).__name__)
class BothOverridden:
    def __new__(cls, *a): return super().__new__(cls, *a)
try:
    BothOverridden(1)
except TypeError as err:
    print("TypeError", err)
