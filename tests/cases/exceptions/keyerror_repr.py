# KeyError displays the repr of the key
d = {}
keys = ["text", 42, 3.5, None, (1, 2), "", "quote'inside", 'dq"inside', "new\nline", b"bytes", frozenset({1}), True]
for k in keys:
    try:
        d[k]
    except KeyError as e:
        print(f"str={str(e)!r:<28} args={e.args!r}")
try:
    {}.pop("missing")
except KeyError as e:
    print("pop:", e)
try:
    set().remove("gone")
except KeyError as e:
    print("set.remove:", e)
try:
    {}.popitem()
except KeyError as e:
    print("popitem:", e)
try:
    set().pop()
except KeyError as e:
    print("set.pop:", e)
e = KeyError("a", "b")
print(str(e), repr(e))
e0 = KeyError()
print(repr(str(e0)), repr(e0))
class K:
    def __repr__(self):
        return "<K key>"
try:
    {}[K()]
except KeyError as err:
    print(err)
print(str(IndexError("idx")), str(LookupError("lk")))
