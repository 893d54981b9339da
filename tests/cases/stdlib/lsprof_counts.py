import cProfile, pstats, io, re, sys, collections

def show(pr, title):
    print('==', title)
    rows = []
    for e in pr.getstats():
        c = e.code if isinstance(e.code, str) else f"{e.code.co_name}:{e.code.co_firstlineno}"
        subs = sorted((s.code if isinstance(s.code, str) else f"{s.code.co_name}:{s.code.co_firstlineno}",
                       s.callcount, s.reccallcount) for s in (e.calls or []))
        rows.append((c, e.callcount, e.reccallcount, subs))
    for r in sorted(rows):
        print(*r[:3])
        for s in r[3]:
            print('    ', *s)

def gen(n):
    for i in range(n):
        yield i

def boom(n):
    if n == 0:
        raise ValueError('x')
    boom(n - 1)

class Thing:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v

def work():
    d = collections.deque()
    for v in gen(4):
        d.append(v)
    d.popleft()
    try:
        boom(3)
    except ValueError:
        pass
    t = [Thing(i).get() for i in range(3)]
    words = 'a b c'.split()
    ''.join(words)
    {}.get(1)
    [].extend(t)
    f = max
    f(*t)
    return isinstance(t, list)

pr = cProfile.Profile()
pr.enable()
work()
pr.disable()
show(pr, 'enable/disable')

pr = cProfile.Profile(builtins=False)
pr.runcall(work)
show(pr, 'builtins=False')

pr = cProfile.Profile(subcalls=False)
pr.runcall(work)
show(pr, 'subcalls=False')

ticks = iter(range(0, 10**6, 10))
pr = cProfile.Profile(lambda: next(ticks), 0.5)
pr.runcall(gen(3).__next__)
pr.runcall(lambda: sum(gen(5)))
for e in sorted(pr.getstats(), key=lambda e: str(e.code)):
    print(e.callcount, e.totaltime % 5 == 0, isinstance(e.totaltime, float))
pr.clear()
print(pr.getstats())

pr = cProfile.Profile()
pr.run('work()')
s = io.StringIO()
pstats.Stats(pr, stream=s).strip_dirs().sort_stats('ncalls', 'name').print_stats()
for line in s.getvalue().splitlines()[1:]:
    print(re.sub(r'\d+\.\d+', 'T', line).rstrip())

s = io.StringIO()
pstats.Stats(pr, stream=s).strip_dirs().sort_stats('name').print_callers('boom')
for line in s.getvalue().splitlines():
    print(re.sub(r'\d+\.\d+', 'T', line).rstrip())

e = pr.getstats()[0]
print(type(e).__name__, type(e).__module__, len(e), type(e.calls[0] if e.calls else None).__name__)
import _lsprof
print(_lsprof.Profiler.__module__, _lsprof.profiler_entry.__module__, repr(cProfile.Profile.enable)[:30])
