# printf-style formatting of floats
v = 3.14159265
print("%f|%.2f|%10.3f|%-10.1f|%+f|% f|%010.2f|%#.0f|%.0f" % (v, v, v, v, v, v, v, v, v))
print("%e|%.2e|%E|%g|%G|%.3g|%#g|%10.4g|%-10.2e|" % (v, v, v, v, v, v, v, v, v))
print("%f %e %g" % (1e-10, 1e-10, 1e-10))
print("%g %g %g %g" % (1e16, 123456, 1234567, 0.0001))
print("%.3f %.3f %.3f" % (float("inf"), float("-inf"), float("nan")))
print("%5.1f%%" % 99.44)
print("%s %r" % (0.1, 0.1), "%d" % 3.99, "%i" % -3.99)
print("%*.*f" % (10, 2, v), "%-*f|" % (12, 1.5))
print("%(a).2f %(b)e" % {"a": 1.005, "b": 12345.6789})
print("%x" % 255 if True else "", "%.1f" % 2.25, "%.1f" % 2.35, "%.2f" % 0.125)
try:
    "%f" % "1.0"
except TypeError as e:
    print("TypeError", e)
try:
    "%x" % 1.0
except TypeError as e:
    print("TypeError", e)
try:
    "%c" % 65.0
except TypeError as e:
    print("TypeError", e)
print("%.50f" % 0.1)
print("%.0e" % 12345, "%#.0e" % 12345, "%#x" % 0)
