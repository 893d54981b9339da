a = x[1]
b = x[1:2]
c = x[::2]
d = x[1, 2]
e = x[...]
x[a:b] = c
del x[a]
f = "abc"[1]
g = (1, 2, 3)[0]
