# isinstance and issubclass with tuples, unions, ABC-free hierarchies
class A: pass
class B(A): pass
class C: pass
print(isinstance(B(), A), isinstance(A(), B), isinstance(1, (str, int)), isinstance(1, (str, (list, int))))
print(isinstance(1, int | str), isinstance("s", int | str), isinstance(None, int | None), isinstance(1.5, int | str))
print(issubclass(B, A), issubclass(A, B), issubclass(bool, int), issubclass(B, (C, A)), issubclass(int, int | str))
print(issubclass(A, object), isinstance(A, type), isinstance(type, type), isinstance(object, type), issubclass(type, object))
print(isinstance(True, int), isinstance(1, bool), isinstance([], (tuple, list)), isinstance(B(), ()))
for args in [(1, 1), (1, "int"), (1, [int])]:
    try:
        isinstance(*args)
    except TypeError as e:
        print("TypeError", e)
for args in [(1, int), (B, 1), (B, (A, 1))]:
    try:
        print(issubclass(*args))
    except TypeError as e:
        print("TypeError", e)
try:
    isinstance(1, list[int])
except TypeError as e:
    print("TypeError", e)
print(int | str, type(int | str).__name__, (int | str) == (str | int), int | None)
class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == "magic"
    def __subclasscheck__(cls, sub):
        return sub is int
class M(metaclass=Meta):
    pass
print(isinstance("magic", M), isinstance("other", M), issubclass(int, M), issubclass(str, M))
