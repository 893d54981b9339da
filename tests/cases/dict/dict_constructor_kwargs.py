# dict() constructor forms and keyword argument interplay
print(dict(a=1), dict({"a": 1}, a=2), dict([("a", 1)], b=2), dict(**{"x": 1}), dict({1: 2}, **{"k": 3}))
print(dict(zip(range(3), "abc")), dict(enumerate("xy")), dict([(i, i * i) for i in range(3)]), dict(dict(a=1)))
def f(**kw):
    return kw
print(f(a=1, b=2), f(**{"c": 3}), f(**dict(d=4), e=5))
try:
    f(**{1: 2})
except TypeError as e:
    print("TypeError", e)
try:
    f(a=1, **{"a": 2})
except TypeError as e:
    print("TypeError", e)
try:
    dict(1, 2)
except TypeError as e:
    print("TypeError", e)
class M:
    def keys(self):
        return iter(["p", "q"])
    def __getitem__(self, k):
        return ord(k)
print(dict(M()), f(**M()), {**M()})
try:
    {**[1, 2]}
except TypeError as e:
    print("TypeError", e)
print(dict.fromkeys(range(3), "v") == {0: "v", 1: "v", 2: "v"}, dict(a=[]) == {"a": []})
