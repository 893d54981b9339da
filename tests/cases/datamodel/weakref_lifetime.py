import weakref
import sys


class A:
    pass


a = A()
r = weakref.ref(a)
print(r() is a, weakref.getweakrefcount(a))
r2 = weakref.ref(a)
print(r2 is r, weakref.getweakrefcount(a))
del a
print(r(), r2())

# Callbacks run when the referent dies, most recent first.
log = []
b = A()
w1 = weakref.ref(b, lambda w: log.append("w1"))
w2 = weakref.ref(b, lambda w: log.append("w2"))
del b
print(log, w1(), w2())

# A weak reference that dies before its referent never calls back.
c = A()
w3 = weakref.ref(c, lambda w: log.append("w3"))
del w3
del c
print(log)

# WeakValueDictionary entries vanish with their values.
d = weakref.WeakValueDictionary()
keep = [A() for _ in range(5)]
for i, o in enumerate(keep):
    d[i] = o
print(len(d), sorted(d.keys()))
del keep[1:3]
print(len(d), sorted(d.keys()))
keep.clear()
print(len(d))

# Many weak references to one object, then to many objects.
e = A()
refs = [weakref.ref(e, lambda w: None) for _ in range(1000)]
print(weakref.getweakrefcount(e), all(x() is e for x in refs))
del e
print(all(x() is None for x in refs))
objs = [A() for _ in range(1000)]
refs = [weakref.ref(o) for o in objs]
del objs[::2]
print(sum(1 for x in refs if x() is not None))

# Reference counts seen by sys.getrefcount.
f = A()
base = sys.getrefcount(f)
g = [f, f, f]
print(sys.getrefcount(f) - base)
del g
print(sys.getrefcount(f) - base)


# __del__ runs once, and a resurrected object stays usable.
saved = []


class Phoenix:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)
        saved.append(self)


p = Phoenix("p1")
del p
print(len(saved), saved[0].name)
q = saved.pop()
del q
print("second death: no second __del__", len(saved))

# A proxy forwards to the referent while it lives.
class B:
    def hello(self):
        return "hi"


bb = B()
px = weakref.proxy(bb)
print(px.hello())
del bb
try:
    px.hello()
except ReferenceError as ex:
    print("ReferenceError:", ex)
