# update, | and |= merge operators
d = {"a": 1}
d.update({"b": 2})
d.update([("c", 3)])
d.update(d=4, a=0)
d.update({"e": 5}, f=6)
d.update()
print(d)
class KeysOnly:
    def keys(self):
        return ["x", "y"]
    def __getitem__(self, k):
        return k * 2
d.update(KeysOnly())
print(d)
print(dict(KeysOnly()))
for bad in [5, [1], [("a", 1, 2)], "ab"]:
    try:
        d.update(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print(a | b, b | a, a, b)
a |= b
print(a)
a |= [("w", 0)]
print(a)
try:
    a | [("q", 1)]
except TypeError as e:
    print("TypeError", e)
try:
    a |= 5
except TypeError as e:
    print("TypeError", e)
print({} | {}, {1: 1} | {1: 2}, {1: 1, 2: 2} | {1: 3})
class D(dict):
    pass
r = D(a=1) | {"b": 2}
print(type(r).__name__, r)
