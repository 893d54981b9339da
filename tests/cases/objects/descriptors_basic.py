# Simple data and non-data descriptors
class Data:
    def __get__(self, obj, objtype=None):
        return ("get", obj is None, objtype.__name__)
    def __set__(self, obj, value):
        print("set", value)
    def __delete__(self, obj):
        print("delete")
class NonData:
    def __get__(self, obj, objtype=None):
        return "nondata"
class C:
    d = Data()
    n = NonData()
c = C()
print(C.d, c.d, c.n)
c.d = 5
del c.d
c.__dict__["d"] = "instance"
print(c.d)
c.n = "shadowed"
print(c.n, C.n)
class Named:
    def __set_name__(self, owner, name):
        self.name = name
        self.owner = owner.__name__
    def __get__(self, obj, t=None):
        return f"{self.owner}.{self.name}"
class H:
    first = Named()
    second = Named()
print(H().first, H.second)
print(type(C.__dict__["d"]).__name__, hasattr(Data, "__set__"))
