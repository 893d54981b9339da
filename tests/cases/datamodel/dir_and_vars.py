# dir(), vars() and __dir__
class A:
    a = 1
    def m(self): pass
class B(A):
    b = 2
    def __init__(self):
        self.inst = 3
obj = B()
names = dir(obj)
print([n for n in names if not n.startswith("__")])
print(names == sorted(names), "__init__" in names, "__class__" in names)
print([n for n in dir(B) if not n.startswith("__")])
class Custom:
    def __dir__(self):
        return ["zeta", "alpha", "alpha"]
print(dir(Custom()))
class BadDir:
    def __dir__(self):
        return 5
try:
    dir(BadDir())
except TypeError as e:
    print("TypeError", e)
print(vars(obj))
try:
    vars(1)
except TypeError as e:
    print("TypeError", e)
class Slotted:
    __slots__ = ("s",)
try:
    vars(Slotted())
except TypeError as e:
    print("TypeError", e)
print(sorted(k for k in vars(A) if not k.startswith("__")))
def f():
    local_x = 1
    local_y = 2
    return sorted(dir())
print(f())
print([n for n in dir() if not n.startswith("__")])
print(sorted(vars().keys())[:3] if False else "skip")
print("append" in dir([]), "keys" in dir({}), "real" in dir(1), "__add__" in dir(1))
print([n for n in dir(int) if not n.startswith("_")])
print([n for n in dir(str) if not n.startswith("_")][:12])
print([n for n in dir(list) if not n.startswith("_")])
try:
    dir(1, 2)
except TypeError as e:
    print("TypeError", e)
