# List repetition, concatenation and aliasing
a = [1, 2]
print(a * 3, 3 * a, a * 0, a * -1, [] * 5, a + [3], [] + [])
nested = [[0]] * 3
nested[0].append(1)
print(nested)
proper = [[0] for _ in range(3)]
proper[0].append(1)
print(proper)
b = a
b += [9]
print(a, b, a is b)
c = a
c = c + [10]
print(a, c, a is c)
d = [1]
d *= 3
print(d)
d *= 0
print(d)
for expr in ["[1] + (2,)", "[1] * 2.0", "[1] * '2'", "(1,) + [2]", "[1] - [1]", "[1] * [2]"]:
    try:
        eval(expr)
    except TypeError as e:
        print(expr, "->", e)
try:
    [1] * (2 ** 63)
except (OverflowError, MemoryError) as e:
    print(type(e).__name__, e)
class Idx:
    def __index__(self):
        return 2
print([7] * Idx(), Idx() * [8])
e = [1, 2]
e.extend(e * 2)
print(e, len(e * 1000))
