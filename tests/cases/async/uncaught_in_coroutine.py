# Ends with an exception escaping a coroutine driven by hand (traceback compared)
async def fetch(key):
    data = {"a": 1}
    return data[key]
async def handler(keys):
    results = []
    for k in keys:
        results.append(await fetch(k))
    return results
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
print(run(handler(["a"])))
print(run(handler(["a", "b"])))
