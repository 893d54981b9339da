# globals(), locals(), vars() in various scopes
module_var = 1
g = globals()
print(g["module_var"], g is globals(), "g" in g)
g["injected"] = "via globals()"
print(injected)
def f(a, b=2):
    c = 3
    loc = locals()
    return sorted(loc.items())
print(f(1))
def f2():
    x = 1
    l = locals()
    x = 2
    l2 = locals()
    return l["x"], l2["x"], l is l2
print(f2())
def f3():
    y = 1
    locals()["y"] = 100
    return y
print(f3())
def f4():
    z = 1
    def inner():
        return z
    return sorted(locals())
print(f4())
def f5():
    w = 5
    def inner():
        return sorted(locals()), w
    return inner()
print(f5())
class C:
    cattr = 1
    snap = sorted(k for k in locals() if not k.startswith("__"))
print(C.snap)
print(locals() is globals())
print(vars() is globals())
def f6():
    return globals() is g
print(f6())
def f7():
    return [locals() for _ in range(1)][0]
r = f7()
print(sorted(r))
print(sorted(k for k in globals() if not k.startswith("__"))[:5])
