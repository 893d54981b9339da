# Lazy evaluation order through chained generators
def source(n):
    for i in range(n):
        print(f"  source yields {i}")
        yield i
def double(it):
    for x in it:
        print(f"  double {x}")
        yield x * 2
def only_big(it):
    for x in it:
        if x > 2:
            print(f"  pass {x}")
            yield x
pipe = only_big(double(source(4)))
print("pipeline built")
print("first:", next(pipe))
print("rest:", list(pipe))
def batched(it, size):
    batch = []
    for x in it:
        batch.append(x)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
print(list(batched(range(7), 3)))
def window(seq, n):
    it = iter(seq)
    win = []
    for x in it:
        win.append(x)
        if len(win) == n:
            yield tuple(win)
            win.pop(0)
print(list(window("abcde", 3)))
def dedupe(it):
    seen = set()
    for x in it:
        if x not in seen:
            seen.add(x)
            yield x
print(list(dedupe([3, 1, 3, 2, 1, 4])))
def enumerate_gen(it, start=0):
    n = start
    for x in it:
        yield n, x
        n += 1
print(list(enumerate_gen("xyz", 1)))
def takewhile_gen(pred, it):
    for x in it:
        if not pred(x):
            return
        yield x
print(list(takewhile_gen(lambda v: v < 3, source(10))))
