# concurrent.futures.ThreadPoolExecutor: map, submit, as_completed, exceptions, shutdown.
from concurrent.futures import ThreadPoolExecutor, as_completed, wait, FIRST_COMPLETED
import threading
import time


def square(x):
    return x * x


with ThreadPoolExecutor(max_workers=4) as ex:
    print(list(ex.map(square, range(10))))
    futs = {ex.submit(square, i): i for i in range(5)}
    print(sorted((futs[f], f.result()) for f in as_completed(futs)))


def fail(x):
    raise KeyError(x)


with ThreadPoolExecutor(max_workers=2) as ex:
    f = ex.submit(fail, "k")
    try:
        f.result()
    except KeyError as e:
        print("KeyError", e)
    print(type(f.exception()).__name__)

# Work really runs on worker threads, named after the prefix.
names = set()


def record(_):
    names.add(threading.current_thread().name.split("_")[0])
    time.sleep(0.01)


with ThreadPoolExecutor(max_workers=3, thread_name_prefix="pool") as ex:
    list(ex.map(record, range(6)))
print(sorted(names))

ex = ThreadPoolExecutor(max_workers=2)
slow = ex.submit(time.sleep, 0.1)
fast = ex.submit(square, 7)
done, pending = wait([slow, fast], return_when=FIRST_COMPLETED)
print(fast in done)
ex.shutdown(wait=True)
print(slow.done(), fast.result())
try:
    ex.submit(square, 1)
except RuntimeError as e:
    print("RuntimeError:", e)
