# Sets hold keys of every kind (ints, floats, None, bools, strs, big ints, tuples, objects with
# custom __eq__/__hash__) through deletions, reinsertions, resizes, copies and clears.
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
        "a", "bc", "", (1, 2), (None,), K(3), K("x"), frozenset({1, 2}), 7.0]
s = set(keys)
print(len(s), sorted(map(repr, s)))
print(True in s, 1.0 in s, 0 in s, 7 in s, K(3) in s, K(4) in s, big in s, 2**70 + 0 in s)

# Mixing: 1 == True == 1.0 all collapse to the first one inserted.
print({1, True, 1.0}, {True, 1, 1.0}, {1.0, True, 1}, {0, False, -0.0, 0.0})

# Deletion + reinsertion + resize, tracked against a list.
s = set()
ref = []
for i in range(400):
    for k in (i, float(i) + 0.5, str(i), i + big, K(-i)):
        s.add(k)
        ref.append(k)
    if i % 3 == 0:
        for k in (i // 2, str(i // 2), K(-(i // 2))):
            s.discard(k)
            while k in ref:
                ref.remove(k)
print(len(s), len(set(ref)), s == set(ref))

# The same objects stay alive exactly as long as the set holds them.
# Weak references tell which objects are still alive (finalizer timing is not compared).
refs = []


class Tracked:
    def __init__(self):
        refs.append(weakref.ref(self))


def alive():
    return sum(r() is not None for r in refs)


t = {Tracked() for _ in range(1000)}
u = t.copy()
f = frozenset(t)
print(alive())
del t
print(alive())
u.clear()
print(alive())
del f
print(alive())
t = {Tracked() for _ in range(100)}
while t:
    t.pop()
print(alive())

# Refcounts come back after adds and removes.
o = object()
before = sys.getrefcount(o)
s = {o, 1, "x"}
s2 = set(s)
s3 = s | {2}
print(sys.getrefcount(o) - before)
del s, s2, s3
print(sys.getrefcount(o) - before)

# Mutation during iteration.
s = set(range(10))
try:
    for x in s:
        s.add(x + 100)
except RuntimeError as e:
    print("RuntimeError:", e)
s = {1, "a", 2.5, None}
try:
    for x in s:
        s.discard(x)
except RuntimeError as e:
    print("RuntimeError:", e)


# An __eq__ that mutates the set during a lookup must not crash.
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
            self.target.add(i)
        return False


Evil.budget = 3
s = set()
s.add(Evil(s))
print(Evil(s) in s, len(s))
Evil.budget = 3
s = set()
s.add(Evil(s))
s.add(Evil(s))
print(len(s))
Evil.budget = 3
s = set()
s.add(Evil(s))
s.discard(Evil(s))
print(len(s))

# Order under PYTHONHASHSEED=0 semantics for ints and mixed inline kinds.
print({5, 3, 1024, 8, 2.5, True, -7})
print(set(range(0, 200, 7)) - {14, 21}, {x * 1.5 for x in range(12)})
