# Ends with an uncaught TypeError: unhashable type used as dict key
print(hash((1, 2)) == hash((1, 2)))
# Hashable keys: tuples of hashables, frozensets, strings, numbers
ok = {(1, "a"): 1, frozenset([2]): 2, "s": 3, 4.5: 4, None: 5, b"b": 6}
print(len(ok), ok[(1, "a")])
print(ok[frozenset({2})], ok[None])
print(ok[b"b"])
for key in [[1], {1: 2}, {3}]:
    try:
        ok[key] = 0
    except TypeError as e:
        print("caught", e)
cache = {}
def remember(key, value):
    cache[key] = value
    print("stored", key)

remember((1, 2), "tuple ok")
remember("name", "str ok")
remember([1, 2], "list fails")
