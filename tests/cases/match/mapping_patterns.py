# Mapping patterns, **rest, and key lookup semantics
def m(x):
    match x:
        case {"type": "point", "x": x0, "y": y0}:
            return f"point({x0}, {y0})"
        case {"type": "circle", "r": r, **rest}:
            return f"circle r={r} extra={rest}"
        case {"type": t}:
            return f"unknown type {t}"
        case {}:
            return "some mapping"
        case _:
            return "not a mapping"
print(m({"type": "point", "x": 1, "y": 2, "z": 3}))
print(m({"type": "circle", "r": 5, "color": "red", "fill": True}))
print(m({"type": "triangle"}))
print(m({"other": 1}), m({}), m([("type", "point")]), m("type"))
class DefaultDictLike(dict):
    def __missing__(self, key):
        return "from __missing__"
match DefaultDictLike(a=1):
    case {"b": value}:
        print("missing used?", value)
    case {"a": 1}:
        print("__missing__ is not used by mapping patterns")
class Getter(dict):
    def get(self, key, default=None):
        print("  custom get called for", key)
        return super().get(key, default)
match Getter(k=1):
    case {"k": v}:
        print("matched", v)
KEY = "dynamic"
class K:
    KEY = "dynamic"
match {"dynamic": 7}:
    case {K.KEY: value}:
        print("value pattern as key", value)
match {1: "one", None: "none", True: "t"}:
    case {1: a, None: b}:
        print("literal keys", a, b)
try:
    exec("match x:\n    case {'a': 1, 'a': 2}:\n        pass\n")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    exec("match {'a': 1}:\n    case {**rest, 'a': 1}:\n        pass\n")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    exec("match x:\n    case {**_}:\n        pass\n")
except SyntaxError as e:
    print("SyntaxError", e.msg)
match {"a": 1, "b": 2}:
    case {"a": 1, **rest}:
        print("rest is a new dict:", rest, type(rest).__name__)
