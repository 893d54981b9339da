# Floor division and divmod of long ints whose quotient is short (a fast path estimates it
# from the top bits): every sign combination, exact multiples, quotients near the limits
# of the estimate, and the pi spigot's pattern.
import sys

def check(a, b):
    q, r = divmod(a, b)
    assert q == a // b and r == a % b, (a, b)
    assert q * b + r == a, (a, b)
    assert (r == 0) or ((r > 0) == (b > 0)), (a, b)
    assert abs(r) < abs(b), (a, b)
    return q, r

big = 7 ** 400 + 12345
out = []
for k in [0, 1, 2, 3, 9, 10, 255, 2 ** 32 - 1, 2 ** 61 - 1, 2 ** 61, 2 ** 62 + 5, 2 ** 64, 2 ** 70]:
    for extra in [0, 1, big - 1, -1]:
        a = big * k + extra
        for sa in (1, -1):
            for sb in (1, -1):
                q, r = check(sa * a, sb * big)
                out.append((q, r % 1000003))
print(len(out), sum(q for q, _ in out) % (10 ** 9 + 7), sum(r for _, r in out))

# Divisors just above and below a power of two, dividends a few bits longer.
for bits in [129, 190, 1000, 4096]:
    for b in [2 ** bits - 1, 2 ** bits, 2 ** bits + 1, 3 ** (bits // 2 + 1)]:
        for a in [b * 3 - 1, b * 3, b * (2 ** 60) + b - 1, b ** 2 // (2 ** (b.bit_length() - 61)), b - 1]:
            q, r = check(a, b)
            print(bits, q, r % 997, end="; ")
    print()

# A few digits of pi by the spigot (quotient one decimal digit each step).
q, r, t, k, n, l = 1, 0, 1, 1, 3, 3
digits = []
while len(digits) < 300:
    if 4 * q + r - t < n * t:
        digits.append(n)
        q, r, n = 10 * q, 10 * (r - n * t), (10 * (3 * q + r)) // t - 10 * n
    else:
        q, r, t, k, n, l = q * k, (2 * q + r) * l, t * l, k + 1, (q * (7 * k + 2) + r * l) // (t * l), l + 2
print("".join(map(str, digits[:40])), sum(digits))
try:
    big // 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
