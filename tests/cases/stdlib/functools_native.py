import functools, _functools, pickle, copy
from functools import partial, reduce, cmp_to_key
print(partial is _functools.partial, reduce is _functools.reduce, cmp_to_key is _functools.cmp_to_key)
def f(*a, **k): return a, k
p = partial(f, 1, 2, x=3)
print(p(4, y=5), p(x=9), p.func is f, p.args, p.keywords)
print(repr(p).replace(repr(f), "F"))
q = partial(p, 7, z=1)
print(q.func is f, q.args, q.keywords, q())
class P(partial): pass
r = P(f, 1); print(repr(r).replace(repr(f), "F"), r(2))
p.attr = 5; print(p.__dict__)
q2 = partial(p, 8); print(q2.func is p)
try: partial()
except TypeError as e: print(e)
try: partial(3)
except TypeError as e: print(e)
s = pickle.loads(pickle.dumps(partial(max, 1, key=abs)))
print(s(-5, 3), s.args, s.keywords)
print(partial(max, 1).__reduce__())
c = copy.deepcopy(partial(f, [1]))
print(c())
try: p.func = 3
except AttributeError as e: print(type(e).__name__)
print(partial[int])
print(reduce(lambda a, b: a + b, [1, 2, 3]), reduce(lambda a, b: a * b, [], 7))
for args in [(lambda a, b: a, []), (lambda a, b: a, 3), (1,), (1, 2, 3, 4)]:
    try: reduce(*args)
    except TypeError as e: print(e)
def cmp(a, b): return (a > b) - (a < b)
print(sorted([3, 1, 2], key=cmp_to_key(cmp)), sorted("bca", key=cmp_to_key(lambda a, b: -cmp(a, b))))
K = cmp_to_key(cmp)
k1, k2 = K(1), K(2)
print(k1 < k2, k1 == k2, k1 >= k2, k1.obj, type(k1).__name__, K.__hash__ if hasattr(K, "__hash__") else None)
try: hash(k1)
except TypeError as e: print(e)
try: k1 < 3
except TypeError as e: print(e)
r = partial(f)
r.x = r
print(repr(partial(f, partial(f))).count("functools.partial"))
@functools.lru_cache(maxsize=2)
def sq(x): return x * x
print(sq(2), sq(2), sq(3), sq.cache_info())
m = partial(f, a=1)
print(m(a=2), m(b=3))
print(functools.partialmethod, functools.singledispatch(lambda x: 1)(3))
import collections
try: hash(collections.deque())
except TypeError as e: print(e)
# partial subclass with its own attributes is not flattened; setstate validation
class Q(partial): pass
x = Q(f, 1); x.tag = "t"
y = partial(x, 2); print(y.func is x, y.args)
z = partial(f)
for st in [3, (f,), (3, (), None, None), (f, [1], None, None)]:
    try: z.__setstate__(st); print("ok", z.args)
    except TypeError as e: print(type(e).__name__)
z.__setstate__((f, (1,), {"k": 2}, {"d": 1})); print(z(), z.__dict__)
