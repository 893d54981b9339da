# Exceptions across await boundaries: propagation, handling, finally, chaining
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
async def failing(n):
    if n == 0:
        raise ValueError("zero not allowed")
    return 10 // n
async def caller(n):
    try:
        return await failing(n)
    except ValueError as e:
        return f"handled: {e}"
    finally:
        print(f"  caller finally n={n}")
print(run(caller(2)), run(caller(0)))
async def chained():
    try:
        await failing(0)
    except ValueError as e:
        raise RuntimeError("wrapped in coroutine") from e
try:
    run(chained())
except RuntimeError as e:
    print("RuntimeError", e, "<-", repr(e.__cause__))
async def deep(level):
    if level == 0:
        raise KeyError("bottom")
    return await deep(level - 1)
try:
    run(deep(5))
except KeyError as e:
    print("KeyError from 5 levels of await", e)
class Pause:
    def __await__(self):
        yield
async def cancellable():
    try:
        await Pause()
        return "finished normally"
    except GeneratorExit:
        print("  cleanup on close")
        raise
    finally:
        print("  finally on close")
c = cancellable()
c.send(None)
c.close()
async def throw_target():
    try:
        await Pause()
    except TimeoutError as e:
        return f"recovered from {e}"
t = throw_target()
t.send(None)
try:
    t.throw(TimeoutError("injected timeout"))
except StopIteration as e:
    print(e.value)
