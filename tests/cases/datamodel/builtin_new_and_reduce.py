# A builtin type's `__new__` is a builtin method bound to the type (CPython's
# `tp_new_wrapper`), inherited as is by subclasses; bound methods, method descriptors and
# builtin methods pickle as `getattr(owner, name)`; `type.__flags__` carries the heap-type
# and abstract bits that copyreg and inspect read.
import abc
import copy
import copyreg
import inspect
import pickle
import re


def show(x):
    print(re.sub(r"0x[0-9a-f]+", "0x...", repr(x)))


class MyList(list):
    pass


class MyInt(int):
    pass


class MyTuple(tuple):
    pass


class MyDict(dict):
    pass


class MyFloat(float):
    pass


class MyIntWithNew(int):
    def __new__(cls, v):
        return super().__new__(cls, v * 2)


types = (int, float, tuple, list, dict, str, bytes, bytearray, set, frozenset, complex, object, type)
for t in types:
    new = t.__dict__["__new__"]
    print(t.__name__, type(new).__name__, new is t.__new__, new.__self__ is t, new.__qualname__, new.__module__)
show(list.__new__)
print(MyList.__new__ is list.__new__, MyIntWithNew.__new__ is int.__new__)
print(list.__new__ == list.__new__, list.__new__ != tuple.__new__)
print(list.__new__.__reduce__())

show(int.__new__(MyInt, 5))
show(type(int.__new__(MyInt, 5)))
show(tuple.__new__(MyTuple, [1, 2]))
show(float.__new__(MyFloat, "2.5"))
show(list.__new__(MyList))
show(dict.__new__(MyDict))
show(str.__new__(str, "x"))
show(set.__new__(set))

for call in (
    lambda: object.__new__(MyList),
    lambda: object.__new__(MyInt),
    lambda: object.__new__(MyIntWithNew),
    lambda: int.__new__(bool),
    lambda: list.__new__(int),
    lambda: list.__new__(),
    lambda: list.__new__(5),
    lambda: int.__new__(list),
    lambda: tuple.__new__(MyList),
):
    try:
        show(call())
    except TypeError as e:
        print("TypeError:", e)

# Builtin methods: `__self__`, `__reduce__`, equality.
print(bytearray.maketrans.__self__ is bytearray, bytearray.maketrans.__reduce__())
print([].append.__reduce__()[0] is getattr, dict.fromkeys.__reduce__())
print(str.__dict__["upper"].__reduce__(), list.__dict__["__len__"].__reduce__())
print(len.__reduce__(), len == len, dict.fromkeys == dict.fromkeys, [].append == [].append)
lst = []
print(lst.append == lst.append, hash(lst.append) == hash(lst.append))
show(dict.__dict__["fromkeys"])
show(int.__dict__["real"])
print(int.__dict__["real"].__get__(5), int.__dict__["real"].__name__, int.__dict__["real"].__qualname__)
try:
    int.__dict__["real"].__get__("x")
except TypeError as e:
    print("TypeError:", e)
try:
    int.__dict__["real"].__set__(5, 6)
except AttributeError as e:
    print("AttributeError:", e)


# Bound methods pickle by `getattr(obj, name)`.
class A:
    def f(self):
        return 42

    @classmethod
    def c(cls):
        return cls.__name__


a = A()
print(a.f.__reduce__()[1][1], A.c.__reduce__()[1])
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    m = pickle.loads(pickle.dumps(A.c, proto))
    n = pickle.loads(pickle.dumps(list.__new__, proto))
    s = pickle.loads(pickle.dumps(bytearray.maketrans, proto))
    f = pickle.loads(pickle.dumps(dict.fromkeys, proto))
    print(proto, m(), n is list.__new__, s(b"a", b"b")[97], f("ab"))

# Subclasses of builtins round-trip at every protocol (copyreg._reconstructor at 0 and 1).
x = MyList([1, 2])
x.foo = 1
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    y = pickle.loads(pickle.dumps(x, proto))
    t = pickle.loads(pickle.dumps(MyTuple((1, 2)), proto))
    i = pickle.loads(pickle.dumps(MyInt(7), proto))
    d = pickle.loads(pickle.dumps(MyDict(a=1), proto))
    print(proto, type(y).__name__, y, y.__dict__, type(t).__name__, t, type(i).__name__, i, type(d).__name__, d)
print(copy.copy(x), copy.deepcopy(MyTuple((1, [2]))))

# Builtin types that are not heap types cannot be pickled by copyreg's fallback.
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    for obj in (dict.__dict__["fromkeys"], int.__dict__["real"], bytearray.__dict__["maketrans"]):
        try:
            pickle.dumps(obj, proto)
            print(proto, "pickled")
        except TypeError as e:
            print(proto, "TypeError:", e)


class Abstract(abc.ABC):
    @abc.abstractmethod
    def f(self):
        pass


HEAP, BASE, ABSTRACT, IMMUTABLE = 1 << 9, 1 << 10, 1 << 20, 1 << 8
for t in (object, int, bool, list, dict, type, MyList, Abstract, range, memoryview):
    fl = t.__flags__
    print(t.__name__, bool(fl & HEAP), bool(fl & BASE), bool(fl & ABSTRACT), bool(fl & IMMUTABLE))
print(inspect.isabstract(Abstract), inspect.isabstract(MyList))
for base in (memoryview, range, bool, type(len)):
    try:
        type("X", (base,), {})
    except TypeError as e:
        print("TypeError:", e)
