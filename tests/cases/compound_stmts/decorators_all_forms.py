# Decorators: plain, stacked, with arguments, on classes, arbitrary expressions
def trace(fn):
    print(f"  decorating {fn.__name__}")
    def wrapper(*a, **k):
        print(f"  calling {fn.__name__} with {len(a)} args")
        return fn(*a, **k)
    wrapper.__name__ = "wrapped_" + fn.__name__
    return wrapper
@trace
def add(a, b):
    return a + b
print(add(1, 2), add.__name__)
def tag(label):
    print(f"  tag factory {label}")
    def deco(fn):
        print(f"  applying tag {label} to {fn.__name__}")
        fn.tags = getattr(fn, "tags", []) + [label]
        return fn
    return deco
@tag("outer")
@tag("middle")
@tag("inner")
def tagged():
    return "tagged"
print(tagged(), tagged.tags)
def register(cls):
    cls.registered = True
    return cls
@register
class Plugin:
    pass
print(Plugin.registered)
def replace_with_instance(cls):
    return cls()
@replace_with_instance
class Single:
    def __repr__(self):
        return "Single instance"
print(Single)
decorators = {"double": lambda f: lambda x: f(x) * 2}
@decorators["double"]
def ident(x):
    return x
print(ident(21))
@(lambda f: f)
def passthrough():
    return "passthrough"
print(passthrough())
class Deco:
    def __init__(self, fn):
        self.fn = fn
        self.calls = 0
    def __call__(self, *a):
        self.calls += 1
        return self.fn(*a)
@Deco
def counted(x):
    return x
counted(1); counted(2)
print(counted.calls, type(counted).__name__)
def returns_none(fn):
    return None
@returns_none
def gone():
    pass
print(gone)
class WithMethods:
    @staticmethod
    @trace
    def s(x):
        return x
    @property
    @trace
    def p(self):
        return "prop"
print(WithMethods.s(5), WithMethods().p)
def first():
    print("  evaluating decorator expression first")
    return lambda f: f
def second():
    print("  evaluating decorator expression second")
    return lambda f: f
@first()
@second()
def order():
    pass
x = 0
@(x := trace)
def walrus_decorated():
    return "ok"
print(walrus_decorated())
