class L(list):
    def __iter__(self):
        return iter([7, 8])
class T(tuple):
    def __iter__(self):
        return iter("ab")
a, b = L([1, 2])
print(a, b)
a, *b = L([1, 2, 3])
print(a, b)
x, y = T((1, 2))
print(x, y)
for p, q in [L([1, 2]), T((3, 4)), (5, 6), [7, 8]]:
    print(p, q)
try:
    a, b = L([1, 2, 3, 4])
except ValueError as e:
    print(e)
try:
    a, b = (1, 2, 3)
except ValueError as e:
    print(e)
try:
    a, b = [1]
except ValueError as e:
    print(e)
it = iter([1, 2])
print(list(it), list(it))
t = (1, 2, 3)
it = iter(t)
for v in it:
    print(v)
print(next(it, 'done'))
l = [1, 2, 3]
for v in l:
    if v == 1:
        l.append(4)
    print(v)
print(2.0 ** 0.5, 3 ** 0.5, 2.5 ** 2, 10.0 ** -2, 1e300 ** 0.5)
try:
    print(10.0 ** 400)
except OverflowError as e:
    print(e)
print((-8.0) ** (1/3), 0.0 ** 2.0, 1e-300 ** 20)
