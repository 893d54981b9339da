# tuple comparisons and hashing
print((1, 2) < (1, 3), (1, 2) < (1, 2, 3), () < (0,), (2,) > (1, 9), (1, 2) == (1, 2), (1, 2) == [1, 2])
print((1, "a") < (1, "b"), (1, (2, 3)) < (1, (2, 4)), (1.0, 2) == (1, 2))
try:
    (1, "a") < (1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    (1,) < [1]
except TypeError as e:
    print("TypeError", e)
print(hash(()), hash((1,)), hash((1, 2)), hash((1, 2, 3)), hash(("a", 1)) == hash(("a", 1)), hash((1, 2)) == hash((1.0, 2.0)))
print(hash((-1,)), hash((0, 0)), hash(((1, 2), (3, 4))), hash((None,)) == hash((None,)))
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError", e)
try:
    {(1, {2}): 1}
except TypeError as e:
    print("TypeError", e)
d = {(1, 2): "a", (1, 2.0): "b"}
print(d)
print(sorted([(2, "b"), (1, "z"), (2, "a"), (1,)]), max((1, 2), (1, 2, 0)), min([(3,), (2, 99)]))
nan = float("nan")
t = (nan,)
print(t == t, (nan,) == (nan,), t < (1,) if False else t.count(nan))
