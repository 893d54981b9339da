# Dicts mixing key and value kinds (ints, floats, None, bools, strs, big ints, objects with
# custom __eq__/__hash__) through deletions, reinsertions, resizes, copies and popitem.
import sys
import weakref


class K:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return hash(self.v)

    def __eq__(self, other):
        return isinstance(other, K) and self.v == other.v

    def __repr__(self):
        return f"K({self.v!r})"


big = 2**70
keys = [0, 1, -1, 2**62, -2**63, big, -big, 1.5, -0.0, float("inf"), None, True, False,
        "a", "bc", "", (1, 2), K(3), K("x"), frozenset({1, 2}), 7.0]
vals = [None, True, False, 0, -1, big, 2.5, "s", (), K(0), [1], {}, 2**63, -2**63, 1e300]
d = {}
for i, k in enumerate(keys):
    d[k] = vals[i % len(vals)]
print(len(d), d)
print(d[True], d[1.0], d[0], d[7], d[K(3)], d.get(K(4)), d[2**70])

print({1: "a", True: "b", 1.0: "c"}, {0: 1, False: 2, -0.0: 3})

# Sizes crossing every index width (1, 2 and 4 bytes) with deletes and reinserts.
for n in (5, 6, 86, 87, 200, 5461, 5462, 22000, 70000):
    d = {}
    for i in range(n):
        d[i] = i * 2
        d[str(i)] = float(i)
    for i in range(0, n, 3):
        del d[i]
    for i in range(0, n, 6):
        d[i] = None
    ok = all(d[i] == i * 2 for i in range(n) if i % 3 and i % 6) and all(
        d[i] is None for i in range(0, n, 6)) and all(d[str(i)] == i for i in range(n))
    print(n, len(d), ok, list(d)[:4], list(d)[-3:])

# popitem, setdefault, update, copy, fromkeys, views.
d = dict.fromkeys([3, "x", None, 2.5, big], 0)
d.update({None: 1, 4: 2.0})
print(d.popitem(), d.popitem(), d.setdefault(9, big), d)
e = d.copy()
e[3] = "changed"
print(d[3], e[3], list(e.items()), list(reversed(e)))
print(d.keys() & {3, big, 10}, d == e, {k: v for k, v in e.items() if v})


# Weak references tell which objects are still alive (finalizer timing is not compared).
refs = []


class Tracked:
    def __init__(self):
        refs.append(weakref.ref(self))


def alive():
    return sum(r() is not None for r in refs)


d = {i: Tracked() for i in range(500)}
d.update({Tracked(): i for i in range(500)})
c = d.copy()
print(alive())
del d
print(alive())
for k in list(c):
    if isinstance(k, int) and k % 2:
        del c[k]
print(alive())
c.clear()
print(alive())
d = {i: Tracked() for i in range(50)}
while d:
    d.popitem()
print(alive())

o = object()
before = sys.getrefcount(o)
d = {o: o, 1: o, "k": [o]}
e = dict(d)
print(sys.getrefcount(o) - before)
del d, e
print(sys.getrefcount(o) - before)

# Mutation during iteration.
d = dict.fromkeys(range(10))
for op in (lambda: d.__setitem__(100, 1), lambda: d.pop(5, None)):
    try:
        for k in d:
            op()
    except RuntimeError as ex:
        print("RuntimeError:", ex)


# An __eq__ that mutates the dict during a lookup must not crash.
class Evil:
    budget = 0

    def __init__(self, target):
        self.target = target

    def __hash__(self):
        return 1

    def __eq__(self, other):
        if Evil.budget <= 0:
            return False
        Evil.budget -= 1
        self.target.clear()
        for i in range(50):
            self.target[i] = i
        return False


Evil.budget = 3
d = {}
d[Evil(d)] = 1
print(Evil(d) in d, len(d))
Evil.budget = 3
d = {}
d[Evil(d)] = 1
d[Evil(d)] = 2
print(len(d))
Evil.budget = 3
d = {}
d[Evil(d)] = 1
print(d.pop(Evil(d), "missing"), len(d))
