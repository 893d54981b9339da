"""Exceptions used for control flow.

Raising and catching in loops: custom exception classes with
attributes, KeyError/IndexError/ValueError from builtins, exceptions
propagating through several frames, try/finally, exception chaining,
and a context manager class whose __exit__ swallows errors.
"""


class Found(Exception):
    def __init__(self, value):
        super().__init__(value)
        self.value = value


class Budget(Exception):
    pass


class Suppress:
    def __init__(self, kind):
        self.kind = kind
        self.caught = 0

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, self.kind):
            self.caught += 1
            return True
        return False


def search(grid, target):
    try:
        for row in grid:
            for v in row:
                if v == target:
                    raise Found(v)
    except Found as f:
        return f.value
    return -1


def deep(n, limit):
    if n >= limit:
        raise Budget(n)
    return deep(n + 1, limit)


def parse_ints(tokens):
    good = 0
    bad = 0
    for t in tokens:
        try:
            good += int(t)
        except ValueError:
            bad += 1
    return good, bad


def lookup_all(table, keys):
    hits = 0
    misses = 0
    for k in keys:
        try:
            hits += table[k]
        except KeyError:
            misses += 1
    return hits, misses


def safe_index(seq, i):
    try:
        return seq[i]
    except IndexError:
        return 0
    finally:
        pass


def chained(n):
    try:
        try:
            raise ValueError(n)
        except ValueError as e:
            raise RuntimeError("wrapped") from e
    except RuntimeError as e:
        return e.__cause__.args[0]


def main():
    grid = [[(r * 31 + c * 17) % 997 for c in range(40)] for r in range(40)]
    found = 0
    for t in range(0, 997):
        found += search(grid, t)

    budget = 0
    for i in range(80000):
        try:
            deep(0, i % 12)
        except Budget as b:
            budget += b.args[0]

    tokens = []
    for i in range(400000):
        tokens.append(str(i) if i % 3 else "x" + str(i))
    good, bad = parse_ints(tokens)

    table = {i: i * 2 for i in range(0, 400000, 2)}
    hits, misses = lookup_all(table, range(400000))

    seq = list(range(100))
    idx = 0
    for i in range(600000):
        idx += safe_index(seq, i % 150)

    ch = 0
    for i in range(120000):
        ch += chained(i)

    sup = Suppress(ZeroDivisionError)
    q = 0
    for i in range(320000):
        with sup:
            q += 1000 // (i % 5)
    print(found, budget, good, bad, hits, misses, idx, ch, sup.caught, q)


main()
