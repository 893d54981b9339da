# Driving coroutines by hand with send(None)
async def add(a, b):
    return a + b
coro = add(1, 2)
print(type(coro).__name__, coro.__name__, coro.__qualname__)
try:
    coro.send(None)
except StopIteration as e:
    print("result via StopIteration:", e.value)
try:
    coro.send(None)
except RuntimeError as e:
    print("RuntimeError", e)
class Suspend:
    def __await__(self):
        value = yield "suspended"
        return f"resumed with {value}"
async def waits():
    print("  before await")
    r = await Suspend()
    print("  after await:", r)
    return "finished"
c = waits()
print(c.send(None))
try:
    c.send("payload")
except StopIteration as e:
    print("done:", e.value)
async def nested():
    a = await add(1, 1)
    b = await waits()
    return a, b
n = nested()
print(n.send(None))
try:
    n.send("x")
except StopIteration as e:
    print(e.value)
async def raises():
    raise ValueError("inside coroutine")
r = raises()
try:
    r.send(None)
except ValueError as e:
    print("ValueError", e)
c2 = waits()
c2.send(None)
try:
    c2.throw(KeyError("thrown in"))
except KeyError as e:
    print("KeyError", e)
c3 = waits()
c3.send(None)
c3.close()
print(c3.cr_frame, c3.cr_running)
c4 = add(2, 3)
print(c4.cr_code.co_name, c4.cr_await)
c4.close()
co = add(1, 1)
try:
    iter(co)
except TypeError as e:
    print("TypeError", e)
finally:
    co.close()
async def f(): pass
print(type(f).__name__, f.__code__.co_flags & 0x80 != 0)
