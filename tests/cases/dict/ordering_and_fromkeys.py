# Insertion order preserved; re-insertion; fromkeys; equality ignores order
d = {}
for k in [5, 3, 9, 1]:
    d[k] = k * k
print(d, list(d))
d[3] = "updated"
print(list(d))
del d[3]
d[3] = "readded"
print(list(d))
print({1: 1, 2: 2} == {2: 2, 1: 1}, list({1: 1, 2: 2}) == list({2: 2, 1: 1}))
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0), dict.fromkeys([]), dict.fromkeys(range(3), []))
shared = dict.fromkeys(["x", "y"], [])
shared["x"].append(1)
print(shared)
class D(dict):
    pass
r = D.fromkeys("ab", 1)
print(type(r).__name__, r)
try:
    dict.fromkeys(5)
except TypeError as e:
    print("TypeError", e)
try:
    dict.fromkeys([[1]])
except TypeError as e:
    print("TypeError", e)
print(dict.fromkeys("aab"))
big = {i: i for i in range(1000)}
for i in range(0, 1000, 2):
    del big[i]
print(len(big), list(big)[:5], list(big)[-3:])
for i in range(5):
    big[i] = "new"
print(list(big)[-5:])
