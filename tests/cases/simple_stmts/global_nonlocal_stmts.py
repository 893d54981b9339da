# global and nonlocal statements as statements: placement, multiple names
a = b = 0
def set_both():
    global a, b
    a, b = 1, 2
set_both()
print(a, b)
def counter_factory():
    x = y = 0
    def step():
        nonlocal x, y
        x += 1
        y += 10
        return x, y
    return step
step = counter_factory()
step()
print(step())
def global_in_loop():
    for i in range(3):
        global loop_total
        loop_total = i
global_in_loop()
print(loop_total)
def conditional_global(flag):
    if flag:
        global cond_var
    cond_var = "set"
conditional_global(False)
print(cond_var)
def nonlocal_through_levels():
    v = "level0"
    def l1():
        def l2():
            nonlocal v
            v = "set from l2"
        l2()
    l1()
    return v
print(nonlocal_through_levels())
def nonlocal_nearest():
    v = "outer"
    def mid():
        v = "mid"
        def inner():
            nonlocal v
            v = "inner changed mid"
        inner()
        return v
    return mid(), v
print(nonlocal_nearest())
def global_then_del():
    global to_delete
    to_delete = 1
    del to_delete
global_then_del()
print("to_delete" in globals())
def nonlocal_del():
    q = 1
    def inner():
        nonlocal q
        del q
    inner()
    try:
        return q
    except NameError as e:
        return type(e).__name__ + ": " + str(e)
print(nonlocal_del())
code = "global gx\ngx = 'exec global'\n"
exec(code, globals())
print(gx)
def exec_with_global():
    exec("global gy\ngy = 'from exec in function'")
exec_with_global()
print(gy)
