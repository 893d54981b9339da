# A TypeError raised while matching a class pattern ends the program (traceback compared)
class Vector:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
def norm1(v):
    match v:
        case Vector(x, y):
            return abs(x) + abs(y)
        case (x, y):
            return abs(x) + abs(y)
print(norm1(Vector(3, -4)), norm1((1, 2)))
def broken(v):
    match v:
        case Vector(x, y, z):
            return x + y + z
print(broken((1, 2, 3)))
print(broken(Vector(1, 2)))
