# Integer literals: bases, underscores, big values
print(0, 00, 0_0)
print(1_000_000, 0x_FF, 0XfF, 0o17, 0O7_7, 0b1010, 0B_1_0)
print(0xdead_beef, 0o777_777, 0b1111_0000_1111)
print(123456789012345678901234567890)
print(0x7fffffffffffffffffffffffffffffff)
print(-0b1, -0o10, -0x10)
print(type(0x10).__name__, type(10**30).__name__)
big = 1_2_3_4_5_6_7_8_9_0_1_2_3_4_5_6_7_8_9_0
print(big, big + 1, big * big)
print(int("1_000"), int("0x1f", 16), int("0x1f", 0), int("0o17", 0), int("0b11", 0))
print(int("  42  "), int("-0"), int("+7"))
for bad in ["1__0", "_1", "1_", "0x", "08", "12a"]:
    try:
        print(int(bad, 0))
    except ValueError as e:
        print("ValueError", e)
print(int("z", 36), int("Z", 36), int("10", 2), int("777", 8))
try:
    int("2", 2)
except ValueError as e:
    print("ValueError", e)
try:
    int("5", 1)
except ValueError as e:
    print("ValueError", e)
print(hex(255), oct(8), bin(5), hex(-255), bin(0))
print(1 .real, (5).bit_length(), 0b1_0.bit_length())
print(10 .__class__.__name__)
src_list = ["0_7", "1_000", "0xg", "0b2", "0o8", "09", "00", "0_0", "1__2"]
for src in src_list:
    try:
        print(src, "->", eval(src))
    except SyntaxError as e:
        print(src, "-> SyntaxError", e.msg)
