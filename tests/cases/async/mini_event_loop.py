# A tiny round-robin event loop written in plain Python
class Sleep:
    def __init__(self, ticks):
        self.ticks = ticks
    def __await__(self):
        yield ("sleep", self.ticks)
class Loop:
    def __init__(self):
        self.ready = []
        self.sleeping = []
        self.time = 0
        self.results = {}
    def spawn(self, name, coro):
        self.ready.append((name, coro, None))
    def run(self):
        while self.ready or self.sleeping:
            if not self.ready:
                self.time = min(t for t, _, _ in self.sleeping)
                woke = [s for s in self.sleeping if s[0] <= self.time]
                self.sleeping = [s for s in self.sleeping if s[0] > self.time]
                for _, name, coro in woke:
                    self.ready.append((name, coro, None))
            name, coro, value = self.ready.pop(0)
            try:
                request = coro.send(value)
            except StopIteration as e:
                self.results[name] = e.value
                print(f"[t={self.time}] {name} finished -> {e.value!r}")
                continue
            except Exception as e:
                self.results[name] = e
                print(f"[t={self.time}] {name} failed: {type(e).__name__}: {e}")
                continue
            kind, ticks = request
            self.sleeping.append((self.time + ticks, name, coro))
async def worker(name, delays):
    total = 0
    for d in delays:
        print(f"[{name}] sleeping {d}")
        await Sleep(d)
        total += d
    return total
async def failing():
    await Sleep(2)
    raise RuntimeError("task crashed")
loop = Loop()
loop.spawn("A", worker("A", [1, 3]))
loop.spawn("B", worker("B", [2, 1, 1]))
loop.spawn("C", failing())
loop.run()
print(sorted((k, v if not isinstance(v, Exception) else repr(v)) for k, v in loop.results.items()))
print("final time", loop.time)
