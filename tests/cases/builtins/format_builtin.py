# format() builtin dispatches to __format__
print(format(42), format(42, "x"), format(3.5, ".2f"), format("s", ">3"), format(None), format([1, 2]), format(True))
class F:
    def __format__(self, spec):
        return f"F({spec!r})"
print(format(F()), format(F(), "abc"), f"{F():xyz}", "{:q}".format(F()))
class BadFormat:
    def __format__(self, spec):
        return 5
try:
    format(BadFormat())
except TypeError as e:
    print("TypeError", e)
try:
    format(object(), "x")
except TypeError as e:
    print("TypeError", e)
print(format(object(), "") != "", format(1, ""), format(1.0, ""))
try:
    format(1, 2)
except TypeError as e:
    print("TypeError", e)
class S:
    def __str__(self):
        return "strval"
print(format(S()), format(S(), ""))
try:
    format(S(), "10")
except TypeError as e:
    print("TypeError", e)
