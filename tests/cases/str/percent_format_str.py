# printf-style % formatting with every conversion and flags
print("%s|%r|%a" % ("é", "é", "é"))
print("%d|%i|%u|%o|%x|%X|%e|%E|%f|%F|%g|%G|%c|%%" % (42, 42, 42, 42, 42, 42, 4.2, 4.2, 4.2, 4.2, 4.2, 4.2, 42))
print("[%5s][%-5s][%.2s][%5.1s][%-6.3s]" % ("abc", "abc", "abc", "abc", "abcdef"))
print("[%5d][%-5d][%05d][%+d][% d][%+05d][%-+5d][%.3d][%5.3d]" % (7, 7, 7, 7, 7, 7, 7, 7, 7))
print("[%#o][%#x][%#X][%#5x][%#05x][%-#8o]" % (8, 255, 255, 15, 15, 8))
print("%(name)s is %(age)d years, %(name)r" % {"name": "Ann", "age": 30})
print("%(a)s %(a)s %%" % {"a": 1}, "%s" % [1, 2], "%s" % ((1, 2),), "%s %s" % (1, 2))
print("%*d|%-*d|%.*f|%*.*s" % (5, 1, 5, 2, 2, 3.14159, 6, 2, "xyz"))
print("%c%c%c" % (72, "i", 0x1F600), "%5c|%-3c|" % ("a", "b"))
print("%s" % None, "%r" % None, "%s" % True, "%d" % True, "%x" % False)
print("no args" % (), "%s" % "single", "%s" % {"a": 1})
print("%-10r|" % "q", "%10a|" % "é")
errors = [("%d", "x"), ("%s %s", (1,)), ("%s", (1, 2)), ("%(k)s", (1,)), ("%(k)s", {}), ("%y", 1), ("%", 1),
          ("%c", "ab"), ("%c", -1), ("%c", 0x110000), ("%*d", ("a", 1)), ("%d", []), ("%.*f", (1.5, 2.0)),
          ("%(a)s %s", {"a": 1}), ("%s", ())]
for fmt, args in errors:
    try:
        print(fmt % args)
    except Exception as e:
        print(repr(fmt), type(e).__name__, e)
print("%s" % ("only",), "%%|" % ())
for fmt in ["%5%|", "%-5%|"]:
    try:
        print(fmt % ())
    except TypeError as e:
        print(repr(fmt), "TypeError", e)
print("%.3s" % 1234567, "%.0s|" % "abc", "%3s" % b"x")
