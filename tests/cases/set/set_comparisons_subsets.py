# Subset/superset relations and equality across set and frozenset; comparison ordering is partial
a = {1, 2}
b = {1, 2, 3}
c = {4}
print(a < b, a <= b, b > a, b >= a, a < a, a <= a, a == frozenset(a), a != b)
print(a < c, a > c, a == c, c < b, sorted([b, a, c], key=len))
print(frozenset(a) < b, frozenset(b) >= a, set() < a, set() <= set(), set() < set())
print(a.issubset(b), a.issubset([1, 2]), b.issuperset(range(1, 3)), a.isdisjoint(c), a.isdisjoint(b))
print(max([{1}, {2}]), min([{1}, {1, 2}]))
print({1, 2} == {2, 1}, {1, 2} == [1, 2], {1} in [{1}], frozenset({1}) in {frozenset({1}): 0})
