def gen(n):
    for i in range(n):
        yield i
    return n
async def agen():
    yield 1
    await sleep(0)
async def coro():
    async for x in y:
        print(x)
    else:
        pass
