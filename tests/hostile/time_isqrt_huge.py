# expect: time
import math
x = int.from_bytes(b'\x9b\x37' * 500_000, 'big')
r = math.isqrt(x)
