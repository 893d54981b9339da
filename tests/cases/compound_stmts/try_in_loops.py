# try statements inside loops: retry patterns, else, finally bookkeeping
attempts = []
def flaky(n):
    attempts.append(n)
    if n < 3:
        raise ConnectionError(f"attempt {n} failed")
    return f"success on attempt {n}"
for n in range(1, 6):
    try:
        result = flaky(n)
    except ConnectionError as e:
        print("retrying after:", e)
        continue
    else:
        print(result)
        break
    finally:
        print("  cleanup for attempt", n)
print(attempts)
results = []
for token in ["1", "x", "3", "", "5"]:
    try:
        results.append(int(token))
    except ValueError as e:
        results.append(f"bad({token!r})")
print(results)
total = 0
i = 0
while i < 5:
    i += 1
    try:
        if i == 2:
            continue
        if i == 4:
            raise KeyError(i)
        total += i
    except KeyError as e:
        total += 100
    finally:
        total += 1000
print(total)
errors = {}
for exc_type in [ValueError, TypeError, KeyError, IndexError, ZeroDivisionError]:
    try:
        raise exc_type("from loop")
    except (ValueError, TypeError) as e:
        errors[exc_type.__name__] = "group A"
    except LookupError as e:
        errors[exc_type.__name__] = "lookup"
    except Exception as e:
        errors[exc_type.__name__] = "other"
print(errors)
def gen_with_try():
    for i in range(4):
        try:
            if i == 2:
                raise ValueError
            yield i
        except ValueError:
            yield "handled"
print(list(gen_with_try()))
for i in range(3):
    try:
        try:
            if i == 1:
                raise RuntimeError("inner")
        finally:
            print("  inner finally", i)
    except RuntimeError:
        print("  outer handler", i)
