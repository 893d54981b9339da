# __iter__/__next__ and the __getitem__ fallback
class Count:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
c = Count(3)
print(list(c), list(c))
print(iter(c) is c)
class Seq:
    def __getitem__(self, i):
        print("  getitem", i)
        if i >= 3:
            raise IndexError(i)
        return i * 10
print(list(Seq()))
print(20 in Seq())
for x in Seq():
    pass
it = iter(Seq())
print(type(it).__name__, next(it), next(it))
class NotIter:
    pass
try:
    iter(NotIter())
except TypeError as e:
    print("TypeError", e)
try:
    for _ in 5: pass
except TypeError as e:
    print("TypeError", e)
class BadIter:
    def __iter__(self):
        return 42
try:
    iter(BadIter())
except TypeError as e:
    print("TypeError", e)
class NoneIter:
    __iter__ = None
    def __getitem__(self, i): return i
try:
    iter(NoneIter())
except TypeError as e:
    print("TypeError", e)
try:
    next([1, 2])
except TypeError as e:
    print("TypeError", e)
it = iter([1])
print(next(it), next(it, "default"))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args)
calls = iter([3, 2, 1, 0, 5])
print(list(iter(lambda: next(calls), 0)))
class KeyErrSeq:
    def __getitem__(self, i):
        raise KeyError(i)
try:
    list(KeyErrSeq())
except KeyError as e:
    print("KeyError", e)
a, b, *rest = Count(5)
print(a, b, rest)
print(sum(Count(4)), max(Count(4)), sorted(Count(3), reverse=True), dict(zip(Count(2), "ab")))
