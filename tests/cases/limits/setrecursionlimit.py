# sys.setrecursionlimit changes the depth at which RecursionError is raised
import sys
def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n
sys.setrecursionlimit(200)
print(sys.getrecursionlimit())
d1 = depth(0)
print(150 < d1 < 200)
sys.setrecursionlimit(2000)
d2 = depth(0)
print(1900 < d2 < 2000, d2 > d1)
def count(n):
    return 0 if n == 0 else 1 + count(n - 1)
print(count(1500))
for bad in [0, -5]:
    try:
        sys.setrecursionlimit(bad)
    except ValueError as e:
        print("ValueError", e)
try:
    sys.setrecursionlimit("100")
except TypeError as e:
    print("TypeError", e)
try:
    sys.setrecursionlimit(1.5)
except TypeError as e:
    print("TypeError", e)
sys.setrecursionlimit(1000)
print(sys.getrecursionlimit())
