with open(f) as fh:
    data = fh.read()
with a, b as c:
    pass
def f():
    with lock:
        return 1
async def g():
    async with x as y:
        await y
