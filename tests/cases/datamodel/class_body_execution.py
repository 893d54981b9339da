# The class body runs once, top to bottom, in its own namespace
print("before class")
class C:
    print("  in class body")
    a = 1
    b = a + 1
    lst = [a, b]
    def method(self):
        return C.b
    print("  names so far:", sorted(k for k in locals() if not k.startswith("__")))
    del lst
    for i in range(2):
        pass
    if a:
        cond = "yes"
    else:
        cond = "no"
    try:
        undefined_name
    except NameError as e:
        err = str(e)
print("after class")
print(C.a, C.b, C.cond, C.i, C.err, hasattr(C, "lst"), C().method())
class D:
    __module__ = "custom_module"
    __qualname__ = "Custom.Qual"
print(D.__module__, D.__qualname__)
class E:
    x = 10
    def get_x(self):
        return x
x = "global x"
print(E().get_x())
class F:
    y = 1
    z = [y for _ in range(2)] if False else None
    try:
        w = [y for _ in range(2)]
    except NameError as e:
        w = "NameError: " + str(e)
print(F.w)
class G:
    v = 5
    gen_first = [v * 2 for _ in range(1)][0] if False else None
    first_iter = [i for i in range(v)]
print(G.first_iter)
def make():
    class Local:
        val = "local"
    return Local
L1, L2 = make(), make()
print(L1 is L2, L1.val, L1.__qualname__)
class H:
    def __repr__(self):
        return "H"
    items = [1, 2]
    total = sum(items)
print(H.total, H())
class J:
    nonlocal_like = "x"
    def m(self):
        return nonlocal_like if False else J.nonlocal_like
print(J().m())
