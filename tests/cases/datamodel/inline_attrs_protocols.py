# Inline instance attributes against the protocols that see an instance's __dict__.
import copy
import gc
import pickle
import weakref


class A:
    def __init__(self, x, y):
        self.x = x
        self.y = y


a = A(1, 2)
print(a.__dict__ is a.__dict__, vars(a) is a.__dict__)
a.__dict__ = {"z": 3}
print(vars(a), hasattr(a, "x"), a.z)
a.w = 4
print(vars(a))
try:
    a.__dict__ = [1]
except TypeError as e:
    print("TypeError:", e)
del a.__dict__
print(vars(a), hasattr(a, "z"))
a.q = 1
print(vars(a))


class D(dict):
    pass


b = A(1, 2)
b.__dict__ = D(k=1)
print(type(b.__dict__).__name__, b.k)

# __slots__ with __dict__, and slots only.
class SD:
    __slots__ = ("s", "__dict__")


sd = SD()
sd.s = 1
sd.t = 2
print(vars(sd), sd.s, sd.t)


class SO:
    __slots__ = ("s",)


so = SO()
so.s = 5
try:
    so.t = 1
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(so, "__dict__"))


# Subclasses of builtins keep a dict.
class L(list):
    pass


li = L([1])
li.tag = "t"
print(vars(li), li)


class E(Exception):
    def __init__(self, m):
        super().__init__(m)
        self.m = m


e = E("x")
print(vars(e), e.m, e.args)


# __getattr__ / __getattribute__ / __setattr__ overrides.
class G:
    def __init__(self):
        self.real = 1

    def __getattr__(self, name):
        return "fallback:" + name


g = G()
print(g.real, g.missing)
del g.real
print(g.real)


class GA:
    def __init__(self):
        self.v = 1

    def __getattribute__(self, name):
        if name == "v":
            return object.__getattribute__(self, name) * 100
        return object.__getattribute__(self, name)


print(GA().v)


class SA:
    def __init__(self):
        self.v = 1

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value * 2)


print(vars(SA()))


# Data and non-data descriptors against instance values.
class Data:
    def __get__(self, obj, owner):
        return "data"

    def __set__(self, obj, value):
        obj.__dict__["shadow"] = value


class NonData:
    def __get__(self, obj, owner):
        return "nondata"


class W:
    d = Data()
    n = NonData()
    c = "class value"

    def m(self):
        return "method"


w = W()
w.d = 5
w.n = 6
print(w.d, w.n, vars(w))
w2 = W()
print(w2.n, w2.c, w2.m())
w2.c = "inst"
w2.m = lambda: "shadowed"
print(w2.c, w2.m(), W.c)
del w2.m
print(w2.m())


# property next to inline values
class Pr:
    def __init__(self):
        self._v = 0

    @property
    def v(self):
        return self._v

    @v.setter
    def v(self, x):
        self._v = x + 1


pr = Pr()
pr.v = 1
print(pr.v, vars(pr))

# __class__ assignment moves the values with it.
class B1:
    def __init__(self):
        self.p = 1
        self.q = 2


class B2:
    def __init__(self):
        self.q = 3
        self.p = 4


o = B1()
o.__class__ = B2
print(type(o).__name__, vars(o), o.p, o.q)
o.r = 5
print(vars(o))
o2 = B2()
print(vars(o2))


# __del__ sees its attributes; weakrefs and their callbacks.
class Fin:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n, vars(self))


f = Fin(7)
f.extra = [1]
del f


class Wk:
    def __init__(self):
        self.v = 1


wk = Wk()
r = weakref.ref(wk, lambda ref: print("callback", ref() is None))
print(r().v)
del wk
print(r())

# gc sees values held inline.
class Holder:
    def __init__(self, x):
        self.x = x


item = ["payload"]
h = Holder(item)
print(any(x is item for x in gc.get_referents(h)))
print(any(x is h for x in gc.get_referrers(item)))
print(gc.is_tracked(h))

# copy and pickle.
c = A([1], {"k": 2})
c.extra = 3
c1 = copy.copy(c)
c2 = copy.deepcopy(c)
print(vars(c1), vars(c2), c1.x is c.x, c2.x is c.x)
c3 = pickle.loads(pickle.dumps(c))
print(type(c3).__name__, vars(c3))
print(c.__reduce_ex__(2)[2])

# dir() and attribute listing.
print([n for n in dir(c) if not n.startswith("__")])
