a, b = 1, 2
a, b, c = c, b, a
(a, b), c = x
*a, b = x
def f(a, b):
    a, b = b, a
    return (*a, *b)
print(*args, sep='')
x = {**a}
