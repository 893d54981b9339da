# Python-to-Python calls do not use the interpreter's native stack (CPython 3.11 inlines
# them), so a high recursion limit allows deep recursion.
import sys

sys.setrecursionlimit(120000)


def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)


print(deep(100000))


def walk(n, acc):
    if n == 0:
        raise ValueError(acc)
    return walk(n - 1, acc + 1)


try:
    walk(50000, 0)
except ValueError as e:
    tb = e.__traceback__
    depth = 0
    while tb is not None:
        depth += 1
        tb = tb.tb_next
    print("raised", e, "frames", depth)

sys.setrecursionlimit(1000)
try:
    deep(5000)
except RecursionError as e:
    print("RecursionError", e)
print(deep(900))
