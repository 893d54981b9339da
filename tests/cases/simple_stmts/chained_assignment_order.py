# Chained assignment assigns left to right after evaluating the value once
log = []
class Target:
    def __init__(self, name): self.name = name
    def __setitem__(self, k, v):
        log.append(f"{self.name}[{k}] = {v}")
    def __setattr__(self, k, v):
        log.append(f"{self.name if k != 'name' else ''}.{k} = {v}")
        object.__setattr__(self, k, v)
def val():
    log.append("value evaluated")
    return 7
t1, t2 = Target("t1"), Target("t2")
log.clear()
t1["a"] = t2.b = t1.c = val()
print(log)
x = [0, 0, 0]
i = 0
i = x[i] = 2
print(i, x)
a = a2 = []
a.append(1)
print(a2)
p = q = r = "same"
print(p is q is r)
lst = [1, 2]
lst[0] = lst = [9, 9]
print(lst)
d = {}
d["k"] = d = {"new": True}
print(d)
y = z = 5
y += 1
print(y, z)
first, second = pair = (1, 2)
print(first, second, pair)
m, n = n2, m2 = "ab"
print(m, n, m2, n2)
[aa, bb] = (cc, dd) = [1, 2]
print(aa, bb, cc, dd)
try:
    e1 = e2, e3 = 1
except TypeError as err:
    print("TypeError", err, "e1" in globals())
