# for loops with else, targets of all kinds, and iteration over mutating sequences
for i in range(3):
    pass
else:
    print("else after full loop, i =", i)
for i in range(3):
    if i == 1:
        break
else:
    print("never")
print("broke at", i)
for ch in "":
    print("never")
else:
    print("else for empty iterable")
for k, v in {"a": 1, "b": 2}.items():
    print(k, v)
for (a, b), c in [((1, 2), 3)]:
    print(a, b, c)
for i, (x, *rest) in enumerate(["abc", "de"]):
    print(i, x, rest)
lst = [1, 2, 3, 4]
for item in lst:
    if item == 2:
        lst.remove(item)
print(lst)
lst = [1, 2, 3]
for item in lst:
    if len(lst) < 6:
        lst.append(item * 10)
print(lst)
d = {"a": 1}
try:
    for key in d:
        d["new"] = 2
except RuntimeError as e:
    print("RuntimeError", e)
s = {1, 2}
try:
    for v in s:
        s.add(v + 10)
except RuntimeError as e:
    print("RuntimeError", e)
for i in range(3):
    i = "rebinding doesn't affect iteration"
print(i)
for x in range(2):
    def f():
        return x
print(f())
r = range(5, 0, -2)
for v in r:
    print("range step", v)
for c in iter([1, 2, 3]).__iter__():
    print("iter", c)
nested_result = []
for a in range(3):
    for b in range(3):
        if a == b:
            continue
        if a + b > 3:
            break
        nested_result.append((a, b))
print(nested_result)
try:
    for z in None:
        pass
except TypeError as e:
    print("TypeError", e)
