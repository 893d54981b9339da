# yield from: delegation, return values, send/throw passthrough
def inner():
    x = yield "inner-1"
    print("  inner got", x)
    y = yield "inner-2"
    print("  inner got", y)
    return "inner-result"
def outer():
    result = yield from inner()
    print("  outer got result", result)
    yield "outer-after"
    return "outer-result"
g = outer()
print(next(g))
print(g.send("A"))
print(g.send("B"))
try:
    next(g)
except StopIteration as e:
    print("final", e.value)
print(list(outer()))
def from_iterables():
    yield from [1, 2]
    yield from "ab"
    yield from range(2)
    yield from (x * 10 for x in range(2))
    r = yield from []
    print("  yield from [] gives", r)
print(list(from_iterables()))
def handler():
    while True:
        try:
            yield "waiting"
        except KeyError as e:
            yield f"inner handled {e}"
def delegator():
    try:
        yield from handler()
    except ValueError as e:
        yield f"outer handled {e}"
d = delegator()
print(next(d), d.throw(KeyError("k")), next(d), d.throw(ValueError("v")))
def closing_inner():
    try:
        yield 1
    finally:
        print("  inner finally on close")
def closing_outer():
    try:
        yield from closing_inner()
    finally:
        print("  outer finally on close")
co = closing_outer()
next(co)
co.close()
def chain(*gens):
    total = 0
    for gen in gens:
        total += yield from gen
    return total
def counted(n):
    for i in range(n):
        yield i
    return n
ch = chain(counted(2), counted(3))
print(list(ch))
def get_return():
    ch2 = chain(counted(1), counted(4))
    result = yield from ch2
    yield f"sum of lengths {result}"
print(list(get_return()))
try:
    list((lambda: (yield from 5))())
except TypeError as e:
    print("TypeError", e)
