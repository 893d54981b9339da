# set algebra: operators and methods, with ints
a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print(a.union([7], (8,), range(9, 11)), a.intersection([1, 2], {2, 3}), a.difference([1], [2]), a.union(), a.intersection())
print(a <= b, a < a, a <= a, {1} < a, a >= {1, 2}, a > a, a == {4, 3, 2, 1}, a != b)
print(a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint(b), a.isdisjoint([9]), set().isdisjoint(set()))
for expr in ["a | [5]", "a & (1,)", "a - 'x'", "a ^ None", "a < [1]", "a <= 5"]:
    try:
        print(expr, eval(expr))
    except TypeError as e:
        print(expr, "TypeError", e)
try:
    a.union(5)
except TypeError as e:
    print("TypeError", e)
try:
    a.issubset(5)
except TypeError as e:
    print("TypeError", e)
c = {1, 2, 3}
c |= {4}
c &= {1, 2, 4, 5}
c -= {1}
c ^= {2, 9}
print(c)
c.update([10], (11,))
c.intersection_update(range(12), range(5, 20))
print(c)
c.difference_update([9])
c.symmetric_difference_update([10, 20])
print(c)
try:
    c |= [1]
except TypeError as e:
    print("TypeError", e)
print({1, 2} == frozenset({1, 2}), {1} < frozenset({1, 2}), type({1} | frozenset({2})).__name__, type(frozenset({2}) | {1}).__name__)
print(set(range(20)) - set(range(0, 20, 3)), set(range(0, 50, 7)) & set(range(0, 50, 5)))
