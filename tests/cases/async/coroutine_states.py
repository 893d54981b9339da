# Coroutine introspection and reuse errors
async def simple():
    return 1
class Pause:
    def __await__(self):
        yield
async def paused():
    await Pause()
    return "done"
c = paused()
print(c.cr_running, c.cr_frame is not None, c.cr_await)
c.send(None)
print(c.cr_running, type(c.cr_await).__name__ if c.cr_await is not None else None)
try:
    c.send(None)
except StopIteration as e:
    print("value", e.value)
print(c.cr_frame)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError", e)
s = simple()
s.close()
try:
    s.send(None)
except RuntimeError as e:
    print("RuntimeError", e)
async def reenter():
    try:
        me.send(None)
    except ValueError as e:
        return f"ValueError: {e}"
me = reenter()
try:
    me.send(None)
except StopIteration as e:
    print(e.value)
async def catches_exit():
    try:
        await Pause()
    except GeneratorExit:
        print("  GeneratorExit inside coroutine on close")
        raise
ce = catches_exit()
ce.send(None)
ce.close()
import sys
print(type(simple.__code__).__name__, simple.__name__)
w = simple().__await__()
print(type(w).__name__)
try:
    next(w)
except StopIteration as e:
    print("via __await__ iterator:", e.value)
