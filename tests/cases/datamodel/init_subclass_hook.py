# __init_subclass__ with and without keyword arguments
class Registry:
    subclasses = []
    def __init_subclass__(cls, /, tag=None, **kw):
        print("  __init_subclass__", cls.__name__, tag, kw)
        super().__init_subclass__(**kw)
        cls.tag = tag
        Registry.subclasses.append(cls.__name__)
class A(Registry): pass
class B(Registry, tag="bee"): pass
class C(B, tag="see"): pass
print(Registry.subclasses, A.tag, B.tag, C.tag)
print(hasattr(Registry, "tag"))
try:
    class D(Registry, tag="d", extra=1): pass
except TypeError as e:
    print("TypeError", e)
class Plain: pass
try:
    class E(Plain, unknown=1): pass
except TypeError as e:
    print("TypeError", e)
class Implicit:
    def __init_subclass__(cls):
        print("  implicitly a classmethod:", cls.__name__)
class F(Implicit): pass
class G(F): pass
print(type(Implicit.__dict__["__init_subclass__"]).__name__)
class Mixin:
    def __init_subclass__(cls, **kw):
        print("  Mixin hook", cls.__name__)
        super().__init_subclass__(**kw)
class Base:
    def __init_subclass__(cls, **kw):
        print("  Base hook", cls.__name__, kw)
        super().__init_subclass__()
class H(Mixin, Base, flavour="x"): pass
class Validated:
    def __init_subclass__(cls):
        if not hasattr(cls, "required"):
            raise TypeError(f"{cls.__name__} must define 'required'")
class Good(Validated):
    required = True
try:
    class Bad(Validated): pass
except TypeError as e:
    print("TypeError", e)
print(Good.required)
try:
    Bad
except NameError as e:
    print("NameError", e)
