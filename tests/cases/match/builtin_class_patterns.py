# Class patterns on builtins: int(x), str(x) etc. match the whole subject
def kind(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(0):
            return "int zero"
        case int(n):
            return f"int {n}"
        case float(f) if f != f:
            return "nan"
        case float(f):
            return f"float {f}"
        case str("") :
            return "empty str"
        case str(s):
            return f"str {s!r}"
        case bytes(b):
            return f"bytes {b!r}"
        case list([a, *_]):
            return f"list starting {a}"
        case tuple(t):
            return f"tuple len {len(t)}"
        case dict({"k": v2}):
            return f"dict with k={v2}"
        case set() | frozenset():
            return f"set-like {sorted(v)}"
        case None:
            return "None"
        case _:
            return f"other {type(v).__name__}"
for v in [True, 0, 7, float("nan"), 2.5, "", "hi", b"x", [9, 8], [], (1, 2), {"k": 3}, {1}, frozenset({2}), None, 1j]:
    print(kind(v))
class MyInt(int):
    pass
match MyInt(5):
    case int(v):
        print("subclass matches int(v):", v, type(v).__name__)
match 5:
    case MyInt():
        print("no")
    case int():
        print("plain int does not match subclass pattern")
try:
    match 5:
        case int(a, b):
            pass
except TypeError as e:
    print("TypeError", e)
match 3.0:
    case int():
        print("no")
    case float(3):
        print("float(3) matches 3.0 by equality")
