# types.MethodType(func, obj) builds a bound method, with CPython's argument checks; sys keeps
# the original display and except hooks as __displayhook__/__excepthook__ (doctest restores them).
import types
class C:
    def f(self, *a):
        return (self, a)
bm = types.MethodType(C.f, 5)
print(bm(1), bm.__self__, bm.__func__ is C.f)
for args in [(1, 2), (len, None), (len,), ()]:
    try:
        types.MethodType(*args)
    except TypeError as e:
        print(e)
try:
    types.MethodType(len, 1, x=1)
except TypeError as e:
    print(e)
import sys
print(sys.__displayhook__ is sys.displayhook, sys.__excepthook__ is sys.excepthook)
