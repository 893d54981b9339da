# Equal keys of different numeric types collapse in dicts and sets; first key object is kept
d = {}
d[1] = "a"
d[1.0] = "b"
d[True] = "c"
print(d, type(list(d)[0]).__name__)
s = set()
for v in [2.0, 2, complex(2, 0)]:
    s.add(v)
print(s, type(next(iter(s))).__name__)
d2 = {1.0: "x"}
d2.update({1: "y"})
print(d2)
print({0: 1, False: 2, 0.0: 3, 0j: 4})
print(len({1, 1.0, True, 1 + 0j, 2, 2.0}), {10 ** 20, 1e20})
print({2 ** 53 + 1, float(2 ** 53 + 1)})
print({"a": 1} == {"a": 1.0}, hash(10 ** 20) == hash(1e20))
print({1.5: "f", 3 / 2: "g"}, {0.5 + 0j: "c", 0.5: "f"})
print({2 ** 61 - 1: "m", 0: "z"})
print(hash(-1) == hash(-2), {-1: "a", -2: "b"})
print(len({-1, -2}))
print({"a": 1} | {"a": 2}, {1, 2} | {2.0, 3.0})
print({True} | {1.0})
