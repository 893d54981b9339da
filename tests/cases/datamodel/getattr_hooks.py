# __getattr__ vs __getattribute__
class G:
    x = "class attr"
    def __init__(self):
        self.y = "instance attr"
    def __getattr__(self, name):
        print("  __getattr__", name)
        if name.startswith("dyn_"):
            return name.upper()
        raise AttributeError(f"no {name}")
g = G()
print(g.x, g.y, g.dyn_val)
try:
    g.missing
except AttributeError as e:
    print("AttributeError", e)
print(getattr(g, "other", "default"))
print(hasattr(g, "dyn_q"), hasattr(g, "nope"))
class GA:
    def __init__(self):
        self.real = 1
    def __getattribute__(self, name):
        print("  __getattribute__", name)
        if name == "fake":
            return "faked"
        return super().__getattribute__(name)
    def __getattr__(self, name):
        print("  fallback __getattr__", name)
        return "fallback"
ga = GA()
print(ga.real)
print(ga.fake)
print(ga.absent)
class Raises:
    def __getattribute__(self, name):
        raise AttributeError("always")
    def __getattr__(self, name):
        return "rescued " + name
print(Raises().anything)
class KeyErr:
    def __getattr__(self, name):
        raise KeyError(name)
try:
    getattr(KeyErr(), "z", "default not used for KeyError")
except KeyError as e:
    print("KeyError", e)
class P: pass
p = P()
try:
    p.nope
except AttributeError as e:
    print("AttributeError", e)
try:
    P.nope
except AttributeError as e:
    print("AttributeError", e)
try:
    (1).nope
except AttributeError as e:
    print("AttributeError", e)
try:
    getattr(p, 5)
except TypeError as e:
    print("TypeError", e)
print(type(g).__getattr__ is G.__getattr__)
class Special:
    def __getattr__(self, name):
        return lambda *a: f"via getattr {name}"
s = Special()
print(s.__len__())
try:
    len(s)
except TypeError as e:
    print("TypeError", e)
class Rec:
    def __getattr__(self, name):
        if name == "a":
            return self.b
        if name == "b":
            return "b-value"
        raise AttributeError(name)
print(Rec().a)
