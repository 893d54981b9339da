# Targets are assigned left to right, so a repeated name keeps the last value
# (the compiler may not reorder the stores of `a, a, b = x, y, z`).
def f(x, y, z):
    a, a, b = x, y, z
    return a, b


def g(x, y):
    a, a = x, y
    return a


def h(x, y, z):
    a, b, a = x, y, z
    return a, b


def k(x, y, z):
    b, a, a = x, y, z
    return a, b


def m(x, y, z):
    a, b, c = x, y, z
    a, b = b, a
    return a, b, c


print(f("x", "y", "z"), g(1, 2), h(1, 2, 3), k(1, 2, 3), m(1, 2, 3))
a, a, b = "x", "y", "z"
print(a, b)
