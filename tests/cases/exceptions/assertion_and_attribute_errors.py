# AttributeError details: name/obj attributes, hasattr swallowing, properties
class Slots:
    __slots__ = ("a",)
s = Slots()
try:
    s.a
except AttributeError as e:
    print("AttributeError", e, "| name:", e.name, "| obj is s:", e.obj is s)
try:
    s.b = 1
except AttributeError as e:
    print("AttributeError", e)
class P:
    @property
    def broken(self):
        raise AttributeError("raised inside property")
print(hasattr(P(), "broken"))
class Q:
    @property
    def other_error(self):
        raise KeyError("not swallowed by hasattr")
try:
    hasattr(Q(), "other_error")
except KeyError as e:
    print("KeyError escapes hasattr:", e)
print(getattr(P(), "broken", "default used"))
try:
    None.upper()
except AttributeError as e:
    print("AttributeError", e, "| name:", e.name)
try:
    type.nope
except AttributeError as e:
    print("AttributeError", e)
import sys
try:
    sys.no_such_thing
except AttributeError as e:
    print("AttributeError", e)
try:
    (lambda: 0).nope
except AttributeError as e:
    print("AttributeError", e)
try:
    int.real = 5
except TypeError as e:
    print("TypeError", e)
try:
    "s".upper = None
except AttributeError as e:
    print("AttributeError", e)
