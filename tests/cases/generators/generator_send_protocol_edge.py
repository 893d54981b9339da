# send/next equivalence, yield as expression in various positions
def g():
    a = yield 1
    print("  a =", a)
    b = [(yield 2), (yield 3)]
    print("  b =", b)
    c = {"k": (yield 4)}
    print("  c =", c)
    d = f"{(yield 5)}"
    print("  d =", d)
    return (yield 6)
gen = g()
print(next(gen))
print(gen.send("A"))
print(gen.send("B1"))
print(gen.send("B2"))
print(gen.send("C"))
print(gen.send("D"))
try:
    gen.send("final")
except StopIteration as e:
    print("return value", e.value)
def yield_in_call():
    print("  result:", max((yield "first"), (yield "second")))
yc = yield_in_call()
print(next(yc), yc.send(3))
try:
    yc.send(9)
except StopIteration:
    print("done")
def yield_none_value():
    v = yield
    print("  got", v)
    yield
y = yield_none_value()
print(next(y), y.send(None), y.__next__() if False else "")
def lambda_yield():
    f = lambda: (yield "from lambda")
    return list(f())
print(lambda_yield())
