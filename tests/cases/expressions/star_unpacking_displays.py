# Star-unpacking in calls, list/tuple/set/dict displays
a = [1, 2]
b = (3, 4)
print([*a, *b], (*a, *b), {*a, *b}, [*a], (*a,), [*"ab", *range(2)])
d1 = {"x": 1}
d2 = {"y": 2, "x": 3}
print({**d1, **d2}, {**d2, **d1}, {**d1, "z": 0, **{"w": 9}})
def f(*args, **kwargs):
    return args, kwargs
print(f(*a, *b), f(*a, 5, *b), f(**d1), f(**d1, y=7), f(*[], **{}))
print(f(0, *a, k=1, **{"m": 2}))
try:
    f(**d1, **{"x": 5})
except TypeError as e:
    print("TypeError", e)
try:
    f(x=1, **d1)
except TypeError as e:
    print("TypeError", e)
try:
    f(*5)
except TypeError as e:
    print("TypeError", e)
try:
    f(**[1])
except TypeError as e:
    print("TypeError", e)
try:
    f(**{1: 2})
except TypeError as e:
    print("TypeError", e)
try:
    [*None]
except TypeError as e:
    print("TypeError", e)
try:
    {**[1, 2]}
except TypeError as e:
    print("TypeError", e)
class KeysOnly:
    def keys(self): return ["k1", "k2"]
    def __getitem__(self, k): return k.upper()
print({**KeysOnly()}, f(**KeysOnly()))
def gen():
    yield 1
    yield 2
print([*gen(), *gen()], max(*a, *b), print(*a, sep="-"))
first, *middle, last = range(6)
print(first, middle, last)
*init, tail = "abc"
print(init, tail)
head, *rest = [1]
print(head, rest)
try:
    x, *y, z = [1]
except ValueError as e:
    print("ValueError", e)
print(*[1, 2, 3], sep=", ")
print(dict(**{"a": 1}, b=2), list(zip(*[(1, "a"), (2, "b")])))
s = {*()}
print(s, type(s).__name__, [*{}], (*{"k": 1},))
try:
    exec("print(*a for a in [1])" if False else "x = *a")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    exec("a, *b, *c = [1, 2, 3]")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    exec("*a = [1]")
except SyntaxError as e:
    print("SyntaxError", e.msg)
*only, = [1, 2]
print(only)
