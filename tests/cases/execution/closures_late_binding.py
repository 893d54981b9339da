# Closures capture variables, not values
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs = [lambda i=i: i for i in range(3)]
print([f() for f in funcs])
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1, c2 = make_counter(), make_counter()
print(c1(), c1(), c2(), c1())
def outer():
    x = "first"
    def show():
        return x
    x = "second"
    return show
print(outer()())
def cells():
    a = 1
    def f():
        return a
    return f
f = cells()
print(f.__code__.co_freevars, f.__closure__[0].cell_contents, len(f.__closure__))
print(cells.__code__.co_cellvars)
def no_closure():
    return 1
print(no_closure.__closure__)
def loop_closures():
    result = []
    for i in range(3):
        def g():
            return i * 10
        result.append(g)
    return [h() for h in result]
print(loop_closures())
def deep():
    a = "a"
    def lvl1():
        b = "b"
        def lvl2():
            def lvl3():
                return a + b
            return lvl3()
        return lvl2()
    return lvl1()
print(deep())
def shared():
    v = [0]
    def add():
        v[0] += 1
    def get():
        return v[0]
    return add, get
add, get = shared()
add(); add()
print(get())
def unbound_cell():
    def inner():
        return later
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
    later = 1
    return inner()
print(unbound_cell())
def deleted_cell():
    x = 1
    def inner():
        return x
    del x
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
deleted_cell()
