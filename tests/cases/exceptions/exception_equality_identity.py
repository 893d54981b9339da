# Exceptions compare by identity; catching re-raised instances; exception as values
a = ValueError("same")
b = ValueError("same")
print(a == b, a == a, a.args == b.args, hash(a) == hash(a))
print(len({a, b}), a in [a], b in [a])
caught = []
for exc in [a, b, a]:
    try:
        raise exc
    except ValueError as e:
        caught.append(e is a)
print(caught)
errors = {KeyError: "missing key", IndexError: "bad index", ZeroDivisionError: "div by zero"}
def classify(fn):
    try:
        fn()
    except tuple(errors) as e:
        return errors[type(e)]
    return "no error"
print(classify(lambda: {}["x"]), classify(lambda: [][1]), classify(lambda: 1 / 0), classify(lambda: 1))
exc_class = TypeError
exc_instance = exc_class("built dynamically")
try:
    raise exc_instance
except exc_class as e:
    print(type(e).__name__, e)
def make_exc(name):
    return type(name, (Exception,), {"__str__": lambda self: f"<{name}>"})
Dyn = make_exc("DynamicError")
try:
    raise Dyn()
except Exception as e:
    print(type(e).__name__, str(e), type(e).__mro__[1].__name__)
print(isinstance(a, Exception), isinstance(ValueError, type), issubclass(type(a), BaseException))
print(ValueError.__name__, ValueError.__module__, ValueError.__qualname__)
import sys
def current():
    return sys.exc_info()[1]
try:
    raise KeyError("active")
except KeyError:
    print("exc_info inside handler:", repr(current()))
print("exc_info outside:", current())
