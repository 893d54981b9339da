# Every operator and delimiter token in use
a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2, -a, +a, ~a)
print(a << 2, a >> 1, a & b, a | b, a ^ b)
print(a < b, a > b, a <= b, a >= b, a == b, a != b)
m = [[1, 2], [3, 4]]
print(m[0][1], m[-1], m[::-1])
x = 1
x += 1; x -= 0; x *= 3; x /= 2; x //= 1; x %= 10; x **= 2
print(x)
y = 0b1111
y &= 0b1010; y |= 0b0001; y ^= 0b0100; y <<= 2; y >>= 1
print(y)
print((z := 9), z)
d = {'k': (1, 2)}
print(d['k'][0], {**d}, [*d], (*d,))
print(a if a > b else b, not a, a and b, a or b)
f = lambda *args, **kw: (args, kw)
print(f(1, *[2], k=3, **{'j': 4}))
print(...)
print(1 if 1 else 2 if 0 else 3)
print(3 < 4 < 5 > 1 == 1 != 2)
print(-2 ** 2, (-2) ** 2, 2 ** -1, 2 ** 3 ** 2)
print(not 1 == 2, ~-1, - - 1)
print(a is not None, 1 not in [2])
class M:
    def __matmul__(self, o):
        return "matmul"
    def __imatmul__(self, o):
        return "imatmul"
mm = M()
print(mm @ mm)
mm @= 1
print(mm)
def ann(p: int = 1) -> str: return str(p)
print(ann.__annotations__, ann())
print(a.__class__.__name__, (a).real)
