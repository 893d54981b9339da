# Sets with custom hash/eq objects
class P:
    def __init__(self, x):
        self.x = x
    def __hash__(self):
        return self.x % 3
    def __eq__(self, other):
        return isinstance(other, P) and self.x == other.x
    def __repr__(self):
        return f"P({self.x})"
s = {P(i) for i in range(6)}
print(len(s), P(4) in s, P(7) in s, sorted(s, key=lambda p: p.x))
s.discard(P(4))
print(len(s), P(4) in s)
class Unhashable:
    __hash__ = None
try:
    {Unhashable()}
except TypeError as e:
    print("TypeError", e)
class AlwaysEq:
    def __hash__(self):
        return 1
    def __eq__(self, other):
        return True
print(len({AlwaysEq(), AlwaysEq(), 1}))
class Counter:
    calls = 0
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        Counter.calls += 1
        return hash(self.v)
    def __eq__(self, o):
        return self.v == o.v
items = [Counter(i) for i in range(5)]
t = set(items)
print(Counter.calls, Counter(3) in t, Counter.calls)
try:
    {1, 2}.remove(Unhashable())
except TypeError as e:
    print("TypeError", e)
print(frozenset([1, 2]) in {frozenset([2, 1])}, {1, 2} in {frozenset([1, 2])} if False else "skip")
print({1, 2}.__hash__ is None, frozenset.__hash__ is not None)
