# Producer/consumer with a queue, futures and a hand-written scheduler
class Future:
    def __init__(self):
        self.done = False
        self.result = None
        self.callbacks = []
    def set_result(self, value):
        self.done = True
        self.result = value
        for cb in self.callbacks:
            cb()
    def __await__(self):
        if not self.done:
            yield self
        return self.result
class Scheduler:
    def __init__(self):
        self.ready = []
        self.log = []
    def spawn(self, coro):
        self.ready.append(coro)
    def run(self):
        while self.ready:
            coro = self.ready.pop(0)
            try:
                fut = coro.send(None)
            except StopIteration as e:
                self.log.append(("done", e.value))
                continue
            fut.callbacks.append(lambda c=coro: self.ready.append(c))
class Queue:
    def __init__(self):
        self.items = []
        self.waiters = []
    def put(self, item):
        if self.waiters:
            self.waiters.pop(0).set_result(item)
        else:
            self.items.append(item)
    async def get(self):
        if self.items:
            return self.items.pop(0)
        fut = Future()
        self.waiters.append(fut)
        return await fut
q = Queue()
async def consumer(name, n):
    got = []
    for _ in range(n):
        item = await q.get()
        print(f"  {name} got {item}")
        got.append(item)
    return name, got
async def producer(items):
    for it in items:
        print(f"  produce {it}")
        q.put(it)
    return "producer", len(items)
sched = Scheduler()
sched.spawn(consumer("c1", 2))
sched.spawn(consumer("c2", 1))
sched.spawn(producer(["x", "y", "z"]))
sched.run()
print(sched.log)
