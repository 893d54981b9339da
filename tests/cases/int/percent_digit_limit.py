# %-formatting of huge ints in decimal obeys sys.set_int_max_str_digits, as str() does.
import sys

x = 10**5000
for c in ["'%d' % x", "'%x' % x", "b'%d' % x", "b'%x' % x", "format(x, 'd')", "format(x, ',')",
          "f'{x}'", "'{}'.format(x)", "'%s' % x", "'%i' % -x", "'%u' % x", "'%.5d' % x",
          "'%d' % (10**4299)", "b'%i' % -(10**4299)"]:
    try:
        r = eval(c)
        print(c, len(r), r[:12])
    except ValueError as e:
        print(c, type(e).__name__, e)
sys.set_int_max_str_digits(0)
print(len('%d' % x), len(b'%d' % -x), ('%d' % x)[:5], ('%+d' % x)[:5], ('%i' % -x)[-3:])
print(('%d' % (7**200_000))[:20], ('%d' % (7**200_000))[-20:])
