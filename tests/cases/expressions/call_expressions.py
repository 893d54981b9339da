# Call expressions: argument matching and errors
def f(a, b, c=3, *args, d, e=5, **kw):
    return (a, b, c, args, d, e, kw)
print(f(1, 2, d=4))
print(f(1, 2, 30, 40, 50, d=4, z=0))
print(f(b=2, a=1, d=4))
print(f(*[1, 2], **{"d": 4, "e": 6}))
cases = [
    "f()",
    "f(1)",
    "f(1, 2)",
    "f(1, 2, 3, d=4, a=1)",
    "f(1, 2, d=4, d2=5, **{'d': 9})",
    "f(1, b=2, d=4, c=3, q=1)",
    "len()",
    "len(1, 2)",
    "len(x=[1])",
    "int('1', base=10, extra=1)",
    "print(sep=1)",
    "sorted([2, 1], lambda x: x)",
    "divmod(1)",
    "isinstance(1)",
    "(lambda: 0)(1)",
    "(lambda x, y: 0)(1, 2, 3)",
    "(lambda *, k: 0)()",
    "(lambda *, k: 0)(1)",
    "(lambda a, /: a)(a=1)",
    "(lambda a, b=1, /: a)(1, b=2)",
]
for src in cases:
    try:
        print(src, "=", eval(src))
    except TypeError as e:
        print(src, "->", e)
for src in ["f(a=1, 2)", "f(**{}, *[])", "f(1, a=1, a=2)", "f(x for x in [1], 1)"]:
    try:
        compile(src, "<c>", "eval")
        print(src, "compiles")
    except SyntaxError as e:
        print(src, "-> SyntaxError", e.msg)
print(f(1, 2, *[3, 4], d=4, *[5]) if False else f(1, 2, *[3, 4], *[5], d=4))
def g(**kw):
    return kw
print(g(**{"a": 1}, **{"b": 2}), g(**dict(x=1)), g(**{"not-an-identifier": 1}))
class M:
    def method(self, x):
        return x
try:
    M().method()
except TypeError as e:
    print("TypeError", e)
try:
    M().method(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    M.method(1)
except TypeError as e:
    print("TypeError", e)
