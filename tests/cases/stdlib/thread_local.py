# threading.local / _thread._local: per-thread attributes, __init__ per thread, subclasses.
import threading
import _thread

loc = threading.local()
loc.x = "main"
seen = []


def f(i):
    seen.append(hasattr(loc, "x"))
    loc.x = i
    seen.append(loc.x == i)


ts = [threading.Thread(target=f, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(seen, loc.x)


class Counter(threading.local):
    def __init__(self, start):
        self.n = start

    def bump(self):
        self.n += 1
        return self.n


c = Counter(10)
c.bump()
out = []


def g():
    out.append(c.bump())
    out.append(c.bump())


t = threading.Thread(target=g)
t.start()
t.join()
print(out, c.n)

try:
    _thread._local(1)
except TypeError as e:
    print("TypeError:", e)
print(type(loc).__name__, isinstance(loc, _thread._local))
del loc.x
print(hasattr(loc, "x"))
print(getattr(loc, "missing", "default"))
