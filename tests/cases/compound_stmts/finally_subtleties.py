# return/break/continue in finally and exception replacement
def return_in_finally():
    try:
        return "try value"
    finally:
        return "finally value"
print(return_in_finally())
def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "finally return swallows the exception"
print(swallow())
def break_in_finally():
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            break
    return f"break swallowed the exception at i={i}"
print(break_in_finally())
def continue_in_finally():
    out = []
    for i in range(3):
        try:
            if i == 1:
                raise ValueError
            out.append(i)
        finally:
            continue
    return out
print(continue_in_finally())
def replaced():
    try:
        raise ValueError("original")
    finally:
        raise TypeError("replacement")
try:
    replaced()
except TypeError as e:
    print("TypeError", e, "| context:", repr(e.__context__))
def finally_sees_return_value():
    x = "before"
    try:
        return x
    finally:
        x = "changed in finally"
print(finally_sees_return_value())
def mutable_return():
    x = []
    try:
        return x
    finally:
        x.append("mutated in finally")
print(mutable_return())
def nested():
    try:
        try:
            return "inner try"
        finally:
            print("  inner finally")
    finally:
        print("  outer finally")
print(nested())
def except_then_finally():
    try:
        1 / 0
    except ZeroDivisionError:
        return "from except"
    finally:
        print("  finally after except-return")
print(except_then_finally())
def exception_in_except():
    try:
        raise ValueError("first")
    except ValueError:
        raise KeyError("second")
    finally:
        print("  finally runs while KeyError propagates")
try:
    exception_in_except()
except KeyError as e:
    print("KeyError", e, "| context:", repr(e.__context__))
def generator_finally():
    try:
        yield 1
        yield 2
    finally:
        print("  generator finally")
for v in generator_finally():
    print("got", v)
    break
print("after loop")
count = 0
while True:
    try:
        count += 1
        if count > 2:
            break
    finally:
        print("  loop finally", count)
