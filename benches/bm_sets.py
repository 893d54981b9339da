"""Set-heavy code: membership, set algebra, comprehensions, graph search.

Sets of ints and of tuples, union/intersection/difference, frozensets as
dict keys and breadth-first search with a visited set.  Nothing prints a
set's iteration order.
"""


def lcg_ints(n, seed, mod):
    state = seed
    out = []
    for _ in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        out.append((state >> 3) % mod)
    return out


def algebra(a_list, b_list):
    a = set(a_list)
    b = set(b_list)
    u = a | b
    i = a & b
    d = a - b
    x = a ^ b
    hits = 0
    for v in b_list:
        if v in a:
            hits += 1
    evens = {v for v in u if v % 2 == 0}
    return len(u), len(i), len(d), len(x), hits, len(evens), sum(i) % 100003


def grid_bfs(size, walls):
    start = (0, 0)
    goal = (size - 1, size - 1)
    seen = {start}
    frontier = [start]
    steps = 0
    while frontier:
        if goal in seen:
            break
        nxt = []
        for x, y in frontier:
            for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if 0 <= nx < size and 0 <= ny < size:
                    p = (nx, ny)
                    if p not in seen and p not in walls:
                        seen.add(p)
                        nxt.append(p)
        frontier = nxt
        steps += 1
    return steps, len(seen)


def make_walls(size, seed):
    walls = set()
    for v in lcg_ints(size * size // 4, seed, size * size):
        p = (v // size, v % size)
        if p != (0, 0) and p != (size - 1, size - 1):
            walls.add(p)
    return walls


def frozen_groups(values):
    groups = {}
    for i in range(0, len(values) - 3, 2):
        key = frozenset(values[i:i + 3])
        groups[key] = groups.get(key, 0) + 1
    return len(groups), max(groups.values())


def main():
    a = lcg_ints(400000, 1, 600000)
    b = lcg_ints(400000, 2, 600000)
    r1 = algebra(a, b)
    r2 = grid_bfs(300, make_walls(300, 3))
    r3 = frozen_groups(lcg_ints(150000, 4, 40))
    s = set()
    for v in a[:250000]:
        s.add(v)
        if v % 3 == 0:
            s.discard(v + 1)
    print(r1, r2, r3, len(s))


main()
