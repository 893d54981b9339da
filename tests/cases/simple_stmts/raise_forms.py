# raise, raise X, raise X(...), raise ... from ..., bare raise
def catch(fn):
    try:
        fn()
    except BaseException as e:
        print(type(e).__name__, repr(e), "| cause:", repr(e.__cause__), "| context:", repr(e.__context__), "| suppress:", e.__suppress_context__)
def r1(): raise ValueError
def r2(): raise ValueError("msg")
def r3(): raise ValueError("a", 2)
def r4(): raise KeyError("k") from OSError("os")
def r5(): raise KeyError("k") from None
def r6():
    try:
        1 / 0
    except ZeroDivisionError:
        raise TypeError("during handling")
def r7():
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise TypeError("explicit") from e
def r8():
    try:
        raise ValueError("inner")
    except ValueError:
        raise
def r9(): raise Exception from ValueError
def r10():
    try:
        1 / 0
    except ZeroDivisionError:
        raise TypeError("ctx kept, display suppressed") from None
for fn in [r1, r2, r3, r4, r5, r6, r7, r8, r9, r10]:
    catch(fn)
for bad in [lambda: exec("raise 5"), lambda: exec("raise ValueError from 5"), lambda: exec("raise object"), lambda: exec("raise int")]:
    catch(bad)
def bare_outside():
    raise
catch(bare_outside)
class NotExc:
    pass
try:
    raise NotExc
except TypeError as e:
    print("TypeError", e)
try:
    raise StopIteration(5)
except StopIteration as e:
    print("StopIteration", e.value, e.args)
def nested_bare():
    try:
        raise KeyError("first")
    except KeyError:
        try:
            raise ValueError("second")
        except ValueError:
            pass
        raise
catch(nested_bare)
e = ValueError("reused")
for i in range(2):
    try:
        raise e
    except ValueError as caught:
        print(i, caught is e)
class MyExc(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
try:
    raise MyExc(42)
except MyExc as e:
    print(e, e.code, e.args)
try:
    raise MyExc
except TypeError as e:
    print("TypeError", e)
