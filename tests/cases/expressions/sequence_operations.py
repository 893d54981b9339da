# Sequence concatenation, repetition, and mixing errors
print([1] + [2], (1,) + (2,), "a" + "b", b"a" + b"b", bytearray(b"a") + b"b")
print([0] * 3, 3 * [0], "ab" * 0, "ab" * -1, (1, 2) * 2, [None] * -5, b"x" * 3)
for expr in ["[1] + (2,)", "'a' + 1", "1 + 'a'", "(1,) + [2]", "'a' * 'b'", "[1] * 1.5", "'a' * 2.0", "b'a' + 'b'", "[] + None", "range(3) + range(2)", "range(2) * 2"]:
    try:
        print(expr, "=", eval(expr))
    except TypeError as e:
        print(expr, "->", e)
try:
    [1] * (2 ** 70)
except (OverflowError, MemoryError) as e:
    print(type(e).__name__, e)
lst = [1, 2]
lst2 = lst * 1
print(lst2 is lst, lst2 == lst)
t = (1, 2)
print((t * 1) is t, (t + ()) is t)
s = "abc"
print((s * 1) is s, (s + "") is s)
print(len("abc" * 1000), ("ab" * 3).count("ab"))
m = [[]] * 3
m[0].append(1)
print(m)
print([1, 2] * True, "x" * False)
class Rep:
    def __mul__(self, n): return f"Rep*{n}"
    def __rmul__(self, n): return f"{n}*Rep"
print(Rep() * 3, 3 * Rep(), [1] * 2)
class IdxN:
    def __index__(self): return 2
print("ab" * IdxN(), [0] * IdxN(), IdxN() * "xy")
x = [1]
x *= 3
print(x)
y = "s"
y *= 2
print(y)
z = [1, 2]
z += "ab"
print(z)
try:
    z = z + "ab"
except TypeError as e:
    print("TypeError", e)
