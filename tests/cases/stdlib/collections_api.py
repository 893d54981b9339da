# collections: deque, defaultdict, Counter, OrderedDict, namedtuple, ChainMap in realistic use.
from collections import deque, defaultdict, Counter, OrderedDict, namedtuple, ChainMap
import copy

# A sliding window and a BFS queue.
def moving_average(xs, n):
    window = deque(maxlen=n)
    out = []
    for x in xs:
        window.append(x)
        out.append(sum(window) / len(window))
    return out

print(moving_average([1, 2, 3, 4, 5, 6], 3))

graph = {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": [], "e": ["a"]}
seen, order, q = {"a"}, [], deque(["a"])
while q:
    node = q.popleft()
    order.append(node)
    for nxt in graph[node]:
        if nxt not in seen:
            seen.add(nxt)
            q.append(nxt)
print(order)

d = deque([1, 2, 3])
d.append(4); d.appendleft(0); print(d, len(d), d[0], d[-1])
print(d.pop(), d.popleft(), d)
d.extend('ab'); d.extendleft([9, 8]); print(d)
d.rotate(2); print(d); d.rotate(-3); print(d)
print(d.count(1), d.index(2), 3 in d, 'z' in d)
d.remove('a'); d.reverse(); print(d, list(reversed(d)))
m = deque(range(10), maxlen=3); print(m, m.maxlen); m.append(10); print(m); m.appendleft(1); print(m)
print(deque('abc') == deque('abc'), deque([1]) < deque([2]), deque([1,2]) + deque([3]), deque([1]) * 3)
for bad in (lambda: deque().pop(), lambda: deque([1])[5], lambda: deque([1]).remove(7)):
    try:
        bad()
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)
c = copy.copy(m); print(c, c is m)
print(copy.deepcopy(deque([[1], [2]])))
it = iter(d); d.append(1)
try:
    next(it)
except RuntimeError as e:
    print(e)
class Stack(deque):
    def peek(self):
        return self[-1]
s = Stack([1, 2]); print(s, s.peek(), s.copy())

# Grouping and counting.
words = "the quick brown fox jumps over the lazy dog the end".split()
by_len = defaultdict(list)
for w in words:
    by_len[len(w)].append(w)
print(sorted(by_len.items()))
counts = defaultdict(int)
for w in words:
    counts[w] += 1
print(counts["the"], counts["missing"], len(counts))
print(repr(defaultdict(None, {1: 2})), defaultdict(list).default_factory)
try:
    defaultdict(None)["x"]
except KeyError as e:
    print("KeyError", e)

cnt = Counter(words)
print(cnt.most_common(2), cnt["the"], cnt["zzz"])
print(Counter("abracadabra").most_common(3), sorted(Counter("aab").elements()))
print(Counter(a=3, b=1) - Counter(a=1, b=2), Counter(a=1) + Counter(a=2, b=1))

P = namedtuple("P", "x y")
p = P(1, 2)
print(p, p.x + p.y, p._asdict(), p._replace(x=5), P._fields, P._make([3, 4]))
x, y = p
print(x, y, p == (1, 2), isinstance(p, tuple))

od = OrderedDict(a=1, b=2, c=3)
od.move_to_end("a")
print(od, list(od), od.popitem(last=False))

cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], sorted(cm), cm.new_child({"c": 4})["c"])
