# s[i:j] with int or None bounds on exact strs and lists (taken without a slice object),
# next to the same slices of subclasses and with other bounds (the generic path).
s = "hello, world"
u = "héllo wörld ✓"
l = list(range(10))
for a in [None, 0, 1, 3, -1, -4, -20, 20, 100]:
    for b in [None, 0, 2, 5, -1, -3, -30, 30]:
        print(a, b, repr(s[a:b]), repr(u[a:b]), l[a:b])
i, j = 2, 6
print(s[i:j], u[i:j], l[i:j], s[:j], s[i:], u[-j:], l[-i:])
print(s[True:3], l[False:True], s[1:2:1], l[::2])
print(s[:] == s, l[:] == l, l[:] is l)


class S(str):
    def __getitem__(self, k):
        return ("S", k)


class L(list):
    def __getitem__(self, k):
        return ("L", k)


print(S("abc")[0:2], L([1, 2, 3])[1:None])


class Idx:
    def __index__(self):
        return 2


print(s[Idx():5], l[:Idx()])
for bad in [lambda: s["a":2], lambda: l[1.0:2], lambda: (1, 2, 3)[0:x]]:
    try:
        bad()
    except (TypeError, NameError) as e:
        print(type(e).__name__, e)
t = (1, 2, 3)
print(t[0:2], t[-1:], range(10)[2:5], b"bytes"[1:3])


class I(int):
    def __init__(self, *args):
        print("I.__init__", args)


class N(int):
    pass


print(int(3.7), int("12"), int("ff", 16), int(True), I(5), N(7) + 1, type(N(7)))
print(str(5), float("1.5"), tuple([1]), list((2,)), bool(0))
try:
    int(1, 2, 3)
except TypeError as e:
    print("TypeError", e)
