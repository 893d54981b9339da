# map() with one and multiple iterables, laziness
print(list(map(str, [1, 2])), list(map(len, ["a", "bb"])), list(map(lambda x, y: x + y, [1, 2, 3], [10, 20])))
print(list(map(pow, [2, 3], [3, 2], [5, 5])), list(map(max, "abc", "bcd", "aaa")))
m = map(lambda x: x * 2, range(3))
print(type(m).__name__, next(m), list(m), list(m))
def noisy(x):
    print("  map", x)
    return x
m2 = map(noisy, [1, 2])
print("created")
print(list(m2))
try:
    map(len)
except TypeError as e:
    print("TypeError", e)
try:
    list(map(5, [1]))
except TypeError as e:
    print("TypeError", e)
try:
    map(str, 5)
except TypeError as e:
    print("TypeError", e)
try:
    list(map(lambda x: x, [1], [2]))
except TypeError as e:
    print("TypeError", e)
print(dict(map(lambda k, v: (k, v), "ab", [1, 2])), list(map(int, "123")))
