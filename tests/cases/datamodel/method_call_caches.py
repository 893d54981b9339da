# Method calls through the LOAD_METHOD cache and CALL's direct builtin path: the cached
# answer must follow instance attributes that appear later, subclasses, class changes, and
# builtins called with bad arguments after the call site is warm.
import sys


class C:
    def m(self):
        return "class"


def call_m(objs):
    return [o.m() for o in objs]


a = C()
b = C()
print(call_m([a] * 20))
# An instance attribute of the same name shadows the method from then on, for that
# instance only (the name joins the class's shared keys).
b.m = lambda: "instance"
print(call_m([a, b, a, b]))
# Another attribute joins the keys after the cache decided 'm' is not among them.
c = C()
c.x = 1
c.m = lambda: "late"
print(call_m([c, a, c]))
# Set through __dict__ (a real dict from then on).
d = C()
d.__dict__["m"] = lambda: "dict"
print(call_m([a, d, a]))
# More names than the shared keys hold: the instance keeps a dict.
e = C()
for i in range(40):
    setattr(e, "attr%d" % i, i)
print(call_m([e, a]))
e.m = lambda: "many"
print(call_m([e, a]))
del e.m
print(call_m([e, a]))
# The class changes.
C.m = lambda self: "patched"
print(call_m([a, b, c, d]))
del b.m
print(call_m([a, b]))
# An object's class changes.
class D:
    def m(self):
        return "D"


f = C()
print(call_m([f, f]))
f.__class__ = D
print(call_m([f, a]))


# Builtin types: a subclass overriding the method, an instance attribute on a subclass.
class L(list):
    def append(self, x):
        list.append(self, x * 10)


def fill(target, n):
    for i in range(n):
        target.append(i)
    return target


print(fill([], 5))
print(fill(L(), 5))
print(fill([], 3), fill(L(), 3))


class L2(list):
    pass


l2 = L2()
print(fill(l2, 3))
l2.append = lambda x: print("instance append", x)
print(fill(l2, 2))


def gets(d, keys):
    return [d.get(k) for k in keys] + [d.get(k, "dflt") for k in keys]


print(gets({"a": 1, "b": 2}, ["a", "b", "c"] * 3))


class MyDict(dict):
    def get(self, k, default=None):
        return ("mine", k)


print(gets(MyDict(a=1), ["a", "z"]))


def starts(items, p):
    return [s.startswith(p) for s in items]


print(starts(["abc", "bcd", "a", ""] * 3, "a"))
print(starts(["abc", "xbc"], ("x", "a")))


# Errors after the sites are warm: CPython's messages.
def call_with(f, *args, **kwargs):
    try:
        return f(*args, **kwargs)
    except Exception as exc:
        return "%s: %s" % (type(exc).__name__, exc)


def append_bad(l, n):
    out = []
    for i in range(n):
        out.append(call_with(l.append))
        out.append(call_with(l.append, 1, 2))
        out.append(call_with(l.append, x=1))
    return out[-3:]


print(append_bad([], 20))
print(call_with(list.append))
print(call_with(list.append, "s", 1))
print(call_with(list.append, [], 1, 2))
print(call_with(len))
print(call_with(len, 1, 2))
print(call_with(len, 5))
print(call_with("abc".startswith))
print(call_with("abc".startswith, 1))
print(call_with({}.get))
print(call_with({}.get, [], 1))


def methods_on(seq):
    out = []
    for s in seq:
        out.append(call_with(lambda: s.upper()))
    return out


print(methods_on(["a", "b"] * 10 + [1]))


# sys.setprofile sees c_call / c_return for builtin methods and functions.
events = []


def prof(frame, event, arg):
    if event.startswith("c_"):
        events.append((event, getattr(arg, "__qualname__", arg)))


def profiled(l):
    l.append(1)
    len(l)
    "x".startswith("x")


profiled([])
sys.setprofile(prof)
profiled([])
sys.setprofile(None)
print(events)


# Deep recursion through a builtin method call still reaches the limit.
class R:
    def __len__(self):
        return len(self)


print(call_with(len, R())[:40])


# startswith/endswith without bounds compare encodings: surrogates, non-ASCII, empty.
s = "\ud800\udc00x"
print(s.startswith("\ud800"), s.startswith("\ud800\udc00"), s.startswith("\U00010000"), s.endswith("\udc00x"), s.endswith("x"))
t = "\U00010000"
print(t.startswith("\ud800"), t.endswith("\udc00"), "".startswith(""), "a".endswith(""), "ab".startswith("abc"))
print("héllo".startswith("hé"), "héllo".endswith("llo"), "héllo".startswith("h\u00e9l"))
print("abc".startswith("b", 1), "abc".endswith("b", 0, 2), "abc".startswith(("x", "ab")))
print(call_with(str.startswith, 1, "a"))
print(call_with(dict.get, [], 1))
print(call_with(dict.get, {}, 1, 2, 3))
