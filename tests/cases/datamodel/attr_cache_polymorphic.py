# One attribute name read, written and called on objects of several types in one function
# (the interpreter caches two types per name and code object): every access still sees
# the right value as types alternate, as instances shadow class values and methods, as
# class attributes change, and with a third type in play.
class A:
    kind = "A-class"
    def __init__(self, v):
        self.v = v
    def m(self):
        return "A.m", self.v

class B:
    __slots__ = ("v",)
    kind = "B-class"
    def __init__(self, v):
        self.v = v
    def m(self):
        return "B.m", self.v

class C(A):
    kind = property(lambda self: "C-prop")
    def m(self):
        return "C.m", self.v

def probe(objs):
    out = []
    for o in objs:
        out.append((o.v, o.kind, o.m()))
        o.v = o.v + 1
    return out

objs = [A(1), B(2), A(3), B(4), C(5), A(6), B(7), C(8)]
for _ in range(3):
    print(probe(objs))

a = objs[0]
a.kind = "instance-kind"
a.m = lambda: "shadowed"
print(probe(objs[:3]))
del a.kind, a.m
print(probe(objs[:3]))
A.kind = "A-changed"
B.m = lambda self: ("B.m2", self.v)
print(probe(objs))
del objs[1].v
try:
    probe(objs[:2])
except AttributeError as e:
    print("AttributeError:", e)

class D:
    def __getattr__(self, name):
        return "D." + name
    def __setattr__(self, name, value):
        print("D.__setattr__", name, value)
print([getattr(x, "zz", None) for x in (A(0), D())])
def reads(xs):
    return [(x.v, x.kind) for x in xs]
print(reads([A(1), D(), B(2), D(), A(3)]))
def writes(xs):
    for x in xs:
        x.v = 9
writes([A(1), D(), B(2)])
