# __dict__ and __slots__ on instances
class P:
    def __init__(self):
        self.a = 1
        self.b = 2
p = P()
print(p.__dict__, sorted(vars(p)))
p.__dict__["c"] = 3
print(p.c, "c" in dir(p))
del p.a
print(p.__dict__)
p.__dict__ = {"z": 26}
print(p.z, hasattr(p, "b"))
try:
    p.__dict__ = 5
except TypeError as e:
    print("TypeError", e)
class S:
    __slots__ = ("x", "y")
    def __init__(self):
        self.x = 1
s = S()
print(s.x, hasattr(s, "__dict__"), S.__slots__, type(S.__dict__["x"]).__name__)
try:
    s.y
except AttributeError as e:
    print("AttributeError", e)
try:
    s.z = 3
except AttributeError as e:
    print("AttributeError", e)
s.y = 5
del s.x
print(s.y, hasattr(s, "x"))
class SD:
    __slots__ = ("a", "__dict__")
sd = SD()
sd.a = 1
sd.b = 2
print(sd.a, sd.__dict__)
class Child(S):
    pass
ch = Child()
ch.extra = "has dict"
print(ch.__dict__, ch.x)
try:
    class Conflict:
        __slots__ = ("v",)
        v = 1
except ValueError as e:
    print("ValueError", e)
