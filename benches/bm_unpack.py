"""Unpacking and tuple-heavy code.

Tuple packing/unpacking in assignments and for-loops, swaps, starred
targets, nested targets, functions returning tuples, zip/enumerate,
*args calls, and tuples compared and used as dict keys.
"""


def divmod_chain(a, b):
    q, r = divmod(a, b)
    return q, r, q + r


def minmax(seq):
    lo, hi = seq[0], seq[0]
    for v in seq:
        if v < lo:
            lo = v
        elif v > hi:
            hi = v
    return lo, hi


def spread(*args):
    first, *middle, last = args
    return first + last + len(middle)


def rotate3(points):
    out = []
    for x, y, z in points:
        x, y, z = y, z, x
        out.append((x, y, z))
    return out


def main():
    a, b = 0, 1
    for _ in range(1000000):
        a, b = b, (a + b) % 1000003

    total = 0
    for i in range(1, 600000):
        q, r, s = divmod_chain(i * 7919, 97)
        total += q - r + s

    points = [(i, i * 2 % 17, i * 3 % 11) for i in range(120000)]
    for _ in range(6):
        points = rotate3(points)
    psum = 0
    for (x, y, z), idx in zip(points, range(len(points))):
        psum += x * idx + y - z

    nested = [((i, i + 1), (i * 2, (i * 3, i & 7))) for i in range(120000)]
    nsum = 0
    for (p, q), (r, (s, t)) in nested:
        nsum += p + q - r + s * t

    lo, hi = minmax([(i * 7927) % 10007 for i in range(50000)])

    sp = 0
    for i in range(300000):
        sp += spread(i, i + 1, i + 2, i + 3)

    star = 0
    for i in range(160000):
        head, *tail = (i, i + 1, i + 2)
        *init, end = [i, i * 2]
        star += head + len(tail) + end + init[0]

    table = {}
    for i, (k, v) in enumerate(zip(range(40000), range(40000, 0, -1))):
        table[(k % 100, v % 100)] = i
    best = max(table.items(), key=lambda kv: (kv[1], kv[0]))

    ordered = sorted([(i % 13, -i, str(i)) for i in range(20000)])[:2]
    print(a, b, total, psum, nsum, lo, hi, sp, star, len(table), best, ordered)


main()
