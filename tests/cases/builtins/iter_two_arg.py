# iter() with one argument and the two-argument sentinel form
it = iter([1, 2, 3])
print(next(it), list(it))
print(list(iter("ab")), list(iter({"k": 1})), iter(it) is it)
counter = [0]
def tick():
    counter[0] += 1
    return counter[0]
print(list(iter(tick, 5)))
data = ["a", "b", "", "c"]
pos = iter(data)
print(list(iter(lambda: next(pos), "")))
for bad in [5, None]:
    try:
        iter(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    iter([1], 1)
except TypeError as e:
    print("TypeError", e)
class GetItem:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print(list(iter(GetItem())), 20 in GetItem())
class BadIter:
    def __iter__(self):
        return 5
try:
    iter(BadIter())
except TypeError as e:
    print("TypeError", e)
s = iter(tick, 100)
print(type(s).__name__, next(s), next(s))
def stop():
    raise StopIteration
print(list(iter(stop, None)))
