# pass, return in its forms
def nothing():
    pass
print(nothing())
def bare_return():
    return
print(bare_return())
def tuple_return():
    return 1, 2
print(tuple_return(), type(tuple_return()).__name__)
def star_return():
    rest = [2, 3]
    return 1, *rest
print(star_return())
def early(n):
    if n < 0:
        return "negative"
    for i in range(n):
        if i == 2:
            return f"stopped at {i}"
    return "completed"
print(early(-1), early(5), early(1))
def return_in_while():
    while True:
        return "out of infinite loop"
print(return_in_while())
def return_in_with():
    class CM:
        def __enter__(self): return self
        def __exit__(self, *a):
            print("  exit runs")
    with CM():
        return "from with"
print(return_in_with())
def return_lambda():
    return lambda: "inner"
print(return_lambda()())
for bad in ["return 1", "class C:\n    return 1\n", "def f():\n    class C:\n        return 1\n"]:
    try:
        compile(bad, "<r>", "exec")
        print(repr(bad), "compiles")
    except SyntaxError as e:
        print(repr(bad), "-> SyntaxError", e.msg)
class Empty:
    pass
if True:
    pass
for _ in range(2):
    pass
while False:
    pass
print("pass everywhere ok", Empty.__name__)
def multiple_returns(flag):
    try:
        if flag:
            return "try"
    finally:
        print("  finally before return value delivered")
    return "after"
print(multiple_returns(True), multiple_returns(False))
def gen_return():
    yield 1
    return "gen value"
g = gen_return()
next(g)
try:
    next(g)
except StopIteration as e:
    print("StopIteration value", e.value)
