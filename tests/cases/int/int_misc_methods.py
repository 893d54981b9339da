# Misc int behaviours: bool(), index protocol, int dunders, constructors
print(bool(0), bool(-1), bool(2**100))
print(int.from_bytes(b"\x01\x02", "big").__class__.__name__)
print((10).__divmod__(3), (10).__rdivmod__(3), (-10).__divmod__(3))
print((2).__lshift__(3), (2).__rshift__(1), (2).__and__(3))
print((2).__or__(5), (2).__xor__(7))
print((5).__rpow__(2), (5).__rtruediv__(1), (5).__truediv__(2))
print((5).__format__("03d"), (5).__sizeof__() > 0, (5).__getnewargs__())
print(int.__ceil__(5), int.__floor__(-5))
print((17).__ne__(17), (17).__ge__(16), (17).__add__("x"))
print(int("7") is not None, int.__doc__.splitlines()[0])
print([i * i for i in range(-3, 4)])
print(sum(i for i in range(101)), max(range(10**6)), min(-x for x in range(5)))
# int is immutable: operations create new objects
a = 1000
b = a
a += 1
print(a, b)
print(int.__mro__)
print(isinstance(True, int), type(True) is int, int in bool.__mro__)
