# list.sort picks a comparison for keys all of one kind (ints, floats, exact strs, exact
# tuples) and keeps the full rich comparison for anything else: results, stability and the
# subclass methods that must still run.

def lcg(seed):
    s = seed
    while True:
        s = (s * 1103515245 + 12345) & 0x7FFFFFFF
        yield s

g = lcg(7)
ints = [next(g) % 1000 - 500 for _ in range(300)]
print(sorted(ints)[:10], sorted(ints, reverse=True)[:5])
strs = [chr(97 + next(g) % 26) + chr(0xe0 + next(g) % 5) * (next(g) % 3) for _ in range(200)]
strs += ["\ud800", "\U0001f600", "\uffff", "z", ""]
s1 = sorted(strs)
print(s1[:6], s1[-4:], [ascii(x) for x in s1[-3:]])
tups = [(next(g) % 5, chr(97 + next(g) % 3), i) for i in range(200)]
print(sorted(tups)[:5], sorted(tups, key=lambda t: (t[1], t[0]))[:4])
print(sorted([(1, 2.5), (1, 2), (0, "x") if False else (0, 9), (1,)]))
# Stability with equal str keys.
recs = [(chr(97 + i % 3), i) for i in range(12)]
print(sorted(recs, key=lambda r: r[0]))

class S(str):
    calls = 0
    def __lt__(self, other):
        S.calls += 1
        return str.__lt__(self, other)
sorted([S("b"), S("a"), S("c")])
print("S.__lt__ called", S.calls > 0)
print(sorted(["b", S("a"), "c"]))

class T(tuple):
    def __lt__(self, other):
        return len(self) > len(other)
print(sorted([T((1,)), T((1, 2, 3)), T((1, 2))]))
print(sorted([(1, 2), T((0,)), (0, 5)]))

class Rev:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v > o.v
    def __repr__(self): return f"Rev({self.v})"
print(sorted([(1, Rev(1)), (1, Rev(3)), (0, Rev(2))]))
for bad in [[(1, "a"), (1, 2)], ["a", 1], [(1,), "x"], [3, "b", 1.5]]:
    try:
        sorted(bad)
    except TypeError as e:
        print("TypeError:", e)
print(sorted([1, 2.5, True, -3, 0.0]), sorted([2 ** 70, 1, -2 ** 65, 3.0]))
nan = float("nan")
print(sorted([3.0, 1.0, 2.0]), len(sorted([nan, 1.0, nan, 0.5])))
