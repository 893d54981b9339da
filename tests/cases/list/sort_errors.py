# sort of mixed types: TypeError messages; key raising; list modified during sort
for data in [[1, "a"], ["a", 1], [1, None], [None, None], [(1, 2), (1, "x")], [[1], (1,)], [1j, 2j], [{1}, {2}, 3], [1, 2, "3", 4]]:
    try:
        print(sorted(data))
    except TypeError as e:
        print(data, "TypeError", e)
def bad_key(x):
    if x == 3:
        raise KeyError("bad key for 3")
    return x
items = [5, 4, 3, 2, 1]
try:
    items.sort(key=bad_key)
except KeyError as e:
    print("KeyError", e)
print(items)
class Mutator:
    def __init__(self, v, lst):
        self.v = v
        self.lst = lst
    def __lt__(self, other):
        self.lst.append(0)
        return self.v < other.v
lst = []
lst.extend(Mutator(v, lst) for v in [3, 1, 2])
try:
    lst.sort()
except ValueError as e:
    print("ValueError", e)
class OnlyGt:
    def __init__(self, v):
        self.v = v
    def __gt__(self, other):
        return self.v > other.v
    def __repr__(self):
        return f"G{self.v}"
print(sorted([OnlyGt(2), OnlyGt(1), OnlyGt(3)]))
print(sorted([{1, 2}, {1}, {3}]))
