# Ends with an uncaught ValueError: slice step cannot be zero
# Valid steps first, including negative and large steps
items = "abcdefghij"
print(items[::2], items[::-1])
print(items[1::3], items[::100])
print(items[-1::-4])
print(list(range(10))[::-3], tuple(range(5))[::2])
print(items[slice(None, None, 5)])
print(slice(None, None, 0))
try:
    items[::0]
except ValueError as e:
    print("caught", e)
for step in (1, 2, -1):
    print("step", step, items[::step])
print(slice(0, 10, 3).indices(10), slice(None, None, -1).indices(3))
print(len(items[::2]), items[::2][::-1])
for n in range(3):
    print(n, items[n::3])
data = list(range(10))
for step in [3, -2, 0]:
    print("step", step, data[::step])
