# Recursion depth: RecursionError is catchable and the interpreter recovers
import sys
print(sys.getrecursionlimit())
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print("RecursionError", e)
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(50))
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)
print(depth(500))
class Loop:
    def __getattr__(self, name):
        return getattr(self, name + "x")
try:
    Loop().a
except RecursionError as e:
    print("RecursionError", e)
class ReprLoop:
    def __repr__(self):
        return repr(self)
try:
    repr(ReprLoop())
except RecursionError as e:
    print("RecursionError", e)
print(isinstance(RecursionError(), RuntimeError))
def mutual_a(n):
    return "done" if n == 0 else mutual_b(n - 1)
def mutual_b(n):
    return mutual_a(n)
print(mutual_a(200))
lst = []
for i in range(100):
    lst = [lst]
print(len(str(lst)))
def recovered():
    try:
        return down(0)
    except RecursionError:
        return "recovered"
print(recovered(), fact(10))
