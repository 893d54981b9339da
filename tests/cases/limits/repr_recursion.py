# RecursionError raised through __repr__ recursion and nested containers
class Node:
    def __init__(self):
        self.other = None
    def __repr__(self):
        return "Node(" + repr(self.other) + ")"
a = Node()
b = Node()
a.other = b
b.other = a
try:
    repr(a)
except RecursionError as e:
    print("RecursionError", e)
class Str:
    def __str__(self):
        return str(self)
try:
    str(Str())
except RecursionError as e:
    print("RecursionError", e)
lst = [1]
lst.append(lst)
print(repr(lst))
nested = []
cur = nested
for _ in range(100):
    nxt = []
    cur.append(nxt)
    cur = nxt
print(len(repr(nested)))
deep = []
cur = deep
for _ in range(100000):
    nxt = []
    cur.append(nxt)
    cur = nxt
try:
    repr(deep)
except RecursionError as e:
    print("RecursionError", e)
