# frozenset: immutability, hashing, as dict key / set element
f = frozenset([3, 1, 2, 3])
print(f, len(f), 1 in f, frozenset(), repr(frozenset()), type(f).__name__)
print(hash(frozenset()), hash(frozenset([1])), hash(frozenset([1, 2, 3])), hash(frozenset([3, 2, 1])) == hash(f))
print({f: "value"}[frozenset({1, 2, 3})], {frozenset(), frozenset([1]), frozenset([1])})
for name in ["add", "remove", "discard", "pop", "clear", "update"]:
    print(name, hasattr(f, name))
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError", e)
print(f | {4}, f & {1, 9}, f - {1}, f ^ {1, 5}, f.union([7]), f.copy() is f, frozenset(f) is f)
g = f
g |= {100}
print(f, g, f is g)
print(frozenset([1, 2]) == {1, 2}, frozenset() == set(), frozenset([frozenset([1])]))
class FS(frozenset):
    pass
x = FS([1, 2])
print(x, type(x | {3}).__name__, type(x.copy()).__name__, repr(FS()))
print(frozenset(range(10)) - frozenset(range(5)), sorted(frozenset("cba")))
try:
    frozenset([[1]])
except TypeError as e:
    print("TypeError", e)
