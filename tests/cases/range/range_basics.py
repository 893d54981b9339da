# range: len, index, count, indexing, slicing, repr, equality
for r in [range(5), range(2, 10), range(0, 10, 3), range(10, 0, -2), range(0), range(5, 5), range(5, 0), range(-5, 5, 4), range(0, -10, -3)]:
    print(repr(r), len(r), list(r), r[0] if r else None, r[-1] if r else None, bool(r))
r = range(3, 30, 4)
print(r.start, r.stop, r.step, r.index(7), r.count(7), r.count(8), 11 in r, 12 in r, 3.0 in r, "x" in r)
print(r[1:3], r[::-1], r[::2], r[-2:], r[100:], r[:-100], r[1::-1], list(r[::-3]))
try:
    r.index(8)
except ValueError as e:
    print("ValueError", e)
try:
    r[100]
except IndexError as e:
    print("IndexError", e)
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError", e)
for args in [(1.5,), ("1",), (1, 2, 3, 4), ()]:
    try:
        range(*args)
    except TypeError as e:
        print(args, "TypeError", e)
print(range(0) == range(5, 5), range(0, 3, 2) == range(0, 4, 2), range(3) == range(0, 3, 1), range(1) == [0])
print(hash(range(0)) == hash(range(3, 3)), hash(range(0, 3, 2)) == hash(range(0, 4, 2)))
print(list(reversed(range(1, 10, 3))), sum(range(101)), max(range(7)), min(range(3, 9)))
print(range(10).index(9), range(-5, 0).index(-1), range(True), range(False, True))
class I:
    def __index__(self):
        return 4
print(range(I()), range(I(), 10, I()))
print(list(range(1, -1, -1)), str(range(2, 3, 1)), repr(range(1, 10, 1)))
