# __getitem__/__setitem__/__delitem__ with ints, slices, tuples, and Ellipsis
class Recorder:
    def __getitem__(self, key):
        return ("get", key)
    def __setitem__(self, key, value):
        print("  set", key, value)
    def __delitem__(self, key):
        print("  del", key)
r = Recorder()
print(r[0], r[-1], r["k"])
print(r[1:2], r[:], r[::2], r[1:2:3], r[:, 1], r[1, 2], r[...], r[1:2, ..., None])
print(r[()], r[(1,)], r[1,])
r[0] = "a"
r[1:3] = [1, 2]
r[::2] = "x"
r[1, 2] = "t"
del r[0]
del r[1:]
del r[:, :]
s = slice(1, 10, 2)
print(s.start, s.stop, s.step, s.indices(5), slice(None).indices(3), slice(-1, None, -1).indices(4))
print(slice(1, 2) == slice(1, 2), slice(1) == slice(None, 1))
try:
    hash(slice(1, 2))
    print("slice hashable in 3.11? yes")
except TypeError as e:
    print("TypeError", e)
class NoSet:
    def __getitem__(self, k): return k
try:
    NoSet()[0] = 1
except TypeError as e:
    print("TypeError", e)
try:
    del NoSet()[0]
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
class NoGet: pass
try:
    NoGet()[0]
except TypeError as e:
    print("TypeError", e)
class Matrix:
    def __init__(self):
        self.cells = {}
    def __setitem__(self, rc, v):
        self.cells[rc] = v
    def __getitem__(self, rc):
        return self.cells.get(rc, 0)
    def __len__(self):
        return len(self.cells)
m = Matrix()
m[0, 0] = 1
m[1, 2] = 5
print(m[0, 0], m[1, 2], m[2, 2], len(m), sorted(m.cells))
class Chain:
    def __init__(self): self.log = []
    def __getitem__(self, k):
        self.log.append(k)
        return self
c = Chain()
c[1][2]["x"][1:2]
print(c.log)
lst = list(range(10))
lst[2:5] = ["a"]
print(lst)
lst[::3] = [0, 0, 0]
print(lst)
try:
    lst[::2] = [1]
except ValueError as e:
    print("ValueError", e)
del lst[::2]
print(lst)
