# List comprehension evaluation order, nested, conditional expressions, and scope
x = "outer"
r = [x for x in range(3)]
print(r, x)
print([(i, j) for i in range(3) if i for j in range(i) if j != 1])
print([i if i % 2 else -i for i in range(6)], [[j * i for j in range(3)] for i in range(3)])
def noisy(tag, v):
    print("  eval", tag, v)
    return v
print([noisy("elem", i) for i in noisy("iter", [1, 2]) if noisy("cond", i)])
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs2 = [lambda i=i: i for i in range(3)]
print([f() for f in funcs2])
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for i in range(3) for row in matrix], [v for row in matrix for v in row if v > 2])
print([*range(3), *"ab"], list(range(0)), [None] * 0)
print([x for x in "abc" if x != "b"], [len(w) for w in "a bb ccc".split()], [[x] * x for x in range(3)])
print([i for i in range(10)][::3], [(lambda n: n * 2)(i) for i in range(3)])
print(sum([i for i in range(101)]), [c.upper() for c in "hi"], [k for k in {"a": 1, "b": 2}])
