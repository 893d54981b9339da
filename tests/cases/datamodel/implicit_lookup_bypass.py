# Implicit special method lookup goes to the type, not the instance
class C:
    def __len__(self): return 1
    def __repr__(self): return "C-type-repr"
c = C()
c.__len__ = lambda: 99
c.__repr__ = lambda: "instance repr"
print(len(c), c.__len__(), repr(c), c.__repr__())
class D:
    pass
d = D()
d.__add__ = lambda other: "instance add"
try:
    d + 1
except TypeError as e:
    print("TypeError", e)
print(d.__add__(1))
D.__add__ = lambda self, other: "class add (added later)"
print(d + 1)
D.__len__ = lambda self: 5
print(len(d))
del D.__len__
try:
    len(d)
except TypeError as e:
    print("TypeError", e)
class Meta(type):
    def __len__(cls): return 42
    def __iter__(cls): return iter(["meta", "iter"])
    def __getitem__(cls, k): return f"meta[{k}]"
class E(metaclass=Meta):
    def __len__(self): return 7
print(len(E), len(E()), list(E), E["k"])
class GetattrNotUsed:
    def __getattr__(self, name):
        print("  __getattr__", name)
        return lambda *a: 0
g = GetattrNotUsed()
for expr in ["len(g)", "g + 1", "iter(g)", "-g", "abs(g)", "g()", "g[0]"]:
    try:
        eval(expr)
        print(expr, "ok")
    except TypeError as e:
        print(expr, "->", e)
class GetattributeNotUsed:
    def __getattribute__(self, name):
        print("  __getattribute__", name)
        return object.__getattribute__(self, name)
    def __len__(self): return 3
ga = GetattributeNotUsed()
print(len(ga))
print(str(ga.__class__.__name__))
class HashLater:
    pass
h = HashLater()
HashLater.__eq__ = lambda self, o: True
print(hash(h) == hash(h))
class Bool:
    pass
b = Bool()
Bool.__bool__ = lambda self: False
print(bool(b))
Bool.__bool__ = lambda self: True
print(bool(b))
