# type() with one argument and three arguments
print(type(1), type("s"), type(None), type(type), type(int), type([]) is list, type(True).__name__)
X = type("X", (), {"a": 1, "hello": lambda self: "hi " + str(self.a)})
x = X()
print(X.__name__, X.__qualname__, X.__bases__, x.a, x.hello(), type(x) is X, isinstance(x, X))
Y = type("Y", (X,), {"b": 2, "__repr__": lambda self: "Y()"})
print(Y.__mro__ == (Y, X, object), Y().a, Y().b, repr(Y()), Y.__module__)
print(type("Z", (int,), {})(5) + 1, type("E", (Exception,), {})("msg").args)
for args in [("A",), ("A", ()), ("A", (), {}, 1), (1, (), {}), ("A", [], {}), ("A", (), []), ("A", (1,), {})]:
    try:
        print(type(*args))
    except TypeError as e:
        print(type(e).__name__, e)
try:
    type("Bad", (bool,), {})
except TypeError as e:
    print("TypeError", e)
class Meta(type):
    pass
M = Meta("M", (), {})
print(type(M).__name__, type(M()).__name__, isinstance(M, type))
print(type.__name__, type(type(type)) is type)
