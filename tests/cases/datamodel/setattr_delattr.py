# __setattr__ and __delattr__
class Logged:
    def __init__(self):
        self.a = 1
    def __setattr__(self, name, value):
        print("  set", name, value)
        super().__setattr__(name, value * 2 if isinstance(value, int) else value)
    def __delattr__(self, name):
        print("  del", name)
        super().__delattr__(name)
o = Logged()
o.b = 5
print(o.a, o.b, o.__dict__)
setattr(o, "c", "s")
del o.b
print(o.__dict__)
try:
    del o.zzz
except AttributeError as e:
    print("AttributeError", e)
class Frozen:
    def __init__(self, x):
        object.__setattr__(self, "x", x)
    def __setattr__(self, name, value):
        raise AttributeError(f"cannot set {name!r}")
    def __delattr__(self, name):
        raise AttributeError(f"cannot delete {name!r}")
f = Frozen(3)
print(f.x)
for act in ("set", "del"):
    try:
        if act == "set":
            f.x = 4
        else:
            del f.x
    except AttributeError as e:
        print("AttributeError", e)
class P: pass
p = P()
p.x = 1
del p.x
try:
    del p.x
except AttributeError as e:
    print("AttributeError", e)
for target in [1, "s", None, [1]]:
    try:
        target.attr = 1
    except AttributeError as e:
        print("AttributeError", e)
try:
    object().x = 1
except AttributeError as e:
    print("AttributeError", e)
try:
    setattr(p, 1, 2)
except TypeError as e:
    print("TypeError", e)
def fn(): pass
fn.custom = 10
print(fn.custom, fn.__dict__)
class C:
    cls_attr = 1
c = C()
c.cls_attr = 2
print(c.cls_attr, C.cls_attr)
del c.cls_attr
print(c.cls_attr)
try:
    del c.cls_attr
except AttributeError as e:
    print("AttributeError", e)
C.new = "added"
print(c.new)
del C.new
print(hasattr(c, "new"))
try:
    int.x = 1
except TypeError as e:
    print("TypeError", e)
try:
    del C.nothing
except AttributeError as e:
    print("AttributeError", e)
