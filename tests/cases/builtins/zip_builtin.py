# zip() including strict=True errors
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1])), list(zip("ab", "cd", "ef")), dict(zip("ab", range(2))))
print(list(zip([1, 2], [3, 4], strict=True)))
for a, b in [([1, 2, 3], [1, 2]), ([1], [1, 2]), ([], [1])]:
    try:
        list(zip(a, b, strict=True))
    except ValueError as e:
        print("ValueError", e)
try:
    list(zip([1], [2], [3, 4], strict=True))
except ValueError as e:
    print("ValueError", e)
try:
    list(zip([1, 2], [1], [1, 2], strict=True))
except ValueError as e:
    print("ValueError", e)
try:
    zip(1, [2])
except TypeError as e:
    print("TypeError", e)
z = zip("xy", [1, 2])
print(type(z).__name__, next(z), list(z))
matrix = [[1, 2, 3], [4, 5, 6]]
print(list(zip(*matrix)), list(map(list, zip(*matrix))))
def gen():
    for i in range(5):
        print("  gen", i)
        yield i
print(list(zip(gen(), "ab")))
print(list(zip("ab", gen())))
