# Deep recursion raises RecursionError, which can be caught
import sys
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print("RecursionError", e)
def count(n):
    if n == 0:
        return 0
    return 1 + count(n - 1)
print(count(500))
try:
    count(5000)
except RecursionError as e:
    print("RecursionError", e, isinstance(e, RuntimeError))
print(RecursionError.__mro__)
print(sys.getrecursionlimit())
print(count(900))
def mutual_a(n):
    return mutual_b(n + 1)
def mutual_b(n):
    return mutual_a(n + 1)
try:
    mutual_a(0)
except RecursionError as e:
    print("mutual", type(e).__name__, e)
print("still works", count(10))
