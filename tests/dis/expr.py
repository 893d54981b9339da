x = -1
y = not a
z = a + b * c - d / e // f % g ** h
w = a << 1 | b >> 2 & c ^ ~d
v = a if b else c
u = a and b or c
s = a < b < c
t = a is not b, a not in b
r = (1, 2, 3)
q = [1, 2, x]
p = {1: 2, 'a': x}
o = {1, 2, 3}
n = obj.attr.other
m = obj[1][a:b:c]
l = lambda x, y=2: x + y
k = (x := 10)
j = [*a, *b]
i = {**a, 'b': 1}
h = 2 ** 100
g = "abc" * 3
