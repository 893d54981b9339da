# str.format: positional, keyword, attributes, indexes, nested specs, conversions
class P:
    x = 3
    y = [10, 20]
    d = {"k": "v"}
    def __str__(self):
        return "P-str"
    def __repr__(self):
        return "P-repr"
    def __format__(self, spec):
        return "P-format(" + spec + ")"
p = P()
print("{} {} {}".format(1, "a", 2.5))
print("{0} {1} {0}".format("x", "y"), "{1}{0}".format(1, 2))
print("{name} is {age}".format(name="Bob", age=5), "{0[0]} {0[1]}".format("ab"))
print("{0.x} {0.y[1]} {0.d[k]}".format(p), "{p.y[0]}".format(p=p))
print("{0} {0!s} {0!r} {0!a} {0:spec}".format(p))
print("{!r:>10}|{!s:^9}|{!a}".format("é", "é", "é"))
print("{:{}}|{:{w}.{p}f}|{:>{}}".format("ab", 5, 3.14159, "r", 4, w=8, p=2))
print("{{literal}} {} {{".format(1), "{:%}".format(0.5), "{:,}".format(1234567))
print("{0[key]}".format({"key": "val"}), "{0[1][0]}".format([[1], [2]]), "{x[-1]}".format(x={"-1": "neg"}))
print("{:*^10}|{:<5}|{:>5}|{:=+6}|{:06.2f}".format("mid", "l", "r", 3, -1.5))
print("{!s:5}|".format(None), "{:5}|".format(True), "{:d}".format(True), "{}".format([1, "a"]))
errors = ["{", "}", "{0} {}", "{} {0}", "{1}", "{x}", "{0.missing}", "{0[5]}", "{!x}", "{0!}", "{:d}", "{0:{1}}",
          "{0[}", "{a.}", "{0:{:{}}}", "{:=s}"]
for fmt in errors:
    try:
        print(repr(fmt), fmt.format("str"))
    except Exception as e:
        print(repr(fmt), type(e).__name__, e)
print("{0:{1}{2}}".format(42, ">", 6), "{:{fill}^{w}}".format(7, fill="-", w=5))
try:
    "{:{:{:{}}}}".format(1, 2, 3, 4, 5)
except ValueError as e:
    print("ValueError", e)
print("{0}{1}{2}{3}{4}{5}{6}{7}{8}{9}{10}".format(*range(11)))
