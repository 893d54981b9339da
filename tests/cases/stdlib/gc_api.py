# gc's object walk: get_objects, get_referents, get_referrers, is_tracked.
import gc


class Node:
    def __init__(self, value, children=()):
        self.value = value
        self.children = list(children)


leaf = Node("leaf")
root = Node("root", [leaf])
marker = ["marker"]
holder = {"key": marker}

objs = gc.get_objects()
print(len(objs) > 1000)
print(any(o is marker for o in objs), any(o is holder for o in objs), any(o is root for o in objs))
print(any(o is leaf for o in objs), any(o is Node for o in objs))
print(all(type(o) not in (str, int, float, bytes) for o in objs))

print(gc.get_referents([1, "two", None, 3.5]))
print(gc.get_referents((1, 2), [3]))
print(gc.get_referents(1, "x", b"y"))
print(sorted(map(repr, gc.get_referents({"a": 1}))))
print(Node in gc.get_referents(leaf))
print(leaf in gc.get_referents(root.children))
print(marker in gc.get_referents(holder))

print(any(r is holder for r in gc.get_referrers(marker)))
print(any(r is root.children for r in gc.get_referrers(leaf)))
print(gc.get_referrers())


def outer():
    x = [1]

    def inner():
        return x

    return inner


f = outer()
cell = f.__closure__[0]
print(cell in gc.get_referents(f.__closure__))
print(gc.get_referents(cell))
print(f.__globals__ is globals(), any(r is globals() for r in gc.get_referents(f)))

print(gc.is_tracked([]), gc.is_tracked({}), gc.is_tracked(Node), gc.is_tracked(leaf))
print(gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked(b"b"), gc.is_tracked(2.5))

for g in (3, -2):
    try:
        gc.get_objects(g)
    except ValueError as e:
        print(e)
print(type(gc.get_objects(generation=None)).__name__, type(gc.get_objects(-1)).__name__)

# A deep structure: no recursion limit, no crash.
deep = []
for _ in range(100000):
    deep = [deep]
print(len(gc.get_objects()) > 100000)

# Native containers.
import collections
import itertools
print(gc.get_referents(collections.deque([marker, 1])))
print(gc.get_referents(itertools.repeat(marker, 3)))
print(any(r is marker for r in gc.get_referents(itertools.takewhile(bool, marker))))


# Objects held only by the calling function's locals are found too.
def finds_its_local():
    mine = {"only": ["here"]}
    inner = mine["only"]
    return any(o is mine for o in gc.get_objects()), any(r is mine for r in gc.get_referrers(inner))


print(finds_its_local())
