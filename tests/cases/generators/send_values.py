# generator.send(): priming, values in and out
def echo():
    print("  started")
    received = None
    while True:
        received = yield f"echo:{received}"
        print("  got", received)
g = echo()
print(next(g))
print(g.send("a"))
print(g.send("b"))
print(next(g))
g2 = echo()
try:
    g2.send("too early")
except TypeError as e:
    print("TypeError", e)
print(g2.send(None))
def averager():
    total = count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count
a = averager()
next(a)
print([a.send(v) for v in (10, 20, 30, 40)])
def accumulate():
    items = []
    while True:
        item = yield
        if item is None:
            return items
        items.append(item)
acc = accumulate()
next(acc)
acc.send(1); acc.send(2)
try:
    acc.send(None)
except StopIteration as e:
    print("returned", e.value)
try:
    acc.send(3)
except StopIteration as e:
    print("exhausted generator:", e.value, e.args)
def yield_expr_forms():
    x = yield
    y = yield x
    z = (yield y) + 1
    print("  z =", z)
    yield [(yield "inner"), "outer"]
g3 = yield_expr_forms()
print(next(g3), g3.send(1), g3.send(2), g3.send(10), g3.send("sent"))
