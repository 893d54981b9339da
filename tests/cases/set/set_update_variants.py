# update/|= with many iterables, intersection_update with several args, in-place ops returning same object
s = {1}
r = s.update([2], (3,), {4: "k"}, range(5, 7), "")
print(s, r)
t = s
t |= {100}
print(s is t, s)
t &= {1, 2, 100, 200}
print(s)
t -= {2}
print(s)
t ^= {1, 50}
print(s, t is s)
u = {1, 2, 3, 4, 5}
u.intersection_update([1, 2, 3, 9], range(2, 10))
print(u)
u.difference_update([2], {9})
print(u)
u.symmetric_difference_update(range(5))
print(u)
fs = frozenset([1, 2])
orig = fs
fs |= {3}
print(fs, orig, fs is orig)
try:
    s.update(1)
except TypeError as e:
    print("TypeError", e)
try:
    s.update([[1]])
except TypeError as e:
    print("TypeError", e)
print(s)
