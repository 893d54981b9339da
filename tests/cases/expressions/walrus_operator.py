# Assignment expressions
if (n := len("hello")) > 3:
    print("long", n)
data = [1, 2, 3, 4, 5, 6]
print([y for x in data if (y := x * x) > 10], y)
print([(z := i) for i in range(3)], z)
print(any((hit := v) > 3 for v in data), hit)
print(all((miss := v) < 3 for v in data), miss)
values = iter([3, 2, 1, 0, 5])
out = []
while (v := next(values)) != 0:
    out.append(v)
print(out)
print((a := 1, b := 2), a, b)
print(f"{(c := 10)}", c)
def f():
    [w := i for i in range(4)]
    return w
print(f())
def g():
    total = 0
    res = [total := total + i for i in range(5)]
    return res, total
print(g())
print((lambda: (q := 5) + q)())
try:
    q
except NameError as e:
    print("NameError", e)
m = {"k": 1}
if (val := m.get("k")) is not None:
    print("val", val)
if (missing := m.get("nope")) is None:
    print("missing", missing)
bad = [
    "x := 1",
    "(a.b := 1)",
    "(a[0] := 1)",
    "[i for i in range(3) if (i := 1)]",
    "def f(x := 1): pass",
    "((a, b) := (1, 2))",
    "f(x := 1, y=2)",
    "[(j := 1) for j in range(2)]",
]
for src in bad:
    try:
        compile(src, "<w>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), "->", e.msg)
print((x := 5) + x, x)
print([x := x + 1, x], x)
