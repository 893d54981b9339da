# range with huge values: len OverflowError, contains, indexing, slicing
big = range(10 ** 30)
print(big, big[10 ** 29], big[-1], 10 ** 29 in big, -1 in big, big.index(12345), big.count(10 ** 30 - 1))
try:
    len(big)
except OverflowError as e:
    print("OverflowError", e)
print(big.__len__ if False else "skip", bool(big))
s = big[10 ** 29::10 ** 28]
print(s, s[-1], len(s))
r = range(-10 ** 20, 10 ** 20, 7 * 10 ** 18)
print(len(r), r[5], r[-1], (-10 ** 20 + 7 * 10 ** 18) in r, r.index(-10 ** 20 + 14 * 10 ** 18))
print(range(2 ** 64)[2 ** 63], range(0, 2 ** 100, 2 ** 98), len(range(0, 2 ** 100, 2 ** 98)))
try:
    big[10 ** 30]
except IndexError as e:
    print("IndexError", e)
print(reversed(range(3)).__class__.__name__, list(reversed(range(2 ** 63 - 2, 2 ** 63 + 1))))
try:
    iter(big).__length_hint__()
except OverflowError as e:
    print("OverflowError", e)
it = iter(range(2 ** 64, 2 ** 64 + 3))
print(next(it), next(it), list(it))
print(range(10 ** 30) == range(0, 10 ** 30, 1), hash(range(10 ** 30)) == hash(range(0, 10 ** 30)))
print(3.0 in range(10), 3.5 in range(10), 2.0 in range(0, 10, 2), True in range(2))
