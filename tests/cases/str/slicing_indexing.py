# Indexing and slicing strings including negative and out-of-range
s = "Hello, 世界!"
print(len(s), s[0], s[-1], s[7], s[-3])
for sl in [(None, None, None), (2, 5, None), (-3, None, None), (None, -3, None), (None, None, -1), (None, None, 2),
           (1, None, 3), (100, None, None), (-100, 3, None), (5, 2, None), (5, 2, -1), (None, None, -3), (8, 0, -2),
           (-1, -100, -1), (3, 3, None), (0, 100, 4)]:
    print(sl, repr(s[slice(*sl)]))
for i in (100, -100, len(s)):
    try:
        s[i]
    except IndexError as e:
        print("IndexError", e)
try:
    s[1.0]
except TypeError as e:
    print("TypeError", e)
try:
    s["a"]
except TypeError as e:
    print("TypeError", e)
try:
    s[::0]
except ValueError as e:
    print("ValueError", e)
try:
    s[0] = "h"
except TypeError as e:
    print("TypeError", e)
try:
    del s[0]
except TypeError as e:
    print("TypeError", e)
print(s[True], s[False:True], "abc"[2**70:], "abc"[-2**70:])
print(s[::-1], "racecar"[::-1] == "racecar", ""[::-1], "a"[5:1:-1])
class Idx:
    def __index__(self):
        return 2
print(s[Idx()], s[Idx():], s[:Idx()])
print([c for c in "añ😀"], list(reversed("abc")), "😀"[0], len("😀"))
