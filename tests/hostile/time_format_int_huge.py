# expect: time
import sys
sys.set_int_max_str_digits(0)
x = 7 ** 2_000_000
s = format(x, ',')
