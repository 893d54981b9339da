# dict subclasses: __missing__, overridden methods that builtins bypass
class Default(dict):
    def __missing__(self, key):
        self[key] = value = [key]
        return value
d = Default()
d["a"].append(1)
print(d, d.get("b"), "b" in d, d["c"], d)
class NoMissing(dict):
    pass
try:
    NoMissing()["x"]
except KeyError as e:
    print("KeyError", e)
class Upper(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key.upper(), value)
    def __getitem__(self, key):
        return super().__getitem__(key.upper())
u = Upper()
u["abc"] = 1
print(u, u["ABC"], u["abc"])
u2 = Upper(xyz=1)
print(u2)
u2.update(qq=2)
print(u2, u2.get("qq"))
class Counter(dict):
    def __missing__(self, key):
        return 0
c = Counter()
for ch in "mississippi":
    c[ch] += 1
print(c, c["z"], len(c), type(c).__name__, repr(c))
class BadMissing(dict):
    def __missing__(self, key):
        raise ValueError("no " + repr(key))
try:
    BadMissing()["q"]
except ValueError as e:
    print("ValueError", e)
