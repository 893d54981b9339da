# __format__, format(), str.format, and object.__format__ rules
class F:
    def __format__(self, spec):
        return f"<F spec={spec!r}>"
f = F()
print(format(f), format(f, "abc"), f"{f:xyz}", "{0:q} {0}".format(f))
print("{:>{w}}".format("x", w=4), "{0[1]} {1.real}".format([1, 2], 3))
print("{!r} {!s} {!a}".format("é", "é", "é"))
class Plain:
    def __str__(self): return "plain"
print(format(Plain()), format(Plain(), ""), f"{Plain()}")
try:
    format(Plain(), "x")
except TypeError as e:
    print("TypeError", e)
class BadFormat:
    def __format__(self, spec): return 1
try:
    format(BadFormat())
except TypeError as e:
    print("TypeError", e)
class IntSub(int):
    def __format__(self, spec):
        return "sub:" + super().__format__(spec)
print(format(IntSub(42), "05"), f"{IntSub(7):x}")
print(format(3.5, ""), format(3, ""), format("s", ""), format(None, ""))
try:
    format(None, "d")
except TypeError as e:
    print("TypeError", e)
print("{} {}".format(1, 2), "{1} {0}".format(1, 2), "{a}".format(a=5))
try:
    "{} {0}".format(1, 2)
except ValueError as e:
    print("ValueError", e)
try:
    "{}".format()
except IndexError as e:
    print("IndexError", e)
try:
    "{x}".format()
except KeyError as e:
    print("KeyError", e)
print("{{}} {{{}}}".format(1))
print("{:,}".format(1234567), "{:08.3f}".format(3.14159), "{:e}".format(0.0001234))
print("{:^10}|{:<5}|{:>5}".format("mid", "l", "r"))
print("%s %r %d %5.2f %-4s| %x %o %e %%" % ("s", "r", 42, 3.14159, "l", 255, 8, 1234.5))
print("%(a)s-%(b)d" % {"a": "A", "b": 2})
try:
    "%d" % "x"
except TypeError as e:
    print("TypeError", e)
try:
    "%s %s" % (1,)
except TypeError as e:
    print("TypeError", e)
try:
    "%s" % (1, 2)
except TypeError as e:
    print("TypeError", e)
print(format(True, "d"), format(True, ""), format(1.0, "n") if False else "", format(10, "c"))
