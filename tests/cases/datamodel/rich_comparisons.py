# Rich comparisons, reflection and defaults
class C:
    def __init__(self, v): self.v = v
    def __repr__(self): return f"C{self.v}"
    def __lt__(self, o):
        print(f"  {self!r}.__lt__({o!r})")
        return NotImplemented if not isinstance(o, C) else self.v < o.v
    def __gt__(self, o):
        print(f"  {self!r}.__gt__({o!r})")
        return NotImplemented if not isinstance(o, C) else self.v > o.v
    def __eq__(self, o):
        print(f"  {self!r}.__eq__({o!r})")
        return NotImplemented if not isinstance(o, C) else self.v == o.v
a, b = C(1), C(2)
print(a < b)
print(a > b)
print(a == b)
print(a != b)
print(1 < a if False else "skip")
try:
    print(a < 1)
except TypeError as e:
    print("TypeError", e)
try:
    print(a <= b)
except TypeError as e:
    print("TypeError", e)
print(a == 1, a != 1)
class D(C):
    def __lt__(self, o):
        print(f"  D.__lt__")
        return "D-lt"
    def __gt__(self, o):
        print(f"  D.__gt__")
        return "D-gt"
print(C(1) < D(2))
print(D(1) > C(2))
class P: pass
p, q = P(), P()
print(p == p, p == q, p != q, p != p)
for expr in ["p < q", "p >= q", "1 < 'a'", "[1] < (1,)", "None < None", "{} < {}"]:
    try:
        print(eval(expr))
    except TypeError as e:
        print(expr, "->", e)
class NeOnly:
    def __eq__(self, o):
        return "custom-eq"
print(NeOnly() != 1, NeOnly() == 1)
class Weird:
    def __ne__(self, o):
        return "custom-ne"
print(Weird() != 1, Weird() == Weird())
print([C(1)] == [C(1)])
x = C(5)
print([x] == [x])
print(sorted([C(3), C(1), C(2)], key=lambda c: c.v))
print(max([3, 1, 2]), min("bca"))
print(1 == 1.0, 1 == True, (1, 2) < (1, 3), [1, 2] < [1, 2, 0], "a" < "b" < "c")
print(float("nan") == float("nan"), float("nan") != float("nan"))
n = float("nan")
print(n in [n], [n] == [n], (n,) == (n,))
