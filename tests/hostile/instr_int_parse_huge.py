# expect: instructions
import sys
sys.set_int_max_str_digits(0)
x = int('9' * 10**6)
