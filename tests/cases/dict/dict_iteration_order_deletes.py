# Order after deletions and reinsertion; popitem LIFO; iteration of views after mutation
d = {k: i for i, k in enumerate("abcdefgh")}
for k in "bdf":
    del d[k]
print(list(d), list(d.values()))
d["b"] = 99
d["z"] = 100
print(list(d.items()))
print(d.popitem(), d.popitem(), list(d))
keys = d.keys()
d["new"] = 1
print(list(keys), len(keys))
d.clear()
print(list(keys), keys)
e = dict.fromkeys(range(8))
for i in range(0, 8, 2):
    del e[i]
e[0] = "back"
print(list(e))
print(list(reversed(e)), list(reversed(e.values())), next(reversed(e.items())))
