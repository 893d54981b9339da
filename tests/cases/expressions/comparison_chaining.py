# Comparison chaining evaluates each operand at most once
def v(x):
    print(f"  eval {x}")
    return x
print(v(1) < v(2) < v(3))
print(v(1) < v(0) < v(3))
print(v(3) > v(2) == v(2) != v(5))
print(1 < 2 > 1, 1 == 1 == 1.0)
x = 5
print(0 < x < 10, 0 < x > 10, 10 > x >= 5, x == 5 != 6)
print(1 < 2 < 3 < 4 < 5 < 4)
print([1, 2] == [1, 2] is not None)
print("a" < "b" < "c" in "abc")
print(1 in [1] in [[1]], 2 not in [1] not in [[1]])
a = [1]
b = a
print(a is b is a, a is not b, list() is list(), tuple() is tuple())
print((1 < 2) < 3, 1 < (2 < 3), (1 < 2) == True)
class Cmp:
    def __init__(self, n): self.n = n
    def __lt__(self, o):
        print(f"  {self.n} < {o.n}")
        return "truthy-string" if self.n < o.n else ""
print(Cmp(1) < Cmp(2) < Cmp(3))
print(repr(Cmp(2) < Cmp(1) < Cmp(3)))
print(repr(Cmp(1) < Cmp(2)))
print(1 < 2.5 < 3, 2 == 2.0 == 2 + 0j, float("nan") < 1 or float("nan") >= 1)
try:
    print(1 < 2 < "x")
except TypeError as e:
    print("TypeError", e)
print(3 > 2 < "x" if False else "lazy ok", 2 > 3 < "x")
print(None == None, None != 0, None is None, not None)
print((1, 2, 3) < (1, 2, 4), (1, 2) < (1, 2, 0), [3] > [2, 9], "abc" < "abd", "Z" < "a", "" < "a")
print((1, "a") < (1, "b"), (1, float("nan")) == (1, float("nan")))
try:
    (1, "a") < (1, 2)
except TypeError as e:
    print("TypeError", e)
print(b"a" < b"b", bytearray(b"a") == b"a", {1: 2} == {1: 2}, {1} < {1, 2}, {1, 2} <= {1, 2}, {1} > set())
