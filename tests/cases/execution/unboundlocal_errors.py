# UnboundLocalError and NameError messages
x = 10
def f():
    print(x)
    x = 5
try:
    f()
except UnboundLocalError as e:
    print(type(e).__name__, e, isinstance(e, NameError))
def g():
    x += 1
try:
    g()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def h():
    if False:
        y = 1
    return y
try:
    h()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def k():
    z = 1
    del z
    return z
try:
    k()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def m():
    try:
        raise ValueError
    except ValueError as err:
        pass
    return err
try:
    m()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def n():
    for i in []:
        pass
    return i
try:
    n()
except UnboundLocalError as e:
    print(type(e).__name__, e)
try:
    undefined_thing
except NameError as e:
    print(type(e).__name__, e, e.name)
def p():
    return also_undefined
try:
    p()
except NameError as e:
    print(type(e).__name__, e)
def outer():
    def inner():
        return free
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
    free = 1
outer()
try:
    del never_defined
except NameError as e:
    print(type(e).__name__, e)
def q():
    del local_never
    local_never = 1
try:
    q()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def r():
    import_me = import_me
try:
    r()
except UnboundLocalError as e:
    print(type(e).__name__, e)
