"""Generators and generator pipelines.

Chains of generator functions (source -> filter -> map -> window ->
reduce), yield from, generator expressions consumed by builtins, send(),
and manual next() iteration.
"""


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def lcg(seed, count):
    state = seed
    for _ in range(count):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        yield state


def keep(pred, it):
    for x in it:
        if pred(x):
            yield x


def scale(k, it):
    for x in it:
        yield x * k


def windows(it, size):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) == size:
            yield tuple(buf)
            del buf[0]


def chunked(it, size):
    chunk = []
    for x in it:
        chunk.append(x)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def flatten(nested):
    for item in nested:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


def running_mean():
    total = 0
    count = 0
    mean = None
    while True:
        value = yield mean
        total += value
        count += 1
        mean = total // count


def tree(depth):
    if depth == 0:
        return [depth]
    return [depth, tree(depth - 1), [tree(depth - 2) if depth > 1 else depth]]


def main():
    pipeline = windows(scale(3, keep(lambda x: x % 3 != 0, numbers(1200000))), 3)
    acc = 0
    for a, b, c in pipeline:
        acc = (acc + a * b - c) % 1000003

    big = sum(x >> 16 for x in lcg(1, 600000) if x & 1)
    chunks = 0
    maxsum = 0
    for ch in chunked(lcg(2, 300000), 7):
        chunks += 1
        s = sum(ch) % 9973
        if s > maxsum:
            maxsum = s

    flat = 0
    for _ in range(120):
        flat += sum(flatten(tree(12)))

    rm = running_mean()
    next(rm)
    last = 0
    for v in lcg(3, 180000):
        last = rm.send(v & 0xFFFF)

    it = iter(numbers(300000))
    evens = 0
    while True:
        try:
            v = next(it)
        except StopIteration:
            break
        if not v & 1:
            evens += 1

    squares = list(x * x for x in range(150000) if x % 7)
    print(acc, big, chunks, maxsum, flat, last, evens, len(squares), squares[-1])


main()
