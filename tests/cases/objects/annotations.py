# __annotations__ on functions, classes and modules
x: int = 5
y: "forward"
print(__annotations__)
def f(a: int, b: str = "s", *args: float, c: bool, **kw: dict) -> list:
    return []
print(f.__annotations__)
class C:
    attr: int
    other: str = "v"
    def m(self) -> "C":
        return self
print(C.__annotations__, C.m.__annotations__, "attr" in C.__dict__, C.other)
try:
    C.attr
except AttributeError as e:
    print("AttributeError", e)
def none():
    pass
print(none.__annotations__)
none.__annotations__ = {"z": int}
print(none.__annotations__)
class D(C):
    pass
print(D.__annotations__ if "__annotations__" in D.__dict__ else "no own annotations", C.__annotations__)
def local():
    v: int = 3
    return v
print(local(), local.__annotations__)
