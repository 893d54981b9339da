# Slice assignment incl. extended slices and their errors
a = list(range(10))
a[2:5] = ["x", "y"]
print(a)
a[0:0] = [-2, -1]
print(a)
a[len(a):] = [100]
print(a)
a[:] = "abc"
print(a)
a[1:2] = []
print(a)
a[5:1] = ["inserted"]
print(a)
b = list(range(10))
b[::2] = "ABCDE"
print(b)
b[::-3] = [None] * 4
print(b)
b[1:8:3] = (7, 8, 9)
print(b)
del b[::4]
print(b)
errors = ["b[::2] = [1, 2]", "b[::2] = 5", "b[1:3] = 5", "b[::-1] = range(3)", "b[::0] = []", "b['a':] = []"]
for stmt in errors:
    try:
        exec(stmt)
    except Exception as e:
        print(stmt, "->", type(e).__name__, e)
c = [1, 2, 3]
c[1:2] = c
print(c)
d = [1, 2, 3, 4]
d[::2] = d[1::2]
print(d)
e = [0] * 5
e[1:4] = iter([7, 8])
print(e)
f = [1, 2, 3]
f[10:20] = [4]
f[-10:0] = [0]
print(f)
g = list(range(6))
g[4:1:-1] = "xyz"
print(g)
