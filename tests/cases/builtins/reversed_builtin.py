# reversed() on sequences and objects with __reversed__
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed((1, 2))), list(reversed(range(5))), list(reversed({"a": 1, "b": 2})))
print(list(reversed(b"xy")), list(reversed(bytearray(b"pq"))), list(reversed({"a": 1}.items())))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return i * 100
print(list(reversed(Seq())))
class Rev:
    def __reversed__(self):
        return iter("custom")
print(list(reversed(Rev())))
for bad in [{1, 2}, 5, iter([1]), (x for x in [])]:
    try:
        reversed(bad)
    except TypeError as e:
        print("TypeError", e)
class NoneRev:
    __reversed__ = None
    def __len__(self):
        return 1
    def __getitem__(self, i):
        return i
try:
    reversed(NoneRev())
except TypeError as e:
    print("TypeError", e)
r = reversed([1, 2, 3])
print(next(r), r.__length_hint__(), list(r))
