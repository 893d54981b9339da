# Every construct that binds a name
import sys as system
from sys import maxsize as ms
print(system.maxsize == ms)
for loop_var in range(2):
    pass
print(loop_var)
class CM:
    def __enter__(self): return "entered"
    def __exit__(self, *a): return False
with CM() as maybe:
    pass
print(maybe)
try:
    raise ValueError("v")
except ValueError as exc:
    print("bound in handler:", exc)
try:
    exc
except NameError as e:
    print("exc unbound after handler:", e)
def function_name(): pass
class ClassName: pass
print(function_name.__name__, ClassName.__name__)
(walrus := 5)
print(walrus)
a, (b, [c, *d]) = 1, (2, [3, 4, 5])
print(a, b, c, d)
match {"key": "val"}:
    case {"key": captured}:
        print("match bound", captured)
lambda_bound = lambda param: param
print(lambda_bound(1))
x = y = z = 0
print(x, y, z)
def param_binding(pos, /, normal, *args, kw, **kwargs):
    return sorted(locals())
print(param_binding(1, 2, 3, kw=4, extra=5))
import builtins
def import_in_func():
    import sys
    from sys import argv
    return sorted(locals())
print(import_in_func())
exc = "rebound"
try:
    1 / 0
except ZeroDivisionError as exc:
    pass
print("exc" in globals())
[listed] = [7]
print(listed)
for i, (j, k) in enumerate([(1, 2)]):
    print(i, j, k)
obj = type("O", (), {})()
obj.attr = 1
for obj.attr in [10, 20]:
    pass
print(obj.attr)
store = {}
for store["k"] in "ab":
    pass
print(store)
