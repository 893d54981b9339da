import abc, _abc
from abc import ABC, ABCMeta, abstractmethod
print(abc.ABCMeta.__module__, type(abc.ABCMeta))
class A(ABC):
    @abstractmethod
    def f(self): ...
    @abstractmethod
    def g(self): ...
class B(A):
    def f(self): return 1
print(sorted(A.__abstractmethods__), sorted(B.__abstractmethods__))
try: B()
except TypeError as e: print(e)
class C(B):
    def g(self): return 2
print(C().f(), isinstance(C(), A), issubclass(C, A))
class X: pass
print(isinstance(X(), A), issubclass(X, A))
A.register(X)
print(isinstance(X(), A), issubclass(X, A), issubclass(X, B))
t = abc.get_cache_token(); print(type(t))
try: A.register(3)
except TypeError as e: print(e)
try: X.register  # no
except AttributeError as e: print(e)
class D(ABC): pass
try: D.register(D); print("noop ok")
except RuntimeError as e: print(e)
class E(D): pass
try: E.register(D)
except RuntimeError as e: print(e)
import collections.abc as cabc
print(isinstance([], cabc.Sequence), isinstance({}, cabc.Mapping), isinstance(iter([]), cabc.Iterator), isinstance(3, cabc.Hashable), isinstance([], cabc.Hashable))
class It:
    def __iter__(self): return self
    def __next__(self): raise StopIteration
print(isinstance(It(), cabc.Iterator), issubclass(It, cabc.Iterable))
reg, cache, neg, ver = _abc._get_dump(A)
print(len(reg), [r() for r in reg], type(ver))
try: issubclass(3, A)
except TypeError as e: print(e)
class H(ABC):
    @classmethod
    def __subclasshook__(cls, o): return 5
try: issubclass(int, H)
except AssertionError as e: print(e)
import io
A._dump_registry(io.StringIO())
_abc._reset_registry(A); _abc._reset_caches(A)
print(issubclass(X, A))
class M(ABC):
    @abstractmethod
    def a(self): ...
    @property
    @abstractmethod
    def b(self): ...
try: M()
except TypeError as e: print(e)
# a registration invalidates other ABCs' negative caches
class P(ABC): pass
class Q(ABC): pass
class Z: pass
print(issubclass(Z, P), issubclass(Z, Q))
Q.register(Z); print(issubclass(Z, P), issubclass(Z, Q))
class R(Q): pass
print(issubclass(Z, R), _abc._get_dump(R)[3] == abc.get_cache_token())
# virtual subclass of a virtual subclass
class S(ABC): pass
S.register(Q)
print(issubclass(Z, S), isinstance(Z(), S))
class Bad: _abc_impl = 3
try: _abc._abc_instancecheck(Bad, 1)
except TypeError as e: print(e)
# a metaclass that is also an ABC: type's own __abstractmethods__ descriptor is not a value
class Meta(type, A): pass
print(sorted(Meta.__abstractmethods__))
for t in (type, int):
    try: t.__abstractmethods__
    except AttributeError as e: print(e)
