# dict creation, item access, assignment, deletion, len, in, KeyError messages
d = {"a": 1, "b": 2}
d["c"] = 3
d["a"] = 10
print(d, len(d), "a" in d, 1 in d, "z" not in d)
del d["b"]
print(d)
for key in ["missing", 42, (1, 2), None, 1.5, "", ("nested", ("t",))]:
    try:
        d[key]
    except KeyError as e:
        print("KeyError", e, repr(e.args[0]))
try:
    del d["nope"]
except KeyError as e:
    print("KeyError", e)
try:
    d[[1]] = 2
except TypeError as e:
    print("TypeError", e)
try:
    d[{}]
except TypeError as e:
    print("TypeError", e)
print(dict(), dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict({"k": "v"}, extra=True), dict(zip("ab", [1, 2])))
print({1: "int", 1.0: "float", True: "bool"}, {0: "a", False: "b", 0.0: "c"})
for bad in [[1, 2], [("a",)], [("a", 1, 2)], 5, ["ab", "cde"]]:
    try:
        print(dict(bad))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(dict(["ab", "cd"]), dict([[1, 2]]), dict.__mro__)
e = {}
e[1] = e
print(e)
print({**{"a": 1}, "b": 2, **{"a": 3}})
