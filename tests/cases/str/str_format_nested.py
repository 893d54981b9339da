# str.format: nested replacement fields, attribute chains, and auto-numbering
data = {"user": {"name": "ann", "tags": ["a", "b"]}, "n": 3}
print("{0[user][name]} has {0[user][tags][1]} and {0[n]:>4}".format(data))
class Obj:
    def __init__(self):
        self.inner = self
        self.val = 42
print("{o.inner.inner.val:05d}".format(o=Obj()))
print("{:{}{}{}}".format(3.14159, "^", 12, ".3f"))
print("{0:{fill}{align}{width}}".format("x", fill="-", align=">", width=6))
print("{}-{}-{}".format(*"abc"), "{2}{1}{0}".format(*"abc"), "{a}{b}".format(**{"a": 1, "b": 2}))
print("{!r:^10}|{!s:<6}|{!a:>8}".format("q", 1.5, "ñ"))
print("{0!r:{1}}".format("w", 8) + "|")
for fmt, args in [("{0:{1}}", (1,)), ("{:>{}}", ("x",)), ("{0[0]}", ([],)), ("{0.a}", (1,)), ("{[0}", (1,))]:
    try:
        print(fmt.format(*args))
    except Exception as e:
        print(fmt, type(e).__name__, e)
print("{0:}".format(5), "{0!s:}".format(5), "{:}".format("x"), "{0:0}".format(7) if False else "{0:03}".format(7))
print("{:c}".format(9731), "{:#b}".format(10), "{:,d}".format(-1234567), "{:+.1e}".format(12345))
