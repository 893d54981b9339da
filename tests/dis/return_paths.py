def f(x):
    if x:
        return 1
    else:
        return 2
def g(x):
    while x:
        if x > 5:
            return x
        x -= 1
def h(x):
    try:
        return x
    except E:
        return None
def k(x):
    with x:
        for i in x:
            return i
