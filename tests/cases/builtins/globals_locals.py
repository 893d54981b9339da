# globals() and locals() basics
x = 10
g = globals()
print(g["x"], "g" in g, g["__name__"], type(g).__name__, g is globals())
g["created"] = "via globals"
print(created)
def f(a, b=2):
    c = a + b
    loc = locals()
    return sorted(loc.items())
print(f(1))
def g2():
    return sorted(globals().keys() & {"x", "f", "g2", "nonexistent"})
print(g2())
class K:
    y = 1
    z = sorted(k for k in locals() if not k.startswith("__"))
print(K.z)
print(locals() is globals(), "__builtins__" in globals(), globals()["__doc__"])
print(sorted(k for k in globals() if k.startswith("__")))
