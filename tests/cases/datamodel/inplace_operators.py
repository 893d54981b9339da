# In-place operators: __iadd__ and fallbacks
class Acc:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"Acc({self.v})"
    def __iadd__(self, o):
        self.v += o
        return self
    def __isub__(self, o):
        self.v -= o
        return self
    def __imul__(self, o):
        return NotImplemented
    def __mul__(self, o):
        return Acc(self.v * o * 10)
    def __ipow__(self, o):
        self.v **= o
        return self
    def __ifloordiv__(self, o):
        return "replaced!"
a = Acc(1)
b = a
a += 5
print(a, b, a is b)
a -= 2
print(a, a is b)
a *= 3
print(a, b, a is b)
c = Acc(2)
c **= 3
print(c)
c //= 2
print(c)
for name in ["__iadd__", "__isub__", "__imul__", "__imatmul__", "__itruediv__", "__ifloordiv__",
             "__imod__", "__ipow__", "__ilshift__", "__irshift__", "__iand__", "__ixor__", "__ior__"]:
    print(name, hasattr(list, name), hasattr(int, name), hasattr(set, name))
l = [1]
m = l
l += (2, 3)
print(l, m, l is m)
try:
    l + (4,)
except TypeError as e:
    print("TypeError", e)
t = (1,)
u = t
t += (2,)
print(t, u, t is u)
s = {1}
s2 = s
s |= {2}
s &= {2, 3}
print(s, s2 is s)
class OnlyAdd:
    def __init__(self, v): self.v = v
    def __add__(self, o): return OnlyAdd(self.v + o)
x = OnlyAdd(1)
y = x
x += 1
print(x.v, y.v, x is y)
class NoOps: pass
n = NoOps()
try:
    n += 1
except TypeError as e:
    print("TypeError", e)
try:
    n @= 1
except TypeError as e:
    print("TypeError", e)
try:
    n **= 2
except TypeError as e:
    print("TypeError", e)
tt = ([1],)
try:
    tt[0] += [2]
except TypeError as e:
    print("TypeError", e)
print(tt)
