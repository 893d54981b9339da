# Calls that leave trailing parameters to their defaults, in loops (the inlined call path).
def f(a, b=2, c=[]):
    c.append(a)
    return a + b, len(c)

for i in range(3):
    print(f(i), f(i, 10), f(i, 1, [0]))

def g(x=1, y=2):
    return x * 10 + y

print([g() for _ in range(2)], g(5), g(5, 6))
g.__defaults__ = (7, 8)
print(g(), g(1))
g.__defaults__ = (9,)
print(g(1))
try:
    g()
except TypeError as e:
    print(e)
g.__defaults__ = None
try:
    g(1)
except TypeError as e:
    print(e)

class C:
    def m(self, k=3):
        return k * 2
c = C()
print(sum(c.m() for _ in range(4)), c.m(1))

def rec(n, acc=0):
    if n == 0:
        return acc
    return rec(n - 1, acc + n)
print(rec(50))

def boom(a, b=None):
    return a / b
try:
    boom(1)
except TypeError as e:
    print(type(e).__name__, e)
boom(1)
