# Generator expressions: laziness, single use, scoping
def src():
    for i in range(4):
        print(f"  produce {i}")
        yield i
g = (x * 10 for x in src())
print("created")
print(next(g))
print(list(g))
print(list(g))
print(sum(x for x in range(5)), max((x for x in "hello"), key=ord), sorted(x % 3 for x in range(6)))
print(list(x for x in range(10) if x % 2 if x > 3))
print(list((x, y) for x in range(3) for y in range(x)))
print(dict((k, len(k)) for k in ["a", "bb"]))
print(tuple(c.upper() for c in "abc"), set(x % 2 for x in range(5)), "".join(str(i) for i in range(4)))
gen = (i for i in range(3))
print(type(gen).__name__, gen.__name__, iter(gen) is gen)
def outer():
    factor = 3
    return (factor * i for i in range(3))
print(list(outer()))
try:
    print(list(1 / x for x in [1, 0]))
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    exec("f(x for x in [1], 2)")
except SyntaxError as e:
    print("SyntaxError", e.msg)
print(len([1, 2]), sum((x for x in [1, 2]), 10))
nested = ((i, j) for i in range(2) for j in (i * 10 for _ in range(2)))
print(list(nested))
g2 = (x for x in [])
print(next(g2, "empty"))
seq = [1, 2, 3]
g3 = (v for v in seq)
seq.append(4)
print(list(g3))
g4 = (v for v in seq)
seq = ["rebound"]
print(list(g4))
def early():
    g = (x for x in range(3))
    for v in g:
        if v == 1:
            break
    return list(g)
print(early())
print(any(x > 2 for x in src()))
print(all(x < 2 for x in src()))
