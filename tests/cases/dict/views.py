# keys/values/items views: dynamic, set operations, repr, reversed
d = {"a": 1, "b": 2, "c": 3}
k, v, i = d.keys(), d.values(), d.items()
print(k, v, i)
d["d"] = 4
print(list(k), list(v), list(i), len(k), "a" in k, 4 in v, ("a", 1) in i, ("a", 2) in i)
print(k & {"a", "z"}, k | {"z"}, k - {"a"}, k ^ {"a", "z"}, {"a", "q"} & k)
print(i & {("a", 1), ("b", 0)}, i - {("a", 1)} == {("b", 2), ("c", 3), ("d", 4)})
print(k == {"a", "b", "c", "d"}, k < {"a", "b", "c", "d", "e"}, k.isdisjoint(["x"]), k >= {"a"})
print(list(reversed(k)), list(reversed(v)), list(reversed(i)))
print(v == v, v == d.values())
try:
    v & {1}
except TypeError as e:
    print("TypeError", e)
try:
    k[0]
except TypeError as e:
    print("TypeError", e)
try:
    hash(k)
except TypeError as e:
    print("TypeError", e)
print(sorted(k), sorted(v), sorted(i, reverse=True))
try:
    print(i | {("unhashable", [1])})
except TypeError as e:
    print("TypeError", e)
m = k.mapping
print(type(m).__name__, m["a"])
e = {}
print(e.keys(), e.values(), e.items(), list(e.items()))
print(type(k).__name__, type(v).__name__, type(i).__name__)
print({1: 2}.keys() | [3], {1: 2}.items() | [(3, 4)])
