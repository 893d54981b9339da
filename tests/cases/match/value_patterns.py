# Value patterns use dotted names and compare with ==
class Color:
    RED = "red"
    GREEN = "green"
class Codes:
    class HTTP:
        OK = 200
        NOT_FOUND = 404
def describe(c):
    match c:
        case Color.RED:
            return "stop"
        case Color.GREEN:
            return "go"
        case Codes.HTTP.OK:
            return "ok"
        case Codes.HTTP.NOT_FOUND:
            return "missing"
        case _:
            return "unknown"
print([describe(v) for v in ["red", "green", 200, 404, 500]])
import sys
match sys.maxsize:
    case sys.maxsize:
        print("module attribute value pattern")
class Lazy:
    evaluated = 0
    @property
    def v(self):
        Lazy.evaluated += 1
        return 3
obj = Lazy()
def lazy_match(x):
    match x:
        case 1:
            return "one"
        case obj.v:
            return "three via property"
        case _:
            return "other"
print(lazy_match(1), Lazy.evaluated, lazy_match(3), Lazy.evaluated, lazy_match(9), Lazy.evaluated)
class Eq:
    def __eq__(self, other):
        print("  Eq.__eq__ called with", other)
        return other == "special"
class Holder:
    E = Eq()
match "special":
    case Holder.E:
        print("matched via custom __eq__")
match 1.0:
    case Codes.HTTP.OK:
        print("no")
    case _:
        print("1.0 != 200")
