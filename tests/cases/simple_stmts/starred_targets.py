# Starred assignment targets in every position
a, *b = 1, 2, 3
print(a, b)
*a, b = 1, 2, 3
print(a, b)
a, *b, c = 1, 2
print(a, b, c)
a, *b, c = "hello"
print(a, b, c)
[a, *b] = range(3)
print(a, b, type(b).__name__)
(a, *b), c = (1, 2, 3), 4
print(a, b, c)
*a, = "xyz"
print(a)
a, (*b, c) = 0, [1, 2, 3]
print(a, b, c)
for first, *others in [(1, 2, 3), (4,), "ab"]:
    print(first, others)
d = {}
d["x"], *d["rest"] = [1, 2, 3]
print(d)
class O: pass
o = O()
*o.items, o.last = range(4)
print(o.items, o.last)
def gen():
    print("  gen start")
    yield 1
    yield 2
    print("  gen end")
x, *y = gen()
print(x, y)
try:
    a, *b, c, d = [1, 2]
except ValueError as e:
    print("ValueError", e)
try:
    *a, b = []
except ValueError as e:
    print("ValueError", e)
try:
    a, *b = 5
except TypeError as e:
    print("TypeError", e)
try:
    a, b, c = {1: 2}
except ValueError as e:
    print("ValueError", e)
try:
    a, b = "xyz"
except ValueError as e:
    print("ValueError", e)
try:
    a, b = iter([1, 2, 3])
except ValueError as e:
    print("ValueError", e)
try:
    a, b = (i for i in range(5))
except ValueError as e:
    print("ValueError", e)
