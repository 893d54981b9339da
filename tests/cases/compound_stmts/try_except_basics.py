# try / except / else / finally flow
def run(action):
    log = []
    try:
        log.append("try")
        if action == "raise":
            raise ValueError("v")
        if action == "key":
            raise KeyError("k")
        if action == "return":
            return log + ["returned"]
    except ValueError as e:
        log.append(f"except ValueError {e}")
    except (KeyError, IndexError) as e:
        log.append(f"except tuple {e!r}")
    else:
        log.append("else")
    finally:
        log.append("finally")
    return log
for a in ["ok", "raise", "key", "return"]:
    print(a, run(a))
try:
    try:
        raise TypeError("inner")
    except ValueError:
        print("wrong handler")
    finally:
        print("inner finally")
except TypeError as e:
    print("outer caught", e)
try:
    raise IndexError("idx")
except LookupError as e:
    print("base class handler catches", type(e).__name__)
try:
    raise KeyboardInterrupt
except Exception:
    print("not caught by Exception")
except BaseException as e:
    print("BaseException catches", type(e).__name__)
try:
    1 / 0
except:
    print("bare except catches")
handlers = (ValueError, TypeError)
try:
    int("x")
except handlers as e:
    print("dynamic tuple", type(e).__name__)
def pick():
    print("  handler expression evaluated")
    return ZeroDivisionError
try:
    1 / 0
except pick() as e:
    print("caught via computed class")
try:
    try:
        raise ValueError
    except 42:
        pass
except TypeError as e:
    print("TypeError", e)
try:
    try:
        raise ValueError
    except (ValueError, 42) as e:
        print("tuple with junk still matches first", type(e).__name__)
except TypeError as e:
    print("TypeError", e)
e = "outer e"
try:
    raise ValueError
except ValueError as e:
    pass
try:
    print(e)
except NameError as err:
    print("NameError", err)
try:
    pass
except ValueError:
    pass
else:
    print("else without exception")
for src in ["try:\n    pass\n", "try:\n    pass\nelse:\n    pass\n", "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n"]:
    try:
        compile(src, "<t>", "exec")
    except SyntaxError as err:
        print("SyntaxError", err.msg)
