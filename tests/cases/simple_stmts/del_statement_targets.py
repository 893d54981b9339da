# del with attribute/subscript protocols and errors
log = []
class D:
    def __delitem__(self, k):
        log.append(("delitem", k))
    def __delattr__(self, name):
        log.append(("delattr", name))
d = D()
del d[0], d["k"], d[1:2], d[::]
del d.attr, d.other
print(log)
class NoDel:
    def __getitem__(self, k): return k
try:
    del NoDel()[0]
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
x = 1
def del_global():
    global x
    del x
del_global()
print("x" in globals())
try:
    del_global()
except NameError as e:
    print("NameError", e)
def del_unbound():
    if False:
        y = 1
    del y
try:
    del_unbound()
except UnboundLocalError as e:
    print("UnboundLocalError", e)
lst = list(range(10))
del lst[-1], lst[0]
print(lst)
del lst[2:4], lst[0]
print(lst)
dd = {1: "a", 2: "b", 3: "c"}
del dd[1], dd[3]
print(dd)
try:
    del dd[1]
except KeyError as e:
    print("KeyError", e)
class P:
    @property
    def prop(self): return 1
try:
    del P().prop
except AttributeError as e:
    print("AttributeError", e)
class WithDeleter:
    @property
    def prop(self): return 1
    @prop.deleter
    def prop(self): print("  deleter called")
del WithDeleter().prop
import sys
try:
    del sys.nonexistent_attribute
except AttributeError as e:
    print("AttributeError", e)
try:
    del [].append
except AttributeError as e:
    print("AttributeError", e)
