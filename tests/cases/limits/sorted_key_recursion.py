# RecursionError from a recursive sort key, and from recursive __eq__/__lt__
def key(x):
    return key(x)
try:
    sorted([3, 1, 2], key=key)
except RecursionError as e:
    print("RecursionError", e)
class Cmp:
    def __lt__(self, other):
        return self < other
try:
    sorted([Cmp(), Cmp()])
except RecursionError as e:
    print("RecursionError", e)
class Eq:
    def __eq__(self, other):
        return self == other
try:
    Eq() == Eq()
except RecursionError as e:
    print("RecursionError", e)
try:
    [Eq()].index(1)
except RecursionError as e:
    print("RecursionError", e)
print(sorted([3, 1, 2], key=lambda v: -v))
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(sorted([5, 3, 4], key=fact))
