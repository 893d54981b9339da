# "except E as name" deletes name at the end of the handler
x = "before"
try:
    raise ValueError("v")
except ValueError as x:
    print("inside:", repr(x))
try:
    print(x)
except NameError as e:
    print("NameError", e)
def func():
    err = "local before"
    try:
        1 / 0
    except ZeroDivisionError as err:
        pass
    try:
        return err
    except UnboundLocalError as e:
        return f"UnboundLocalError: {e}"
print(func())
def keep_it():
    saved = None
    try:
        raise KeyError("k")
    except KeyError as err:
        saved = err
    return repr(saved)
print(keep_it())
try:
    raise TypeError("t")
except TypeError as y:
    y = "reassigned inside handler"
print("y" in globals())
class Holder:
    try:
        raise IndexError("class body")
    except IndexError as class_err:
        msg = str(class_err)
print(Holder.msg, hasattr(Holder, "class_err"))
for i in range(2):
    try:
        raise OSError(i)
    except OSError as loop_err:
        last = loop_err.args
print(last, "loop_err" in globals())
try:
    raise ExceptionGroup("g", [ValueError(1)])
except* ValueError as star_err:
    print("except* name:", type(star_err).__name__)
print("star_err" in globals())
