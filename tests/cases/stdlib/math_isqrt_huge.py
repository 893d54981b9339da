# math.isqrt above 65536 bits takes the stepped path: exact at and around perfect squares,
# powers of two and random values, compared with CPython.
import math
import random

random.seed(5)
for bits in [65536, 65537, 70001, 131072, 200003]:
    vals = [random.getrandbits(bits) | (1 << (bits - 1)) for _ in range(2)]
    half = 1 << (bits // 2)
    vals += [(1 << bits) - 1, 1 << bits, (1 << bits) + 1, half * half, half * half - 1,
             (half + 12345) ** 2, (half + 12345) ** 2 + 1]
    for n in vals:
        r = math.isqrt(n)
        assert r * r <= n < (r + 1) * (r + 1)
        print(bits, n.bit_length(), r.bit_length(), r % 1000003, hash(r))
