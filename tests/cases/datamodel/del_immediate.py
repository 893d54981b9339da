# A finalizer runs as soon as the last reference goes, before the next expression reads
# the state it changes: after del, rebinding, a discarded call result, del of an item or
# attribute, and for weakref callbacks.
import weakref

alive = 0
log = []

class D:
    def __init__(self, name):
        global alive
        alive += 1
        self.name = name
    def __del__(self):
        global alive
        alive -= 1
        log.append(self.name)

x = D("x")
del x
print(alive, log)
y = D("y1")
y = D("y2")
print(alive, log)
items = [D("i0"), D("i1")]
items.pop()
print(alive, log)
del items[0]
print(alive, log)
d = {"k": D("k")}
del d["k"]
print(alive, log)
class Box:
    pass
b = Box()
b.attr = D("attr")
del b.attr
print(alive, log)
t = (D("t0"), 1)
del t
print(alive, log)

def func():
    z = D("z")
    del z
    print("in func", alive, log[-1])
    w = D("w")
    w = None
    print("in func", alive, log[-1])
func()

class Obj:
    pass
o = Obj()
r = weakref.ref(o, lambda ref: log.append("weak callback"))
del o
print(r() is None, log[-1])
g = {"alive": 0}
exec("import gc\nclass E:\n    def __del__(self): print('E gone')\ne = E()\ndel e\nprint('after del e')", g)
print(alive)
del y
print(alive, log[-1])
