# tuple repr, subclasses, and tuples containing mutable objects
print(repr(()), repr((1,)), repr((1, 2)), repr(("a", ("b",))), str((None, True)), repr(((),)))
t = ([1], [2])
t[0].append(99)
print(t)
try:
    t[0] += [100]
except TypeError as e:
    print("TypeError", e)
print(t)
class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]
    def __repr__(self):
        return f"Point{tuple.__repr__(self)}"
p = Point(3, 4)
print(p, p.x, p[1], len(p), p + (5,), type(p + (5,)).__name__, type(p[:]).__name__, p == (3, 4), hash(p) == hash((3, 4)))
print(tuple.__mro__, isinstance(p, tuple))
class T(tuple):
    pass
e = T()
print(e, repr(T([1])), type(T([1]) * 2).__name__)
print(tuple(p), tuple(p) is p, tuple((1, 2)) is not None)
print((1, 2).__len__(), (1, 2).__getitem__(0), (1, 2).__contains__(2), (1,).__add__((2,)), (1,).__mul__(2))
