# The _bisect accelerator: bisect/insort with lo/hi/key, a list subclass's insert, and the
# argument errors of CPython's _bisect.
import _bisect
import bisect

print(bisect.bisect_left is _bisect.bisect_left, bisect.insort is _bisect.insort_right)
a = [1, 2, 2, 2, 3, 5]
print([_bisect.bisect_left(a, x) for x in range(7)])
print([_bisect.bisect_right(a, x) for x in range(7)])
print(_bisect.bisect_left(a, 2, 2), _bisect.bisect_right(a, 2, 0, 3), _bisect.bisect_left(a, 2, hi=-5))
recs = [("a", 1), ("b", 3), ("c", 5)]
print(_bisect.bisect_left(recs, 3, key=lambda r: r[1]), _bisect.bisect_right(recs, 3, key=lambda r: r[1]))
_bisect.insort_left(recs, ("x", 3), key=lambda r: r[1])
_bisect.insort_right(recs, ("y", 3), key=lambda r: r[1])
print(recs)


class L(list):
    def insert(self, i, x):
        print("insert", i, x)
        super().insert(i, x)


l = L([1, 3])
_bisect.insort(l, 2) if hasattr(_bisect, "insort") else _bisect.insort_right(l, 2)
print(l)
for f in [
    lambda: _bisect.bisect_right([1], 2, -1),
    lambda: _bisect.bisect_right([1], 2, 0, 1, 2),
    lambda: _bisect.bisect_right(1, 2),
    lambda: _bisect.bisect_left(),
    lambda: _bisect.bisect_left([1], 1, foo=1),
    lambda: _bisect.bisect_left([1], 1, lo="x"),
    lambda: _bisect.insort_left(1, 2),
    lambda: _bisect.bisect_left([1, "a"], 0),
]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
