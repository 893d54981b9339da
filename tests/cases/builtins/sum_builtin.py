# sum() with start, floats, and errors
print(sum([]), sum([1, 2, 3]), sum([1, 2], 10), sum(range(101)), sum([0.1] * 10), sum([1, 2.5]), sum([1j, 2]))
print(sum([[1], [2]], []), sum([(1,), (2,)], ()), sum([True, True]), sum([10 ** 20, 1]), sum([], start=5))
for args in [(["a", "b"], ""), ([b"a"], b""), ([1, "a"],), (5,), ([[1]],)]:
    try:
        print(sum(*args))
    except TypeError as e:
        print("TypeError", e)
try:
    sum([bytearray(b"x")], bytearray())
except TypeError as e:
    print("TypeError", e)
class V:
    def __init__(self, x):
        self.x = x
    def __add__(self, o):
        return V(self.x + (o.x if isinstance(o, V) else o))
    __radd__ = __add__
print(sum([V(1), V(2)]).x, sum([V(1)], V(10)).x)
print(sum([1e308, 1e308, -1e308]), sum([float("inf"), 1]), sum(x / 10 for x in range(5)))
print(sum([2 ** 63, 2 ** 63]), sum([-1] * 1000), sum([0.5, 1, 2 ** 53]))
