# expect: instructions
import sys
sys.set_int_max_str_digits(0)
x = 7 ** 600_000
s = f'{x:_}'
