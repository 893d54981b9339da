# Local, Enclosing, Global, Builtin lookup order
x = "global"
def enclosing():
    x = "enclosing"
    def local():
        x = "local"
        return x
    def reads_enclosing():
        return x
    def reads_builtin():
        return len
    return local(), reads_enclosing(), reads_builtin().__name__
print(enclosing())
def no_enclosing():
    return x
print(no_enclosing())
len_calls = []
def uses_global_len():
    return len([1, 2])
print(uses_global_len())
def make_len_global():
    global len
    len = lambda s: "global len wins over builtin"
make_len_global()
print(uses_global_len())
del len
print(uses_global_len())
def two_levels():
    a = 1
    def mid():
        b = 2
        def inner():
            return a + b
        return inner
    return mid()
print(two_levels()())
def shadow_chain():
    v = "outer"
    def mid():
        v = "mid"
        def inner():
            return v
        return inner()
    return mid()
print(shadow_chain())
def late_global():
    return defined_later
defined_later = "found at call time"
print(late_global())
def param_shadows(x):
    return x
print(param_shadows("param"))
def default_eval(y=x):
    return y
x = "changed global"
print(default_eval(), x)
def lambda_chain():
    k = 3
    return (lambda: (lambda: k * 2)())()
print(lambda_chain())
def gen_scope():
    base = 10
    return list(base + i for i in range(3))
print(gen_scope())
def genexpr_first_iter_eager():
    seq = [1, 2]
    g = (i for i in seq)
    seq = [9, 9, 9]
    return list(g)
print(genexpr_first_iter_eager())
def genexpr_inner_lazy():
    seq = [1, 2]
    other = [10]
    g = (i + j for i in seq for j in other)
    other = [100]
    return list(g)
print(genexpr_inner_lazy())
try:
    (i for i in 5)
except TypeError as e:
    print("TypeError at creation:", e)
