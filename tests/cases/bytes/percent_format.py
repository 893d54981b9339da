# bytes %-formatting
print(b"%s and %s" % (b"abc", bytearray(b"def")))
print(b"%d|%5d|%-5d|%05d|%+d|%x|%X|%#o|%c|%c|%%" % (42, 42, 42, 42, 42, 255, 255, 8, 65, b"z"))
print(b"%r" % b"x" if False else b"%a" % "é", b"%a" % 1.5, b"%f %.2e %g" % (1.5, 1234.5, 0.0001))
print(b"%(k)s=%(v)d" % {b"k": b"key", b"v": 7})
print(b"%5s|%-5s|%.2s" % (b"ab", b"ab", b"abc"))
print(b"%s" % memoryview(b"mv"))
class WithBytes:
    def __bytes__(self):
        return b"WB"
print(b"%s" % WithBytes())
errors = [(b"%s", "str"), (b"%s", 5), (b"%d", b"x"), (b"%c", 256), (b"%c", b"ab"), (b"%y", 1), (b"%s %s", (b"a",)), (b"%s", (b"a", b"b"))]
for fmt, args in errors:
    try:
        print(fmt % args)
    except Exception as e:
        print(fmt, type(e).__name__, e)
print(bytearray(b"%s-%d") % (b"x", 1), type(bytearray(b"%s") % b"x").__name__)
print(b"%b" % b"bee", b"%b" % bytearray(b"ba"))
print(b"%-6s|%6s|" % (b"ab", b"cd"), b"%%d" % (), b"%5.1f|" % 2.25)
