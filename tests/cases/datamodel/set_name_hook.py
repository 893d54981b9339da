# __set_name__ is called at class creation
class Field:
    def __set_name__(self, owner, name):
        print("  __set_name__", owner.__name__, name)
        self.owner = owner.__name__
        self.name = name
print("defining")
class Model:
    a = Field()
    b = Field()
    c = 5
print("defined")
print(Model.a.name, Model.b.name, Model.a.owner)
f = Field()
class Late: pass
Late.x = f
print(hasattr(f, "name"))
class Twice:
    x = y = Field()
print(Twice.x.name)
class Boom:
    def __set_name__(self, owner, name):
        raise ValueError("bad name " + name)
try:
    class Broken:
        attr = Boom()
except Exception as e:
    print(type(e).__name__, e)
    print("cause:", type(e.__cause__).__name__ if e.__cause__ else None)
class NotCallableSetName:
    __set_name__ = 5
try:
    class X:
        a = NotCallableSetName()
except RuntimeError as e:
    print("RuntimeError", e, "|", type(e.__cause__).__name__, e.__cause__)
def deco_check():
    class Inner:
        fld = Field()
    return Inner
print(deco_check().fld.owner)
T = type("Dyn", (), {"q": Field()})
print(T.q.name, T.q.owner)
class Meta(type):
    def __new__(mcls, name, bases, ns):
        print("  Meta.__new__ before set_name", name)
        cls = super().__new__(mcls, name, bases, ns)
        print("  Meta.__new__ after", name)
        return cls
class WithMeta(metaclass=Meta):
    z = Field()
