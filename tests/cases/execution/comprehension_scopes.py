# Comprehensions have their own scope
x = "global"
result = [x for x in range(3)]
print(result, x)
gen = (y for y in range(3))
print(list(gen))
try:
    y
except NameError as e:
    print("NameError", e)
print({k: v for k, v in [(1, 2)]}, {s for s in "aa"})
def f():
    n = 10
    return [n + i for i in range(3)]
print(f())
def g():
    items = [lambda: i for i in range(3)]
    return [fn() for fn in items]
print(g())
outer_list = [[1, 2], [3, 4]]
print([v for row in outer_list for v in row if v % 2 == 0])
print([[c for c in row] for row in outer_list])
def first_iter_in_enclosing():
    data = [1, 2, 3]
    return [d for d in data]
print(first_iter_in_enclosing())
class K:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
    try:
        cross = [v * m for v in vals for m in vals]
    except NameError as e:
        cross = str(e)
print(K.doubled, K.cross)
print([(i, j) for i in range(3) for j in range(i)])
print([i for i in range(10) if i % 2 if i % 3])
print([(yield_var := w) for w in "ab"], yield_var)
def walrus_scope():
    [last := i for i in range(5)]
    return last
print(walrus_scope())
try:
    exec("[i := 0 for i in range(2)]")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    exec("class Q:\n    [z := 1 for _ in range(1)]\n")
except SyntaxError as e:
    print("SyntaxError", e.msg)
g2 = (i * 2 for i in range(3))
print(type(g2).__name__, sum(g2), sum(g2))
print(list(zip(*[[1, 2], [3, 4]])))
nested = [[x for x in range(j)] for j in range(3)]
print(nested, x)
