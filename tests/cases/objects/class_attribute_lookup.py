# Attribute lookup order: instance, class, bases; __getattr__ vs __getattribute__
class Base:
    shared = "base"
    def who(self):
        return "Base.who"
class Mid(Base):
    def who(self):
        return "Mid.who -> " + super().who()
class Leaf(Mid):
    shared = "leaf"
l = Leaf()
print(l.shared, l.who(), Base.shared)
l.shared = "instance"
print(l.shared, Leaf.shared)
del l.shared
print(l.shared)
class Fallback:
    exists = 1
    def __getattr__(self, name):
        return f"fallback:{name}"
f = Fallback()
print(f.exists, f.missing)
class Intercept:
    def __init__(self):
        self.real = "real"
    def __getattribute__(self, name):
        if name == "secret":
            return "intercepted"
        return object.__getattribute__(self, name)
i = Intercept()
print(i.secret, i.real)
try:
    i.nothing
except AttributeError as e:
    print("AttributeError", e)
class Both:
    def __getattribute__(self, name):
        raise AttributeError(name)
    def __getattr__(self, name):
        return "getattr after getattribute failed: " + name
print(Both().x)
Leaf.new_class_attr = 42
print(l.new_class_attr)
try:
    Leaf.nope
except AttributeError as e:
    print("AttributeError", e)
