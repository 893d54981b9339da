# vars() and dir() on classes and instances (sorted output)
class Base:
    base_attr = 1
    def base_method(self):
        pass
class Child(Base):
    child_attr = 2
    def __init__(self):
        self.inst = 3
    def child_method(self):
        pass
c = Child()
print(vars(c), sorted(k for k in vars(Child) if not k.startswith("__")))
print([n for n in dir(c) if not n.startswith("__")])
print([n for n in dir(Child) if not n.startswith("__")])
print(dir(c) == sorted(dir(c)), "__init__" in dir(c), "inst" in dir(Child))
class WithDir:
    def __dir__(self):
        return ["z", "a", "m"]
print(dir(WithDir()))
try:
    vars(5)
except TypeError as e:
    print("TypeError", e)
class Slots:
    __slots__ = ("a",)
try:
    vars(Slots())
except TypeError as e:
    print("TypeError", e)
print(sorted(dir([]))[-11:], len(dir(object)) > 10)
print(type(vars(Child)).__name__, vars(c) is c.__dict__)
def scope():
    a = 1
    b = 2
    return sorted(dir())
print(scope())
