# NameError / AttributeError with "Did you mean" suggestions (shown only in tracebacks)
# str(e) does not include suggestions; the traceback display does. We show str(e) and name/obj.
length = 5
try:
    lenght
except NameError as e:
    print(e, "| name =", e.name)
try:
    pritn("x")
except NameError as e:
    print(e, "| name =", e.name)
class C:
    value = 1
    def method(self): pass
try:
    C().vaule
except AttributeError as e:
    print(e, "| name =", e.name, "| obj is C:", type(e.obj).__name__)
try:
    C.methd
except AttributeError as e:
    print(e, "| name =", e.name)
try:
    [].apend(1)
except AttributeError as e:
    print(e, "| name =", e.name)
e2 = NameError("custom", name="xyz")
print(e2, e2.name)
a2 = AttributeError("custom", name="n", obj=5)
print(a2, a2.name, a2.obj)
print(NameError().name, AttributeError().name, AttributeError().obj)
import sys
print(sys.getrecursionlimit() > 0)
def f():
    localvar = 1
    return localvr
try:
    f()
except NameError as e:
    print(e, "| name =", e.name)
# finally: an uncaught one, so the suggestion appears in stderr
somevariable = 1
print(somevarable)
