# expect: recursion
def f():
    return f()
f()
