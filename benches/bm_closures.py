"""Closures and higher-order functions.

Function factories, nonlocal counters, composition, decorators written
as closures, map/filter with lambdas, functions stored in dicts and
passed as keys, and a hand-written fold.
"""


def make_adder(n):
    def add(x):
        return x + n
    return add


def make_multiplier(n):
    return lambda x: x * n


def compose(*fns):
    def composed(x):
        for f in fns:
            x = f(x)
        return x
    return composed


def make_counter():
    count = 0

    def incr(step=1):
        nonlocal count
        count += step
        return count
    return incr


def fold(fn, seq, init):
    acc = init
    for x in seq:
        acc = fn(acc, x)
    return acc


def counted(fn):
    calls = 0

    def wrapper(*args, **kwargs):
        nonlocal calls
        calls += 1
        return fn(*args, **kwargs)

    def get_calls():
        return calls
    wrapper.get_calls = get_calls
    return wrapper


@counted
def weight(x, bias=0):
    return (x * 7 + bias) % 101


def memoize(fn):
    cache = {}

    def inner(n):
        if n in cache:
            return cache[n]
        v = fn(n)
        cache[n] = v
        return v
    return inner


@memoize
def stairs(n):
    if n < 3:
        return n
    return stairs(n - 1) + stairs(n - 2) + stairs(n - 3)


def main():
    adders = [make_adder(i) for i in range(10)]
    muls = [make_multiplier(i) for i in range(1, 4)]
    pipeline = compose(*(adders + muls))
    total = 0
    for i in range(350000):
        total += pipeline(i) % 1000

    ctr = make_counter()
    for i in range(650000):
        ctr()
        if i % 3 == 0:
            ctr(2)

    ops = {
        "add": lambda a, b: a + b,
        "sub": lambda a, b: a - b,
        "mul": lambda a, b: (a * b) % 1000003,
        "max": max,
    }
    names = ["add", "mul", "sub", "max", "mul"]
    acc = 1
    for i in range(650000):
        acc = ops[names[i % 5]](acc, i) % 1000003

    data = list(range(500000))
    mapped = list(map(lambda x: x * 3 + 1, data))
    filtered = list(filter(lambda x: x % 4 == 0, mapped))
    folded = fold(lambda a, b: (a + b) % 999983, filtered, 0)

    wsum = 0
    for i in range(180000):
        wsum += weight(i, bias=i & 3)

    s = stairs(300) % 1000000007
    keyed = sorted(range(3000), key=make_multiplier(-1))[:3]
    print(total, ctr(0), acc, folded, wsum, weight.get_calls(), s, keyed)


main()
