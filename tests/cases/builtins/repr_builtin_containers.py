# repr() of nested and recursive containers and of builtin singletons
a = [1, 2]
a.append(a)
d = {"self": None}
d["self"] = d
print(repr(a), repr(d), repr((a,)))
print(repr([d, a]))
s = set()
print(repr(s), repr(frozenset()), repr({}))
print(repr([]), repr(()), repr((1,)))
print(repr(""), repr(b""))
print(repr([1.0, -0.0, 1e100, float("inf")]), repr({1: (2, [3, {4}])}))
print(repr(range(3)), repr(slice(1, 2)), repr(...))
print(repr(NotImplemented), repr(None), repr(True))
print(repr(int), repr(str), repr(type(None)))
print(repr(type(...)), repr(type(NotImplemented)))
print(repr(dict.fromkeys("ab").keys()), repr(iter([])).split(" ")[0], repr(reversed([])).split(" ")[0])
class C:
    pass
print(repr(C).replace(__name__, "MAIN"), repr(C.__init__)[:25])
print(str([1, "a"]), str(("a",)), str({"k": "v"}))
print(str(None))
