# Dict and set displays: duplicates, ordering, key equality
d = {"a": 1, "b": 2, "a": 3}
print(d, len(d), list(d))
d2 = {1: "int", 1.0: "float", True: "bool"}
print(d2)
d3 = {True: "first", 1: "second"}
print(d3)
print({0: "a", False: "b", 0.0: "c"})
print({(1, 2): "t", "s": 1, None: 0, 3.5: "f", frozenset([1]): "fs"})
s = {1, 1.0, True}
print(s, {True, 1}, {1.0, 1})
print({"b", "a", "c"} == {"a", "b", "c"}, {3, 1, 2})
print({}, type({}).__name__, set(), {()}, {(),})
print({-1, -2, 0, 5, 100, 7})
print(sorted({"pear", "apple", "fig"}))
e = {"x": [], "y": {}}
e["x"].append(1)
print(e)
print(dict(a=1, b=2), dict([("a", 1)], b=2), dict({"a": 1}, a=2), dict(zip("ab", [1, 2])))
try:
    dict([1, 2])
except TypeError as e2:
    print("TypeError", e2)
try:
    dict([(1, 2, 3)])
except ValueError as e2:
    print("ValueError", e2)
try:
    {[]: 1}
except TypeError as e2:
    print("TypeError", e2)
try:
    {{}}
except TypeError as e2:
    print("TypeError", e2)
od = {}
for k in "zyx":
    od[k] = ord(k)
od["y"] = 0
print(od, list(od.keys()))
del od["z"]
od["z"] = 1
print(od)
print({i: i * i for i in range(5)})
print({**{"a": 1}, "a": 2, **{"a": 3}})
big = {i: str(i) for i in range(20)}
print(list(big)[-3:], big[19])
print({1: 2}.keys() | {3}, {1: 2}.keys() & {1}, {1: 2}.items() == {(1, 2)})
