# Private name mangling inside classes
class Account:
    __count = 0
    def __init__(self, owner):
        self.__owner = owner
        Account.__count += 1
    def owner(self):
        return self.__owner
    @classmethod
    def count(cls):
        return cls.__count
a = Account("ann")
Account("bob")
print(a.owner(), Account.count())
print(sorted(k for k in vars(a)), "_Account__count" in vars(Account))
try:
    a.__owner
except AttributeError as e:
    print("AttributeError", e)
print(a._Account__owner)
class Sub(Account):
    def peek(self):
        try:
            return self.__owner
        except AttributeError as e:
            return f"AttributeError: {e}"
print(Sub("cy").peek())
class _Under:
    def m(self):
        return self.__x if hasattr(self, "_Under__x") else "no _Under__x"
    def set(self):
        self.__x = "set"
u = _Under()
print(u.m())
u.set()
print(u.m(), list(vars(u)))
class Dunder:
    def __init__(self):
        self.__both__ = "not mangled"
print(vars(Dunder()))
class M:
    def f(self):
        __local = "locals are mangled too"
        return sorted(locals())
print(M().f())
class G:
    def get(self):
        return getattr(self, "__hidden", "getattr strings are not mangled")
print(G().get())
