# Results that CPython gives back as an existing object: the whole of an exact str sliced,
# a lone "%s" of an exact str, and the empty string (a singleton).
s = "hello world"
e = ""
print("%s" % s is s, "%s" % (s,) is s, "%-s" % s is s, "%.20s" % s is s, "%5s" % s is s)
print("%s%s" % (s, e) is s, "%s!" % s is s, "<%s" % s is s, "%.3s" % s is s, "%20s" % s is s)
print(s[:] is s, s[0:] is s, s[::1] is s, s[:100] is s, s[-100:] is s, s[1:] is s)
print("".join([]) is e, "".join(["", ""]) is e, "-".join([s]) is s, "%s" % e is e, "".format() is e)
print(s[5:5] is e, s[3:1] is e, s[::-1][::-1] is s)

class S(str):
    pass

t = S("abc")
print(type(t[:]).__name__, t[:] is t, type("%s" % t).__name__, "%s" % t is t, "%s" % t == t)
u = "é" * 40
print(u[:] is u, "%s" % u is u, u[0:40] is u)
