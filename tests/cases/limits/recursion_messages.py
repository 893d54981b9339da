# RecursionError messages name the site CPython 3.11 checks last: frames, builtin calls, repr/str, comparison
class A:
    def __getattr__(self, n): return getattr(self, n + "x")
try: A().foo
except RecursionError as e: print("RecursionError", str(e)[:60])
class I:
    def __iter__(self): return iter(self)
try: list(I())
except RecursionError as e: print("RecursionError", str(e)[:60])
class B:
    def __bool__(self): return bool(self)
try: bool(B())
except RecursionError as e: print("RecursionError", str(e)[:60])
class X:
    def __index__(self): return [1][self]
try: [1][X()]
except RecursionError as e: print("RecursionError", str(e)[:60])
class L:
    def __len__(self): return len(self)
try: len(L())
except RecursionError as e: print("RecursionError", str(e)[:60])
try: bool(L())
except RecursionError as e: print("RecursionError", str(e)[:60])
class H:
    def __hash__(self): return hash(self)
try: hash(H())
except RecursionError as e: print("RecursionError", str(e)[:60])
try: {H(): 1}
except RecursionError as e: print("RecursionError", str(e)[:60])
def f(x): return list(map(f, [x]))
try: f(1)
except RecursionError as e: print("RecursionError", str(e)[:60])
def g(x): return sorted([x, x], key=g)
try: g(1)
except RecursionError as e: print("RecursionError", str(e)[:60])
def h(x): return max([x], key=h)
try: h(1)
except RecursionError as e: print("RecursionError", str(e)[:60])
class C:
    def __init__(self): C()
try: C()
except RecursionError as e: print("RecursionError", str(e)[:60])
class R:
    def __repr__(self): return f"{self!r}"
try: repr(R())
except RecursionError as e: print("RecursionError", str(e)[:60])
class S:
    def __str__(self): return "%s" % self
try: str(S())
except RecursionError as e: print("RecursionError", str(e)[:60])
class F:
    def __format__(self, spec): return format(self, spec)
try: format(F(), "")
except RecursionError as e: print("RecursionError", str(e)[:60])
def ex(n): exec("ex(n+1)")
try: ex(0)
except RecursionError as e: print("RecursionError", str(e)[:60])
class G:
    def __get__(self, o, t): return o.g
class O:
    g = G()
try: O().g
except RecursionError as e: print("RecursionError", str(e)[:60])
class P:
    @property
    def p(self): return self.p
try: P().p
except RecursionError as e: print("RecursionError", str(e)[:60])
class Sa:
    def __setattr__(self, n, v): setattr(self, n, v)
try: Sa().x = 1
except RecursionError as e: print("RecursionError", str(e)[:60])
class Ad:
    def __add__(self, o): return self + o
try: Ad() + 1
except RecursionError as e: print("RecursionError", str(e)[:60])
class Gi:
    def __getitem__(self, i): return self[i]
try: Gi()[0]
except RecursionError as e: print("RecursionError", str(e)[:60])
class Co:
    def __contains__(self, i): return i in self
try: 1 in Co()
except RecursionError as e: print("RecursionError", str(e)[:60])
def gen(n):
    yield from gen(n+1)
try: next(gen(0))
except RecursionError as e: print("RecursionError", str(e)[:60])
class Call:
    def __call__(self): return self()
try: Call()()
except RecursionError as e: print("RecursionError", str(e)[:60])
class Ins(type):
    def __instancecheck__(cls, o): return isinstance(o, cls)
class Z(metaclass=Ins): pass
try: isinstance(1, Z)
except RecursionError as e: print("RecursionError", str(e)[:60])
D = [0]
def g(n):
    D[0] = n
    return sorted([n], key=g2)
def g2(n): return g(n + 1)
for i in range(3):
    try: g(0)
    except RecursionError as e: print(D[0], e)
