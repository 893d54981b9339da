# async with + async for + async generator in one pipeline
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
class Connection:
    def __init__(self, rows):
        self.rows = rows
        self.open = False
    async def __aenter__(self):
        self.open = True
        print("  connection opened")
        return self
    async def __aexit__(self, et, ev, tb):
        self.open = False
        print(f"  connection closed (error={et.__name__ if et else None})")
        return False
    async def fetch(self):
        for row in self.rows:
            if not self.open:
                raise RuntimeError("connection closed")
            yield row
async def total(rows):
    result = 0
    async with Connection(rows) as conn:
        async for row in conn.fetch():
            result += row
    return result
print(run(total([1, 2, 3])))
async def failing_total(rows):
    async with Connection(rows) as conn:
        async for row in conn.fetch():
            if row < 0:
                raise ValueError(f"negative row {row}")
    return "unreachable"
try:
    run(failing_total([1, -2, 3]))
except ValueError as e:
    print("ValueError", e)
async def squares(n):
    for i in range(n):
        yield i * i
async def filtered():
    return [x async for x in squares(6) if x % 2 == 0]
print(run(filtered()))
async def nested_async_comprehension():
    return [[y async for y in squares(x)] for x in range(3)]
print(run(nested_async_comprehension()))
