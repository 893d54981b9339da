# Shadowing and restoring builtins; the __builtins__ name
print(len("abc"))
len = lambda x: "shadowed"
print(len("abc"))
del len
print(len("abc"))
import builtins
print(builtins.len is len, type(builtins).__name__)
def uses_print():
    return print.__name__
print(uses_print())
builtins.custom_builtin = "visible everywhere"
print(custom_builtin)
def f():
    return custom_builtin
print(f())
del builtins.custom_builtin
try:
    custom_builtin
except NameError as e:
    print("NameError", e)
orig_abs = builtins.abs
builtins.abs = lambda x: "patched abs"
print(abs(-1))
builtins.abs = orig_abs
print(abs(-1))
def local_shadow():
    max = min
    return max([3, 1, 2])
print(local_shadow(), max([3, 1, 2]))
def list_shadow():
    list = "not a list"
    return [list]
print(list_shadow())
print(type(__builtins__).__name__ in ("module", "dict"))
print(__name__, __doc__)
True_ = True
print(True_ is True)
try:
    exec("True = 1")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    exec("None = 1")
except SyntaxError as e:
    print("SyntaxError", e.msg)
Ellipsis = "shadowed Ellipsis"
print(Ellipsis, ...)
del Ellipsis
print(Ellipsis)
print(sorted(n for n in dir(builtins) if n.endswith("Error"))[:8])
print(hasattr(builtins, "__import__"), callable(builtins.__build_class__))
