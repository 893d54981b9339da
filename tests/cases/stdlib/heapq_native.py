# _heapq, the C half of heapq: the operations, their argument errors, comparison only through
# `<`, and comparisons that raise or mutate the heap (an error, never a crash).
import _heapq
import heapq
import random

print(heapq.heappush is _heapq.heappush, heapq.heapify is _heapq.heapify,
      heapq._heappop_max is _heapq._heappop_max)
print(sorted(n for n in dir(_heapq) if not n.startswith("__")))


def check(h):
    return all(not h[(i - 1) // 2] > h[i] for i in range(1, len(h)))


rng = random.Random(12345)
data = [rng.randrange(1000) for _ in range(300)]
h = []
for x in data:
    _heapq.heappush(h, x)
print(check(h), h[:10])
out = [_heapq.heappop(h) for _ in range(len(h))]
print(out == sorted(data), out[:8], h)

h = data[:]
_heapq.heapify(h)
print(check(h), h[:10])
print(_heapq.heapreplace(h, 5000), _heapq.heappushpop(h, -1), _heapq.heappushpop(h, 7), check(h))
print(_heapq.heappushpop([], 3), _heapq.heappushpop([1], 0), _heapq.heappushpop([1], 2))

big = [rng.random() for _ in range(6000)]
hb = big[:]
_heapq.heapify(hb)
print(check(hb), [_heapq.heappop(hb) for _ in range(5)] == sorted(big)[:5])

m = data[:40]
_heapq._heapify_max(m)
print(all(not m[(i - 1) // 2] < m[i] for i in range(1, len(m))), m[:5])
print(_heapq._heappop_max(m), _heapq._heapreplace_max(m, -5), m[:3])
print(heapq.nlargest(3, data), heapq.nsmallest(3, data), list(heapq.merge([1, 5, 9], [2, 3, 10])))


class Lt:
    """Only __lt__, which _heapq must use (never >, <= or ==)."""
    calls = 0

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        Lt.calls += 1
        return self.v < other.v

    def __repr__(self):
        return "Lt(%d)" % self.v


h = [Lt(v) for v in [5, 3, 8, 1, 9, 2]]
_heapq.heapify(h)
print(h, [_heapq.heappop(h).v for _ in range(6)], Lt.calls > 0)


def err(f, *args, **kw):
    try:
        return f(*args, **kw)
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


for call in [lambda: _heapq.heappush([]), lambda: _heapq.heappush((), 1),
             lambda: _heapq.heappush([], 1, 2), lambda: _heapq.heappush(heap=[], item=1),
             lambda: _heapq.heappop(), lambda: _heapq.heappop([], 1), lambda: _heapq.heappop([]),
             lambda: _heapq.heappop(None), lambda: _heapq.heapify(1), lambda: _heapq.heapify(heap=[]),
             lambda: _heapq.heapreplace([], 1), lambda: _heapq.heapreplace("ab", 1),
             lambda: _heapq.heappushpop({}, 1), lambda: _heapq._heappop_max([]),
             lambda: _heapq._heapreplace_max([], 1), lambda: _heapq._heapify_max(()),
             lambda: _heapq.heappush([1, 2], "x"), lambda: _heapq.heapify([1, None, 3])]:
    print(err(call))


class MyList(list):
    pass


ml = MyList([3, 1, 2])
_heapq.heapify(ml)
print(type(ml).__name__, ml, _heapq.heappop(ml))


class Raiser:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        if self.v == 99 or other.v == 99:
            raise ZeroDivisionError("no comparing 99")
        return self.v < other.v


h = [Raiser(v) for v in [1, 2, 3, 4]]
_heapq.heapify(h)
print(err(_heapq.heappush, h, Raiser(99)), len(h))


class Clearer:
    """A comparison that empties, shrinks, grows or reorders the heap it is being sifted in."""

    def __init__(self, v, heap, action):
        self.v, self.heap, self.action = v, heap, action

    def __lt__(self, other):
        a = self.action
        if a == "clear":
            self.heap.clear()
        elif a == "pop":
            if self.heap:
                self.heap.pop()
        elif a == "grow":
            self.heap.append(Clearer(0, self.heap, None))
        elif a == "swap" and len(self.heap) > 1:
            self.heap[0], self.heap[-1] = self.heap[-1], self.heap[0]
        return self.v < other.v

    def __repr__(self):
        return "C%d" % self.v


for action in ["clear", "pop", "grow", "swap"]:
    for op in ["heappush", "heappop", "heapify", "heapreplace", "heappushpop",
               "_heappop_max", "_heapify_max", "_heapreplace_max"]:
        heap = []
        heap.extend(Clearer(v, heap, action) for v in [7, 3, 9, 1, 5, 8, 2])
        f = getattr(_heapq, op)
        args = (heap,) if op in ("heappop", "heapify", "_heappop_max", "_heapify_max") \
            else (heap, Clearer(4, heap, action))
        print(action, op, err(f, *args), len(heap))
