# __hash__ / __eq__ interplay
class OnlyEq:
    def __eq__(self, o): return True
print(OnlyEq.__hash__)
try:
    hash(OnlyEq())
except TypeError as e:
    print("TypeError", e)
try:
    {OnlyEq()}
except TypeError as e:
    print("TypeError", e)
try:
    {OnlyEq(): 1}
except TypeError as e:
    print("TypeError", e)
class Both:
    def __init__(self, k): self.k = k
    def __eq__(self, o): return isinstance(o, Both) and self.k == o.k
    def __hash__(self): return hash(self.k)
    def __repr__(self): return f"Both({self.k})"
s = {Both(1), Both(1), Both(2)}
print(len(s), Both(1) in s, Both(3) in s)
d = {Both("a"): 1}
d[Both("a")] = 2
print(d)
class Explicit:
    __hash__ = None
try:
    hash(Explicit())
except TypeError as e:
    print("TypeError", e)
class Parent:
    def __hash__(self): return 42
class Child(Parent):
    def __eq__(self, o): return False
print(Child.__hash__)
try:
    hash(Child())
except TypeError as e:
    print("TypeError", e)
class Child2(Parent):
    def __eq__(self, o): return False
    __hash__ = Parent.__hash__
print(hash(Child2()))
class Plain: pass
p = Plain()
print(hash(p) == hash(p), p == p, Plain.__hash__ is object.__hash__)
class BigHash:
    def __hash__(self): return 2**100
print(hash(BigHash()))
class NegOne:
    def __hash__(self): return -1
print(hash(NegOne()))
class BadHash:
    def __hash__(self): return "x"
try:
    hash(BadHash())
except TypeError as e:
    print("TypeError", e)
print(hash(1) == hash(1.0) == hash(True), hash(-1), hash(-2), hash(0.5), hash(()) == hash(()))
print(hash(2**61 - 1), hash(2**61), hash(-2**61), hash(float("inf")), hash(10**20))
for x in [[], {}, set(), bytearray()]:
    try:
        hash(x)
    except TypeError as e:
        print("TypeError", e)
try:
    hash(([],))
except TypeError as e:
    print("TypeError", e)
print(hash(frozenset()) == hash(frozenset()), type(hash("abc")).__name__)
class EqInSub(int):
    def __eq__(self, o): return True
try:
    hash(EqInSub(3))
except TypeError as e:
    print("TypeError", e)
