# __length_hint__ (via list() preallocation is invisible) and __reversed__
class Rev:
    def __init__(self, data): self.data = data
    def __reversed__(self):
        print("  __reversed__")
        return iter(self.data[::-1] + ["extra"])
    def __iter__(self): return iter(self.data)
print(list(reversed(Rev([1, 2, 3]))), list(Rev([1, 2])))
class SeqRev:
    def __len__(self): return 3
    def __getitem__(self, i):
        print("  getitem", i)
        if not 0 <= i < 3:
            raise IndexError
        return "abc"[i]
print(list(reversed(SeqRev())))
class NoLen:
    def __getitem__(self, i): return i
try:
    reversed(NoLen())
except TypeError as e:
    print("TypeError", e)
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError", e)
try:
    reversed(x for x in [])
except TypeError as e:
    print("TypeError", e)
class RevNone:
    __reversed__ = None
    def __len__(self): return 1
    def __getitem__(self, i): return i
try:
    reversed(RevNone())
except TypeError as e:
    print("TypeError", e)
print(list(reversed(range(5))), list(reversed("abc")), list(reversed((1, 2))), list(reversed({"a": 1, "b": 2})))
print(list(reversed({"a": 1, "b": 2}.items())), list(reversed([])))
r = reversed([1, 2, 3])
print(type(r).__name__, r.__length_hint__(), next(r), r.__length_hint__())
it = iter([1, 2, 3, 4])
next(it)
print(it.__length_hint__())
print(iter(range(10)).__length_hint__(), iter("abcd").__length_hint__(), iter({1: 2}).__length_hint__())
class Hint:
    def __iter__(self): return self
    def __next__(self): raise StopIteration
    def __length_hint__(self):
        print("  __length_hint__ called")
        return 1000
print(list(Hint()))
class BadHint:
    def __iter__(self): return iter([1])
    def __length_hint__(self): return "x"
try:
    print(list(BadHint()))
except TypeError as e:
    print("TypeError", e)
class NegHint:
    def __iter__(self): return iter([1, 2])
    def __length_hint__(self): return -1
try:
    print(list(NegHint()))
except ValueError as e:
    print("ValueError", e)
class NotImplHint:
    def __iter__(self): return iter([7])
    def __length_hint__(self): return NotImplemented
print(list(NotImplHint()))
