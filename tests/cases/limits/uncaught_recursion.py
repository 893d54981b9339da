# Ends with an uncaught RecursionError (traceback repeated lines are collapsed)
# A bounded recursion completes, then an unbounded one fails
import sys
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(100), depth(900))
print(sys.getrecursionlimit())
try:
    depth(10 ** 5)
except RecursionError as e:
    print("caught", e)
print(depth(50))
print(depth(0), depth(1))
sys.setrecursionlimit(1000)
print(sys.getrecursionlimit())
def walk(node):
    return walk(node + 1)

print("starting")
walk(0)
