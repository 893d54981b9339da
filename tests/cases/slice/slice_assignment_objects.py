# Using slice objects with assignment and deletion on lists and bytearrays
data = list(range(10))
s = slice(2, 8, 2)
print(data[s])
data[s] = ["a", "b", "c"]
print(data)
del data[slice(None, None, 3)]
print(data)
ba = bytearray(b"0123456789")
ba[slice(1, 4)] = b"xyz!"
print(ba)
del ba[slice(-3, None)]
print(ba)
t = tuple(range(6))
print(t[slice(1, None, 2)], "abcdef"[slice(-1, None, -2)])
try:
    data[slice(0, 4, 2)] = [1]
except ValueError as e:
    print("ValueError", e)
try:
    t[slice(0, 1)] = (9,)
except TypeError as e:
    print("TypeError", e)
print(slice(1, 5).indices(3), slice(-1, None, -1).indices(4))
