# __missing__ on dict subclasses
class Default(dict):
    def __missing__(self, key):
        print("  __missing__", key)
        return f"default-{key}"
d = Default(a=1)
print(d["a"], d["b"])
print("b" in d, d.get("b"), d.get("b", "get-default"))
print(len(d), dict(d))
class Counting(dict):
    def __missing__(self, key):
        self[key] = 0
        return 0
c = Counting()
for ch in "hello":
    c[ch] += 1
print(c)
class Raising(dict):
    def __missing__(self, key):
        raise KeyError(f"custom {key}")
try:
    Raising()["z"]
except KeyError as e:
    print("KeyError", e)
class NotADict:
    def __missing__(self, key): return 1
try:
    NotADict()["x"]
except TypeError as e:
    print("TypeError", e)
d2 = {}
try:
    d2.__missing__ = lambda k: "instance missing"
except AttributeError as e:
    print("AttributeError", e)
try:
    d2["q"]
except KeyError as e:
    print("KeyError", e)
class MissingNone(dict):
    __missing__ = None
try:
    MissingNone()["x"]
except TypeError as e:
    print("TypeError", e)
class Nested(dict):
    def __missing__(self, key):
        v = self[key] = Nested()
        return v
n = Nested()
n["a"]["b"]["c"] = 1
print(n)
class Pop(dict):
    def __missing__(self, key): return "never for pop"
try:
    Pop().pop("x")
except KeyError as e:
    print("KeyError", e)
print(Pop().setdefault("x", 5))
print(Default({1: 2}) == {1: 2}, type(Default() | {}).__name__)
class Getitem(dict):
    def __getitem__(self, k):
        return "overridden " + str(k)
g = Getitem(a=1)
print(g["a"], g.get("a"), dict(g))
