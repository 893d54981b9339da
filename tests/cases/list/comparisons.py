# List comparisons: lexicographic, identity shortcut, mixed types
print([1, 2] == [1, 2], [1, 2] != [2, 1], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] < [0], [2] > [1, 100])
print([1, 2] == (1, 2), [1] == [1.0], [[1]] == [[1]], [1, [2, [3]]] < [1, [2, [4]]])
nan = float("nan")
print([nan] == [nan], [nan, 1] < [nan, 2])
x = [nan]
print(x == x, [x[0]] == x)
for a, b in [([1], ["a"]), ([1, 2], [1, "a"]), ([None], [None]), ([], None), ([1], (1,))]:
    try:
        print(a, b, a < b)
    except TypeError as e:
        print(a, b, "TypeError", e)
print([1, "a"] == [1, "a"], [1, "a"] < [2, "a"])
print(max([[1, 2], [3], [1, 5]]), min([[2], [1, 9]]), sorted([[3], [1, 2], [1]]))
class Loud:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        print("  eq", self.v, other.v)
        return self.v == other.v
    def __lt__(self, other):
        print("  lt", self.v, other.v)
        return self.v < other.v
print([Loud(1), Loud(2)] < [Loud(1), Loud(3)])
print([Loud(1)] == [Loud(1)])
