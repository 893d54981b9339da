# __del__ runs when the last reference goes away (deterministic refcounting)
class Res:
    def __init__(self, name):
        self.name = name
        print("open", name)
    def __del__(self):
        print("close", self.name)
r = Res("a")
print("before del")
del r
print("after del")
r = Res("b")
r = Res("c")
print("rebound")
r = None
print("set to None")
def f():
    x = Res("local")
    print("in f")
f()
print("after f")
lst = [Res("in-list")]
lst.pop()
print("popped")
d = {"k": Res("in-dict")}
del d["k"]
print("deleted key")
a = Res("shared")
b = a
del a
print("a deleted, b alive")
del b
print("b deleted")
def g():
    return Res("temp")
g()
print("temp discarded")
print(g().name)
print("after expression")
class Raiser:
    def __del__(self):
        print("__del__ of Raiser runs")
def h():
    obj = Raiser()
    raise ValueError("boom")
try:
    h()
except ValueError as e:
    print("caught", e)
print("after catch")
class Resurrect:
    saved = []
    def __del__(self):
        print("resurrect")
        Resurrect.saved.append(self)
x = Resurrect()
del x
print(len(Resurrect.saved))
Resurrect.saved.clear()
print("cleared (no second __del__)")
final = Res("module-end")
print("end of module")
