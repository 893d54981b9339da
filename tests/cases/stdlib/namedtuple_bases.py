# typing.NamedTuple (plain and Generic) and __bases__ assignment with CPython's checks.
from typing import NamedTuple, Generic, TypeVar
class Point(NamedTuple):
    x: int
    y: int = 0
p = Point(1)
print(p, p._replace(y=3), Point._fields, Point.__bases__, Point.__mro__)
T = TypeVar('T')
class Box(NamedTuple, Generic[T]):
    item: T
print(Box(5), Box[int])
class A: pass
class B: pass
class C(A): pass
C.__bases__ = (B,)
print(C.__mro__, isinstance(C(), B), isinstance(C(), A))
try:
    A.__bases__ = (C,)
except TypeError as e: print(e)
try:
    int.__bases__ = (object,)
except TypeError as e: print(e)
