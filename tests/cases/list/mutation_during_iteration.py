# Mutating a list while iterating over it: defined (if surprising) behaviour
a = [1, 2, 3, 4, 5, 6]
for x in a:
    if x % 2 == 0:
        a.remove(x)
print(a)
b = [1, 2, 3]
seen = []
for x in b:
    seen.append(x)
    if len(b) < 6:
        b.append(x * 10)
print(seen, b)
c = [1, 2, 3, 4]
for i, x in enumerate(c):
    del c[0]
    print("iter", i, x, c)
d = [1, 2, 3]
it = iter(d)
print(next(it))
d.clear()
print(list(it))
e = [1, 2, 3]
it2 = iter(e)
print(list(it2), list(it2))
e.append(4)
print(list(it2))
f = [3, 1, 2]
r = reversed(f)
f.append(99)
print(list(r))
g = [1, 2, 3]
rg = reversed(g)
g.pop()
g.pop()
print(list(rg))
