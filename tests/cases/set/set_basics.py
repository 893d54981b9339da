# set construction, add, remove, discard, pop, clear, len, in (ints: deterministic order)
s = {3, 1, 2}
print(s, len(s), 2 in s, 5 not in s, set(), set([1, 1, 2]), set(range(5)), set("aab") == {"a", "b"}, set({1: 2}))
s.add(10)
s.add(1)
print(s)
s.remove(10)
s.discard(99)
s.discard(3)
print(s)
try:
    s.remove(99)
except KeyError as e:
    print("KeyError", e)
print(s.pop(), s)
s.clear()
print(s)
try:
    s.pop()
except KeyError as e:
    print("KeyError", e)
try:
    s.add([1])
except TypeError as e:
    print("TypeError", e)
try:
    {[1, 2]}
except TypeError as e:
    print("TypeError", e)
try:
    set(5)
except TypeError as e:
    print("TypeError", e)
try:
    [1] in {1}
except TypeError as e:
    print("TypeError", e)
print({1, 1.0, True}, {0, False, 0.0, -0.0}, {2**64, 2**64 + 1, -1, -2})
print(sorted({5, -3, 100, 0}), {x % 4 for x in range(20)}, {(1, 2), (1, 2)})
print(repr(set()), repr({1}), type({1}).__name__, set.__mro__)
t = {100, 5, 37, 64, 2, 1000, 33}
print(t, list(t))
