# Bitwise operators on ints including negatives and huge values
vals = [0, 1, -1, 5, -5, 255, -256, 2**64 - 1, -(2**64), 2**100 + 12345]
for a in vals[:6]:
    for b in vals:
        print(a, b, a & b, a | b, a ^ b)
for a in vals:
    print(a, ~a, a << 3, a >> 3, a >> 100, a << 70)
print(1 << 0, 1 << 64, -1 << 64, -1 >> 1, -1 >> 1000, 5 >> 1, -5 >> 1)
try:
    1 << -1
except ValueError as e:
    print("ValueError", e)
try:
    1 >> -1
except ValueError as e:
    print("ValueError", e)
try:
    1 & 1.0
except TypeError as e:
    print("TypeError", e)
try:
    1.0 | 1
except TypeError as e:
    print("TypeError", e)
try:
    ~1.5
except TypeError as e:
    print("TypeError", e)
print(True & False, True | False, True ^ True, ~True, type(True & True).__name__)
print(0 << 10**6)
x = 0b1010
x &= 0b0110
print(bin(x))
x |= 0b1000
print(bin(x))
x ^= 0b1111
print(bin(x))
x <<= 5
print(x)
x >>= 2
print(x)
