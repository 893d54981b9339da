# Instance attributes kept inline (shared keys per class): dict order, deletion, re-adding,
# instances that set attributes in another order, many attributes, odd attribute names.


class P:
    def __init__(self, a, b, c):
        self.a = a
        self.b = b
        self.c = c


p = P(1, 2, 3)
print(vars(p))
del p.a
p.a = 10
print(vars(p), list(p.__dict__))

q = P(4, 5, 6)
del q.c
print(vars(q))
q.c = 7
print(vars(q))
del q.b
print(vars(q), q.a, q.c)
q.b = 8
print(vars(q))

# Another order than the first instance.
r = P.__new__(P)
r.c = 1
r.a = 2
r.b = 3
print(vars(r))

# Skipping a key, then setting it.
s = P.__new__(P)
s.a = 1
s.c = 3
print(vars(s))
s.b = 2
print(vars(s))

# Delete of a missing attribute, before and after materialisation.
t = P(1, 2, 3)
try:
    del t.zz
except AttributeError as e:
    print("AttributeError:", e, e.name, e.obj is t)
del t.b
try:
    del t.b
except AttributeError as e:
    print("AttributeError:", e)
try:
    t.b
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(t, "b"), getattr(t, "b", "dflt"))


# Many attributes (more than the shared key limit).
class Many:
    pass


m = Many()
for i in range(40):
    setattr(m, "attr%d" % i, i)
print(len(vars(m)), list(vars(m))[:3], list(vars(m))[-2:])
m2 = Many()
for i in range(40):
    setattr(m2, "attr%d" % (39 - i), i)
print(list(vars(m2))[:3], m2.attr0, m2.attr39)

# Names that are not plain identifiers, built at run time, and str subclasses.
o = Many()
setattr(o, "with space", 1)
setattr(o, "".join(["x", "y"]), 2)
print(o.xy, getattr(o, "with space"), vars(o))


class S(str):
    pass


setattr(o, S("sub"), 3)
k = [k for k in vars(o) if k == "sub"][0]
print(type(k).__name__, o.sub)
setattr(o, "\udc80", 4)
print(getattr(o, "\udc80"), len(vars(o)))

# Non-str attribute names.
try:
    setattr(o, 5, 1)
except TypeError as e:
    print("TypeError:", e)

# The same values through the dict and through attributes, after materialisation.
u = P([1], "s", None)
d = u.__dict__
print(d is u.__dict__, d is vars(u))
u.d = 4
print(d, "d" in d)
d["e"] = 5
print(u.e)
del d["a"]
print(hasattr(u, "a"))
u.a = 0
print(list(d))
