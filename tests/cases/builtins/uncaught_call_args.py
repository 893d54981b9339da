# Ends with an uncaught TypeError from a bad argument to a builtin
try:
    len(1)
except TypeError as e:
    print("caught", e)
print(len("abc"), len(range(4)))
print(sorted([3, 1]), abs(-2.5))
print(round(2.567, 1), pow(2, 5))
# Builtins called with wrong arguments inside try first
for call in [lambda: len(), lambda: abs(1, 2), lambda: sum(1), lambda: max(), lambda: int([]), lambda: chr("a")]:
    try:
        call()
    except TypeError as e:
        print("TypeError", e)
print(len([1, 2]), abs(-1))
print(sum([1]), max(1, 2))
print(int("3"), chr(97))
values = ["10", "20", "x30"]
print(sum(int(v) for v in values[:2]))
print(len(values, values))
