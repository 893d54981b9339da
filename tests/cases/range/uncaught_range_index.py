# Ends with an uncaught IndexError from range indexing
# Valid range indexing first, including negative indexes and slices
days = range(1, 8)
print(days[0], days[-1])
print(days[2:4], days[::-1])
print(len(days), 7 in days)
print(days.index(3))
for n in [0, 3, -7]:
    print("day", days[n])
try:
    days[7]
except IndexError as e:
    print("caught", e)
print(list(days[::2]), days.count(8))
print(days == range(1, 8, 1))
print(range(0, 100, 10)[5], range(100)[-1])
print(range(5, -5, -2)[-1])
for r in (range(3), range(2, 4)):
    print(r, r[0], r[len(r) - 1])
print(sum(range(1, 53)), max(range(1, 53)))
weeks = range(1, 53)
for n in [0, 51, 52]:
    print("week", weeks[n])
