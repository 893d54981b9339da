# async with and __aenter__/__aexit__
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
class AsyncCM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    async def __aenter__(self):
        print(f"  aenter {self.name}")
        return self.name
    async def __aexit__(self, et, ev, tb):
        print(f"  aexit {self.name} {et.__name__ if et else None}")
        return self.suppress
async def main():
    async with AsyncCM("a") as a, AsyncCM("b") as b:
        print("  body", a, b)
    async with AsyncCM("s", suppress=True):
        raise ValueError("suppressed")
    try:
        async with AsyncCM("p"):
            raise KeyError("propagates")
    except KeyError as e:
        print("  caught", e)
    return "main done"
print(run(main()))
class SyncOnly:
    def __enter__(self): return self
    def __exit__(self, *a): pass
async def wrong():
    async with SyncOnly():
        pass
try:
    run(wrong())
except TypeError as e:
    print("TypeError", e)
class AsyncOnly:
    async def __aenter__(self): return self
    async def __aexit__(self, *a): pass
def sync_use():
    with AsyncOnly():
        pass
try:
    sync_use()
except TypeError as e:
    print("TypeError", e)
class NonAwaitableEnter:
    def __aenter__(self): return 1
    async def __aexit__(self, *a): pass
async def bad_enter():
    async with NonAwaitableEnter():
        pass
try:
    run(bad_enter())
except TypeError as e:
    print("TypeError", e)
async def returns_in_with():
    async with AsyncCM("r"):
        return "returned inside async with"
print(run(returns_in_with()))
