# __iter__ implemented as a generator; multiple independent iterations
class Countdown:
    def __init__(self, start):
        self.start = start
    def __iter__(self):
        n = self.start
        while n > 0:
            yield n
            n -= 1
    def __reversed__(self):
        yield from range(1, self.start + 1)
c = Countdown(3)
print(list(c), list(c), list(reversed(c)))
it1, it2 = iter(c), iter(c)
print(next(it1), next(it1), next(it2))
print(sum(c), max(c), 2 in c, 5 in c, sorted(c))
a, b, c2 = Countdown(3)
print(a, b, c2)
class Tree:
    def __init__(self, value, *children):
        self.value = value
        self.children = children
    def __iter__(self):
        yield self.value
        for child in self.children:
            yield from child
    def depth_first_with_level(self, level=0):
        yield level, self.value
        for child in self.children:
            yield from child.depth_first_with_level(level + 1)
t = Tree(1, Tree(2, Tree(4), Tree(5)), Tree(3, Tree(6)))
print(list(t))
for level, value in t.depth_first_with_level():
    print("  " * level + str(value))
def flatten(obj):
    if isinstance(obj, (list, tuple)):
        for item in obj:
            yield from flatten(item)
    else:
        yield obj
print(list(flatten([1, [2, (3, [4, [5]])], 6])))
def permutations(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i, head in enumerate(items):
        for rest in permutations(items[:i] + items[i + 1:]):
            yield [head] + rest
print(["".join(p) for p in permutations("abc")])
class Paged:
    def __init__(self, data, size):
        self.data, self.size = data, size
    def __iter__(self):
        for i in range(0, len(self.data), self.size):
            yield self.data[i:i + self.size]
print(list(Paged(list(range(7)), 3)))
