# __class_getitem__ and builtin generic aliases
class Box:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item!r}]"
print(Box[int], Box["x"], Box[1, 2], Box[()])
print(type(Box.__dict__["__class_getitem__"]).__name__)
class SubBox(Box): pass
print(SubBox[str])
try:
    Box()[0]
except TypeError as e:
    print("TypeError", e)
class NoCGI: pass
try:
    NoCGI[int]
except TypeError as e:
    print("TypeError", e)
print(list[int], dict[str, list[int]], tuple[int, ...], type[int])
print(list[int]([1, 2]), list[int] == list[int], list[int].__origin__, list[int].__args__)
print(type(list[int]).__name__)
print(isinstance([], list), dict[str, int]().__class__.__name__)
try:
    isinstance([], list[int])
except TypeError as e:
    print("TypeError", e)
print(int | str, type(int | str).__name__, (int | None).__args__)
print(isinstance(1, int | str), isinstance(1.0, int | str), issubclass(bool, int | str))
class Meta(type):
    def __getitem__(cls, item):
        return f"Meta getitem {item}"
class WithMeta(metaclass=Meta):
    def __class_getitem__(cls, item):
        return "class_getitem"
print(WithMeta[1])
class Inst:
    def __getitem__(self, i): return "instance getitem"
    def __class_getitem__(cls, i): return "class getitem"
print(Inst()[0], Inst[0])
try:
    int[str]
except TypeError as e:
    print("TypeError", e)
