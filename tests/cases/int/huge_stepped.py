# Products, powers and decimal conversions big enough to take Krait's stepped paths
# (block products above ~315,000 digits, conversions above ~118,000 digits) agree with the
# direct ones.
import sys

sys.set_int_max_str_digits(0)
M = 10**9 + 7

s = '1234567890' * 14000 + '1'
x = int(s)
print(len(s), x % M, x.bit_length())
print(str(x) == s, str(-x) == '-' + s)
print(int('-' + s) == -x, int('+' + s + ' ') == x, int('0' * 5 + s) == x)
print(int(s.replace('9', '9_', 3)) == x)
try:
    int(s + 'z')
except ValueError as e:
    print(str(e)[:60])

big = 7 ** 420_000
print(big.bit_length(), big % M)
y = big * big
print(y.bit_length(), y % M, y == big ** 2)
z = big * -(3 ** 100_001)
print(z.bit_length(), z % M, z < 0)
w = (big + 1) * (big - 1)
print(w == y - 1)
p = pow(3, 2_000_000)
print(p.bit_length(), p % M, p % 1000 == pow(3, 2_000_000, 1000))
mid = 7 ** 150_000
t = str(mid)
print(len(t), t[:30], t[-30:])
print(int(t) == mid)

sys.set_int_max_str_digits(5000)
try:
    int('9' * 200_000)
except ValueError as e:
    print(e)
try:
    str(mid)
except ValueError as e:
    print(e)

# Modular powers with a long exponent and a big modulus (stepped square-and-multiply).
m = 10**2000 + 1
e = 2**3000 + 12345
r = pow(3, e, m)
print(r % M, r.bit_length())
print(pow(-5, e, -m) % M, pow(-5, e, -m) < 0)
inv = pow(3, -e, m)
print(inv % M, inv * r % m)
print(pow(0, e, m), pow(7, e, 1), pow(m - 1, e + 1, m))
