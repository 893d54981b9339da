# Annotated assignments and __annotations__
x: int = 5
y: str
z: "forward ref" = "z"
print(x, z, __annotations__)
try:
    y
except NameError as e:
    print("NameError", e)
class C:
    a: int
    b: list[int] = []
    c: "C"
    (d): int = 4
    print("  in class body:", __annotations__)
print(C.__annotations__, C.b, hasattr(C, "a"), C.d)
def f():
    local: int = 1
    unassigned: str
    return local, "__annotations__" in f.__code__.co_names
print(f(), f.__annotations__)
def g(a: int, b: "str" = "s", *args: float, k: bool = True, **kw: dict) -> None:
    pass
print(g.__annotations__)
class D:
    lst = {}
    lst["key"]: int = 1
    obj = C()
    obj.attr: str = "attr"
print(D.__annotations__, D.lst, D.obj.attr)
evaluated = []
def ann(v):
    evaluated.append(v)
    return v
m: ann("module-level annotation evaluated") = 1
class E:
    n: ann("class annotation evaluated") = 2
def h():
    q: ann("function annotation NOT evaluated") = 3
    return q
h()
print(evaluated)
print(__annotations__)
for bad in ["a, b: int", "[a]: int = 1", "x: int = 1 = 2", "f(): int", "x: int, y: int = 1, 2"]:
    try:
        compile(bad, "<a>", "exec")
        print(bad, "compiles")
    except SyntaxError as e:
        print(bad, "-> SyntaxError", e.msg)
tup: tuple = 1, 2
print(tup)
class F(C):
    extra: float
print(F.__annotations__)
