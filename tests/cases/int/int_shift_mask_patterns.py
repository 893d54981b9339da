# Common bit manipulation idioms on ints
def bits(n, width=8):
    return format(n & ((1 << width) - 1), f"0{width}b")
x = 0b1011_0110
print(bits(x), bits(x >> 2), bits(x << 1))
print(bits(~x), bits(-x))
print(x & -x, x & (x - 1), bits(x | (x + 1)))
print(bits(x ^ (x >> 1)))
for n in [1, 2, 3, 4, 5, 64, 100, 2 ** 40, 2 ** 40 + 1]:
    print(n, n & (n - 1) == 0, n.bit_length() - 1, (n - 1).bit_count() if n else 0)
mask = (1 << 64) - 1
v = 0xDEADBEEFCAFEBABE
print(hex((v << 8) & mask), hex(v >> 60), hex(((v << 4) | (v >> 60)) & mask))
print(hex(-v & mask), (-v) % (1 << 64) == (-v & mask))
signed = v - (1 << 64) if v >> 63 else v
print(signed, signed & mask == v)
print([i for i in range(16) if (0b1010_0101 >> i) & 1])
print(sum(1 << i for i in range(0, 64, 8)), hex(sum(1 << i for i in range(0, 64, 8))))
print(-1 & 0xFF, -256 & 0xFF, -257 & 0xFFFF)
print((-1) ^ 0xFF, -(1 << 100) >> 99, (1 << 100) >> 99)
