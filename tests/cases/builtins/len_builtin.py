# len() and __len__ protocol errors
print(len("abc"), len([1, 2]), len((1,)), len({1: 2}), len({1, 2, 3}), len(range(10)), len(b"xy"), len(""), len(frozenset()))
class L:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
print(len(L(5)), len(L(True)))
for n in [-1, 2 ** 100, "3", 1.5]:
    try:
        len(L(n))
    except (ValueError, OverflowError, TypeError) as e:
        print(repr(n), type(e).__name__, e)
for bad in [5, None, iter([]), (x for x in [])]:
    try:
        len(bad)
    except TypeError as e:
        print("TypeError", e)
class I:
    def __index__(self):
        return 4
print(len(L(I())))
try:
    len()
except TypeError as e:
    print("TypeError", e)
