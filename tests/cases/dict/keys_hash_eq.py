# Custom keys: __hash__/__eq__ interplay, unhashable errors
class Key:
    def __init__(self, name):
        self.name = name
    def __hash__(self):
        return hash(self.name.lower())
    def __eq__(self, other):
        return isinstance(other, Key) and self.name.lower() == other.name.lower()
    def __repr__(self):
        return f"Key({self.name!r})"
d = {Key("Apple"): 1}
d[Key("APPLE")] = 2
print(d, Key("apple") in d, len(d))
class Collide:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return 42
    def __eq__(self, other):
        return self.v == other.v
    def __repr__(self):
        return f"C{self.v}"
e = {Collide(i): i for i in range(5)}
print(e, e[Collide(3)])
class EqOnly:
    def __eq__(self, other):
        return True
try:
    {EqOnly(): 1}
except TypeError as e:
    print("TypeError", e)
class BadHash:
    def __hash__(self):
        return "nope"
try:
    {BadHash(): 1}
except TypeError as e:
    print("TypeError", e)
class RaiseHash:
    def __hash__(self):
        raise RuntimeError("hash failed")
try:
    {}.get(RaiseHash())
except RuntimeError as e:
    print("RuntimeError", e)
print({1: "a"}[True], {(1, 2): "t"}[(1.0, 2.0)], {frozenset([1]): "f"}[frozenset({1})])
