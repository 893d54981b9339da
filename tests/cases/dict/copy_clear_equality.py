# copy is shallow; clear; equality with nested values; repr of nested/recursive dicts
a = {"list": [1], "n": 1}
b = a.copy()
b["list"].append(2)
b["n"] = 2
print(a, b)
c = dict(a)
print(c == a, c is a)
a.clear()
print(a, c)
print({1: [1, 2]} == {1: [1, 2]}, {1: 1} == {1: 1.0}, {1: 1} != {1: 2}, {} == {}, {1: 2} == [(1, 2)])
try:
    {1: 1} < {2: 2}
except TypeError as e:
    print("TypeError", e)
r = {"self": None}
r["self"] = r
print(r, repr({"k": {"n": {}}}))
print(str({1: "a", "b": (2,)}), repr({None: True}))
nan = float("nan")
x = {nan: 1}
print(x, nan in x, float("nan") in x, x[nan])
print({1: 2}.__len__(), {1: 2}.__contains__(1), {1: 2}.__getitem__(1))
try:
    hash({})
except TypeError as e:
    print("TypeError", e)
print(sorted({"b": 1, "a": 2}), list(reversed({"b": 1, "a": 2})))
