# sorted() accepts any iterable; returns a new list
print(sorted([3, 1, 2]), sorted("cba"), sorted((2, 1)), sorted({3, 1}), sorted({"b": 1, "a": 2}), sorted(range(3, 0, -1)))
print(sorted(x % 5 for x in range(12)), sorted([], reverse=True), sorted([1], key=None))
orig = [3, 1, 2]
new = sorted(orig)
print(orig, new, new is orig)
print(sorted(["b", "A", "a", "B"], key=str.casefold), sorted([-3, 2, -1], key=abs, reverse=True))
try:
    sorted([1, 2], lambda x: x)
except TypeError as e:
    print("TypeError", e)
try:
    sorted(5)
except TypeError as e:
    print("TypeError", e)
try:
    sorted([3, "a"])
except TypeError as e:
    print("TypeError", e)
try:
    sorted([1, 2], reverse="yes")
except TypeError as e:
    print("TypeError", e)
print(sorted([1, 2], reverse=1), sorted([1, 2], reverse=0))
class K:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v > o.v
    def __repr__(self):
        return f"K{self.v}"
print(sorted([K(1), K(3), K(2)]))
