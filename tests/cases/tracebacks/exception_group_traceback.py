# An uncaught ExceptionGroup is displayed as a tree
def check(value):
    errors = []
    if not isinstance(value, int):
        errors.append(TypeError(f"{value!r} is not an int"))
    if value in (None, ""):
        errors.append(ValueError("value is empty"))
    if errors:
        raise ExceptionGroup("validation failed", errors)
check(3)
print("3 is fine")
check("")
