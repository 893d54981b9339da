# Nested function definitions, recursion, and function objects
def outer(n):
    def helper(k):
        return k * 2
    def recurse(k):
        return 0 if k == 0 else helper(k) + recurse(k - 1)
    return recurse(n)
print(outer(4))
def make_multipliers():
    result = []
    for factor in (2, 3):
        def mult(x, factor=factor):
            return x * factor
        result.append(mult)
    return result
print([m(10) for m in make_multipliers()])
def counter():
    def inc():
        inc.count += 1
        return inc.count
    inc.count = 0
    return inc
c = counter()
c(); c()
print(c(), c.count, c.__name__, c.__qualname__)
def fib():
    memo = {}
    def f(n):
        if n in memo:
            return memo[n]
        r = n if n < 2 else f(n - 1) + f(n - 2)
        memo[n] = r
        return r
    return f
print(fib()(60))
def conditional_def(flag):
    if flag:
        def g():
            return "first definition"
    else:
        def g():
            return "second definition"
    return g()
print(conditional_def(True), conditional_def(False))
def redefine():
    def h():
        return 1
    first = h
    def h():
        return 2
    return first(), h()
print(redefine())
def deep(level):
    if level == 0:
        return lambda: "bottom"
    def wrapper():
        return f"level{level}>" + deep(level - 1)()
    return wrapper
print(deep(3)())
def annotations_nested() -> "outer":
    def inner(x: int) -> str:
        return str(x)
    return inner.__annotations__, inner.__qualname__
print(annotations_nested())
def doc_nested():
    def documented():
        """inner docstring"""
    return documented.__doc__
print(doc_nested())
print(outer.__code__.co_consts[1].co_name if False else "skip", type(outer).__name__)
