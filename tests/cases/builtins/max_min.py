# max/min with key, default, multiple args, and errors
print(max(1, 2, 3), min(1, 2, 3), max([4, 9, 2]))
print(min("hello"), max("a", "b"), max([1, 2], [1, 3]))
print(max(["apple", "fig", "banana"], key=len), min(["apple", "fig", "banana"], key=len), max({"a": 3, "b": 1}, key=lambda k: -ord(k)))
print(max([], default="empty"), min([], default=None), max([5], default=0))
print(max(1, 2, key=lambda x: -x))
print(max([1, 3, 3.0, 2]), max([3.0, 3, 1]), min([0, False, 0.0]))
print(max([(1, "b"), (1, "a")]))
print(max([2, 1, 2], key=lambda x: 0), min(["b", "a", "c"], key=lambda x: 1))
for call in [lambda: max([]), lambda: min(()), lambda: max(), lambda: max(1), lambda: max(1, "a"), lambda: max([1, 2], default=0, key=None, extra=1),
             lambda: max(1, 2, default=0), lambda: min([1, None]), lambda: max(iter([]))]:
    try:
        print(call())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(max(range(10), key=lambda x: (x % 3, x)), min(range(10), key=lambda x: abs(x - 4.4)))
print(max("abc", key=None), max(x * x for x in range(-5, 3)))
nan = float("nan")
print(max([nan, 1, 2]), max([1, nan, 2]), min([nan, 1]))
print(min([1, nan]))
