# Infinite generators consumed with manual loops (no itertools)
def naturals(start=0):
    n = start
    while True:
        yield n
        n += 1
def take(n, it):
    out = []
    for x in it:
        if len(out) >= n:
            break
        out.append(x)
    return out
print(take(5, naturals()))
print(take(3, naturals(10)))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print(take(15, fib()))
def primes():
    found = []
    for n in naturals(2):
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n
print(take(12, primes()))
def cycle(seq):
    while True:
        yield from seq
print(take(7, cycle("abc")))
def mapped(fn, it):
    for x in it:
        yield fn(x)
def filtered(pred, it):
    for x in it:
        if pred(x):
            yield x
pipeline = mapped(lambda x: x * x, filtered(lambda x: x % 3 == 0, naturals()))
print(take(5, pipeline))
def zip_gen(a, b):
    while True:
        try:
            yield next(a), next(b)
        except StopIteration:
            return
print(take(3, zip_gen(naturals(), cycle("xy"))))
print(list(zip_gen(iter([1, 2]), naturals())))
def collatz(n):
    while n != 1:
        yield n
        n = n // 2 if n % 2 == 0 else 3 * n + 1
    yield 1
print(list(collatz(27))[:10], len(list(collatz(27))))
g = naturals()
for _ in range(1000):
    next(g)
print(next(g))
def running_sum(it):
    total = 0
    for x in it:
        total += x
        yield total
print(take(6, running_sum(naturals(1))))
