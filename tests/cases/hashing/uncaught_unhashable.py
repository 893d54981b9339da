# Ends with an uncaught TypeError: unhashable type used as dict key
cache = {}
def remember(key, value):
    cache[key] = value
    print("stored", key)

remember((1, 2), "tuple ok")
remember("name", "str ok")
remember([1, 2], "list fails")
