# Attribute references and subscriptions: evaluation order and errors
order = []
class Obj:
    def __init__(self, name): self.name = name
    def __getattr__(self, attr):
        order.append(f"{self.name}.{attr}")
        return Obj(f"{self.name}.{attr}")
    def __getitem__(self, key):
        order.append(f"{self.name}[{key}]")
        return Obj(f"{self.name}[{key}]")
    def __call__(self, *a):
        order.append(f"{self.name}()")
        return Obj(f"{self.name}()")
def k(v):
    order.append(f"key {v}")
    return v
o = Obj("o")
r = o.a[k(1)].b(k(2))[k(3)]
print(r.name)
print(order)
d = {"a": [10, {"b": (1, 2)}]}
print(d["a"][1]["b"][0], d["a"][-1]["b"][1:])
print("abc"[1], [[1, 2], [3, 4]][1][0], (1, (2, 3))[1][1])
try:
    d["zz"]
except KeyError as e:
    print("KeyError", e)
try:
    [1][5]
except IndexError as e:
    print("IndexError", e)
try:
    "x"[5]
except IndexError as e:
    print("IndexError", e)
try:
    (1,)[5]
except IndexError as e:
    print("IndexError", e)
try:
    range(3)[5]
except IndexError as e:
    print("IndexError", e)
try:
    b"x"[5]
except IndexError as e:
    print("IndexError", e)
try:
    ({1: 2}.items())[0]
except TypeError as e:
    print("TypeError", e)
try:
    st = {1, 2}
    st[0]
except TypeError as e:
    print("TypeError", e)
try:
    (5).real.imag.nope
except AttributeError as e:
    print("AttributeError", e)
print((5).real, 5 .imag, 5.0.real, type("s".upper).__name__)
print([].append.__self__, "x".join.__name__, int.__add__.__name__)
lst = [[0] * 2 for _ in range(2)]
lst[0][1] = 5
print(lst)
shared = [[0] * 2] * 2
shared[0][1] = 5
print(shared)
print({(1, 2): "tuple key"}[1, 2], {(): "empty"}[()])
class DictKey(dict):
    pass
dk = DictKey(a=1)
dk.attr = "x"
print(dk["a"], dk.attr)
print(dict.__getitem__(dk, "a"), getattr(dk, "attr"), getattr(dk, "nope", None))
