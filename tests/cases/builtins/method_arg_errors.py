# Argument errors of builtin types' methods, with CPython's exact messages: an unbound method
# called without self, keyword arguments refused, self of the wrong type, wrong counts.


def t(f):
    try:
        f()
    except TypeError as e:
        print("TypeError", e)
    else:
        print("no error")


# Unbound method descriptors called with no argument at all.
t(lambda: str.isdigit())
t(lambda: str.upper())
t(lambda: str.find())
t(lambda: str.split())
t(lambda: str.join())
t(lambda: str.format())
t(lambda: list.append())
t(lambda: list.sort())
t(lambda: list.pop())
t(lambda: list.index())
t(lambda: dict.keys())
t(lambda: dict.get())
t(lambda: dict.update())
t(lambda: bytes.upper())
t(lambda: bytes.find())
t(lambda: bytearray.append())
t(lambda: set.add())
t(lambda: tuple.count())
t(lambda: int.bit_length())
t(lambda: float.hex())
# Dunders: slot wrappers say "descriptor", the plain methods "unbound method".
t(lambda: str.__len__())
t(lambda: list.__len__())
t(lambda: str.__format__())
t(lambda: list.__reversed__())
t(lambda: list.__getitem__())
t(lambda: dict.__contains__())
t(lambda: int.__round__())

# Keyword arguments to str methods that take none.
t(lambda: "a".find(x=1))
t(lambda: "a".count(x=1))
t(lambda: "a".index(x=1))
t(lambda: "a".rfind(x=1))
t(lambda: "a".rindex(x=1))
t(lambda: "a".startswith(x=1))
t(lambda: "a".endswith(x=1))
t(lambda: "a".upper(x=1))
t(lambda: "a".split(x=1))
t(lambda: "a".strip(x=1))
t(lambda: "a".replace(x=1))
t(lambda: "a".join(x=1))
t(lambda: b"a".find(x=1))
t(lambda: b"a".count(x=1))
t(lambda: b"a".join(x=1))
t(lambda: bytearray().find(x=1))
t(lambda: bytearray().join(x=1))

# list methods: self of the wrong type, and wrong counts.
t(lambda: list.append("x", 1))
t(lambda: list.append("x"))
t(lambda: list.insert(1, 2, 3))
t(lambda: list.pop(()))
t(lambda: list.__len__("x"))
t(lambda: [].append(1, 2))
t(lambda: [].append())
t(lambda: [].append(x=1))
t(lambda: [].insert(1))
t(lambda: [].pop(1, 2))
t(lambda: [].count())
t(lambda: [].index())
t(lambda: [].remove())
t(lambda: [].extend())
t(lambda: [].clear(1))
t(lambda: [].copy(1))
t(lambda: [].reverse(1))
t(lambda: {}.get())
t(lambda: {}.keys(1))
t(lambda: {}.pop())
t(lambda: {}.setdefault())
t(lambda: set().add())
t(lambda: set().add(1, 2))
t(lambda: set().remove())
t(lambda: set().discard(1, 2))
t(lambda: ().count())
t(lambda: ().index())
t(lambda: bytearray().append())
t(lambda: bytearray().append(1, 2))

# The good calls still work, bound and unbound.
x = []
list.append(x, 1)
x.append(2)
print(x, str.isdigit("12"), str.upper("a"), dict.keys({1: 2}))
