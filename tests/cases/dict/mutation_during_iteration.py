# Mutating a dict during iteration raises RuntimeError
d = {1: 1, 2: 2, 3: 3}
try:
    for k in d:
        d[k + 10] = 0
except RuntimeError as e:
    print("RuntimeError", e)
print(len(d))
d = {1: 1, 2: 2, 3: 3}
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print("RuntimeError", e)
print(d)
d = {1: 1, 2: 2}
for k in d:
    d[k] = "changed"
print(d)
d = {1: 1, 2: 2, 3: 3}
for k in list(d):
    if k % 2:
        del d[k]
print(d)
d = {"a": 1}
try:
    for v in d.values():
        d["b"] = 2
except RuntimeError as e:
    print("RuntimeError", e)
d = {"a": 1, "b": 2}
try:
    for item in d.items():
        d.pop("b")
except RuntimeError as e:
    print("RuntimeError", e)
d = {"a": 1, "b": 2}
try:
    for k in d:
        d.pop(k)
        d[k] = 1
except RuntimeError as e:
    print("RuntimeError", e)
print(d)
d = {"x": 0}
try:
    for k in reversed(d):
        d["y"] = 1
except RuntimeError as e:
    print("RuntimeError", e)
