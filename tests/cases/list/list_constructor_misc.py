# list(), list comprehension, reverse, len, in, del, nested lists
print(list(), list("abc"), list((1, 2)), list({"a": 1, "b": 2}), list(range(3)), list({3}), list(b"hi"))
print([x * x for x in range(5) if x % 2], [[i, j] for i in range(2) for j in range(2)], [y for x in [[1], [2, 3]] for y in x])
a = [1, 2, 3]
a.reverse()
print(a, a.reverse(), a)
print(len([]), len([[], []]), 2 in [1, 2], [2] in [[2]], 3 not in [1])
try:
    list(5)
except TypeError as e:
    print("TypeError", e)
try:
    list(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    list(iterable=[1])
except TypeError as e:
    print("TypeError", e)
m = [[0] * 3 for _ in range(3)]
m[1][1] = 5
print(m, [row[1] for row in m], list(zip(*m)))
r = []
r.append(r)
print(r, [r, r], len(r[0][0][0]))
print(repr([1, "a", None, 2.5, (1,), [], {}]), str(["x"]))
print(list.__mro__, type([]).__name__, [].__class__ is list, isinstance([], list))
try:
    hash([])
except TypeError as e:
    print("TypeError", e)
class L(list):
    pass
l = L([3, 1])
l.sort()
print(l, type(l).__name__, type(l + [1]).__name__, type(l[:]).__name__, type(l * 2).__name__, repr(L()))
