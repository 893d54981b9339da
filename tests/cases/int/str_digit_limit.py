# The 4300-digit limit on int<->str conversion (CPython 3.11)
import sys
print(sys.get_int_max_str_digits())
print(sys.int_info.default_max_str_digits, sys.int_info.str_digits_check_threshold)
ok = int("9" * 4300)
print(len(str(ok)))
try:
    int("9" * 4301)
except ValueError as e:
    print("ValueError", e)
big = 10 ** 5000
try:
    str(big)
except ValueError as e:
    print("ValueError", e)
try:
    repr(big)
except ValueError as e:
    print("ValueError", e)
try:
    print(f"{big}")
except ValueError as e:
    print("ValueError", e)
# power-of-two bases are not limited
print(len(hex(big)), len(bin(big)), len(oct(big)))
print(int("f" * 5000, 16) == 16 ** 5000 - 1)
sys.set_int_max_str_digits(6000)
print(sys.get_int_max_str_digits())
print(len(str(big)))
sys.set_int_max_str_digits(0)
print(len(str(10 ** 7000)))
try:
    sys.set_int_max_str_digits(100)
except ValueError as e:
    print("ValueError", e)
sys.set_int_max_str_digits(640)
print(len(str(10 ** 639)))
try:
    str(10 ** 640)
except ValueError as e:
    print("ValueError", e)
try:
    int("1" * 641)
except ValueError as e:
    print("ValueError", e)
print(int("  " + "1" * 640 + "  ") % 1000)
print(int("1_" * 320 + "1") % 1000)
