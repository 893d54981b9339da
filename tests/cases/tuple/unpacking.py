# Tuple packing/unpacking, starred targets, and unpacking errors
a, b = 1, 2
a, b = b, a
print(a, b)
x, *rest = (1, 2, 3, 4)
*init, last = "abcd"
first, *mid, end = range(5)
print(x, rest, init, last, first, mid, end)
(p, q), r = (1, 2), 3
print(p, q, r)
[s, t] = "st"
print(s, t)
for bad, code in [("too many", "u, v = 1, 2, 3"), ("too few", "u, v, w = 1, 2"), ("not iterable", "u, v = 5"),
                  ("starred too few", "u, v, *w = [1]"), ("from dict", "u, v = {'a': 1}")]:
    try:
        exec(code)
        print(bad, "ok")
    except (ValueError, TypeError) as e:
        print(bad, type(e).__name__, e)
def f(*args):
    return args
print(f(), f(1), f(*[1, 2], *(3,)), type(f()).__name__)
print((*"ab", *[1]), [*range(2), *(9,)])
nested = ((1, 2), (3, 4))
for (m, n) in nested:
    print(m + n)
print(tuple(enumerate("ab")), tuple(zip((1, 2), "xy")))
