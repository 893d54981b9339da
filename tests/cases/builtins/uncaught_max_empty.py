# Ends with an uncaught ValueError from max() of an empty sequence
# max/min with default handle empty input
print(max([], default=0), min((), default="none"))
print(max([5], default=1), max("abc"))
print(min([3, 1, 2]))
print(max([1, 5, 3], key=lambda v: -v), min(["bb", "a"], key=len))
print(max(2, 9, 4))
try:
    min([])
except ValueError as e:
    print("caught", e)
for data in ([1], [2, 8], [-1, -5]):
    print(data, max(data), min(data))
print(max({3: "a", 9: "b"}), max(range(4)))
print(min("zyx"))
def best(scores):
    return max(scores)

print(best([3, 9, 4]))
print(best([]))
