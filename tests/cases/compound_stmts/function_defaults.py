# Default argument values are evaluated once, at definition time
counter = 0
def next_id():
    global counter
    counter += 1
    return counter
def f(x=next_id()):
    return x
print(f(), f(), counter)
def append_to(item, target=[]):
    target.append(item)
    return target
print(append_to(1), append_to(2), append_to(3, []), append_to(4))
print(append_to.__defaults__)
def safe_append(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target
print(safe_append(1), safe_append(2))
def kw_defaults(*, a=[], b={}):
    a.append(1)
    b[len(b)] = True
    return a, b
kw_defaults(); print(kw_defaults(), kw_defaults.__kwdefaults__)
x = 10
def captures(v=x):
    return v
x = 20
print(captures())
def dict_default(d={}):
    d["calls"] = d.get("calls", 0) + 1
    return d["calls"]
print(dict_default(), dict_default(), dict_default({}))
f.__defaults__ = ("replaced",)
print(f())
f.__defaults__ = None
try:
    f()
except TypeError as e:
    print("TypeError", e)
def several(a, b=2, c=3):
    return a, b, c
several.__defaults__ = (20,)
print(several(1, 2))
try:
    several(1)
except TypeError as e:
    print("TypeError", e)
for src in ["def g(a=1, b): pass", "def g(*, a=1, b): pass", "def g(a, a): pass", "def g(**k, a): pass", "def g(*): pass", "def g(*, **k): pass"]:
    try:
        compile(src, "<d>", "exec")
        print(src, "compiles")
    except SyntaxError as e:
        print(src, "-> SyntaxError", e.msg)
def order(a=print("  default a evaluated"), b=print("  default b evaluated")):
    pass
print("defined order()")
lam = lambda n=[]: n.append(len(n)) or n
print(lam(), lam(), lam())
