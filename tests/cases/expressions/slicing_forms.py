# Slicing in all its forms
s = list(range(10))
print(s[2:5], s[:3], s[7:], s[:], s[::2], s[1::3], s[::-1], s[-3:], s[:-3], s[-3:-1])
print(s[5:2], s[5:2:-1], s[-1:-4:-1], s[100:], s[-100:2], s[2:100], s[::-3], s[8:1:-2])
print(s[None:None:None], s[slice(2, 4)], s[slice(None, None, -2)])
t = "abcdefgh"
print(t[1:4], t[::-1], t[::3], t[-2:], t[10:], t[3:3], t[-100:100])
print((1, 2, 3, 4)[1:3], b"bytes"[1:3], bytearray(b"xyz")[::-1], range(10)[2:8:2], range(10)[::-1])
try:
    s[::0]
except ValueError as e:
    print("ValueError", e)
try:
    s["a":]
except TypeError as e:
    print("TypeError", e)
try:
    s[1.5:]
except TypeError as e:
    print("TypeError", e)
class Idx:
    def __index__(self): return 3
print(s[Idx():], s[:Idx()], "hello"[Idx()])
big = 10 ** 30
print(s[-big:big], s[big:], s[::big], s[::-big])
m = list(range(8))
m[1:3] = []
print(m)
m[:0] = ["start"]
print(m)
m[len(m):] = ["end"]
print(m)
m[2:4] = "XYZ"
print(m)
m[::-1] = m[:]
print(m)
try:
    m[::2] = [1, 2]
except ValueError as e:
    print("ValueError", e)
m[1:1] = [0, 0]
print(m)
x = list(range(5))
x[3:1] = ["inserted"]
print(x)
del x[::-2]
print(x)
print(slice(1, 2, 3), slice(None), slice(5).stop, repr(slice("a", "b")))
print(s[1:2:None], s[-1::-1][:2])
ss = "abc"
print(ss[0:1] == ss[0], ss[5:6] == "", [][0:5])
print([0, 1, 2][True:], "xyz"[False])
