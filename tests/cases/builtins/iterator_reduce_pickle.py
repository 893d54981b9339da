# Builtin iterators reduce and pickle (mid-iteration and exhausted), and __setstate__ moves
# sequence iterators as CPython's does (clamped to the sequence).
import copy
import pickle

it = iter([1, 2, 3])
next(it)
print(it.__reduce__())
list(it)
print(it.__reduce__())
it = iter((1, 2))
list(it)
print(it.__reduce__())
it = iter("héllo")
next(it)
next(it)
print(it.__reduce__())
it = reversed([1, 2, 3])
next(it)
print(it.__reduce__())
list(it)
print(it.__reduce__())
it = reversed((1, 2, 3))
next(it)
print(it.__reduce__())
d = {1: 2, 3: 4}
it = iter(d.items())
next(it)
print(it.__reduce__())
print(iter({1, 2}).__reduce__())
print(enumerate("ab", 5).__reduce__()[1][1], zip([1], strict=True).__reduce__()[2])
print(map(abs, [1]).__reduce__()[0], filter(None, [1]).__reduce__()[0])
print(iter(int, 1).__reduce__())


class G:
    def __getitem__(self, i):
        if i < 3:
            return i
        raise IndexError


it = iter(G())
next(it)
print(it.__reduce__()[2])

it = iter([1, 2, 3])
it.__setstate__(2)
print(list(it))
it = iter([1, 2, 3])
it.__setstate__(-5)
print(list(it))
it = iter([1])
it.__setstate__(9)
print(list(it))
it = iter(range(5))
it.__setstate__(3)
print(list(it))
it = reversed([1, 2, 3])
it.__setstate__(0)
print(list(it))
it = iter("abc")
it.__setstate__(1)
print(list(it))

for make in [
    lambda: iter([1, 2, 3]),
    lambda: iter((4, 5)),
    lambda: iter("xyz"),
    lambda: iter(range(2, 20, 3)),
    lambda: iter(range(10, 0, -4)),
    lambda: reversed([1, 2, 3]),
    lambda: reversed("abc"),
    lambda: iter({"a": 1, "b": 2}),
    lambda: iter({"a": 1}.values()),
    lambda: iter({"a": 1}.items()),
    lambda: enumerate([7, 8]),
    lambda: zip([1, 2], "ab"),
    lambda: map(str, [1, 2]),
    lambda: filter(None, [0, 1, 2]),
]:
    for skip in range(3):
        it = make()
        for _ in range(skip):
            next(it, None)
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            other = pickle.loads(pickle.dumps(it, proto))
            print(list(other), end=" ")
        print(list(copy.copy(it)) if skip == 0 else "")
