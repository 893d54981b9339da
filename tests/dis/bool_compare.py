def f(a, b, c):
    if a and b or c:
        return 1
    if a < b < c:
        return 2
    x = a == b
    y = not a
    return a or b
