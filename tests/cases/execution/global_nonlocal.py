# global and nonlocal declarations
counter = 0
def bump():
    global counter
    counter += 1
bump(); bump()
print(counter)
def create_global():
    global brand_new
    brand_new = "created in function"
create_global()
print(brand_new)
def read_only():
    return counter
print(read_only())
def outer():
    x = 1
    def mid():
        def inner():
            nonlocal x
            x += 10
        inner()
        return x
    return mid(), x
print(outer())
def nl_skips_class():
    v = "function v"
    class K:
        v = "class v"
        def m(self):
            nonlocal v
            v = "changed"
    K().m()
    return v, K.v
print(nl_skips_class())
def global_in_nested():
    counter = "local counter"
    def inner():
        global counter
        return counter
    return inner(), counter
print(global_in_nested())
errors = [
    "def f():\n    nonlocal q\n",
    "nonlocal x\n",
    "def f(a):\n    global a\n",
    "def f():\n    x = 1\n    global x\n",
    "def f():\n    print(x)\n    global x\n",
    "def f():\n    x = 1\n    def g():\n        x = 2\n        nonlocal x\n",
    "def f(a):\n    def g():\n        nonlocal a\n        global a\n",
]
for src in errors:
    try:
        compile(src, "<src>", "exec")
        print("compiled")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, "line", e.lineno)
def g1():
    global gx
    gx = 1
    del gx
g1()
print("gx" in globals())
class C:
    global class_global
    class_global = "from class body"
print(class_global, hasattr(C, "class_global"))
def nonlocal_param(p):
    def inner():
        nonlocal p
        p = p * 2
    inner()
    return p
print(nonlocal_param(21))
