# Binary operator special methods, all of them
class V:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"V({self.v!r})"
    def __add__(self, o): return V(("add", self.v, o))
    def __sub__(self, o): return V(("sub", self.v, o))
    def __mul__(self, o): return V(("mul", self.v, o))
    def __matmul__(self, o): return V(("matmul", self.v, o))
    def __truediv__(self, o): return V(("truediv", self.v, o))
    def __floordiv__(self, o): return V(("floordiv", self.v, o))
    def __mod__(self, o): return V(("mod", self.v, o))
    def __divmod__(self, o): return ("divmod", self.v, o)
    def __pow__(self, o, mod=None): return V(("pow", self.v, o, mod))
    def __lshift__(self, o): return V(("lshift", self.v, o))
    def __rshift__(self, o): return V(("rshift", self.v, o))
    def __and__(self, o): return V(("and", self.v, o))
    def __xor__(self, o): return V(("xor", self.v, o))
    def __or__(self, o): return V(("or", self.v, o))
    def __neg__(self): return V(("neg", self.v))
    def __pos__(self): return V(("pos", self.v))
    def __abs__(self): return V(("abs", self.v))
    def __invert__(self): return V(("invert", self.v))
a = V(1)
print(a + 2)
print(a - 2)
print(a * 2)
print(a @ 2)
print(a / 2)
print(a // 2)
print(a % 2)
print(divmod(a, 2))
print(a ** 2)
print(pow(a, 2, 5))
print(a << 2)
print(a >> 2)
print(a & 2)
print(a ^ 2)
print(a | 2)
print(-a, +a, abs(a), ~a)
for op in ["2 + a", "2 @ a", "divmod(2, a)", "pow(2, a, 3)"]:
    try:
        print(eval(op))
    except TypeError as e:
        print("TypeError", e)
class Plain:
    pass
p = Plain()
for expr in ["p + 1", "1 - p", "p * p", "p @ 1", "p / 1", "p // 1", "p % 1", "p ** 1",
             "p << 1", "p >> 1", "p & 1", "p ^ 1", "p | 1", "-p", "+p", "~p", "abs(p)", "divmod(p, 1)"]:
    try:
        eval(expr)
    except TypeError as e:
        print(expr, "->", e)
