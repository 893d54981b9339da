# Subset/superset relations and equality across set and frozenset; comparison ordering is partial
a = {1, 2}
b = {1, 2, 3}
c = {4}
print(a < b, a <= b, b > a)
print(b >= a, a < a, a <= a)
print(a == frozenset(a), a != b)
print(a < c, a > c, a == c)
print(c < b, sorted([b, a, c], key=len))
print(frozenset(a) < b, frozenset(b) >= a, set() < a)
print(set() <= set(), set() < set())
print(a.issubset(b), a.issubset([1, 2]), b.issuperset(range(1, 3)))
print(a.isdisjoint(c), a.isdisjoint(b))
print(max([{1}, {2}]), min([{1}, {1, 2}]))
print({1, 2} == {2, 1}, {1, 2} == [1, 2], {1} in [{1}])
print(frozenset({1}) in {frozenset({1}): 0})
print(sorted([{3}, {1, 2}, set()], key=sorted), {1, 2} <= {1, 2}, not ({1, 2} < {1, 2}))
print({1, 2}.__le__({1, 2, 3}), {1}.__lt__([1]), frozenset({1}).__ge__({1}))
print({1, 2} == {1, 2, 3} - {3}, {1} | {2} == {1, 2}, {1} & {2} == set())
print(set() == frozenset(), set() is not frozenset(), len({frozenset(), frozenset(set())}))
