# list.pop, remove, clear, del, copy
a = list(range(10))
print(a.pop(), a.pop(0), a.pop(-2), a.pop(3), a)
a.remove(5)
print(a)
b = [1, 2, 1, 2]
b.remove(2)
print(b)
for f, desc in [(lambda: [].pop(), "pop empty"), (lambda: [1].pop(5), "pop 5"), (lambda: [1].pop(-2), "pop -2"),
                (lambda: [1].remove(2), "remove missing"), (lambda: [1].pop("0"), "pop str"), (lambda: [].remove(), "remove none")]:
    try:
        f()
    except Exception as e:
        print(desc, type(e).__name__, e)
c = [1, [2, 3]]
d = c.copy()
d[1].append(4)
d.append(5)
print(c, d, c is d, c[1] is d[1])
c.clear()
print(c, d)
e = list(range(10))
del e[2]
del e[-1]
del e[1:3]
del e[::2]
print(e)
try:
    del e[10]
except IndexError as ex:
    print("IndexError", ex)
print([1, 2.0, 1.0].count(1), [1, 2, 2.0].index(2.0), [float("nan")].count(float("nan")))
class Eq:
    def __eq__(self, other):
        print("  eq called")
        return False
x = Eq()
lst = [x, 1]
lst.remove(x)
print(lst)
