# array._array_reconstructor rebuilds an array from machine values of any byte order and size
# (what pickle protocol 3+ stores), and __reduce_ex__ uses it from protocol 3 on.
import array
import pickle
from array import _array_reconstructor as rebuild

a = array.array("i", [1, -2, 3])
print(a.__reduce_ex__(2))
print(a.__reduce_ex__(3))
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    b = pickle.loads(pickle.dumps(a, proto))
    print(proto, b, b == a)


class A(array.array):
    pass


x = A("d", [1.5, -2.25])
x.note = "kept"
y = pickle.loads(pickle.dumps(x, 4))
print(type(y).__name__, y, y.note)

print(rebuild(array.array, "b", 1, b"\x01\xff"))
print(rebuild(array.array, "b", 0, b"\x01\xff"))
print(rebuild(array.array, "h", 5, b"\x01\x00\xff\xfe"))
print(rebuild(array.array, "H", 3, b"\x01\x00\xff\xfe"))
print(rebuild(array.array, "i", 9, b"\x00\x00\x00\x07"))
print(rebuild(array.array, "l", 13, b"\xff" * 8 + b"\x00" * 7 + b"\x02"))
print(rebuild(array.array, "Q", 11, b"\x80" + b"\x00" * 7))
print(rebuild(array.array, "d", 15, b"\x3f\xc0\x00\x00"))
print(rebuild(array.array, "f", 17, b"\x3f\xf8\x00\x00\x00\x00\x00\x00"))
print(rebuild(array.array, "u", 19, "hé".encode("utf-16-be")))
print(rebuild(array.array, "u", 21, "hé".encode("utf-32-be")))
print(rebuild(A, "i", 8, b"\x05\x00\x00\x00"))
for args in (
    (int, "b", 1, b""),
    (3, "b", 1, b""),
    (array.array, "x", 1, b""),
    (array.array, "b", 22, b""),
    (array.array, "b", -1, b""),
    (array.array, "b", 1, "no"),
    (array.array, "bb", 1, b""),
    (array.array, 1, 1, b""),
    (array.array, "i", 8, b"\x01"),
    (array.array, "b", 20, "x".encode("utf-32-le")),
):
    try:
        print(rebuild(*args))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


# Only array.array itself refuses keyword arguments; a subclass's __init__ may take them.
class K(array.array):
    def __init__(self, typecode, newarg=None):
        self.newarg = newarg


print(K("b", newarg=1).newarg)
try:
    array.array("b", initializer=[1])
except TypeError as e:
    print("TypeError", e)
