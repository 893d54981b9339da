# enumerate() with start, iterators, and errors
print(list(enumerate("abc")), list(enumerate("abc", 1)), list(enumerate("abc", start=-2)), list(enumerate([], 5)))
print(list(enumerate(range(3), 10 ** 20)))
e = enumerate(["x", "y"])
print(next(e), next(e))
try:
    next(e)
except StopIteration:
    print("StopIteration")
print(type(e).__name__, iter(e) is e)
for i, (a, b) in enumerate([(1, 2), (3, 4)]):
    print(i, a, b)
class I:
    def __index__(self):
        return 3
print(list(enumerate("ab", I())))
for args in [(5,), ("ab", 1.5), ("ab", "1")]:
    try:
        enumerate(*args)
    except TypeError as e:
        print("TypeError", e)
print(dict(enumerate("hey")), list(enumerate(enumerate("ab"))))
