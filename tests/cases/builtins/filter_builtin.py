# filter() with functions, None, and lazy evaluation
print(list(filter(lambda x: x % 2, range(10))), list(filter(None, [0, 1, "", "a", None, [], [0]])))
print(list(filter(str.isdigit, "a1b2c3")), tuple(filter(bool, (0, 2))))
def noisy(x):
    print("  check", x)
    return x > 1
f = filter(noisy, [1, 2, 3])
print(type(f).__name__)
print(next(f))
print(list(f))
try:
    filter(lambda x: x, 5)
except TypeError as e:
    print("TypeError", e)
try:
    list(filter(5, [1]))
except TypeError as e:
    print("TypeError", e)
try:
    filter()
except TypeError as e:
    print("TypeError", e)
print(list(filter(lambda s: len(s) > 2, ["ab", "abc", "abcd"])))
