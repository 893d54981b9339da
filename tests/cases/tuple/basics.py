# tuple construction, indexing, slicing, count/index, concatenation
t = (1, "two", 3.0, None, (5, 6))
print(t, len(t), t[0], t[-1], t[-1][0], t[1:3], t[::-1], t[::2], t[10:], type(t[1:]).__name__)
print((), (1,), tuple(), tuple([1, 2]), tuple("ab"), tuple({"k": 1}), tuple(range(3)), tuple(x for x in "xy"))
print(1, (1), (1,), type((1)).__name__, type((1,)).__name__)
print(t.count(1), t.index("two"), (1, 2, 1).count(1), (1, 2, 1).index(1, 1), (1, 1.0, True).count(1))
for args in [(9,), (1, 1), (1, 0, 0)]:
    try:
        t.index(*args)
    except ValueError as e:
        print("ValueError", e)
for i in (5, -6):
    try:
        t[i]
    except IndexError as e:
        print("IndexError", e)
try:
    t[0] = 1
except TypeError as e:
    print("TypeError", e)
try:
    del t[0]
except TypeError as e:
    print("TypeError", e)
try:
    t.append(1)
except AttributeError as e:
    print("AttributeError", e)
print((1, 2) + (3,), (1,) * 3, 2 * (0,), () * 5, (1, 2) * 0)
try:
    (1,) + [2]
except TypeError as e:
    print("TypeError", e)
try:
    tuple(5)
except TypeError as e:
    print("TypeError", e)
a = (1, 2)
b = a
a += (3,)
print(a, b)
