# Deep recursion in a thread ends in RecursionError at the default recursion limit, through
# plain calls and through Rust re-entry (__repr__, __eq__, sorted(key=), a native lru_cache
# wrapper): the thread's default stack must hold the limit's worth of levels.
import functools
import sys
import threading


deepest = {}


class R:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        deepest['repr'] = self.n
        return repr(R(self.n + 1))


class E:
    def __eq__(self, other):
        return E() == other


def plain(n):
    return plain(n + 1)


def via_sorted(n):
    deepest['sorted'] = n
    return sorted([1], key=lambda x: via_sorted(n + 1))


@functools.lru_cache(maxsize=None)
def cached(n):
    deepest['lru_cache'] = n
    return cached(n + 1)


CASES = {
    'plain': lambda: plain(0),
    'repr': lambda: repr(R(0)),
    'eq': lambda: E() == 1,
    'sorted': lambda: via_sorted(0),
    'lru_cache': lambda: cached(0),
    'str.format': lambda: '{}'.format(R(0)),
}

results = []


def run(name, f):
    try:
        f()
    except RecursionError as e:
        results.append((name, 'RecursionError', str(e).split(' while ')[0]))
    else:
        results.append((name, 'returned'))


for name, f in CASES.items():
    t = threading.Thread(target=run, args=(name, f))
    t.start()
    t.join()
for r in results:
    print(*r)
# Each level is one Python frame and one Rust re-entry: the recursion limit, not the end of
# the thread's stack, is what stopped them.
print(sorted((k, v > 300) for k, v in deepest.items()))
print(sys.getrecursionlimit())
