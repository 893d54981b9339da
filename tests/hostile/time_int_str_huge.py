# expect: time
import sys
sys.set_int_max_str_digits(0)
x = int.from_bytes(b"\x9b\x37" * 350_000, "big")
s = str(x)
