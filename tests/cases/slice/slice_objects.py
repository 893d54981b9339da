# slice objects: attributes, repr, equality, hashing (3.11: unhashable), indices()
s = slice(1, 10, 2)
print(s, repr(s), s.start, s.stop, s.step, slice(5), slice(None), slice(1, None), slice("a", "b", "c"))
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 2, None), slice(1, 2) < slice(1, 3), slice(0) == slice(None, 0))
try:
    hash(slice(1, 2))
except TypeError as e:
    print("TypeError", e)
try:
    slice()
except TypeError as e:
    print("TypeError", e)
try:
    slice(1, 2, 3, 4)
except TypeError as e:
    print("TypeError", e)
try:
    s.start = 5
except AttributeError as e:
    print("AttributeError", e)
for sl in [slice(None), slice(2, 8), slice(-3, None), slice(None, None, -1), slice(-100, 100), slice(5, 1, -1),
           slice(None, None, 3), slice(1, -1, -2), slice(100, None, -1), slice(-1, -100, -3)]:
    for n in (0, 5, 10):
        idx = sl.indices(n)
        print(sl, n, idx, len(range(*idx)), list(range(10))[:n][sl] == list(range(*idx)))
for bad in [(slice(0, 1, 0), 5), (slice(0, 1), -1), (slice("a"), 3)]:
    try:
        bad[0].indices(bad[1])
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(slice(2 ** 70, -2 ** 70, -1).indices(10), slice(None, None, 2 ** 70).indices(3))
print("abcdef"[slice(1, None, 2)], [0, 1, 2, 3][slice(-2, None)], (1, 2, 3)[slice(None, None, -1)])
