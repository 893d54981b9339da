# list.sort and sorted: stability, key, reverse
records = [("bob", 3), ("alice", 1), ("carol", 3), ("dave", 2), ("eve", 1), ("frank", 2)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: r[1], reverse=True))
print(sorted(records, reverse=True))
words = ["banana", "Apple", "cherry", "apple", "Banana", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=len, reverse=True))
a = [5, 3, 1, 4, 2]
r = a.sort()
print(a, r)
a.sort(reverse=True)
print(a)
a.sort(key=lambda x: -x)
print(a)
a.sort(key=None)
print(a)
print(sorted([3, 1.5, -2, 10 ** 20, True]), sorted("zyx"), sorted({3: "a", 1: "b"}), sorted([]))
print(sorted([[2, 1], [1, 2], [1]]), sorted([(1, "b"), (1, "a"), (0, "z")]))
same = [(1, i) for i in range(10)]
print(sorted(same, key=lambda x: x[0]) == same)
data = list(range(20))
print(sorted(data, key=lambda x: x % 3))
print(sorted(data, key=lambda x: x % 3, reverse=True))
try:
    a.sort(lambda x: x)
except TypeError as e:
    print("TypeError", e)
try:
    sorted([1], key=1)
except TypeError as e:
    print("TypeError", e)
try:
    sorted()
except TypeError as e:
    print("TypeError", e)
