# Locks, RLocks, Conditions, Events, Semaphores, Barriers and Timers across real threads.
import threading
import time

# Lock: blocking, timeouts, misuse messages.
l = threading.Lock()
print(l.acquire(), l.acquire(False), l.acquire(timeout=0.05), l.locked())
l.release()
try:
    l.release()
except RuntimeError as e:
    print("RuntimeError:", e)
for kw in [dict(blocking=False, timeout=1), dict(timeout=-2)]:
    try:
        l.acquire(**kw)
    except ValueError as e:
        print("ValueError:", e)


# A lock released by another thread wakes the waiter.
l.acquire()
def releaser():
    time.sleep(0.05)
    l.release()


threading.Thread(target=releaser).start()
print("acquired after release", l.acquire(timeout=5))
l.release()

# RLock: re-entry, ownership, release from another thread is refused.
r = threading.RLock()
r.acquire()
r.acquire()
errs = []


def other():
    try:
        r.release()
    except RuntimeError as e:
        errs.append(str(e))
    errs.append(r.acquire(timeout=0.02))


t = threading.Thread(target=other)
t.start()
t.join()
print(errs)
r.release()
r.release()
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)

# Condition with wait_for and notify_all.
cond = threading.Condition()
ready = []
out = []


def waiter(i):
    with cond:
        cond.wait_for(lambda: ready)
        out.append(i)


ws = [threading.Thread(target=waiter, args=(i,)) for i in range(4)]
for w in ws:
    w.start()
time.sleep(0.02)
with cond:
    ready.append(True)
    cond.notify_all()
for w in ws:
    w.join()
print(sorted(out))
with cond:
    print("wait timeout", cond.wait(0.02))

# Event.
ev = threading.Event()
print(ev.is_set(), ev.wait(0.01))
threading.Timer(0.02, ev.set).start()
print(ev.wait(5), ev.is_set())

# Semaphore bounds concurrency.
sem = threading.BoundedSemaphore(2)
active = [0]
peak = [0]
guard = threading.Lock()


def job():
    with sem:
        with guard:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.02)
        with guard:
            active[0] -= 1


js = [threading.Thread(target=job) for _ in range(6)]
for j in js:
    j.start()
for j in js:
    j.join()
print("peak", peak[0])
try:
    sem.release()
except ValueError as e:
    print("ValueError:", e)

# Barrier: parties meet; the index set is complete.
bar = threading.Barrier(3)
idx = []


def meet():
    idx.append(bar.wait())


bs = [threading.Thread(target=meet) for _ in range(3)]
for b in bs:
    b.start()
for b in bs:
    b.join()
print(sorted(idx), bar.broken)

# Timer cancelled before it fires.
fired = []
tm = threading.Timer(0.2, lambda: fired.append(1))
tm.start()
tm.cancel()
tm.join()
print("fired", fired)

# RLock._recursion_count: the caller's own holds only.
rc = threading.RLock()
counts = [rc._recursion_count()]
with rc:
    with rc:
        counts.append(rc._recursion_count())
        t = threading.Thread(target=lambda: counts.append(rc._recursion_count()))
        t.start()
        t.join()
print(counts, rc._recursion_count())
