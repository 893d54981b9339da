# __instancecheck__ / __subclasscheck__ on metaclasses
class EvenMeta(type):
    def __instancecheck__(cls, obj):
        print("  __instancecheck__", obj)
        return isinstance(obj, int) and obj % 2 == 0
    def __subclasscheck__(cls, sub):
        print("  __subclasscheck__", sub.__name__)
        return sub in (int, bool)
class Even(metaclass=EvenMeta): pass
print(isinstance(2, Even), isinstance(3, Even), isinstance("x", Even))
print(issubclass(int, Even), issubclass(str, Even))
print(isinstance(4, (str, Even)))
e = Even()
print(isinstance(e, Even))
class Duck:
    def __instancecheck__(self, obj):
        return True
print(isinstance(1, Duck))  # only looked up on the type of the class
print(isinstance(True, int), isinstance(1, bool), issubclass(bool, int), issubclass(int, object))
print(isinstance(1, (str, (float, int))), issubclass(bool, ((str,), int)))
try:
    isinstance(1, 1)
except TypeError as e:
    print("TypeError", e)
try:
    issubclass(1, int)
except TypeError as e:
    print("TypeError", e)
try:
    issubclass(int, "x")
except TypeError as e:
    print("TypeError", e)
class A: pass
class B(A): pass
print(issubclass(B, A), issubclass(A, B), issubclass(A, A), isinstance(B(), A))
print(isinstance(A, type), isinstance(type, type), isinstance(type, object), isinstance(object, type))
class Liar:
    __class__ = int
l = Liar()
print(type(l).__name__, l.__class__.__name__, isinstance(l, int), isinstance(l, Liar))
class Truthy(type):
    def __instancecheck__(cls, obj):
        return "yes"
class T(metaclass=Truthy): pass
print(isinstance(1, T))
class Raising(type):
    def __subclasscheck__(cls, sub):
        raise RuntimeError("nope")
class R(metaclass=Raising): pass
try:
    issubclass(int, R)
except RuntimeError as e:
    print("RuntimeError", e)
print(isinstance(R(), R))
