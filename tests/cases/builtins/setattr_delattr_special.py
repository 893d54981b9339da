# setattr/delattr with special names, properties, and class objects
class C:
    @property
    def p(self):
        return "prop"
c = C()
setattr(C, "added", lambda self: "method added via setattr")
print(c.added())
try:
    setattr(c, "p", 1)
except AttributeError as e:
    print("AttributeError", e)
setattr(c, "__dict__", {"fresh": True})
print(vars(c))
try:
    delattr(c, "p")
except AttributeError as e:
    print("AttributeError", e)
delattr(C, "added")
print(hasattr(c, "added"))
try:
    delattr(C, "added")
except AttributeError as e:
    print("AttributeError", e)
try:
    setattr(int, "x", 1)
except TypeError as e:
    print("TypeError", e)
try:
    delattr(c, 5)
except TypeError as e:
    print("TypeError", e)
class Guard:
    def __setattr__(self, name, value):
        print("setattr", name, value)
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        print("delattr", name)
        object.__delattr__(self, name)
g = Guard()
setattr(g, "a", 1)
g.b = 2
delattr(g, "a")
del g.b
print(vars(g))
