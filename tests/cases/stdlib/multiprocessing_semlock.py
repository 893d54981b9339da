import multiprocessing as mp, threading, time, os
import multiprocessing.synchronize, multiprocessing.connection, multiprocessing.pool, multiprocessing.queues
import multiprocessing.managers, multiprocessing.resource_tracker, multiprocessing.forkserver
from multiprocessing import shared_memory

ctx = mp.get_context("fork")
lock = ctx.Lock()
print(lock.acquire(), lock.acquire(False), lock.acquire(timeout=0.05))
lock.release()
try:
    lock.release()
except ValueError as e:
    print("ValueError", e)
r = ctx.RLock()
print(r.acquire(), r.acquire(), r._semlock._count(), r._semlock._is_mine())
r.release(); r.release()
try:
    r.release()
except AssertionError as e:
    print("AssertionError", e)
s = ctx.Semaphore(2)
print(s.acquire(), s.acquire(), s.acquire(block=False), s.get_value())
s.release(); print(s.get_value())
b = ctx.BoundedSemaphore(1)
try:
    b.release()
except ValueError as e:
    print("ValueError", e)

# A lock held by another thread: the waiter blocks until it is released.
lock.acquire()
out = []
def worker():
    t0 = time.monotonic()
    with lock:
        out.append(time.monotonic() - t0 > 0.05)
t = threading.Thread(target=worker); t.start()
time.sleep(0.1)
lock.release(); t.join()
print(out)

# Across fork: the child takes the semaphore the parent gave.
sem = ctx.Semaphore(0)
pid = os.fork()
if pid == 0:
    ok = sem.acquire(timeout=5)
    os._exit(0 if ok else 1)
sem.release()
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))

ev = ctx.Event()
print(ev.is_set(), ev.wait(0.01)); ev.set(); print(ev.wait(1))
cond = ctx.Condition()
with cond:
    print(cond.wait(0.01))

import _posixshmem, secrets
name = "/krait_test_" + secrets.token_hex(6)
fd = _posixshmem.shm_open(name, os.O_CREAT | os.O_EXCL | os.O_RDWR, mode=0o600)
os.ftruncate(fd, 64)
print(os.write(fd, b"hello"), os.fstat(fd).st_size)
fd2 = _posixshmem.shm_open(name, os.O_RDWR)
print(os.read(fd2, 5))
os.close(fd2); os.close(fd)
_posixshmem.shm_unlink(name)
for call in (lambda: _posixshmem.shm_open(name, os.O_RDWR), lambda: _posixshmem.shm_unlink(name)):
    try:
        call()
    except FileNotFoundError as e:
        print("FileNotFoundError", e.errno, e.filename == name)
try:
    _posixshmem.shm_open(b"x", 0)
except TypeError as e:
    print("TypeError", e)
print(sorted(__import__("_multiprocessing").flags.items()), mp.synchronize.SEM_VALUE_MAX)
