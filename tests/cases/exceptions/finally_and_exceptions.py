# Interaction of finally with exceptions in flight
def f1():
    try:
        raise ValueError("in try")
    finally:
        print("  f1 finally (exception still propagating)")
try:
    f1()
except ValueError as e:
    print("caught", e)
def f2():
    try:
        raise ValueError("lost")
    finally:
        return "return in finally discards the exception"
print(f2())
def f3():
    try:
        return "try return"
    finally:
        raise KeyError("finally raise beats the return")
try:
    f3()
except KeyError as e:
    print("KeyError", e)
def f4():
    for i in range(3):
        try:
            raise ValueError(i)
        except ValueError:
            continue
        finally:
            print("  f4 finally", i)
    return "done"
print(f4())
def f5():
    try:
        try:
            raise ValueError("inner")
        finally:
            print("  inner finally sees exception in flight")
    except ValueError:
        print("  outer handler")
        return "handled"
    finally:
        print("  outer finally")
print(f5())
import sys
def f6():
    try:
        raise KeyError("current")
    finally:
        print("  exc_info in finally:", sys.exc_info()[0])
try:
    f6()
except KeyError:
    pass
def f7():
    try:
        pass
    finally:
        print("  exc_info without exception:", sys.exc_info()[0])
f7()
