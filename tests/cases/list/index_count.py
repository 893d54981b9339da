# list.index with start/stop and the error messages; count
a = ["a", "b", "c", "b", "a"]
print(a.index("b"), a.index("b", 2), a.index("a", -2), a.index("c", 0, 3), a.count("b"), a.count("z"))
for args in [("z",), ("a", 1, 4), ("b", 4), ("a", 10), ([1],), (None,)]:
    try:
        a.index(*args)
    except ValueError as e:
        print(args, "ValueError", e)
try:
    a.index()
except TypeError as e:
    print("TypeError", e)
try:
    a.index("a", "x")
except TypeError as e:
    print("TypeError", e)
print([1, 2, 3].index(2, -100, 100), [[1], [2]].index([2]), [(1, 2)].count((1, 2)))
print([1, True, 1.0, 1 + 0j].count(1), [0, False, 0.0].index(False))
class Weird:
    def __eq__(self, other):
        return True
print([1, 2, 3].index(Weird()), [1, 2].count(Weird()))
try:
    ["x", 42].index(43)
except ValueError as e:
    print("ValueError", e)
try:
    [].index("long string value")
except ValueError as e:
    print("ValueError", e)
