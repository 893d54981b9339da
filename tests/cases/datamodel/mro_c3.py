# C3 linearisation and inconsistent hierarchies
def names(cls):
    return [c.__name__ for c in cls.__mro__]
class O: pass
class A(O): pass
class B(O): pass
class C(O): pass
class D(O): pass
class E(O): pass
class K1(A, B, C): pass
class K2(D, B, E): pass
class K3(D, A): pass
class Z(K1, K2, K3): pass
print(names(Z))
print(names(K1), names(K2), names(K3))
class X: pass
class Y: pass
class XY(X, Y): pass
class YX(Y, X): pass
try:
    class Bad(XY, YX): pass
except TypeError as e:
    print("TypeError", e)
try:
    class Bad2(O, A): pass
except TypeError as e:
    print("TypeError", e)
try:
    class Dup(A, A): pass
except TypeError as e:
    print("TypeError", e)
class Diamond1: 
    def who(self): return "Diamond1"
class L(Diamond1):
    def who(self): return "L>" + super().who()
class R(Diamond1):
    def who(self): return "R>" + super().who()
class Bottom(L, R):
    def who(self): return "Bottom>" + super().who()
print(Bottom().who(), names(Bottom))
print(Bottom.mro() == list(Bottom.__mro__), type(Bottom.mro()).__name__)
print(Bottom.__bases__ == (L, R), Bottom.__base__.__name__, object.__bases__, object.__mro__)
print(names(bool), names(type), [c.__name__ for c in type.__mro__])
try:
    class FromBool(bool): pass
except TypeError as e:
    print("TypeError", e)
try:
    class FromInstance(5): pass
except TypeError as e:
    print("TypeError", e)
class MetaMro(type):
    def mro(cls):
        default = super().mro()
        print("  custom mro for", cls.__name__)
        return default
class Q(metaclass=MetaMro): pass
print(names(Q))
print(names(int), names(dict), names(Exception), names(KeyError))
