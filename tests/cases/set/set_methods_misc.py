# copy, comprehension, iteration, comparison chains, set of tuples/strings-free
a = {1, 2, 3}
b = a.copy()
b.add(4)
print(a, b, a is b)
print({x * x for x in range(-3, 4)}, {(x, x % 2) for x in range(4)})
total = 0
for x in {10, 20, 30}:
    total += x
print(total, sum({1, 2, 3}), max({4, 9, 2}), min({4, 9, 2}), sorted({4, 9, 2}, reverse=True))
print(set([1, 2]) == set([2, 1]), {1, 2} < {1, 2, 3} < {1, 2, 3, 4}, {1} > set())
s = set()
for i in range(100):
    s.add(i * 7 % 31)
print(len(s), s)
big = {2 ** 40, 2 ** 40 + 8, 2 ** 61 - 1, 2 ** 61, -5}
print(big)
print({None}, {True, 2}, {1.5, 2.5}, {-1, -2, -3})
print(set.union({1}, {2}), set.intersection({1, 2}, {2}), frozenset.union(frozenset(), [1]))
try:
    set.union([1], {2})
except TypeError as e:
    print("TypeError", e)
print({1, 2}.__contains__(1), {1}.__len__(), {1, 2}.__or__({3}), {1}.__or__([2]))
try:
    {1} + {2}
except TypeError as e:
    print("TypeError", e)
try:
    one = {1}
    one[0]
except TypeError as e:
    print("TypeError", e)
