# Huge allocations fail quickly with MemoryError or OverflowError
for label, make in [("str", lambda: "a" * (10 ** 12)), ("list", lambda: [0] * (10 ** 12)), ("bytes", lambda: b"x" * (10 ** 12)),
                    ("tuple", lambda: (0,) * (10 ** 12))]:
    try:
        make()
        print(label, "succeeded?")
    except MemoryError as e:
        print(label, "MemoryError", repr(e))
    except OverflowError as e:
        print(label, "OverflowError", e)
for label, make in [("str huge", lambda: "ab" * (2 ** 62)), ("list huge", lambda: [1, 2] * (2 ** 62)), ("str index size", lambda: "a" * (2 ** 64))]:
    try:
        make()
    except (MemoryError, OverflowError) as e:
        print(label, type(e).__name__, e)
print(MemoryError.__mro__, issubclass(OverflowError, ArithmeticError))
print("done")
# Reasonable sizes still work
print(len("a" * (10 ** 6)), len([0] * (10 ** 5)))
print(len(b"x" * (10 ** 6)), len(bytearray(10 ** 5)))
