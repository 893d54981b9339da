# getattr, setattr, hasattr, delattr
class C:
    cls_attr = "class"
    def __init__(self):
        self.x = 1
c = C()
print(getattr(c, "x"), getattr(c, "cls_attr"), getattr(c, "missing", "default"), getattr(C, "cls_attr"))
setattr(c, "y", 2)
setattr(c, "with space", 3)
print(c.y, getattr(c, "with space"), hasattr(c, "y"), hasattr(c, "nope"), sorted(vars(c)))
delattr(c, "y")
print(hasattr(c, "y"))
try:
    getattr(c, "missing")
except AttributeError as e:
    print("AttributeError", e)
try:
    delattr(c, "missing")
except AttributeError as e:
    print("AttributeError", e)
try:
    getattr(c, 1)
except TypeError as e:
    print("TypeError", e)
try:
    setattr(5, "x", 1)
except AttributeError as e:
    print("AttributeError", e)
try:
    setattr(object(), "x", 1)
except AttributeError as e:
    print("AttributeError", e)
try:
    getattr(c)
except TypeError as e:
    print("TypeError", e)
class Raises:
    @property
    def boom(self):
        raise ValueError("property failed")
    @property
    def attr_err(self):
        raise AttributeError("inner attr error")
try:
    hasattr(Raises(), "boom")
except ValueError as e:
    print("ValueError", e)
print(hasattr(Raises(), "attr_err"), getattr(Raises(), "attr_err", "fallback"))
class Dyn:
    def __getattr__(self, name):
        return name.upper()
print(getattr(Dyn(), "abc"), hasattr(Dyn(), "anything"), Dyn().xyz)
print(getattr(1, "real"), getattr("s", "upper")(), getattr([], "__len__")())
