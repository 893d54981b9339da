# super() in its various forms
class A:
    def m(self): return "A.m"
    @classmethod
    def cm(cls): return f"A.cm({cls.__name__})"
    @staticmethod
    def sm(): return "A.sm"
    def __repr__(self): return "A-repr"
    attr = "A.attr"
class B(A):
    def m(self): return "B.m>" + super().m()
    @classmethod
    def cm(cls): return "B.cm>" + super().cm()
    @staticmethod
    def sm(): return "B.sm>" + super(B, B).sm()
    def explicit(self): return super(B, self).m()
    def skip(self): return super(A, self).__repr__ is not None
    def get_attr(self): return super().attr
class C(B):
    def m(self): return "C.m>" + super().m()
    def grand(self): return super(B, self).m()
c = C()
print(c.m(), C.cm(), c.cm(), C.sm(), c.explicit(), c.grand(), c.skip(), c.get_attr())
s = super(B, c)
print(type(s).__name__, s.m(), super(C, C).cm())
print(super(B, B).m(c))
try:
    super(B, 5)
except TypeError as e:
    print("TypeError", e)
def outside():
    return super().m()
try:
    outside()
except RuntimeError as e:
    print("RuntimeError", e)
class D(A):
    def nested(self):
        def inner():
            return super().m()
        return inner()
try:
    D().nested()
except RuntimeError as e:
    print("RuntimeError", e)
class E(A):
    def lam(self):
        return (lambda: super().m())()
    def comp(self):
        return [super().m() for _ in range(1)]
for meth in ("lam", "comp"):
    try:
        print(getattr(E(), meth)())
    except (RuntimeError, TypeError) as e:
        print(meth, type(e).__name__, e)
class F(A):
    def m(self):
        return super().missing()
try:
    F().m()
except AttributeError as e:
    print("AttributeError", e)
class G(A):
    def __init__(self):
        super().__init__()
        self.ok = True
print(G().ok)
class H:
    def __init__(self, v):
        super().__init__()
        self.v = v
class I(H):
    def __init__(self):
        super().__init__(10)
print(I().v)
class Cls(A):
    def m(self):
        __class__ = None
        return "shadowed __class__ local"
print(Cls().m())
class UsesClassCell(A):
    def who(self):
        return __class__.__name__
print(UsesClassCell().who())
class SetAttrSuper(A):
    def __setattr__(self, k, v):
        super().__setattr__(k, v * 2)
sa = SetAttrSuper(); sa.x = 4
print(sa.x)
