# More sequence-pattern details: strings excluded, tuples vs lists, star positions
def shape(x):
    match x:
        case (a, b, *rest) if not rest:
            return f"pair {a},{b}"
        case [*_, last] if isinstance(x, list):
            return f"list ending {last}"
        case (first, *_):
            return f"tuple starting {first}"
        case _:
            return "other"
print(shape((1, 2)), shape([1, 2, 3]), shape((9, 8, 7)), shape("abc"), shape([]))
def classify(seq):
    match seq:
        case [int(), int()]:
            return "two ints"
        case [str(), *_]:
            return "starts with str"
        case [[*inner], *_]:
            return f"nested list of {len(inner)}"
        case [(x, y), *_]:
            return f"first is pair {x},{y}"
        case _:
            return "unknown"
print(classify([1, 2]), classify(["a", 1]), classify([[1, 2, 3]]), classify([(5, 6), 0]), classify([1.0]))
class Counting:
    def __init__(self, data):
        self.data = data
        self.lens = 0
    def __len__(self):
        self.lens += 1
        return len(self.data)
    def __getitem__(self, i):
        return self.data[i]
import sys
print(isinstance(Counting([]), list))
match [1, 2, 3, 4, 5]:
    case [1, *mid, 5]:
        print("middle", mid)
match (1, 2):
    case [a, b]:
        print("list pattern matches tuple", a, b)
match [1, 2]:
    case (a, b):
        print("tuple pattern matches list", a, b)
match memoryview(b"ab"):
    case [a, b]:
        print("memoryview is a sequence", a, b)
match bytearray(b"ab"):
    case [a, b]:
        print("never")
    case _:
        print("bytearray is excluded like str and bytes")
