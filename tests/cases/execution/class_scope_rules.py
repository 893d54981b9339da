# Class scopes are not enclosing scopes for methods
a = "module a"
class C:
    a = "class a"
    def m(self):
        return a
    @staticmethod
    def s():
        return a
    lam = staticmethod(lambda: a)
    b = a + " seen in body"
print(C().m(), C.s(), C.lam(), C.b)
def f():
    v = "function v"
    class D:
        v = "class v"
        def get(self):
            return v
        w = v
    return D().get(), D.w
print(f())
def g():
    v = "enclosing v"
    class E:
        try:
            print("  in E, v =", v)
        except NameError as e:
            print("  NameError", e)
        v = "E's v"
        print("  in E after, v =", v)
    return E.v
print(g())
def h():
    z = "enclosing z"
    class F:
        global z
        z = "assigned via global"
    return z
print(h(), z)
def i():
    x = "free x"
    class G:
        y = x
    return G.y
print(i())
class Counter:
    count = 0
    def incr(self):
        Counter.count += 1
        self.count += 100
        return self.count
cc = Counter()
print(cc.incr(), Counter.count, cc.count)
class Nested:
    val = 1
    class Inner:
        try:
            got = val
        except NameError as e:
            got = "NameError: " + str(e)
print(Nested.Inner.got)
def make_class(param):
    class X:
        attr = param
        def meth(self):
            return param
    return X
X1 = make_class("p1")
print(X1.attr, X1().meth())
class L:
    locals_snapshot = sorted(k for k in locals() if not k.startswith("__"))
    q = 1
    locals_after = sorted(k for k in locals() if not k.startswith("__"))
print(L.locals_snapshot, L.locals_after)
