# get, setdefault, pop, popitem
d = {"a": 1, "b": 2, "c": 3}
print(d.get("a"), d.get("z"), d.get("z", "default"), d.get("a", "default"))
print(d.setdefault("a", 100), d.setdefault("d"), d.setdefault("e", [1]), d)
d["e"].append(2)
print(d)
print(d.pop("a"), d.pop("zz", "fallback"), d.pop("d"), d)
try:
    d.pop("zz")
except KeyError as e:
    print("KeyError", e)
print(d.popitem(), d.popitem(), d)
d.clear()
try:
    d.popitem()
except KeyError as e:
    print("KeyError", e)
try:
    d.get()
except TypeError as e:
    print("TypeError", e)
try:
    d.get([1])
except TypeError as e:
    print("TypeError", e)
try:
    d.pop()
except TypeError as e:
    print("TypeError", e)
try:
    d.setdefault()
except TypeError as e:
    print("TypeError", e)
print({}.get(1, 2), {1: None}.get(1, 2), {}.pop(1, None))
order = {}
for k in "zyxwv":
    order[k] = ord(k)
print(order.popitem(), list(order))
