# async for with __aiter__/__anext__
class Ticker:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __aiter__(self):
        print("  __aiter__")
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i * 10
async def collect():
    out = []
    async for v in Ticker(3):
        out.append(v)
    else:
        out.append("else")
    return out
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
print(run(collect()))
async def with_break():
    async for v in Ticker(5):
        if v == 20:
            break
    return v
print(run(with_break()))
class NotAsyncIterable:
    pass
async def bad():
    async for x in NotAsyncIterable():
        pass
try:
    run(bad())
except TypeError as e:
    print("TypeError", e)
class BadAnext:
    def __aiter__(self):
        return self
    def __anext__(self):
        return 1
async def bad2():
    async for x in BadAnext():
        pass
try:
    run(bad2())
except TypeError as e:
    print("TypeError", e)
async def sync_iterable():
    async for x in [1, 2]:
        pass
try:
    run(sync_iterable())
except TypeError as e:
    print("TypeError", e)
async def comp():
    return [v async for v in Ticker(3) if v != 20]
print(run(comp()))
async def dict_comp():
    return {v: v // 10 async for v in Ticker(2)}
print(run(dict_comp()))
class Slow:
    def __init__(self):
        self.i = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        class Pause:
            def __await__(self):
                yield "pause"
        await Pause()
        self.i += 1
        if self.i > 2:
            raise StopAsyncIteration
        return self.i
async def use_slow():
    return [x async for x in Slow()]
c = use_slow()
steps = 0
try:
    while True:
        c.send(None)
        steps += 1
except StopIteration as e:
    print(e.value, "suspended", steps, "times")
