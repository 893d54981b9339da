f = lambda: 0
g = lambda x, *a, k=1, **kw: (x, a, k, kw)
h = lambda: (yield)
def outer(n):
    return lambda x: x + n
