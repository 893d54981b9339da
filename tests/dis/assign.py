a = 1
b = c = a
x, y = y, x
p, *q, r = range(10)
[m, n] = 1, 2
obj.attr = 3
obj[1] = 4
obj[1:2] = 5
a += 1
obj.attr -= 2
obj[k] *= 3
t: int = 5
u: str
obj.z: int = 1
del a, obj.attr, obj[1]
