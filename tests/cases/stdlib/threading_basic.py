# Threads run, interleave and join; daemon flags, names, idents, excepthook, sleep overlap.
import threading
import time
import _thread

results = []
lock = threading.Lock()


def work(n):
    s = 0
    for i in range(n):
        s += i
    with lock:
        results.append(s)


ts = [threading.Thread(target=work, args=(20000 + i,), name=f"w{i}") for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results))
print([t.name for t in ts], [t.is_alive() for t in ts])

# Idents of threads alive at the same time differ.
idents = {}
meet = threading.Barrier(3)


def who(k):
    idents[k] = (threading.get_ident(), threading.current_thread().name)
    meet.wait()


ts = [threading.Thread(target=who, args=(k,), name=f"id{k}") for k in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len({v[0] for v in idents.values()}), sorted(v[1] for v in idents.values()))
print(threading.get_ident() not in {v[0] for v in idents.values()})
print(threading.current_thread() is threading.main_thread(), threading.current_thread().name)

# A CPU-bound thread does not starve the main thread (the switch interval hands over).
stop = []
count = [0]


def spin():
    while not stop:
        count[0] += 1


t = threading.Thread(target=spin)
t.start()
time.sleep(0.05)
stop.append(1)
t.join()
print("spinner stopped", count[0] > 0)

# Sleeping threads overlap: every sleep starts before any ends (if sleep kept the lock, each
# would start only after the previous one ended). Nothing is timed against a bound.
spans = []
gate = threading.Barrier(5)
def sleeper():
    gate.wait()
    start = time.monotonic()
    time.sleep(2)
    spans.append((start, time.monotonic()))
ts = [threading.Thread(target=sleeper) for _ in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("sleeps overlapped", max(s for s, _ in spans) < min(e for _, e in spans))

# Exceptions in threads go to threading.excepthook.
seen = []
old_hook = threading.excepthook
threading.excepthook = lambda a: seen.append((a.exc_type.__name__, str(a.exc_value), a.thread.name))


def boom():
    raise ValueError("bad value")


t = threading.Thread(target=boom, name="boomer")
t.start()
t.join()
threading.excepthook = old_hook
print(seen)

# join with a timeout on a thread that is still running.
ev = threading.Event()
t = threading.Thread(target=ev.wait)
t.start()
t.join(0.05)
print("alive after join timeout", t.is_alive())
ev.set()
t.join()
print("alive after set", t.is_alive())

# Daemon threads, active_count, enumerate.
print(threading.active_count(), len(threading.enumerate()))
d = threading.Thread(target=time.sleep, args=(60,), daemon=True)
d.start()
print(d.daemon, threading.active_count())

# _thread directly: start_new_thread, _count, argument checks.
done = _thread.allocate_lock()
done.acquire()
box = []


def raw(a, b, c=None):
    box.append((a, b, c))
    done.release()


_thread.start_new_thread(raw, (1, 2), {"c": 3})
done.acquire()
print(box)
for bad in [(1, ()), (print, []), (print, (), 1)]:
    try:
        _thread.start_new_thread(*bad)
    except TypeError as e:
        print("TypeError:", e)
print(_thread.stack_size(), _thread.TIMEOUT_MAX)
try:
    _thread.stack_size(100)
except ValueError as e:
    print("ValueError:", e)

# A non-daemon thread still running at the end is joined before exit.
def late():
    time.sleep(0.1)
    print("late thread done")


threading.Thread(target=late).start()
print("main done")
