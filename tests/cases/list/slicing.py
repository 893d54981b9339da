# List slicing reads, including extended slices and out-of-range bounds
a = list(range(10))
for sl in [slice(None), slice(2, 5), slice(-3, None), slice(None, -3), slice(None, None, -1), slice(1, None, 2),
           slice(8, 2, -2), slice(100, 200), slice(-100, 2), slice(5, 1), slice(None, None, 3), slice(-1, -11, -1),
           slice(-1, -12, -1), slice(2**70, None), slice(None, None, -2**70)]:
    print(sl, a[sl])
print(a[::], a[:0], a[10:], a[9:10], a[-1:])
b = a[:]
b[0] = "changed"
print(a[0], b[0])
try:
    a[::0]
except ValueError as e:
    print("ValueError", e)
try:
    a["1":]
except TypeError as e:
    print("TypeError", e)
try:
    a[1.5]
except TypeError as e:
    print("TypeError", e)
for i in (10, -11):
    try:
        a[i]
    except IndexError as e:
        print("IndexError", e)
class Idx:
    def __index__(self):
        return 3
print(a[Idx()], a[Idx():], a[:Idx():-1])
print(a[True], a[False:True])
