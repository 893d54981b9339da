# Conditional expressions and lambdas
def t(x):
    print(f"  t({x})")
    return x
print(t("yes") if t(True) else t("no"))
print(t("yes") if t(0) else t("no"))
print(1 if 0 else 2 if 0 else 3, (1 if 0 else 2) if 1 else 3)
x = 5
print("big" if x > 3 else "small", "even" if x % 2 == 0 else "odd")
f = lambda: "no args"
g = lambda a, b=2, *args, c, d=4, **kw: (a, b, args, c, d, kw)
print(f(), g(1, c=3), g(1, 2, 3, 4, c=5, e=6))
print((lambda x: x * 2)(21), (lambda *a: a)(1, 2), (lambda **k: k)(z=1))
print(f.__name__, g.__name__, f.__qualname__, (lambda: 0).__code__.co_name)
print((lambda x, /, y: x + y)(1, y=2))
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))
print(list(map(lambda p: p[0] * p[1], [(1, 2), (3, 4)])))
print((lambda: (yield 1))().__class__.__name__ if False else "gen-lambda skipped")
adders = [(lambda n: lambda x: x + n)(i) for i in range(3)]
print([a(10) for a in adders])
h = lambda x: x if x < 3 else h(x - 1) + x
print(h(5))
print((lambda: "doc?").__doc__)
try:
    (lambda a: a)()
except TypeError as e:
    print("TypeError", e)
try:
    g(1)
except TypeError as e:
    print("TypeError", e)
try:
    exec("lambda: x = 1")
except SyntaxError as e:
    print("SyntaxError", e.msg)
y = (lambda: 1) if True else (lambda: 2)
print(y())
print((lambda x=[]: x.append(1) or x)(), (lambda x=[]: x.append(1) or x)())
k = lambda x=[]: x.append(1) or x
print(k(), k(), k([9]))
print(type(lambda: 0).__name__, callable(lambda: 0))
