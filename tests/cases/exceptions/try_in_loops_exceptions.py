# Exceptions across loop iterations: variables, else, re-raise after loop
errors = []
for value in ["10", "x", "3.5", "7", None]:
    try:
        n = int(value)
    except ValueError as e:
        errors.append(("ValueError", str(e)))
    except TypeError as e:
        errors.append(("TypeError", str(e)))
    else:
        errors.append(("ok", n))
for item in errors:
    print(item)
last_error = None
for attempt in range(3):
    try:
        raise ConnectionError(f"attempt {attempt}")
    except ConnectionError as e:
        last_error = e
print("kept a reference outside the handler:", repr(last_error))
try:
    e
except NameError as ne:
    print("NameError", ne)
def first_success(funcs):
    problems = []
    for f in funcs:
        try:
            return f()
        except Exception as exc:
            problems.append(f"{type(exc).__name__}: {exc}")
    raise RuntimeError("all failed: " + "; ".join(problems))
print(first_success([lambda: 1 / 0, lambda: [][0], lambda: "third works"]))
try:
    first_success([lambda: {}["k"], lambda: None.x])
except RuntimeError as r:
    print(r)
i = 0
while True:
    try:
        i += 1
        if i == 3:
            raise StopIteration("manual stop")
    except StopIteration as s:
        print("stopped at", i, s)
        break
