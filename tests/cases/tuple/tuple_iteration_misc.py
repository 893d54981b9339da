# Tuples: iteration, membership, sorting, conversion, zip/enumerate, nested unpacking in loops
t = (5, 3, 8, 1)
print(sorted(t), tuple(sorted(t)), min(t), max(t), sum(t), len(t), 8 in t, 9 not in t)
print(tuple(reversed(t)), t[::-1] == tuple(reversed(t)), list(t), tuple(list(t)) == t)
pairs = ((1, "one"), (2, "two"))
for num, (first, *rest) in pairs:
    print(num, first, rest)
print(dict(pairs), tuple(enumerate(t)), tuple(zip(t, t[1:])))
print(t.count(3), t.index(8), (t + t).count(1), t * 2)
print(tuple(x for x in t if x > 2), tuple(map(str, t)), tuple("abc"), tuple({"a": 1}.items()))
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], len(nested), nested[-1][-1][-1])
big = tuple(range(1000))
print(big[500], big[-1], big.index(999), len(big[::7]))
