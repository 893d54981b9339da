# User-defined __hash__: return value normalisation and use in containers
class H:
    def __init__(self, h):
        self.h = h
    def __hash__(self):
        return self.h
for h in [0, 1, -1, -2, 2 ** 61 - 1, 2 ** 61, 2 ** 64, -(2 ** 64), 10 ** 30, True]:
    print(repr(h), hash(H(h)))
class IntSub(int):
    pass
class RetSub:
    def __hash__(self):
        return IntSub(12)
print(hash(RetSub()), type(hash(RetSub())).__name__)
for bad in [1.0, "1", None]:
    class Bad:
        def __hash__(self, v=bad):
            return v
    try:
        hash(Bad())
    except TypeError as e:
        print(repr(bad), "TypeError", e)
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, o):
        return (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return f"P({self.x},{self.y})"
pts = {Point(1, 2), Point(1, 2), Point(2, 1)}
print(len(pts), Point(2, 1) in pts, hash(Point(1, 2)) == hash((1, 2)))
