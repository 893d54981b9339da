import _queue, queue, threading, time
from _queue import SimpleQueue, Empty
print(SimpleQueue.__module__, Empty.__module__, Empty.__mro__[1], queue.SimpleQueue is SimpleQueue, queue.Empty is Empty)
q = SimpleQueue()
print(q.empty(), q.qsize())
q.put(1); q.put_nowait(2); q.put(3, block=False, timeout=5)
print(q.empty(), q.qsize(), q.get(), q.get_nowait(), q.get(False))
for args in [(), (False,), (True, 0.05)]:
    try: q.get(*args) if args else q.get_nowait()
    except Empty as e: print("Empty", repr(e))
try: q.get(timeout=-1)
except ValueError as e: print(e)
try: q.get(timeout="x")
except TypeError as e: print(e)
try: SimpleQueue(1)
except TypeError as e: print(e)
print(SimpleQueue[int])
class Sub(SimpleQueue): pass
s = Sub(); s.put("x"); print(type(s).__name__, s.get())
results = []
def producer():
    for i in range(100):
        q.put(i)
        if i % 10 == 0: time.sleep(0.001)
def consumer():
    for _ in range(100):
        results.append(q.get(timeout=10))
ts = [threading.Thread(target=consumer), threading.Thread(target=producer)]
for t in ts: t.start()
for t in ts: t.join()
print(results == list(range(100)))
t0 = time.monotonic()
try: q.get(timeout=0.2)
except Empty: print("timed out", time.monotonic() - t0 >= 0.19)
qq = queue.Queue(); qq.put(5); print(qq.get())
