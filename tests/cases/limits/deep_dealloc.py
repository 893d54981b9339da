# Dropping very deep structures must not recurse once per level on the native stack.
N = 10 ** 6

l = []
for i in range(N):
    l = [l]
del l
print("nested lists freed")

t = None
for i in range(N):
    t = (t, i, "x")
t = None
print("tuple chain freed")

d = {}
for i in range(N // 5):
    d = {"next": d, "i": i}
d = None
print("nested dicts freed")


class Node:
    __slots__ = ("next",)


head = None
for i in range(N // 5):
    n = Node()
    n.next = head
    head = n
n = head = None
print("slot chain freed")


class Link:
    pass


head = None
for i in range(N // 10):
    n = Link()
    n.nxt = head
    head = n
n = None
head = None
print("instance chain freed")

# A deep chain whose members have finalizers: every __del__ still runs once.
count = 0


class Fin:
    def __init__(self, nxt):
        self.nxt = nxt

    def __del__(self):
        global count
        count += 1


f = None
for i in range(5000):
    f = Fin(f)
f = None
import gc
gc.collect()
print("finalizers run:", count)

# Mixed containers: a frozenset inside a list inside a tuple, repeated.
x = 0
for i in range(N // 10):
    x = (frozenset([i]), [x])
x = None
print("mixed chain freed")
