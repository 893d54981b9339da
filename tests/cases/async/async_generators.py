# Async generators: asend, athrow, aclose, and async for over them
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
async def agen(n):
    for i in range(n):
        received = yield i
        if received:
            print("  agen received", received)
    print("  agen exhausted")
async def consume():
    return [x async for x in agen(3)]
print(run(consume()))
ag = agen(3)
print(type(ag).__name__, ag.__name__, hasattr(ag, "__anext__"), hasattr(ag, "__next__"))
async def manual():
    g = agen(3)
    first = await g.__anext__()
    second = await g.asend("hello")
    try:
        await g.athrow(ValueError("thrown into agen"))
    except ValueError as e:
        print("  athrow propagated:", e)
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("  finished after athrow")
    return first, second
print(run(manual()))
async def with_cleanup():
    try:
        yield 1
        yield 2
    finally:
        print("  agen finally")
async def close_early():
    g = with_cleanup()
    v = await g.__anext__()
    await g.aclose()
    return v
print(run(close_early()))
async def return_in_agen():
    yield 1
    return
async def use_ret():
    return [x async for x in return_in_agen()]
print(run(use_ret()))
try:
    exec("async def bad():\n    yield 1\n    return 5\n")
except SyntaxError as e:
    print("SyntaxError", e.msg)
async def stop_inside():
    yield 1
    raise StopAsyncIteration
async def use_stop():
    return [x async for x in stop_inside()]
try:
    run(use_stop())
except RuntimeError as e:
    print("RuntimeError", e)
async def awaiting_agen():
    class P:
        def __await__(self):
            yield "inner suspend"
    for i in range(2):
        await P()
        yield i
async def drive():
    return [x async for x in awaiting_agen()]
c = drive()
print(c.send(None), c.send(None))
try:
    c.send(None)
except StopIteration as e:
    print(e.value)
