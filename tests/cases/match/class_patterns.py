# Class patterns with positional (__match_args__) and keyword sub-patterns
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
class Point3(Point):
    __match_args__ = ("x", "y", "z")
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z
def where(p):
    match p:
        case Point3(0, 0, 0):
            return "3d origin"
        case Point(0, 0):
            return "origin"
        case Point(0, y):
            return f"on y axis at {y}"
        case Point(x=0, y=yy) if False:
            return "never"
        case Point(x, y=0):
            return f"on x axis at {x}"
        case Point(x=px, y=py):
            return f"at ({px}, {py})"
        case _:
            return "not a point"
for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(1, 2), Point3(0, 0, 0), Point3(1, 0, 9), "nope"]:
    print(where(p))
class NoArgs:
    def __init__(self):
        self.a = 1
match NoArgs():
    case NoArgs(a=1):
        print("keyword works without __match_args__")
try:
    match NoArgs():
        case NoArgs(1):
            pass
except TypeError as e:
    print("TypeError", e)
try:
    match Point(1, 2):
        case Point(1, 2, 3):
            pass
except TypeError as e:
    print("TypeError", e)
class Bad:
    __match_args__ = ["x"]
try:
    match Bad():
        case Bad(1):
            pass
except TypeError as e:
    print("TypeError", e)
try:
    match Point(1, 2):
        case Point(1, x=1):
            pass
except TypeError as e:
    print("TypeError", e)
match Point(1, 2):
    case Point(missing=1):
        print("no")
    case Point():
        print("missing attribute means no match; Point() matches any Point")
try:
    match 1:
        case len():
            pass
except TypeError as e:
    print("TypeError", e)
from_args = Point(7, 8)
match from_args:
    case Point(x=7) as whole:
        print("as on class pattern", whole.y)
