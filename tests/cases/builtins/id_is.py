# Identity through `is` (never printing id values)
a = [1]
b = a
c = [1]
print(a is b, a is c, a == c, id(a) == id(b), id(a) == id(c))
print(None is None, type(None)() is None, ... is Ellipsis, NotImplemented is NotImplemented)
print(True is bool(1), False is (1 == 2))
x = object()
print(x is x, x is not object(), id(x) == id(x))
s = "interned_identifier"
print(s == "interned_identifier", s is s)
e1 = ()
e2 = tuple()
print(e1 is e2, frozenset() == frozenset())
t = (1, 2)
print(t is tuple(t), [] is [], {} is {})
d = {}
d2 = d
d2["k"] = 1
print(d, d is d2)
print(type(id(a)).__name__, id(a) > 0 or id(a) <= 0)
