# await inside expressions, comprehensions, and conditionals
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
async def val(x):
    return x
async def main():
    a = await val(1) + await val(2)
    b = [await val(i) for i in range(3)]
    c = {await val("k"): await val("v")}
    d = await val(5) if await val(True) else await val(6)
    e = (await val(3)) ** 2
    f = f"{await val('fmt')}"
    g = [x for x in [await val(9)]]
    h = await val(await val("nested"))
    return a, b, c, d, e, f, g, h
print(run(main()))
async def short_circuit():
    log = []
    async def t(x):
        log.append(x)
        return x
    r = await t(0) and await t(1)
    r2 = await t(2) or await t(3)
    return r, r2, log
print(run(short_circuit()))
async def gather(*coros):
    return [await c for c in coros]
print(run(gather(val(1), val("two"), val([3]))))
async def lambda_await():
    fns = [lambda: val(10), lambda: val(20)]
    return [await fn() for fn in fns]
print(run(lambda_await()))
async def exc_in_await():
    async def boom():
        raise ZeroDivisionError("async boom")
    try:
        await boom()
    except ZeroDivisionError as e:
        return f"caught {e}"
print(run(exc_in_await()))
for src in ["await x", "def f():\n    return await x\n", "async def f():\n    lambda: await x\n", "async def f():\n    def g():\n        await x\n"]:
    try:
        compile(src, "<a>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), "-> SyntaxError", e.msg)
