"""List comprehensions and slicing.

Flat, nested and filtered comprehensions, matrix multiply and transpose
via zip(*rows), slices with steps and negative bounds, slice assignment
and deletion, and list concatenation/repetition.
"""


def matmul(a, b):
    bt = list(zip(*b))
    return [[sum(x * y for x, y in zip(row, col)) for col in bt] for row in a]


def matmul_index(a, b):
    n = len(a)
    m = len(b[0])
    k = len(b)
    return [[sum([a[i][t] * b[t][j] for t in range(k)]) for j in range(m)] for i in range(n)]


def rotate_sum(data, rounds):
    acc = 0
    for r in range(rounds):
        k = r % len(data)
        rot = data[k:] + data[:k]
        acc += rot[0] - rot[-1] + sum(rot[::97])
        evens = rot[::2]
        odds = rot[1::2]
        acc += len(evens) - len(odds)
        acc += rot[-10:-5][2]
    return acc


def edit_list(n):
    lst = list(range(n))
    for i in range(0, 3000):
        j = (i * 37) % (len(lst) - 10)
        lst[j:j + 3] = [i, i + 1]
        del lst[j + 5:j + 6]
        lst[j:j + 2] = lst[j:j + 2][::-1]
    return len(lst), sum(lst[::11]) % 1000003


def main():
    size = 120
    a = [[(i * j + 1) % 10 for j in range(size)] for i in range(size)]
    b = [[(i + 2 * j) % 7 for j in range(size)] for i in range(size)]
    c = matmul(a, b)
    d = matmul_index(a, b)
    trace = sum(c[i][i] for i in range(size))
    same = c == d

    squares = [x * x for x in range(1000000)]
    odd_sq = [s for s in squares if s & 1]
    pairs = [(x, y) for x in range(700) for y in range(x, 700) if (x + y) % 5 == 0]
    flat = [v for row in c for v in row if v > 100]
    words = [str(i) for i in range(100000)]
    lens = [len(w) for w in words if w[-1] in "13579"]

    r = rotate_sum(list(range(10000)), 5000)
    e = edit_list(60000)
    grid = [[0] * 50 for _ in range(50)]
    for i in range(50):
        grid[i][i::7] = [i] * len(grid[i][i::7])
    g = sum(sum(row) for row in grid)
    rev = squares[::-1][:3]
    print(trace, same, len(odd_sq), len(pairs), len(flat), sum(lens), r, e, g, rev)


main()
