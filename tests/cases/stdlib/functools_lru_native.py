import functools, sys, copy, pickle
from functools import lru_cache

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
fib.cache_clear()
print(fib.cache_info())
print(fib(30), fib.cache_info())

calls = []
@lru_cache(maxsize=3)
def sq(x):
    calls.append(x)
    return x * x
for x in [1, 2, 3, 1, 4, 2, 5, 1, 3]:
    sq(x)
print(calls, sq.cache_info())

@lru_cache(maxsize=2, typed=True)
def t(x):
    calls.append(('t', x, type(x).__name__))
    return x
calls.clear()
t(3); t(3.0); t(3); t(3.0); t(True)
print(calls, t.cache_info())

@lru_cache(maxsize=None, typed=False)
def u(x):
    calls.append(('u', x))
    return x
calls.clear()
print(u(3), u(3.0), u(True), calls, u.cache_info())

@lru_cache
def kw(a, b=2, *, c=3):
    calls.append(('kw', a, b, c))
    return a + b + c
calls.clear()
print(kw(1), kw(1, 2), kw(1, b=2), kw(b=2, a=1), kw(1, c=3), kw(1, c=3), calls, kw.cache_info())
print(kw.cache_parameters(), kw.__wrapped__.__name__, kw.__name__, kw.__qualname__, kw.__doc__, kw.__module__)

@lru_cache(maxsize=0)
def z(x):
    return x + 1
print(z(1), z(1), z.cache_info())

try:
    u([1])
except TypeError as e:
    print('TypeError', e)

class A:
    @lru_cache(maxsize=4)
    def m(self, x):
        return (id(self) != 0, x * 2)
    @staticmethod
    @lru_cache
    def s(x):
        return -x
a = A()
print(a.m(3), a.m(3), A().m(3), A.m.cache_info(), type(A.__dict__['m']).__name__, A.m.__get__(None, A) is A.m)
print(a.s(2), A.s(2), A.s.cache_info())

print(copy.copy(fib) is fib, copy.deepcopy(fib) is fib)
print(pickle.loads(pickle.dumps(fib)) is fib)

# reentrancy: the function clears its own cache while running
@lru_cache(maxsize=2)
def clearing(x):
    if x == 5:
        clearing.cache_clear()
    return x
print([clearing(i) for i in range(8)], clearing.cache_info())

# recursion adds the key before the outer call finishes
for size in (4, None):
    inner = []
    @lru_cache(maxsize=size)
    def rec(n):
        if not inner:
            inner.append(n)
            return ('outer', rec(n))
        return 'inner'
    print(rec(1), rec(1), rec.cache_info())

# exceptions are not cached
@lru_cache
def boom(x):
    calls.append(('boom', x))
    raise ValueError(x)
calls.clear()
for _ in range(2):
    try: boom(1)
    except ValueError as e: print('ValueError', e)
print(calls, boom.cache_info())

# deep recursion
sys.setrecursionlimit(3000)
@lru_cache(maxsize=None)
def deep(n):
    return 0 if n == 0 else deep(n - 1) + 1
print(deep(500))
try:
    deep(100000)
except RecursionError as e:
    print('RecursionError')

# keys by equality
@lru_cache(maxsize=10)
def ident(x):
    return x
print(ident(1), ident(1.0), ident.cache_info())
w = functools._lru_cache_wrapper
print(w.__module__, w.__name__)
try: w(1, 2, False, None)
except TypeError as e: print(e)
try: w(len, 'x', False, None)
except TypeError as e: print(e)
try:
    class S(w): pass
except TypeError as e: print(e)
print(sorted(n for n in dir(fib) if n in ('cache_info', 'cache_clear', '__wrapped__', '__dict__', '__get__', '__call__')))
