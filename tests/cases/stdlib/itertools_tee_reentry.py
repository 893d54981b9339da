# tee refuses to re-enter its source while a copy is fetching from it (CPython's
# "cannot re-enter the tee iterator"), from the source itself or from another thread.
import itertools, threading

class Again:
    def __init__(self):
        self.t = None
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        if self.n == 2:
            try:
                next(self.t[1])
            except RuntimeError as e:
                print("inner:", e)
        return self.n

src = Again()
a, b = itertools.tee(src)
src.t = (a, b)
print(list(a), list(b))

start = threading.Event()
finish = threading.Event()
class Slow:
    def __iter__(self):
        return self
    def __next__(self):
        start.set()
        finish.wait()
        return 1
a, b = itertools.tee(Slow())
th = threading.Thread(target=next, args=[a])
th.start()
start.wait()
try:
    next(b)
except RuntimeError as e:
    print("thread:", e)
finally:
    finish.set()
    th.join()
print(next(b), next(a))
