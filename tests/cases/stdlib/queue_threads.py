# queue.Queue between producer and consumer threads, task_done/join, timeouts.
import queue
import threading

q = queue.Queue(maxsize=3)
out = []


def producer(base):
    for i in range(10):
        q.put(base + i)


def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        out.append(item)
        q.task_done()


cs = [threading.Thread(target=consumer) for _ in range(2)]
ps = [threading.Thread(target=producer, args=(b,)) for b in (0, 100)]
for t in cs + ps:
    t.start()
for p in ps:
    p.join()
q.join()
for _ in cs:
    q.put(None)
for c in cs:
    c.join()
print(sorted(out))
print(q.empty(), q.qsize())
try:
    q.get(timeout=0.02)
except queue.Empty:
    print("Empty after timeout")
full = queue.Queue(maxsize=1)
full.put(1)
try:
    full.put(2, timeout=0.02)
except queue.Full:
    print("Full after timeout")

lq = queue.LifoQueue()
pq = queue.PriorityQueue()
for v in [3, 1, 2]:
    lq.put(v)
    pq.put(v)
print([lq.get() for _ in range(3)], [pq.get() for _ in range(3)])
