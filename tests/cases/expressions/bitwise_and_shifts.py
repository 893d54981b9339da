# Bitwise operators and shifts on ints (including negatives and big ints)
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, bin(a & b), bin(a | b), bin(a ^ b))
print(-5 & 3, -5 | 3, -5 ^ 3, ~-5, -1 & 0xFF, -256 & 0xFF)
print(1 << 0, 1 << 10, 1 << 100, -1 << 3, 5 >> 1, -5 >> 1, -1 >> 100, 1 >> 100)
print((1 << 64) - 1, ((1 << 64) - 1) & 0xFFFF, (1 << 200) >> 198)
print(2 ** 70 | 1, 2 ** 70 ^ 2 ** 70, ~(2 ** 70), -(2 ** 70) & 0xF)
try:
    1 << -1
except ValueError as e:
    print("ValueError", e)
try:
    1 >> -1
except ValueError as e:
    print("ValueError", e)
try:
    1.0 << 1
except TypeError as e:
    print("TypeError", e)
try:
    1 & 1.0
except TypeError as e:
    print("TypeError", e)
try:
    ~1.5
except TypeError as e:
    print("TypeError", e)
print(True & False, True | False, True ^ True, type(True & False).__name__, ~True, type(~True).__name__)
print(True << 3, False >> 1, 1 & True)
print({1, 2} & {2, 3}, {1, 2} | {3}, {1, 2} ^ {2, 3}, {1, 2} - {2})
print({"a": 1} | {"b": 2}, {"a": 1} | {"a": 3})
print(frozenset({1}) | {2}, type(frozenset({1}) | {2}).__name__, type({2} | frozenset({1})).__name__)
print((255).bit_length(), (-255).bit_length(), (0).bit_length(), (255).bit_count(), (-1).bit_count())
print(0xFF >> 4 << 4, 1 << 2 + 1, (1 << 2) + 1, 6 & 3 | 8, 6 & (3 | 8), 1 | 2 ^ 3 & 4)
print(int.from_bytes(b"\x01\x00", "big"), (256).to_bytes(2, "little"), (-1).to_bytes(2, "big", signed=True))
