# Objects with __await__, and what await accepts
class Ready:
    def __init__(self, value):
        self.value = value
    def __await__(self):
        return self.value
        yield
class Twice:
    def __await__(self):
        a = yield "first"
        b = yield "second"
        return (a, b)
async def use():
    x = await Ready(5)
    y = await Twice()
    return x, y
c = use()
print(c.send(None), c.send("one"))
try:
    c.send("two")
except StopIteration as e:
    print(e.value)
class BadAwait:
    def __await__(self):
        return 42
async def bad():
    await BadAwait()
try:
    bad().send(None)
except TypeError as e:
    print("TypeError", e)
async def await_int():
    await 5
try:
    await_int().send(None)
except TypeError as e:
    print("TypeError", e)
class IterReturn:
    def __await__(self):
        return iter(["from iter"])
async def it():
    return await IterReturn()
ci = it()
print(ci.send(None))
try:
    ci.send(None)
except StopIteration as e:
    print("value", e.value)
async def inner():
    return "inner value"
async def outer():
    coro = inner()
    first = await coro
    try:
        await coro
    except RuntimeError as e:
        return first, str(e)
co = outer()
try:
    co.send(None)
except StopIteration as e:
    print(e.value)
class AwaitGen:
    def __await__(self):
        yield from ["g1", "g2"]
        return "gen-based await"
async def g():
    return await AwaitGen()
cg = g()
print(cg.send(None), cg.send(None))
try:
    cg.send(None)
except StopIteration as e:
    print(e.value)
class AwaitIsNone:
    __await__ = None
async def none_await():
    await AwaitIsNone()
try:
    none_await().send(None)
except TypeError as e:
    print("TypeError", e)
